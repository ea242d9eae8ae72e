"""The front-desk use cases end to end on a real SQLite file and a real PostgreSQL server."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal

import pytest

from reception.bootstrap import App, open_app
from reception.domain.errors import (
    AlreadyActive,
    AuthenticationFailed,
    NoSessionsLeft,
    NotAllowed,
    PermissionDenied,
    ServiceUnavailable,
    ValidationError,
)
from reception.domain.models import AttendanceAction, LedgerKind, PaymentMethod, ServiceKind, SubscriptionStatus
from reception.services.context import Approval, Desk
from reception.services.customers import PhoneInUse
from reception.services.demo import build_demo
from tests.conftest import FakeClock, owner_desk


@pytest.fixture
def gym(database_url: str, clock: FakeClock) -> Iterator[App]:
    from reception.repository.sql.maintenance import upgrade

    upgrade(database_url)  # a server database is upgraded by its administrator, never by a desk
    app = open_app(database_url, clock=clock)
    build_demo(app.uow, clock)
    yield app
    app.close()


def desk(app: App, username: str = "desk1", branch_no: int | None = None) -> Desk:
    staff = app.staff.authenticate(username, "demo1234")
    branches = {b.number: b for b in app.catalogue.branches()}
    if branch_no is None:
        branch_no = next(n for n, b in branches.items() if b.id == staff.branch_id) if staff.branch_id else 1
    return Desk(staff, branches[branch_no])


def service(app: App, name: str):  # type: ignore[no-untyped-def]
    return next(s for s in app.catalogue.services() if s.name == name)


def member(app: App, no: int):  # type: ignore[no-untyped-def]
    return app.customers.by_member_no(owner_desk(app), no)


def test_register_gives_a_card_code_and_temp_password(gym: App) -> None:
    at = desk(gym)
    customer = gym.customers.register(at, full_name="Nour Adel", phone="+20 100 123 4567", email="nour@example.com")
    assert customer.member_no == 151
    assert re.fullmatch(r"GYM-151-[0-9A-F]{8}", customer.qr_code)
    assert re.fullmatch(r"[A-Z]{2}\d{2}[A-Z]{2}", customer.temp_password or "")
    assert customer.phone == "01001234567" and customer.branch_id == at.branch.id
    assert gym.customers.search(owner_desk(gym), "nour adel")[0].id == customer.id
    second = gym.customers.register(at, full_name="Omar Adel", phone="01001234568")
    assert second.member_no == 152


def test_shared_phone_asks_to_confirm(gym: App) -> None:
    at = desk(gym)
    with pytest.raises(PhoneInUse) as caught:
        gym.customers.register(at, full_name="Salma Salem", phone="+201077827638")
    assert caught.value.existing[0].full_name == "Mohamed Salem"
    assert "Mohamed Salem" in str(caught.value)
    added = gym.customers.register(at, full_name="Salma Salem", phone="+201077827638", shared_phone_ok=True)
    assert added.phone == "01077827638"


def test_registration_refuses_bad_fields_and_writes_nothing(gym: App) -> None:
    before = gym.customers.count()
    with pytest.raises(ValidationError) as caught:
        gym.customers.register(desk(gym), full_name="", phone="12345", email="x@", height_cm="abc")
    assert {"full_name", "phone", "email", "height_cm"} <= set(caught.value.fields)
    assert gym.customers.count() == before


def test_search_by_name_part_phone_number_code_and_arabic(gym: App) -> None:
    layla = member(gym, 2)
    assert layla.id in [c.id for c in gym.customers.search(owner_desk(gym), "lay")]
    assert [c.member_no for c in gym.customers.search(owner_desk(gym), "٠١٠٢٢٩٨١٠٥٢")] == [2]
    assert [c.member_no for c in gym.customers.search(owner_desk(gym), "1052")][:1] == [2]
    assert gym.customers.search(owner_desk(gym), layla.qr_code)[0].member_no == 2
    assert 2 in [c.member_no for c in gym.customers.search(owner_desk(gym), "2")]
    at = desk(gym)
    ahmed = gym.customers.register(at, full_name="أحمد إبراهيم", phone="01234567890")
    assert ahmed.id in [c.id for c in gym.customers.search(owner_desk(gym), "احمد ابراهيم")]
    assert gym.customers.search(owner_desk(gym), "zzzz") == []
    assert gym.customers.search(owner_desk(gym), "x" * 5_000_000) == []


def test_scan_of_an_active_member_and_check_in(gym: App, clock: FakeClock) -> None:
    at = desk(gym)
    mohamed = member(gym, 1)
    result = gym.desk.scan(at, mohamed.qr_code)
    assert result.decision.allowed and result.customer and result.customer.full_name == "Mohamed Salem"
    assert result.subscription and result.subscription.status is SubscriptionStatus.ACTIVE
    done = gym.desk.check_in(at, mohamed.id, result.decision.suggested_action or AttendanceAction.CHECK_IN_ONLY)
    assert done.message == "Checked in"
    rows = gym.attendance.today(at)
    assert done.attendance.id in [r.attendance.id for r in rows]
    clock.advance(minutes=30)
    again = gym.desk.scan(at, mohamed.qr_code)
    assert [w.code for w in again.decision.warnings] == ["already_checked_in"]


def test_scan_with_check_in_in_one_step_and_everything_logged(gym: App) -> None:
    at = desk(gym)
    result = gym.desk.scan(at, member(gym, 1).qr_code, action=AttendanceAction.CHECK_IN_ONLY)
    assert result.attendance is not None
    for junk in ["", "x" * 10_240, "\x00\xff\x01", "محمد", "1 OR 1=1; DROP TABLE customers"]:
        denied = gym.desk.scan(at, junk, action=AttendanceAction.CHECK_IN_ONLY)
        assert not denied.decision.allowed and denied.attendance is None
        assert denied.decision.reasons[0].message
    with gym.uow.reading() as uow:
        log = uow.access_log.query(branch_id=at.branch.id)
    assert len(log) == 6
    assert sum(1 for e in log if not e.allowed) == 5
    assert all(len(e.code) <= 201 for e in log)


def test_deduction_to_zero_expires_the_pack(gym: App, clock: FakeClock) -> None:
    at = desk(gym)
    layla = member(gym, 2)
    profile = gym.customers.profile(owner_desk(gym), layla.id)
    assert profile.current and profile.current.subscription.is_pack
    left = profile.current.subscription.remaining
    assert left == 7
    for expected in range(left - 1, -1, -1):
        result = gym.desk.check_in(at, layla.id, AttendanceAction.CHECK_IN_WITH_DEDUCTION)
        assert result.deducted and result.remaining == expected
        clock.advance(minutes=11)  # past the repeat window
    denied = gym.desk.scan(at, layla.qr_code)
    assert [r.code for r in denied.decision.reasons] == ["no_sessions"]
    sub = gym.customers.profile(owner_desk(gym), layla.id).subscriptions[0]
    assert sub.status is SubscriptionStatus.EXPIRED
    ledger = gym.subscriptions.ledger(owner_desk(gym), sub.id)
    assert sum(e.delta for e in ledger) == 0
    with pytest.raises(NotAllowed):
        gym.desk.check_in(at, layla.id, AttendanceAction.CHECK_IN_WITH_DEDUCTION)


def visits_today(gym: App, at: Desk, customer_id: object) -> int:
    return sum(1 for row in gym.attendance.rows(at, branch_id=at.branch.id) if row.attendance.customer_id == customer_id)


def test_a_repeat_scan_inside_the_window_records_no_second_visit(gym: App, clock: FakeClock) -> None:
    at = desk(gym)
    layla = member(gym, 2)
    before = visits_today(gym, at, layla.id)
    first = gym.desk.check_in(at, layla.id, AttendanceAction.CHECK_IN_WITH_DEDUCTION)
    clock.advance(minutes=3)
    again = gym.desk.scan(at, layla.qr_code)
    assert "repeat_visit" in [w.code for w in again.decision.warnings]
    second = gym.desk.check_in(at, layla.id, AttendanceAction.CHECK_IN_WITH_DEDUCTION)
    assert first.deducted and not second.deducted and second.repeat
    assert second.attendance.id == first.attendance.id  # the visit already recorded, not a new one
    assert second.remaining == first.remaining
    assert "no second visit" in second.message
    assert visits_today(gym, at, layla.id) == before + 1  # the day's count is not inflated


def test_a_confirmed_second_visit_inside_the_window_is_recorded_without_a_second_deduction(
        gym: App, clock: FakeClock) -> None:
    at = desk(gym)
    layla = member(gym, 2)
    first = gym.desk.check_in(at, layla.id, AttendanceAction.CHECK_IN_WITH_DEDUCTION)
    clock.advance(minutes=3)
    second = gym.desk.check_in(at, layla.id, AttendanceAction.CHECK_IN_WITH_DEDUCTION, confirm_repeat=True)
    assert not second.repeat and not second.deducted
    assert second.attendance.id != first.attendance.id
    assert second.attendance.action is AttendanceAction.CHECK_IN_ONLY
    assert second.remaining == first.remaining


def test_coming_back_after_the_window_is_a_real_second_visit(gym: App, clock: FakeClock) -> None:
    at = desk(gym)
    mohamed = member(gym, 1)
    first = gym.desk.check_in(at, mohamed.id, AttendanceAction.CHECK_IN_ONLY)
    clock.advance(minutes=11)
    second = gym.desk.check_in(at, mohamed.id, AttendanceAction.CHECK_IN_ONLY)
    assert not second.repeat and second.attendance.id != first.attendance.id


def test_regenerated_card_replaces_the_old_one(gym: App) -> None:
    at = desk(gym)
    mohamed = member(gym, 1)
    renewed = gym.customers.regenerate_card(at, mohamed.id)
    assert renewed.qr_code != mohamed.qr_code
    old = gym.desk.scan(at, mohamed.qr_code)
    assert [r.code for r in old.decision.reasons] == ["revoked"]
    assert old.decision.headline.startswith("Card replaced on")
    assert old.customer is not None and old.customer.id == mohamed.id  # whose card it was
    assert "Mohamed Salem" in old.decision.headline
    assert gym.desk.scan(at, renewed.qr_code).decision.allowed


def test_activation_for_another_branchs_customer_uses_their_branch(gym: App) -> None:
    at = desk(gym)  # Nasr City desk
    newcomer = gym.customers.register(desk(gym, "desk2"), full_name="Mariam Fathy", phone="01111111111")
    result = gym.subscriptions.activate(at, newcomer.id, service(gym, "12 sessions pack").id,
                                        payment_method=PaymentMethod.CARD)
    assert result.subscription.branch_id == newcomer.branch_id != at.branch.id
    assert result.subscription.sold_at_branch == at.branch.id
    assert result.subscription.remaining == 12
    assert result.receipt.amount == Decimal("900.00") and result.receipt.method == "Card"
    assert [e.kind for e in gym.subscriptions.ledger(owner_desk(gym), result.subscription.id)] == [LedgerKind.PURCHASE]


def test_second_active_subscription_is_offered_as_a_renewal(gym: App, clock: FakeClock) -> None:
    at = desk(gym)
    somaya = member(gym, 5)  # monthly, ends in a few days
    monthly = service(gym, "Monthly – 1 month")
    with pytest.raises(AlreadyActive) as caught:
        gym.subscriptions.activate(at, somaya.id, monthly.id)
    current_end = caught.value.current_end_date
    renewal = gym.subscriptions.activate(at, somaya.id, monthly.id, renew=True)
    assert renewal.subscription.start_date == current_end + timedelta(days=1)  # type: ignore[operator]
    start = renewal.subscription.start_date
    assert renewal.subscription.end_date == date(start.year + (start.month == 12), start.month % 12 + 1, start.day) - timedelta(days=1)


def test_monthly_end_date_jan_15_to_feb_14(gym: App, clock: FakeClock) -> None:
    at = desk(gym)
    newcomer = gym.customers.register(at, full_name="Hana Zaki", phone="01222222222")
    from datetime import datetime, timezone

    clock.set(datetime(2027, 1, 15, 8, tzinfo=timezone.utc))
    sub = gym.subscriptions.activate(at, newcomer.id, service(gym, "Monthly – 1 month").id).subscription
    assert (sub.start_date, sub.end_date) == (date(2027, 1, 15), date(2027, 2, 14))


def test_inactive_service_cannot_be_sold(gym: App) -> None:
    newcomer = gym.customers.register(desk(gym), full_name="Ziad Kamel", phone="01233333333")
    with pytest.raises(ServiceUnavailable):
        gym.subscriptions.activate(desk(gym), newcomer.id, service(gym, "Summer offer 2025").id)


def test_price_change_needs_a_manager(gym: App) -> None:
    at = desk(gym)
    newcomer = gym.customers.register(at, full_name="Dina Samy", phone="01244444444")
    monthly = service(gym, "Monthly – 1 month")
    with pytest.raises(PermissionDenied):
        gym.subscriptions.activate(at, newcomer.id, monthly.id, amount="500")
    with pytest.raises(AuthenticationFailed):
        gym.subscriptions.activate(at, newcomer.id, monthly.id, amount="500",
                                   approval=Approval("manager", "wrong-password"))
    with pytest.raises(PermissionDenied):
        gym.subscriptions.activate(at, newcomer.id, monthly.id, amount="500", approval=Approval("desk2", "demo1234"))
    sold = gym.subscriptions.activate(at, newcomer.id, monthly.id, amount="500", approval=Approval("manager", "demo1234"))
    assert sold.subscription.amount == Decimal("500.00") and sold.approved_by and sold.approved_by.username == "manager"


def test_override_of_a_denial_needs_a_manager_and_is_logged(gym: App, clock: FakeClock) -> None:
    at = desk(gym)
    ibrahim = member(gym, 3)  # expired
    assert not gym.desk.scan(at, ibrahim.qr_code).decision.allowed
    with pytest.raises(PermissionDenied):
        gym.desk.override(at, ibrahim.id, reason="Paying tomorrow")
    clock.advance(seconds=5)
    done = gym.desk.override(at, ibrahim.id, reason="Paying tomorrow", approval=Approval("manager", "demo1234"))
    assert "Nadia Fathy" in done.attendance.notes
    with gym.uow.reading() as uow:
        entry = uow.access_log.query(branch_id=at.branch.id, limit=1)[0]
    assert entry.override_reason == "Paying tomorrow" and entry.override_by is not None


def test_reversal_credits_the_session_back_and_a_new_deduction_keeps_the_ledger_right(gym: App, clock: FakeClock) -> None:
    at = desk(gym)
    layla = member(gym, 2)
    first = gym.desk.check_in(at, layla.id, AttendanceAction.CHECK_IN_WITH_DEDUCTION)
    clock.advance(seconds=20)
    gym.attendance.reverse(at, first.attendance.id, "Scanned the wrong card")
    clock.advance(seconds=20)
    with pytest.raises(NotAllowed):
        gym.attendance.reverse(at, first.attendance.id, "again")
    again = gym.desk.check_in(at, layla.id, AttendanceAction.CHECK_IN_WITH_DEDUCTION)
    assert again.deducted and again.remaining == first.remaining
    sub_id = again.subscription.id  # type: ignore[union-attr]
    ledger = gym.subscriptions.ledger(owner_desk(gym), sub_id)
    assert sum(e.delta for e in ledger) == again.remaining
    assert [e.kind for e in ledger][-3:] == [LedgerKind.VISIT, LedgerKind.REVERSAL, LedgerKind.VISIT]


def test_receptionist_reversal_window_is_five_minutes(gym: App, clock: FakeClock) -> None:
    at = desk(gym)
    done = gym.desk.check_in(at, member(gym, 1).id, AttendanceAction.CHECK_IN_ONLY)
    clock.advance(minutes=6)
    with pytest.raises(PermissionDenied, match="ask a manager"):
        gym.attendance.reverse(at, done.attendance.id, "mistake")
    gym.attendance.reverse(desk(gym, "manager"), done.attendance.id, "mistake")


def test_freeze_denies_with_date_and_unfreeze_gives_days_back(gym: App, clock: FakeClock) -> None:
    manager = desk(gym, "manager")
    mohamed = member(gym, 1)
    current = gym.customers.profile(owner_desk(gym), mohamed.id).current
    assert current is not None
    today = date(2026, 11, 21)
    frozen = gym.subscriptions.freeze(manager, current.id, start=today, days=10)
    assert frozen.end_date == current.subscription.end_date + timedelta(days=10)
    scan = gym.desk.scan(manager, mohamed.qr_code)
    assert scan.decision.headline == "Frozen until 30 Nov 2026"
    with pytest.raises(PermissionDenied):
        gym.subscriptions.freeze(desk(gym), current.id, start=today, days=3)
    clock.advance(days=4)
    thawed = gym.subscriptions.unfreeze(manager, current.id)
    assert thawed.end_date == current.subscription.end_date + timedelta(days=4)
    assert gym.desk.scan(manager, mohamed.qr_code).decision.allowed


def test_attendance_by_customer_branch_date_and_range(gym: App, clock: FakeClock) -> None:
    owner = desk(gym, "owner")
    at = desk(gym)
    gym.desk.check_in(at, member(gym, 1).id, AttendanceAction.CHECK_IN_ONLY)
    today = date(2026, 11, 21)
    todays = gym.attendance.rows(owner, start_day=today, end_day=today, branch_id=at.branch.id)
    assert any(r.member_no == 1 for r in todays)
    week = gym.attendance.rows(owner, start_day=today - timedelta(days=3), end_day=today)
    assert len(week) > len(todays)
    mine = gym.attendance.rows(owner, customer_id=member(gym, 1).id)
    assert {r.member_no for r in mine} == {1}
    with pytest.raises(PermissionDenied):
        gym.attendance.rows(at, branch_id=desk(gym, "desk2").branch.id)
    csv_text = gym.attendance.to_csv(todays, "Africa/Cairo")
    assert csv_text.splitlines()[0].startswith("check_in_time,member_no,full_name")


def test_roles_on_staff_and_catalogue(gym: App) -> None:
    from reception.domain.models import Role

    at, manager, owner = desk(gym), desk(gym, "manager"), desk(gym, "owner")
    with pytest.raises(PermissionDenied):
        gym.catalogue.save_service(at, name="Yoga", kind=ServiceKind.SESSIONS, price="300", months=1, units=8)
    yoga = gym.catalogue.save_service(manager, name="Yoga", kind=ServiceKind.SESSIONS, price="300", months=1, units=8)
    assert yoga in gym.catalogue.services(active_only=True)
    gym.catalogue.set_service_active(manager, yoga.id, False)
    assert yoga.id not in [s.id for s in gym.catalogue.services(active_only=True)]
    new_desk = gym.staff.create(manager, username="desk4", full_name="Aya Nabil", role=Role.RECEPTIONIST,
                                password="longenough", branch_id=manager.branch.id)
    assert gym.staff.authenticate("DESK4", "longenough").id == new_desk.id
    with pytest.raises(PermissionDenied):
        gym.staff.create(manager, username="boss2", full_name="Boss", role=Role.MANAGER, password="longenough",
                         branch_id=manager.branch.id)
    gym.staff.set_active(owner, new_desk.id, False)
    with pytest.raises(AuthenticationFailed, match="Wrong username or password"):
        gym.staff.authenticate("desk4", "longenough")


def test_no_sessions_left_refused_by_direct_deduction(gym: App) -> None:
    at = desk(gym)
    hadeer = member(gym, 4)  # coins pack with 2 left
    pack = gym.customers.profile(owner_desk(gym), hadeer.id).current
    assert pack is not None and pack.subscription.remaining == 2
    assert gym.subscriptions.deduct_session(desk(gym, "desk2"), pack.id) == 1
    assert gym.subscriptions.deduct_session(desk(gym, "desk2"), pack.id) == 0
    with pytest.raises((NoSessionsLeft, NotAllowed)):
        gym.subscriptions.deduct_session(at, pack.id)


def test_first_start_creates_the_gym_once(database_url: str, clock: FakeClock) -> None:
    from reception.repository.sql.maintenance import upgrade
    from reception.services.setup import create_gym, is_empty

    upgrade(database_url)
    app = open_app(database_url, clock=clock)
    try:
        assert is_empty(app.uow)
        with pytest.raises(ValidationError) as caught:
            create_gym(app.uow, branch_name="", owner_username="a b", owner_full_name="", password="short",
                       timezone="Mars/Olympus")
        assert set(caught.value.fields) == {"branch_name", "owner_username", "owner_full_name", "password", "timezone"}
        branch, owner = create_gym(app.uow, branch_name="Zamalek", owner_username="Sara", owner_full_name="Sara Fahmy",
                                   password="strong-pass-1")
        assert not is_empty(app.uow)
        assert app.staff.authenticate("sara", "strong-pass-1").id == owner.id
        assert [b.name for b in app.catalogue.branches()] == ["Zamalek"]
        with pytest.raises(NotAllowed):
            create_gym(app.uow, branch_name="Other", owner_username="x", owner_full_name="Xx", password="strong-pass-2")
    finally:
        app.close()


def test_an_approved_price_change_is_stored_with_the_approver(gym: App) -> None:
    at = desk(gym)
    newcomer = gym.customers.register(at, full_name="Rana Helmy", phone="01255555555")
    monthly = service(gym, "Monthly – 1 month")
    sold = gym.subscriptions.activate(at, newcomer.id, monthly.id, amount="450", approval=Approval("manager", "demo1234"))
    with gym.uow.reading() as uow:
        payment = uow.payments.for_subscription(sold.subscription.id)[0]
        manager = uow.staff.by_username("manager")
    assert payment.amount == Decimal("450.00") and payment.list_price == Decimal("600.00")
    assert manager is not None and payment.approved_by == manager.id
    plain = gym.subscriptions.activate(at, gym.customers.register(at, full_name="Aya Gaber", phone="01266666666").id,
                                       monthly.id)
    assert plain.payment.approved_by is None and plain.payment.list_price is None
