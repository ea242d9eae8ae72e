"""A whole gym into an empty database (a desk's SQLite file onto the chain's PostgreSQL), checked row for row.

Tables are copied in foreign-key order, in batches, inside one destination transaction, from one consistent
read of the source. Before that transaction commits, every table is read back and compared with the source:
the same number of rows and the same digest over all columns in primary-key order; any difference undoes
the copy. Member and receipt numbers (and any PostgreSQL sequence) continue after the highest one copied.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from reception import redact
from reception.domain.errors import StorageError
from reception.repository.sql import maintenance
from reception.repository.sql.engine import READ_ONLY, create_engine_for, sqlite_path
from reception.repository.sql.errors import storage_errors
from reception.repository.sql.repositories.counters import MEMBER_NO, RECEIPT_NO
from reception.repository.sql.tables import counters, customers, metadata, payments
from reception.repository.urls import DatabaseUrl, parse_database_url

BATCH = 2000
# Counters and the column whose highest value they must stay above.
NUMBERED = ((MEMBER_NO, customers.c.member_no), (RECEIPT_NO, payments.c.receipt_no))


@dataclass(frozen=True)
class CopiedTable:
    name: str
    rows: int


@dataclass(frozen=True)
class CopyReport:
    tables: tuple[CopiedTable, ...]
    schema_created: bool  # the destination was empty and got the schema first
    next_member_no: int
    next_receipt_no: int

    @property
    def rows(self) -> int:
        return sum(table.rows for table in self.tables)


def copy_database(source: str | DatabaseUrl, destination: str | DatabaseUrl) -> CopyReport:
    """Copies the gym at `source` (schema at head) into `destination` (empty, or with no tables at all:
    it then gets the schema at head first). Raises StorageError, naming what is wrong, when either is
    refused or the copy does not match; the source is only read, and a refused or failed copy leaves no
    gym data in the destination."""
    src, dst = _parsed(source), _parsed(destination)
    redact.remember_url(src)
    redact.remember_url(dst)
    if _same_database(src, dst):
        raise StorageError("The source and the destination are the same database. Nothing was copied.")
    _check_source(src)
    created = _prepare_destination(dst)
    src_engine, dst_engine = create_engine_for(src), create_engine_for(dst)
    try:
        with storage_errors(sqlite_path(src)), _snapshot(src_engine) as reading, \
                storage_errors(sqlite_path(dst)), dst_engine.begin() as writing:
            return _copy_all(reading, writing, _shown(dst), created)
    finally:
        src_engine.dispose()
        dst_engine.dispose()


def _parsed(url: str | DatabaseUrl) -> DatabaseUrl:
    return url if isinstance(url, DatabaseUrl) else parse_database_url(url)


def _shown(url: DatabaseUrl) -> str:
    return url.masked


def _same_database(one: DatabaseUrl, two: DatabaseUrl) -> bool:
    paths = sqlite_path(one), sqlite_path(two)
    if paths[0] is not None and paths[1] is not None:
        return paths[0].resolve() == paths[1].resolve()
    return one.render(hide_password=False) == two.render(hide_password=False)


def _check_source(url: DatabaseUrl) -> None:
    shown = _shown(url)
    path = sqlite_path(url)
    if path is not None and not path.is_file():
        raise StorageError(f"There is no database file at {path}. Nothing was copied.")
    maintenance.quick_check(url)  # a damaged file is refused in the words the desk uses
    if maintenance.current_revision(url) is None:
        raise StorageError(f"{shown} holds no Reception gym (it has no schema revision). Nothing was copied.")
    try:
        maintenance.ensure_schema(url, auto_upgrade=False)  # never upgraded here: the source is only read
    except StorageError as error:
        raise StorageError(f"The source cannot be copied as it is. {error} — then copy again. "
                           "Nothing was copied.") from None


def _prepare_destination(url: DatabaseUrl) -> bool:
    """True when the destination had no tables and was given the schema at head."""
    shown = _shown(url)
    path = sqlite_path(url)
    revision = maintenance.current_revision(url)
    if revision is None:
        if (path is None or path.exists()) and maintenance.has_tables(url):
            raise StorageError(f"{shown} already holds tables that are not a Reception gym's. Copy into an empty "
                               "database; nothing was changed.")
        maintenance.upgrade(url, backup_dir=None)  # refuses a zero-byte file, as the desk does
        return True
    if revision != maintenance.head_revision():
        raise StorageError(f"{shown} already holds a Reception database (schema revision {revision}). Copy into an "
                           "empty database; nothing was changed.")
    engine = create_engine_for(url)
    try:
        with storage_errors(path), engine.connect().execution_options(**{READ_ONLY: True}) as connection:
            _refuse_rows(connection, shown)
    finally:
        engine.dispose()
    return False


def _refuse_rows(connection: Connection, shown: str) -> None:
    for table in metadata.sorted_tables:
        count = connection.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
        if count:
            raise StorageError(f"{shown} is not empty: its table {table.name} holds {count:,} rows. Copy into an "
                               "empty database; nothing was changed.")


def _snapshot(engine: sa.Engine) -> Connection:
    """A read transaction that sees the source as it was at its first read, to the end."""
    options: dict[str, Any] = {READ_ONLY: True}
    if engine.dialect.name == "postgresql":
        options.update(isolation_level="REPEATABLE READ", postgresql_readonly=True)
    return engine.connect().execution_options(**options)


def _copy_all(reading: Connection, writing: Connection, shown: str, created: bool) -> CopyReport:
    _refuse_rows(writing, shown)  # again, inside the transaction that writes
    copied: list[CopiedTable] = []
    digests: dict[str, str] = {}
    for table in metadata.sorted_tables:
        digest = hashlib.sha256()
        count = 0
        for batch in _batches(reading, table):
            for row in batch:
                digest.update(_row_bytes(table, row))
            try:
                writing.execute(table.insert(), batch)
            except sa.exc.DBAPIError as error:
                detail = redact.mask_text(str(error.orig or error).splitlines()[0])
                raise StorageError(f"Copying the table {table.name} failed ({detail}). The copy was undone; "
                                   "the destination holds no gym data.") from None
            count += len(batch)
        copied.append(CopiedTable(table.name, count))
        digests[table.name] = digest.hexdigest()
    for table in metadata.sorted_tables:
        _compare(writing, table, digests[table.name], next(t.rows for t in copied if t.name == table.name))
    next_numbers = _continue_numbering(writing)
    _advance_sequences(writing)
    return CopyReport(tuple(copied), created, next_numbers[MEMBER_NO], next_numbers[RECEIPT_NO])


def _ordered(table: sa.Table, dialect: str) -> sa.Select[Any]:
    """All rows in primary-key order; text keys compare by code point on both databases (C collation)."""
    keys: list[sa.ColumnElement[Any]] = []
    for column in table.primary_key.columns:
        text = isinstance(column.type, sa.String) and not isinstance(column.type, sa.Uuid)
        keys.append(column.collate("C") if text and dialect == "postgresql" else column)
    return sa.select(table).order_by(*keys)


def _batches(connection: Connection, table: sa.Table) -> Iterator[list[dict[str, Any]]]:
    result = connection.execution_options(yield_per=BATCH).execute(_ordered(table, connection.dialect.name))
    for part in result.partitions():
        yield [dict(row._mapping) for row in part]


def _value_bytes(value: Any) -> bytes:
    """One column's value, tagged with its kind and length so no two different rows read alike."""
    if value is None:
        return b"N"
    if isinstance(value, bool):
        tag, text = b"b", "1" if value else "0"
    elif isinstance(value, (int, Decimal)):
        tag, text = b"n", str(value)
    elif isinstance(value, datetime):
        tag, text = b"t", value.isoformat()
    elif isinstance(value, date):
        tag, text = b"d", value.isoformat()
    elif isinstance(value, uuid.UUID):
        tag, text = b"u", value.hex
    elif isinstance(value, (bytes, bytearray, memoryview)):
        raw = bytes(value)
        return b"x" + str(len(raw)).encode() + b":" + raw
    else:
        tag, text = b"s", str(value)
    encoded = text.encode("utf-8", "surrogatepass")
    return tag + str(len(encoded)).encode() + b":" + encoded


def _row_bytes(table: sa.Table, row: dict[str, Any]) -> bytes:
    return b"".join(_value_bytes(row[column.name]) for column in table.columns) + b"\n"


def _compare(connection: Connection, table: sa.Table, expected: str, expected_rows: int) -> None:
    digest = hashlib.sha256()
    count = 0
    for batch in _batches(connection, table):
        for row in batch:
            digest.update(_row_bytes(table, row))
        count += len(batch)
    if count != expected_rows:
        difference = f"{count:,} rows arrived of the source's {expected_rows:,}"
    elif digest.hexdigest() != expected:
        difference = "its rows differ from the source's"
    else:
        return
    raise StorageError(f"The copy of the table {table.name} does not match the source ({difference}). The copy was "
                       "undone; the destination holds no gym data.")


def _continue_numbering(connection: Connection) -> dict[str, int]:
    """Counters never below the highest number copied, so the next registration or receipt does not collide.
    Returns the next number of each."""
    following: dict[str, int] = {}
    for name, column in NUMBERED:
        highest = connection.execute(sa.select(sa.func.max(column))).scalar_one_or_none() or 0
        stored = connection.execute(sa.select(counters.c.value).where(counters.c.name == name)).scalar_one_or_none()
        if stored is not None and stored < highest:
            connection.execute(sa.update(counters).where(counters.c.name == name).values(value=highest))
        following[name] = max(highest, stored or 0) + 1
    return following


_OWNED_SEQUENCES = sa.text("""
    SELECT quote_ident(sn.nspname) || '.' || quote_ident(s.relname) AS sequence_name,
           quote_ident(tn.nspname) || '.' || quote_ident(t.relname) AS table_name,
           quote_ident(a.attname) AS column_name
    FROM pg_class s
    JOIN pg_namespace sn ON sn.oid = s.relnamespace
    JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass
                     AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
    JOIN pg_class t ON t.oid = d.refobjid
    JOIN pg_namespace tn ON tn.oid = t.relnamespace
    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
    WHERE s.relkind = 'S' AND sn.nspname = current_schema()
""")


def _advance_sequences(connection: Connection) -> None:
    """PostgreSQL: every serial or identity column's sequence continues after the highest value copied
    (rows copied with their own ids do not move it). SQLite needs nothing: a rowid follows the highest."""
    if connection.dialect.name != "postgresql":
        return
    for sequence, table, column in connection.execute(_OWNED_SEQUENCES).all():
        highest = connection.execute(sa.text(f"SELECT max({column}) FROM {table}")).scalar_one_or_none()
        if highest is not None:
            connection.execute(sa.text("SELECT setval(CAST(:sequence AS regclass), :highest, true)"),
                               {"sequence": sequence, "highest": highest})
