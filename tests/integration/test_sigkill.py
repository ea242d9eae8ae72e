"""A desk killed mid-stream of deducting check-ins, 50 times on each database: nothing acknowledged is lost.

Each round forks a desk that checks a pack member in with a deduction as fast as it can and reports each
visit only after its commit returned; the test kills it with SIGKILL at a random moment. Afterwards every
acknowledged visit is stored, the file passes its integrity check, and the pack's balance equals its ledger.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
import uuid
from typing import Any

from reception.domain.models import AttendanceAction, LedgerKind
from reception.repository.sql import SqlUnitOfWork, create_engine_for
from reception.repository.sql.engine import sqlite_path
from reception.repository.sql.maintenance import integrity_check
from tests.integration.helpers_desks import seed_desks_gym

KILLS = 50
BALANCE = 5_000


def _stream(url: str, gym: dict[str, Any], writer: Any) -> None:
    """The desk: check in with a deduction forever, writing each visit's id once it is committed."""
    from reception.bootstrap import open_app
    from reception.services.context import Desk

    app = open_app(url, migrate=False, check=False)
    with app.uow.reading() as uow:
        desk = Desk(uow.staff.get(uuid.UUID(gym["staff"])), uow.branches.get(uuid.UUID(gym["branch"])))
    member = uuid.UUID(gym["customers"][0])
    os.write(writer, b"ready\n")
    while True:
        done = app.desk.check_in(desk, member, AttendanceAction.CHECK_IN_WITH_DEDUCTION)
        assert done.deducted
        os.write(writer, f"{done.attendance.id}\n".encode())


def _lines(reader: int, buffer: bytearray, wanted: int, deadline: float) -> list[str]:
    lines: list[str] = []
    while len(lines) < wanted and time.monotonic() < deadline:
        chunk = os.read(reader, 65536)
        if not chunk:
            break
        buffer += chunk
        *complete, rest = buffer.split(b"\n")
        buffer[:] = rest
        lines += [line.decode() for line in complete]
    return lines


def test_fifty_kills_mid_stream_lose_no_acknowledged_deduction(database_url: str) -> None:
    gym = seed_desks_gym(database_url, customers=1, balance=BALANCE, repeat_minutes=0)
    context = multiprocessing.get_context("fork")  # a fresh desk in milliseconds, fifty times
    rng = random.Random(11)
    acknowledged: set[str] = set()
    for _ in range(KILLS):
        reader, writer = os.pipe()
        desk = context.Process(target=_stream, args=(database_url, gym, writer))
        desk.start()
        os.close(writer)
        buffer = bytearray()
        deadline = time.monotonic() + 60
        lines = _lines(reader, buffer, 1, deadline)
        assert lines[:1] == ["ready"], "the desk did not start"
        lines = _lines(reader, buffer, rng.randint(1, 15), deadline)
        time.sleep(rng.uniform(0, 0.006))  # land inside a later transaction, at a different point each time
        os.kill(desk.pid, signal.SIGKILL)
        desk.join(10)
        assert desk.exitcode == -signal.SIGKILL
        rest = b""
        while chunk := os.read(reader, 65536):
            rest += chunk
        os.close(reader)
        lines += [line.decode() for line in (bytes(buffer) + rest).split(b"\n") if line and line != b"ready"]
        acknowledged.update(lines)

    if sqlite_path(database_url) is not None:
        integrity_check(database_url)  # raises if the file were damaged
    uow = SqlUnitOfWork(create_engine_for(database_url))
    with uow.reading():
        member = uuid.UUID(gym["customers"][0])
        visits = [a for a in uow.attendance.query(customer_id=member) if a.counts]
        (pack,) = uow.subscriptions.for_customer(member)
        ledger = uow.subscriptions.ledger(pack.id)
    uow.engine.dispose()
    stored = {str(v.id) for v in visits}
    assert len(acknowledged) >= KILLS
    assert acknowledged <= stored  # every check-in the desk said was done is there
    assert len(stored) - len(acknowledged) <= KILLS  # at most one committed-but-unreported visit per kill
    deductions = [e for e in ledger if e.kind is LedgerKind.VISIT]
    assert len(deductions) == len(visits)  # no visit without its deduction, no deduction without its visit
    assert sum(e.delta for e in ledger) == pack.remaining == BALANCE - len(visits)  # ledger = balance
