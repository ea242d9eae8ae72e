"""Rows on the move between a branch desk's replica and the chain's server (DESIGN §7).

On a desk, triggers on every synced table note each row a transaction inserts, updates or deletes, with the
row as it was before the transaction (`sync_touched`). When the transaction commits, `capture` turns what
they noted into one outbox operation, in the same transaction: the command that made the change and the rows
it wrote, with the columns it changed. Nothing reaches the outbox that did not happen locally, and nothing
happens locally that is not in the outbox, whichever service or screen made the change.

On the server, `apply_rows` writes a pushed operation's rows (only the columns the desk changed, so two
branches changing different fields of one record both keep their change) and `row_images` reads rows for a
desk's pull. A pack's balance is never copied: it is the sum of its ledger, recomputed where it changed.
"""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from reception.domain.commands import take_started
from reception.domain.sync import SYNCED_TABLES
from reception.repository.sql.repositories.changes import note
from reception.repository.sql.repositories.customers import _customer, _term_rows
from reception.repository.sql.tables import (
    access_log,
    attendance,
    branches,
    customer_terms,
    customers,
    freezes,
    ledger_entries,
    outbox,
    payments,
    revoked_cards,
    services,
    staff,
    subscriptions,
    sync_state,
    sync_touched,
)

# In the order a server applies them (a row's references first).
SYNCED: tuple[sa.Table, ...] = (branches, staff, services, customers, revoked_cards, subscriptions, freezes,
                                attendance, ledger_entries, access_log, payments)
BY_NAME = {table.name: table for table in SYNCED}
assert tuple(BY_NAME) == SYNCED_TABLES
ORDER = {table.name: index for index, table in enumerate(SYNCED)}
# The change log's name for each table's records (repositories.changes.note).
ENTITY = {"branches": "branch", "staff": "staff", "services": "service", "customers": "customer",
          "revoked_cards": "revoked_card", "subscriptions": "subscription", "freezes": "freeze",
          "attendance": "attendance", "ledger_entries": "ledger", "access_log": "access", "payments": "payment"}
TABLE_OF = {entity: name for name, entity in ENTITY.items()}
APPLYING = "applying"  # sync_state row present while pulled rows are written: the triggers stay quiet


# -- values as JSON ----------------------------------------------------------------------------------------

def encode(value: object) -> object:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, float):
        return value
    raise TypeError(f"cannot send {type(value).__name__}")


def decode(column: sa.Column[Any], value: object) -> object:
    """A JSON value back to what `column` holds; ValueError/TypeError for a value that cannot be it."""
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, sa.Uuid):
        return uuid.UUID(str(value))
    if isinstance(kind, sa.LargeBinary):
        return base64.b64decode(str(value), validate=True)
    if isinstance(kind, sa.Boolean):
        if not isinstance(value, bool):
            raise ValueError(f"{column.name} is true or false")
        return value
    name = type(kind).__name__
    if name == "UTCDateTime":
        moment = datetime.fromisoformat(str(value))
        if moment.tzinfo is None:
            raise ValueError(f"{column.name} needs its UTC offset")
        return moment
    if name in ("Money", "DecimalText"):
        return Decimal(str(value))
    if isinstance(kind, sa.Date):
        return date.fromisoformat(str(value))
    if isinstance(kind, sa.Integer):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{column.name} is a whole number")
        return value
    if isinstance(kind, sa.String | sa.Text):
        if not isinstance(value, str):
            raise ValueError(f"{column.name} is text")
        return value
    raise TypeError(f"cannot read {column.name}")


def image(table: sa.Table, row: sa.RowMapping) -> dict[str, object]:
    return {column.name: encode(row[column.name]) for column in table.columns}


def decoded(table: sa.Table, values: dict[str, object]) -> dict[str, object]:
    out: dict[str, object] = {}
    for name, value in values.items():
        if name not in table.c:
            raise ValueError(f"{table.name} has no column {name!r}")
        out[name] = decode(table.c[name], value)
    return out


def key_of(table: sa.Table, values: dict[str, object]) -> str:
    """The record's id in the change log's words: its primary key as text."""
    (column,) = table.primary_key.columns
    return str(values[column.name])


# -- on a desk: triggers and capture ----------------------------------------------------------------------

def _json_of(table: sa.Table, alias: str) -> str:
    parts = []
    for column in table.columns:
        value = f"{alias}.{column.name}"
        if isinstance(column.type, sa.LargeBinary):
            value = f"hex({value})"  # JSON holds no BLOB
        parts.append(f"'{column.name}', {value}")
    return "json_object(" + ", ".join(parts) + ")"


def install_triggers(connection: sa.Connection) -> None:
    """The triggers that note what each transaction touches (idempotent)."""
    quiet = f"(SELECT 1 FROM sync_state WHERE name = '{APPLYING}') IS NULL"
    for table in SYNCED:
        name = table.name
        old = _json_of(table, "OLD")
        for event, rowid, before in (("INSERT", "NEW.rowid", "NULL"), ("UPDATE", "NEW.rowid", old),
                                     ("DELETE", "OLD.rowid", old)):
            connection.exec_driver_sql(
                f"CREATE TRIGGER IF NOT EXISTS sync_{event.lower()}_{name} AFTER {event} ON {name} "
                f"WHEN {quiet} BEGIN INSERT OR IGNORE INTO sync_touched (tbl, row_id, old) "
                f"VALUES ('{name}', {rowid}, {before}); END"
            )


def has_triggers(connection: sa.Connection) -> bool:
    found = connection.exec_driver_sql(
        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync_%'").scalar_one()
    return int(found) == 3 * len(SYNCED)


def capture(session: Session, version: int) -> int | None:
    """The operation this transaction is, added to the outbox; its sequence number, or None if it wrote
    nothing that syncs. It takes the operation the service began (domain.commands.started): its id, kind,
    staff and time; a change made without one (an edit) is an operation of its own, made now."""
    touched = session.execute(sa.select(sync_touched.c.tbl, sync_touched.c.row_id, sync_touched.c.old)).all()
    if not touched:
        return None
    begun = take_started()
    if begun is not None:
        kind, operation_id, staff_id, at = begun.kind, begun.op.id, begun.staff_id, begun.op.at
    else:
        kind, operation_id, staff_id, at = "Change", uuid.uuid4(), None, datetime.now(UTC)
    effects: list[dict[str, object]] = []
    for tbl, row_id, old_text in touched:
        table = BY_NAME[tbl]
        now_text = session.execute(sa.text(f"SELECT {_json_of(table, table.name)} FROM {table.name} "
                                           f"WHERE rowid = :r"), {"r": row_id}).scalar_one_or_none()
        old = json.loads(old_text) if old_text is not None else None
        if now_text is None:  # deleted (a row both made and deleted here leaves nothing to send)
            if old is not None:
                (pk,) = table.primary_key.columns
                effects.append({"t": tbl, "delete": str(old[pk.name])})
            continue
        now = json.loads(now_text)
        changed = [c.name for c in table.columns] if old is None else [k for k in now if now[k] != old.get(k)]
        if not changed:
            continue
        row = session.execute(sa.select(table).where(sa.text(f"{table.name}.rowid = :r")), {"r": row_id}
                              ).mappings().one()
        effects.append({"t": tbl, "row": image(table, row), "changed": changed, "new": old is None})
    session.execute(sa.delete(sync_touched))
    if not effects:
        return None
    effects.sort(key=lambda e: ORDER[str(e["t"])])
    seq = int(session.execute(sa.select(sa.func.coalesce(sa.func.max(outbox.c.seq), 0))).scalar_one()) + 1
    body = {"effects": effects}
    session.execute(sa.insert(outbox).values(seq=seq, operation_id=operation_id, kind=kind[:32],
                                             body=json.dumps(body, ensure_ascii=False, separators=(",", ":")),
                                             staff_id=staff_id, at=at, version=version))
    return seq


# -- applying rows (the server's push, a desk's pull) ---------------------------------------------------------

def upsert(session: Session, table: sa.Table, values: dict[str, object], changed: Sequence[str] | None) -> bool:
    """Writes one row: a new one whole; an existing one only in `changed` (all columns when None).
    True when something was written."""
    (pk,) = table.primary_key.columns
    key = values[pk.name]
    exists = session.execute(sa.select(pk).where(pk == key)).first() is not None
    if not exists:
        session.execute(sa.insert(table).values(**values))
        return True
    columns = [c for c in (changed if changed is not None else list(values)) if c != pk.name and c in values]
    if not columns:
        return False
    session.execute(sa.update(table).where(pk == key).values(**{c: values[c] for c in columns}))
    return True


def rebalance(session: Session, subscription_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, int]:
    """Each pack's balance set to the sum of its ledger; the balances it set."""
    balances: dict[uuid.UUID, int] = {}
    for sub_id in set(subscription_ids):
        total_units = session.execute(sa.select(subscriptions.c.total_units).where(subscriptions.c.id == sub_id)
                                      ).scalar_one_or_none()
        if total_units is None:
            continue  # a monthly subscription keeps no balance
        total = session.execute(sa.select(sa.func.coalesce(sa.func.sum(ledger_entries.c.delta), 0))
                                .where(ledger_entries.c.subscription_id == sub_id)).scalar_one()
        session.execute(sa.update(subscriptions).where(subscriptions.c.id == sub_id).values(remaining=int(total)))
        balances[sub_id] = int(total)
    return balances


def reindex(session: Session, customer_ids: Iterable[uuid.UUID]) -> None:
    """The search terms of these customers rebuilt from their rows."""
    ids = list(set(customer_ids))
    for start in range(0, len(ids), 500):
        part = ids[start:start + 500]
        session.execute(sa.delete(customer_terms).where(customer_terms.c.customer_id.in_(part)))
        found = session.execute(sa.select(customers).where(customers.c.id.in_(part))).all()
        rows = [term for row in found for term in _term_rows(_customer(row))]
        if rows:
            session.execute(sa.insert(customer_terms), rows)


def note_rows(session: Session, rows: Iterable[tuple[str, dict[str, object]]]) -> None:
    """The change-log rows for rows written on the server, so every desk pulls them."""
    by_entity: dict[str, list[tuple[object, uuid.UUID | None]]] = {}
    for tbl, values in rows:
        if tbl == "access_log":
            continue  # the access log stays at its branch
        branch = values.get("branch_id") if tbl != "branches" else values.get("id")
        by_entity.setdefault(ENTITY[tbl], []).append((key_of(BY_NAME[tbl], values),
                                                      branch if isinstance(branch, uuid.UUID) else None))
    for entity, records in by_entity.items():
        note(session, entity, records)


def read_state(session: Session, name: str) -> str | None:
    return session.execute(sa.select(sync_state.c.value).where(sync_state.c.name == name)).scalar_one_or_none()


def write_state(session: Session, name: str, value: str | None) -> None:
    session.execute(sa.delete(sync_state).where(sync_state.c.name == name))
    if value is not None:
        session.execute(sa.insert(sync_state).values(name=name, value=value))
