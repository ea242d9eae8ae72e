"""What the app needs from storage, as Protocols. Adapters live in sql/ (and later api/).

The repositories and the unit of work are what the services use; StorageUpkeep is what the
desk, the command line and the server do to the database itself (checks, schema, backups).
Every method takes and returns domain values (frozen dataclasses), never ORM objects.
Times are timezone-aware UTC datetimes.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Protocol

from reception.domain.commands import OperationRecord, RefreshToken, StaffSession
from reception.domain.models import (
    AccessLogEntry,
    Attendance,
    Branch,
    Customer,
    LedgerEntry,
    LoginAttempt,
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
    def lock(self, customer_id: uuid.UUID) -> Customer | None:
        """This member, held for the rest of the transaction: every other write for the same member waits
        until it ends, so "check, then act" rules (one active subscription, the repeat window) hold for
        desks writing at the same moment. The member is read after the lock is taken."""
        ...
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
    def page(self, *, branch_id: uuid.UUID | None, limit: int, offset: int) -> list[Customer]:
        """By member number; for lists a client pages through."""
        ...
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
    def add_many(self, subscriptions: Sequence[Subscription]) -> None: ...
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
    def add_ledger_many(self, entries: Sequence[LedgerEntry]) -> None: ...
    def ledger(self, subscription_id: uuid.UUID) -> list[LedgerEntry]:
        """Oldest first."""
        ...
    def freeze_days_used(self, customer_id: uuid.UUID, since: datetime) -> int:
        """Frozen days of freezes recorded since `since` (for the yearly limit)."""
        ...
    def record_freeze(self, subscription_id: uuid.UUID, days: int, at: datetime, staff_id: uuid.UUID | None) -> None: ...


class AttendanceRepository(Protocol):
    def add(self, attendance: Attendance) -> None: ...
    def add_many(self, visits: Sequence[Attendance]) -> None: ...
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
        offset: int = 0,
    ) -> list[Attendance]:
        """check_in_time in [start, end), oldest first (newest first when limit is given, skipping `offset`)."""
        ...
    def count(
        self,
        *,
        branch_id: uuid.UUID | None = None,
        customer_id: uuid.UUID | None = None,
        start: datetime | None = None,
        end: datetime | None = None,
    ) -> int: ...


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
    def add_many(self, payments: Sequence[Payment]) -> None: ...
    def next_receipt_no(self) -> int: ...
    def reserve_receipt_nos(self, count: int) -> int:
        """Atomically takes `count` consecutive receipt numbers; returns the first."""
        ...
    def for_subscription(self, subscription_id: uuid.UUID) -> list[Payment]: ...
    def query(
        self, *, branch_id: uuid.UUID | None = None, start: datetime | None = None, end: datetime | None = None
    ) -> list[Payment]:
        """created_at in [start, end), oldest first."""
        ...


class OperationRepository(Protocol):
    """Operations the server did, each with its first reply, kept as long as the operation."""

    def claim(self, record: OperationRecord) -> bool:
        """Stores the operation unless its id is taken (then False: a replay). A concurrent claim of
        the same id waits until the first transaction ends."""
        ...
    def finish(self, operation_id: uuid.UUID, *, status: int, reply: str) -> None: ...
    def get(self, operation_id: uuid.UUID) -> OperationRecord | None: ...


class SessionRepository(Protocol):
    """Staff sign-ins on the server, their rotating refresh tokens (stored as hashes), and secrets."""

    def open(self, staff_session: StaffSession) -> None: ...
    def get(self, session_id: uuid.UUID) -> StaffSession | None: ...
    def revoke(self, session_id: uuid.UUID, at: datetime) -> None: ...
    def add_refresh(self, token: RefreshToken) -> None: ...
    def refresh_token(self, token_hash: str, *, lock: bool = False) -> RefreshToken | None: ...
    def mark_used(self, token_hash: str, at: datetime) -> None: ...
    def secret(self, name: str, candidate: str) -> str:
        """The stored secret `name`; `candidate` becomes it when none is stored yet."""
        ...


class LoginAttemptRepository(Protocol):
    def add(self, attempt: LoginAttempt) -> None: ...
    def failures(
        self, *, since: datetime, username: str | None = None, desk_id: uuid.UUID | None = None
    ) -> list[datetime]:
        """Times of the failed attempts for that username or at that desk since `since` and after
        its latest success, oldest first (exactly one of username, desk_id)."""
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
    operations: OperationRepository
    sessions: SessionRepository
    login_attempts: LoginAttemptRepository

    def __enter__(self) -> UnitOfWork: ...
    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...
    def reading(self) -> UnitOfWork: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...
    def enclosing(self) -> AbstractContextManager[UnitOfWork]:
        """A write transaction around several service calls, whose own `with uow:` blocks become
        savepoints; durable only at this block's commit()."""
        ...
    def savepoint(self) -> AbstractContextManager[object]:
        """A part of the transaction that an error undoes alone (the scan's audit row stays)."""
        ...


class StorageUpkeep(Protocol):
    """Looking after the gym's database itself, apart from the unit of work's transactions.

    One per database address; nothing is opened until a method needs it. Every refusal is a
    StorageError in words a receptionist or an administrator can act on, and says what was
    left unchanged. Backups and restores are for a local database file; a server is looked
    after on the server (pg_dump), which these methods say rather than attempt.
    """

    @property
    def url(self) -> str:
        """The address as Reception keeps it (its password is masked in every message and log)."""
        ...
    @property
    def local_file(self) -> Path | None:
        """The database file of a local database; None for a server (or a database in memory)."""
        ...
    def describe(self) -> str:
        """For the status bar and messages: 'Local file: /path' or 'Server: host/db', never the password."""
        ...
    def probe(self) -> str:
        """One line saying what is there (reachable? schema current?), changing nothing: a file is only
        read, a server only asked for its schema revision. StorageError when it cannot be used."""
        ...
    def quick_check(self) -> None:
        """The quick check run before a desk opens a local file: DatabaseDamaged only when the file's
        content is damaged (a busy, missing or unreadable file is a StorageError saying so)."""
        ...
    def integrity_check(self) -> None:
        """The full check of every page (slow on a big file: run it in the background)."""
        ...
    def revision(self) -> str | None:
        """The schema revision the database is at; None when it has none yet (or no file is there).
        Looking never waits for, nor blocks, a desk that is writing."""
        ...
    def head_revision(self) -> str:
        """The schema revision this version of Reception works with."""
        ...
    def holds_tables(self) -> bool:
        """Whether anything at all is stored there (another program's tables count)."""
        ...
    def upgrade(self, *, backup_dir: Path | None = None) -> Path | None:
        """Brings the schema to this version's; a local file that holds data is backed up first.
        Returns that backup, or None when none was needed."""
        ...
    def ensure_schema(self, *, auto_upgrade: bool) -> Path | None:
        """At start: the schema must be this version's. A local file is upgraded (after a backup) when
        `auto_upgrade`; anything else is refused with the `reception db upgrade` command to run."""
        ...
    def backup(self, dest: Path) -> Path:
        """A consistent copy of the local file at `dest`, even while desks keep writing; returns `dest`."""
        ...
    def check_copy(self, copy: Path) -> None:
        """The full integrity check of a copy just written (a backup): DatabaseDamaged when it fails."""
        ...
    def check_backup(self, backup: Path) -> str:
        """A backup fit to restore: it opens, passes the quick check, holds a gym and a schema revision
        this version knows. Returns that revision; StorageError naming the file otherwise."""
        ...
    def restore(self, backup: Path) -> Path | None:
        """Puts a checked backup in place of the local file; the file it replaces is kept aside byte for
        byte and returned (None: there was none). Any failure leaves the database as it was."""
        ...
    def archive_access_log(self, before: datetime) -> dict[str, int]:
        """Moves access-log rows older than `before` into compressed monthly files beside the local
        file, each read back before its rows leave the table; returns the rows moved per month."""
        ...
    def access_archive_path(self, month: str) -> Path:
        """Where the access log of `month` ("2026-05") is archived."""
        ...
    def dispose(self) -> None:
        """Closes every connection this object opened (the unit of work's included)."""
        ...
