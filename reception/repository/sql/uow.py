"""The unit of work over SQLAlchemy: one Session and one transaction per `with`."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from types import TracebackType

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from reception.domain.sync import OPERATION_VERSION
from reception.repository.sql import replica
from reception.repository.sql.engine import READ_ONLY
from reception.repository.sql.errors import storage_errors
from reception.repository.sql.repositories import (
    SqlAccessLogRepository,
    SqlAttendanceRepository,
    SqlBranchRepository,
    SqlCustomerRepository,
    SqlLoginAttemptRepository,
    SqlPaymentRepository,
    SqlServiceRepository,
    SqlStaffRepository,
    SqlSubscriptionRepository,
)
from reception.repository.sql.repositories.changes import SqlChangeRepository
from reception.repository.sql.repositories.passes import SqlPassRepository
from reception.repository.sql.repositories.server import SqlOperationRepository, SqlSessionRepository


@dataclass(frozen=True)
class _Transaction:
    session: Session
    branches: SqlBranchRepository
    staff: SqlStaffRepository
    customers: SqlCustomerRepository
    services: SqlServiceRepository
    subscriptions: SqlSubscriptionRepository
    attendance: SqlAttendanceRepository
    access_log: SqlAccessLogRepository
    payments: SqlPaymentRepository
    operations: SqlOperationRepository
    sessions: SqlSessionRepository
    login_attempts: SqlLoginAttemptRepository
    changes: SqlChangeRepository
    passes: SqlPassRepository

    @classmethod
    def open(cls, session: Session) -> _Transaction:
        return cls(
            session,
            SqlBranchRepository(session),
            SqlStaffRepository(session),
            SqlCustomerRepository(session),
            SqlServiceRepository(session),
            SqlSubscriptionRepository(session),
            SqlAttendanceRepository(session),
            SqlAccessLogRepository(session),
            SqlPaymentRepository(session),
            SqlOperationRepository(session),
            SqlSessionRepository(session),
            SqlLoginAttemptRepository(session),
            SqlChangeRepository(session),
            SqlPassRepository(session),
        )


class _Savepoint:
    """SAVEPOINT … RELEASE, or ROLLBACK TO on an error (which then carries on up)."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._nested: object = None
        self.done = False

    def __enter__(self) -> object:
        with storage_errors():
            self._nested = self._session.begin_nested()
        return self._nested

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        nested = self._nested
        assert nested is not None
        self.done = True
        with storage_errors():
            if exc_type is None:
                nested.commit()  # type: ignore[attr-defined]
            else:
                nested.rollback()  # type: ignore[attr-defined]


class SqlUnitOfWork:
    """Implements reception.repository.ports.UnitOfWork.

    `with uow:` begins a write transaction at once (SQLite: BEGIN IMMEDIATE, so a second
    desk waits for the lock instead of failing halfway); `with uow.reading():` begins one
    that only reads (SQLite: deferred BEGIN, which never blocks a writer in WAL mode;
    PostgreSQL: READ ONLY). Leaving the block without commit() rolls everything back.

    The transaction belongs to the thread that entered it, so one unit of work can be
    shared by the services running in different workers. Repositories are reachable only
    inside the `with`: a stray call afterwards fails loudly instead of opening a
    transaction nobody closes.
    """

    def __init__(self, bind: Engine | sessionmaker[Session], *, outbox: bool = False) -> None:
        """`outbox`: this is a branch desk's replica, and every write transaction's changes are stored as an
        operation in its outbox before it commits (repository.sql.replica.capture)."""
        self._outbox = outbox
        if isinstance(bind, Engine):
            self._factory: sessionmaker[Session] = sessionmaker(bind=bind, expire_on_commit=False)
        else:
            self._factory = bind
        self._local = threading.local()

    @property
    def engine(self) -> Engine:
        bind = self._factory.kw.get("bind")
        if not isinstance(bind, Engine):
            raise TypeError("the session factory is not bound to an engine")
        return bind

    def reading(self) -> SqlUnitOfWork:
        """Makes this thread's next `with` a read-only transaction."""
        self._local.read_next = True
        return self

    @contextmanager
    def enclosing(self, *, savepoints: bool = True) -> Iterator[SqlUnitOfWork]:
        """One write transaction around several service calls: each `with uow:` inside becomes a
        savepoint (its commit() releases it, an error undoes it alone), or with `savepoints=False` simply
        joins, and each `with uow.reading():` joins. Nothing is durable until this block's own commit():
        the server writes an operation's stored reply in the same transaction as the change it answers."""
        with self:
            self._local.inner = []
            self._local.savepoints = savepoints
            try:
                yield self
            finally:
                self._local.inner = None

    def __enter__(self) -> SqlUnitOfWork:
        read_only = getattr(self._local, "read_next", False)
        self._local.read_next = False
        inner = getattr(self._local, "inner", None)
        if inner is not None:  # inside enclosing(): a savepoint for a write, nothing for a read
            nested = None if read_only or not self._local.savepoints else _Savepoint(self._active().session)
            if nested is not None:
                nested.__enter__()
            inner.append(nested)
            return self
        if getattr(self._local, "transaction", None) is not None:
            raise RuntimeError("This unit of work is already in a transaction on this thread")
        session = self._factory()
        options: dict[str, object] = {READ_ONLY: read_only}
        if read_only and self.engine.dialect.name == "postgresql":
            options["postgresql_readonly"] = True
        try:
            with storage_errors():
                # Begin now, in the right mode, rather than at the first statement.
                session.connection(execution_options=options)
        except BaseException:
            session.close()
            raise
        self._local.transaction = _Transaction.open(session)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        inner = getattr(self._local, "inner", None)
        if inner:
            nested = inner.pop()
            if nested is not None and not nested.done:
                nested.__exit__(BaseException, None, None)  # left without commit(): undo this part alone
            return
        transaction = getattr(self._local, "transaction", None)
        self._local.transaction = None
        if transaction is None:
            return
        try:
            with storage_errors():
                transaction.session.rollback()  # a no-op after commit(); undoes anything uncommitted
        finally:
            transaction.session.close()

    def commit(self) -> None:
        inner = getattr(self._local, "inner", None)
        if inner:
            if inner[-1] is not None and not inner[-1].done:
                inner[-1].__exit__(None, None, None)
            return
        with storage_errors():
            session = self._active().session
            if self._outbox:
                replica.capture(session, OPERATION_VERSION)
            session.commit()

    def rollback(self) -> None:
        inner = getattr(self._local, "inner", None)
        if inner:
            if inner[-1] is not None and not inner[-1].done:
                inner[-1].__exit__(BaseException, None, None)
            return
        with storage_errors():
            self._active().session.rollback()

    def savepoint(self) -> AbstractContextManager[object]:
        return _Savepoint(self._active().session)

    def _active(self) -> _Transaction:
        transaction: _Transaction | None = getattr(self._local, "transaction", None)
        if transaction is None:
            raise RuntimeError("Use the unit of work inside `with uow:`")
        return transaction

    @property
    def branches(self) -> SqlBranchRepository:
        return self._active().branches

    @property
    def staff(self) -> SqlStaffRepository:
        return self._active().staff

    @property
    def customers(self) -> SqlCustomerRepository:
        return self._active().customers

    @property
    def services(self) -> SqlServiceRepository:
        return self._active().services

    @property
    def subscriptions(self) -> SqlSubscriptionRepository:
        return self._active().subscriptions

    @property
    def attendance(self) -> SqlAttendanceRepository:
        return self._active().attendance

    @property
    def access_log(self) -> SqlAccessLogRepository:
        return self._active().access_log

    @property
    def payments(self) -> SqlPaymentRepository:
        return self._active().payments

    @property
    def passes(self) -> SqlPassRepository:
        return self._active().passes

    @property
    def operations(self) -> SqlOperationRepository:
        return self._active().operations

    @property
    def sessions(self) -> SqlSessionRepository:
        return self._active().sessions

    @property
    def login_attempts(self) -> SqlLoginAttemptRepository:
        return self._active().login_attempts

    @property
    def changes(self) -> SqlChangeRepository:
        return self._active().changes
