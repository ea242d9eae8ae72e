"""Core benchmarks: demo generation, search and verify + check-in over 100,000 customers.

Run: python bench/core.py [--customers 100000] [--dir DIR]
Prints a table (median, p95, ratios) and the machine it ran on. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reception.bootstrap import open_app  # noqa: E402
from reception.domain.models import AttendanceAction  # noqa: E402
from reception.repository.sql.storage import SqlStorage  # noqa: E402
from reception.services.context import Desk  # noqa: E402
from reception.services.demo import build_demo  # noqa: E402


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def row(name: str, samples: list[float], budget: str = "") -> str:
    return f"| {name} | {len(samples)} | {statistics.median(samples):.2f} | {pct(samples, 0.95):.2f} | {max(samples):.2f} | {budget} |"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--dir", default=None, help="a directory on a real disk (not tmpfs)")
    args = parser.parse_args()
    workdir = Path(args.dir or tempfile.mkdtemp(prefix="reception-bench-", dir=os.getcwd()))
    db = workdir / "bench.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    url = f"sqlite:///{db}"
    app = open_app(url)
    started = time.perf_counter()
    summary = build_demo(app.uow, app.clock, customers=args.customers)
    demo_seconds = time.perf_counter() - started

    staff = app.staff.authenticate("desk1", "demo1234")
    branch = next(b for b in app.catalogue.branches() if b.id == staff.branch_id)
    desk = Desk(staff, branch)
    rng = random.Random(1)

    queries = ["m", "a", "ah", "moh", "sal", "layla", "hassan", "ra", "yo", "Nour", "mar",
               "أ", "مح", "أحمد", "محمود", "سلمى", "ليلى ح",
               "0", "010", "0107", "01077", "7638", "12", "4521", "٠١٠٢", "150", "99999"]
    for q in queries:  # warm-up: page cache and statement cache
        app.customers.search(q)
    search_ms: list[float] = []
    for _ in range(20):
        for q in rng.sample(queries, len(queries)):
            t = time.perf_counter()
            app.customers.search(q, limit=50)
            search_ms.append((time.perf_counter() - t) * 1000)

    codes = [app.customers.by_member_no(rng.randrange(1, args.customers + 1)).qr_code for _ in range(300)]
    verify_ms: list[float] = []
    checkin_ms: list[float] = []
    for code in codes:
        t = time.perf_counter()
        result = app.desk.scan(desk, code)
        verify_ms.append((time.perf_counter() - t) * 1000)
        if result.decision.allowed and result.customer:
            t = time.perf_counter()
            app.desk.scan(desk, code, action=AttendanceAction.CHECK_IN_ONLY)
            checkin_ms.append((time.perf_counter() - t) * 1000)
    assert isinstance(app.storage, SqlStorage)
    with app.storage.engine.connect() as conn:
        sync = conn.exec_driver_sql("PRAGMA synchronous").scalar()
        journal = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
    app.close()

    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"SQLite file on {workdir} (journal_mode={journal}, synchronous={sync})")
    print(f"Demo generation: {summary.customers:,} customers, {summary.subscriptions:,} subscriptions, "
          f"{summary.visits:,} visits in {demo_seconds:.1f} s (budget < 60 s)\n")
    print("| operation | n | median ms | p95 ms | max ms | budget |")
    print("|---|---|---|---|---|---|")
    print(row("search (1-6 chars, Arabic, digits)", search_ms, "p95 < 20 ms"))
    print(row("verify (decide + access log, committed)", verify_ms, ""))
    print(row("verify + check-in (one transaction, committed)", checkin_ms, "p95 < 10 ms"))
    print(f"\nratio verify+check-in / verify (median): {statistics.median(checkin_ms) / statistics.median(verify_ms):.2f}")
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)


if __name__ == "__main__":
    main()
