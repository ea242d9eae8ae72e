"""Day passes through the services, on a real SQLite file and a real PostgreSQL server: sale, first use wins,
void with a refund, the shift report, the access log, keys rotated and revoked, two turnstiles at one instant."""

from __future__ import annotations

import threading
from datetime import timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from reception.bootstrap import App, open_app
from reception.domain.errors import NotAllowed, PermissionDenied
from reception.domain.models import PaymentMethod
from reception.repository.sql.maintenance import upgrade
from reception.services.context import Desk
from reception.services.demo import build_demo
from tests.conftest import FakeClock
from tests.integration.helpers_gym import engine_of


@pytest.fixture
def gym(database_url: str, clock: FakeClock):  # type: ignore[no-untyped-def]
    upgrade(database_url, backup_dir=None)  # a new PostgreSQL database gets the schema; a new file makes its own
    app = open_app(database_url, clock=clock)
    build_demo(app.uow, clock, customers=5)
    yield app
    app.close()


def desk_of(app: App, username: str, branch_no: int | None = None) -> Desk:
    staff = app.staff.authenticate(username, "demo1234")
    branches = {b.number: b for b in app.catalogue.branches()}
    branch = next(b for b in branches.values() if b.id == staff.branch_id) if staff.branch_id else branches[branch_no or 1]
    return Desk(staff, branch)


def test_a_sold_pass_admits_once_then_says_when_it_was_used(gym: App, clock: FakeClock) -> None:
    desk = desk_of(gym, "desk1")
    sold = gym.passes.sell(desk, name="Visitor", phone="0100 000 0000", method=PaymentMethod.CASH)
    assert sold.payment.amount == Decimal("150.00") and sold.payment.subscription_id is None
    assert sold.day_pass.visitor_phone == "01000000000"
    looked = gym.passes.verify(desk, sold.code, admit=False)
    assert looked.allowed and not looked.admitted
    clock.advance(minutes=42)
    first = gym.passes.verify(desk, sold.code, admit=True)
    assert first.allowed and first.admitted
    clock.advance(minutes=5)
    again = gym.passes.verify(desk, sold.code, admit=True)
    assert not again.allowed and again.code == "pass_used"
    used_at = (sold.day_pass.issued_at + timedelta(minutes=42)).astimezone(ZoneInfo(desk.branch.timezone))
    assert again.reason is not None and again.reason.message == f"Already used at {used_at:%H:%M}"
    # every attempt is in the log under the pass's id, never the code itself
    with gym.uow.reading() as uow:
        rows = [e for e in uow.access_log.query(limit=100) if e.pass_id == sold.day_pass.id]
    assert [(e.allowed, e.reason) for e in sorted(rows, key=lambda e: e.created_at)] == [
        (True, "pass_valid"), (True, ""), (False, "pass_used")]
    with engine_of(gym).connect() as connection:
        logged = connection.execute(sa.text("SELECT code FROM access_log")).scalars().all()
    assert all(sold.code[5:25] not in text for text in logged)


def test_an_expired_pass_is_denied_and_a_pass_from_another_branch_too(gym: App, clock: FakeClock) -> None:
    sold = gym.passes.sell(desk_of(gym, "desk1"), method=PaymentMethod.CASH)
    assert gym.passes.verify(desk_of(gym, "desk2"), sold.code, admit=True).code == "pass_other_branch"
    clock.advance(hours=24)
    verdict = gym.passes.verify(desk_of(gym, "desk1"), sold.code, admit=True)
    assert not verdict.allowed and verdict.code == "pass_expired"


def test_a_manager_voids_a_pass_refunded_in_the_shift_report(gym: App, clock: FakeClock) -> None:
    desk, manager = desk_of(gym, "desk1"), desk_of(gym, "manager")
    sold = gym.passes.sell(desk, method=PaymentMethod.CARD)
    with pytest.raises(PermissionDenied):
        gym.passes.void(desk, sold.day_pass.id, "sold by mistake")
    clock.advance(minutes=10)
    refund = gym.passes.void(manager, sold.day_pass.id, "sold by mistake")
    assert refund is not None and refund.amount == Decimal("-150.00") and refund.method is PaymentMethod.CARD
    with pytest.raises(NotAllowed):
        gym.passes.void(manager, sold.day_pass.id, "twice")
    verdict = gym.passes.verify(desk, sold.code, admit=True)
    assert verdict.code == "pass_voided" and verdict.reason is not None
    assert verdict.reason.message.startswith("Voided by ")
    report = gym.reports.shift_report(manager, clock.now() - timedelta(hours=1), clock.now() + timedelta(hours=1),
                                      desk.branch.id)
    lines = [p for p in report.payments if p.service_name == "Day pass"]
    assert sorted(p.amount for p in lines) == [Decimal("-150.00"), Decimal("150.00")]
    assert all(p.member_no == 0 for p in lines)


def test_a_rotated_key_still_verifies_its_passes_and_a_revoked_one_denies_them(gym: App) -> None:
    desk, owner = desk_of(gym, "desk1"), desk_of(gym, "owner")
    before = gym.passes.sell(desk, method=PaymentMethod.CASH)
    new_key = gym.passes.rotate(owner)
    after = gym.passes.sell(desk, method=PaymentMethod.CASH)
    assert after.day_pass.key_id == new_key.key_id != before.day_pass.key_id
    assert gym.passes.verify(desk, before.code, admit=False).allowed
    with pytest.raises(PermissionDenied):
        gym.passes.revoke(desk, before.day_pass.key_id)
    gym.passes.revoke(owner, before.day_pass.key_id)
    assert gym.passes.verify(desk, before.code, admit=True).code == "pass_key_revoked"
    assert gym.passes.verify(desk, after.code, admit=True).allowed


def test_two_turnstiles_verifying_one_pass_at_the_same_instant_admit_it_once(database_url: str,
                                                                              clock: FakeClock) -> None:
    upgrade(database_url, backup_dir=None)
    first = open_app(database_url, clock=clock)
    build_demo(first.uow, clock, customers=5)
    second = open_app(database_url, clock=clock)
    try:
        branch = desk_of(first, "desk1").branch
        outcomes: list[bool] = []
        rounds = 25
        for _round in range(rounds):
            sold = first.passes.sell(desk_of(first, "desk1"), method=PaymentMethod.CASH)
            barrier = threading.Barrier(2)
            found: list[bool] = []

            def turnstile(app: App) -> None:
                kiosk = app.kiosk_desk(branch)
                barrier.wait()
                found.append(app.passes.verify(kiosk, sold.code, admit=True, station="gate").allowed)

            threads = [threading.Thread(target=turnstile, args=(app,)) for app in (first, second)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
            assert sorted(found) == [False, True], f"round {_round}: {found}"
            outcomes += found
        assert outcomes.count(True) == rounds and len(outcomes) == 2 * rounds
    finally:
        first.close()
        second.close()


def test_a_day_pass_cannot_be_sold_as_a_subscription(gym: App) -> None:
    from reception.domain.errors import ServiceUnavailable

    desk = desk_of(gym, "desk1")
    day = gym.passes.day_pass_services()[0]
    with gym.uow.reading() as uow:
        member = next(c for c in uow.customers.page(branch_id=desk.branch.id, limit=10, offset=0))
    with pytest.raises(ServiceUnavailable, match="day pass"):
        gym.subscriptions.activate(desk, member.id, day.id, payment_method=PaymentMethod.CASH)


def test_a_desk_whose_clock_is_far_off_checks_expiry_by_the_servers_time(sqlite_url: str, clock: FakeClock) -> None:
    from tests.integration.helpers_gym import engine_of as engine

    app = open_app(sqlite_url, clock=clock)
    try:
        build_demo(app.uow, clock, customers=5)
        sold = app.passes.sell(desk_of(app, "desk1"), method=PaymentMethod.CASH)
        sold_at = clock.now()
        clock.set(sold_at - timedelta(hours=2))  # the desk's clock runs two hours behind the server's
        assert app.passes.verify(desk_of(app, "desk1"), sold.code, admit=False).code == "pass_not_yet_valid"
        with engine(app).begin() as connection:  # what the desk's last sync saw of the server's clock
            connection.execute(sa.text("INSERT INTO sync_state (name, value) VALUES ('clock_offset', '7200')"))
        looked = app.passes.verify(desk_of(app, "desk1"), sold.code, admit=False)
        assert looked.allowed and looked.clock_off_s == 7200
        clock.set(sold_at + timedelta(hours=22, seconds=1))  # 24 h and a second by the server's clock
        late = app.passes.verify(desk_of(app, "desk1"), sold.code, admit=True)
        assert late.code == "pass_expired"
        with engine(app).begin() as connection:  # within five minutes: the desk's own clock counts
            connection.execute(sa.text("UPDATE sync_state SET value = '240' WHERE name = 'clock_offset'"))
        assert app.passes.verify(desk_of(app, "desk1"), sold.code, admit=False).clock_off_s == 0
    finally:
        app.close()


def test_an_archived_month_keeps_each_pass_attempt_with_its_pass_and_turnstile(sqlite_url: str,
                                                                              clock: FakeClock) -> None:
    from datetime import UTC, datetime

    from reception.repository.sql.sqlite_files import access_archive_path, archive_access_log, read_access_archive

    app = open_app(sqlite_url, clock=clock)
    try:
        build_demo(app.uow, clock, customers=5)
        clock.set(datetime(2026, 3, 10, 9, 0, tzinfo=UTC))
        sold = app.passes.sell(desk_of(app, "desk1"), method=PaymentMethod.CASH)
        app.passes.verify(desk_of(app, "desk1"), sold.code, admit=True, station="gate A")
        path = app.storage.local_file
    finally:
        app.close()
    assert path is not None
    moved = archive_access_log(sqlite_url, datetime(2026, 4, 1, tzinfo=UTC))
    assert moved.get("2026-03", 0) >= 1
    rows = read_access_archive(access_archive_path(path, "2026-03"))
    kept = [r for r in rows.values() if r.get("pass_id")]
    assert len(kept) == 1 and kept[0]["station"] == "gate A" and str(sold.day_pass.id).replace("-", "") in \
        str(kept[0]["pass_id"]).replace("-", "")
    reopened = open_app(sqlite_url, clock=clock)
    try:  # the pass itself is never archived nor deleted
        with reopened.uow.reading() as uow:
            assert uow.passes.get(sold.day_pass.id) is not None
    finally:
        reopened.close()
