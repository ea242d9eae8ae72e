"""FakeUnitOfWork: reception.repository.ports.UnitOfWork over a MemoryStore, for service tests without a database.

It passes the same contract suite as the SQL adapter (tests/integration/test_repository_contract.py).
Several FakeUnitOfWork on one MemoryStore are desks sharing one database; one FakeUnitOfWork may be
used from several threads, each with its own transaction, as SqlUnitOfWork is.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from types import TracebackType
from typing import Self

from tests.fakes.memory_repositories import (
    MemoryAccessLogRepository,
    MemoryAttendanceRepository,
    MemoryBranchRepository,
    MemoryCustomerRepository,
    MemoryLoginAttemptRepository,
    MemoryOperationRepository,
    MemoryPassRepository,
    MemoryPaymentRepository,
    MemoryServiceRepository,
    MemorySessionRepository,
    MemoryStaffRepository,
    MemorySubscriptionRepository,
)
from tests.fakes.memory_store import MemoryStore, Savepoint, Transaction

__all__ = ["FakeUnitOfWork", "MemoryStore"]


@dataclass(frozen=True)
class _Open:
    transaction: Transaction
    branches: MemoryBranchRepository
    staff: MemoryStaffRepository
    customers: MemoryCustomerRepository
    services: MemoryServiceRepository
    subscriptions: MemorySubscriptionRepository
    attendance: MemoryAttendanceRepository
    access_log: MemoryAccessLogRepository
    payments: MemoryPaymentRepository
    operations: MemoryOperationRepository
    sessions: MemorySessionRepository
    login_attempts: MemoryLoginAttemptRepository
    passes: MemoryPassRepository

    @classmethod
    def begin(cls, store: MemoryStore, *, read_only: bool) -> _Open:
        tx = Transaction(store, read_only=read_only)
        return cls(
            tx,
            MemoryBranchRepository(tx),
            MemoryStaffRepository(tx),
            MemoryCustomerRepository(tx),
            MemoryServiceRepository(tx),
            MemorySubscriptionRepository(tx),
            MemoryAttendanceRepository(tx),
            MemoryAccessLogRepository(tx),
            MemoryPaymentRepository(tx),
            MemoryOperationRepository(tx),
            MemorySessionRepository(tx),
            MemoryLoginAttemptRepository(tx),
            MemoryPassRepository(tx),
        )


class FakeUnitOfWork:
    """One transaction per `with`, on this thread; rolled back on exit unless commit() was called.

    `with uow:` writes; `with uow.reading():` only reads (a write or a lock in it is refused, as
    PostgreSQL does). Inside enclosing(), each `with uow:` is a savepoint and each reading joins.
    """

    def __init__(self, store: MemoryStore | None = None) -> None:
        self.store = store if store is not None else MemoryStore()
        self._local = threading.local()

    def another(self) -> FakeUnitOfWork:
        """A unit of work on the same data: another desk on the same database."""
        return FakeUnitOfWork(self.store)

    def reading(self) -> Self:
        self._local.read_next = True
        return self

    @contextmanager
    def enclosing(self, *, savepoints: bool = True) -> Iterator[FakeUnitOfWork]:
        with self:
            self._local.inner = []
            self._local.savepoints = savepoints
            try:
                yield self
            finally:
                self._local.inner = None

    def __enter__(self) -> Self:
        read_only = getattr(self._local, "read_next", False)
        self._local.read_next = False
        inner: list[Savepoint | None] | None = getattr(self._local, "inner", None)
        if inner is not None:  # inside enclosing(): a savepoint for a write, nothing for a read
            nested = None if read_only or not self._local.savepoints else Savepoint(self._active().transaction)
            if nested is not None:
                nested.__enter__()
            inner.append(nested)
            return self
        if getattr(self._local, "open", None) is not None:
            raise RuntimeError("This unit of work is already in a transaction on this thread")
        self._local.open = _Open.begin(self.store, read_only=read_only)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        inner: list[Savepoint | None] | None = getattr(self._local, "inner", None)
        if inner:
            nested = inner.pop()
            if nested is not None and not nested.done:
                nested.__exit__(BaseException, None, None)  # left without commit(): undo this part alone
            return
        current: _Open | None = getattr(self._local, "open", None)
        self._local.open = None
        if current is not None:
            current.transaction.rollback()  # nothing left after commit(); undoes anything uncommitted

    def commit(self) -> None:
        inner: list[Savepoint | None] | None = getattr(self._local, "inner", None)
        if inner:
            if inner[-1] is not None and not inner[-1].done:
                inner[-1].__exit__(None, None, None)
            return
        self._active().transaction.commit()

    def rollback(self) -> None:
        inner: list[Savepoint | None] | None = getattr(self._local, "inner", None)
        if inner:
            if inner[-1] is not None and not inner[-1].done:
                inner[-1].__exit__(BaseException, None, None)
            return
        self._active().transaction.rollback()

    def savepoint(self) -> AbstractContextManager[object]:
        return Savepoint(self._active().transaction)

    def _active(self) -> _Open:
        current: _Open | None = getattr(self._local, "open", None)
        if current is None:
            raise RuntimeError("Use the unit of work inside `with uow:`")
        return current

    @property
    def branches(self) -> MemoryBranchRepository:
        return self._active().branches

    @property
    def staff(self) -> MemoryStaffRepository:
        return self._active().staff

    @property
    def customers(self) -> MemoryCustomerRepository:
        return self._active().customers

    @property
    def services(self) -> MemoryServiceRepository:
        return self._active().services

    @property
    def subscriptions(self) -> MemorySubscriptionRepository:
        return self._active().subscriptions

    @property
    def attendance(self) -> MemoryAttendanceRepository:
        return self._active().attendance

    @property
    def access_log(self) -> MemoryAccessLogRepository:
        return self._active().access_log

    @property
    def payments(self) -> MemoryPaymentRepository:
        return self._active().payments

    @property
    def operations(self) -> MemoryOperationRepository:
        return self._active().operations

    @property
    def sessions(self) -> MemorySessionRepository:
        return self._active().sessions

    @property
    def login_attempts(self) -> MemoryLoginAttemptRepository:
        return self._active().login_attempts

    @property
    def passes(self) -> MemoryPassRepository:
        return self._active().passes
