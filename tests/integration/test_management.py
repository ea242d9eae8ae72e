"""Day one at the desk through the services: catalogue, staff, branches, reversal, freeze, receipts, shift report."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from reception.bootstrap import App, open_app
from reception.domain.errors import (
    AuthenticationFailed,
    NotAllowed,
    PermissionDenied,
    ServiceUnavailable,
    ValidationError,
)
from reception.domain.models import (
    AttendanceAction,
    Branch,
    BranchRules,
    LedgerKind,
    OtherBranchPolicy,
    PaymentMethod,
    Role,
    ServiceKind,
    SubscriptionStatus,
)
from reception.services.context import Approval, Desk
from reception.services.demo import build_demo
from tests.conftest import FakeClock, owner_desk

MANAGER = Approval("manager", "demo1234")


@pytest.fixture
def gym(database_url: str, clock: FakeClock) -> Iterator[App]:
    from reception.repository.sql.maintenance import upgrade

    upgrade(database_url)
    app = open_app(database_url, clock=clock)
    build_demo(app.uow, clock)
    yield app
    app.close()


def desk(app: App, username: str = "desk1") -> Desk:
    staff = app.staff.authenticate(username, "demo1234")
    branches = {b.id: b for b in app.catalogue.branches()}
    branch = branches[staff.branch_id] if staff.branch_id else min(branches.values(), key=lambda b: b.number)
    return Desk(staff, branch)


def member(app: App, no: int):  # type: ignore[no-untyped-def]
    return app.customers.by_member_no(owner_desk(app), no)


def service(app: App, name: str):  # type: ignore[no-untyped-def]
    return next(s for s in app.catalogue.services() if s.name == name)


def new_member(app: App, at: Desk, name: str = "Nour Adel", phone: str = "01001234567"):  # type: ignore[no-untyped-def]
    return app.customers.register(at, full_name=name, phone=phone)


# -- catalogue ------------------------------------------------------------------------------------


def test_catalogue_three_kinds_edit_and_deactivate(gym: App) -> None:
    at, manager, owner = desk(gym), desk(gym, "manager"), desk(gym, "owner")
    with pytest.raises(PermissionDenied):
        gym.catalogue.save_service(at, name="Yoga", kind=ServiceKind.SESSIONS, price="300", months=1, units=8)
    monthly = gym.catalogue.save_service(manager, name="Ladies 2 months", kind=ServiceKind.MONTHLY, price="1100",
                                         months=2)
    sessions = gym.catalogue.save_service(owner, name="Yoga 8", kind=ServiceKind.SESSIONS, price="300", months=1,
                                          units=8)
    coins = gym.catalogue.save_service(owner, name="Sauna coins", kind=ServiceKind.COINS, price="150.5", months=2,
                                       units=5)
    assert (monthly.duration_months, monthly.units) == (2, None)
    assert (sessions.units, sessions.validity_months) == (8, 1)
    assert coins.price == Decimal("150.50")
    edited = gym.catalogue.save_service(manager, name="Yoga 10", kind=ServiceKind.SESSIONS, price="350", months=2,
                                        units=10, service_id=sessions.id)
    assert service(gym, "Yoga 10") == edited and edited.id == sessions.id
    with pytest.raises(ValidationError) as caught:
        gym.catalogue.save_service(manager, name="X", kind=ServiceKind.COINS, price="-1", months=0, units=None)
    assert set(caught.value.fields) == {"name", "price", "months", "units"}

    customer = new_member(gym, at)
    sold = gym.subscriptions.activate(at, customer.id, edited.id)
    with pytest.raises(PermissionDenied):
        gym.catalogue.set_service_active(at, edited.id, False)
    gym.catalogue.set_service_active(manager, edited.id, False)
    assert edited.id not in {s.id for s in gym.catalogue.services(active_only=True)}
    profile = gym.customers.profile(owner_desk(gym), customer.id)
    assert profile.current is not None and profile.current.id == sold.subscription.id
    assert profile.current.subscription.service_name == "Yoga 10"  # the old subscription keeps its service
    other = new_member(gym, at, "Omar Nabil", "01001234568")
    with pytest.raises(ServiceUnavailable):
        gym.subscriptions.activate(at, other.id, edited.id)
    gym.catalogue.set_service_active(owner, edited.id, True)
    assert gym.subscriptions.activate(at, other.id, edited.id).subscription.remaining == 10


# -- staff -------------------------------------------------------------------------------------------


def test_staff_added_reset_and_deactivated_by_role(gym: App) -> None:
    at, manager, owner = desk(gym), desk(gym, "manager"), desk(gym, "owner")
    branch2 = desk(gym, "desk2").branch
    with pytest.raises(PermissionDenied):
        gym.staff.list(at)
    with pytest.raises(PermissionDenied):
        gym.staff.create(at, username="x1", full_name="X One", role=Role.RECEPTIONIST, password="longenough",
                         branch_id=at.branch.id)
    boss = gym.staff.create(owner, username="boss2", full_name="Heba Boss", role=Role.MANAGER,
                            password="longenough", branch_id=branch2.id)
    aya = gym.staff.create(manager, username="aya", full_name="Aya Nabil", role=Role.RECEPTIONIST,
                           password="longenough", branch_id=manager.branch.id)
    with pytest.raises(PermissionDenied):  # a manager manages only their own branch's receptionists
        gym.staff.create(manager, username="far", full_name="Far Away", role=Role.RECEPTIONIST,
                         password="longenough", branch_id=branch2.id)
    assert {s.username for s in gym.staff.list(manager)} >= {"aya", "desk1", "manager"}
    assert "desk2" not in {s.username for s in gym.staff.list(manager)}
    assert {"boss2", "aya", "desk2"} <= {s.username for s in gym.staff.list(owner)}

    gym.staff.reset_password(manager, aya.id, "newpassword")
    assert gym.staff.authenticate("aya", "newpassword").id == aya.id
    with pytest.raises(PermissionDenied):
        gym.staff.reset_password(manager, desk(gym, "desk2").staff.id, "newpassword")
    with pytest.raises(PermissionDenied):
        gym.staff.reset_password(manager, boss.id, "newpassword")
    gym.staff.reset_password(owner, boss.id, "newpassword")

    gym.staff.set_active(manager, aya.id, False)
    with pytest.raises(AuthenticationFailed):
        gym.staff.authenticate("aya", "newpassword")
    with pytest.raises(PermissionDenied):
        gym.staff.set_active(manager, boss.id, False)
    gym.staff.set_active(owner, aya.id, True)
    assert gym.staff.authenticate("aya", "newpassword").is_active


# -- branches ------------------------------------------------------------------------------------------


def test_branches_with_timezone_and_rules_are_stored(gym: App) -> None:
    at, manager, owner = desk(gym), desk(gym, "manager"), desk(gym, "owner")
    rules = BranchRules(other_branch_policy=OtherBranchPolicy.DENY, repeat_deduction_minutes=20,
                        low_balance_threshold=3, ending_soon_days=10, currency="USD",
                        payment_methods=(PaymentMethod.CASH, PaymentMethod.MOBILE_WALLET),
                        max_freeze_days_per_year=30, reversal_window_minutes=3, idle_lock_minutes=5)
    new = Branch(uuid.uuid4(), 4, "Zamalek", "26 July St", "Europe/London", rules)
    with pytest.raises(PermissionDenied):
        gym.catalogue.save_branch(manager, new)
    gym.catalogue.save_branch(owner, new)
    assert gym.catalogue.branch(new.id) == new
    with pytest.raises(ValidationError) as caught:
        gym.catalogue.save_branch(owner, replace(new, timezone="Mars/Olympus",
                                                 rules=replace(rules, idle_lock_minutes=-1, payment_methods=())))
    assert set(caught.value.fields) == {"timezone", "idle_lock_minutes", "payment_methods"}

    own = manager.branch
    edited = replace(own, rules=replace(own.rules, reversal_window_minutes=10, max_freeze_days_per_year=14))
    gym.catalogue.save_branch(manager, edited)  # a manager sets their own branch's rules
    assert gym.catalogue.branch(own.id).rules.reversal_window_minutes == 10
    with pytest.raises(PermissionDenied):
        gym.catalogue.save_branch(at, edited)
    with pytest.raises(PermissionDenied):
        gym.catalogue.save_branch(manager, replace(new, name="Zamalek 2"))


# -- reversal ------------------------------------------------------------------------------------------


def test_reversal_by_role_with_approval_and_history(gym: App, clock: FakeClock) -> None:
    at = desk(gym)
    gym.staff.create(owner_desk(gym), username="desk1b", full_name="Second Receptionist", role=Role.RECEPTIONIST,
                     password="demo1234", branch_id=at.branch.id)
    colleague = desk(gym, "desk1b")
    layla = member(gym, 2)
    first = gym.desk.check_in(at, layla.id, AttendanceAction.CHECK_IN_WITH_DEDUCTION)
    before = first.remaining
    with pytest.raises(PermissionDenied, match="another person"):
        gym.attendance.reverse(colleague, first.attendance.id, "wrong card")
    clock.advance(minutes=6)
    with pytest.raises(PermissionDenied, match="ask a manager"):
        gym.attendance.reverse(at, first.attendance.id, "wrong card")
    with pytest.raises(PermissionDenied):  # a receptionist cannot approve
        gym.attendance.reverse(at, first.attendance.id, "wrong card", approval=Approval("desk2", "demo1234"))
    with pytest.raises(AuthenticationFailed):
        gym.attendance.reverse(at, first.attendance.id, "wrong card", approval=Approval("manager", "nope"))
    reversed_visit = gym.attendance.reverse(at, first.attendance.id, "wrong card", approval=MANAGER)
    assert reversed_visit.reversed_by is not None

    profile = gym.customers.profile(owner_desk(gym), layla.id)
    visits = {v.id: v for v in profile.attendance}
    assert visits[first.attendance.id].reversed_by == reversed_visit.reversed_by
    reversal = visits[reversed_visit.reversed_by]
    assert reversal.reverses == first.attendance.id and "approved by Nadia Fathy" in reversal.notes
    assert profile.current is not None and profile.current.subscription.remaining == (before or 0) + 1

    clock.advance(minutes=15)  # past the repeat window, so this is a real deduction again
    again = gym.desk.check_in(at, layla.id, AttendanceAction.CHECK_IN_WITH_DEDUCTION)
    assert again.deducted and again.remaining == before
    ledger = gym.subscriptions.ledger(owner_desk(gym), again.subscription.id)  # type: ignore[union-attr]
    assert sum(e.delta for e in ledger) == again.remaining
    assert [e.kind for e in ledger][-3:] == [LedgerKind.VISIT, LedgerKind.REVERSAL, LedgerKind.VISIT]
    with pytest.raises(NotAllowed):
        gym.attendance.reverse(desk(gym, "manager"), reversal.id, "undo the undo")
    assert gym.attendance.may_reverse_alone(at, again.attendance)
    assert not gym.attendance.may_reverse_alone(at, first.attendance)


# -- freeze --------------------------------------------------------------------------------------------


def test_freeze_arithmetic_across_month_ends(gym: App, clock: FakeClock) -> None:
    at, manager = desk(gym), desk(gym, "manager")
    customer = new_member(gym, at)
    clock.set(datetime(2027, 1, 31, 8, 0, tzinfo=UTC))
    sold = gym.subscriptions.activate(at, customer.id, service(gym, "Monthly – 1 month").id)
    assert sold.subscription.end_date == date(2027, 2, 27)  # Jan 31 + 1 month - 1 day
    plan = gym.subscriptions.freeze_preview(manager, sold.subscription.id, start=date(2027, 2, 20), days=10)
    assert (plan.frozen_from, plan.frozen_until, plan.new_end_date) == (
        date(2027, 2, 20), date(2027, 3, 1), date(2027, 3, 9))
    frozen = gym.subscriptions.freeze(manager, sold.subscription.id, start=date(2027, 2, 20), days=10)
    assert frozen.end_date == date(2027, 3, 9) and frozen.status is SubscriptionStatus.FROZEN
    clock.set(datetime(2027, 2, 24, 8, 0, tzinfo=UTC))  # four frozen days used: Feb 20-23
    thawed = gym.subscriptions.unfreeze(manager, sold.subscription.id)
    assert thawed.end_date == date(2027, 3, 3) and thawed.frozen_until == date(2027, 2, 23)
    assert thawed.status_on(date(2027, 2, 24)) is SubscriptionStatus.ACTIVE
    assert gym.subscriptions.freeze_days_left(manager, thawed.id) == 60 - 4


def test_freeze_by_role_approval_and_yearly_limit(gym: App, clock: FakeClock) -> None:
    at, manager, owner = desk(gym), desk(gym, "manager"), desk(gym, "owner")
    branch = replace(at.branch, rules=replace(at.branch.rules, max_freeze_days_per_year=14))
    gym.catalogue.save_branch(owner, branch)
    at, manager = Desk(at.staff, branch), Desk(manager.staff, branch)
    customer = new_member(gym, at)
    sub = gym.subscriptions.activate(at, customer.id, service(gym, "Monthly – 3 months").id).subscription
    today = date(2026, 11, 21)
    with pytest.raises(PermissionDenied):
        gym.subscriptions.freeze(at, sub.id, start=today, days=3)
    with pytest.raises(PermissionDenied):
        gym.subscriptions.freeze(at, sub.id, start=today, days=3, approval=Approval("desk2", "demo1234"))
    with pytest.raises(NotAllowed, match="past"):
        gym.subscriptions.freeze_preview(manager, sub.id, start=today - timedelta(days=1), days=3)
    frozen = gym.subscriptions.freeze(at, sub.id, start=today, days=10, approval=MANAGER)
    assert frozen.end_date == sub.end_date + timedelta(days=10)
    with pytest.raises(NotAllowed):  # already frozen
        gym.subscriptions.freeze(manager, sub.id, start=today, days=1)
    with pytest.raises(PermissionDenied):
        gym.subscriptions.unfreeze(at, sub.id)
    clock.advance(days=2)
    thawed = gym.subscriptions.unfreeze(at, sub.id, approval=MANAGER)
    assert thawed.end_date == sub.end_date + timedelta(days=2)
    assert gym.subscriptions.freeze_days_left(manager, sub.id) == 12
    with pytest.raises(NotAllowed, match="Only 12 freeze day"):
        gym.subscriptions.freeze(manager, sub.id, start=date(2026, 12, 1), days=13)
    assert gym.subscriptions.freeze(manager, sub.id, start=date(2026, 12, 1), days=12).status is \
        SubscriptionStatus.FROZEN


# -- approvals, receipts ------------------------------------------------------------------------------------


def test_approvals_record_who_approved_and_receipts_reprint(gym: App) -> None:
    at = desk(gym)
    customer = new_member(gym, at)
    sold = gym.subscriptions.activate(at, customer.id, service(gym, "Monthly – 1 month").id, amount="500",
                                      payment_method=PaymentMethod.CARD, approval=MANAGER)
    assert sold.approved_by is not None and sold.approved_by.username == "manager"
    receipt = gym.subscriptions.receipt_for(at, sold.subscription.id)
    assert receipt == sold.receipt
    assert (receipt.amount, receipt.method, receipt.staff_name) == (Decimal("500.00"), "Card", "Omar Adel")
    denied = member(gym, 150)
    gym.desk.override(at, denied.id, reason="Paying tomorrow", approval=MANAGER)
    with gym.uow.reading() as uow:
        entry = uow.access_log.query(branch_id=at.branch.id, limit=1)[0]
    assert entry.override_by == desk(gym, "manager").staff.id


# -- shift report ------------------------------------------------------------------------------------------


def _busy_shift(gym: App, clock: FakeClock) -> tuple[datetime, Desk]:
    """A shift at branch 1: two sales, a sale at branch 2, check-ins, a reversal, a denial and an override."""
    at, other = desk(gym), desk(gym, "desk2")
    clock.advance(seconds=1)
    start = clock.now()
    a, b = new_member(gym, at), new_member(gym, at, "Omar Nabil", "01001234568")
    gym.subscriptions.activate(at, a.id, service(gym, "12 sessions pack").id, payment_method=PaymentMethod.CASH)
    gym.subscriptions.activate(at, b.id, service(gym, "Monthly – 1 month").id, payment_method=PaymentMethod.CARD)
    c = new_member(gym, other, "Mona Ali", "01001234569")
    gym.subscriptions.activate(other, c.id, service(gym, "Monthly – 3 months").id)
    clock.advance(minutes=1)
    gym.desk.check_in(at, a.id, AttendanceAction.CHECK_IN_WITH_DEDUCTION)
    mistake = gym.desk.check_in(at, b.id, AttendanceAction.CHECK_IN_ONLY)
    gym.attendance.reverse(at, mistake.attendance.id, "Wrong member")
    gym.desk.scan(at, "GYM-99999-00000000")  # unknown card: denied and logged
    gym.desk.override(at, member(gym, 150).id, reason="Paying tomorrow", approval=MANAGER)
    clock.advance(minutes=1)
    return start, at


def test_shift_report_totals_equal_its_payments(gym: App, clock: FakeClock) -> None:
    start, at = _busy_shift(gym, clock)
    report = gym.reports.shift_report(at, start, clock.now(), at.branch.id)
    assert report.sales == 2 and len(report.payments) == 2
    assert report.total == sum(p.amount for p in report.payments) == Decimal("1500.00")
    assert report.taken_by(PaymentMethod.CASH) == Decimal("900.00")
    assert report.taken_by(PaymentMethod.CARD) == Decimal("600.00")
    assert report.taken_by(PaymentMethod.MOBILE_WALLET) == Decimal("0.00")
    assert sum(amount for _, amount in report.takings) == report.total
    assert {p.member_name for p in report.payments} == {"Nour Adel", "Omar Nabil"}
    assert {p.staff_name for p in report.payments} == {"Omar Adel"}
    assert report.check_ins == 2  # a, the override; the reversed visit does not count
    assert len(report.reversals) == 1 and "Wrong member" in report.reversals[0].notes
    assert report.denials >= 1  # the unknown card (and member 150's own scan before the override)
    assert [o.approved_by for o in report.overrides] == ["Nadia Fathy"]
    assert report.currency == "EGP" and report.scope == at.branch.name
    csv_text = gym.reports.to_csv(report)
    assert "Total,1500.00" in csv_text and "Cash,900.00" in csv_text and "Nour Adel" in csv_text


def test_shift_report_scope_by_role(gym: App, clock: FakeClock) -> None:
    start, at = _busy_shift(gym, clock)
    end = clock.now()
    other = desk(gym, "desk2").branch
    with pytest.raises(PermissionDenied):
        gym.reports.shift_report(at, start, end, other.id)
    with pytest.raises(PermissionDenied):
        gym.reports.shift_report(at, start, end, None)
    with pytest.raises(PermissionDenied):
        gym.reports.shift_report(desk(gym, "manager"), start, end, None)
    assert gym.reports.shift_report(desk(gym, "manager"), start, end, at.branch.id).sales == 2
    with pytest.raises(ValidationError):
        gym.reports.shift_report(at, end, start, at.branch.id)
    everything = gym.reports.shift_report(desk(gym, "owner"), start, end, None)
    assert everything.sales == 3 and everything.scope == "All branches"
    assert everything.total == Decimal("3000.00") == sum(b.total for b in everything.branches)
    assert [b.sales for b in everything.branches] == [2, 1, 0]
    assert sum(b.check_ins for b in everything.branches) == everything.check_ins
    assert "branch,currency,sales,total" in gym.reports.to_csv(everything)
