"""Branch desks and the chain's server: the words of the sync protocol and its rules (DESIGN §7).

A desk's change is an operation: its id, the desk's sequence number, who did it and when by the desk's clock,
the command when there is one, and the rows it wrote. The server applies every operation it is pushed, in each
desk's order, exactly once (by sequence and by operation id). It never refuses one for a business reason: what
happened at a desk is recorded, and where it broke a rule the server opens a sync issue that a person resolves.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum

# The operation format a desk writes; the server reads this one and every older one. Version 2: an operation may
# carry a sync issue's resolution (a manager resolved it at a desk, online or not); version 1 carries none.
OPERATION_VERSION = 2
ISSUES_FROM_VERSION = 2  # the format from which desks keep the sync issues in their replica
VERSION_HEADER = "Reception-Sync-Version"  # the operation format a desk writes, on every request it sends
MEMBER_BLOCK = 1000  # member numbers leased to a desk at a time: more than a week of registrations at a branch
RECEIPT_BLOCK = 5000
LOW_MARK = 200  # a desk asks for a new block when fewer numbers than this are left
MEMBER_NO = "member_no"  # the counters whose numbers are leased to desks in blocks
RECEIPT_NO = "receipt_no"
RECEIPT_SERIES = "receipt_series"  # a branch desk's state: the series its receipts are numbered in (N3)


def series_name(series_no: int) -> str:
    """The receipt series of the chain's `series_no`-th enrolled desk."""
    return f"N{series_no}"


# The tables a desk's replica shares with the server, in the order their rows are applied (references first).
SYNCED_TABLES = ("branches", "staff", "services", "customers", "revoked_cards", "subscriptions", "freezes",
                 "attendance", "ledger_entries", "access_log", "payments", "pass_keys", "passes", "sync_issues")
# The columns of a sync issue a desk may change: its resolution. The server opens issues; a desk only resolves.
RESOLUTION_COLUMNS = ("resolved_at", "resolved_by", "resolution", "action")
APPLY, DISCARD = "apply", "discard"  # what a manager does with operations held from a disconnected desk
ACTIONS = {"revoked_device": (APPLY, DISCARD)}  # issue kind -> the actions its resolution must name (else "")


class IssueKind(str, Enum):
    OVERDRAFT = "overdraft"  # a pack's balance went below zero (two branches took the last session offline)
    REVOKED_CARD_USED = "revoked_card_used"  # a card regenerated elsewhere was let in at a desk that was offline
    DUPLICATE_PHONE = "duplicate_phone"  # two members registered with one phone at different branches
    MALFORMED = "malformed"  # an operation the server could not read or apply: kept, reported, skipped
    REVOKED_DEVICE = "revoked_device"  # operations from a desk that was disconnected: held for a manager
    SEQUENCE_GAP = "sequence_gap"  # a desk's operations are missing a stretch (a damaged replica)
    PASS_USED_TWICE = "pass_used_twice"  # a day pass let in at two desks that were offline at the time


ISSUE_WORDS = {
    IssueKind.OVERDRAFT: "The balance went below zero: sell a pack or correct it with a reason.",
    IssueKind.REVOKED_CARD_USED: "A card that had been replaced was let in at a desk that was offline.",
    IssueKind.DUPLICATE_PHONE: "Two members were registered with the same phone at different branches.",
    IssueKind.MALFORMED: "An operation could not be applied; it is kept for a manager.",
    IssueKind.REVOKED_DEVICE: "Operations arrived from a desk that was disconnected.",
    IssueKind.SEQUENCE_GAP: "Some of a desk's operations are missing.",
    IssueKind.PASS_USED_TWICE: "A day pass was let in twice, at desks that were offline at the time.",
}


class OpOutcome(str, Enum):
    APPLIED = "applied"
    ALREADY = "already"  # seen before (by sequence or by operation id): the stored outcome is returned
    ISSUE = "issue"  # applied, and a sync issue was opened
    KEPT = "kept"  # could not be applied: kept on the server as a sync issue, the queue moves on


@dataclass(frozen=True)
class PushedOp:
    seq: int
    operation_id: uuid.UUID
    kind: str
    staff_id: uuid.UUID | None
    at: datetime
    version: int
    body: dict[str, object]


@dataclass(frozen=True)
class OpResult:
    seq: int
    operation_id: uuid.UUID
    outcome: OpOutcome
    message: str = ""
    issues: tuple[uuid.UUID, ...] = ()


@dataclass(frozen=True)
class SyncIssue:
    id: uuid.UUID
    kind: IssueKind
    subject: str
    details: dict[str, object]
    created_at: datetime
    branch_id: uuid.UUID | None = None
    customer_id: uuid.UUID | None = None
    device_id: uuid.UUID | None = None
    operation_id: uuid.UUID | None = None
    resolved_at: datetime | None = None
    resolution: str = ""
    action: str = ""

    @property
    def words(self) -> str:
        return ISSUE_WORDS[self.kind]


@dataclass(frozen=True)
class Device:
    id: uuid.UUID
    branch_id: uuid.UUID
    name: str
    last_seq: int
    enrolled_at: datetime
    revoked_at: datetime | None = None
    series: str = ""  # its receipts' series (N3): each desk numbers its own, so none is handed out twice
    last_push_at: datetime | None = None


@dataclass(frozen=True)
class Enrolment:
    """What a desk keeps after connecting: who it is, where, and its secret (shown once)."""

    device: Device
    secret: str
    epoch: str
    blocks: dict[str, tuple[int, int]] = field(default_factory=dict)


def overdrawn(balance: int | None) -> bool:
    return balance is not None and balance < 0
