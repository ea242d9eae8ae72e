"""The gym's data in memory: committed tables shared by every unit of work, transactions over them, row locks.

It keeps the promises a database keeps for the repositories: a transaction sees the committed data plus
its own changes and publishes them only at commit; a row written (or locked) is held until the
transaction ends, so a second writer of the same row waits, as on PostgreSQL; unique keys and references
are refused like constraints (a balance may be below zero, as in the schema since revision 0005); times are stored in UTC and naive ones refused;
money is exact to the piastre and floats refused.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Hashable
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Self, TypeVar

from reception.domain.errors import StorageError

# What a desk waits for another desk's lock before giving up (SQLite's busy timeout is the same).
LOCK_TIMEOUT_S = 10.0
BUSY = "The database is busy: another desk or program is using it. Please try again in a moment."
_CENT = Decimal("0.01")

T = TypeVar("T")


class IntegrityError(Exception):
    """A write the database would refuse as a bug: a duplicate id, a reference to nothing."""


class ReadOnlyTransaction(RuntimeError):
    """A write (or a lock) inside `with uow.reading():`, which PostgreSQL refuses."""


@dataclass(frozen=True)
class TableRules:
    """A table's constraints: unique fields (with the receptionist's words for a clash) and references."""

    unique: tuple[tuple[str, str | None], ...] = ()  # (field, message; None: a bug, not a known error)
    references: tuple[tuple[str, str], ...] = ()  # (field, table it names)


TABLES: dict[str, TableRules] = {
    "branches": TableRules(unique=(("number", "A branch with that number already exists."),)),
    "staff": TableRules(unique=(("username", "That username is already taken."),),
                        references=(("branch_id", "branches"),)),
    "customers": TableRules(
        unique=(("member_no", "That member number is already taken by another member."),
                ("qr_code", "That card code already belongs to another member.")),
        references=(("branch_id", "branches"),),
    ),
    "customer_terms": TableRules(references=(("customer_id", "customers"),)),
    "revoked_cards": TableRules(references=(("customer_id", "customers"),)),
    "services": TableRules(),
    "subscriptions": TableRules(references=(
        ("customer_id", "customers"), ("service_id", "services"), ("branch_id", "branches"),
        ("sold_by", "staff"), ("sold_at_branch", "branches"))),
    "ledger_entries": TableRules(references=(("subscription_id", "subscriptions"), ("staff_id", "staff"))),
    "freezes": TableRules(references=(("subscription_id", "subscriptions"), ("staff_id", "staff"))),
    "attendance": TableRules(references=(
        ("customer_id", "customers"), ("branch_id", "branches"), ("subscription_id", "subscriptions"),
        ("staff_id", "staff"))),
    "access_log": TableRules(references=(
        ("branch_id", "branches"), ("customer_id", "customers"), ("staff_id", "staff"), ("override_by", "staff"))),
    "payments": TableRules(
        unique=(("receipt_no", "That receipt number is already used."),),
        references=(("subscription_id", "subscriptions"), ("customer_id", "customers"), ("staff_id", "staff"),
                    ("branch_id", "branches"), ("approved_by", "staff")),
    ),
    "passes": TableRules(references=(("branch_id", "branches"), ("service_id", "services"), ("staff_id", "staff"),
                                     ("voided_by", "staff"))),
    "pass_keys": TableRules(),
    "counters": TableRules(),
    "operations": TableRules(references=(("staff_id", "staff"),)),
    "staff_sessions": TableRules(references=(("staff_id", "staff"),)),
    "refresh_tokens": TableRules(references=(("session_id", "staff_sessions"),)),
    "server_secrets": TableRules(),
    "login_attempts": TableRules(),
}


# -- values as the database gives them back ---------------------------------------------------------------

def instant(value: Any) -> datetime:
    """An aware time in UTC; a naive one is refused (the database would drop its zone)."""
    if not isinstance(value, datetime):
        raise TypeError(f"Expected a datetime, got {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"Naive datetime refused (give it a time zone): {value.isoformat()}")
    return value.astimezone(UTC)


def money(value: Any) -> Decimal:
    """Exact to the piastre, as 2-place Decimal; floats and finer amounts are refused."""
    if isinstance(value, (float, bool)):
        raise TypeError("Money must be a Decimal or an int, never a float")
    if not isinstance(value, (Decimal, int)):
        raise TypeError(f"Money must be a Decimal, got {type(value).__name__}")
    amount = Decimal(value)
    try:
        minor = (amount * 100).to_integral_exact()
    except InvalidOperation:
        raise ValueError(f"Not an amount of money: {value!r}") from None
    if minor != amount * 100:
        raise ValueError(f"Money has at most 2 decimal places, got {value!r}")
    return Decimal(int(minor)).scaleb(-2).quantize(_CENT)


def measure(value: Any) -> Decimal:
    """A height or weight kept exactly as entered; floats are refused."""
    if isinstance(value, float):
        raise TypeError("Use a Decimal, never a float")
    return Decimal(str(Decimal(value)))


def stored(record: T, *, money_fields: tuple[str, ...] = (), measure_fields: tuple[str, ...] = ()) -> T:
    """`record` (a frozen dataclass) as it would come back from storage."""
    changes: dict[str, Any] = {}
    for field in fields(record):  # type: ignore[arg-type]
        value = getattr(record, field.name)
        if value is None:
            continue
        if isinstance(value, datetime):
            changes[field.name] = instant(value)
        elif field.name in money_fields:
            changes[field.name] = money(value)
        elif field.name in measure_fields:
            changes[field.name] = measure(value)
        elif isinstance(value, (bytearray, memoryview)):
            changes[field.name] = bytes(value)
    return replace(record, **changes) if changes else record  # type: ignore[type-var]


# -- locks -------------------------------------------------------------------------------------------------

class RowLocks:
    """Row locks held by transactions until they end; a wait that would never end (a deadlock) is refused."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._owner: dict[Hashable, Transaction] = {}
        self._waiting: dict[Transaction, Hashable] = {}

    def acquire(self, key: Hashable, transaction: Transaction) -> None:
        deadline = time.monotonic() + LOCK_TIMEOUT_S
        with self._changed:
            while (owner := self._owner.get(key)) not in (None, transaction):
                left = deadline - time.monotonic()
                if left <= 0 or self._waits_for(owner, transaction):
                    raise StorageError(BUSY)
                self._waiting[transaction] = key
                try:
                    self._changed.wait(left)
                finally:
                    del self._waiting[transaction]
            if owner is None:
                self._owner[key] = transaction
                transaction.held.append(key)

    def release_all(self, transaction: Transaction) -> None:
        with self._changed:
            for key in transaction.held:
                if self._owner.get(key) is transaction:
                    del self._owner[key]
            transaction.held.clear()
            self._changed.notify_all()

    def _waits_for(self, owner: Transaction | None, transaction: Transaction) -> bool:
        """Whether `owner` is waiting, directly or through others, for a lock `transaction` holds."""
        seen: set[int] = set()
        while owner is not None and id(owner) not in seen:
            if owner is transaction:
                return True
            seen.add(id(owner))
            wanted = self._waiting.get(owner)
            owner = None if wanted is None else self._owner.get(wanted)
        return False


# -- the committed data and one transaction over it ----------------------------------------------------------

_Index = dict[tuple[str, str], dict[Hashable, Hashable]]  # (table, unique field) -> value -> key


class MemoryStore:
    """The committed data of one gym, shared by every FakeUnitOfWork opened on it (desks on one database)."""

    def __init__(self) -> None:
        self.tables: dict[str, dict[Hashable, Any]] = {name: {} for name in TABLES}
        self.index: _Index = {(name, f): {} for name, rules in TABLES.items() for f, _ in rules.unique}
        self.mutex = threading.RLock()  # held briefly around each read and each commit
        self.locks = RowLocks()

    def publish(self, changes: dict[str, dict[Hashable, Any]]) -> None:
        with self.mutex:
            for table, rows in changes.items():
                committed = self.tables[table]
                for key, row in rows.items():
                    for field, _ in TABLES[table].unique:
                        index = self.index[(table, field)]
                        old = committed.get(key)
                        if old is not None and index.get(getattr(old, field)) == key:
                            del index[getattr(old, field)]
                        index[getattr(row, field)] = key
                    committed[key] = row


class Transaction:
    """One transaction's view: the committed data with its own changes on top, published at commit."""

    def __init__(self, store: MemoryStore, *, read_only: bool) -> None:
        self.store = store
        self.read_only = read_only
        self.changes: dict[str, dict[Hashable, Any]] = {}
        self.index: _Index = {}  # unique values this transaction's rows took
        self.held: list[Hashable] = []

    # reading
    def get(self, table: str, key: Hashable) -> Any:
        own = self.changes.get(table)
        if own is not None and key in own:
            return own[key]
        with self.store.mutex:
            return self.store.tables[table].get(key)

    def rows(self, table: str) -> list[Any]:
        own = self.changes.get(table, {})
        with self.store.mutex:
            committed = self.store.tables[table]
            merged = [own.get(key, row) for key, row in committed.items()]
            return merged + [row for key, row in own.items() if key not in committed]

    def unique(self, table: str, field: str, value: Hashable) -> Any:
        """The row whose unique `field` is `value`, as this transaction sees it."""
        own = self.index.get((table, field), {}).get(value)
        with self.store.mutex:
            committed = self.store.index[(table, field)].get(value)
        for key in (own, committed):
            row = None if key is None else self.get(table, key)
            if row is not None and getattr(row, field) == value:
                return row
        return None

    # writing
    def lock(self, table: str, key: Hashable) -> None:
        if self.read_only:
            raise ReadOnlyTransaction("cannot lock or write in a transaction opened with reading()")
        self.store.locks.acquire((table, key), self)

    def insert(self, table: str, key: Hashable, row: Any) -> None:
        self.lock(table, key)
        if self.get(table, key) is not None:
            raise IntegrityError(f"{table}: a row with key {key!r} already exists")
        self._write(table, key, row, None)

    def update(self, table: str, key: Hashable, row: Any) -> bool:
        """Replaces the row; False (nothing written) when there is none."""
        self.lock(table, key)
        old = self.get(table, key)
        if old is None:
            return False
        self._write(table, key, row, old)
        return True

    def put(self, table: str, key: Hashable, row: Any) -> None:
        """Inserts or replaces (counters)."""
        self.lock(table, key)
        self._write(table, key, row, self.get(table, key))

    def _write(self, table: str, key: Hashable, row: Any, old: Any) -> None:
        rules = TABLES[table]
        for field, message in rules.unique:
            value = getattr(row, field)
            # Both values stay held to the end: another desk taking either waits for this one.
            self.lock(f"{table}.{field}", value)
            if old is not None and getattr(old, field) != value:
                self.lock(f"{table}.{field}", getattr(old, field))
            clash = self.unique(table, field, value)  # tables with unique fields are keyed by id
            if clash is not None and clash.id != key:
                raise StorageError(message) if message else IntegrityError(f"{table}.{field} {value!r} is taken")
        for field, target in rules.references:
            value = getattr(row, field)
            if value is not None and self.get(target, value) is None:
                raise IntegrityError(f"{table}.{field} names {value!r}, which {target} does not hold")
        self.changes.setdefault(table, {})[key] = row
        for field, _ in rules.unique:
            self.index.setdefault((table, field), {})[getattr(row, field)] = key

    # the end
    def snapshot(self) -> tuple[dict[str, dict[Hashable, Any]], _Index]:
        return ({t: dict(rows) for t, rows in self.changes.items()},
                {k: dict(values) for k, values in self.index.items()})

    def restore(self, snapshot: tuple[dict[str, dict[Hashable, Any]], _Index]) -> None:
        self.changes, self.index = snapshot

    def commit(self) -> None:
        self.store.publish(self.changes)
        self.changes, self.index = {}, {}
        self.store.locks.release_all(self)  # after publishing: a waiting desk reads what this one wrote

    def rollback(self) -> None:
        self.changes, self.index = {}, {}
        self.store.locks.release_all(self)


class Savepoint:
    """A part of a transaction that an error undoes alone (its changes; the locks it took are kept to the end)."""

    def __init__(self, transaction: Transaction) -> None:
        self._transaction = transaction
        self._before = transaction.snapshot()  # taken again on entering
        self.done = False

    def __enter__(self) -> Self:
        self._before = self._transaction.snapshot()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        self.done = True
        if exc_type is not None:
            self._transaction.restore(self._before)

