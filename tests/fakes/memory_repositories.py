"""In-memory implementations of every repository in reception.repository.ports, over one Transaction."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from reception.domain.commands import OperationRecord, RefreshToken, StaffSession
from reception.domain.errors import NotAllowed
from reception.domain.models import (
    AccessLogEntry,
    Attendance,
    Branch,
    Customer,
    DayPass,
    LedgerEntry,
    LoginAttempt,
    Payment,
    RevokedCard,
    Service,
    Staff,
    Subscription,
    new_id,
)
from reception.domain.passes import PassKey, Signer
from reception.domain.reasons import reasons_json, stored_reasons
from reception.domain.search import terms_for
from reception.domain.text import fold
from tests.fakes.memory_store import Transaction, instant, stored

MEMBER_NO = "member_no"
RECEIPT_NO = "receipt_no"


def _between(at: datetime, start: datetime | None, end: datetime | None) -> bool:
    return (start is None or at >= instant(start)) and (end is None or at < instant(end))


def _take(tx: Transaction, name: str, count: int, highest: int) -> int:
    """Takes `count` consecutive numbers of counter `name`; a missing counter starts after `highest`."""
    if count < 1:
        raise ValueError("count must be at least 1")
    tx.lock("counters", name)  # held to the end: a second desk gets its numbers after this one's
    last = tx.get("counters", name)
    last = highest if last is None else last
    tx.put("counters", name, last + count)
    return int(last) + 1


class _Repository:
    def __init__(self, tx: Transaction) -> None:
        self._tx = tx


class MemoryBranchRepository(_Repository):
    def add(self, branch: Branch) -> None:
        self._tx.insert("branches", branch.id, branch)

    def update(self, branch: Branch) -> None:
        self._tx.update("branches", branch.id, branch)

    def get(self, branch_id: uuid.UUID) -> Branch | None:
        found: Branch | None = self._tx.get("branches", branch_id)
        return found

    def by_number(self, number: int) -> Branch | None:
        found: Branch | None = self._tx.unique("branches", "number", number)
        return found

    def list(self) -> list[Branch]:
        return sorted(self._tx.rows("branches"), key=lambda b: b.number)


class MemoryStaffRepository(_Repository):
    def add(self, staff: Staff) -> None:
        self._tx.insert("staff", staff.id, staff)

    def update(self, staff: Staff) -> None:
        self._tx.update("staff", staff.id, staff)

    def get(self, staff_id: uuid.UUID) -> Staff | None:
        found: Staff | None = self._tx.get("staff", staff_id)
        return found

    def by_username(self, username: str) -> Staff | None:
        wanted = username.strip().lower()
        return next((s for s in self._tx.rows("staff") if s.username.lower() == wanted), None)

    def list(self, branch_id: uuid.UUID | None = None) -> list[Staff]:
        found = [s for s in self._tx.rows("staff") if branch_id is None or s.branch_id == branch_id]
        return sorted(found, key=lambda s: (s.full_name, s.username))


@dataclass(frozen=True)
class SearchTerms:
    """What the search index holds for one customer (a customer_terms row each, in SQL)."""

    customer_id: uuid.UUID
    terms: frozenset[str]
    sort_name: str
    member_no: int
    branch_id: uuid.UUID


def _customer(customer: Customer) -> Customer:
    return stored(customer, measure_fields=("height_cm", "weight_kg"))


class MemoryCustomerRepository(_Repository):
    def add(self, customer: Customer) -> None:
        customer = _customer(customer)
        self._tx.insert("customers", customer.id, customer)
        self._index(customer)

    def add_many(self, customers: Sequence[Customer]) -> None:
        for customer in customers:
            self.add(customer)

    def update(self, customer: Customer) -> None:
        customer = _customer(customer)
        if self._tx.update("customers", customer.id, customer):
            self._index(customer)

    def _index(self, customer: Customer) -> None:
        entry = SearchTerms(customer.id, frozenset(terms_for(customer)), fold(customer.full_name)[:120],
                            customer.member_no, customer.branch_id)
        self._tx.put("customer_terms", customer.id, entry)

    def get(self, customer_id: uuid.UUID) -> Customer | None:
        found: Customer | None = self._tx.get("customers", customer_id)
        return found

    def lock(self, customer_id: uuid.UUID) -> Customer | None:
        self._tx.lock("customers", customer_id)  # the same lock every write of this member takes
        return self.get(customer_id)

    def get_many(self, ids: Sequence[uuid.UUID]) -> list[Customer]:
        found = {customer_id: self.get(customer_id) for customer_id in dict.fromkeys(ids)}
        return [customer for customer_id in ids if (customer := found[customer_id]) is not None]

    def by_member_no(self, member_no: int) -> Customer | None:
        found: Customer | None = self._tx.unique("customers", "member_no", member_no)
        return found

    def by_code(self, code: str) -> Customer | None:
        found: Customer | None = self._tx.unique("customers", "qr_code", code)
        return found

    def by_phone(self, phone: str) -> list[Customer]:
        return sorted((c for c in self._tx.rows("customers") if c.phone == phone), key=lambda c: c.member_no)

    def search_ids(self, tokens: Sequence[str], *, branch_id: uuid.UUID | None, limit: int) -> list[uuid.UUID]:
        wanted = [token for token in dict.fromkeys(tokens) if token]
        if not wanted or limit <= 0:
            return []
        entries: list[SearchTerms] = self._tx.rows("customer_terms")
        found = [
            entry for entry in entries
            if (branch_id is None or entry.branch_id == branch_id)
            and all(any(term.startswith(token) for term in entry.terms) for token in wanted)
        ]
        found.sort(key=lambda entry: (entry.sort_name, entry.member_no))
        return [entry.customer_id for entry in found[:limit]]

    def count(self, branch_id: uuid.UUID | None = None) -> int:
        return sum(1 for c in self._tx.rows("customers") if branch_id is None or c.branch_id == branch_id)

    def page(self, *, branch_id: uuid.UUID | None, limit: int, offset: int) -> list[Customer]:
        found = [c for c in self._tx.rows("customers") if branch_id is None or c.branch_id == branch_id]
        return sorted(found, key=lambda c: c.member_no)[offset : offset + limit]

    def next_member_no(self) -> int:
        return self.reserve_member_nos(1)

    def reserve_member_nos(self, count: int) -> int:
        highest = max((c.member_no for c in self._tx.rows("customers")), default=0)
        return _take(self._tx, MEMBER_NO, count, highest)

    def revoke_card(self, card: RevokedCard) -> None:
        card = stored(card)
        self._tx.insert("revoked_cards", card.code, card)

    def revoked_card(self, code: str) -> RevokedCard | None:
        found: RevokedCard | None = self._tx.get("revoked_cards", code)
        return found


class MemoryServiceRepository(_Repository):
    def add(self, service: Service) -> None:
        service = stored(service, money_fields=("price",))
        self._tx.insert("services", service.id, service)

    def update(self, service: Service) -> None:
        service = stored(service, money_fields=("price",))
        self._tx.update("services", service.id, service)

    def get(self, service_id: uuid.UUID) -> Service | None:
        found: Service | None = self._tx.get("services", service_id)
        return found

    def list(self, *, active_only: bool = False) -> list[Service]:
        found = [s for s in self._tx.rows("services") if s.is_active or not active_only]
        return sorted(found, key=lambda s: (s.kind.value, s.name))


@dataclass(frozen=True)
class Freeze:
    id: uuid.UUID
    subscription_id: uuid.UUID
    days: int
    at: datetime
    staff_id: uuid.UUID | None


class MemorySubscriptionRepository(_Repository):
    def add(self, subscription: Subscription) -> None:
        subscription = stored(subscription, money_fields=("amount",))
        self._tx.insert("subscriptions", subscription.id, subscription)

    def add_many(self, subscriptions: Sequence[Subscription]) -> None:
        for subscription in subscriptions:
            self.add(subscription)

    def update(self, subscription: Subscription) -> None:
        self._tx.lock("subscriptions", subscription.id)
        current = self.get(subscription.id)
        if current is not None:
            changed = replace(current, start_date=subscription.start_date, end_date=subscription.end_date,
                              status=subscription.status, frozen_from=subscription.frozen_from,
                              frozen_until=subscription.frozen_until)
            self._tx.update("subscriptions", subscription.id, changed)

    def get(self, subscription_id: uuid.UUID) -> Subscription | None:
        found: Subscription | None = self._tx.get("subscriptions", subscription_id)
        return found

    def for_customer(self, customer_id: uuid.UUID) -> list[Subscription]:
        found = [s for s in self._tx.rows("subscriptions") if s.customer_id == customer_id]
        return sorted(found, key=lambda s: (s.start_date, s.created_at), reverse=True)

    def deduct_one(self, subscription_id: uuid.UUID) -> int | None:
        self._tx.lock("subscriptions", subscription_id)  # then read: a second desk sees this one's result
        current = self.get(subscription_id)
        if current is None or current.remaining is None or current.remaining <= 0:
            return None
        self._tx.update("subscriptions", subscription_id, replace(current, remaining=current.remaining - 1))
        return current.remaining - 1

    def credit(self, subscription_id: uuid.UUID, units: int) -> int:
        self._tx.lock("subscriptions", subscription_id)
        current = self.get(subscription_id)
        if current is None or current.remaining is None or current.remaining + units < 0:
            raise NotAllowed(
                "This change would take the balance below zero, or the subscription has no session balance."
            )
        self._tx.update("subscriptions", subscription_id, replace(current, remaining=current.remaining + units))
        return current.remaining + units

    def add_ledger(self, entry: LedgerEntry) -> None:
        entry = stored(entry)
        self._tx.insert("ledger_entries", entry.id, entry)

    def add_ledger_many(self, entries: Sequence[LedgerEntry]) -> None:
        for entry in entries:
            self.add_ledger(entry)

    def ledger(self, subscription_id: uuid.UUID) -> list[LedgerEntry]:
        found = [e for e in self._tx.rows("ledger_entries") if e.subscription_id == subscription_id]
        return sorted(found, key=lambda e: (e.created_at, e.id))

    def freeze_days_used(self, customer_id: uuid.UUID, since: datetime) -> int:
        since = instant(since)
        mine = {s.id for s in self._tx.rows("subscriptions") if s.customer_id == customer_id}
        freezes: list[Freeze] = self._tx.rows("freezes")
        return sum(f.days for f in freezes if f.subscription_id in mine and f.at >= since)

    def record_freeze(self, subscription_id: uuid.UUID, days: int, at: datetime, staff_id: uuid.UUID | None) -> None:
        freeze = Freeze(new_id(), subscription_id, days, instant(at), staff_id)
        self._tx.insert("freezes", freeze.id, freeze)


class MemoryAttendanceRepository(_Repository):
    def add(self, attendance: Attendance) -> None:
        attendance = stored(attendance)
        self._tx.insert("attendance", attendance.id, attendance)

    def add_many(self, visits: Sequence[Attendance]) -> None:
        for visit in visits:
            self.add(visit)

    def get(self, attendance_id: uuid.UUID) -> Attendance | None:
        found: Attendance | None = self._tx.get("attendance", attendance_id)
        return found

    def mark_reversed(self, attendance_id: uuid.UUID, reversal_id: uuid.UUID) -> bool:
        self._tx.lock("attendance", attendance_id)  # two managers reversing at once: the second sees the first
        visit = self.get(attendance_id)
        if visit is None or visit.reversed_by is not None:
            return False
        return self._tx.update("attendance", attendance_id, replace(visit, reversed_by=reversal_id))

    def query(
        self,
        *,
        branch_id: uuid.UUID | None = None,
        customer_id: uuid.UUID | None = None,
        start: datetime | None = None,
        end: datetime | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Attendance]:
        found = self._matching(branch_id, customer_id, start, end)
        if limit is None:
            return sorted(found, key=lambda a: (a.check_in_time, a.id))
        return sorted(found, key=lambda a: (a.check_in_time, a.id), reverse=True)[offset : offset + limit]

    def count(
        self,
        *,
        branch_id: uuid.UUID | None = None,
        customer_id: uuid.UUID | None = None,
        start: datetime | None = None,
        end: datetime | None = None,
    ) -> int:
        return len(self._matching(branch_id, customer_id, start, end))

    def _matching(self, branch_id: uuid.UUID | None, customer_id: uuid.UUID | None, start: datetime | None,
                  end: datetime | None) -> list[Attendance]:
        return [
            a for a in self._tx.rows("attendance")
            if (branch_id is None or a.branch_id == branch_id)
            and (customer_id is None or a.customer_id == customer_id)
            and _between(a.check_in_time, start, end)
        ]


class MemoryAccessLogRepository(_Repository):
    def add(self, entry: AccessLogEntry) -> None:
        # Stored as JSON and read back, as in SQL: facts become what JSON keeps (dates stay dates).
        entry = stored(replace(entry, reasons=stored_reasons(reasons_json(entry.reasons))))
        self._tx.insert("access_log", entry.id, entry)

    def query(
        self, *, branch_id: uuid.UUID | None = None, start: datetime | None = None,
        end: datetime | None = None, limit: int | None = None, offset: int = 0, allowed: bool | None = None,
        reason: str | None = None, overridden: bool | None = None, customer_id: uuid.UUID | None = None,
    ) -> list[AccessLogEntry]:
        found = self._matching(branch_id, start, end, allowed, reason, overridden, customer_id)
        found.sort(key=lambda e: (e.created_at, e.id), reverse=True)
        return found[offset:] if limit is None else found[offset:offset + limit]

    def count(
        self, *, branch_id: uuid.UUID | None = None, start: datetime | None = None,
        end: datetime | None = None, allowed: bool | None = None, reason: str | None = None,
        overridden: bool | None = None, customer_id: uuid.UUID | None = None,
    ) -> int:
        return len(self._matching(branch_id, start, end, allowed, reason, overridden, customer_id))

    def _matching(self, branch_id: uuid.UUID | None, start: datetime | None, end: datetime | None,
                  allowed: bool | None, reason: str | None, overridden: bool | None,
                  customer_id: uuid.UUID | None) -> list[AccessLogEntry]:
        return [
            e for e in self._tx.rows("access_log")
            if (branch_id is None or e.branch_id == branch_id) and _between(e.created_at, start, end)
            and (allowed is None or e.allowed is allowed) and (reason is None or e.reason == reason)
            and (overridden is None or (e.override_by is not None) is overridden)
            and (customer_id is None or e.customer_id == customer_id)
        ]


    def first_use(self, pass_id: uuid.UUID) -> AccessLogEntry | None:
        found = [e for e in self._tx.rows("access_log") if e.pass_id == pass_id and e.allowed and e.reason == ""]
        return min(found, key=lambda e: (e.created_at, e.id), default=None)


class MemoryPassRepository(_Repository):
    def add(self, day_pass: DayPass) -> None:
        self._tx.insert("passes", day_pass.id, stored(day_pass, money_fields=("amount",)))

    def get(self, pass_id: uuid.UUID) -> DayPass | None:
        found: DayPass | None = self._tx.get("passes", pass_id)
        return found

    def lock(self, pass_id: uuid.UUID) -> None:
        self._tx.lock("passes", pass_id)

    def void(self, pass_id: uuid.UUID, *, at: datetime, by: uuid.UUID | None, reason: str) -> bool:
        found = self.get(pass_id)
        if found is None or found.voided_at is not None:
            return False
        return self._tx.update("passes", pass_id, replace(found, voided_at=instant(at), voided_by=by,
                                                           void_reason=reason))

    def query(self, *, branch_id: uuid.UUID | None = None, start: datetime | None = None,
              end: datetime | None = None) -> list[DayPass]:
        found = [p for p in self._tx.rows("passes")
                 if (branch_id is None or p.branch_id == branch_id) and _between(p.issued_at, start, end)]
        return sorted(found, key=lambda p: (p.issued_at, p.id))

    def signing_keys(self) -> list[PassKey]:
        return sorted(self._tx.rows("pass_keys"), key=lambda k: k.created_at)

    def add_key(self, key: PassKey) -> None:
        self._tx.insert("pass_keys", key.key_id, key)

    def set_key_times(self, key_id: str, *, retired_at: datetime | None = None,
                      revoked_at: datetime | None = None) -> bool:
        found: PassKey | None = self._tx.get("pass_keys", key_id)
        if found is None:
            return False
        return self._tx.update("pass_keys", key_id, replace(
            found, retired_at=retired_at or found.retired_at, revoked_at=revoked_at or found.revoked_at))

    def signer(self) -> Signer | None:
        found: Signer | None = self._tx.get("server_secrets", "pass_signer")
        return found

    def set_signer(self, signer: Signer) -> None:
        if self._tx.get("server_secrets", "pass_signer") is None:
            self._tx.insert("server_secrets", "pass_signer", signer)
        else:
            self._tx.update("server_secrets", "pass_signer", signer)

    def clock_offset(self) -> float:
        return 0.0

    def holder(self) -> str:
        return "local"


class MemoryPaymentRepository(_Repository):
    def add(self, payment: Payment) -> None:
        payment = stored(payment, money_fields=("amount", "list_price"))
        self._tx.insert("payments", payment.id, payment)

    def add_many(self, payments: Sequence[Payment]) -> None:
        for payment in payments:
            self.add(payment)

    def next_receipt_no(self) -> int:
        return self.reserve_receipt_nos(1)

    def receipt_series(self) -> str:
        return ""  # a gym's own database: its one series

    def reserve_receipt_nos(self, count: int) -> int:
        highest = max((p.receipt_no for p in self._tx.rows("payments")), default=0)
        return _take(self._tx, RECEIPT_NO, count, highest)

    def for_subscription(self, subscription_id: uuid.UUID) -> list[Payment]:
        found = [p for p in self._tx.rows("payments") if p.subscription_id == subscription_id]
        return sorted(found, key=lambda p: (p.created_at, p.receipt_no))

    def query(
        self, *, branch_id: uuid.UUID | None = None, start: datetime | None = None, end: datetime | None = None
    ) -> list[Payment]:
        found = [
            p for p in self._tx.rows("payments")
            if (branch_id is None or p.branch_id == branch_id) and _between(p.created_at, start, end)
        ]
        return sorted(found, key=lambda p: (p.created_at, p.receipt_no))


class MemoryOperationRepository(_Repository):
    def claim(self, record: OperationRecord) -> bool:
        self._tx.lock("operations", record.id)  # a concurrent claim of the same id waits for this transaction
        if self._tx.get("operations", record.id) is not None:
            return False
        self._tx.insert("operations", record.id, stored(record))
        return True

    def finish(self, operation_id: uuid.UUID, *, status: int, reply: str) -> None:
        self._tx.lock("operations", operation_id)
        record = self.get(operation_id)
        if record is not None:
            self._tx.update("operations", operation_id, replace(record, status=status, reply=reply))

    def get(self, operation_id: uuid.UUID) -> OperationRecord | None:
        found: OperationRecord | None = self._tx.get("operations", operation_id)
        return found


class MemorySessionRepository(_Repository):
    def open(self, staff_session: StaffSession) -> None:
        self._tx.insert("staff_sessions", staff_session.id, stored(staff_session))

    def get(self, session_id: uuid.UUID) -> StaffSession | None:
        found: StaffSession | None = self._tx.get("staff_sessions", session_id)
        return found

    def revoke(self, session_id: uuid.UUID, at: datetime) -> None:
        self._tx.lock("staff_sessions", session_id)
        session = self.get(session_id)
        if session is not None and session.revoked_at is None:
            self._tx.update("staff_sessions", session_id, replace(session, revoked_at=instant(at)))

    def add_refresh(self, token: RefreshToken) -> None:
        self._tx.insert("refresh_tokens", token.token_hash, stored(token))

    def refresh_token(self, token_hash: str, *, lock: bool = False) -> RefreshToken | None:
        if lock:
            self._tx.lock("refresh_tokens", token_hash)
        found: RefreshToken | None = self._tx.get("refresh_tokens", token_hash)
        return found

    def mark_used(self, token_hash: str, at: datetime) -> None:
        self._tx.lock("refresh_tokens", token_hash)
        token = self.refresh_token(token_hash)
        if token is not None and token.used_at is None:
            self._tx.update("refresh_tokens", token_hash, replace(token, used_at=instant(at)))

    def secret(self, name: str, candidate: str) -> str:
        self._tx.lock("server_secrets", name)
        value: str | None = self._tx.get("server_secrets", name)
        if value is None:
            self._tx.insert("server_secrets", name, candidate)
            value = candidate
        return value


class MemoryLoginAttemptRepository(_Repository):
    def add(self, attempt: LoginAttempt) -> None:
        attempt = stored(attempt)
        self._tx.insert("login_attempts", attempt.id, attempt)

    def failures(
        self, *, since: datetime, username: str | None = None, desk_id: uuid.UUID | None = None
    ) -> list[datetime]:
        if (username is None) == (desk_id is None):
            raise ValueError("count failures for a username or for a desk")
        since = instant(since)
        attempts: list[LoginAttempt] = [
            a for a in self._tx.rows("login_attempts")
            if (a.username == username if username is not None else a.desk_id == desk_id) and a.at >= since
        ]
        last_ok = max((a.at for a in attempts if a.ok), default=None)
        return sorted(a.at for a in attempts if not a.ok and (last_ok is None or a.at > last_ok))
