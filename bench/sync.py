"""Branch desks: what the outbox costs a check-in, and how long catching up takes.

    RECEPTION_TEST_PG_URL=postgresql+psycopg://... python bench/sync.py [--checkins 300] [--queued 10000]
                                                                        [--customers 100000]

1. A check-in (scan + deduction, one transaction) on a desk's replica, whose outbox stores the operation in
   the same transaction, against the same check-in on a plain desk file: medians, p95 and their ratio.
2. Catch-up after an outage: `--queued` operations made offline, then pushed and applied by the server.
3. A desk's first replica of a chain with `--customers` customers.
4. Convergence after a partition: both desks online again, until each holds the other's changes.
The server is `reception serve` (uvicorn) over PostgreSQL on loopback, as in the sync suite.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import _drop_database, new_pg_database
from tests.server.conftest import free_port, start_server, stop, wait_until_up
from tests.server.helpers import member_with_pack, set_repeat_window


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[94] if len(values) >= 20 else max(values)


def checkin_times(app, codes: list[str], desk) -> list[float]:  # type: ignore[no-untyped-def]
    from reception.domain.models import AttendanceAction

    times = []
    for code in codes:
        started = time.perf_counter()
        result = app.desk.scan(desk, code, action=AttendanceAction.CHECK_IN_WITH_DEDUCTION)
        times.append((time.perf_counter() - started) * 1000)
        assert result.attendance is not None
    return times


def outbox_cost(home: Path, count: int) -> None:
    from reception.bootstrap import open_app
    from reception.repository.sql.replica_store import SqlReplicaStore
    from reception.services.demo import build_demo
    from tests.sync.checks import desk_of

    plain_path = home / "plain.sqlite3"
    app = open_app(f"sqlite:///{plain_path}")
    build_demo(app.uow, app.clock)
    set_repeat_window(app, 1, 0)
    codes = [member_with_pack(app, 1, count + 5)[0].qr_code for _ in range(10)]
    app.close()
    replica_path = home / "replica.sqlite3"
    shutil.copy(plain_path, replica_path)
    made = open_app(f"sqlite:///{replica_path}")
    store = SqlReplicaStore(made.storage.engine)  # type: ignore[attr-defined]
    store.prepare()
    store.set_state(device_id="00000000-0000-0000-0000-000000000001", server="https://chain.example", token="x")
    made.close()
    plain, replica = open_app(f"sqlite:///{plain_path}"), open_app(f"sqlite:///{replica_path}")
    assert replica.is_branch_desk and not plain.is_branch_desk
    desk_p, desk_r = desk_of(plain, "desk1"), desk_of(replica, "desk1")
    checkin_times(plain, codes[:2], desk_p)
    checkin_times(replica, codes[:2], desk_r)  # warm both
    with_outbox: list[float] = []
    without: list[float] = []
    for round_ in range(count // 10):
        batch = [codes[(round_ + i) % len(codes)] for i in range(10)]
        without += checkin_times(plain, batch, desk_p)
        with_outbox += checkin_times(replica, batch, desk_r)
    waiting, _ = replica.replica.waiting()  # type: ignore[union-attr]
    plain.close()
    replica.close()
    print(f"\n1. check-in (scan + deduction) on a desk, {len(without)} each, interleaved")
    print("| desk | median ms | p95 ms |")
    print("|---|---|---|")
    print(f"| plain file | {statistics.median(without):.2f} | {p95(without):.2f} |")
    print(f"| replica with outbox | {statistics.median(with_outbox):.2f} | {p95(with_outbox):.2f} |")
    print(f"ratio outbox / plain: median {statistics.median(with_outbox) / statistics.median(without):.2f}, "
          f"p95 {p95(with_outbox) / p95(without):.2f}; operations queued: {waiting}")


def chain_figures(home: Path, queued: int, customers: int) -> None:
    from reception.bootstrap import open_app
    from reception.repository.sql import maintenance
    from reception.services.demo import build_demo
    from reception.sync.agent import SyncAgent, connect
    from tests.sync.checks import desk_of

    url, admin, name = new_pg_database("bench_sync_")
    process = None
    try:
        maintenance.upgrade(url, backup_dir=home)
        server = open_app(url)
        started = time.perf_counter()
        build_demo(server.uow, server.clock, customers=customers)
        print(f"\n(the server's gym: {customers:,} customers, built in {time.perf_counter() - started:.0f} s)")
        set_repeat_window(server, 1, 0)
        codes = [member_with_pack(server, 1, queued // 20 + 10)[0].qr_code for _ in range(20)]
        port = free_port()
        process = start_server(url, home, port)
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base, process, home / "server.log")

        def desk(name: str):  # type: ignore[no-untyped-def]
            path = home / f"{name}.sqlite3"
            app = open_app(f"sqlite:///{path}")
            t0 = time.perf_counter()
            connect(app.replica, app.clock, base, "manager", "demo1234", branch_no=1, name=name)  # type: ignore[arg-type]
            seconds = time.perf_counter() - t0
            count = app.replica.customer_count()  # type: ignore[union-attr]
            app.close()
            return open_app(f"sqlite:///{path}"), seconds, count

        one, first_copy, copied = desk("north")
        print(f"\n3. first replica: {copied:,} customers (with their subscriptions, ledgers, the catalogue, staff "
              f"and the branch's recent visits) in {first_copy:.1f} s (goal < 60 s for 100,000)")
        staff = desk_of(one, "desk1")
        from reception.domain.models import AttendanceAction

        t0 = time.perf_counter()
        for index in range(queued):
            one.desk.scan(staff, codes[index % len(codes)], action=AttendanceAction.CHECK_IN_WITH_DEDUCTION)
        made = time.perf_counter() - t0
        waiting, _ = one.replica.waiting()  # type: ignore[union-attr]
        agent = SyncAgent(one.replica, one.clock, timeout=120)  # type: ignore[arg-type]
        t0 = time.perf_counter()
        report = agent.sync_once()
        seconds = time.perf_counter() - t0
        assert report.ok, report.error
        print(f"\n2. catch-up: {waiting:,} operations made offline in {made:.1f} s, then pushed and applied in "
              f"{seconds:.1f} s ({waiting / seconds:.0f}/s; goal: 10,000 in < 30 s)")

        two, _, _ = desk("south")
        for app in (one, two):
            for index in range(50):
                app.desk.scan(desk_of(app, "desk1"), codes[index % len(codes)],
                              action=AttendanceAction.CHECK_IN_WITH_DEDUCTION)
        t0 = time.perf_counter()
        agents = [SyncAgent(a.replica, a.clock) for a in (one, two)]  # type: ignore[arg-type]
        for _ in range(2):  # each pushes, then each pulls what the other pushed
            for each in agents:
                assert each.sync_once().ok
        converged = time.perf_counter() - t0
        print(f"\n4. convergence after a partition: 2 desks x 50 check-ins each, both in sync in {converged:.2f} s "
              "(goal < 10 s)")
        one.close()
        two.close()
        server.close()
    finally:
        if process is not None:
            stop(process)
        _drop_database(admin, name)
        admin.dispose()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--checkins", type=int, default=300)
    parser.add_argument("--queued", type=int, default=10_000)
    parser.add_argument("--customers", type=int, default=100_000)
    args = parser.parse_args()
    if not os.environ.get("RECEPTION_TEST_PG_URL"):
        print("Set RECEPTION_TEST_PG_URL", file=sys.stderr)
        return 2
    home = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    os.environ["RECEPTION_HOME"] = str(home)
    outbox_cost(home, args.checkins)
    chain_figures(home, args.queued, args.customers)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
