"""`reception db copy SRC DST`: a one-desk gym moves onto the chain's PostgreSQL with all its history, checked
row for row; a destination that holds anything, or a source behind the schema, is refused and left as it is."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic.command import upgrade as alembic_upgrade
from sqlalchemy.engine import make_url

from reception import cli
from reception.bootstrap import open_app
from reception.domain.errors import StorageError
from reception.domain.models import AttendanceAction, PaymentMethod
from reception.repository.sql import create_engine_for, maintenance
from reception.repository.sql.copy import _advance_sequences, copy_database
from reception.repository.sql.tables import counters, metadata
from reception.services.demo import build_demo
from tests.conftest import FakeClock, _drop_database, new_pg_database, owner_desk
from tests.integration.helpers_gym import open_uow, seed_gym


def everything(url: str) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, as the app reads it, in a stable order."""
    engine = create_engine_for(url)
    try:
        with engine.connect() as connection:
            return {
                table.name: sorted((dict(row._mapping) for row in connection.execute(sa.select(table))),
                                   key=lambda row: repr([row[c.name] for c in table.primary_key.columns]))
                for table in metadata.sorted_tables
            }
    finally:
        engine.dispose()


def desk_gym(url: str, clock: FakeClock) -> None:
    """The demo gym as a desk leaves it after a morning: scans, a replaced card, sign-ins."""
    maintenance.upgrade(url, backup_dir=None)
    app = open_app(url, clock=clock)
    try:
        build_demo(app.uow, clock)
        owner = owner_desk(app)
        member = app.customers.by_member_no(owner, 1)
        assert member is not None
        app.desk.scan(owner, member.qr_code, action=AttendanceAction.CHECK_IN_ONLY)
        app.desk.scan(owner, "GYM-999-00000000")
        app.customers.regenerate_card(owner, member.id)
    finally:
        app.close()


def test_a_desk_gym_moves_onto_postgresql_with_every_row(
        sqlite_url: str, postgres_url: str, clock: FakeClock, capsys: pytest.CaptureFixture[str]) -> None:
    desk_gym(sqlite_url, clock)
    before = everything(sqlite_url)
    assert cli.main(["db", "copy", sqlite_url, postgres_url, "--json"]) == cli.EXIT_OK
    printed = capsys.readouterr().out
    report = json.loads(printed)
    password = make_url(postgres_url).password
    assert password and password not in printed and "***" in report["destination"]  # never shown
    assert report["schema_created"] is True
    assert {t["name"]: t["rows"] for t in report["tables"]} == {name: len(rows) for name, rows in before.items()}
    after = everything(postgres_url)
    assert after == before
    for busy in ("customers", "subscriptions", "attendance", "payments", "access_log", "revoked_cards",
                 "login_attempts", "ledger_entries", "freezes"):
        assert after[busy], busy  # the gym's history came along, not only its members
    assert maintenance.current_revision(postgres_url) == maintenance.head_revision()
    assert everything(sqlite_url) == before  # the desk's file is only read

    app = open_app(postgres_url, clock=clock)  # the chain's server, the morning after
    try:
        owner = owner_desk(app)
        highest = max(row["member_no"] for row in before["customers"])
        newcomer = app.customers.register(owner, full_name="Nour Adel", phone="01001234567")
        assert newcomer.member_no == highest + 1 == report["next_member_no"]
        monthly = next(s for s in app.catalogue.services() if s.name == "Monthly – 1 month")
        sold = app.subscriptions.activate(owner, newcomer.id, monthly.id, payment_method=PaymentMethod.CASH)
        assert sold.payment.receipt_no == max(row["receipt_no"] for row in before["payments"]) + 1
    finally:
        app.close()


def test_member_numbers_continue_after_the_highest_copied(tmp_path: Path, clock: FakeClock) -> None:
    source, destination = f"sqlite:///{tmp_path / 'desk.sqlite3'}", f"sqlite:///{tmp_path / 'server.sqlite3'}"
    desk_gym(source, clock)
    engine = create_engine_for(source)  # a counter left behind the numbers in use (members imported by hand)
    with engine.begin() as connection:
        connection.execute(sa.update(counters).where(counters.c.name == "member_no").values(value=10))
    engine.dispose()
    report = copy_database(source, destination)
    assert report.next_member_no == 151
    app = open_app(destination, clock=clock)
    try:
        assert app.customers.register(owner_desk(app), full_name="Omar Adel", phone="01001234568").member_no == 151
    finally:
        app.close()


def test_a_destination_that_holds_data_is_refused_and_left_as_it_was(
        tmp_path: Path, database_url: str, clock: FakeClock, capsys: pytest.CaptureFixture[str]) -> None:
    source = f"sqlite:///{tmp_path / 'desk.sqlite3'}"
    desk_gym(source, clock)
    unit = open_uow(database_url)
    seed_gym(unit)  # another gym already lives there
    unit.engine.dispose()
    before = everything(database_url)
    assert cli.main(["db", "copy", source, database_url]) == cli.EXIT_ERROR
    message = capsys.readouterr().err
    assert "is not empty: its table branches holds 1 rows" in message and "nothing was changed" in message
    assert str(make_url(database_url).password) not in message
    assert everything(database_url) == before


def test_a_source_behind_the_schema_is_refused_with_the_upgrade_to_run(tmp_path: Path) -> None:
    source, destination = tmp_path / "old-desk.sqlite3", tmp_path / "server.sqlite3"
    alembic_upgrade(maintenance._config(f"sqlite:///{source}"), "0003")
    with pytest.raises(StorageError, match=r"revision 0003.*reception db upgrade --db sqlite:///") as refused:
        copy_database(f"sqlite:///{source}", f"sqlite:///{destination}")
    assert "Nothing was copied" in str(refused.value)
    assert maintenance.current_revision(f"sqlite:///{source}") == "0003"  # not upgraded behind the owner's back
    assert not destination.exists()


def test_a_copy_that_does_not_match_the_source_is_undone(tmp_path: Path, clock: FakeClock) -> None:
    source, destination = f"sqlite:///{tmp_path / 'desk.sqlite3'}", f"sqlite:///{tmp_path / 'server.sqlite3'}"
    desk_gym(source, clock)
    maintenance.upgrade(destination, backup_dir=None)
    engine = create_engine_for(destination)  # a destination that changes what it is given
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TRIGGER mangle AFTER INSERT ON subscriptions BEGIN "
                                   "UPDATE subscriptions SET service_name = 'x' WHERE id = NEW.id; END")
    engine.dispose()
    with pytest.raises(StorageError, match="table subscriptions does not match the source"):
        copy_database(source, destination)
    assert all(not rows for rows in everything(destination).values())


def test_sequences_on_postgresql_continue_after_the_highest_copied_id() -> None:
    url, admin, name = new_pg_database()
    engine = create_engine_for(url)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("CREATE TABLE tickets (id serial PRIMARY KEY, note text)")
            connection.exec_driver_sql("CREATE TABLE stamps (id integer GENERATED BY DEFAULT AS IDENTITY, n int)")
            connection.exec_driver_sql("INSERT INTO tickets (id, note) VALUES (1, 'a'), (7, 'b')")
            connection.exec_driver_sql("INSERT INTO stamps (id, n) VALUES (41, 1)")
            _advance_sequences(connection)
            assert connection.exec_driver_sql("INSERT INTO tickets (note) VALUES ('c') RETURNING id").scalar() == 8
            assert connection.exec_driver_sql("INSERT INTO stamps (n) VALUES (2) RETURNING id").scalar() == 42
    finally:
        engine.dispose()
        _drop_database(admin, name)
        admin.dispose()
