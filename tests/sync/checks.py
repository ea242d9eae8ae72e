"""What every sync scenario ends with: nothing lost, nothing twice, every replica equal to the server."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from reception.domain.models import AttendanceAction
from reception.repository.sql import replica
from reception.repository.sql.tables import ledger_entries, operations, outbox, subscriptions
from reception.services.context import Desk
from tests.server.helpers import member_with_pack

SCOPED = ("attendance", "payments")
SHARED = ("branches", "staff", "services", "customers", "revoked_cards", "subscriptions", "freezes",
          "ledger_entries", "pass_keys", "passes", "sync_issues")


def engine_of(app: Any) -> sa.Engine:
    return app.storage.engine  # type: ignore[no-any-return]


def images(app: Any, table_name: str, branch_id: uuid.UUID | None = None) -> dict[str, dict[str, object]]:
    table = replica.BY_NAME[table_name]
    (pk,) = table.primary_key.columns
    query = sa.select(table)
    if table_name in SCOPED and branch_id is not None:
        when = table.c.check_in_time if table_name == "attendance" else table.c.created_at
        query = query.where(table.c.branch_id == branch_id, when >= datetime.now(UTC) - timedelta(days=90))
    with engine_of(app).connect() as connection:
        return {str(row[pk.name]): replica.image(table, row) for row in connection.execute(query).mappings()}


def acknowledged(desk_app: Any) -> dict[uuid.UUID, int]:
    """Every operation the desk committed, and its sequence."""
    with engine_of(desk_app).connect() as connection:
        return {row.operation_id: row.seq for row in connection.execute(sa.select(outbox.c.operation_id, outbox.c.seq))}


def waiting(desk_app: Any) -> int:
    with engine_of(desk_app).connect() as connection:
        return int(connection.execute(sa.select(sa.func.count()).select_from(outbox)
                                      .where(outbox.c.pushed_at.is_(None))).scalar_one())


def unbalanced(app: Any) -> list[tuple[uuid.UUID, int, int]]:
    """Packs whose balance is not the sum of their ledger: (id, balance, ledger)."""
    total = (sa.select(sa.func.coalesce(sa.func.sum(ledger_entries.c.delta), 0))
             .where(ledger_entries.c.subscription_id == subscriptions.c.id).scalar_subquery())
    with engine_of(app).connect() as connection:
        return [(r.id, r.remaining, r.total) for r in connection.execute(
            sa.select(subscriptions.c.id, subscriptions.c.remaining, total.label("total"))
            .where(subscriptions.c.total_units.is_not(None), subscriptions.c.remaining != total))]


def assert_converged(server: Any, desks: list[Any]) -> None:
    """Every operation a desk acknowledged is on the server exactly once; every balance equals its ledger, on the
    server and on every desk; every replica holds the server's data for its scope, row for row."""
    with engine_of(server).connect() as connection:
        applied = {row.id for row in connection.execute(sa.select(operations.c.id))}
    for desk in desks:
        assert waiting(desk.app) == 0, f"{desk.name} still has operations waiting"
        mine = acknowledged(desk.app)
        missing = [op for op in mine if op not in applied]
        assert not missing, f"{desk.name}: {len(missing)} acknowledged operation(s) not on the server"
    assert unbalanced(server) == []
    branch_ids = {b.number: b.id for b in server.catalogue.branches()}
    for table in SHARED:
        expected = images(server, table)
        for desk in desks:
            assert unbalanced(desk.app) == [], desk.name
            found = images(desk.app, table)
            if table == "customers":  # a photo comes when the desk first shows the member: none here yet
                expected = {k: {**v, "photo": None} if k in found and found[k]["photo"] is None else v
                            for k, v in images(server, table).items()}
            differ = [k for k in expected if found.get(k) != expected[k]]
            extra = [k for k in found if k not in expected]
            assert not differ and not extra, (f"{desk.name}.{table}: {len(differ)} row(s) differ, {len(extra)} "
                                              f"not on the server; first: {(differ + extra)[:1]}")
    for table in SCOPED:
        for desk in desks:
            branch = branch_ids[desk.branch_no]
            expected, found = images(server, table, branch), images(desk.app, table, branch)
            assert found == expected, f"{desk.name}.{table}: the replica differs from the server"


def desk_of(app: Any, username: str) -> Desk:
    """The desk where `username` signed in (the replica's own copy of the staff and branches)."""
    with app.uow.reading() as uow:
        person = uow.staff.by_username(username)
    branches = app.catalogue.branches()
    branch = next(b for b in branches if b.id == person.branch_id) if person.branch_id else min(
        branches, key=lambda b: b.number)
    return Desk(person, branch)


def check_in(app: Any, desk: Desk, code: str) -> Any:
    """Scan and check in with a deduction, as a receptionist does."""
    result = app.desk.scan(desk, code, action=AttendanceAction.CHECK_IN_WITH_DEDUCTION)
    assert result.decision.allowed and result.attendance is not None, result.decision.headline
    return result


def pack_members(server: Any, branch_no: int, count: int, units: int) -> list[Any]:
    """Members with a fresh pack each, made on the server (so every desk pulls them)."""
    return [member_with_pack(server, branch_no, units)[0] for _ in range(count)]


def balance_of(app: Any, customer_id: uuid.UUID) -> int | None:
    """The member's first pack's balance as `app`'s database holds it."""
    with app.uow.reading() as uow:
        return uow.subscriptions.for_customer(customer_id)[0].remaining  # type: ignore[no-any-return]


def overdraw_offline(chain: Any, one: Any, two: Any) -> Any:
    """Both branches take the last session of one pack while offline (the owner at the second desk, for branch
    1): once both have synced, one overdraft issue that both desks hold. Returns the member."""
    from dataclasses import replace

    (member,) = pack_members(chain.server, 1, 1, units=1)
    assert one.sync().ok and two.sync().ok
    chain.proxy.partition(True)
    check_in(one.app, desk_of(one.app, "desk1"), member.qr_code)
    owner_two = desk_of(two.app, "owner")
    check_in(two.app, replace(owner_two, branch=next(b for b in two.app.catalogue.branches() if b.number == 1)),
             member.qr_code)
    chain.proxy.partition(False)
    assert one.sync().ok and two.sync().ok and one.sync().ok
    return member


def as_previous_release(desk: Any) -> None:
    """Closes the desk and leaves its replica as the release before desks kept sync issues left it: none kept,
    no outbox triggers on them, no list of the tables it holds whole."""
    from reception.repository.sql.tables import sync_issues, sync_state

    desk.close()
    engine = sa.create_engine(desk.url)
    with engine.begin() as connection:
        for event in ("insert", "update", "delete"):
            connection.exec_driver_sql(f"DROP TRIGGER sync_{event}_sync_issues")
        connection.execute(sa.delete(sync_issues))
        connection.execute(sa.delete(sync_state).where(sync_state.c.name == "tables"))
    engine.dispose()
