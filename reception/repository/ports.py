"""What the services need from storage, as Protocols. Adapters live in sql/ (and later api/).

Every method takes and returns domain values (frozen dataclasses), never ORM objects.
Times are timezone-aware UTC datetimes.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from types import TracebackType
from typing import Protocol

from reception.domain.models import (
    AccessLogEntry,
    Attendance,
    Branch,
    Customer,
    LedgerEntry,
    Payment,
    RevokedCard,
    Service,
    Staff,
    Subscription,
)


class BranchRepository(Protocol):
    def add(self, branch: Branch) -> None: ...
    def update(self, branch: Branch) -> None: ...
    def get(self, branch_id: uuid.UUID) -> Branch | None: ...
    def by_number(self, number: int) -> Branch | None: ...
    def list(self) -> list[Branch]: ...


class StaffRepository(Protocol):
    def add(self, staff: Staff) -> None: ...
    def update(self, staff: Staff) -> None: ...
    def get(self, staff_id: uuid.UUID) -> Staff | None: ...
    def by_username(self, username: str) -> Staff | None:
        """Case-insensitive."""
        ...
    def list(self, branch_id: uuid.UUID | None = None) -> list[Staff]: ...


class CustomerRepository(Protocol):
    def add(self, customer: Customer) -> None:
        """Also indexes the customer for search (domain.search.terms_for)."""
        ...
    def add_many(self, customers: Sequence[Customer]) -> None:
        """Bulk add (imports, the demo gym): the same result as add() for each, much faster."""
        ...
    def update(self, customer: Customer) -> None:
        """Replaces every field and re-indexes for search."""
        ...
    def get(self, customer_id: uuid.UUID) -> Customer | None: ...
    def get_many(self, ids: Sequence[uuid.UUID]) -> list[Customer]:
        """In the order of `ids`; unknown ids are left out."""
        ...
    def by_member_no(self, member_no: int) -> Customer | None: ...
    def by_code(self, code: str) -> Customer | None:
        """The customer whose *current* card is exactly `code`."""
        ...
    def by_phone(self, phone: str) -> list[Customer]: ...
    def search_ids(self, tokens: Sequence[str], *, branch_id: uuid.UUID | None, limit: int) -> list[uuid.UUID]:
        """Ids of customers having, for every token, a search term starting with it
        (tokens and terms come from domain.search). Ordered by folded name, then member_no."""
        ...
    def count(self, branch_id: uuid.UUID | None = None) -> int: ...
    def next_member_no(self) -> int:
        """Atomically takes the next member number (inside the current transaction)."""
        ...
    def reserve_member_nos(self, count: int) -> int:
        """Atomically takes `count` consecutive numbers; returns the first."""
        ...
    def revoke_card(self, card: RevokedCard) -> None: ...
    def revoked_card(self, code: str) -> RevokedCard | None: ...


class ServiceRepository(Protocol):
    def add(self, service: Service) -> None: ...
    def update(self, service: Service) -> None: ...
    def get(self, service_id: uuid.UUID) -> Service | None: ...
    def list(self, *, active_only: bool = False) -> list[Service]: ...


class SubscriptionRepository(Protocol):
    def add(self, subscription: Subscription) -> None: ...
    def update(self, subscription: Subscription) -> None:
        """Dates, status, freeze fields. Never the balance: see deduct_one / credit."""
        ...
    def get(self, subscription_id: uuid.UUID) -> Subscription | None: ...
    def for_customer(self, customer_id: uuid.UUID) -> list[Subscription]:
        """Newest start first."""
        ...
    def deduct_one(self, subscription_id: uuid.UUID) -> int | None:
        """`UPDATE ... SET remaining = remaining - 1 WHERE id = :id AND remaining > 0`.
        Returns the new balance, or None when nothing was left (no row changed)."""
        ...
    def credit(self, subscription_id: uuid.UUID, units: int) -> int:
        """Atomically adds `units` (may be negative for a correction); returns the new balance."""
        ...
    def add_ledger(self, entry: LedgerEntry) -> None: ...
    def ledger(self, subscription_id: uuid.UUID) -> list[LedgerEntry]:
        """Oldest first."""
        ...
    def freeze_days_used(self, customer_id: uuid.UUID, since: datetime) -> int:
        """Frozen days of freezes recorded since `since` (for the yearly limit)."""
        ...
    def record_freeze(self, subscription_id: uuid.UUID, days: int, at: datetime, staff_id: uuid.UUID | None) -> None: ...


class AttendanceRepository(Protocol):
    def add(self, attendance: Attendance) -> None: ...
    def get(self, attendance_id: uuid.UUID) -> Attendance | None: ...
    def mark_reversed(self, attendance_id: uuid.UUID, reversal_id: uuid.UUID) -> bool:
        """Sets reversed_by only if still unset; False if it was already reversed."""
        ...
    def query(
        self,
        *,
        branch_id: uuid.UUID | None = None,
        customer_id: uuid.UUID | None = None,
        start: datetime | None = None,
        end: datetime | None = None,
        limit: int | None = None,
    ) -> list[Attendance]:
        """check_in_time in [start, end), oldest first (newest first when limit is given)."""
        ...


class AccessLogRepository(Protocol):
    def add(self, entry: AccessLogEntry) -> None: ...
    def query(
        self, *, branch_id: uuid.UUID | None = None, start: datetime | None = None,
        end: datetime | None = None, limit: int | None = None
    ) -> list[AccessLogEntry]:
        """Newest first."""
        ...


class PaymentRepository(Protocol):
    def add(self, payment: Payment) -> None: ...
    def next_receipt_no(self) -> int: ...
    def for_subscription(self, subscription_id: uuid.UUID) -> list[Payment]: ...
    def query(
        self, *, branch_id: uuid.UUID | None = None, start: datetime | None = None, end: datetime | None = None
    ) -> list[Payment]:
        """created_at in [start, end), oldest first."""
        ...


class UnitOfWork(Protocol):
    """One transaction. Rolls back on exit unless commit() was called.

    `with uow:` opens a write transaction (on SQLite: BEGIN IMMEDIATE);
    `with uow.reading():` opens one that only reads. The same object may be entered
    again after it exits: each `with` is a fresh transaction.
    """

    branches: BranchRepository
    staff: StaffRepository
    customers: CustomerRepository
    services: ServiceRepository
    subscriptions: SubscriptionRepository
    attendance: AttendanceRepository
    access_log: AccessLogRepository
    payments: PaymentRepository

    def __enter__(self) -> UnitOfWork: ...
    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...
    def reading(self) -> UnitOfWork: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...
