"""Check-in with the per-member lock ÷ without it, same run, on SQLite and PostgreSQL (goal ≤ 1.1×).

Run: python bench/member_lock.py [--pg URL] [--rounds 400] [--dir DIR]
Each round checks in (with a deduction) a different demo member through DeskService.check_in, once
with the lock as shipped and once with the lock replaced by a plain read, interleaved so both see the
same machine. Prints median and p95 in ms and the ratios. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reception.domain.models import AttendanceAction  # noqa: E402
from reception.repository.sql.repositories.customers import SqlCustomerRepository  # noqa: E402
from tests.integration.helpers_desks import seed_desks_gym  # noqa: E402


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def measure(url: str, rounds: int) -> tuple[list[float], list[float]]:
    from reception.bootstrap import open_app
    from reception.services.context import Desk

    gym = seed_desks_gym(url, customers=rounds, balance=10, repeat_minutes=0)
    app = open_app(url, migrate=False, check=False)
    with app.uow.reading() as uow:
        desk = Desk(uow.staff.get(uuid.UUID(gym["staff"])), uow.branches.get(uuid.UUID(gym["branch"])))
    locking = SqlCustomerRepository.lock
    with_lock: list[float] = []
    without: list[float] = []
    try:
        for index, member in enumerate(gym["customers"]):
            for locked in ((True, False) if index % 2 else (False, True)):
                SqlCustomerRepository.lock = locking if locked else SqlCustomerRepository.get  # type: ignore[method-assign]
                start = time.perf_counter()
                app.desk.check_in(desk, uuid.UUID(member), AttendanceAction.CHECK_IN_WITH_DEDUCTION)
                (with_lock if locked else without).append((time.perf_counter() - start) * 1000)
    finally:
        SqlCustomerRepository.lock = locking  # type: ignore[method-assign]
        app.close()
    return with_lock, without


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pg", default=os.environ.get("RECEPTION_TEST_PG_URL"), help="an empty PostgreSQL database")
    parser.add_argument("--rounds", type=int, default=400)
    parser.add_argument("--dir", default=None, help="a directory on a real disk (not tmpfs)")
    args = parser.parse_args()
    print(f"machine: {platform.node()} · {os.cpu_count()} cores · Python {platform.python_version()}")
    print("| database | with lock median | with lock p95 | without median | without p95 | p95 ratio | median ratio |")
    print("|---|---|---|---|---|---|---|")
    folder = Path(tempfile.mkdtemp(dir=args.dir))
    targets = [("SQLite (disk, synchronous=FULL)", f"sqlite:///{folder / 'lock.sqlite3'}")]
    if args.pg:
        targets.append(("PostgreSQL (loopback)", args.pg))
    for name, url in targets:
        locked, plain = measure(url, args.rounds)
        print(f"| {name} | {statistics.median(locked):.2f} | {pct(locked, 0.95):.2f} | "
              f"{statistics.median(plain):.2f} | {pct(plain, 0.95):.2f} | "
              f"{pct(locked, 0.95) / pct(plain, 0.95):.2f}× | {statistics.median(locked) / statistics.median(plain):.2f}× |")


if __name__ == "__main__":
    main()
