"""Subscription dates, freezes, registration checks, permissions and the sign-in slowdown."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from reception.domain.errors import NotAllowed, PermissionDenied, ValidationError
from reception.domain.models import Role, Staff
from reception.domain.periods import end_date_for, local_day_bounds, plan_freeze, plan_unfreeze, renewal_start
from reception.domain.authorization import Action, Actor, authorize
from reception.domain.permissions import Permission, can
from reception.domain.validation import bmi, check_customer_fields
from reception.services.auth import LoginThrottle
from tests.unit.factories import HOME, OTHER


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [(date(2026, 1, 15), 1, date(2026, 2, 14)), (date(2026, 1, 31), 1, date(2026, 2, 27)),
     (date(2024, 1, 31), 1, date(2024, 2, 28)), (date(2026, 11, 21), 12, date(2027, 11, 20)),
     (date(2026, 12, 1), 3, date(2027, 2, 28))],
)
def test_end_date(start: date, months: int, end: date) -> None:
    assert end_date_for(start, months) == end


def test_renewal_starts_after_the_current_end_or_today_if_lapsed() -> None:
    assert renewal_start(date(2026, 11, 30), date(2026, 11, 21)) == date(2026, 12, 1)
    assert renewal_start(date(2026, 11, 1), date(2026, 11, 21)) == date(2026, 11, 21)


def test_freeze_moves_the_end_date_across_a_month_end() -> None:
    plan = plan_freeze(start=date(2026, 11, 25), days=10, end_date=date(2026, 11, 30), today=date(2026, 11, 21),
                       used_this_year=0, max_per_year=60)
    assert (plan.frozen_from, plan.frozen_until, plan.new_end_date) == (date(2026, 11, 25), date(2026, 12, 4), date(2026, 12, 10))


def test_freeze_respects_the_yearly_limit() -> None:
    with pytest.raises(NotAllowed, match="Only 5 freeze day"):
        plan_freeze(start=date(2026, 11, 21), days=10, end_date=date(2026, 12, 30), today=date(2026, 11, 21),
                    used_this_year=55, max_per_year=60)


def test_freeze_cannot_start_in_the_past() -> None:
    with pytest.raises(NotAllowed):
        plan_freeze(start=date(2026, 11, 20), days=3, end_date=date(2026, 12, 30), today=date(2026, 11, 21),
                    used_this_year=0, max_per_year=60)


def test_unfreezing_early_gives_the_unused_days_back() -> None:
    # Frozen Nov 25 - Dec 4 (10 days), end moved Nov 30 -> Dec 10; unfrozen on Nov 28 after 3 frozen days.
    plan = plan_unfreeze(frozen_from=date(2026, 11, 25), frozen_until=date(2026, 12, 4), end_date=date(2026, 12, 10),
                         today=date(2026, 11, 28))
    assert plan.frozen_until == date(2026, 11, 27)
    assert plan.days == 3
    assert plan.new_end_date == date(2026, 12, 3)


def test_unfreezing_before_the_freeze_starts_gives_every_day_back() -> None:
    plan = plan_unfreeze(frozen_from=date(2026, 11, 25), frozen_until=date(2026, 12, 4), end_date=date(2026, 12, 10),
                         today=date(2026, 11, 22))
    assert plan.days == 0 and plan.new_end_date == date(2026, 11, 30)


def test_cairo_day_bounds_in_utc() -> None:
    start, end = local_day_bounds(date(2026, 11, 21), "Africa/Cairo")
    assert (start.hour, end.hour, start.tzinfo is not None) == (22, 22, True)


def test_registration_lists_every_problem_in_plain_words() -> None:
    with pytest.raises(ValidationError) as caught:
        check_customer_fields(full_name="A", phone="12", email="nope", date_of_birth=date(2030, 1, 1),
                              height_cm="tall", weight_kg="500", today=date(2026, 11, 21))
    fields = caught.value.fields
    assert set(fields) == {"full_name", "phone", "email", "date_of_birth", "height_cm", "weight_kg"}
    assert "01012345678" in fields["phone"]
    assert fields["height_cm"] == "Height (cm) must be a number."


def test_registration_normalises_good_input() -> None:
    clean = check_customer_fields(full_name="  Layla   Rashad ", phone="+20 102 298 1052", email="Layla@Example.com",
                                  height_cm="١٧٠", weight_kg="65,5", today=date(2026, 11, 21))
    assert clean["full_name"] == "Layla Rashad"
    assert clean["phone"] == "01022981052"
    assert clean["email"] == "layla@example.com"
    assert clean["height_cm"] == Decimal("170") and clean["weight_kg"] == Decimal("65.5")
    assert bmi(clean["height_cm"], clean["weight_kg"]) == Decimal("22.7")  # type: ignore[arg-type]


def _staff(role: Role, branch=HOME.id) -> Staff:  # type: ignore[no-untyped-def]
    import uuid

    return Staff(uuid.uuid4(), role.value, role.value, role, branch, "")


def test_roles() -> None:
    desk, manager, owner = _staff(Role.RECEPTIONIST), _staff(Role.MANAGER), _staff(Role.OWNER, None)
    assert can(desk, Permission.CHECK_IN) and not can(desk, Permission.OVERRIDE_DENIAL)
    assert can(manager, Permission.OVERRIDE_DENIAL) and can(manager, Permission.CHANGE_PRICE)
    assert not can(manager, Permission.MANAGE_BRANCHES)
    assert can(owner, Permission.MANAGE_BRANCHES)
    with pytest.raises(PermissionDenied, match="manager"):
        authorize(Actor(desk, HOME.id), Action.CHANGE_PRICE, HOME.id)
    with pytest.raises(PermissionDenied, match="another branch"):
        authorize(Actor(manager, HOME.id), Action.FREEZE, OTHER.id)
    authorize(Actor(owner, HOME.id), Action.FREEZE, OTHER.id)


def test_sign_in_pauses_after_five_failures_and_the_pause_doubles() -> None:
    throttle = LoginThrottle()
    now = datetime(2026, 11, 21, 9, 0, tzinfo=timezone.utc)
    failures = [now - timedelta(seconds=50 - i) for i in range(4)]
    assert throttle.wait_seconds(failures, now) == 0  # four mistakes: no pause
    failures.append(now)
    assert throttle.wait_seconds(failures, now) == 30
    assert throttle.wait_seconds(failures, now + timedelta(seconds=29.5)) == 1  # rounded up, never "0 s"
    assert throttle.wait_seconds(failures, now + timedelta(seconds=30)) == 0
    failures.append(now + timedelta(seconds=30))
    assert throttle.wait_seconds(failures, now + timedelta(seconds=30)) == 60
    many = [now] * 1000
    assert throttle.wait_seconds(many, now) == 15 * 60  # capped, and no overflow