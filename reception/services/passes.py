"""Day passes at the desk, the turnstile and the server: sell, verify (and admit), void, and the keys that sign them.

A pass is valid for 24 hours of elapsed time from its sale or until its first use (DESIGN §12). Its code is
checked with the chain's public keys only, so any desk decides offline; whether it was used or voided is what
this store knows. Every attempt is in the access log under the pass's id (never the whole code); the pass's use
is its admission, the first allowed attempt without a reason. Two desks that each admitted it while offline
meet on the server as a sync issue naming both entries.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from reception.clock import Clock
from reception.domain import passes as tokens
from reception.domain.authorization import Action
from reception.domain.commands import Op, started
from reception.domain.errors import NotAllowed, NotFound, ServiceNotFound
from reception.domain.models import AccessLogEntry, Branch, DayPass, Payment, PaymentMethod, Service, ServiceKind
from reception.domain.passes import PassClaims, PassKey, Signer
from reception.domain.reasons import Reason
from reception.repository.ports import UnitOfWork
from reception.services.access import check
from reception.services.context import Desk, ScanResult

CLOCK_TOLERANCE_S = 5 * 60  # a desk further than this from the server's clock sells and checks by the server's
LOOKED = "pass_valid"  # a valid pass shown at a desk, not yet admitted


class PassNotFound(NotFound):
    code = "pass_not_found"


@dataclass(frozen=True)
class SoldPass:
    day_pass: DayPass
    code: str  # the token: shown as a QR, printed, saved; never stored or logged whole
    payment: Payment
    currency: str


@dataclass(frozen=True)
class PassVerdict:
    """What a desk or turnstile shows for a pass: allowed or the reason, and the facts behind it."""

    allowed: bool
    reason: Reason | None
    claims: PassClaims | None
    day_pass: DayPass | None  # this store's row of it (None for a pass sold at a desk not yet synced)
    admitted: bool  # this attempt used it
    access_log_id: uuid.UUID
    first_use: AccessLogEntry | None = None
    clock_off_s: float = 0.0  # the desk's clock is this far from the server's (checked against the server's)

    @property
    def pass_id(self) -> uuid.UUID | None:
        return self.claims.pass_id if self.claims else None

    @property
    def expires_at(self) -> datetime | None:
        return self.claims.expires_at if self.claims else None

    @property
    def code(self) -> str:
        """The reason code ("" when allowed): the seed's `reason` word for /verify."""
        return self.reason.code if self.reason else ""


def answer(verdict: PassVerdict) -> dict[str, object]:
    """A verdict in the seed's shape (`/verify` on the server and at the branch's turnstile): status, and the
    reason's short word ("used", "expired", …) when denied."""
    body: dict[str, object] = {"status": "allow" if verdict.allowed else "deny"}
    if not verdict.allowed:
        body["reason"] = verdict.code.removeprefix("pass_")
    body.update({
        "kind": "day_pass", "message": verdict.reason.message if verdict.reason else "Day pass: admitted",
        "pass_id": str(verdict.pass_id) if verdict.pass_id else None,
        "expires_at": verdict.expires_at.isoformat() if verdict.expires_at else None,
        "access_log_id": str(verdict.access_log_id),
    })
    return body


def card_answer(result: ScanResult) -> dict[str, object]:
    """A member card's check-in at a turnstile, in the same shape (reason: the scan's first reason code)."""
    decision = result.decision
    body: dict[str, object] = {"status": "allow" if decision.allowed else "deny"}
    if not decision.allowed:
        body["reason"] = decision.reasons[0].code if decision.reasons else "unknown"
    body.update({"kind": "member", "message": decision.headline,
                 "customer_id": result.customer.member_no if result.customer else None,
                 "access_log_id": str(result.access_log_id)})
    return body


def _off(uow: UnitOfWork) -> float:
    """The correction to this desk's clock (seconds), when it is more than 5 minutes from the server's."""
    offset = uow.passes.clock_offset()
    return offset if abs(offset) > CLOCK_TOLERANCE_S else 0.0


def _local(at: datetime, timezone: str) -> datetime:
    return at.astimezone(ZoneInfo(timezone))


class PassService:
    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    # -- sale -------------------------------------------------------------------------------------------------

    def day_pass_services(self) -> list[Service]:
        with self._uow.reading() as uow:
            return [s for s in uow.services.list(active_only=True) if s.kind is ServiceKind.DAY_PASS]

    def sell(self, desk: Desk, *, name: str = "", phone: str = "", method: PaymentMethod = PaymentMethod.CASH,
             service_id: uuid.UUID | None = None, op: Op | None = None) -> SoldPass:
        """A pass for this desk's branch, its payment (no member, no subscription) and its code."""
        if method not in desk.branch.rules.payment_methods:
            raise NotAllowed(f"{method.label} is not accepted at this branch.")
        op = started(op, "SellPass", self._clock.now(), desk.staff_id)
        with self._uow as uow:
            check(uow, desk, Action.SELL, desk.branch.id)
            sold = self._issue(uow, op, desk.branch, self._service(uow, service_id), method, name, phone,
                               desk.staff_id, "")
            uow.commit()
        return sold

    def sell_online(self, branch_number: int, *, name: str, phone: str, method: PaymentMethod,
                    op: Op | None = None) -> SoldPass:
        """A pass bought on the visitor's page, paid through the payment provider (no staff member: the server
        calls this only once the provider confirmed the payment)."""
        op = started(op, "SellPassOnline", self._clock.now(), None)
        with self._uow as uow:
            branch = uow.branches.by_number(branch_number)
            if branch is None or not branch.is_active:
                raise NotFound("That branch does not sell day passes.")
            sold = self._issue(uow, op, branch, self._service(uow, None), method, name, phone, None, "online")
            uow.commit()
        return sold

    def _issue(self, uow: UnitOfWork, op: Op, branch: Branch, service: Service, method: PaymentMethod, name: str,
               phone: str, staff_id: uuid.UUID | None, station: str) -> SoldPass:
        """The pass, its payment and its code, in the caller's transaction; sold at the server's time when this
        desk's clock is far off."""
        now = (op.at + timedelta(seconds=_off(uow))).replace(microsecond=0)
        signer = self._signer(uow, now)
        claims = PassClaims(op.derive("pass"), signer.key_id, branch.number, now, tokens.VALID_MINUTES)
        payment = Payment(op.derive("payment"), uow.payments.next_receipt_no(), service.price, method, None, None,
                          staff_id, branch.id, op.at, receipt_series=uow.payments.receipt_series(),
                          pass_id=claims.pass_id)
        day_pass = DayPass(claims.pass_id, signer.key_id, branch.id, branch.number, now, claims.expires_at,
                           service.price, method, visitor_name=" ".join(name.split())[:120],
                           visitor_phone="".join(phone.split())[:32], service_id=service.id, payment_id=payment.id,
                           staff_id=staff_id, station=station)
        uow.passes.add(day_pass)
        uow.payments.add(payment)
        return SoldPass(day_pass, tokens.sign(signer, claims), payment, branch.rules.currency)

    def visitor_link_key(self) -> bytes:
        """The secret that signs the visitor's link to their pass (made once, kept with the server's secrets)."""
        import secrets

        with self._uow as uow:
            value = uow.sessions.secret("visitor_links", secrets.token_hex(32))
            uow.commit()
        return bytes.fromhex(value)

    def online_code(self, pass_id: uuid.UUID) -> tuple[DayPass, str] | None:
        """A pass sold online and its code again, for the visitor's own page (None: not one of those)."""
        with self._uow.reading() as uow:
            day_pass = uow.passes.get(pass_id)
            signer = uow.passes.signer()
        if day_pass is None or day_pass.station != "online" or signer is None or signer.key_id != day_pass.key_id:
            return None
        minutes = int((day_pass.expires_at - day_pass.issued_at).total_seconds() // 60)
        return day_pass, tokens.sign(signer, PassClaims(day_pass.id, day_pass.key_id, day_pass.scope,
                                                        day_pass.issued_at, minutes))

    @staticmethod
    def _service(uow: UnitOfWork, service_id: uuid.UUID | None) -> Service:
        if service_id is not None:
            found = uow.services.get(service_id)
            if found is None or found.kind is not ServiceKind.DAY_PASS:
                raise ServiceNotFound("That day pass is not in the catalogue.")
            if not found.is_active:
                raise NotAllowed(f"{found.name} is no longer sold.")
            return found
        listed = [s for s in uow.services.list(active_only=True) if s.kind is ServiceKind.DAY_PASS]
        if not listed:
            raise ServiceNotFound("No day pass is in the catalogue: a manager adds one under Manage → Catalogue.")
        return listed[0]

    @staticmethod
    def _signer(uow: UnitOfWork, now: datetime) -> Signer:
        """The key this store signs with; made (and its public half shared) on the first sale."""
        signer = uow.passes.signer()
        if signer is None:
            signer = Signer.new()
            uow.passes.add_key(PassKey(signer.key_id, signer.public(), now, uow.passes.holder()))
            uow.passes.set_signer(signer)
        return signer

    # -- verification -----------------------------------------------------------------------------------------

    def verify(self, desk: Desk, code: str, *, admit: bool, station: str = "", op: Op | None = None) -> PassVerdict:
        """Decides on a pass's code and logs the attempt; with `admit`, an allowed pass is used by this attempt
        (first use wins: a second admission, here or anywhere this store has heard of, is denied)."""
        code = code[:tokens.MAX_PASS_LENGTH * 2] if isinstance(code, str) else ""
        op = started(op, "UsePass" if admit else "ScanPass", self._clock.now(), desk.staff_id)
        now = op.at
        with self._uow as uow:
            check(uow, desk, Action.CHECK_IN if admit else Action.SCAN, desk.branch.id)
            keys = {key.key_id: key for key in uow.passes.signing_keys()}
            off = _off(uow)
            verdict = tokens.check(code, keys, now + timedelta(seconds=off), desk.branch.number)
            reason, claims = self._in_local_time(verdict.reason, desk), verdict.claims
            day_pass = first = None
            if claims is not None:
                if admit:
                    uow.passes.lock(claims.pass_id)
                day_pass = uow.passes.get(claims.pass_id)
                if reason is None and day_pass is not None and day_pass.voided_at is not None:
                    reason = self._voided(uow, desk, day_pass)
                if reason is None:
                    first = uow.access_log.first_use(claims.pass_id)
                    if first is not None:
                        reason = self._used(uow, desk, first)
            allowed = reason is None
            logged_reasons: tuple[Reason, ...]
            if reason is not None:
                logged_reasons = (reason,)
            elif admit:
                logged_reasons = ()
            else:
                assert claims is not None
                until = _local(claims.expires_at, desk.branch.timezone)
                logged_reasons = (Reason(LOOKED, f"Day pass · valid until {until:%H:%M} · first use",
                                         {"until": f"{until:%H:%M}"}),)
            uow.access_log.add(AccessLogEntry(
                id=op.derive("access"), code=self._logged(code, claims), allowed=allowed, reasons=logged_reasons,
                branch_id=desk.branch.id, created_at=now, staff_id=desk.staff_id,
                pass_id=claims.pass_id if claims else None, station=station))
            uow.commit()
        return PassVerdict(allowed, reason, claims, day_pass, allowed and admit, op.derive("access"), first, off)

    @staticmethod
    def _in_local_time(reason: Reason | None, desk: Desk) -> Reason | None:
        """An expiry said in the branch's time (24 hours are elapsed time; only the time shown follows DST)."""
        if reason is None or reason.code != "pass_expired":
            return reason
        at = _local(reason.params["at"], desk.branch.timezone)  # type: ignore[arg-type]
        return Reason(reason.code, f"This pass expired at {at:%H:%M} on {at:%d %b %Y}",
                      {"at": f"{at:%H:%M}", "day": at.date()})

    @staticmethod
    def _logged(code: str, claims: PassClaims | None) -> str:
        """The log keeps a pass's id, never its code (it would let someone in)."""
        if claims is not None:
            return f"PASS {claims.pass_id}"
        printable = "".join(c if c.isprintable() else "?" for c in code[:200])
        return tokens.logged_form(printable) if len(printable) > 16 else printable

    def _used(self, uow: UnitOfWork, desk: Desk, first: AccessLogEntry) -> Reason:
        at = _local(first.created_at, desk.branch.timezone)
        branch = uow.branches.get(first.branch_id) if first.branch_id != desk.branch.id else None
        where = f" at {branch.name}" if branch is not None else ""
        return Reason("pass_used", f"Already used at {at:%H:%M}{where}",
                      {"at": f"{at:%H:%M}", "when": first.created_at, "branch": branch.name if branch else "",
                       "station": first.station})

    @staticmethod
    def _voided(uow: UnitOfWork, desk: Desk, day_pass: DayPass) -> Reason:
        assert day_pass.voided_at is not None
        who = uow.staff.get(day_pass.voided_by) if day_pass.voided_by else None
        name = who.full_name if who else "a manager"
        at = _local(day_pass.voided_at, desk.branch.timezone)
        return Reason("pass_voided", f"Voided by {name} at {at:%H:%M} on {at:%d %b %Y}",
                      {"by": name, "at": f"{at:%H:%M}", "day": at.date()})

    # -- void -------------------------------------------------------------------------------------------------

    def void(self, desk: Desk, pass_id: uuid.UUID, reason: str, *, op: Op | None = None) -> Payment | None:
        """A manager withdraws a pass; its price is refunded (a negative payment on the same method), unless it
        was already used. Returns the refund, None when nothing was refunded."""
        reason = " ".join(reason.split())
        if len(reason) < 3:
            raise NotAllowed("Say why the pass is voided (a few words).")
        op = started(op, "VoidPass", self._clock.now(), desk.staff_id)
        with self._uow as uow:
            day_pass = uow.passes.get(pass_id)
            if day_pass is None:
                raise PassNotFound("That day pass is not known at this desk.")
            check(uow, desk, Action.VOID_PASS, day_pass.branch_id)
            uow.passes.lock(pass_id)
            if not uow.passes.void(pass_id, at=op.at, by=desk.staff_id, reason=reason[:500]):
                raise NotAllowed("This pass was already voided.")
            refund = None
            if uow.access_log.first_use(pass_id) is None and day_pass.amount > Decimal(0):
                refund = Payment(op.derive("refund"), uow.payments.next_receipt_no(), -day_pass.amount,
                                 day_pass.method, None, None, desk.staff_id, desk.branch.id, op.at,
                                 receipt_series=uow.payments.receipt_series(), pass_id=pass_id)
                uow.payments.add(refund)
            uow.commit()
        return refund

    # -- keys -------------------------------------------------------------------------------------------------

    def keys(self, desk: Desk) -> list[PassKey]:
        with self._uow.reading() as uow:
            check(uow, desk, Action.MANAGE_PASS_KEYS, None)
            return uow.passes.signing_keys()

    def rotate(self, desk: Desk) -> PassKey:
        """A new key signs from now on; the one before still verifies the passes it signed until they expire."""
        now = self._clock.now()
        with self._uow as uow:
            check(uow, desk, Action.MANAGE_PASS_KEYS, None)
            old = uow.passes.signer()
            signer = Signer.new()
            key = PassKey(signer.key_id, signer.public(), now, uow.passes.holder())
            uow.passes.add_key(key)
            uow.passes.set_signer(signer)
            if old is not None:
                uow.passes.set_key_times(old.key_id, retired_at=now)
            uow.commit()
        return key

    def revoke(self, desk: Desk, key_id: str) -> None:
        """Every pass a key signed is denied from now on (a stolen desk, a leaked key)."""
        key_id = key_id.strip().upper()
        now = self._clock.now()
        with self._uow as uow:
            check(uow, desk, Action.MANAGE_PASS_KEYS, None)
            if not uow.passes.set_key_times(key_id, revoked_at=now):
                raise NotFound(f"No signing key {key_id}.")
            signer = uow.passes.signer()
            if signer is not None and signer.key_id == key_id:  # this store signs with a fresh key from now on
                fresh = Signer.new()
                uow.passes.add_key(PassKey(fresh.key_id, fresh.public(), now, uow.passes.holder()))
                uow.passes.set_signer(fresh)
            uow.commit()

    def find(self, desk: Desk, pass_id: uuid.UUID) -> tuple[DayPass, AccessLogEntry | None]:
        with self._uow.reading() as uow:
            check(uow, desk, Action.SCAN, desk.branch.id)
            day_pass = uow.passes.get(pass_id)
            if day_pass is None:
                raise PassNotFound("That day pass is not known at this desk.")
            return day_pass, uow.access_log.first_use(pass_id)
