"""What only the SQL adapter does, beyond the ports' promises (those are in test_repository_contract.py, for
every storage): SQLite's pragmas on every pooled connection, its write lock taken at BEGIN, and PostgreSQL's
read-only transactions."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from reception.repository.sql.engine import READ_ONLY
from tests.integration.helpers_gym import open_uow, seed_gym

PRAGMAS = ("journal_mode", "synchronous", "busy_timeout", "foreign_keys")


def test_sqlite_pragmas_hold_on_every_pooled_connection(sqlite_url: str) -> None:
    unit = open_uow(sqlite_url)
    engine = unit.engine
    try:
        # four distinct pooled connections, held at once; reading so none waits for the write lock
        connections = [engine.connect().execution_options(**{READ_ONLY: True}) for _ in range(4)]
        try:
            assert len({id(c.connection.dbapi_connection) for c in connections}) == 4
            for connection in connections:
                values = [connection.exec_driver_sql(f"PRAGMA {name}").scalar() for name in PRAGMAS]
                assert values == ["wal", 2, 10000, 1]  # synchronous 2 = FULL
        finally:
            for connection in connections:
                connection.close()
    finally:
        engine.dispose()


def test_sqlite_writes_take_the_lock_at_begin_and_reads_do_not(sqlite_url: str) -> None:
    unit = open_uow(sqlite_url)
    seed_gym(unit)
    engine = sa.create_engine(sqlite_url, connect_args={"timeout": 0.1, "isolation_level": None})
    try:
        with unit:  # BEGIN IMMEDIATE: the write lock is held before any statement runs
            with engine.connect() as other:
                with pytest.raises(sa.exc.OperationalError, match="locked"):
                    other.exec_driver_sql("BEGIN IMMEDIATE")
        with unit.reading():  # plain BEGIN: another writer is not blocked
            with engine.connect() as other:
                other.exec_driver_sql("BEGIN IMMEDIATE")
                other.exec_driver_sql("ROLLBACK")
    finally:
        engine.dispose()
        unit.engine.dispose()


def test_postgresql_reading_transactions_refuse_writes(postgres_url: str) -> None:
    unit = open_uow(postgres_url)
    gym = seed_gym(unit)
    try:
        with unit.reading(), pytest.raises(sa.exc.DBAPIError, match="read-only"):
            unit.subscriptions.deduct_one(gym.pack.id)
        with unit:  # the pooled connection is writable again
            assert unit.subscriptions.deduct_one(gym.pack.id) == 11
    finally:
        unit.engine.dispose()
