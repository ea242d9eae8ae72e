"""The demo gym: three branches, 150 members (the first five exactly as the gym knows them)."""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from reception.clock import Clock
from reception.domain.models import (
    Attendance,
    AttendanceAction,
    Branch,
    BranchRules,
    Customer,
    LedgerEntry,
    LedgerKind,
    Payment,
    PaymentMethod,
    Role,
    Service,
    ServiceKind,
    Staff,
    Subscription,
    SubscriptionStatus,
)
from reception.domain.passwords import generate_temp_password
from reception.domain.periods import end_date_for, local_today
from reception.domain.qr import generate_code
from reception.repository.ports import UnitOfWork
from reception.services import demo_data as data
from reception.services.auth import hash_password

TIMEZONE = "Africa/Cairo"
BATCH = 5000


@dataclass(frozen=True)
class DemoSummary:
    created: bool
    customers: int
    subscriptions: int
    visits: int
    seconds: float
    logins: tuple[tuple[str, str, str, str], ...]  # username, password, role, branch


def logins(branch_names: list[str]) -> tuple[tuple[str, str, str, str], ...]:
    return tuple(
        (username, data.DEMO_PASSWORD, role, branch_names[number - 1] if number else "all branches")
        for username, _, role, number in data.STAFF
    )


def holds(uow: UnitOfWork) -> str:
    """What a database holds: "empty", "demo" (built by build_demo) or "other" (a real gym)."""
    with uow.reading() as check:
        branches = check.branches.list()
        if not branches:
            return "empty"
        owner = check.staff.by_username(data.STAFF[0][0])
    demo_names = sorted(name for name, _ in data.BRANCHES)
    same_staff = owner is not None and owner.full_name == data.STAFF[0][1]
    return "demo" if sorted(b.name for b in branches) == demo_names and same_staff else "other"


def build_demo(uow: UnitOfWork, clock: Clock, *, customers: int = 150, seed: int = 7,
               progress: Callable[[int], None] | None = None) -> DemoSummary:
    """Fill an empty database with the demo gym; a database that has one is left as it is."""
    started = time.perf_counter()
    names = [name for name, _ in data.BRANCHES]
    with uow.reading() as check:
        if check.branches.list():
            return DemoSummary(False, check.customers.count(), 0, 0, 0.0, logins(names))
    rng = random.Random(seed)
    now = clock.now()
    today = local_today(now, TIMEZONE)
    branches = [
        Branch(uuid.uuid4(), i + 1, name, address, TIMEZONE, BranchRules())
        for i, (name, address) in enumerate(data.BRANCHES)
    ]
    services = [
        Service(uuid.uuid4(), name, kind, price,
                duration_months=months if kind is ServiceKind.MONTHLY else None,
                units=units, validity_months=months if kind.is_pack else None, is_active=active)
        for name, kind, price, months, units, active in data.SERVICES
    ]
    password = hash_password(data.DEMO_PASSWORD)
    staff = [
        Staff(uuid.uuid4(), username, full, Role(role), branches[number - 1].id if number else None, password)
        for username, full, role, number in data.STAFF
    ]
    with uow as w:
        for branch in branches:
            w.branches.add(branch)
        for service in services:
            w.services.add(service)
        for person in staff:
            w.staff.add(person)
        w.customers.reserve_member_nos(customers)
        w.commit()
    builder = _Builder(rng, now, today, branches, services, staff)
    total_subs = total_visits = 0
    for first in range(1, customers + 1, BATCH):
        last = min(customers, first + BATCH - 1)
        batch = [builder.customer(n) for n in range(first, last + 1)]
        for customer in batch:
            subs, visits = builder.history(customer)
            total_subs += subs
            total_visits += visits
        with uow as w:
            w.customers.add_many(batch)
            builder.flush(w)
            w.commit()
        if progress:
            progress(last)
    return DemoSummary(True, customers, total_subs, total_visits, time.perf_counter() - started, logins(names))


class _Builder:
    def __init__(self, rng: random.Random, now: datetime, today: date, branches: list[Branch],
                 services: list[Service], staff: list[Staff]) -> None:
        self.rng, self.now, self.today = rng, now, today
        self.branches, self.staff = branches, staff
        self.monthly = [s for s in services if s.kind is ServiceKind.MONTHLY and s.is_active]
        self.packs = [s for s in services if s.kind.is_pack]
        self.desks = {s.branch_id: s for s in staff if s.role is Role.RECEPTIONIST}
        self.zone = ZoneInfo(TIMEZONE)
        self.subscriptions: list[Subscription] = []
        self.ledger: list[LedgerEntry] = []
        self.visits: list[Attendance] = []
        self.payments: list[Payment] = []
        self.freezes: list[tuple[uuid.UUID, int]] = []

    def flush(self, uow: UnitOfWork) -> None:
        """Write what the last batch of members bought and did, in bulk."""
        first = uow.payments.reserve_receipt_nos(len(self.payments)) if self.payments else 0
        payments = [replace(p, receipt_no=first + i) for i, p in enumerate(self.payments)]
        uow.subscriptions.add_many(self.subscriptions)
        uow.subscriptions.add_ledger_many(self.ledger)
        uow.attendance.add_many(self.visits)
        uow.payments.add_many(payments)
        for subscription_id, days in self.freezes:
            uow.subscriptions.record_freeze(subscription_id, days, self.now, self.staff[1].id)
        self.subscriptions, self.ledger, self.visits, self.payments, self.freezes = [], [], [], [], []

    def customer(self, n: int) -> Customer:
        rng = self.rng
        if n <= len(data.NAMED_CUSTOMERS):
            _, name, phone, temp, branch_no = data.NAMED_CUSTOMERS[n - 1]
        else:
            if rng.random() < 0.25:
                name = f"{rng.choice(data.FIRST_ARABIC)} {rng.choice(data.LAST_ARABIC)}"
            else:
                name = f"{rng.choice(data.FIRST_LATIN)} {rng.choice(data.LAST_LATIN)}"
            phone = f"01{rng.choice('0125')}{rng.randrange(10**8):08d}"
            temp = generate_temp_password()
            branch_no = ((n - 1) % 3) + 1
        changed = n > 5 and rng.random() < 0.6
        created = self.now - timedelta(days=rng.randrange(30, 700))
        height = rng.randrange(150, 195) if rng.random() < 0.7 else None
        return Customer(
            id=uuid.uuid4(), member_no=n, full_name=name, phone=phone, branch_id=self.branches[branch_no - 1].id,
            qr_code=generate_code(n), created_at=created, updated_at=created,
            email=f"member{n}@example.com" if rng.random() < 0.5 else "",
            temp_password=None if changed else temp, password_changed=changed,
            height_cm=Decimal(height) if height else None,
            weight_kg=Decimal(rng.randrange(50, 110)) if height else None,
            date_of_birth=date(rng.randrange(1965, 2008), rng.randrange(1, 13), rng.randrange(1, 29)),
            gender=rng.choice(["male", "female"]),
            address=f"{rng.randrange(1, 120)} {rng.choice(data.STREETS)}, Cairo",
            notes=rng.choice(data.NOTES) if rng.random() < 0.04 else "",
        )

    def history(self, customer: Customer) -> tuple[int, int]:
        """One subscription (sometimes an older expired one too) and the visits of the last days."""
        n, rng = customer.member_no, self.rng
        kind = {1: "active", 2: "pack", 3: "expired", 4: "low_coins", 5: "ending"}.get(n) or rng.choices(
            ["active", "ending", "pack", "expired", "frozen", "none"], [45, 10, 17, 13, 5, 10])[0]
        if kind == "none":
            return 0, 0
        subs = 0
        if rng.random() < 0.3 or n == 1:
            old_start = self.today - timedelta(days=rng.randrange(120, 300))
            self._subscription(customer, self.monthly[0], old_start, used=0)
            subs += 1
        if kind in ("active", "frozen"):
            service = rng.choice(self.monthly)
            start = self.today - timedelta(days=rng.randrange(0, 25))
        elif kind == "ending":
            service = self.monthly[0]
            start = self.today - timedelta(days=rng.randrange(24, 28)) if n != 5 else self.today - timedelta(days=26)
        elif kind == "expired":
            service = self.monthly[0]
            start = self.today - timedelta(days=rng.randrange(35, 90))
        else:
            service = self.packs[2] if kind == "low_coins" else self.packs[0] if n == 2 else rng.choice(self.packs[:2])
            start = self.today - timedelta(days=rng.randrange(3, 40))
        used = 8 if kind == "low_coins" else 5 if n == 2 else rng.randrange(0, (service.units or 1) + 1)
        frozen = None
        if kind == "frozen":
            frozen = (self.today - timedelta(days=rng.randrange(0, 5)), rng.choice([7, 14, 30]))
        sub = self._subscription(customer, service, start, used=used if kind in ("pack", "low_coins") else 0,
                                 frozen=frozen)
        visits = 0
        if kind in ("active", "ending", "pack", "low_coins") and sub.start_date <= self.today:
            visits = self._visits(customer, sub, pack=service.kind.is_pack, deducted=used)
        return subs + 1, visits

    def _subscription(self, customer: Customer, service: Service, start: date, used: int,
                      frozen: tuple[date, int] | None = None) -> Subscription:
        units = service.units if service.kind.is_pack else None
        sold_at = datetime(start.year, start.month, start.day, 10, tzinfo=self.zone) + timedelta(
            minutes=self.rng.randrange(0, 600))
        sold_at = min(sold_at, self.now - timedelta(minutes=1))
        seller = self.desks[customer.branch_id]
        sub = Subscription(
            id=uuid.uuid4(), customer_id=customer.id, service_id=service.id, service_name=service.name,
            branch_id=customer.branch_id, sold_by=seller.id, sold_at_branch=customer.branch_id,
            subscription_type=service.kind, start_date=start, end_date=end_date_for(start, service.months),
            amount=service.price, payment_method=self.rng.choice(list(PaymentMethod)),
            status=SubscriptionStatus.ACTIVE, created_at=sold_at, total_units=units,
            remaining=(units - used) if units is not None else None,
        )
        if frozen is not None:
            sub = _frozen(sub, *frozen)
            self.freezes.append((sub.id, frozen[1]))
        self.subscriptions.append(sub)
        if units is not None:
            self.ledger.append(LedgerEntry(uuid.uuid4(), sub.id, LedgerKind.PURCHASE, units, sold_at,
                                           seller.id, reason=f"Bought {service.name}"))
        self.payments.append(Payment(uuid.uuid4(), 0, service.price, sub.payment_method,
                                     sub.id, customer.id, seller.id, customer.branch_id, sold_at))
        return sub

    def _visits(self, customer: Customer, sub: Subscription, *, pack: bool, deducted: int) -> int:
        """Visits over the last four days; a pack's deductions all show as dated visits."""
        rng = self.rng
        days = sorted({rng.randrange(0, 4) for _ in range(rng.randrange(1, 4))})
        if pack:
            days = sorted(days + [rng.randrange(4, 30) for _ in range(max(0, deducted - len(days)))])[:deducted]
        desk = self.desks[customer.branch_id]
        count = 0
        for back in days:
            day = self.today - timedelta(days=back)
            when = datetime(day.year, day.month, day.day, rng.randrange(6, 22), rng.randrange(60),
                            tzinfo=self.zone).astimezone(ZoneInfo("UTC"))
            if when >= self.now or when.date() < sub.start_date - timedelta(days=1):
                if pack:
                    when = self.now - timedelta(hours=rng.randrange(30, 200))
                else:
                    continue
            visit = Attendance(uuid.uuid4(), customer.id, customer.branch_id, when,
                               AttendanceAction.CHECK_IN_WITH_DEDUCTION if pack else AttendanceAction.CHECK_IN_ONLY,
                               sub.id, desk.id)
            self.visits.append(visit)
            if pack:
                self.ledger.append(LedgerEntry(uuid.uuid4(), sub.id, LedgerKind.VISIT, -1, when, desk.id, visit.id))
            count += 1
        return count


def _frozen(sub: Subscription, start: date, days: int) -> Subscription:
    return replace(sub, status=SubscriptionStatus.FROZEN, frozen_from=start,
                   frozen_until=start + timedelta(days=days - 1), end_date=sub.end_date + timedelta(days=days))
