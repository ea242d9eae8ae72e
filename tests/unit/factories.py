"""Small builders of domain values for unit tests."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timezone
from decimal import Decimal

from reception.domain.models import (
    Attendance,
    AttendanceAction,
    Branch,
    BranchRules,
    Customer,
    PaymentMethod,
    ServiceKind,
    Subscription,
    SubscriptionStatus,
)

NOW = datetime(2026, 11, 21, 9, 0, tzinfo=timezone.utc)  # 11:00 in Cairo
TODAY = date(2026, 11, 21)
HOME = Branch(uuid.uuid4(), 1, "Nasr City", timezone="Africa/Cairo")
OTHER = Branch(uuid.uuid4(), 2, "Maadi", timezone="Africa/Cairo")


def branch(**rules: object) -> Branch:
    return Branch(HOME.id, 1, "Nasr City", timezone="Africa/Cairo", rules=BranchRules(**rules))  # type: ignore[arg-type]


def customer(**changes: object) -> Customer:
    values: dict[str, object] = dict(
        id=uuid.uuid4(), member_no=1, full_name="Mohamed Salem", phone="01077827638", branch_id=HOME.id,
        qr_code="GYM-1-0A1B2C3D", created_at=NOW, updated_at=NOW, temp_password=None, password_changed=True,
    )
    values.update(changes)
    return Customer(**values)  # type: ignore[arg-type]


def subscription(owner: Customer, *, kind: ServiceKind = ServiceKind.MONTHLY, start: date = date(2026, 11, 1),
                 end: date = date(2026, 12, 31), remaining: int | None = None, **changes: object) -> Subscription:
    values: dict[str, object] = dict(
        id=uuid.uuid4(), customer_id=owner.id, service_id=uuid.uuid4(), service_name=f"{kind.value} plan",
        branch_id=owner.branch_id, sold_by=None, sold_at_branch=owner.branch_id, subscription_type=kind,
        start_date=start, end_date=end, amount=Decimal("600.00"), payment_method=PaymentMethod.CASH,
        status=SubscriptionStatus.ACTIVE, created_at=NOW,
        total_units=12 if kind.is_pack else None,
        remaining=(remaining if remaining is not None else 10) if kind.is_pack else None,
    )
    values.update(changes)
    return Subscription(**values)  # type: ignore[arg-type]


def visit(owner: Customer, at: datetime, action: AttendanceAction = AttendanceAction.CHECK_IN_ONLY,
          **changes: object) -> Attendance:
    return Attendance(uuid.uuid4(), owner.id, HOME.id, at, action, **changes)  # type: ignore[arg-type]
