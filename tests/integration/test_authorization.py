"""Who may do what, where, through the real services (docs/SECURITY.md, "Who may do what").

Every role the desk knows (owner, manager, receptionist, the staff-less kiosk, and a manager whose
account was deactivated while their desk stayed open) tries every service action on something of
their own branch and of another branch, on a real demo gym in SQLite and in PostgreSQL. An allowed
action works; a refused one raises PermissionDenied and leaves every table exactly as it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa

from reception.bootstrap import App, open_app
from reception.domain.errors import PermissionDenied
from reception.domain.models import (
    Attendance,
    AttendanceAction,
    Branch,
    Role,
    ServiceKind,
    SubscriptionStatus,
)
from reception.services.context import Approval, Desk
from tests.conftest import FakeClock, _drop_database, pg_url
from tests.integration.helpers_gym import engine_of

PASSWORD = "demo1234"
ROWS = ("owner", "manager", "receptionist", "kiosk", "deactivated")

# One line per action: (owner, manager, receptionist, kiosk, deactivated manager), each two letters for
# (own branch, other branch); y allowed, n refused. Written out here, not derived from the code.
EXPECTED: dict[str, str] = {
    "search": "yy yy yy nn nn",
    "search_ids": "yy yy yy nn nn",
    "get": "yy yy yy nn nn",
    "get_many": "yy yy yy nn nn",
    "by_member_no": "yy yy yy nn nn",
    "profile": "yy yy yy nn nn",
    "register": "yy yn yn nn nn",
    "update": "yy yn yn nn nn",
    "deactivate_member": "yy yn yn nn nn",
    "regenerate_card": "yy yn yn nn nn",
    "mark_password_changed": "yy yn yn nn nn",
    "scan": "yy yy yy yy nn",
    "scan_and_check_in": "yy yy yy yy nn",
    "decision_for": "yy yy yy yy nn",
    "check_in": "yy yy yy yy nn",
    "override": "yy yy nn nn nn",
    "quote": "yy yy yy nn nn",
    "activate": "yy yy yy nn nn",
    "activate_at_another_price": "yy yy nn nn nn",
    "deduct_session": "yy yy yy yy nn",
    "correct_balance": "yy yn nn nn nn",
    "freeze": "yy yn nn nn nn",
    "unfreeze": "yy yn nn nn nn",
    "cancel": "yy yn nn nn nn",
    "freeze_preview": "yy yy yy nn nn",
    "freeze_days_left": "yy yy yy nn nn",
    "ledger": "yy yy yy nn nn",
    "receipt_for": "yy yy yy nn nn",
    "attendance_rows": "yy yn yn nn nn",
    "attendance_rows_every_branch": "yy nn nn nn nn",
    "attendance_row": "yy yn yn nn nn",
    "reverse_own_visit": "yy yn yn nn nn",
    "reverse_any_visit": "yy yn nn nn nn",
    "shift_report": "yy yn yn nn nn",
    "shift_report_every_branch": "yy nn nn nn nn",
    "create_receptionist": "yy yn nn nn nn",
    "create_manager": "yy nn nn nn nn",
    "reset_staff_password": "yy yn nn nn nn",
    "deactivate_staff": "yy yn nn nn nn",
    "list_staff": "yy yy nn nn nn",
    "change_own_password": "yy yy yy nn nn",
    "save_service": "yy yy nn nn nn",
    "set_service_active": "yy yy nn nn nn",
    "edit_branch_rules": "yy yn nn nn nn",
    "create_branch": "yy nn nn nn nn",
    "sell_day_pass": "yy yn yn nn nn",
    "void_day_pass": "yy yn nn nn nn",
    "rotate_pass_key": "yy nn nn nn nn",
}


def expected(action: str, row: str, where: str) -> bool:
    cell = EXPECTED[action].split()[ROWS.index(row)]
    return cell[0 if where == "own" else 1] == "y"


# ------------------------------------------------------------------------------------------- the gym


@dataclass
class Gym:
    app: App
    clock: FakeClock
    own: Branch  # every desk below sits at this branch
    other: Branch
    desks: dict[str, Desk]
    owner: Desk
    counter: list[int]

    def at(self, where: str) -> Branch:
        return self.own if where == "own" else self.other

    def unique(self) -> int:
        self.counter[0] += 1
        return self.counter[0]


def _build(url: str) -> Iterator[Gym]:
    from reception.repository.sql.maintenance import upgrade
    from reception.services.demo import build_demo

    upgrade(url)
    clock = FakeClock()
    app = open_app(url, clock=clock)
    try:
        build_demo(app.uow, clock)
        branches = sorted(app.catalogue.branches(), key=lambda b: b.number)
        own, other = branches[0], branches[1]
        owner = Desk(app.staff.authenticate("owner", PASSWORD), own)
        app.staff.create(owner, username="late", full_name="Leaving Manager", role=Role.MANAGER,
                         password=PASSWORD, branch_id=own.id)
        leaving = Desk(app.staff.authenticate("late", PASSWORD), own)  # the desk stays open ...
        app.staff.set_active(owner, leaving.staff.id, False)  # ... after the account is deactivated
        desks = {
            "owner": owner,
            "manager": Desk(app.staff.authenticate("manager", PASSWORD), own),
            "receptionist": Desk(app.staff.authenticate("desk1", PASSWORD), own),
            "kiosk": app.kiosk_desk(own),
            "deactivated": leaving,
        }
        yield Gym(app, clock, own, other, desks, owner, [0])
    finally:
        app.close()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def gym(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gym]:
    """One demo gym per database for the whole matrix: every case makes its own members and visits."""
    if request.param == "sqlite":
        yield from _build(f"sqlite:///{tmp_path_factory.mktemp('authz') / 'gym.sqlite3'}")
        return
    base = pg_url()
    if not base:
        if os.environ.get("CI"):
            pytest.fail("RECEPTION_TEST_PG_URL must be set in CI")
        pytest.skip("RECEPTION_TEST_PG_URL not set")
    name = f"t_authz_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield from _build(base.rsplit("/", 1)[0] + "/" + name)
    finally:
        _drop_database(admin, name)
        admin.dispose()


def fingerprint(app: App) -> str:
    """Every row of every table, hashed: "nothing written" means this is unchanged.

    Sign-in attempts are left out: a manager's approval is a sign-in, recorded for the throttle
    whether or not the action it was for is then refused."""
    digest = hashlib.sha256()
    skipped = ("alembic_version", "login_attempts")
    tables = sorted(t for t in sa.inspect(engine_of(app)).get_table_names() if t not in skipped)
    with engine_of(app).connect() as conn:
        for table in tables:
            rows = conn.execute(sa.text(f'SELECT * FROM "{table}"')).fetchall()
            digest.update(table.encode())
            for row in sorted(repr(tuple(row)) for row in rows):
                digest.update(row.encode())
    return digest.hexdigest()


# ------------------------------------------------------------------------ what each action needs


def _member(g: Gym, where: str):  # type: ignore[no-untyped-def]
    """A new member of that branch, registered by the owner, with a pack bought today."""
    branch = g.at(where)
    n = g.unique()
    seller = Desk(g.owner.staff, branch)
    customer = g.app.customers.register(seller, full_name=f"Member Q{n:05d}", phone=f"010{n:08d}", branch_id=branch.id)
    pack = next(s for s in g.app.catalogue.services(active_only=True) if s.kind is ServiceKind.SESSIONS)
    sold = g.app.subscriptions.activate(seller, customer.id, pack.id)
    return customer, sold.subscription


def _visit(g: Gym, where: str, by: Desk | None = None) -> Attendance:
    """A visit that happened at that branch (checked in by `by`'s staff when given, else the owner)."""
    customer, sub = _member(g, where)
    if by is None:
        return g.app.desk.check_in(Desk(g.owner.staff, g.at(where)), customer.id,
                                   AttendanceAction.CHECK_IN_WITH_DEDUCTION).attendance
    visit = Attendance(uuid.uuid4(), customer.id, g.at(where).id, g.clock.now(),
                       AttendanceAction.CHECK_IN_WITH_DEDUCTION, sub.id, by.staff_id)
    with g.app.uow as uow:  # written as the storage holds it: the actor may not check in there
        uow.attendance.add(visit)
        uow.commit()
    return visit


def _receptionist(g: Gym, where: str):  # type: ignore[no-untyped-def]
    n = g.unique()
    return g.app.staff.create(g.owner, username=f"r{n}", full_name=f"Receptionist {n}", role=Role.RECEPTIONIST,
                              password=PASSWORD, branch_id=g.at(where).id)


Prepare = Callable[[Gym, Desk, str], Callable[[], object]]
ACTIONS: dict[str, Prepare] = {}


def action(name: str) -> Callable[[Prepare], Prepare]:
    def register(prepare: Prepare) -> Prepare:
        assert name in EXPECTED, name
        ACTIONS[name] = prepare
        return prepare

    return register


@action("search")
def _(g: Gym, d: Desk, where: str):  # type: ignore[no-untyped-def]
    customer, _sub = _member(g, where)
    return lambda: _must([c.id for c in g.app.customers.search(d, customer.full_name)] == [customer.id])


@action("search_ids")
def _(g, d, where):  # type: ignore[no-untyped-def]
    customer, _sub = _member(g, where)
    return lambda: _must(g.app.customers.search_ids(d, customer.full_name) == [customer.id])


@action("get")
def _(g, d, where):  # type: ignore[no-untyped-def]
    customer, _sub = _member(g, where)
    return lambda: _must(g.app.customers.get(d, customer.id).member_no == customer.member_no)


@action("get_many")
def _(g, d, where):  # type: ignore[no-untyped-def]
    customer, _sub = _member(g, where)
    return lambda: _must([c.id for c in g.app.customers.get_many(d, [customer.id])] == [customer.id])


@action("by_member_no")
def _(g, d, where):  # type: ignore[no-untyped-def]
    customer, _sub = _member(g, where)
    return lambda: _must(g.app.customers.by_member_no(d, customer.member_no).id == customer.id)


@action("profile")
def _(g, d, where):  # type: ignore[no-untyped-def]
    customer, sub = _member(g, where)
    return lambda: _must(g.app.customers.profile(d, customer.id).current.id == sub.id)  # type: ignore[union-attr]


@action("register")
def _(g, d, where):  # type: ignore[no-untyped-def]
    n = g.unique()
    return lambda: _must(g.app.customers.register(d, full_name=f"New {n}", phone=f"011{n:08d}",
                                                  branch_id=g.at(where).id).branch_id == g.at(where).id)


@action("update")
def _(g, d, where):  # type: ignore[no-untyped-def]
    customer, _sub = _member(g, where)
    return lambda: _must(g.app.customers.update(d, customer.id, notes="Owes 200 EGP").notes == "Owes 200 EGP")


@action("deactivate_member")
def _(g, d, where):  # type: ignore[no-untyped-def]
    customer, _sub = _member(g, where)
    return lambda: _must(not g.app.customers.update(d, customer.id, is_active=False).is_active)


@action("regenerate_card")
def _(g, d, where):  # type: ignore[no-untyped-def]
    customer, _sub = _member(g, where)
    return lambda: _must(g.app.customers.regenerate_card(d, customer.id).qr_code != customer.qr_code)


@action("mark_password_changed")
def _(g, d, where):  # type: ignore[no-untyped-def]
    customer, _sub = _member(g, where)
    return lambda: _must(g.app.customers.mark_password_changed(d, customer.id).temp_password is None)


@action("scan")
def _(g, d, where):  # type: ignore[no-untyped-def]
    customer, _sub = _member(g, where)
    return lambda: _must(g.app.desk.scan(d, customer.qr_code).decision.allowed)


@action("scan_and_check_in")
def _(g, d, where):  # type: ignore[no-untyped-def]
    customer, _sub = _member(g, where)
    return lambda: _must(g.app.desk.scan(d, customer.qr_code, action=AttendanceAction.CHECK_IN_WITH_DEDUCTION)
                         .attendance is not None)


@action("decision_for")
def _(g, d, where):  # type: ignore[no-untyped-def]
    customer, _sub = _member(g, where)
    return lambda: _must(g.app.desk.decision_for(d, customer.id).allowed)


@action("check_in")
def _(g, d, where):  # type: ignore[no-untyped-def]
    customer, _sub = _member(g, where)
    return lambda: _must(g.app.desk.check_in(d, customer.id, AttendanceAction.CHECK_IN_WITH_DEDUCTION).deducted)


@action("override")
def _(g, d, where):  # type: ignore[no-untyped-def]
    customer, sub = _member(g, where)
    g.app.subscriptions.cancel(g.owner, sub.id)  # denied at the door from now on
    return lambda: _must(g.app.desk.override(d, customer.id, reason="paid at the office").attendance is not None)


@action("quote")
def _(g, d, where):  # type: ignore[no-untyped-def]
    customer, _sub = _member(g, where)
    monthly = _monthly(g)
    return lambda: _must(g.app.subscriptions.quote(d, customer.id, monthly.id).is_renewal)


@action("activate")
def _(g, d, where):  # type: ignore[no-untyped-def]
    customer, sub = _member(g, where)
    g.app.subscriptions.cancel(g.owner, sub.id)
    monthly = _monthly(g)
    return lambda: _must(g.app.subscriptions.activate(d, customer.id, monthly.id).subscription.branch_id
                         == customer.branch_id)


@action("activate_at_another_price")
def _(g, d, where):  # type: ignore[no-untyped-def]
    customer, sub = _member(g, where)
    g.app.subscriptions.cancel(g.owner, sub.id)
    monthly = _monthly(g)
    return lambda: _must(g.app.subscriptions.activate(d, customer.id, monthly.id, amount=monthly.price - 1)
                         .payment.amount == monthly.price - 1)


@action("deduct_session")
def _(g, d, where):  # type: ignore[no-untyped-def]
    _customer, sub = _member(g, where)
    return lambda: _must(g.app.subscriptions.deduct_session(d, sub.id) == (sub.remaining or 0) - 1)


@action("correct_balance")
def _(g, d, where):  # type: ignore[no-untyped-def]
    _customer, sub = _member(g, where)
    return lambda: _must(g.app.subscriptions.correct_balance(d, sub.id, 2, "goodwill") == (sub.remaining or 0) + 2)


@action("freeze")
def _(g, d, where):  # type: ignore[no-untyped-def]
    _customer, sub = _member(g, where)
    today = g.clock.now().date()
    return lambda: _must(g.app.subscriptions.freeze(d, sub.id, start=today, days=7).status
                         is SubscriptionStatus.FROZEN)


@action("unfreeze")
def _(g, d, where):  # type: ignore[no-untyped-def]
    _customer, sub = _member(g, where)
    g.app.subscriptions.freeze(Desk(g.owner.staff, g.at(where)), sub.id, start=g.clock.now().date(), days=7)
    return lambda: _must(g.app.subscriptions.unfreeze(d, sub.id).status is SubscriptionStatus.ACTIVE)


@action("cancel")
def _(g, d, where):  # type: ignore[no-untyped-def]
    _customer, sub = _member(g, where)
    return lambda: _must(g.app.subscriptions.cancel(d, sub.id).status is SubscriptionStatus.CANCELLED)


@action("freeze_preview")
def _(g, d, where):  # type: ignore[no-untyped-def]
    _customer, sub = _member(g, where)
    today = g.clock.now().date()
    return lambda: _must(g.app.subscriptions.freeze_preview(d, sub.id, start=today, days=7).days == 7)


@action("freeze_days_left")
def _(g, d, where):  # type: ignore[no-untyped-def]
    _customer, sub = _member(g, where)
    return lambda: _must(g.app.subscriptions.freeze_days_left(d, sub.id) > 0)


@action("ledger")
def _(g, d, where):  # type: ignore[no-untyped-def]
    _customer, sub = _member(g, where)
    return lambda: _must(sum(e.delta for e in g.app.subscriptions.ledger(d, sub.id)) == sub.remaining)


@action("receipt_for")
def _(g, d, where):  # type: ignore[no-untyped-def]
    customer, sub = _member(g, where)
    return lambda: _must(g.app.subscriptions.receipt_for(d, sub.id).member_no == customer.member_no)


@action("attendance_rows")
def _(g, d, where):  # type: ignore[no-untyped-def]
    visit = _visit(g, where)
    today = g.clock.now().date()
    return lambda: _must(visit.id in {r.attendance.id for r in g.app.attendance.rows(
        d, start_day=today - timedelta(days=1), end_day=today + timedelta(days=1), branch_id=g.at(where).id)})


@action("attendance_rows_every_branch")
def _(g, d, where):  # type: ignore[no-untyped-def]
    visit = _visit(g, where)
    return lambda: _must(visit.id in {r.attendance.id for r in g.app.attendance.rows(d, branch_id=None)})


@action("attendance_row")
def _(g, d, where):  # type: ignore[no-untyped-def]
    visit = _visit(g, where)
    return lambda: _must(g.app.attendance.row(d, visit.id).attendance.id == visit.id)


@action("reverse_own_visit")
def _(g, d, where):  # type: ignore[no-untyped-def]
    visit = _visit(g, where, by=d)
    return lambda: _must(g.app.attendance.reverse(d, visit.id, "wrong card").reversed_by is not None)


@action("reverse_any_visit")
def _(g, d, where):  # type: ignore[no-untyped-def]
    visit = _visit(g, where)
    g.clock.advance(minutes=1)
    return lambda: _must(g.app.attendance.reverse(d, visit.id, "wrong card").reversed_by is not None)


@action("shift_report")
def _(g, d, where):  # type: ignore[no-untyped-def]
    _visit(g, where)
    now = g.clock.now()
    return lambda: _must(g.app.reports.shift_report(d, now - timedelta(hours=1), now + timedelta(minutes=1),
                                                    g.at(where).id).check_ins >= 1)


@action("shift_report_every_branch")
def _(g, d, where):  # type: ignore[no-untyped-def]
    now = g.clock.now()
    return lambda: _must(g.app.reports.shift_report(d, now - timedelta(hours=1), now, None).branch_id is None)


@action("create_receptionist")
def _(g, d, where):  # type: ignore[no-untyped-def]
    n = g.unique()
    return lambda: _must(g.app.staff.create(d, username=f"new{n}", full_name=f"New Person {n}",
                                            role=Role.RECEPTIONIST, password=PASSWORD,
                                            branch_id=g.at(where).id).is_active)


@action("create_manager")
def _(g, d, where):  # type: ignore[no-untyped-def]
    n = g.unique()
    return lambda: _must(g.app.staff.create(d, username=f"boss{n}", full_name=f"New Manager {n}", role=Role.MANAGER,
                                            password=PASSWORD, branch_id=g.at(where).id).is_active)


@action("reset_staff_password")
def _(g, d, where):  # type: ignore[no-untyped-def]
    person = _receptionist(g, where)
    return lambda: g.app.staff.reset_password(d, person.id, "another-password")


@action("deactivate_staff")
def _(g, d, where):  # type: ignore[no-untyped-def]
    person = _receptionist(g, where)
    return lambda: _must(not g.app.staff.set_active(d, person.id, False).is_active)


@action("list_staff")
def _(g, d, where):  # type: ignore[no-untyped-def]
    return lambda: _must(len(g.app.staff.list(d)) >= 1)


@action("change_own_password")
def _(g, d, where):  # type: ignore[no-untyped-def]
    return lambda: g.app.staff.reset_password(d, d.staff.id, PASSWORD)  # the same one: later cases sign in


@action("save_service")
def _(g, d, where):  # type: ignore[no-untyped-def]
    n = g.unique()
    return lambda: _must(g.app.catalogue.save_service(d, name=f"Plan {n}", kind=ServiceKind.MONTHLY,
                                                      price=Decimal("300"), months=1).is_active)


@action("set_service_active")
def _(g, d, where):  # type: ignore[no-untyped-def]
    n = g.unique()
    made = g.app.catalogue.save_service(g.owner, name=f"Old plan {n}", kind=ServiceKind.MONTHLY, price="100", months=1)
    return lambda: _must(not g.app.catalogue.set_service_active(d, made.id, False).is_active)


@action("edit_branch_rules")
def _(g, d, where):  # type: ignore[no-untyped-def]
    branch = g.app.catalogue.branch(g.at(where).id)
    changed = replace(branch, rules=replace(branch.rules, low_balance_threshold=branch.rules.low_balance_threshold))
    return lambda: _must(g.app.catalogue.save_branch(d, changed).id == branch.id)


@action("create_branch")
def _(g, d, where):  # type: ignore[no-untyped-def]
    n = g.unique()
    return lambda: _must(g.app.catalogue.save_branch(d, Branch(uuid.uuid4(), 100 + n, f"Branch {n}")).number == 100 + n)


@action("sell_day_pass")
def _(g, d, where):  # type: ignore[no-untyped-def]
    desk = d if where == "own" else Desk(d.staff, g.other)
    return lambda: _must(g.app.passes.sell(desk).day_pass.branch_id == desk.branch.id)


@action("void_day_pass")
def _(g, d, where):  # type: ignore[no-untyped-def]
    sold = g.app.passes.sell(Desk(g.owner.staff, g.at(where)))
    return lambda: _must(g.app.passes.void(d, sold.day_pass.id, "sold by mistake") is not None)


@action("rotate_pass_key")
def _(g, d, where):  # type: ignore[no-untyped-def]
    return lambda: _must(bool(g.app.passes.rotate(d).key_id))


def _monthly(g: Gym):  # type: ignore[no-untyped-def]
    return next(s for s in g.app.catalogue.services(active_only=True) if s.kind is ServiceKind.MONTHLY)


def _must(condition: bool) -> None:
    assert condition, "the allowed action did not do what it says"


# ------------------------------------------------------------------------------------------ the matrix


def test_every_action_of_the_table_is_exercised() -> None:
    assert set(ACTIONS) == set(EXPECTED)


@pytest.mark.parametrize("where", ["own", "other"])
@pytest.mark.parametrize("row", ROWS)
@pytest.mark.parametrize("name", list(EXPECTED))
def test_who_may_do_what(gym: Gym, name: str, row: str, where: str) -> None:
    desk = gym.desks[row]
    run = ACTIONS[name](gym, desk, where)
    if expected(name, row, where):
        run()
    else:
        before = fingerprint(gym.app)
        with pytest.raises(PermissionDenied):
            run()
        assert fingerprint(gym.app) == before, "a refused action wrote something"


# --------------------------------------------------------------------------------- what each may see

PRIVATE = ("phone", "email", "national_id", "address", "health_notes", "temp_password")


def _details(g: Gym, where: str):  # type: ignore[no-untyped-def]
    customer, _sub = _member(g, where)
    return g.app.customers.update(Desk(g.owner.staff, g.at(where)), customer.id, email="m@example.com",
                                  national_id="29001011234567", address="12 Nile St", health_notes="asthma")


@pytest.mark.parametrize("where", ["own", "other"])
@pytest.mark.parametrize("row", ["owner", "manager", "receptionist"])
def test_private_details_only_at_the_home_branch_and_for_the_owner(gym: Gym, row: str, where: str) -> None:
    desk = gym.desks[row]
    full = _details(gym, where)
    assert all(getattr(full, f) for f in PRIVATE)
    shown = [
        gym.app.customers.get(desk, full.id),
        gym.app.customers.by_member_no(desk, full.member_no),
        gym.app.customers.search(desk, full.full_name)[0],
        gym.app.customers.get_many(desk, [full.id])[0],
        gym.app.customers.profile(desk, full.id).customer,
        gym.app.desk.scan(desk, full.qr_code).customer,
        gym.app.desk.check_in(desk, full.id, AttendanceAction.CHECK_IN_ONLY).customer,
    ]
    sees = row == "owner" or where == "own"
    for customer in shown:
        assert customer is not None
        # what a scan anywhere shows
        assert (customer.full_name, customer.member_no, customer.branch_id, customer.photo) == (
            full.full_name, full.member_no, full.branch_id, full.photo)
        for f in PRIVATE:
            assert getattr(customer, f) == (getattr(full, f) if sees else None if f == "temp_password" else ""), f
    notes = " ".join(n.message for n in gym.app.desk.scan(desk, full.qr_code).decision.notes)
    assert (full.temp_password in notes) is sees if notes else not sees


def test_the_kiosk_never_sees_a_temporary_password(gym: Gym) -> None:
    for where in ("own", "other"):
        full = _details(gym, where)
        result = gym.app.desk.scan(gym.desks["kiosk"], full.qr_code, action=AttendanceAction.CHECK_IN_ONLY)
        assert result.decision.allowed and result.customer is not None
        assert result.customer.full_name == full.full_name
        assert all(not getattr(result.customer, f) for f in PRIVATE)
        assert full.temp_password not in repr(result)


# --------------------------------------------------------------------- approvals, desks, removed staff


def test_a_manager_approves_only_for_their_own_branch(gym: Gym) -> None:
    desk = gym.desks["receptionist"]
    manager = Approval("manager", PASSWORD)
    today = gym.clock.now().date()
    _c, mine = _member(gym, "own")
    assert gym.app.subscriptions.freeze(desk, mine.id, start=today, days=3, approval=manager).status \
        is SubscriptionStatus.FROZEN
    _c, theirs = _member(gym, "other")
    visit = _visit(gym, "other")
    before = fingerprint(gym.app)
    with pytest.raises(PermissionDenied, match="another branch"):
        gym.app.subscriptions.freeze(desk, theirs.id, start=today, days=3, approval=manager)
    with pytest.raises(PermissionDenied):
        gym.app.attendance.reverse(desk, visit.id, "wrong card", approval=manager)
    assert fingerprint(gym.app) == before


def test_a_deactivated_manager_cannot_approve(gym: Gym) -> None:
    from reception.domain.errors import AuthenticationFailed

    _c, sub = _member(gym, "own")
    before = fingerprint(gym.app)
    with pytest.raises((AuthenticationFailed, PermissionDenied)):
        gym.app.subscriptions.freeze(gym.desks["receptionist"], sub.id, start=gym.clock.now().date(), days=3,
                                     approval=Approval("late", PASSWORD))
    assert fingerprint(gym.app) == before


@pytest.mark.parametrize("row", ["manager", "receptionist"])
def test_staff_cannot_work_at_another_branchs_desk(gym: Gym, row: str) -> None:
    customer, _sub = _member(gym, "other")
    elsewhere = Desk(gym.desks[row].staff, gym.other)
    before = fingerprint(gym.app)
    with pytest.raises(PermissionDenied, match="own branch"):
        gym.app.desk.scan(elsewhere, customer.qr_code, action=AttendanceAction.CHECK_IN_ONLY)
    with pytest.raises(PermissionDenied, match="own branch"):
        gym.app.customers.update(elsewhere, customer.id, notes="x")
    assert fingerprint(gym.app) == before


def test_a_role_taken_away_counts_at_once(gym: Gym) -> None:
    """The services read the staff record in the same transaction: a demotion needs no new sign-in."""
    n = gym.unique()
    made = gym.app.staff.create(gym.owner, username=f"demoted{n}", full_name="Soon Receptionist", role=Role.MANAGER,
                                password=PASSWORD, branch_id=gym.own.id)
    desk = Desk(gym.app.staff.authenticate(made.username, PASSWORD), gym.own)
    _c, sub = _member(gym, "own")
    with gym.app.uow as uow:
        uow.staff.update(replace(made, role=Role.RECEPTIONIST))
        uow.commit()
    with pytest.raises(PermissionDenied, match="manager"):
        gym.app.subscriptions.cancel(desk, sub.id)


def test_a_desk_made_up_with_an_owner_role_is_refused(gym: Gym) -> None:
    """A Desk is only a claim: a staff id missing from storage, or the kiosk's id with an owner's role, gets
    no more than the storage says."""
    customer, sub = _member(gym, "other")
    kiosk = gym.desks["kiosk"]
    posing = Desk(replace(kiosk.staff, role=Role.OWNER, branch_id=None), gym.own)
    stranger = Desk(replace(gym.owner.staff, id=uuid.uuid4()), gym.own)
    for desk in (posing, stranger):
        with pytest.raises(PermissionDenied):
            gym.app.subscriptions.cancel(desk, sub.id)
        with pytest.raises(PermissionDenied):
            gym.app.customers.search(desk, customer.full_name)


# ----------------------------------------------------------------------------------------------- CLI


def _cli(url: str, *args: str, password: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "RECEPTION_PASSWORD"}
    if password is not None:
        env["RECEPTION_PASSWORD"] = password
    return subprocess.run([sys.executable, "-m", "reception", "--db", url, *args], capture_output=True, text=True,
                          timeout=120, env=env, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("gym", ["sqlite"], indirect=True)  # the same code on both databases: run once
def test_the_command_line_shows_members_only_to_signed_in_staff(gym: Gym) -> None:
    full = _details(gym, "other")
    kiosk = _cli(gym.app.url, "verify", full.qr_code, "--json")
    assert kiosk.returncode == 0, kiosk.stderr
    payload = json.loads(kiosk.stdout)
    assert payload["customer"]["full_name"] == full.full_name
    assert full.temp_password not in kiosk.stdout and full.phone not in kiosk.stdout

    anonymous = _cli(gym.app.url, "customers", "search", full.full_name, "--json")
    assert anonymous.returncode == 2 and "--user" in anonymous.stderr and full.phone not in anonymous.stdout
    wrong = _cli(gym.app.url, "--user", "desk1", "customers", "search", full.full_name, "--json", password="nope")
    assert wrong.returncode == 2 and "Traceback" not in wrong.stderr

    other_branch = _cli(gym.app.url, "--user", "desk1", "customers", "search", full.full_name, "--json",
                        password=PASSWORD)
    row = json.loads(other_branch.stdout)[0]
    assert row["full_name"] == full.full_name and row["temp_password"] is None and row["phone"] == ""
    owner = _cli(gym.app.url, "--user", "owner", "customers", "search", full.full_name, "--json", password=PASSWORD)
    row = json.loads(owner.stdout)[0]
    assert (row["temp_password"], row["phone"]) == (full.temp_password, full.phone)

    refused = _cli(gym.app.url, "--user", "desk1", "attendance", "--branch", str(gym.other.number),
                   password=PASSWORD)
    assert refused.returncode == 2 and "another branch" in refused.stderr
    assert _cli(gym.app.url, "attendance").returncode == 2
    every = _cli(gym.app.url, "--user", "owner", "attendance", "--from", "2020-01-01", "--to", "2099-12-31",
                 password=PASSWORD)
    mine = _cli(gym.app.url, "--user", "desk1", "attendance", "--from", "2020-01-01", "--to", "2099-12-31",
                password=PASSWORD)
    assert every.returncode == 0 and mine.returncode == 0, (every.stderr, mine.stderr)
    assert int(mine.stdout.split()[0]) < int(every.stdout.split()[0])
    assert f"at {gym.own.name}" in mine.stdout

