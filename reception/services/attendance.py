"""Who came, when: attendance queries, hourly counts, CSV, and reversal of mistakes."""

from __future__ import annotations

import csv
import io
import uuid
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from reception.clock import Clock
from reception.domain.errors import NotAllowed, NotFound, PermissionDenied, ValidationError
from reception.domain.models import Attendance, AttendanceAction, LedgerEntry, LedgerKind, Staff
from reception.domain.periods import local_day_bounds, local_today
from reception.domain.authorization import Action, Actor, allowed
from reception.domain.commands import Op, started
from reception.repository.ports import UnitOfWork
from reception.services.access import check
from reception.services.context import Approval, AttendanceRow, Desk

if TYPE_CHECKING:
    from reception.services.auth import StaffService

CSV_COLUMNS = ["check_in_time", "member_no", "full_name", "branch", "action", "service", "staff", "notes", "reversed"]


class AttendanceService:
    def __init__(self, uow: UnitOfWork, clock: Clock, staff: StaffService | None = None) -> None:
        self._uow = uow
        self._clock = clock
        self._staff = staff

    def today(self, desk: Desk) -> list[AttendanceRow]:
        day = local_today(self._clock.now(), desk.branch.timezone)
        return self.rows(desk, start_day=day, end_day=day, branch_id=desk.branch.id)

    def rows(
        self,
        desk: Desk,
        *,
        start_day: date | None = None,
        end_day: date | None = None,
        branch_id: uuid.UUID | None = None,
        customer_id: uuid.UUID | None = None,
        timezone: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[AttendanceRow]:
        """Visits between two branch-local days inclusive, oldest first, with names filled in
        (newest first when `limit` is given, after skipping `offset`).

        `branch_id` None is every branch: the owner's view."""
        if start_day and end_day and end_day < start_day:
            raise ValidationError({"end_date": "The end date is before the start date."})
        zone = timezone or desk.branch.timezone
        start = local_day_bounds(start_day, zone)[0] if start_day else None
        end = local_day_bounds(end_day, zone)[1] if end_day else None
        with self._uow.reading() as uow:
            check(uow, desk, Action.VIEW_ATTENDANCE, branch_id)
            visits = uow.attendance.query(branch_id=branch_id, customer_id=customer_id, start=start, end=end,
                                          limit=limit, offset=offset)
            return self._rows(uow, visits)

    def page(self, desk: Desk, *, start_day: date | None = None, end_day: date | None = None,
             branch_id: uuid.UUID | None = None, customer_id: uuid.UUID | None = None,
             limit: int = 50, offset: int = 0) -> tuple[list[AttendanceRow], int]:
        """Newest first, one page, and how many visits match in all."""
        rows = self.rows(desk, start_day=start_day, end_day=end_day, branch_id=branch_id,
                         customer_id=customer_id, limit=limit, offset=offset)
        zone = desk.branch.timezone
        start = local_day_bounds(start_day, zone)[0] if start_day else None
        end = local_day_bounds(end_day, zone)[1] if end_day else None
        with self._uow.reading() as uow:
            total = uow.attendance.count(branch_id=branch_id, customer_id=customer_id, start=start, end=end)
        return rows, total

    def row(self, desk: Desk, attendance_id: uuid.UUID) -> AttendanceRow:
        with self._uow.reading() as uow:
            visit = uow.attendance.get(attendance_id)
            if visit is None:
                raise NotFound("That visit does not exist.")
            check(uow, desk, Action.VIEW_ATTENDANCE, visit.branch_id)
            return self._rows(uow, [visit])[0]

    def hourly_counts(self, rows: list[AttendanceRow], timezone: str) -> dict[int, int]:
        """Check-ins per local hour (0-23); reversed visits and reversal rows left out."""
        zone = ZoneInfo(timezone)
        counts = {hour: 0 for hour in range(24)}
        for row in rows:
            if row.attendance.counts:
                counts[row.attendance.check_in_time.astimezone(zone).hour] += 1
        return counts

    def to_csv(self, rows: list[AttendanceRow], timezone: str) -> str:
        zone = ZoneInfo(timezone)
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(CSV_COLUMNS)
        for row in rows:
            a = row.attendance
            writer.writerow([
                a.check_in_time.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S"), row.member_no,
                _csv_safe(row.full_name), row.branch_name, a.action.value if not a.is_reversal else "reversal",
                row.service_name, row.staff_name, _csv_safe(a.notes), "yes" if a.reversed_by else "",
            ])
        return out.getvalue()

    def reverse(self, desk: Desk, attendance_id: uuid.UUID, reason: str, *,
                approval: Approval | None = None, op: Op | None = None) -> Attendance:
        """Undo a mistaken check-in: a reversal row, the session credited back; the original stays.

        A receptionist reverses their own check-in within the branch's window; anything else needs a
        manager, either signed in or approving at this desk (`approval`, checked before the transaction).
        """
        reason = " ".join(reason.split())
        if len(reason) < 3:
            raise ValidationError({"reason": "Write why this check-in is reversed."})
        op = started(op, "Reverse", self._clock.now(), desk.staff_id)
        now = op.at
        with self._uow.reading() as uow:
            visit = uow.attendance.get(attendance_id)
            where = visit.branch_id if visit is not None else desk.branch.id
        approver = self._approver(desk, approval, where)
        with self._uow as uow:
            visit = uow.attendance.get(attendance_id)
            if visit is not None:
                uow.customers.lock(visit.customer_id)  # one reversal at a time per member: never credited twice
                visit = uow.attendance.get(attendance_id)
            if visit is None:
                raise NotFound("That visit does not exist.")
            # the branch where the visit happened owns its reversal
            if approver is None:
                check(uow, desk, Action.REVERSE_OWN, visit.branch_id)
            elif approver.id == desk.staff.id:
                approver = check(uow, desk, Action.REVERSE_ANY, visit.branch_id).staff or approver
            else:
                check(uow, desk, Action.VIEW_MEMBER)  # the desk's own account is still active
            if visit.is_reversal:
                raise NotAllowed("A reversal cannot itself be reversed.")
            if visit.reversed_by is not None:
                raise NotAllowed("This check-in was already reversed.")
            if approver is None:
                self._check_own_and_recent(desk, visit, now)
            by = f" (approved by {approver.full_name})" if approver and approver.id != desk.staff.id else ""
            reversal = Attendance(
                id=op.derive("reversal"), customer_id=visit.customer_id, branch_id=desk.branch.id, check_in_time=now,
                action=visit.action, subscription_id=visit.subscription_id, staff_id=desk.staff_id,
                notes=f"Reversal{by}: {reason}", reverses=visit.id,
            )
            uow.attendance.add(reversal)
            if not uow.attendance.mark_reversed(visit.id, reversal.id):
                raise NotAllowed("This check-in was already reversed.")
            if visit.action is AttendanceAction.CHECK_IN_WITH_DEDUCTION and visit.subscription_id is not None:
                uow.subscriptions.credit(visit.subscription_id, 1)
                uow.subscriptions.add_ledger(LedgerEntry(op.derive("ledger", visit.subscription_id),
                                                         visit.subscription_id, LedgerKind.REVERSAL,
                                                         1, now, desk.staff_id, reversal.id, reason + by))
            uow.commit()
        return replace(visit, reversed_by=reversal.id)

    def may_reverse_alone(self, desk: Desk, visit: Attendance) -> bool:
        """Whether this desk can reverse the visit without a manager's approval (for the dialog)."""
        if allowed(Actor(desk.staff, desk.branch.id), Action.REVERSE_ANY, visit.branch_id):
            return True
        if not allowed(Actor(desk.staff, desk.branch.id), Action.REVERSE_OWN, visit.branch_id):
            return False
        try:
            self._check_own_and_recent(desk, visit, self._clock.now())
        except PermissionDenied:
            return False
        return True

    def _approver(self, desk: Desk, approval: Approval | None, where: uuid.UUID) -> Staff | None:
        """The desk's staff if their role may reverse anyone's visit at `where` (checked again on the
        stored record), a manager of that branch approving, or None: only one's own recent check-in."""
        if allowed(Actor(desk.staff, desk.branch.id), Action.REVERSE_ANY, where):
            return desk.staff
        if approval is None:
            return None
        if self._staff is None:
            raise PermissionDenied("A manager must sign in to approve this.")
        return self._staff.approve(approval, Action.REVERSE_ANY, where)

    @staticmethod
    def _check_own_and_recent(desk: Desk, visit: Attendance, now: datetime) -> None:
        minutes = desk.branch.rules.reversal_window_minutes
        if visit.staff_id is None or visit.staff_id != desk.staff_id:
            raise PermissionDenied("Only a manager can reverse another person's check-in.")
        if now - visit.check_in_time > timedelta(minutes=minutes):
            raise PermissionDenied(f"More than {minutes} minutes have passed; ask a manager to reverse it.")

    @staticmethod
    def _rows(uow: UnitOfWork, visits: list[Attendance]) -> list[AttendanceRow]:
        customers = {c.id: c for c in uow.customers.get_many(list(dict.fromkeys(v.customer_id for v in visits)))}
        branches = {b.id: b.name for b in uow.branches.list()}
        staff: dict[uuid.UUID, str] = {}
        services: dict[uuid.UUID, str] = {}
        rows = []
        for v in visits:
            if v.staff_id and v.staff_id not in staff:
                person = uow.staff.get(v.staff_id)
                staff[v.staff_id] = person.username if person else ""
            if v.subscription_id and v.subscription_id not in services:
                sub = uow.subscriptions.get(v.subscription_id)
                services[v.subscription_id] = sub.service_name if sub else ""
            customer = customers.get(v.customer_id)
            rows.append(AttendanceRow(
                v, customer.member_no if customer else 0, customer.full_name if customer else "(deleted)",
                branches.get(v.branch_id, ""), staff.get(v.staff_id, "") if v.staff_id else "",
                services.get(v.subscription_id, "") if v.subscription_id else "",
            ))
        return rows


def _csv_safe(text: str) -> str:
    """A name typed as '=cmd|...' must not run as a formula when the CSV is opened in a spreadsheet."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def parse_day(text: str) -> date:
    try:
        return datetime.strptime(text.strip(), "%Y-%m-%d").date()
    except ValueError:
        raise ValidationError({"date": f"{text!r} is not a date like 2026-11-21."}) from None
