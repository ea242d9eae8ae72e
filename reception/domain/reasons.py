"""Why a scan was allowed with a warning or denied: a code, the English words, and the facts a translation needs.

The access log stores reasons as codes with their facts (JSON), so the desk filters and translates them in the
receptionist's language. Rows written before that stored the English sentences; `stored_reasons` reads both,
and `from_english` turns an old sentence back into its code (the schema upgrade uses it on every old row)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

OTHER = "other"  # an old sentence no rule recognises: kept word for word


@dataclass(frozen=True)
class Reason:
    """`code` says what (the access log and the desk's translations key on it), `message` says it in English for
    the command line and the server; `params` are the facts a translation puts in its own words (dates as dates)."""

    code: str
    message: str
    params: Mapping[str, object] = field(default_factory=dict, compare=False)


def _plain(value: object) -> object:
    if isinstance(value, datetime):
        return {"time": value.isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _revived(value: object) -> object:
    if isinstance(value, dict) and len(value) == 1:
        (kind, text), = value.items()
        try:
            if kind == "time":
                return datetime.fromisoformat(str(text))
            if kind == "date":
                return date.fromisoformat(str(text))
        except ValueError:
            return str(text)
    return value


def reasons_json(reasons: Iterable[Reason]) -> str:
    """The reasons as the access log stores them: ASCII JSON, so whatever a scanner sent (a lone surrogate, a NUL)
    is stored as an escape the database accepts and reads back as it was."""
    return json.dumps([{"code": r.code, "message": r.message, "params": {k: _plain(v) for k, v in r.params.items()}}
                       for r in reasons], ensure_ascii=True, sort_keys=True)


def stored_reasons(text: str) -> tuple[Reason, ...]:
    """What the log holds, back as reasons: the JSON it writes, or the English lines of a row written before."""
    text = text or ""
    if text.startswith("["):
        try:
            items = json.loads(text)
        except ValueError:
            items = None
        if isinstance(items, list):
            return tuple(Reason(str(i.get("code") or OTHER), str(i.get("message") or ""),
                                {str(k): _revived(v) for k, v in dict(i.get("params") or {}).items()})
                         for i in items if isinstance(i, dict))
    return tuple(from_english(line) for line in text.split("\n") if line.strip() and line.strip() != "allowed")


def headline_code(reasons: Iterable[Reason]) -> str:
    """The code the log files a row under (its first reason), "" for a plain welcome."""
    return next((r.code for r in reasons), "")


_DAY = r"(\d{2} [A-Z][a-z]{2} \d{4})"


def _day(text: str) -> object:
    try:
        return datetime.strptime(text, "%d %b %Y").date()
    except ValueError:
        return text


def _unit(word: str) -> str:
    return word.removesuffix("s")


_Rule = tuple[str, str, Callable[[re.Match[str]], dict[str, Any]]]
_ENGLISH: tuple[_Rule, ...] = (
    (r"Nothing was read; scan the card again", "unreadable", lambda m: {"read": ""}),
    (r"This is not a gym card \(code too long\)", "oversized", lambda m: {}),
    (r"This is not a gym card", "unreadable", lambda m: {"read": "?"}),
    (rf"Card replaced on {_DAY}: an old card of (.+); use the new card", "revoked",
     lambda m: {"when": _day(m[1]), "owner": m[2]}),
    (rf"Card replaced on {_DAY}; use the new card", "revoked", lambda m: {"when": _day(m[1])}),
    (r"Card not recognised", "unknown", lambda m: {}),
    (r"Account is deactivated", "inactive", lambda m: {}),
    (rf"Frozen until {_DAY}", "frozen", lambda m: {"until": _day(m[1])}),
    (rf"Subscription starts on {_DAY}", "not_started", lambda m: {"start": _day(m[1])}),
    (r"No (sessions?|coins?) left(?: on .*)?\.?", "no_sessions", lambda m: {"unit": _unit(m[1])}),
    (rf"Expired on {_DAY}", "expired", lambda m: {"end": _day(m[1])}),
    (r"No active subscription", "no_subscription", lambda m: {}),
    (r"Member of (.+); not allowed at this branch", "other_branch", lambda m: {"home": m[1]}),
    (r"Member of (.+)", "other_branch", lambda m: {"home": m[1]}),
    (r"Checked in at (\d{2}:\d{2}): a repeat scan records no second visit", "repeat_visit", lambda m: {"at": m[1]}),
    (r"Already checked in today at (\d{2}:\d{2})", "already_checked_in", lambda m: {"at": m[1]}),
    (r"Already deducted at (\d{2}:\d{2}); check in only", "already_deducted", lambda m: {"at": m[1]}),
    (r"Only (\d+) (sessions?|coins?) left", "low_balance", lambda m: {"remaining": int(m[1]), "unit": _unit(m[2])}),
    (rf"Ends today \({_DAY}\)", "ending_soon", lambda m: {"days": 0, "end": _day(m[1])}),
    (rf"Ends in (\d+) days? \({_DAY}\)", "ending_soon", lambda m: {"days": int(m[1]), "end": _day(m[2])}),
)
_COMPILED = tuple((re.compile(pattern), code, facts) for pattern, code, facts in _ENGLISH)


def from_english(line: str) -> Reason:
    """An English reason as the log stored it before codes, as its code and facts; unknown words stay `other`."""
    line = line.strip()
    for pattern, code, facts in _COMPILED:
        found = pattern.fullmatch(line)
        if found:
            return Reason(code, line, facts(found))
    return Reason(OTHER, line)
