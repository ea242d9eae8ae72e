"""Exactly once: an operation id is done once; a replay gets the stored first reply.

The claim, the change and the stored reply are one transaction (UnitOfWork.enclosing), so a crash
never leaves a change without its reply, nor a reply without its change. Replies are kept as long
as their operation (desks may replay after days offline), not for a day.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reception.clock import Clock
from reception.domain.commands import OperationRecord
from reception.domain.errors import DomainError
from reception.repository.ports import UnitOfWork
from reception.services.tokens import Caller


class OperationConflict(DomainError):
    """The operation id was already used for a different request (or by someone else)."""

    code = "operation_conflict"

    def __init__(self) -> None:
        super().__init__("This Idempotency-Key was already used for a different request.")


@dataclass(frozen=True)
class Reply:
    status: int
    body: dict[str, Any]
    replayed: bool = False
    refused: bool = False  # a rule said no: nothing the command wrote is kept, only this reply


def request_hash(kind: str, payload: object) -> str:
    text = json.dumps([kind, payload], sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class OperationService:
    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    def run(self, operation_id: uuid.UUID, kind: str, *, request: str, caller: Callable[[], Caller],
            act: Callable[[Caller], Reply]) -> Reply:
        """Does `act` once for `operation_id`; `act` runs the command's handler and turns its outcome
        (result or refusal) into the reply to store. A storage failure stores nothing, so a retry does it.
        `caller` checks who is asking inside the same transaction (TokenInvalid: nothing is stored).

        The command's own `with uow:` blocks join the transaction without savepoints of their own: when it
        is refused (`Reply.refused`), the whole transaction is rolled back and the refusal alone is claimed
        and stored in a second one. Two round trips fewer for every change that succeeds."""
        reply = self._once(operation_id, kind, request, caller, act, undo_refusal=True)
        if not reply.refused:
            return reply
        return self._once(operation_id, kind, request, caller, lambda _who: reply, undo_refusal=False)

    def _once(self, operation_id: uuid.UUID, kind: str, request: str, caller: Callable[[], Caller],
              act: Callable[[Caller], Reply], *, undo_refusal: bool) -> Reply:
        with self._uow.enclosing(savepoints=False) as uow:
            who = caller()
            staff_id = who.staff.id
            record = OperationRecord(operation_id, kind, request, "{}", 0, staff_id, who.desk[:120], self._clock.now())
            if not uow.operations.claim(record):
                stored = uow.operations.get(operation_id)
                if stored is None:  # pragma: no cover - claimed by a transaction that then rolled back
                    raise OperationConflict()
                if stored.request_hash != request or stored.staff_id != staff_id:
                    raise OperationConflict()
                return Reply(stored.status, json.loads(stored.reply), replayed=True)
            reply = act(who)
            if reply.refused and undo_refusal:
                return reply  # left without commit(): rolled back whole, the caller stores the refusal alone
            uow.operations.finish(operation_id, status=reply.status,
                                  reply=json.dumps(reply.body, ensure_ascii=False, default=str))
            uow.commit()
        return reply
