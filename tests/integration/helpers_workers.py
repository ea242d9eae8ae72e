"""Code run in child processes by the storage-safety tests (spawned, so it must be importable)."""

from __future__ import annotations

import sys
import uuid
from datetime import UTC, datetime
from typing import Any

from reception.domain.models import Attendance, AttendanceAction, LedgerEntry, LedgerKind, new_id
from reception.repository.sql import SqlUnitOfWork, create_engine_for


def deduct_worker(url: str, subscription_id: uuid.UUID, attempts: int, barrier: Any, results: Any) -> None:
    """One desk hammering the same pack: deduct + ledger row per attempt, one transaction each."""
    engine = create_engine_for(url)
    uow = SqlUnitOfWork(engine)
    succeeded = refused = 0
    barrier.wait(timeout=60)
    for _ in range(attempts):
        with uow:
            balance = uow.subscriptions.deduct_one(subscription_id)
            if balance is None:
                refused += 1
                continue
            uow.subscriptions.add_ledger(
                LedgerEntry(new_id(), subscription_id, LedgerKind.VISIT, -1, datetime.now(UTC))
            )
            uow.commit()
            succeeded += 1
    engine.dispose()
    results.put((succeeded, refused))


def stream_check_ins(url: str, customer_id: str, branch_id: str) -> None:
    """Check in forever; print each id only after its commit returned (the desk's 'done')."""
    uow = SqlUnitOfWork(create_engine_for(url))
    while True:
        visit = Attendance(new_id(), uuid.UUID(customer_id), uuid.UUID(branch_id), datetime.now(UTC),
                           AttendanceAction.CHECK_IN_ONLY, notes="x" * 200)
        with uow:
            uow.attendance.add(visit)
            uow.commit()
        sys.stdout.write(f"{visit.id}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    stream_check_ins(*sys.argv[1:4])
