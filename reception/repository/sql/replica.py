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
import sqlite3
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from reception.domain.commands import take_started
from reception.domain.search import terms_of
from reception.domain.sync import SYNCED_TABLES
from reception.domain.text import fold
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
    pass_keys,
    passes,
    payments,
    revoked_cards,
    services,
    staff,
    subscriptions,
    sync_issues,
    sync_state,
)

# In the order a server applies them (a row's references first).
SYNCED: tuple[sa.Table, ...] = (branches, staff, services, customers, revoked_cards, subscriptions, freezes,
                                attendance, ledger_entries, access_log, payments, pass_keys, passes, sync_issues)
BY_NAME = {table.name: table for table in SYNCED}
COLUMNS = {table.name: [column.name for column in table.columns] for table in SYNCED}
assert tuple(BY_NAME) == SYNCED_TABLES
ORDER = {table.name: index for index, table in enumerate(SYNCED)}
# The change log's name for each table's records (repositories.changes.note).
ENTITY = {"branches": "branch", "staff": "staff", "services": "service", "customers": "customer",
          "revoked_cards": "revoked_card", "subscriptions": "subscription", "freezes": "freeze",
          "attendance": "attendance", "ledger_entries": "ledger", "access_log": "access", "payments": "payment",
          "pass_keys": "pass_key", "passes": "pass", "sync_issues": "sync_issue"}
TABLE_OF = {entity: name for name, entity in ENTITY.items()}
APPLYING = "applying"  # sync_state row present while pulled rows are written: the triggers stay quiet
SEQ_FLOOR = "seq_floor"  # the highest sequence ever used here: numbering goes on above it, whatever was deleted


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


def _encoder(column: sa.Column[Any]) -> Any:
    """`encode` for one column's values, chosen once by the column's type."""
    kind = column.type
    name = type(kind).__name__
    if isinstance(kind, sa.Uuid) or name in ("Money", "DecimalText"):
        return lambda value: None if value is None else str(value)
    if name == "UTCDateTime" or isinstance(kind, sa.Date | sa.DateTime):
        return lambda value: None if value is None else value.isoformat()
    if isinstance(kind, sa.Boolean | sa.Integer | sa.String | sa.Text):
        return lambda value: value
    return encode


_ENCODERS: dict[str, list[tuple[str, Any]]] = {}


def image(table: sa.Table, row: sa.RowMapping) -> dict[str, object]:
    """A row as JSON-ready values (what the outbox and the pull carry)."""
    encoders = _ENCODERS.get(table.name)
    if encoders is None:
        encoders = [(c.name, _encoder(c)) for c in table.columns]
        _ENCODERS[table.name] = encoders
    return {name: convert(row[name]) for name, convert in encoders}


def decoded(table: sa.Table, values: dict[str, object]) -> dict[str, object]:
    out: dict[str, object] = {}
    for name, value in values.items():
        if name not in table.c:
            raise ValueError(f"{table.name} has no column {name!r}")
        out[name] = decode(table.c[name], value)
    return out


_STORERS: dict[tuple[str, str], list[Any]] = {}


def _storer(column: sa.Column[Any], dialect: sa.Dialect) -> Any:
    """One column's image value to what the database stores, in one function (a pulled page has many rows)."""
    bind = column.type.dialect_impl(dialect).bind_processor(dialect)
    if bind is None:
        return lambda value: None if value is None else decode(column, value)
    return lambda value: None if value is None else bind(decode(column, value))


_HEX = frozenset("0123456789abcdef")


def _uuid_hex(value: object) -> str:
    """A UUID's text as SQLite stores it (32 lower-case hex digits), without building a UUID object for the
    usual written form; any other form goes the long way, and what is no UUID is refused as there."""
    text = value if isinstance(value, str) else str(value)
    if len(text) == 36 and text[8] == text[13] == text[18] == text[23] == "-":
        digits = text.replace("-", "").lower()
        if len(digits) == 32 and _HEX.issuperset(digits):
            return digits
    return uuid.UUID(text).hex


def _utc_text(column: sa.Column[Any]) -> Any:
    """An instant's ISO text as SQLite stores a UTCDateTime: UTC, "YYYY-MM-DD HH:MM:SS.ffffff"."""
    def store(value: object) -> object:
        if value is None:
            return None
        moment = datetime.fromisoformat(str(value))
        if moment.tzinfo is None:
            raise ValueError(f"{column.name} needs its UTC offset")
        if moment.utcoffset():
            moment = moment.astimezone(UTC)
        return moment.strftime("%Y-%m-%d %H:%M:%S.%f")
    return store


def _sqlite_storer(column: sa.Column[Any], dialect: sa.Dialect) -> Any:
    """`_storer` for SQLite, shorter for the types a pulled page is mostly made of (a first copy writes
    hundreds of thousands of rows): the same stored value, the same refusals."""
    kind = column.type
    if isinstance(kind, sa.Uuid):
        return lambda value: None if value is None else _uuid_hex(value)
    if type(kind).__name__ == "UTCDateTime":
        return _utc_text(column)
    if type(kind) in (sa.String, sa.Text, sa.Integer):
        wanted = int if isinstance(kind, sa.Integer) else str
        words = "a whole number" if wanted is int else "text"

        def plain(value: object) -> object:
            if value is None or type(value) is wanted:
                return value
            raise ValueError(f"{column.name} is {words}")
        return plain
    if type(kind) is sa.Boolean:
        def flag(value: object) -> object:
            if value is None:
                return None
            if value is True or value is False:
                return int(value)
            raise ValueError(f"{column.name} is true or false")
        return flag
    return _storer(column, dialect)


def stored_rows(table: sa.Table, images: list[dict[str, object]], dialect: sa.Dialect) -> list[tuple[object, ...]]:
    """Row images as the tuples SQLite stores, in the table's column order (checked as `decoded` checks)."""
    storers = _STORERS.get((table.name, dialect.name))
    if storers is None:
        make = _sqlite_storer if dialect.name == "sqlite" else _storer
        storers = [make(c, dialect) for c in table.columns]
        _STORERS[(table.name, dialect.name)] = storers
    names = [c.name for c in table.columns]
    known = frozenset(names)
    pairs = list(zip(storers, names, strict=True))
    out = []
    for values in images:
        if not known.issuperset(values):
            raise ValueError(f"{table.name} has no column {sorted(set(values) - known)[0]!r}")
        get = values.get
        out.append(tuple([store(get(name)) for store, name in pairs]))
    return out


def write_stored(connection: sa.Connection, table: sa.Table, rows: list[tuple[object, ...]]) -> None:
    """Stored tuples written at once, replacing rows with the same key (SQLite)."""
    if not rows:
        return
    (pk,) = table.primary_key.columns
    names = [c.name for c in table.columns]
    updates = ", ".join(f"{n} = excluded.{n}" for n in names if n != pk.name)
    connection.exec_driver_sql(
        f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)}) "
        f"ON CONFLICT ({pk.name}) DO UPDATE SET {updates}", rows)


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
    """The triggers that note what each transaction touches (idempotent): the row before the transaction (kept
    from the first change) and after it (replaced at each change; NULL once deleted)."""
    quiet = f"(SELECT 1 FROM sync_state WHERE name = '{APPLYING}') IS NULL"
    for table in SYNCED:
        name = table.name
        old, new = _json_of(table, "OLD"), _json_of(table, "NEW")
        for event, rowid, before, after in (("INSERT", "NEW.rowid", "NULL", new), ("UPDATE", "NEW.rowid", old, new),
                                            ("DELETE", "OLD.rowid", old, "NULL")):
            connection.exec_driver_sql(
                f"CREATE TRIGGER IF NOT EXISTS sync_{event.lower()}_{name} AFTER {event} ON {name} "
                f"WHEN {quiet} BEGIN INSERT INTO sync_touched (tbl, row_id, old, new) "
                f"VALUES ('{name}', {rowid}, {before}, {after}) "
                f"ON CONFLICT (tbl, row_id) DO UPDATE SET new = excluded.new; END"
            )


def has_triggers(connection: sa.Connection) -> bool:
    found = connection.exec_driver_sql(
        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync_%'").scalar_one()
    return int(found) == 3 * len(SYNCED)


_READERS: dict[str, list[tuple[str, Any]]] = {}


def _stored_reader(column: sa.Column[Any], dialect: sa.Dialect) -> Any:
    """One column's value as SQLite stores it (as the triggers' JSON holds it) to the image's value: what
    SQLAlchemy's reader then `encode` make of it, with the text kept as it is where it is already that
    (a UUID's 32 hex digits, an instant's fixed-width UTC text), as every check-in's capture reads rows."""
    kind = column.type
    process = kind.dialect_impl(dialect).result_processor(dialect, None)

    def slow(value: object) -> object:
        if value is None:
            return None
        return encode(process(value) if process is not None else value)

    if isinstance(kind, sa.LargeBinary):
        # the triggers' hex() of a NULL is '': no photo is sent as none, not as an empty one
        return lambda value: None if value is None or value == "" else encode(bytes.fromhex(str(value)))

    name = type(kind).__name__
    if isinstance(kind, sa.Uuid) and dialect.name == "sqlite":
        def uuid_text(value: object) -> object:
            if type(value) is str and len(value) == 32 and _HEX.issuperset(value):
                return f"{value[:8]}-{value[8:12]}-{value[12:16]}-{value[16:20]}-{value[20:]}"
            return slow(value)
        return uuid_text
    if name == "UTCDateTime" and dialect.name == "sqlite":
        def instant_text(value: object) -> object:
            # "YYYY-MM-DD HH:MM:SS.ffffff" (UTC): isoformat() of it leaves out a zero fraction
            if type(value) is str and len(value) == 26 and value[10] == " " and value[19] == ".":
                fraction = "" if value.endswith("000000") else value[19:]
                return f"{value[:10]}T{value[11:19]}{fraction}+00:00"
            return slow(value)
        return instant_text
    if type(kind) in (sa.String, sa.Text, sa.Integer):
        return lambda value: value if value is None or type(value) in (str, int) else slow(value)
    if type(kind) is sa.Boolean:
        return lambda value: bool(value) if type(value) is int else slow(value)
    return slow


def _stored_image(table: sa.Table, stored: dict[str, Any], dialect: sa.Dialect) -> dict[str, object]:
    """A row as the triggers saw it (SQLite's stored values) as the image the server reads (`image`)."""
    readers = _READERS.get(table.name)
    if readers is None:
        readers = [(c.name, _stored_reader(c, dialect)) for c in table.columns]
        _READERS[table.name] = readers
    get = stored.get
    return {name: read(get(name)) for name, read in readers}


def capture(session: Session, version: int) -> int | None:
    """The operation this transaction is, added to the outbox; its sequence number, or None if it wrote
    nothing that syncs. It takes the operation the service began (domain.commands.started): its id, kind,
    staff and time; a change made without one (an edit) is an operation of its own, made now."""
    connection = session.connection()
    touched = _raw_sql(connection, "SELECT tbl, old, new FROM sync_touched").fetchall()
    if not touched:
        return None
    dialect = connection.dialect
    effects: list[dict[str, object]] = []
    for tbl, old_text, new_text in touched:
        table = BY_NAME[tbl]
        old = json.loads(old_text) if old_text is not None else None
        if new_text is None:  # deleted (a row both made and deleted here leaves nothing to send)
            if old is not None:
                (pk,) = table.primary_key.columns
                effects.append({"t": tbl, "delete": str(_stored_image(table, old, dialect)[pk.name])})
            continue
        now = json.loads(new_text)
        changed = list(COLUMNS[tbl]) if old is None else [k for k in now if now[k] != old.get(k)]
        if changed:
            effects.append({"t": tbl, "row": _stored_image(table, now, dialect), "changed": changed,
                            "new": old is None})
    _raw_sql(connection, "DELETE FROM sync_touched")
    if not effects:
        return None
    begun = take_started()
    if begun is not None:
        kind, operation_id, staff_id, at = begun.kind, begun.op.id, begun.staff_id, begun.op.at
    else:
        kind, operation_id, staff_id, at = "Change", uuid.uuid4(), None, datetime.now(UTC)
    effects.sort(key=lambda e: ORDER[str(e["t"])])
    body = json.dumps({"effects": effects}, ensure_ascii=False, separators=(",", ":"))
    stored = _outbox_binders(dialect)
    (seq,) = _raw_sql(
        connection,
        "INSERT INTO outbox (seq, operation_id, kind, body, staff_id, at, version, result) "
        "VALUES (max(coalesce((SELECT max(seq) FROM outbox), 0), coalesce((SELECT CAST(value AS INTEGER) "
        f"FROM sync_state WHERE name = '{SEQ_FLOOR}'), 0)) + 1, ?, ?, ?, ?, ?, ?, '') RETURNING seq",
        (stored["operation_id"](operation_id), kind[:32], body,
         stored["staff_id"](staff_id) if staff_id is not None else None, stored["at"](at), version)).fetchone()
    return int(seq)


def _raw_sql(connection: sa.Connection, statement: str, parameters: tuple[object, ...] = ()) -> sqlite3.Cursor:
    """One statement on the session's own SQLite connection, in its transaction, without SQLAlchemy's work per
    statement (the capture runs in every check-in); a failure (disk full, locked) is raised as SQLAlchemy
    raises it, so the desk words it as any other."""
    driver = connection.connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    try:
        return driver.execute(statement, parameters)
    except sqlite3.Error as error:
        raise sa.exc.DBAPIError.instance(statement, parameters, error, sqlite3.Error) from error


_BINDERS: dict[str, Any] = {}


def _outbox_binders(dialect: sa.Dialect) -> dict[str, Any]:
    """How SQLAlchemy stores the outbox's typed columns on this database (the capture writes them directly)."""
    if not _BINDERS:
        for name in ("operation_id", "staff_id", "at"):
            column = outbox.c[name]
            processor = column.type.dialect_impl(dialect).bind_processor(dialect)
            _BINDERS[name] = processor or (lambda value: value)
    return _BINDERS


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
    """Each pack's balance set to the sum of its ledger (a monthly subscription keeps none); the balances set."""
    ids = list(set(subscription_ids))
    balances: dict[uuid.UUID, int] = {}
    total = (sa.select(sa.func.coalesce(sa.func.sum(ledger_entries.c.delta), 0))
             .where(ledger_entries.c.subscription_id == subscriptions.c.id).scalar_subquery())
    for start in range(0, len(ids), 500):
        done = session.execute(sa.update(subscriptions)
                               .where(subscriptions.c.id.in_(ids[start:start + 500]),
                                      subscriptions.c.total_units.is_not(None))
                               .values(remaining=total).returning(subscriptions.c.id, subscriptions.c.remaining))
        balances.update({row.id: int(row.remaining) for row in done})
    return balances


def write_rows(session: Session, table: sa.Table, rows: list[dict[str, object]], *, postgres: bool = False) -> None:
    """Whole rows written at once: inserted, or replacing the row with the same key (a pulled page)."""
    if not rows:
        return
    (pk,) = table.primary_key.columns
    insert = postgresql.insert(table) if postgres else sqlite.insert(table)
    rest = {c.name: insert.excluded[c.name] for c in table.columns if c.name != pk.name}
    statement = insert.on_conflict_do_update(index_elements=[pk.name], set_=rest)
    for start in range(0, len(rows), 500):
        session.execute(statement, rows[start:start + 500])


def write_row(session: Session, table: sa.Table, values: dict[str, object], changed: Sequence[str] | None, *,
              postgres: bool) -> bool:
    """`upsert` in fewer statements: a new row is inserted (replacing one already there with the same key); a
    changed one is updated in its changed columns, or inserted whole when this database lacks it."""
    (pk,) = table.primary_key.columns
    if changed is None:
        insert = (postgresql.insert(table) if postgres else sqlite.insert(table)).values(**values)
        rest = {c: insert.excluded[c] for c in values if c != pk.name}
        session.execute(insert.on_conflict_do_update(index_elements=[pk.name], set_=rest) if rest
                        else insert.on_conflict_do_nothing(index_elements=[pk.name]))
        return True
    columns = {c: values[c] for c in changed if c != pk.name and c in values}
    if not columns:
        return False
    done = session.execute(sa.update(table).where(pk == values[pk.name]).values(**columns))
    if not getattr(done, "rowcount", 1):
        session.execute(sa.insert(table).values(**values))
    return True


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


def reindex_images(connection: sa.Connection, images: list[dict[str, object]]) -> None:
    """The search terms of pulled customers rebuilt from their images (SQLite), without reading them back."""
    rows: list[tuple[object, ...]] = []
    ids: list[str] = []
    for image in images:
        key = _uuid_hex(image["id"])
        ids.append(key)
        branch = _uuid_hex(image["branch_id"])
        name, member_no = str(image["full_name"]), int(image["member_no"])  # type: ignore[call-overload]
        sort_name = fold(name)[:120]
        phone = image.get("phone")
        for term in sorted(terms_of(name, phone if isinstance(phone, str) else None, member_no)):
            rows.append((key, term, sort_name, member_no, branch))
    for start in range(0, len(ids), 500):
        part = ids[start:start + 500]
        connection.exec_driver_sql(
            f"DELETE FROM customer_terms WHERE customer_id IN ({', '.join('?' for _ in part)})", tuple(part))
    if rows:
        connection.exec_driver_sql("INSERT INTO customer_terms (customer_id, term, sort_name, member_no, branch_id) "
                                   "VALUES (?, ?, ?, ?, ?)", rows)


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


@contextmanager
def quiet_triggers(session: Session) -> Iterator[None]:
    """Rows written inside are not this desk's changes (pulled rows, a fetched photo): the outbox's triggers
    note none of them. Rolled back with the transaction if it fails."""
    write_state(session, APPLYING, "1")
    yield
    write_state(session, APPLYING, None)
