"""Date arithmetic of subscriptions: end dates, renewals, freezes. Branch-local dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from reception.domain.errors import NotAllowed


def end_date_for(start: date, months: int) -> date:
    """Valid through the returned day inclusive: Jan 15 + 1 month -> Feb 14."""
    return start + relativedelta(months=months) - timedelta(days=1)


def renewal_start(current_end: date, today: date) -> date:
    """A renewal starts the day after the current one ends, or today if it has lapsed."""
    return max(current_end + timedelta(days=1), today)


def local_today(now: datetime, timezone: str | tzinfo) -> date:
    zone = ZoneInfo(timezone) if isinstance(timezone, str) else timezone
    return now.astimezone(zone).date()


def local_day_bounds(day: date, timezone: str) -> tuple[datetime, datetime]:
    """The UTC instants where a branch-local day starts and the next one starts."""
    zone = ZoneInfo(timezone)
    start = datetime(day.year, day.month, day.day, tzinfo=zone)
    nxt = day + timedelta(days=1)
    end = datetime(nxt.year, nxt.month, nxt.day, tzinfo=zone)
    utc = ZoneInfo("UTC")
    return start.astimezone(utc), end.astimezone(utc)


@dataclass(frozen=True)
class FreezePlan:
    frozen_from: date
    frozen_until: date
    new_end_date: date
    days: int


def plan_freeze(
    *, start: date, days: int, end_date: date, today: date, used_this_year: int, max_per_year: int
) -> FreezePlan:
    """Freeze from `start` for `days` days; the end date moves by the frozen days."""
    if days < 1:
        raise NotAllowed("A freeze lasts at least one day.")
    if start < today:
        raise NotAllowed("A freeze cannot start in the past.")
    if start > end_date:
        raise NotAllowed(f"The subscription ends on {end_date:%d %b %Y}; a freeze must start before that.")
    if used_this_year + days > max_per_year:
        left = max(0, max_per_year - used_this_year)
        raise NotAllowed(
            f"Only {left} freeze day(s) left this year at this branch (limit {max_per_year})."
        )
    return FreezePlan(start, start + timedelta(days=days - 1), end_date + timedelta(days=days), days)


def plan_unfreeze(*, frozen_from: date, frozen_until: date, end_date: date, today: date) -> FreezePlan:
    """Unfreezing early gives back the days not yet used; returns the freeze as it stands."""
    if today > frozen_until:
        return FreezePlan(frozen_from, frozen_until, end_date, (frozen_until - frozen_from).days + 1)
    last_frozen = max(frozen_from - timedelta(days=1), today - timedelta(days=1))
    unused = (frozen_until - last_frozen).days
    used = max(0, (last_frozen - frozen_from).days + 1)
    return FreezePlan(frozen_from, last_frozen, end_date - timedelta(days=unused), used)
