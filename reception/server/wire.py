"""Records as the gym backend's JSON: a customer's `id` is the member number, `branch_id` the branch
number, other ids UUID strings (DECISIONS.md)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from reception.domain.models import Branch, Customer, Service, Staff, Subscription
from reception.services.context import AttendanceRow, SubscriptionView


class Numbers:
    """Branch and member numbers for the ids the services use, looked up once per request."""

    def __init__(self, branches: list[Branch]) -> None:
        self.branches = {b.id: b for b in branches}
        self.by_number = {b.number: b for b in branches}

    def branch_no(self, branch_id: uuid.UUID | None) -> int | None:
        branch = self.branches.get(branch_id) if branch_id else None
        return branch.number if branch else None


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _time(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _money(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def staff(person: Staff, numbers: Numbers) -> dict[str, Any]:
    return {"id": str(person.id), "username": person.username, "full_name": person.full_name,
            "role": person.role.value, "branch_id": numbers.branch_no(person.branch_id)}


def customer(c: Customer, numbers: Numbers, caller: Staff) -> dict[str, Any]:
    # Private details come redacted from the services already (domain.authorization.redact).
    return {
        "id": c.member_no,
        "full_name": c.full_name,
        "phone": c.phone,
        "email": c.email or None,
        "branch_id": numbers.branch_no(c.branch_id),
        "qr_code": c.qr_code,
        "is_active": c.is_active,
        "temp_password": c.temp_password,
        "password_changed": c.password_changed,
        "height": _money(c.height_cm),
        "weight": _money(c.weight_kg),
        "bmi": _money(c.bmi),
        "date_of_birth": _day(c.date_of_birth),
        "gender": c.gender or None,
        "address": c.address or None,
        "national_id": c.national_id or None,
        "health_notes": c.health_notes or None,
        "created_at": _time(c.created_at),
    }


def subscription(sub: Subscription, status: str, numbers: Numbers, member_no: int,
                 remaining: int | None = None) -> dict[str, Any]:
    left = remaining if remaining is not None else sub.remaining
    return {
        "id": str(sub.id),
        "subscription_id": str(sub.id),
        "customer_id": member_no,
        "service_id": str(sub.service_id),
        "service_name": sub.service_name,
        "branch_id": numbers.branch_no(sub.branch_id),
        "subscription_type": sub.subscription_type.value,
        "start_date": _day(sub.start_date),
        "end_date": _day(sub.end_date),
        "status": status,
        "amount": _money(sub.amount),
        "payment_method": sub.payment_method.value,
        "remaining_sessions": left if sub.is_pack else None,
        "total_sessions": sub.total_units if sub.is_pack else None,
    }


def subscription_view(view: SubscriptionView, numbers: Numbers, member_no: int) -> dict[str, Any]:
    return subscription(view.subscription, view.status.value, numbers, member_no)


def attendance_row(row: AttendanceRow, numbers: Numbers) -> dict[str, Any]:
    a = row.attendance
    return {
        "id": str(a.id),
        "customer_id": row.member_no,
        "customer_name": row.full_name,
        "check_in_time": _time(a.check_in_time),
        "check_out_time": _time(a.check_out_time),
        "branch_id": numbers.branch_no(a.branch_id),
        "action": a.action.value,
        "subscription_id": str(a.subscription_id) if a.subscription_id else None,
        "notes": a.notes or None,
        "staff": row.staff_name or None,
        "reversed": a.reversed_by is not None,
    }


def service(s: Service) -> dict[str, Any]:
    return {
        "id": str(s.id), "name": s.name, "kind": s.kind.value, "subscription_type": s.kind.value,
        "price": _money(s.price), "duration_months": s.duration_months,
        "sessions": s.units if s.kind.value == "sessions" else None,
        "coins": s.units if s.kind.value == "coins" else None,
        "validity_months": s.validity_months, "is_active": s.is_active,
    }


def branch(b: Branch) -> dict[str, Any]:
    return {"id": b.number, "branch_id": b.number, "name": b.name, "address": b.address or None,
            "timezone": b.timezone, "is_active": b.is_active, "currency": b.rules.currency}
