"""Who is at the desk, and the results the services hand out."""

from __future__ import annotations

from collections.abc import Mapping
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from reception.domain.models import (
    Attendance,
    Branch,
    Customer,
    LedgerEntry,
    Payment,
    Staff,
    Subscription,
    SubscriptionStatus,
    receipt_label,
)
from reception.domain.scan import ScanDecision


KIOSK_ID = uuid.UUID(int=0)


@dataclass(frozen=True)
class Desk:
    """The signed-in staff member and the branch this desk serves."""

    staff: Staff
    branch: Branch

    @property
    def staff_id(self) -> uuid.UUID | None:
        """None for an unattended kiosk or turnstile (the CLI), which has no staff account."""
        return None if self.staff.id == KIOSK_ID else self.staff.id


@dataclass(frozen=True)
class Approval:
    """A manager's credentials typed at a receptionist's desk."""

    username: str
    password: str


@dataclass(frozen=True)
class SubscriptionView:
    subscription: Subscription
    status: SubscriptionStatus

    @property
    def id(self) -> uuid.UUID:
        return self.subscription.id


@dataclass(frozen=True)
class ScanResult:
    code: str
    decision: ScanDecision
    customer: Customer | None
    home_branch_name: str
    subscription: SubscriptionView | None
    access_log_id: uuid.UUID
    attendance: Attendance | None = None
    remaining: int | None = None
    messages: tuple[str, ...] = ()
    repeat: bool = False  # a repeat scan inside the window: `attendance` is the visit recorded before
    check_in: CheckInResult | None = None  # the check-in this scan made (auto check-in), if any


@dataclass(frozen=True)
class CheckInResult:
    attendance: Attendance
    customer: Customer
    subscription: Subscription | None
    remaining: int | None
    deducted: bool
    message: str
    repeat: bool = False  # a repeat scan inside the branch's window: `attendance` is the visit already recorded
    # What `message` says, for the desk to put in its own language: checked_in, nothing_to_deduct, deducted,
    # already_deducted (params: at), repeat (at), override (approver).
    code: str = "checked_in"
    params: Mapping[str, object] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Receipt:
    receipt_no: int
    gym_name: str
    branch_name: str
    member_no: int
    member_name: str
    service_name: str
    start_date: object
    end_date: object
    units: int | None
    unit_name: str
    amount: Decimal
    currency: str
    method: str
    staff_name: str
    issued_at: datetime  # aware (UTC from the database)
    timezone: str = "UTC"  # the selling branch's: a receipt is read on the branch's clock
    receipt_series: str = ""  # a branch desk's own series (N3); "" for the gym's one series

    @property
    def receipt_label(self) -> str:
        return receipt_label(self.receipt_series, self.receipt_no)


@dataclass(frozen=True)
class ActivationResult:
    subscription: Subscription
    payment: Payment
    receipt: Receipt
    approved_by: Staff | None = None


@dataclass(frozen=True)
class CustomerProfile:
    customer: Customer
    home_branch: Branch | None
    subscriptions: tuple[SubscriptionView, ...]
    current: SubscriptionView | None
    attendance: tuple[Attendance, ...]
    ledger: tuple[LedgerEntry, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class AttendanceRow:
    attendance: Attendance
    member_no: int
    full_name: str
    branch_name: str
    staff_name: str
    service_name: str
