"""A desk's replica built from pulled rows holds byte for byte what the gym's own database holds: every shared
table and the search terms, so a branch desk finds, checks in and reports exactly as the gym's own desk."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from reception.bootstrap import open_app
from reception.domain.sync import SYNCED_TABLES
from reception.repository.sql import replica
from reception.repository.sql.engine import READ_ONLY
from reception.repository.sql.tables import customer_terms
from reception.services.demo import build_demo


def _raw(path: Path, table: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as db:
        return sorted(db.execute(f"SELECT * FROM {table}").fetchall(), key=repr)


def _images(app, table: sa.Table) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    with app.storage.engine.connect() as connection:
        return [{"t": table.name, "row": replica.image(table, row._mapping)}
                for row in connection.execute(sa.select(table))]


@pytest.mark.parametrize("first_copy", [False, True])
def test_a_replica_made_from_pulled_pages_stores_what_the_gyms_own_database_stores(tmp_path: Path,
                                                                                  first_copy: bool) -> None:
    """Also as a desk's first copy: its pages' commits do not wait for the disk and its balances are not counted
    again, and the result is the same, byte for byte; afterwards every commit waits for the disk again."""
    gym_file, desk_file = tmp_path / "gym.sqlite3", tmp_path / "desk.sqlite3"
    gym = open_app(f"sqlite:///{gym_file}")
    build_demo(gym.uow, gym.clock, customers=120)
    pages = [_images(gym, replica.BY_NAME[name]) for name in SYNCED_TABLES]
    gym.close()

    desk = open_app(f"sqlite:///{desk_file}")
    assert desk.replica is not None
    for page in pages:
        for start in range(0, len(page), 50):  # pages as the pull sends them, some split across transactions
            desk.replica.apply(page[start:start + 50], {}, first_copy=first_copy)
    held = [desk.storage.engine.connect().execution_options(**{READ_ONLY: True}) for _ in range(4)]
    try:  # the pool's connections, the ones that wrote the pages among them: synchronous=FULL (2) on each
        assert [c.exec_driver_sql("PRAGMA synchronous").scalar() for c in held] == [2, 2, 2, 2]
    finally:
        for connection in held:
            connection.close()
    desk.close()

    for name in SYNCED_TABLES:
        gym_rows = _raw(gym_file, name)
        assert _raw(desk_file, name) == gym_rows, f"{name} differs on the desk"
    assert len(_raw(gym_file, "customers")) >= 120
    assert _raw(desk_file, customer_terms.name) == _raw(gym_file, customer_terms.name)


def test_a_pulled_row_that_is_not_what_its_column_holds_is_refused_and_nothing_of_its_page_is_kept(
        tmp_path: Path) -> None:
    gym = open_app(f"sqlite:///{tmp_path / 'gym.sqlite3'}")
    build_demo(gym.uow, gym.clock, customers=5)
    page = _images(gym, replica.BY_NAME["customers"])
    gym.close()
    desk = open_app(f"sqlite:///{tmp_path / 'desk.sqlite3'}")
    assert desk.replica is not None
    for column, bad in [("id", "not-a-uuid"), ("member_no", "12"), ("created_at", "2026-12-02T10:00:00"),
                        ("is_active", "yes"), ("full_name", 7)]:
        broken = [dict(item, row=dict(item["row"])) for item in page]
        broken[-1]["row"][column] = bad
        try:
            desk.replica.apply(broken, {})
        except ValueError:
            pass
        else:
            raise AssertionError(f"a customer whose {column} is {bad!r} was stored")
        assert desk.replica.customer_count() == 0, f"part of a page with a bad {column} was kept"
    desk.close()


def test_what_a_desk_sends_of_a_row_it_changed_is_what_the_server_sends_of_that_row(tmp_path: Path) -> None:
    """The outbox reads each changed row from the triggers' JSON of SQLite's stored values; for every shared
    table its image is the one the server's change feed gives for the same row (`replica.image`), so what a
    desk pushes and what it pulls back compare equal. Instants on a whole second are among the rows (their
    ISO text has no fraction)."""
    import json

    gym_file = tmp_path / "gym.sqlite3"
    gym = open_app(f"sqlite:///{gym_file}")
    build_demo(gym.uow, gym.clock, customers=40)
    gym.close()
    with sqlite3.connect(gym_file) as db:
        for name in SYNCED_TABLES:
            table = replica.BY_NAME[name]
            instants = [c.name for c in table.columns if type(c.type).__name__ == "UTCDateTime"]
            if instants:
                db.execute(f"UPDATE {name} SET {instants[0]} = substr({instants[0]}, 1, 19) || '.000000' "
                           f"WHERE rowid = (SELECT min(rowid) FROM {name} WHERE {instants[0]} IS NOT NULL)")
    gym = open_app(f"sqlite:///{gym_file}")
    compared = 0
    try:
        with gym.storage.engine.connect() as connection:
            for name in SYNCED_TABLES:
                table = replica.BY_NAME[name]
                expected = [replica.image(table, row._mapping) for row in connection.execute(sa.select(table))]
                stored = connection.exec_driver_sql(f"SELECT {replica._json_of(table, name)} FROM {name}").scalars()
                sent = [replica._stored_image(table, json.loads(text), connection.dialect) for text in stored]
                assert sent == expected, f"{name}: what the desk sends differs from what the server sends"
                compared += len(sent)
    finally:
        gym.close()
    assert compared > 200
