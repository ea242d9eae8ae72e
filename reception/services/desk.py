"""The scan at the desk: decide, log every attempt, check in (with or without a deduction)."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from reception.clock import Clock
from reception.domain.authorization import Action, Actor, allowed, redact
from reception.domain.commands import Op, started
from reception.domain.errors import (
    CustomerNotFound,
    EntryDenied,
    NoSessionsLeft,
    NotAllowed,
    PermissionDenied,
    SubscriptionNotActive,
    SubscriptionNotFound,
)
from reception.domain.models import (
    AccessLogEntry,
    Attendance,
    AttendanceAction,
    Customer,
    LedgerEntry,
    LedgerKind,
    Staff,
    Subscription,
)
from reception.domain.periods import local_today
from reception.domain.qr import MAX_CODE_LENGTH, clean_code, looks_like_card
from reception.domain.scan import Reason, ScanDecision, ScanFacts, State, decide
from reception.repository.ports import UnitOfWork
from reception.services.access import check
from reception.services.auth import StaffService
from reception.services.context import Approval, CheckInResult, Desk, ScanResult, SubscriptionView

MAX_RAW_INPUT = 4096  # a 5 MB paste is cut here before anything else looks at it


def _logged_code(raw: str) -> str:
    printable = "".join(c if c.isprintable() else "�" for c in raw[:200])
    return printable + ("…" if len(raw) > 200 else "")


class DeskService:
    def __init__(self, uow: UnitOfWork, clock: Clock, staff: StaffService) -> None:
        self._uow = uow
        self._clock = clock
        self._staff = staff

    # -- scan -------------------------------------------------------------------

    def scan(self, desk: Desk, raw_code: str, *, action: AttendanceAction | None = None, auto: bool = False,
             op: Op | None = None, station: str = "") -> ScanResult:
        """Decide on a scanned code and log it. With `action` (or `auto`), an allowed
        scan is checked in within the same transaction."""
        raw = raw_code[:MAX_RAW_INPUT] if isinstance(raw_code, str) else ""
        code = clean_code(raw) if len(raw) <= MAX_CODE_LENGTH * 4 else raw
        op = started(op, "Scan", self._clock.now(), desk.staff_id)
        now = op.at
        writes = action is not None or auto
        with self._uow as uow:
            actor = check(uow, desk, Action.CHECK_IN if action or auto else Action.SCAN, desk.branch.id)
            decision, home_name = self._decide(uow, desk, code, actor, now, lock=writes)
            customer = decision.customer
            result_attendance = None
            remaining = decision.subscription.remaining if decision.subscription else None
            messages: tuple[str, ...] = ()
            repeat = False
            done: CheckInResult | None = None
            wanted = action or (decision.suggested_action if auto else None)
            if wanted is not None and decision.allowed and customer is not None:
                try:
                    with uow.savepoint():
                        done = self._check_in(uow, desk, decision, wanted, None, op, notes="")
                    result_attendance, remaining, messages = done.attendance, done.remaining, (done.message,)
                    repeat = done.repeat
                except NoSessionsLeft as refused:  # the balance ran out between the decision and the deduction
                    unit = decision.subscription.subscription_type.unit if decision.subscription else "session"
                    out_of = Reason("no_sessions", refused.message, {"unit": unit})
                    decision = ScanDecision(State.DENY, reasons=(out_of,),
                                            notes=decision.notes, subscription=decision.subscription,
                                            customer=customer)
                    remaining = 0
            # Every scan is logged, allowed or denied, whatever happened to the check-in.
            entry = AccessLogEntry(
                id=op.derive("access"),
                code=_logged_code(code),
                allowed=decision.allowed,
                reasons=decision.reasons or decision.warnings,
                branch_id=desk.branch.id,
                created_at=now,
                customer_id=customer.id if customer else None,
                staff_id=desk.staff_id,
                station=station[:64],
            )
            uow.access_log.add(entry)
            uow.commit()
        sub = decision.subscription
        view = None
        if sub is not None:
            if remaining is not None and sub.is_pack:
                sub = replace(sub, remaining=remaining)
            view = SubscriptionView(sub, sub.status_on(local_today(now, desk.branch.timezone)))
        return ScanResult(
            code=code,
            decision=decision,
            customer=customer,
            home_branch_name=home_name,
            subscription=view,
            access_log_id=entry.id,
            attendance=result_attendance,
            remaining=remaining,
            messages=messages,
            repeat=repeat,
            check_in=done,
        )

    def decision_for(self, desk: Desk, customer_id: uuid.UUID) -> ScanDecision:
        """The decision for a member picked by name (no card), without logging a scan."""
        with self._uow.reading() as uow:
            actor = check(uow, desk, Action.SCAN, desk.branch.id)
            customer = uow.customers.get(customer_id)
            if customer is None:
                raise CustomerNotFound("That member no longer exists.")
            decision, _ = self._decide(uow, desk, customer.qr_code, actor, self._clock.now())
        return decision

    # -- check in ---------------------------------------------------------------

    def check_in(
        self,
        desk: Desk,
        customer_id: uuid.UUID,
        action: AttendanceAction,
        *,
        subscription_id: uuid.UUID | None = None,
        notes: str = "",
        confirm_repeat: bool = False,
        op: Op | None = None,
    ) -> CheckInResult:
        """Record a visit; with a deduction, one session/coin is taken in the same transaction.

        Inside the branch's repeat window a second check-in records nothing and answers with the
        visit already recorded, unless the receptionist confirms a second visit (`confirm_repeat`).
        """
        op = started(op, "CheckIn", self._clock.now(), desk.staff_id)
        with self._uow as uow:
            actor = check(uow, desk, Action.CHECK_IN, desk.branch.id)
            customer = uow.customers.lock(customer_id)
            if customer is None:
                raise CustomerNotFound("That member no longer exists.")
            decision, _ = self._decide(uow, desk, customer.qr_code, actor, op.at, held=customer)
            if not decision.allowed:
                main = decision.reasons[0] if decision.reasons else None
                raise EntryDenied(f"{decision.headline}. A manager can override.", main.code if main else "denied",
                                  main)
            result = self._check_in(uow, desk, decision, action, subscription_id, op, notes=notes,
                                    confirm_repeat=confirm_repeat)
            uow.commit()
        return result

    def override(
        self,
        desk: Desk,
        customer_id: uuid.UUID,
        *,
        reason: str,
        approval: Approval | None = None,
        action: AttendanceAction = AttendanceAction.CHECK_IN_ONLY,
        op: Op | None = None,
    ) -> CheckInResult:
        """Let a denied member in: a manager's decision with a reason, logged."""
        reason = " ".join(reason.split())
        if len(reason) < 3:
            raise NotAllowed("Write the reason for the override.")
        approver = self._approver(desk, approval)
        op = started(op, "Override", self._clock.now(), desk.staff_id)
        now = op.at
        with self._uow as uow:
            actor = check(uow, desk, Action.CHECK_IN, desk.branch.id)
            if approver.id == desk.staff.id:
                approver = check(uow, desk, Action.OVERRIDE_DENIAL, desk.branch.id).staff or approver
            customer = uow.customers.lock(customer_id)
            if customer is None:
                raise CustomerNotFound("That member no longer exists.")
            decision, _ = self._decide(uow, desk, customer.qr_code, actor, now, held=customer)
            uow.access_log.add(
                AccessLogEntry(
                    id=op.derive("access"),
                    code=customer.qr_code,
                    allowed=True,
                    reasons=decision.reasons,
                    branch_id=desk.branch.id,
                    created_at=now,
                    customer_id=customer.id,
                    staff_id=desk.staff_id,
                    override_by=approver.id,
                    override_reason=reason,
                )
            )
            usable = decision.subscription if decision.allowed else None
            if action is AttendanceAction.CHECK_IN_WITH_DEDUCTION and usable is None:
                action = AttendanceAction.CHECK_IN_ONLY
            attendance = Attendance(
                id=op.derive("attendance"),
                customer_id=customer.id,
                branch_id=desk.branch.id,
                check_in_time=now,
                action=AttendanceAction.CHECK_IN_ONLY,
                subscription_id=usable.id if usable else None,
                staff_id=desk.staff_id,
                notes=f"Override by {approver.full_name}: {reason}",
            )
            if action is AttendanceAction.CHECK_IN_WITH_DEDUCTION and usable is not None:
                result = self._check_in(uow, desk, decision, action, usable.id, op, notes=attendance.notes)
            else:
                uow.attendance.add(attendance)
                result = CheckInResult(attendance, customer, usable, usable.remaining if usable else None, False,
                                       f"Checked in by override ({approver.full_name})", code="override",
                                       params={"approver": approver.full_name})
            uow.commit()
        return result

    # -- internals ----------------------------------------------------------------

    def _approver(self, desk: Desk, approval: Approval | None) -> Staff:
        """The desk's own staff when their role may override (checked again on the stored record in the
        transaction), else the manager whose credentials were typed."""
        if approval is None and allowed(Actor(desk.staff, desk.branch.id), Action.OVERRIDE_DENIAL, desk.branch.id):
            return desk.staff
        if approval is None:
            raise PermissionDenied("A manager must approve this override.")
        return self._staff.approve(approval, Action.OVERRIDE_DENIAL, desk.branch.id)

    def _decide(self, uow: UnitOfWork, desk: Desk, code: str, actor: Actor, now: datetime, *, lock: bool = False,
                held: Customer | None = None) -> tuple[ScanDecision, str]:
        """The decision at `now` on what storage holds; with `lock`, the member is held first (a write follows).
        `held`: the member this transaction has already locked and read, whose card `code` is."""
        customer = revoked = revoked_owner = None
        subs: list[Subscription] = []
        recent: list[Attendance] = []
        home_name = ""
        if looks_like_card(code):  # anything else is denied without touching storage
            customer = held if held is not None and held.qr_code == code else uow.customers.by_code(code)
            if customer is not None and lock and customer is not held:
                customer = uow.customers.lock(customer.id)
            customer = redact(customer, actor) if customer is not None else None  # the card shows only this
            if customer is None:
                revoked = uow.customers.revoked_card(code)
                owner = uow.customers.get(revoked.customer_id) if revoked is not None else None
                revoked_owner = redact(owner, actor) if owner is not None else None
            else:
                subs = uow.subscriptions.for_customer(customer.id)
                recent = uow.attendance.query(customer_id=customer.id, start=now - timedelta(hours=36))
                if customer.branch_id == desk.branch.id:
                    home_name = desk.branch.name
                else:
                    home = uow.branches.get(customer.branch_id)
                    home_name = home.name if home else ""
        facts = ScanFacts(code, now, desk.branch, customer, home_name, revoked, revoked_owner, subs, recent)
        return decide(facts), home_name

    def _check_in(
        self,
        uow: UnitOfWork,
        desk: Desk,
        decision: ScanDecision,
        action: AttendanceAction,
        subscription_id: uuid.UUID | None,
        op: Op,
        *,
        notes: str,
        confirm_repeat: bool = False,
    ) -> CheckInResult:
        customer = decision.customer
        assert customer is not None
        now = op.at
        sub = decision.subscription
        if decision.repeat_of is not None and not confirm_repeat:
            at = decision.repeat_of.check_in_time.astimezone(ZoneInfo(desk.branch.timezone))
            return CheckInResult(decision.repeat_of, customer, sub, sub.remaining if sub else None, False,
                                 f"Already checked in at {at:%H:%M}: no second visit recorded", repeat=True,
                                 code="repeat", params={"at": at})
        if decision.repeat_of is not None:
            action = AttendanceAction.CHECK_IN_ONLY  # a confirmed second visit inside the window takes nothing more
        if subscription_id is not None and (sub is None or sub.id != subscription_id):
            chosen = uow.subscriptions.get(subscription_id)
            if chosen is None or chosen.customer_id != customer.id:
                raise SubscriptionNotFound("That subscription does not belong to this member.")
            if not chosen.is_usable_on(local_today(now, desk.branch.timezone)):
                raise SubscriptionNotActive(f"{chosen.service_name} cannot be used today.")
            sub = chosen
        message, code = "Checked in", "checked_in"
        params: dict[str, object] = {}
        deducted = False
        remaining = sub.remaining if sub else None
        attendance_id = op.derive("attendance")
        if action is AttendanceAction.CHECK_IN_WITH_DEDUCTION:
            repeat = next((w for w in decision.warnings if w.code == "already_deducted"), None)
            if sub is None or not sub.is_pack:
                action = AttendanceAction.CHECK_IN_ONLY
                message, code = "Checked in (monthly subscription: nothing to deduct)", "nothing_to_deduct"
            elif repeat is not None:
                action = AttendanceAction.CHECK_IN_ONLY
                message, code = f"Checked in only: {repeat.message.split(';')[0].lower()}", "already_deducted"
                params = dict(repeat.params)
            else:
                left = uow.subscriptions.deduct_one(sub.id)
                if left is None:
                    raise NoSessionsLeft(f"No {sub.subscription_type.unit}s left on {sub.service_name}.")
                uow.subscriptions.add_ledger(
                    LedgerEntry(op.derive("ledger", sub.id), sub.id, LedgerKind.VISIT, -1, now, desk.staff_id,
                                attendance_id)
                )
                remaining, deducted = left, True
                unit = sub.subscription_type.unit
                code = "deducted"
                message = f"Checked in, 1 {unit} deducted: {left} {unit}{'s' if left != 1 else ''} left"
                params = {"unit": unit, "remaining": left}
        attendance = Attendance(
            id=attendance_id,
            customer_id=customer.id,
            branch_id=desk.branch.id,
            check_in_time=now,
            action=action,
            subscription_id=sub.id if sub else None,
            staff_id=desk.staff_id,
            notes=notes,
        )
        uow.attendance.add(attendance)
        if sub is not None and remaining is not None:
            sub = replace(sub, remaining=remaining)
        return CheckInResult(attendance, customer, sub, remaining, deducted, message, code=code, params=params)
