"""The access log as a manager reads it: every attempt of member cards and day passes, allowed and denied, with
the reason, the desk or turnstile, the staff member and the time; filtered by outcome, reason, branch and days."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from reception.domain.authorization import Action
from reception.domain.errors import ValidationError
from reception.domain.models import AccessLogEntry
from reception.domain.periods import local_day_bounds
from reception.repository.ports import UnitOfWork
from reception.services.access import check
from reception.services.context import KIOSK_ID, Desk

PAGE = 500


@dataclass(frozen=True)
class AccessRow:
    entry: AccessLogEntry
    member_no: int  # 0: no member (a day pass, an unknown code)
    member_name: str
    staff_name: str  # "" for a turnstile or a script
    branch_name: str


class AccessLogService:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def rows(self, desk: Desk, *, start_day: date | None = None, end_day: date | None = None,
             branch_id: uuid.UUID | None = None, allowed: bool | None = None, reason: str | None = None,
             limit: int = PAGE, offset: int = 0) -> tuple[list[AccessRow], int]:
        """Newest first, one page, and how many attempts match in all. `branch_id` None: every branch (the
        owner); `reason` is the code the row is filed under ("" for a plain welcome)."""
        if start_day and end_day and end_day < start_day:
            raise ValidationError({"end_date": "The end date is before the start date."})
        zone = desk.branch.timezone
        start = local_day_bounds(start_day, zone)[0] if start_day else None
        end = local_day_bounds(end_day, zone)[1] if end_day else None
        with self._uow.reading() as uow:
            check(uow, desk, Action.VIEW_ALL_BRANCHES if branch_id is None else Action.VIEW_ATTENDANCE, branch_id)
            found = uow.access_log.query(branch_id=branch_id, start=start, end=end, allowed=allowed, reason=reason,
                                         limit=limit, offset=offset)
            total = uow.access_log.count(branch_id=branch_id, start=start, end=end, allowed=allowed, reason=reason)
            branches = {b.id: b.name for b in uow.branches.list()}
            members = {c.id: c for c in uow.customers.get_many(list({e.customer_id for e in found if e.customer_id}))}
            staff: dict[uuid.UUID, str] = {}
            for staff_id in {e.staff_id for e in found if e.staff_id and e.staff_id != KIOSK_ID}:
                person = uow.staff.get(staff_id)
                staff[staff_id] = person.full_name if person else ""
        rows = []
        for e in found:
            member = members.get(e.customer_id) if e.customer_id else None
            rows.append(AccessRow(e, member.member_no if member else 0, member.full_name if member else "",
                                  staff.get(e.staff_id, "") if e.staff_id else "", branches.get(e.branch_id, "")))
        return rows, total
