"""Changes as frozen commands, each with the operation id made once where the request started.

A retried request carries the same operation id, so it is the same operation: the server answers
it from the stored first reply instead of doing it again (DESIGN §7 Commands).
"""

from __future__ import annotations

import uuid
from contextvars import ContextVar
from dataclasses import MISSING, dataclass, field, fields
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from types import UnionType
from typing import Union, get_args, get_origin, get_type_hints

from reception.domain.models import AttendanceAction, PaymentMethod


@dataclass(frozen=True)
class Op:
    """An operation's identity: its id and the moment it started, both made once where the request began
    (the desk's window, the command line, the server's route).

    Everything the operation creates takes its id from `derive` and its time from `at`, so doing the same
    operation again (a retried request, a desk's queued operation applied on the server) makes the same
    rows with the same ids and times, never a second set."""

    id: uuid.UUID
    at: datetime

    def __post_init__(self) -> None:
        if self.at.tzinfo is None:
            raise ValueError("an operation's time is timezone-aware")

    @classmethod
    def new(cls, now: datetime) -> Op:
        return cls(uuid.uuid4(), now.astimezone(UTC))

    def derive(self, *what: object) -> uuid.UUID:
        """The id of the thing `what` names in this operation (uuid5 under the operation id)."""
        return uuid.uuid5(self.id, "/".join(str(part) for part in what))


@dataclass(frozen=True)
class Started:
    """The operation a service is doing now, for a branch desk's outbox (the kind of change and who did it)."""

    kind: str
    op: Op
    staff_id: uuid.UUID | None


_STARTED: ContextVar[Started | None] = ContextVar("reception_started_operation", default=None)


def started(op: Op | None, kind: str, now: datetime, staff_id: uuid.UUID | None = None) -> Op:
    """The operation a service begins: the one it was given (a command's) or a new one made now. A branch desk
    stores its next write transaction under this operation's id and kind (repository.sql.replica.capture)."""
    op = op or Op.new(now)
    _STARTED.set(Started(kind, op, staff_id))
    return op


def take_started() -> Started | None:
    """The operation begun on this thread, once: the transaction that writes it takes it."""
    found = _STARTED.get()
    _STARTED.set(None)
    return found


@dataclass(frozen=True)
class Command:
    operation_id: uuid.UUID
    at: datetime

    @property
    def kind(self) -> str:
        return type(self).__name__

    @property
    def op(self) -> Op:
        return Op(self.operation_id, self.at)


@dataclass(frozen=True)
class CheckIn(Command):
    customer_id: uuid.UUID
    branch_id: uuid.UUID
    action: AttendanceAction
    subscription_id: uuid.UUID | None = None
    confirm_repeat: bool = False  # a second visit inside the branch's repeat window, on purpose


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
    start_date: date | None = None
    renew: bool = False


@dataclass(frozen=True)
class Register(Command):
    full_name: str
    phone: str
    branch_id: uuid.UUID
    shared_phone_ok: bool = False
    fields: tuple[tuple[str, object], ...] = field(default_factory=tuple)
    card_secret: str = ""  # the card code's random part and the temporary password, made with the operation
    temp_password: str = ""


@dataclass(frozen=True)
class RegenerateCard(Command):
    customer_id: uuid.UUID
    card_secret: str = ""


@dataclass(frozen=True)
class Freeze(Command):
    """A manager freezes a subscription from `start` for `days` days (the end date moves with it)."""

    subscription_id: uuid.UUID
    start: date
    days: int


@dataclass(frozen=True)
class Unfreeze(Command):
    subscription_id: uuid.UUID


@dataclass(frozen=True)
class Reverse(Command):
    """Undo a mistaken check-in: a reversal row, the session credited back; the original stays."""

    attendance_id: uuid.UUID
    reason: str


@dataclass(frozen=True)
class Override(Command):
    """A manager lets a denied member in, with a reason."""

    customer_id: uuid.UUID
    branch_id: uuid.UUID
    reason: str
    action: AttendanceAction = AttendanceAction.CHECK_IN_ONLY


@dataclass(frozen=True)
class CorrectBalance(Command):
    """A manager's ±N correction of a pack's balance, with a reason."""

    subscription_id: uuid.UUID
    delta: int
    reason: str


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


CHANGES: tuple[type[Command], ...] = (CheckIn, Deduct, Activate, Register, RegenerateCard, Freeze, Unfreeze,
                                      Reverse, Override, CorrectBalance)
_BY_KIND = {cls.__name__: cls for cls in CHANGES}


class MalformedCommand(ValueError):
    """A stored or sent command that cannot be read back (unknown kind, missing or wrong field)."""


def to_dict(command: Command) -> dict[str, object]:
    """The command as JSON-ready values: what a desk queues and the server reads back (from_dict)."""
    body: dict[str, object] = {"kind": command.kind}
    for item in fields(command):
        body[item.name] = _out(getattr(command, item.name))
    return body


def from_dict(body: object) -> Command:
    """The command `to_dict` wrote; MalformedCommand for anything else."""
    if not isinstance(body, dict):
        raise MalformedCommand("a command is a JSON object")
    cls = _BY_KIND.get(str(body.get("kind")))
    if cls is None:
        raise MalformedCommand(f"unknown command {str(body.get('kind'))[:40]!r}")
    hints = get_type_hints(cls)
    values: dict[str, object] = {}
    for item in fields(cls):
        if item.name not in body:
            if item.default is MISSING and item.default_factory is MISSING:
                raise MalformedCommand(f"{cls.__name__} needs {item.name}")
            continue
        try:
            values[item.name] = _in(hints[item.name], body[item.name])
        except (TypeError, ValueError, ArithmeticError) as error:
            raise MalformedCommand(f"{cls.__name__}.{item.name}: {error}") from None
    try:
        made: Command = cls(**values)  # type: ignore[arg-type]  # each value was read by its field's type
        return made
    except (TypeError, ValueError) as error:
        raise MalformedCommand(f"{cls.__name__}: {error}") from None


def _out(value: object) -> object:
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple):
        return [[key, _tagged(item)] for key, item in value]
    return value


def _tagged(value: object) -> object:
    """A registration's optional fields keep their type: dates and decimals are tagged."""
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    return value


def _untagged(value: object) -> object:
    if isinstance(value, dict) and set(value) == {"date"}:
        return date.fromisoformat(str(value["date"]))
    if isinstance(value, dict) and set(value) == {"decimal"}:
        return Decimal(str(value["decimal"]))
    if isinstance(value, dict | list):
        raise ValueError("a registration field is a plain value")
    return value


def _in(hint: object, value: object) -> object:
    options = [h for h in get_args(hint) if h is not type(None)] if get_origin(hint) in (Union, UnionType) else [hint]
    if value is None:
        if len(options) < len(get_args(hint)):
            return None
        raise ValueError("may not be empty")
    kind = options[0]
    if kind is uuid.UUID:
        return uuid.UUID(str(value))
    if kind is datetime:
        moment = datetime.fromisoformat(str(value))
        if moment.tzinfo is None:
            raise ValueError("a time needs its UTC offset")
        return moment
    if kind is date:
        return date.fromisoformat(str(value))
    if kind is Decimal:
        return Decimal(str(value))
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(value)
    if kind is bool:
        if not isinstance(value, bool):
            raise ValueError("true or false")
        return value
    if kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError("a whole number")
        return value
    if kind is str:
        if not isinstance(value, str):
            raise ValueError("text")
        return value
    if get_origin(kind) is tuple:
        if not isinstance(value, list) or not all(isinstance(p, list) and len(p) == 2 and isinstance(p[0], str)
                                                   for p in value):
            raise ValueError("a list of [name, value] pairs")
        return tuple((p[0], _untagged(p[1])) for p in value)
    raise TypeError(f"cannot read {kind!r}")


@dataclass(frozen=True, order=True)
class ChangeCursor:
    """Where a reader of the change log is: after the row (txid, seq). Text form "txid.seq"."""

    txid: int = 0
    seq: int = 0

    def __str__(self) -> str:
        return f"{self.txid}.{self.seq}"

    @classmethod
    def parse(cls, text: str | None) -> ChangeCursor:
        if text is None or not text.strip():
            return cls()
        try:
            txid, seq = (int(part) for part in text.strip().split("."))
        except ValueError:
            raise ValueError("A change cursor looks like 1234.56 (the 'cursor' of the previous page).") from None
        if txid < 0 or seq < 0:
            raise ValueError("A change cursor is never negative.")
        return cls(txid, seq)


@dataclass(frozen=True)
class Change:
    """One record a committed change wrote ("events out"): which kind, which record, at which branch."""

    cursor: ChangeCursor
    entity: str  # branch, staff, service, customer, revoked_card, subscription, ledger, attendance, payment
    entity_id: str
    branch_id: uuid.UUID | None
    at: datetime
