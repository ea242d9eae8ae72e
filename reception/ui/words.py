"""The gym's words on screen: the core's codes (scan reasons, check-in outcomes, errors, enums) in the desk's language.

The core says what happened with a code and its facts (`Reason.code` + `params`, `CheckInResult.code`, an error's
class); the English it also carries is for the command line and the server. Here each code has its sentence,
translatable as a whole, with the facts put in by name: dates in the desk's calendar words, names isolated.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Mapping
from datetime import date, datetime

from PySide6.QtCore import QT_TR_NOOP

from reception.domain.errors import AuthenticationFailed, DomainError, EntryDenied, TooManyAttempts, ValidationError
from reception.domain.models import PaymentMethod, Role, ServiceKind, SubscriptionStatus
from reception.domain.scan import Reason, State
from reception.ui.i18n import clock, day, digits, isolate, language, ltr, tr

STATE_WORDS = {State.ALLOW: QT_TR_NOOP("ALLOWED"), State.ATTENTION: QT_TR_NOOP("CHECK"),
               State.DENY: QT_TR_NOOP("DENIED")}
STATUS_WORDS = {
    SubscriptionStatus.ACTIVE: QT_TR_NOOP("active"),
    SubscriptionStatus.FROZEN: QT_TR_NOOP("frozen"),
    SubscriptionStatus.CANCELLED: QT_TR_NOOP("cancelled"),
    SubscriptionStatus.EXPIRED: QT_TR_NOOP("expired"),
}
KIND_WORDS = {ServiceKind.MONTHLY: QT_TR_NOOP("Monthly"), ServiceKind.SESSIONS: QT_TR_NOOP("Sessions pack"),
              ServiceKind.COINS: QT_TR_NOOP("Coins pack"), ServiceKind.DAY_PASS: QT_TR_NOOP("Day pass")}
ROLE_WORDS = {Role.OWNER: QT_TR_NOOP("Owner"), Role.MANAGER: QT_TR_NOOP("Manager"),
              Role.RECEPTIONIST: QT_TR_NOOP("Receptionist")}
PAYMENT_WORDS = {PaymentMethod.CASH: QT_TR_NOOP("Cash"), PaymentMethod.CARD: QT_TR_NOOP("Card"),
                 PaymentMethod.BANK_TRANSFER: QT_TR_NOOP("Bank transfer"),
                 PaymentMethod.MOBILE_WALLET: QT_TR_NOOP("Mobile wallet")}


GENDER_WORDS = {"male": QT_TR_NOOP("Male"), "female": QT_TR_NOOP("Female")}


def gender_word(gender: str) -> str:
    return tr(GENDER_WORDS[gender]) if gender in GENDER_WORDS else gender.capitalize()


def backup_label(info: object) -> str:
    """A backup in the Settings list: when, which kind, how big (backups.BackupInfo)."""
    taken: datetime = getattr(info, "taken_at")
    name = getattr(info, "path").name
    kind = tr("daily") if getattr(info, "daily") else tr("before upgrade") if "-before-" in name else tr("copy")
    size = tr("{size} MB").format(size=digits(f"{getattr(info, 'size') / 1_000_000:.1f}"))
    return f"{digits(f'{taken:%Y-%m-%d %H:%M}')} · {kind} · {size}"


def report_counts(sales: int, check_ins: int, reversals: int, denials: int, overrides: int) -> str:
    """The shift report's counts, each in its own plural form: "3 sales · 40 check-ins · …"."""
    return " · ".join((tr("%n sale(s)", None, sales), tr("%n check-in(s)", None, check_ins),
                       tr("%n reversal(s)", None, reversals), tr("%n denied scan(s)", None, denials),
                       tr("%n override(s)", None, overrides)))


def database_words(description: str) -> str:
    """The core's "Local file: /path" / "Server: host:port/db" in words, the address itself left to right."""
    for prefix, words in (("Local file: ", QT_TR_NOOP("Local file: {path}")),
                          ("Server: ", QT_TR_NOOP("Server: {path}"))):
        if description.startswith(prefix):
            return tr(words).format(path=ltr(description.removeprefix(prefix)))
    return ltr(description)


# The core's CSV column names and row labels (reports.to_csv, attendance.to_csv), in the desk's language on export.
CSV_WORDS = {
    "check_in_time": QT_TR_NOOP("Check-in time"), "member_no": QT_TR_NOOP("Member no"), "full_name": QT_TR_NOOP("Name"),
    "branch": QT_TR_NOOP("Branch"), "action": QT_TR_NOOP("Action"), "service": QT_TR_NOOP("Service"),
    "staff": QT_TR_NOOP("Staff"), "notes": QT_TR_NOOP("Notes"), "reversed": QT_TR_NOOP("Reversed"),
    "payment_method": QT_TR_NOOP("Method"), "amount": QT_TR_NOOP("Amount"), "currency": QT_TR_NOOP("Currency"),
    "sales": QT_TR_NOOP("Sales"), "total": QT_TR_NOOP("Total"), "check_ins": QT_TR_NOOP("Check-ins"),
    "reversals": QT_TR_NOOP("Reversals"), "denials": QT_TR_NOOP("Denied"), "overrides": QT_TR_NOOP("Overrides"),
    "receipt_no": QT_TR_NOOP("Receipt no."), "time": QT_TR_NOOP("Time"), "member": QT_TR_NOOP("Member"),
    "method": QT_TR_NOOP("Method"), "reversal_time": QT_TR_NOOP("Reversal time"),
    "override_time": QT_TR_NOOP("Override time"), "approved_by": QT_TR_NOOP("Approved by"),
    "reason": QT_TR_NOOP("Reason"),
}
CSV_LABELS = {
    "Shift report": QT_TR_NOOP("Shift report"), "From": QT_TR_NOOP("From"), "To": QT_TR_NOOP("To"),
    "Currency": QT_TR_NOOP("Currency"), "Sales": QT_TR_NOOP("Sales"), "Total": QT_TR_NOOP("Total"),
    "Check-ins": QT_TR_NOOP("Check-ins"), "Reversals": QT_TR_NOOP("Reversals"),
    "Denied scans": QT_TR_NOOP("Denied scans"), "Overrides": QT_TR_NOOP("Overrides"),
}


def csv_in_language(text: str) -> str:
    """A CSV export with its header rows and row labels in the desk's language (English: as the core wrote it)."""
    if language() == "en":
        return text
    rows = list(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        cells = [cell for cell in row if cell]
        if cells and all(cell in CSV_WORDS for cell in cells):
            row = [tr(CSV_WORDS[cell]) if cell else cell for cell in row]
        elif row and row[0] in CSV_LABELS:
            row = [tr(CSV_LABELS[row[0]]), *row[1:]]
        writer.writerow(row)
    return out.getvalue()


def state_word(state: State) -> str:
    return tr(STATE_WORDS[state])


def status_word(status: SubscriptionStatus | str) -> str:
    return tr(STATUS_WORDS[SubscriptionStatus(status)])


def kind_word(kind: ServiceKind | str) -> str:
    return tr(KIND_WORDS[ServiceKind(kind)])


def role_word(role: Role | str) -> str:
    return tr(ROLE_WORDS[Role(role)])


def payment_word(method: PaymentMethod | str) -> str:
    """A payment method, from the enum, its value ("cash") or its English label ("Bank transfer", on receipts)."""
    by_label = {m.label: m for m in PaymentMethod}
    if isinstance(method, str) and method in by_label:
        return tr(PAYMENT_WORDS[by_label[method]])
    return tr(PAYMENT_WORDS[PaymentMethod(method)])


def units_left(unit: str, count: int) -> str:
    """"5 sessions left" with the unit of the pack (session, coin) in the language's plural form."""
    if unit == "coin":
        return tr("%n coin(s) left", None, count)
    if unit == "month":
        return tr("%n month(s) left", None, count)
    return tr("%n session(s) left", None, count)


def units_caption(unit: str, count: int) -> str:
    """The caption under the big remaining number: "sessions left" (the number is shown above it)."""
    if unit == "coin":
        return tr("coin(s) left", None, count)
    return tr("session(s) left", None, count)


def unit_word(unit: str, count: int) -> str:
    if unit == "coin":
        return tr("%n coin(s)", None, count)
    if unit == "month":
        return tr("%n month(s)", None, count)
    return tr("%n session(s)", None, count)


def deduct_one(unit: str) -> str:
    return tr("Deduct 1 coin") if unit == "coin" else tr("Deduct 1 session")


def _day(value: object) -> str:
    if isinstance(value, datetime):
        return day(value.date())
    return day(value) if isinstance(value, date) else str(value)


def _time(value: object) -> str:
    return clock(value) if isinstance(value, datetime) else str(value)


def reason_text(reason: Reason) -> str:
    """A scan reason, warning or note in words; a code this desk does not know keeps the core's English."""
    p: Mapping[str, object] = reason.params
    code = reason.code
    if code == "unreadable":
        return tr("Nothing was read; scan the card again") if p.get("read") == "" else tr("This is not a gym card")
    if code == "oversized":
        return tr("This is not a gym card (code too long)")
    if code == "revoked":
        if "owner" in p:
            return tr("Card replaced on {day}: an old card of {owner}; use the new card").format(
                day=_day(p.get("when")), owner=isolate(p["owner"]))
        if "when" in p:
            return tr("Card replaced on {day}; use the new card").format(day=_day(p["when"]))
    if code == "unknown":
        return tr("Card not recognised")
    if code == "inactive":
        return tr("Account is deactivated")
    if code == "frozen" and "until" in p:
        return tr("Frozen until {day}").format(day=_day(p["until"]))
    if code == "not_started" and "start" in p:
        return tr("Subscription starts on {day}").format(day=_day(p["start"]))
    if code == "no_sessions":
        return tr("No coins left") if p.get("unit") == "coin" else tr("No sessions left")
    if code == "expired" and "end" in p:
        return tr("Expired on {day}").format(day=_day(p["end"]))
    if code == "no_subscription":
        return tr("No active subscription")
    if code == "other_branch":
        home = isolate(p["home"]) if p.get("home") else tr("another branch")
        if reason.message.endswith("not allowed at this branch"):
            return tr("Member of {branch}; not allowed at this branch").format(branch=home)
        return tr("Member of {branch}").format(branch=home)
    if code == "repeat_visit" and "at" in p:
        return tr("Checked in at {time}: a repeat scan records no second visit").format(time=_time(p["at"]))
    if code == "already_checked_in" and "at" in p:
        return tr("Already checked in today at {time}").format(time=_time(p["at"]))
    if code == "already_deducted" and "at" in p:
        return tr("Already deducted at {time}; check in only").format(time=_time(p["at"]))
    if code == "low_balance" and "remaining" in p:
        return tr("Only {left}").format(left=units_left(str(p.get("unit", "session")), int(str(p["remaining"]))))
    if code == "ending_soon" and "days" in p:
        days = int(str(p["days"]))
        if days == 0:
            return tr("Ends today ({day})").format(day=_day(p.get("end")))
        return tr("Ends in %n day(s) ({day})", None, days).format(day=_day(p.get("end")))
    if code == "temp_password" and "password" in p:
        return tr("Temporary password not changed yet: {password}").format(password=ltr(p["password"]))
    if code == "birthday":
        return tr("Birthday today")
    if code == "staff_notes":
        return isolate(p.get("text", reason.message))
    words = pass_reason_text(reason)
    return words if words is not None else reason.message


def pass_reason_text(reason: Reason) -> str | None:
    """A day pass's verdict in words (None: not a pass's reason)."""
    p: Mapping[str, object] = reason.params
    code = reason.code
    if code == "pass_used":
        at = ltr(str(p.get("at", "")))
        if p.get("branch"):
            return tr("Already used at {time} at {branch}").format(time=at, branch=isolate(p["branch"]))
        return tr("Already used at {time}").format(time=at)
    if code == "pass_voided":
        return tr("Voided by {name} at {time} on {day}").format(
            name=isolate(p.get("by", "")), time=ltr(str(p.get("at", ""))), day=_day(p.get("day")))
    if code == "pass_expired":
        return tr("This pass expired at {time} on {day}").format(time=ltr(str(p.get("at", ""))), day=_day(p.get("day")))
    if code == "pass_other_branch":
        return tr("This pass is for another branch")
    if code == "pass_not_yet_valid":
        return tr("This pass is not valid yet; check the desk's clock")
    if code == "pass_forged":
        return tr("This pass was altered or forged")
    if code == "pass_unknown_key":
        return tr("This pass was not issued by this gym")
    if code == "pass_key_revoked":
        return tr("This pass's signing key was withdrawn; ask a manager")
    if code == "pass_truncated":
        return tr("The pass code is incomplete; scan it again")
    if code == "pass_malformed":
        return tr("The pass code is damaged; scan it again")
    if code == "pass_valid" and "until" in p:
        return tr("Day pass · valid until {time} · first use").format(time=ltr(str(p["until"])))
    return None


def headline(reasons: tuple[Reason, ...], warnings: tuple[Reason, ...]) -> str:
    """The banner's main reason (ScanDecision.headline, in words)."""
    if reasons:
        return reason_text(reasons[0])
    if warnings:
        return reason_text(warnings[0])
    return tr("Welcome")


def check_in_text(code: str, params: Mapping[str, object], english: str) -> str:
    """What a check-in did (CheckInResult.code + params)."""
    if code == "checked_in":
        return tr("Checked in")
    if code == "nothing_to_deduct":
        return tr("Checked in (monthly subscription: nothing to deduct)")
    if code == "already_deducted" and "at" in params:
        return tr("Checked in only: already deducted at {time}").format(time=_time(params["at"]))
    if code == "deducted" and "remaining" in params:
        unit = str(params.get("unit", "session"))
        left = units_left(unit, int(str(params["remaining"])))
        if unit == "coin":
            return tr("Checked in, 1 coin deducted: {left}").format(left=left)
        return tr("Checked in, 1 session deducted: {left}").format(left=left)
    if code == "repeat" and "at" in params:
        return tr("Already checked in at {time}: no second visit recorded").format(time=_time(params["at"]))
    if code == "override" and "approver" in params:
        return tr("Checked in by override ({approver})").format(approver=isolate(params["approver"]))
    return english


# Sentences the core raises word for word (no facts inside): the English is the key, as in Qt's own catalogues.
FIXED_ERRORS = (
    QT_TR_NOOP("Wrong username or password."),
    QT_TR_NOOP("That member no longer exists."),
    QT_TR_NOOP("Write the reason for the override."),
    QT_TR_NOOP("A manager must approve this override."),
    QT_TR_NOOP("That subscription does not belong to this member."),
    QT_TR_NOOP("That staff member no longer exists."),
    QT_TR_NOOP("You cannot deactivate your own account."),
    QT_TR_NOOP("Your account is no longer active. Ask a manager, then sign in again."),
    QT_TR_NOOP("You can only work at a desk of your own branch."),
    QT_TR_NOOP("The subscription's branch must be the member's home branch."),
    QT_TR_NOOP("This member's account is deactivated; reactivate it first."),
    QT_TR_NOOP("A subscription cannot start in the past."),
    QT_TR_NOOP("A monthly subscription has no sessions to deduct."),
    QT_TR_NOOP("Write why the balance is corrected."),
    QT_TR_NOOP("That pack does not exist."),
    QT_TR_NOOP("A freeze lasts at least one day."),
    QT_TR_NOOP("A freeze cannot start in the past."),
    QT_TR_NOOP("Please check the form."),
    QT_TR_NOOP("The end of the report is before its start."),
    QT_TR_NOOP("Enter the member's full name."),
    QT_TR_NOOP("The name is too long (120 characters at most)."),
    QT_TR_NOOP("Enter a phone number."),
    QT_TR_NOOP("Phone must be a mobile like 01012345678 or an international number starting with +."),
    QT_TR_NOOP("The email address doesn't look right (name@example.com)."),
    QT_TR_NOOP("Date of birth cannot be in the future."),
    QT_TR_NOOP("Date of birth is more than 110 years ago."),
    QT_TR_NOOP("The photo is larger than 50 KB; it is resized automatically when chosen in the app."),
    QT_TR_NOOP("This change would take the balance below zero, or the subscription has no session balance."),
    QT_TR_NOOP("The end date is before the start date."),
    QT_TR_NOOP("Write why this check-in is reversed."),
    QT_TR_NOOP("A manager must sign in to approve this."),
    QT_TR_NOOP("That visit does not exist."),
    QT_TR_NOOP("That member does not exist."),
    QT_TR_NOOP("A reversal cannot itself be reversed."),
    QT_TR_NOOP("This check-in was already reversed."),
    QT_TR_NOOP("That branch does not exist."),
    QT_TR_NOOP("That service no longer exists."),
    QT_TR_NOOP("That service does not exist."),
    QT_TR_NOOP("That subscription does not exist."),
    QT_TR_NOOP("A monthly subscription has no sessions or coins to deduct."),
    QT_TR_NOOP("No day pass is in the catalogue: a manager adds one under Manage → Catalogue."),
    QT_TR_NOOP("Say why the pass is voided (a few words)."),
    QT_TR_NOOP("That branch does not sell day passes."),
    QT_TR_NOOP("That day pass is not in the catalogue."),
    QT_TR_NOOP("This pass was already voided."),
    QT_TR_NOOP("This database already has a gym; sign in instead."),
    QT_TR_NOOP("A manager must approve a price change."),
    QT_TR_NOOP("This subscription is not frozen."),
    QT_TR_NOOP("No payment was recorded for this subscription."),
    QT_TR_NOOP("This sign-in was ended because an old token was used again; sign in again."),
    QT_TR_NOOP("Only a desk's own replica file can be rebuilt from the chain's server."),
    QT_TR_NOOP("Backups made by Reception are for a local database file; back up a server with pg_dump."),
    QT_TR_NOOP("Backups made by Reception are for a local SQLite database. Back up a PostgreSQL database on the "
               "server with pg_dump."),
    QT_TR_NOOP("Reception archives the access log of a local database file only; on a PostgreSQL server it stays "
               "in its table (the server's administrator partitions or dumps it)."),
    QT_TR_NOOP("The database is busy: another program is using it. Try again in a moment."),
    # connecting a branch desk, and what the chain's server answers it (reception.sync, server/routes_sync.py)
    QT_TR_NOOP("This desk is already connected to the chain's server."),
    QT_TR_NOOP("This desk's database already holds a gym. Connect a fresh desk database (reception --db NEW_FILE "
               "connect …), or move this gym onto the server first (reception db copy)."),
    QT_TR_NOOP("The damaged file does not say which server it belongs to: connect this desk again."),
    QT_TR_NOOP("This desk is not connected to a chain's server (reception connect SERVER_URL)."),
    QT_TR_NOOP("Type the server's address, like https://gym.example.com"),
    QT_TR_NOOP("The server's address must start with https:// (only this computer may use http://)."),
    QT_TR_NOOP("This desk is not connected: connect it to the chain's server again."),
    QT_TR_NOOP("This server does not serve branch desks."),
    QT_TR_NOOP("Say which branch this desk is at (branch_id)."),
    QT_TR_NOOP("Only a manager of this branch or the owner can connect a desk."),
    QT_TR_NOOP("This desk was disconnected: a manager must connect it again."),
    QT_TR_NOOP("Only a manager or the owner sees sync issues."),
    QT_TR_NOOP("Only a manager or the owner resolves sync issues."),
    QT_TR_NOOP("No such sync issue."),
    QT_TR_NOOP("This sync issue is already resolved."),
    QT_TR_NOOP("Say whether the operations held from the disconnected desk are applied or discarded."),
    QT_TR_NOOP("This kind of sync issue is resolved with words only."),
    QT_TR_NOOP("Write what was done to resolve it."),
    QT_TR_NOOP("No such desk."),
    QT_TR_NOOP("Only a manager of this branch or the owner sees its desks."),
    QT_TR_NOOP("Only a manager of this branch or the owner can disconnect a desk."),
    QT_TR_NOOP("A desk cannot disconnect itself: do it from another desk of the branch."),
    QT_TR_NOOP("The chain's server cannot be reached: this needs the desk online. Try again in a moment."),
    QT_TR_NOOP("The database has no branches yet. Create the gym first."),
    # database failures in a receptionist's words (repository/sql/errors.py)
    QT_TR_NOOP("The database is busy: another desk or program is using it. Please try again in a moment."),
    QT_TR_NOOP("The database cannot be written to (the file or its folder is read-only). Ask whoever manages this "
               "computer to allow writing there."),
    QT_TR_NOOP("The disk is full, so nothing more can be saved. Free some space on this computer and try again."),
    QT_TR_NOOP("The database file cannot be opened. Check that the drive is connected and the folder exists."),
    QT_TR_NOOP("Cannot reach the database server. Check the network connection and that the server is running, "
               "then try again."),
    QT_TR_NOOP("The database file is damaged and cannot be used. It has been left as it is; restore the newest "
               "backup (Reception offers it at start)."),
    QT_TR_NOOP("The database named in the settings does not exist on the server."),
    QT_TR_NOOP("The database server refused the login. Check the user name and password."),
    QT_TR_NOOP("That member number is already taken by another member."),
    QT_TR_NOOP("That card code already belongs to another member."),
    QT_TR_NOOP("That receipt number is already used."),
    QT_TR_NOOP("That username is already taken."),
    QT_TR_NOOP("A branch with that number already exists."),
    QT_TR_NOOP("That operation was already recorded; it was not done a second time."),
)

# What staff may do (domain.authorization.WORDS), as the permission sentences name it.
ACTION_PHRASES = (
    QT_TR_NOOP("check cards"), QT_TR_NOOP("check members in"), QT_TR_NOOP("override a denied scan"),
    QT_TR_NOOP("look up members"), QT_TR_NOOP("see a member's contact and health details"),
    QT_TR_NOOP("register members"), QT_TR_NOOP("edit a member"), QT_TR_NOOP("replace a member's card"),
    QT_TR_NOOP("sell subscriptions"), QT_TR_NOOP("change a price"), QT_TR_NOOP("correct a balance"),
    QT_TR_NOOP("freeze a subscription"), QT_TR_NOOP("cancel a subscription"), QT_TR_NOOP("see attendance"),
    QT_TR_NOOP("reverse a check-in"), QT_TR_NOOP("reverse another person's check-in"),
    QT_TR_NOOP("see the shift report"), QT_TR_NOOP("see other branches"), QT_TR_NOOP("edit the catalogue"),
    QT_TR_NOOP("edit the branch's rules"), QT_TR_NOOP("manage branches"), QT_TR_NOOP("manage staff"),
    QT_TR_NOOP("manage managers"), QT_TR_NOOP("change your password"), QT_TR_NOOP("void day passes"),
    QT_TR_NOOP("change the keys that sign day passes"),
)

# The core's sentences with facts inside, as templates: each {fact} is read back out of the sentence and put into
# the translation in its own words (an action, a payment method, a day) or isolated as it is (a path, a name).
# Longer templates come before the shorter ones they contain.
TEMPLATES = (
    QT_TR_NOOP("This sync issue cannot be resolved so: {error}."),
    QT_TR_NOOP("Only the owner can {what} for every branch."),
    QT_TR_NOOP("Only the owner can {what}."),
    QT_TR_NOOP("Only a manager can {what}."),
    QT_TR_NOOP("This kiosk cannot {what}; sign in at a desk."),
    QT_TR_NOOP("That belongs to another branch: only its staff or the owner can {what}."),
    QT_TR_NOOP("Only {left} freeze day(s) left this year at this branch (limit {limit})."),
    QT_TR_NOOP("{text} is not a date like 2026-11-21."),
    QT_TR_NOOP("The password needs at least {count} characters."),
    QT_TR_NOOP("The username {name} is taken."),
    QT_TR_NOOP("No signing key {key}."),
    QT_TR_NOOP("This subscription already has a freeze from {day}; unfreeze it first."),
    QT_TR_NOOP("{service} is a day pass: sell it with Sell day pass, not as a subscription."),
    QT_TR_NOOP("{name} already has an active subscription until {end}. Renew from {start} instead?"),
    QT_TR_NOOP("Tonight's backup of {path} failed its check, so the database itself may be damaged. Keep using it "
               "only until a manager has restored a backup; older backups were kept."),
    QT_TR_NOOP("The database {path} is open in {holder}, so it was not restored: that desk would go on writing into "
               "the replaced file. Close Reception there, then restore again. Nothing was changed."),
    QT_TR_NOOP("Reception cannot lock the database ({path}): {error}."),
    QT_TR_NOOP("The database is at schema revision {current}, but this version of Reception needs revision {head}. "
               "Ask the administrator to run: reception db upgrade --db {url}"),
    QT_TR_NOOP("The database has no Reception tables yet, but this version of Reception needs revision {head}. "
               "Ask the administrator to run: reception db upgrade --db {url}"),
    QT_TR_NOOP("The database file {path} is empty (0 bytes): it is not a gym database, and Reception does not turn "
               "it into a new gym. It was left as it is. If the gym's data should be there, restore a backup "
               "(reception db restore BACKUP); to start a new gym here, delete that empty file first."),
    QT_TR_NOOP("{path} is a database, but not a Reception backup (it has no gym's tables). Nothing was changed; "
               "choose a backup from the backups folder."),
    QT_TR_NOOP("The backup {path} was made by a newer version of Reception (schema revision {revision}). Install "
               "that version before restoring it; nothing was changed."),
    QT_TR_NOOP("The database was set up by a newer version of Reception (schema revision {revision}). Install the "
               "newest version of Reception on this computer."),
    QT_TR_NOOP("The backup {path} cannot be read ({error}). Nothing was changed."),
    QT_TR_NOOP("The database file {path} is damaged ({error}). It has been left exactly as it is; restore the "
               "newest backup, or ask for help before using this file again."),
    QT_TR_NOOP("The database file {path} could not be read ({error}): a disk or permission problem, not damage to "
               "the file. Nothing was moved or changed; check the drive, then start Reception again."),
    QT_TR_NOOP("{path} is a folder, not a database file, so Reception cannot open it. Nothing was moved or changed; "
               "point Reception at the database file, or rename that folder."),
    QT_TR_NOOP("{path} is not a regular file, so Reception cannot open it as a database. Nothing was changed."),
    QT_TR_NOOP("There is no database file at {path} to back up."),
    QT_TR_NOOP("There is no backup file at {path}. Check the name and the folder; nothing was changed."),
    QT_TR_NOOP("{path} is a folder, not a backup file. Name the backup file itself; nothing was changed."),
    QT_TR_NOOP("The backup file {path} is empty (0 bytes), so it holds no gym. Nothing was changed."),
    QT_TR_NOOP("The database file {path} cannot be read: permission denied. Nothing was moved or changed; ask "
               "whoever manages this computer to give this user access to it."),
    QT_TR_NOOP("The database file {path} cannot be read ({error}). Nothing was moved or changed; check the drive, "
               "then start Reception again."),
    QT_TR_NOOP("The backup could not be written to {path}: {error}"),
    QT_TR_NOOP("The backup {path} is damaged ({error}), so it cannot be restored. Nothing was changed; choose "
               "another backup."),
    QT_TR_NOOP("The backup {path} could not be restored into {target} ({error}). The database was left exactly as "
               "it was."),
    QT_TR_NOOP("The backup {path} could not be copied to {target} ({error}). The damaged file was put back as it "
               "was."),
    QT_TR_NOOP("The access log of {path} was not archived: the archive file could not be written ({error}); "
               "nothing was removed."),
    QT_TR_NOOP("The access log of {path} was not archived ({error}); nothing was removed."),
    QT_TR_NOOP("{path} is not a Reception backup (it is not a database file). Nothing was changed; choose a backup "
               "from the backups folder."),
    QT_TR_NOOP("The database {path} is open in another program (a desk, a kiosk or a script), so it was not "
               "replaced: that program would go on writing into the old file. Close it, then restore again. "
               "Nothing was changed."),
    QT_TR_NOOP("The folder {path} does not exist or cannot be written to."),
    QT_TR_NOOP("{path} is a folder, not a database file. Point Reception at the database file, or rename that "
               "folder."),
    QT_TR_NOOP("The folder {path} does not exist. If the database is on a removable or network drive, check that "
               "the drive is connected."),
    QT_TR_NOOP("The folder {path} is read-only: Reception needs to write there (the database and the journal files "
               "SQLite keeps beside it). Allow writing to that folder, or move the database to one that can be "
               "written."),
    QT_TR_NOOP("The database file {path} is read-only: Reception needs to write to it. Ask whoever manages this "
               "computer to allow writing to that file."),
    QT_TR_NOOP("The database file {path} cannot be read: permission denied."),
    QT_TR_NOOP("That is not a database address Reception understands ({error})."),
    QT_TR_NOOP("That is not a database address Reception understands: {url}"),
    QT_TR_NOOP("Reception works with a SQLite file or a PostgreSQL server, not {url}"),
    QT_TR_NOOP("{where} already holds another gym (or other data), so the demo gym is not written there. Name an "
               "empty database with --db, or leave out --db to use the demo's own file ({path})."),
    QT_TR_NOOP("{where} already holds another gym (or other data), so the demo gym is not written there. Name an "
               "empty database with RECEPTION_DB, or unset RECEPTION_DB to use the demo's own file ({path})."),
    QT_TR_NOOP("{sentence} Check the address and the line, then try again."),
    QT_TR_NOOP("The desk's first copy stopped: {sentence} Connect again (nothing was kept)."),
    QT_TR_NOOP("The replica could not be made again: {sentence}"),
    QT_TR_NOOP("The server's reply was not what a chain's server sends ({error})."),
    QT_TR_NOOP("The server failed ({status})."),
    QT_TR_NOOP("The server cannot be reached ({error})."),
    QT_TR_NOOP("The server's reply was not readable ({status})."),
    QT_TR_NOOP("No branch {number}."),
    QT_TR_NOOP("No branch {number}; branches are {numbers}."),
    QT_TR_NOOP("The turnstile cannot listen on {address}: {error}."),
    QT_TR_NOOP("--listen wants HOST:PORT (for example 127.0.0.1:8765), not {address}"),
    QT_TR_NOOP("The port must be 1 to 65535, not {number}."),
    # what Settings → Test connection found (StoragePort.probe)
    QT_TR_NOOP("{where}: no database there yet; Reception creates it on first start"),
    QT_TR_NOOP("{where}: connected, schema up to date"),
    QT_TR_NOOP("{where}: connected, empty (Reception sets it up)"),
    QT_TR_NOOP("{where}: connected, empty: run `reception db upgrade` first"),
    QT_TR_NOOP("{where}: connected, schema {current}, this version needs {head}"),
)


def _template_pattern(template: str) -> re.Pattern[str]:
    pieces = re.split(r"\{(\w+)\}", template)
    return re.compile("".join(re.escape(piece) if i % 2 == 0 else f"(?P<{piece}>.+?)"
                              for i, piece in enumerate(pieces)), re.DOTALL)


_TEMPLATE_PATTERNS = tuple((_template_pattern(template), template) for template in TEMPLATES)


def _fact(name: str, value: str) -> str:
    if name == "what":
        return tr(value) if value in ACTION_PHRASES else isolate(value)
    if name == "where":
        return database_words(value)
    if name == "sentence":
        return field_text(value)
    if name in ("status", "number"):
        return digits(value)
    if name in ("left", "limit", "count"):
        return digits(value)
    if name in ("day", "end", "start"):
        for form in ("%d %b %Y", "%Y-%m-%d"):
            try:
                return day(datetime.strptime(value, form).date())
            except ValueError:
                pass
    if name in ("path", "target", "url", "key", "address", "numbers"):
        return ltr(value)
    return isolate(value)
_MUST_BE_NUMBER = re.compile(r"(.+) must be a number\.")
_MUST_BE_BETWEEN = re.compile(r"(.+) must be between (\S+) and (\S+)\.")


def error_text(error: DomainError) -> str:
    """A rule the core refused, in the desk's language (the core's English when no translation is known)."""
    if isinstance(error, TooManyAttempts):
        return tr("Too many attempts; try again in %n second(s).", None, error.retry_after)
    if isinstance(error, ValidationError):
        return "; ".join(field_text(text) for text in error.fields.values()) or tr("Please check the form.")
    if isinstance(error, AuthenticationFailed) and error.message == "Wrong username or password.":
        return tr("Wrong username or password.")
    if isinstance(error, EntryDenied) and isinstance(error.detail, Reason):
        return tr("{reason}. A manager can override.").format(reason=reason_text(error.detail))
    return field_text(error.message)


def _unit_left_on(found: re.Match[str]) -> str:
    if found["unit"] == "coin":
        return tr("No coins left on {service}.").format(service=isolate(found["service"]))
    return tr("No sessions left on {service}.").format(service=isolate(found["service"]))


def _day_of(text: str) -> str:
    try:
        return day(datetime.strptime(text, "%d %b %Y").date())
    except ValueError:
        return text


# The core's sentences that carry a fact (a name, a number, a status): read back into their facts and worded here.
PATTERNS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"No (?P<unit>session|coin|month)s left on (?P<service>.+)\."), _unit_left_on),
    (re.compile(r"No (?P<unit>session|coin|month)s left\."),
     lambda m: tr("No coins left") if m["unit"] == "coin" else tr("No sessions left")),
    (re.compile(r"(?P<service>.+) cannot be used today\."),
     lambda m: tr("{service} cannot be used today.").format(service=isolate(m["service"]))),
    (re.compile(r"Only an active subscription can be frozen; this one is (?P<status>\w+)\."),
     lambda m: tr("Only an active subscription can be frozen; this one is {status}.").format(
         status=status_word(m["status"]))),
    (re.compile(r"(?P<service>.+) is (?P<status>active|frozen|cancelled|expired)\."),
     lambda m: tr("{service} is {status}.").format(service=isolate(m["service"]), status=status_word(m["status"]))),
    (re.compile(r"(?P<service>.+) is no longer sold\."),
     lambda m: tr("{service} is no longer sold.").format(service=isolate(m["service"]))),
    (re.compile(r"The price of (?P<service>.+) changed just now; check it and try again\."),
     lambda m: tr("The price of {service} changed just now; check it and try again.").format(
         service=isolate(m["service"]))),
    (re.compile(r"(?P<method>Cash|Card|Bank transfer|Mobile wallet) is not accepted at this branch\."),
     lambda m: tr("{method} is not accepted at this branch.").format(method=payment_word(m["method"]))),
    (re.compile(r"Only (?P<left>\d+) left; the balance cannot go below zero\."),
     lambda m: tr("Only {left} left; the balance cannot go below zero.").format(left=digits(m["left"]))),
    (re.compile(r"More than (?P<minutes>\d+) minutes have passed; ask a manager to reverse it\."),
     lambda m: tr("More than %n minute(s) have passed; ask a manager to reverse it.", None, int(m["minutes"]))),
    (re.compile(r"No member with number (?P<number>\d+)\."),
     lambda m: tr("No member with number {number}.").format(number=digits(m["number"]))),
    (re.compile(r"(?P<name>.+) cannot approve this; a manager or the owner must\."),
     lambda m: tr("{name} cannot approve this; a manager or the owner must.").format(name=isolate(m["name"]))),
    (re.compile(r"The subscription ends on (?P<day>\d\d \w{3} \d{4}); a freeze must start before that\."),
     lambda m: tr("The subscription ends on {day}; a freeze must start before that.").format(day=_day_of(m["day"]))),
)


def field_text(text: str) -> str:
    """One message of the core's checks on what was typed, in words (the field's name from the form's labels)."""
    if text in FIXED_ERRORS:
        return tr(text)
    for pattern, words in PATTERNS:
        if found := pattern.fullmatch(text):
            return words(found)
    if found := _MUST_BE_NUMBER.fullmatch(text):
        return tr("{field} must be a number.").format(field=tr(found[1]))
    if found := _MUST_BE_BETWEEN.fullmatch(text):
        return tr("{field} must be between {low} and {high}.").format(field=tr(found[1]), low=digits(found[2]),
                                                                      high=digits(found[3]))
    for pattern, template in _TEMPLATE_PATTERNS:
        if found := pattern.fullmatch(text):
            return tr(template).format(**{name: _fact(name, value) for name, value in found.groupdict().items()})
    return text
