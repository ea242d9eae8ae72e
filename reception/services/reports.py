"""The end-of-shift report: takings by payment method, the sales behind them, check-ins, reversals, denials."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from reception.clock import Clock
from reception.domain.errors import ValidationError
from reception.domain.models import AccessLogEntry, Attendance, Branch, Payment, PaymentMethod, receipt_label
from reception.domain.authorization import Action
from reception.repository.ports import UnitOfWork
from reception.services.access import check
from reception.services.context import Desk

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class PaymentLine:
    receipt_no: int
    time: datetime
    member_no: int
    member_name: str
    service_name: str
    amount: Decimal
    method: PaymentMethod
    staff_name: str
    branch_name: str
    receipt_series: str = ""

    @property
    def receipt_label(self) -> str:
        return receipt_label(self.receipt_series, self.receipt_no)


@dataclass(frozen=True)
class ReversalLine:
    time: datetime
    member_no: int
    member_name: str
    staff_name: str
    notes: str
    branch_name: str


@dataclass(frozen=True)
class OverrideLine:
    time: datetime
    member_no: int
    member_name: str
    approved_by: str
    reason: str
    staff_name: str
    branch_name: str


@dataclass(frozen=True)
class BranchTotals:
    branch_id: uuid.UUID
    branch_name: str
    currency: str
    takings: tuple[tuple[PaymentMethod, Decimal], ...]
    total: Decimal
    sales: int
    check_ins: int
    reversals: int
    denials: int
    overrides: int


@dataclass(frozen=True)
class ShiftReport:
    """What a desk took and saw between `start` and `end` (UTC instants, end excluded)."""

    start: datetime
    end: datetime
    branch_id: uuid.UUID | None  # None: every branch
    scope: str  # the branch's name, or "All branches"
    timezone: str
    currency: str  # "" when the branches use different currencies
    takings: tuple[tuple[PaymentMethod, Decimal], ...]  # every method accepted, in the order of PaymentMethod
    total: Decimal
    payments: tuple[PaymentLine, ...]
    sales: int
    check_ins: int  # visits that stand: reversed ones and reversal rows left out
    reversals: tuple[ReversalLine, ...]
    denials: int
    overrides: tuple[OverrideLine, ...]
    branches: tuple[BranchTotals, ...]
    generated_at: datetime
    generated_by: str

    def taken_by(self, method: PaymentMethod) -> Decimal:
        return dict(self.takings).get(method, ZERO)


class ReportService:
    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    def shift_report(self, desk: Desk, start: datetime, end: datetime, branch_id: uuid.UUID | None) -> ShiftReport:
        """A receptionist or manager sees their own branch; the owner any branch or all (branch_id None)."""
        if start.tzinfo is None or end.tzinfo is None:
            raise ValueError("shift_report needs aware datetimes")
        if end <= start:
            raise ValidationError({"end": "The end of the report is before its start."})
        with self._uow.reading() as uow:
            check(uow, desk, Action.VIEW_REPORT, branch_id)
            branches = {b.id: b for b in uow.branches.list()}
            payments = uow.payments.query(branch_id=branch_id, start=start, end=end)
            visits = uow.attendance.query(branch_id=branch_id, start=start, end=end)
            scans = uow.access_log.query(branch_id=branch_id, start=start, end=end)
            people = _Names(uow)
            lines = tuple(people.payment(p, branches) for p in payments)
            reversals = tuple(people.reversal(v, branches) for v in visits if v.is_reversal)
            overrides = tuple(people.override(s, branches) for s in scans if s.override_by is not None)
        shown = [branches[branch_id]] if branch_id is not None and branch_id in branches else sorted(
            branches.values(), key=lambda b: b.number)
        per_branch = tuple(_totals(b, payments, visits, scans) for b in shown)
        currencies = {b.rules.currency for b in shown}
        takings = _takings(payments, [b.rules.payment_methods for b in shown])
        return ShiftReport(
            start=start, end=end, branch_id=branch_id,
            scope=branches[branch_id].name if branch_id in branches else "All branches",
            timezone=desk.branch.timezone, currency=currencies.pop() if len(currencies) == 1 else "",
            takings=takings, total=sum((p.amount for p in payments), ZERO), payments=lines, sales=len(payments),
            check_ins=sum(1 for v in visits if v.counts), reversals=reversals,
            denials=sum(1 for s in scans if not s.allowed), overrides=overrides, branches=per_branch,
            generated_at=self._clock.now(), generated_by=desk.staff.full_name,
        )

    @staticmethod
    def to_csv(report: ShiftReport) -> str:
        """Sections one after another: summary, takings, per-branch, payments, reversals, overrides."""
        zone = ZoneInfo(report.timezone)

        def when(moment: datetime) -> str:
            return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")

        out = io.StringIO()
        w = csv.writer(out)
        w.writerow(["Shift report", report.scope])
        w.writerow(["From", when(report.start)])
        w.writerow(["To", when(report.end)])
        w.writerow(["Currency", report.currency or "mixed"])
        w.writerow(["Sales", report.sales])
        w.writerow(["Total", f"{report.total:.2f}"])
        w.writerow(["Check-ins", report.check_ins])
        w.writerow(["Reversals", len(report.reversals)])
        w.writerow(["Denied scans", report.denials])
        w.writerow(["Overrides", len(report.overrides)])
        w.writerow([])
        w.writerow(["payment_method", "amount"])
        for method, amount in report.takings:
            w.writerow([method.label, f"{amount:.2f}"])
        if report.branch_id is None:
            w.writerow([])
            w.writerow(["branch", "currency", "sales", "total", "check_ins", "reversals", "denials", "overrides"])
            for b in report.branches:
                w.writerow([spreadsheet_safe(b.branch_name), b.currency, b.sales, f"{b.total:.2f}", b.check_ins, b.reversals,
                            b.denials, b.overrides])
        w.writerow([])
        w.writerow(["receipt_no", "time", "member_no", "member", "service", "amount", "method", "staff", "branch"])
        for p in report.payments:
            w.writerow([p.receipt_label, when(p.time), p.member_no, spreadsheet_safe(p.member_name), spreadsheet_safe(p.service_name),
                        f"{p.amount:.2f}", p.method.label, spreadsheet_safe(p.staff_name), spreadsheet_safe(p.branch_name)])
        w.writerow([])
        w.writerow(["reversal_time", "member_no", "member", "staff", "notes", "branch"])
        for r in report.reversals:
            w.writerow([when(r.time), r.member_no, spreadsheet_safe(r.member_name), spreadsheet_safe(r.staff_name), spreadsheet_safe(r.notes),
                        spreadsheet_safe(r.branch_name)])
        w.writerow([])
        w.writerow(["override_time", "member_no", "member", "approved_by", "reason", "staff", "branch"])
        for o in report.overrides:
            w.writerow([when(o.time), o.member_no, spreadsheet_safe(o.member_name), spreadsheet_safe(o.approved_by), spreadsheet_safe(o.reason),
                        spreadsheet_safe(o.staff_name), spreadsheet_safe(o.branch_name)])
        return out.getvalue()


class _Names:
    """Looks up members, staff and services once each while a report is built."""

    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow
        self._members: dict[uuid.UUID, tuple[int, str]] = {}
        self._staff: dict[uuid.UUID, str] = {}
        self._services: dict[uuid.UUID, str] = {}

    def member(self, customer_id: uuid.UUID | None) -> tuple[int, str]:
        if customer_id is None:
            return 0, ""
        if customer_id not in self._members:
            customer = self._uow.customers.get(customer_id)
            self._members[customer_id] = (customer.member_no, customer.full_name) if customer else (0, "(deleted)")
        return self._members[customer_id]

    def staff(self, staff_id: uuid.UUID | None) -> str:
        if staff_id is None:
            return "kiosk"
        if staff_id not in self._staff:
            person = self._uow.staff.get(staff_id)
            self._staff[staff_id] = person.full_name if person else ""
        return self._staff[staff_id]

    def service(self, subscription_id: uuid.UUID | None) -> str:
        if subscription_id is None:
            return "Day pass"  # a pass's payment names no subscription
        if subscription_id not in self._services:
            sub = self._uow.subscriptions.get(subscription_id)
            self._services[subscription_id] = sub.service_name if sub else ""
        return self._services[subscription_id]

    def payment(self, p: Payment, branches: dict[uuid.UUID, Branch]) -> PaymentLine:
        number, name = self.member(p.customer_id)
        return PaymentLine(p.receipt_no, p.created_at, number, name, self.service(p.subscription_id), p.amount,
                           p.method, self.staff(p.staff_id), _name(branches, p.branch_id), p.receipt_series)

    def reversal(self, v: Attendance, branches: dict[uuid.UUID, Branch]) -> ReversalLine:
        number, name = self.member(v.customer_id)
        return ReversalLine(v.check_in_time, number, name, self.staff(v.staff_id), v.notes,
                            _name(branches, v.branch_id))

    def override(self, s: AccessLogEntry, branches: dict[uuid.UUID, Branch]) -> OverrideLine:
        number, name = self.member(s.customer_id)
        return OverrideLine(s.created_at, number, name, self.staff(s.override_by), s.override_reason,
                            self.staff(s.staff_id), _name(branches, s.branch_id))


def _name(branches: dict[uuid.UUID, Branch], branch_id: uuid.UUID) -> str:
    branch = branches.get(branch_id)
    return branch.name if branch else ""


def _takings(payments: Iterable[Payment], accepted: Iterable[tuple[PaymentMethod, ...]]
             ) -> tuple[tuple[PaymentMethod, Decimal], ...]:
    """Every accepted method (0.00 when nothing was taken) plus any other method that was used."""
    sums: dict[PaymentMethod, Decimal] = {}
    for methods in accepted:
        for method in methods:
            sums.setdefault(method, ZERO)
    for p in payments:
        sums[p.method] = sums.get(p.method, ZERO) + p.amount
    return tuple((m, sums[m]) for m in PaymentMethod if m in sums)


def _totals(branch: Branch, payments: list[Payment], visits: list[Attendance], scans: list[AccessLogEntry]
            ) -> BranchTotals:
    mine = [p for p in payments if p.branch_id == branch.id]
    seen = [v for v in visits if v.branch_id == branch.id]
    logged = [s for s in scans if s.branch_id == branch.id]
    return BranchTotals(
        branch.id, branch.name, branch.rules.currency, _takings(mine, [branch.rules.payment_methods]),
        sum((p.amount for p in mine), ZERO), len(mine), sum(1 for v in seen if v.counts),
        sum(1 for v in seen if v.is_reversal), sum(1 for s in logged if not s.allowed),
        sum(1 for s in logged if s.override_by is not None),
    )


def spreadsheet_safe(text: str) -> str:
    """A cell starting with = + - @ must not run as a spreadsheet formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
