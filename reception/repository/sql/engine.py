"""Engines for a database URL: SQLite files tuned for safety, PostgreSQL through psycopg."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL, Engine

from reception import redact
from reception.repository.urls import DatabaseUrl

# Connection execution option set by the unit of work for transactions that only read.
READ_ONLY = "reception_read_only"
RELAXED = "reception_relaxed_flushes"  # connection info: synchronous=NORMAL for a first copy, FULL again at checkin
BUSY_TIMEOUT_MS = 10_000


def location(url: str | DatabaseUrl) -> DatabaseUrl:
    """The parsed address (reception.repository.urls), for callers that hold only its text."""
    return url if isinstance(url, DatabaseUrl) else DatabaseUrl.read(url)


def sa_url(url: str | DatabaseUrl) -> URL:
    """SQLAlchemy's URL built from the parsed fields (no second parse)."""
    parsed = location(url)
    query: dict[str, str | tuple[str, ...]] = {}
    for key, value in parsed.query:
        before = query.get(key)
        query[key] = value if before is None else (*((before,) if isinstance(before, str) else before), value)
    return URL.create(parsed.drivername, parsed.username, parsed.password, parsed.host, parsed.port,
                      parsed.database, query)


def sqlite_path(url: str | DatabaseUrl) -> Path | None:
    """The file behind a SQLite URL; None for an in-memory database or another backend."""
    return location(url).sqlite_path


def create_engine_for(url: str | DatabaseUrl, *, foreign_keys: bool = True, echo: bool = False) -> Engine:
    """An engine for `url`. SQLite: WAL, synchronous=FULL, a busy timeout and foreign keys on
    every pooled connection; writes take the lock up front with BEGIN IMMEDIATE."""
    parsed = location(url)
    redact.remember_url(parsed)  # whatever the driver says later, the password stays out of logs
    if parsed.is_sqlite:
        return _sqlite_engine(parsed, foreign_keys=foreign_keys, echo=echo)
    return sa.create_engine(
        sa_url(parsed),
        echo=echo,
        pool_pre_ping=True,
        pool_size=5,
        max_overflow=5,
        pool_recycle=1800,
        connect_args={"connect_timeout": 5},
    )


def _sqlite_engine(url: DatabaseUrl, *, foreign_keys: bool, echo: bool) -> Engine:
    path = url.sqlite_path
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(
        sa_url(url),
        echo=echo,
        pool_size=5,
        max_overflow=10,
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control away from pysqlite; the begin event below emits BEGIN.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        finally:
            cursor.close()

    @event.listens_for(engine, "checkin")
    def _on_checkin(dbapi_connection: Any, record: Any) -> None:
        # A first copy's connection (replica_store.apply) flushes every commit to disk again.
        if dbapi_connection is not None and record.info.pop(RELAXED, False):
            cursor = dbapi_connection.cursor()
            try:
                cursor.execute("PRAGMA synchronous=FULL")
            finally:
                cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: sa.Connection) -> None:
        # A writer takes the write lock at BEGIN, so it waits (busy_timeout) instead of
        # failing halfway when another desk writes; a reader never blocks anyone in WAL.
        options = connection.get_execution_options()
        read_only = options.get(READ_ONLY, False)
        if options.get(RELAXED) and not read_only:  # a first copy's page: its commit waits for no disk flush
            connection.exec_driver_sql("PRAGMA synchronous=NORMAL")
            connection.connection.info[RELAXED] = True
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine
