"""The unit of work over SQLAlchemy: one Session and one transaction per `with`."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from reception.repository.sql.engine import READ_ONLY
from reception.repository.sql.errors import storage_errors
from reception.repository.sql.repositories import (
    SqlAccessLogRepository,
    SqlAttendanceRepository,
    SqlBranchRepository,
    SqlCustomerRepository,
    SqlPaymentRepository,
    SqlServiceRepository,
    SqlStaffRepository,
    SqlSubscriptionRepository,
)


class SqlUnitOfWork:
    """Implements reception.repository.ports.UnitOfWork.

    `with uow:` begins a write transaction at once (SQLite: BEGIN IMMEDIATE, so a second
    desk waits for the lock instead of failing halfway); `with uow.reading():` begins one
    that only reads (SQLite: deferred BEGIN; PostgreSQL: READ ONLY). Leaving the block
    without commit() rolls everything back.
    """

    branches: SqlBranchRepository
    staff: SqlStaffRepository
    customers: SqlCustomerRepository
    services: SqlServiceRepository
    subscriptions: SqlSubscriptionRepository
    attendance: SqlAttendanceRepository
    access_log: SqlAccessLogRepository
    payments: SqlPaymentRepository

    def __init__(self, bind: Engine | sessionmaker[Session], *, read_only: bool = False) -> None:
        if isinstance(bind, Engine):
            self._factory: sessionmaker[Session] = sessionmaker(bind=bind, expire_on_commit=False)
        else:
            self._factory = bind
        self._read_only = read_only
        self._session: Session | None = None

    @property
    def engine(self) -> Engine:
        bind = self._factory.kw.get("bind")
        if not isinstance(bind, Engine):
            raise TypeError("the session factory is not bound to an engine")
        return bind

    def reading(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self._factory, read_only=True)

    def __enter__(self) -> SqlUnitOfWork:
        if self._session is not None:
            raise RuntimeError("This unit of work is already in a transaction")
        session = self._factory()
        options: dict[str, object] = {READ_ONLY: self._read_only}
        if self._read_only and self.engine.dialect.name == "postgresql":
            options["postgresql_readonly"] = True
        try:
            with storage_errors():
                # Begin now, with the right mode, rather than at the first statement.
                session.connection(execution_options=options)
        except BaseException:
            session.close()
            raise
        self._session = session
        self.branches = SqlBranchRepository(session)
        self.staff = SqlStaffRepository(session)
        self.customers = SqlCustomerRepository(session)
        self.services = SqlServiceRepository(session)
        self.subscriptions = SqlSubscriptionRepository(session)
        self.attendance = SqlAttendanceRepository(session)
        self.access_log = SqlAccessLogRepository(session)
        self.payments = SqlPaymentRepository(session)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        session, self._session = self._session, None
        if session is None:
            return
        try:
            with storage_errors():
                session.rollback()  # a no-op after commit(); undoes anything uncommitted
        finally:
            session.close()

    def commit(self) -> None:
        with storage_errors():
            self._active().commit()

    def rollback(self) -> None:
        with storage_errors():
            self._active().rollback()

    def _active(self) -> Session:
        if self._session is None:
            raise RuntimeError("Use the unit of work inside `with uow:`")
        return self._session
