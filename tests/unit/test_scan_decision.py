"""Every deny, warn and note of the scan decision (DESIGN.md §4)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from reception.domain.models import AttendanceAction, OtherBranchPolicy, RevokedCard, ServiceKind, SubscriptionStatus
from reception.domain.scan import ScanFacts, State, decide
from tests.unit.factories import NOW, OTHER, branch, customer, subscription, visit


def facts(code: str = "GYM-1-0A1B2C3D", desk=None, **kw) -> ScanFacts:  # type: ignore[no-untyped-def]
    return ScanFacts(code=code, now=kw.pop("now", NOW), desk_branch=desk or branch(), **kw)


def reason_codes(decision) -> list[str]:  # type: ignore[no-untyped-def]
    return [r.code for r in decision.reasons]


def warning_codes(decision) -> list[str]:  # type: ignore[no-untyped-def]
    return [r.code for r in decision.warnings]


def test_active_monthly_member_is_allowed_green_with_check_in_suggested() -> None:
    member = customer()
    decision = decide(facts(customer=member, subscriptions=[subscription(member)]))
    assert decision.state is State.ALLOW
    assert decision.allowed and not decision.warnings
    assert decision.suggested_action is AttendanceAction.CHECK_IN_ONLY


def test_pack_suggests_deduction() -> None:
    member = customer()
    decision = decide(facts(customer=member, subscriptions=[subscription(member, kind=ServiceKind.SESSIONS, remaining=8)]))
    assert decision.state is State.ALLOW
    assert decision.suggested_action is AttendanceAction.CHECK_IN_WITH_DEDUCTION


@pytest.mark.parametrize(
    ("code", "reason"),
    [("", "unreadable"), ("hello world", "unreadable"), ("X" * 10_000, "oversized"),
     ("'; DROP TABLE customers; --", "unreadable"), ("GYM-1-0a1b2c3d", "unreadable"), ("\x00\x01\x02", "unreadable")],
)
def test_codes_that_are_not_cards_are_denied_with_a_reason(code: str, reason: str) -> None:
    decision = decide(facts(code=code))
    assert decision.state is State.DENY
    assert reason_codes(decision) == [reason]
    assert decision.reasons[0].message


def test_unknown_card() -> None:
    decision = decide(facts(code="GYM-99-ABCDEF12"))
    assert reason_codes(decision) == ["unknown"]
    assert decision.headline == "Card not recognised"


def test_replaced_card_says_when_it_was_replaced() -> None:
    member = customer()
    revoked = RevokedCard("GYM-1-11111111", member.id, datetime(2026, 11, 2, 12, tzinfo=timezone.utc))
    decision = decide(facts(code="GYM-1-11111111", revoked=revoked))
    assert reason_codes(decision) == ["revoked"]
    assert "Card replaced on 02 Nov 2026" in decision.headline


def test_inactive_account_is_denied() -> None:
    member = customer(is_active=False)
    decision = decide(facts(customer=member, subscriptions=[subscription(member)]))
    assert reason_codes(decision) == ["inactive"]


def test_no_subscription_at_all() -> None:
    assert reason_codes(decide(facts(customer=customer()))) == ["no_subscription"]


def test_expired_says_the_date() -> None:
    member = customer()
    sub = subscription(member, start=date(2026, 9, 1), end=date(2026, 10, 31))
    decision = decide(facts(customer=member, subscriptions=[sub]))
    assert reason_codes(decision) == ["expired"]
    assert decision.headline == "Expired on 31 Oct 2026"


def test_cancelled_only_is_no_subscription_even_if_dates_cover_today() -> None:
    member = customer()
    sub = subscription(member, status=SubscriptionStatus.CANCELLED)
    assert reason_codes(decide(facts(customer=member, subscriptions=[sub]))) == ["no_subscription"]


def test_frozen_says_until_when() -> None:
    member = customer()
    sub = subscription(member, status=SubscriptionStatus.FROZEN, frozen_from=date(2026, 11, 20),
                       frozen_until=date(2026, 12, 3))
    decision = decide(facts(customer=member, subscriptions=[sub]))
    assert reason_codes(decision) == ["frozen"]
    assert decision.headline == "Frozen until 03 Dec 2026"


def test_a_freeze_that_has_ended_no_longer_denies() -> None:
    member = customer()
    sub = subscription(member, status=SubscriptionStatus.FROZEN, frozen_from=date(2026, 11, 1),
                       frozen_until=date(2026, 11, 10))
    assert decide(facts(customer=member, subscriptions=[sub])).state is State.ALLOW


@pytest.mark.parametrize("kind", [ServiceKind.SESSIONS, ServiceKind.COINS])
def test_empty_pack_is_denied(kind: ServiceKind) -> None:
    member = customer()
    sub = subscription(member, kind=kind, remaining=0)
    decision = decide(facts(customer=member, subscriptions=[sub]))
    assert reason_codes(decision) == ["no_sessions"]
    assert decision.headline == f"No {kind.unit}s left"


def test_renewal_that_has_not_started_yet() -> None:
    member = customer()
    sub = subscription(member, start=date(2026, 12, 1), end=date(2026, 12, 31))
    decision = decide(facts(customer=member, subscriptions=[sub]))
    assert reason_codes(decision) == ["not_started"]


@pytest.mark.parametrize(
    ("policy", "state", "warning"),
    [(OtherBranchPolicy.DENY, State.DENY, None), (OtherBranchPolicy.WARN, State.ATTENTION, "other_branch"),
     (OtherBranchPolicy.ALLOW, State.ALLOW, None)],
)
def test_other_branch_policy(policy: OtherBranchPolicy, state: State, warning: str | None) -> None:
    member = customer(branch_id=OTHER.id)
    decision = decide(facts(customer=member, home_branch_name="Maadi", desk=branch(other_branch_policy=policy),
                            subscriptions=[subscription(member)]))
    assert decision.state is state
    if state is State.DENY:
        assert reason_codes(decision) == ["other_branch"]
        assert "Maadi" in decision.headline
    assert ("other_branch" in warning_codes(decision)) == (warning is not None)


def test_already_checked_in_today_shows_the_time_and_goes_amber() -> None:
    member = customer()
    earlier = NOW - timedelta(hours=2)  # 09:00 Cairo
    decision = decide(facts(customer=member, subscriptions=[subscription(member)], recent_attendance=[visit(member, earlier)]))
    assert decision.state is State.ATTENTION
    assert decision.warnings[0].message == "Already checked in today at 09:00"


def test_yesterdays_visit_and_reversed_visits_do_not_count() -> None:
    member = customer()
    yesterday = visit(member, NOW - timedelta(days=1))
    reversed_today = visit(member, NOW - timedelta(minutes=30), reversed_by=yesterday.id)
    decision = decide(facts(customer=member, subscriptions=[subscription(member)],
                            recent_attendance=[yesterday, reversed_today]))
    assert decision.state is State.ALLOW


def test_second_deduction_within_the_window_becomes_check_in_only() -> None:
    member = customer()
    pack = subscription(member, kind=ServiceKind.SESSIONS, remaining=6)
    recent = visit(member, NOW - timedelta(minutes=4), AttendanceAction.CHECK_IN_WITH_DEDUCTION)
    decision = decide(facts(customer=member, subscriptions=[pack], recent_attendance=[recent]))
    assert decision.suggested_action is AttendanceAction.CHECK_IN_ONLY
    assert "already_deducted" in warning_codes(decision)
    assert "Already deducted at 10:56" in decision.warnings[-1].message


def test_deduction_outside_the_window_is_suggested_again() -> None:
    member = customer()
    pack = subscription(member, kind=ServiceKind.SESSIONS, remaining=6)
    recent = visit(member, NOW - timedelta(minutes=11), AttendanceAction.CHECK_IN_WITH_DEDUCTION)
    decision = decide(facts(customer=member, subscriptions=[pack], recent_attendance=[recent]))
    assert decision.suggested_action is AttendanceAction.CHECK_IN_WITH_DEDUCTION
    assert "already_deducted" not in warning_codes(decision)


@pytest.mark.parametrize(("remaining", "warned"), [(1, True), (2, True), (3, False)])
def test_low_balance_warning_at_two_or_fewer(remaining: int, warned: bool) -> None:
    member = customer()
    decision = decide(facts(customer=member, subscriptions=[subscription(member, kind=ServiceKind.COINS, remaining=remaining)]))
    assert ("low_balance" in warning_codes(decision)) is warned


@pytest.mark.parametrize(("end", "warned"), [(date(2026, 11, 21), True), (date(2026, 11, 28), True), (date(2026, 11, 29), False)])
def test_ending_within_seven_days(end: date, warned: bool) -> None:
    member = customer()
    decision = decide(facts(customer=member, subscriptions=[subscription(member, end=end)]))
    assert ("ending_soon" in warning_codes(decision)) is warned
    assert decision.allowed


def test_information_notes_never_change_the_colour() -> None:
    member = customer(temp_password="AB12CD", password_changed=False, date_of_birth=date(1990, 11, 21),
                      notes="Knee injury")
    decision = decide(facts(customer=member, subscriptions=[subscription(member)]))
    assert decision.state is State.ALLOW
    assert [n.code for n in decision.notes] == ["temp_password", "birthday", "staff_notes"]
    assert "AB12CD" in decision.notes[0].message


def test_branch_local_day_decides_expiry() -> None:
    member = customer()
    sub = subscription(member, start=date(2026, 11, 1), end=date(2026, 11, 21))
    # 22:30 UTC on the 21st is already the 22nd in Cairo (UTC+2): expired there.
    late = datetime(2026, 11, 21, 22, 30, tzinfo=timezone.utc)
    assert reason_codes(decide(facts(customer=member, subscriptions=[sub], now=late))) == ["expired"]
