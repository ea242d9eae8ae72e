"""Changes as frozen commands, each with the operation id made once where the request started.

A retried request carries the same operation id, so it is the same operation: the server answers
it from the stored first reply instead of doing it again (DESIGN §7 Commands).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from reception.domain.models import AttendanceAction, PaymentMethod


@dataclass(frozen=True)
class Command:
    operation_id: uuid.UUID

    @property
    def kind(self) -> str:
        return type(self).__name__


@dataclass(frozen=True)
class CheckIn(Command):
    customer_id: uuid.UUID
    branch_id: uuid.UUID
    action: AttendanceAction
    subscription_id: uuid.UUID | None = None


@dataclass(frozen=True)
class Deduct(Command):
    """One session/coin off a pack, with the visit (the backend's /deduct and /deduct-session)."""

    subscription_id: uuid.UUID
    branch_id: uuid.UUID


@dataclass(frozen=True)
class Activate(Command):
    customer_id: uuid.UUID
    service_id: uuid.UUID
    payment_method: PaymentMethod
    branch_id: uuid.UUID | None = None  # the branch the client expects: must be the member's home branch
    amount: Decimal | None = None
    start_date: object = None


@dataclass(frozen=True)
class Register(Command):
    full_name: str
    phone: str
    branch_id: uuid.UUID
    shared_phone_ok: bool = False
    fields: tuple[tuple[str, object], ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class RegenerateCard(Command):
    customer_id: uuid.UUID


@dataclass(frozen=True)
class OperationRecord:
    """An operation the server has done, with the reply it gave; kept as long as the operation."""

    id: uuid.UUID
    kind: str
    request_hash: str
    reply: str  # JSON
    status: int  # the reply's HTTP status
    staff_id: uuid.UUID | None
    desk: str
    created_at: datetime


@dataclass(frozen=True)
class StaffSession:
    """A sign-in on the server: its refresh tokens rotate inside it; logging out revokes it."""

    id: uuid.UUID
    staff_id: uuid.UUID
    desk: str
    created_at: datetime
    revoked_at: datetime | None = None


@dataclass(frozen=True)
class RefreshToken:
    token_hash: str
    session_id: uuid.UUID
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None = None
