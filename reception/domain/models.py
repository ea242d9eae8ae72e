"""The gym's records as immutable values. Field names follow the gym's backend."""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from reception.domain.reasons import Reason, headline_code


def new_id() -> uuid.UUID:
    """Identity generated where the record is created, so offline desks never collide."""
    return uuid.uuid4()


class Role(str, enum.Enum):
    OWNER = "owner"
    MANAGER = "manager"
    RECEPTIONIST = "receptionist"


class OtherBranchPolicy(str, enum.Enum):
    ALLOW = "allow"
    WARN = "warn"
    DENY = "deny"


class ServiceKind(str, enum.Enum):
    MONTHLY = "monthly"
    SESSIONS = "sessions"
    COINS = "coins"
    DAY_PASS = "day_pass"  # a visitor's one entry within 24 hours: sold as a pass, never as a subscription

    @property
    def is_pack(self) -> bool:
        return self in (ServiceKind.SESSIONS, ServiceKind.COINS)

    @property
    def is_subscription(self) -> bool:
        return self is not ServiceKind.DAY_PASS

    @property
    def unit(self) -> str:
        return {"monthly": "month", "sessions": "session", "coins": "coin", "day_pass": "day"}[self.value]


class SubscriptionStatus(str, enum.Enum):
    """Stored status; `expired` is only ever derived (see Subscription.status_on)."""

    ACTIVE = "active"
    FROZEN = "frozen"
    CANCELLED = "cancelled"
    EXPIRED = "expired"


class AttendanceAction(str, enum.Enum):
    CHECK_IN_ONLY = "check_in_only"
    CHECK_IN_WITH_DEDUCTION = "check_in_with_deduction"


class LedgerKind(str, enum.Enum):
    PURCHASE = "purchase"
    VISIT = "visit"
    REVERSAL = "reversal"
    CORRECTION = "correction"


class PaymentMethod(str, enum.Enum):
    CASH = "cash"
    CARD = "card"
    BANK_TRANSFER = "bank_transfer"
    MOBILE_WALLET = "mobile_wallet"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


@dataclass(frozen=True)
class BranchRules:
    """Business rules a manager edits per branch."""

    other_branch_policy: OtherBranchPolicy = OtherBranchPolicy.WARN
    repeat_deduction_minutes: int = 10
    low_balance_threshold: int = 2
    ending_soon_days: int = 7
    auto_commit_on_allow: bool = False
    currency: str = "EGP"
    payment_methods: tuple[PaymentMethod, ...] = tuple(PaymentMethod)
    max_freeze_days_per_year: int = 60
    reversal_window_minutes: int = 5
    idle_lock_minutes: int = 15


@dataclass(frozen=True)
class Branch:
    id: uuid.UUID
    number: int
    name: str
    address: str = ""
    timezone: str = "Africa/Cairo"
    rules: BranchRules = field(default_factory=BranchRules)
    is_active: bool = True


@dataclass(frozen=True)
class Staff:
    id: uuid.UUID
    username: str
    full_name: str
    role: Role
    branch_id: uuid.UUID | None
    password_hash: str
    is_active: bool = True

    def may_work_at(self, branch_id: uuid.UUID) -> bool:
        return self.role is Role.OWNER or self.branch_id == branch_id


@dataclass(frozen=True)
class Customer:
    id: uuid.UUID
    member_no: int
    full_name: str
    phone: str
    branch_id: uuid.UUID
    qr_code: str
    created_at: datetime
    updated_at: datetime
    email: str = ""
    is_active: bool = True
    temp_password: str | None = None
    password_changed: bool = False
    height_cm: Decimal | None = None
    weight_kg: Decimal | None = None
    date_of_birth: date | None = None
    gender: str = ""
    address: str = ""
    national_id: str = ""
    health_notes: str = ""
    notes: str = ""
    photo: bytes | None = None

    @property
    def bmi(self) -> Decimal | None:
        from reception.domain.validation import bmi

        return bmi(self.height_cm, self.weight_kg)

    @property
    def initials(self) -> str:
        parts = [p for p in self.full_name.split() if p]
        return "".join(p[0] for p in parts[:2]).upper() or "?"


@dataclass(frozen=True)
class RevokedCard:
    """A QR code that was replaced; its scan says when, instead of 'unknown'."""

    code: str
    customer_id: uuid.UUID
    revoked_at: datetime


@dataclass(frozen=True)
class Service:
    id: uuid.UUID
    name: str
    kind: ServiceKind
    price: Decimal
    duration_months: int | None = None
    units: int | None = None
    validity_months: int | None = None
    is_active: bool = True

    @property
    def months(self) -> int:
        """How long a subscription to this service runs."""
        value = self.duration_months if self.kind is ServiceKind.MONTHLY else self.validity_months
        return value or 1


@dataclass(frozen=True)
class Subscription:
    id: uuid.UUID
    customer_id: uuid.UUID
    service_id: uuid.UUID
    service_name: str
    branch_id: uuid.UUID
    sold_by: uuid.UUID | None
    sold_at_branch: uuid.UUID
    subscription_type: ServiceKind
    start_date: date
    end_date: date
    amount: Decimal
    payment_method: PaymentMethod
    status: SubscriptionStatus
    created_at: datetime
    total_units: int | None = None
    remaining: int | None = None
    frozen_from: date | None = None
    frozen_until: date | None = None

    @property
    def is_pack(self) -> bool:
        return self.subscription_type.is_pack

    def is_frozen_on(self, day: date) -> bool:
        return (
            self.status is SubscriptionStatus.FROZEN
            and self.frozen_from is not None
            and self.frozen_until is not None
            and self.frozen_from <= day <= self.frozen_until
        )

    def status_on(self, day: date) -> SubscriptionStatus:
        """The status a person sees on `day` (branch-local): expiry is derived, never stored."""
        if self.status is SubscriptionStatus.CANCELLED:
            return SubscriptionStatus.CANCELLED
        if self.is_frozen_on(day):
            return SubscriptionStatus.FROZEN
        if day > self.end_date or (self.is_pack and (self.remaining or 0) <= 0):
            return SubscriptionStatus.EXPIRED
        return SubscriptionStatus.ACTIVE

    def is_usable_on(self, day: date) -> bool:
        return self.status_on(day) is SubscriptionStatus.ACTIVE and self.start_date <= day


@dataclass(frozen=True)
class LedgerEntry:
    id: uuid.UUID
    subscription_id: uuid.UUID
    kind: LedgerKind
    delta: int
    created_at: datetime
    staff_id: uuid.UUID | None = None
    attendance_id: uuid.UUID | None = None
    reason: str = ""


@dataclass(frozen=True)
class Attendance:
    id: uuid.UUID
    customer_id: uuid.UUID
    branch_id: uuid.UUID
    check_in_time: datetime
    action: AttendanceAction
    subscription_id: uuid.UUID | None = None
    staff_id: uuid.UUID | None = None
    check_out_time: datetime | None = None
    notes: str = ""
    reversed_by: uuid.UUID | None = None
    reverses: uuid.UUID | None = None

    @property
    def is_reversal(self) -> bool:
        return self.reverses is not None

    @property
    def counts(self) -> bool:
        """A visit that stands: neither reversed nor itself a reversal row."""
        return self.reversed_by is None and self.reverses is None


@dataclass(frozen=True)
class AccessLogEntry:
    """One scan, allowed or denied: the reasons as codes with their facts (a plain welcome has none)."""

    id: uuid.UUID
    code: str
    allowed: bool
    reasons: tuple[Reason, ...]
    branch_id: uuid.UUID
    created_at: datetime
    customer_id: uuid.UUID | None = None
    staff_id: uuid.UUID | None = None
    override_by: uuid.UUID | None = None
    override_reason: str = ""
    pass_id: uuid.UUID | None = None  # a day pass's attempt
    station: str = ""  # the desk or turnstile it happened at

    @property
    def reason(self) -> str:
        """The code the log files it under: its first reason's, "" for a plain welcome."""
        return headline_code(self.reasons)


@dataclass(frozen=True)
class Payment:
    id: uuid.UUID
    receipt_no: int
    amount: Decimal
    method: PaymentMethod
    subscription_id: uuid.UUID | None  # None for a day pass's payment
    customer_id: uuid.UUID | None
    staff_id: uuid.UUID | None
    branch_id: uuid.UUID
    created_at: datetime
    approved_by: uuid.UUID | None = None
    list_price: Decimal | None = None
    receipt_series: str = ""  # a branch desk's own series (N3); "" for the gym's one series
    pass_id: uuid.UUID | None = None

    @property
    def receipt_label(self) -> str:
        return receipt_label(self.receipt_series, self.receipt_no)


def receipt_label(series: str, number: int) -> str:
    """A receipt's number as printed: N3-000123 in a branch desk's series, 123 in the gym's one series."""
    return f"{series}-{number:06d}" if series else str(number)


UNKNOWN_USERNAME = "?"  # stored for a sign-in under a name no account has: people type passwords there


@dataclass(frozen=True)
class LoginAttempt:
    """One sign-in or manager approval tried at a desk. `username` is the account's normalised
    username, or UNKNOWN_USERNAME: the text typed into an unknown name is never kept."""

    id: uuid.UUID
    username: str
    desk_id: uuid.UUID
    at: datetime
    ok: bool


@dataclass(frozen=True)
class DayPass:
    """A visitor's day pass as sold (DESIGN §12); its use is its first allowed row in the access log."""

    id: uuid.UUID
    key_id: str
    branch_id: uuid.UUID  # sold at
    scope: int  # the branch number it admits at; 0: any branch of the chain
    issued_at: datetime
    expires_at: datetime
    amount: Decimal
    method: PaymentMethod
    visitor_name: str = ""
    visitor_phone: str = ""
    service_id: uuid.UUID | None = None
    payment_id: uuid.UUID | None = None
    staff_id: uuid.UUID | None = None
    station: str = ""
    voided_at: datetime | None = None
    voided_by: uuid.UUID | None = None
    void_reason: str = ""
