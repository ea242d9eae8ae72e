"""The scan decision: one pure function from what is known about a code to allow or deny."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from reception.domain.models import (
    Attendance,
    AttendanceAction,
    Branch,
    Customer,
    OtherBranchPolicy,
    RevokedCard,
    Subscription,
    SubscriptionStatus,
)
from reception.domain.qr import MAX_CODE_LENGTH, looks_like_card
from reception.domain.reasons import Reason


class State(str, enum.Enum):
    ALLOW = "allow"  # green
    ATTENTION = "attention"  # amber: allowed, look at the warnings
    DENY = "deny"  # red


@dataclass(frozen=True)
class ScanDecision:
    state: State
    reasons: tuple[Reason, ...] = ()
    warnings: tuple[Reason, ...] = ()
    notes: tuple[Reason, ...] = ()
    suggested_action: AttendanceAction | None = None
    subscription: Subscription | None = None
    customer: Customer | None = None
    repeat_of: Attendance | None = None  # a visit inside the branch's repeat window: a new one is not recorded

    @property
    def allowed(self) -> bool:
        return self.state is not State.DENY

    @property
    def headline(self) -> str:
        """The main reason in words, for the banner."""
        if self.reasons:
            return self.reasons[0].message
        if self.warnings:
            return self.warnings[0].message
        return "Welcome"


@dataclass(frozen=True)
class ScanFacts:
    """Everything the decision looks at, gathered by the service."""

    code: str
    now: datetime
    desk_branch: Branch
    customer: Customer | None = None
    home_branch_name: str = ""
    revoked: RevokedCard | None = None
    revoked_owner: Customer | None = None  # whose card the replaced code was
    subscriptions: Sequence[Subscription] = field(default_factory=tuple)
    recent_attendance: Sequence[Attendance] = field(default_factory=tuple)


def _deny(code: str, message: str, customer: Customer | None = None, sub: Subscription | None = None,
          **params: object) -> ScanDecision:
    return ScanDecision(State.DENY, reasons=(Reason(code, message, params),), customer=customer, subscription=sub)


def _fmt_day(day: object) -> str:
    return f"{day:%d %b %Y}"


def current_subscription(subscriptions: Sequence[Subscription], today: object) -> Subscription | None:
    """The subscription a visit uses today: usable, the one ending first."""
    usable = [s for s in subscriptions if s.is_usable_on(today)]  # type: ignore[arg-type]
    return min(usable, key=lambda s: (s.end_date, s.created_at)) if usable else None


def _why_no_subscription(subs: Sequence[Subscription], today: object, customer: Customer) -> ScanDecision:
    live = [s for s in subs if s.status is not SubscriptionStatus.CANCELLED]
    frozen = [s for s in live if s.status_on(today) is SubscriptionStatus.FROZEN]  # type: ignore[arg-type]
    if frozen:
        sub = frozen[0]
        return _deny("frozen", f"Frozen until {_fmt_day(sub.frozen_until)}", customer, sub, until=sub.frozen_until)
    future = sorted((s for s in live if s.start_date > today), key=lambda s: s.start_date)  # type: ignore[operator]
    if future:
        sub = future[0]
        return _deny("not_started", f"Subscription starts on {_fmt_day(sub.start_date)}", customer, sub,
                     start=sub.start_date)
    if live:
        latest = max(live, key=lambda s: (s.end_date, s.created_at))
        if latest.is_pack and (latest.remaining or 0) <= 0 and latest.end_date >= today:  # type: ignore[operator]
            unit = latest.subscription_type.unit
            return _deny("no_sessions", f"No {unit}s left", customer, latest, unit=unit)
        return _deny("expired", f"Expired on {_fmt_day(latest.end_date)}", customer, latest, end=latest.end_date)
    return _deny("no_subscription", "No active subscription", customer)


def decide(facts: ScanFacts) -> ScanDecision:
    """The desk's answer to a scan. Staff notes and the other notes show on a denial too."""
    decision = _decide(facts)
    if decision.customer is not None and decision.state is State.DENY:
        today = facts.now.astimezone(ZoneInfo(facts.desk_branch.timezone)).date()
        decision = replace(decision, notes=_notes(decision.customer, today))
    return decision


def _notes(customer: Customer, today: date) -> tuple[Reason, ...]:
    notes: list[Reason] = []
    if customer.temp_password and not customer.password_changed:
        notes.append(Reason("temp_password", f"Temporary password not changed yet: {customer.temp_password}",
                            {"password": customer.temp_password}))
    dob = customer.date_of_birth
    if dob is not None and (dob.month, dob.day) == (today.month, today.day):
        notes.append(Reason("birthday", "Birthday today"))
    if customer.notes.strip():
        notes.append(Reason("staff_notes", customer.notes.strip(), {"text": customer.notes.strip()}))
    return tuple(notes)


def _decide(facts: ScanFacts) -> ScanDecision:
    branch = facts.desk_branch
    rules = branch.rules
    zone = ZoneInfo(branch.timezone)
    now_local = facts.now.astimezone(zone)
    today = now_local.date()

    code = facts.code
    if not code:
        return _deny("unreadable", "Nothing was read; scan the card again", read="")
    if len(code) > MAX_CODE_LENGTH:
        return _deny("oversized", "This is not a gym card (code too long)")
    if not looks_like_card(code):
        return _deny("unreadable", "This is not a gym card", read=code)

    customer = facts.customer
    if customer is None:
        if facts.revoked is not None:
            when = facts.revoked.revoked_at.astimezone(zone)
            owner = facts.revoked_owner
            if owner is not None:
                return _deny("revoked", f"Card replaced on {_fmt_day(when)}: an old card of {owner.full_name}; "
                             "use the new card", owner, when=when.date(), owner=owner.full_name)
            return _deny("revoked", f"Card replaced on {_fmt_day(when)}; use the new card", when=when.date())
        return _deny("unknown", "Card not recognised")
    if not customer.is_active:
        return _deny("inactive", "Account is deactivated", customer)

    sub = current_subscription(facts.subscriptions, today)
    if sub is None:
        return _why_no_subscription(facts.subscriptions, today, customer)

    warnings: list[Reason] = []
    if customer.branch_id != branch.id:
        home = facts.home_branch_name or "another branch"
        if rules.other_branch_policy is OtherBranchPolicy.DENY:
            return _deny("other_branch", f"Member of {home}; not allowed at this branch", customer, sub,
                         home=facts.home_branch_name)
        if rules.other_branch_policy is OtherBranchPolicy.WARN:
            warnings.append(Reason("other_branch", f"Member of {home}", {"home": facts.home_branch_name}))

    visits_today = sorted(
        (a for a in facts.recent_attendance if a.counts and a.check_in_time.astimezone(zone).date() == today),
        key=lambda a: a.check_in_time,
    )
    window_start = facts.now.timestamp() - rules.repeat_deduction_minutes * 60
    repeat_of = next((a for a in reversed(visits_today)
                      if rules.repeat_deduction_minutes > 0 and a.check_in_time.timestamp() >= window_start), None)
    if repeat_of is not None:
        at = repeat_of.check_in_time.astimezone(zone)
        warnings.append(Reason("repeat_visit", f"Checked in at {at:%H:%M}: a repeat scan records no second visit",
                               {"at": at}))
    elif visits_today:
        first = visits_today[0].check_in_time.astimezone(zone)
        warnings.append(Reason("already_checked_in", f"Already checked in today at {first:%H:%M}", {"at": first}))

    action = AttendanceAction.CHECK_IN_WITH_DEDUCTION if sub.is_pack else AttendanceAction.CHECK_IN_ONLY
    if sub.is_pack and rules.repeat_deduction_minutes > 0:  # a window of 0 turns the repeat rule off
        deducted = [
            a for a in visits_today
            if a.action is AttendanceAction.CHECK_IN_WITH_DEDUCTION and a.check_in_time.timestamp() >= window_start
        ]
        if deducted:
            at = deducted[-1].check_in_time.astimezone(zone)
            action = AttendanceAction.CHECK_IN_ONLY
            warnings.append(Reason("already_deducted", f"Already deducted at {at:%H:%M}; check in only", {"at": at}))
    if sub.is_pack:
        remaining = sub.remaining or 0
        if remaining <= rules.low_balance_threshold:
            unit = sub.subscription_type.unit
            warnings.append(Reason("low_balance", f"Only {remaining} {unit}{'s' if remaining != 1 else ''} left",
                                   {"remaining": remaining, "unit": unit}))
    days_left = (sub.end_date - today).days
    if days_left <= rules.ending_soon_days:
        ends = "today" if days_left == 0 else f"in {days_left} day{'s' if days_left != 1 else ''}"
        warnings.append(Reason("ending_soon", f"Ends {ends} ({_fmt_day(sub.end_date)})",
                               {"days": days_left, "end": sub.end_date}))

    state = State.ATTENTION if warnings else State.ALLOW
    return ScanDecision(
        state, warnings=tuple(warnings), notes=_notes(customer, today), suggested_action=action, subscription=sub,
        customer=customer, repeat_of=repeat_of,
    )
