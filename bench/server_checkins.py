"""Server check-ins under load: 20 concurrent clients on loopback checking in with a deduction against
PostgreSQL through `reception serve`, and the same service call in-process in the same run.

    RECEPTION_TEST_PG_URL=postgresql+psycopg://... python bench/server_checkins.py [--per-client 50] [--workers 1] [--clients 20]

Prints throughput, p50 and p95 over HTTP, p95 of DeskService.check_in in-process with 20 threads,
and the ratio of the two p95s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.server.conftest import free_port, start_server, stop, wait_until_up  # noqa: E402
from tests.server.helpers import member_with_pack, owner_desk, set_repeat_window  # noqa: E402

CLIENTS = 20


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[94]


def cpu_seconds(name: str | None = None, pids: set[int] | None = None) -> float:
    """CPU time (user + system) used so far by the processes named `name` or with the given pids."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)
            comm = fields[0].split("(", 1)[1]
            rest = fields[1].split()
        except (OSError, IndexError):
            continue
        ppid = int(rest[1])
        if (name is not None and comm == name) or (pids is not None and (int(entry.name) in pids or ppid in pids)):
            total += int(rest[11]) + int(rest[12])
    return total / tick


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--per-client", type=int, default=50)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--clients", type=int, default=CLIENTS)
    parser.add_argument("--rate", type=float, default=200.0, help="check-ins per second offered in the paced run")
    parser.add_argument("--paced-seconds", type=float, default=10.0)
    args = parser.parse_args()
    clients = args.clients
    base_url = os.environ.get("RECEPTION_TEST_PG_URL")
    if not base_url:
        print("Set RECEPTION_TEST_PG_URL", file=sys.stderr)
        return 2
    from reception.bootstrap import open_app
    from reception.domain.models import AttendanceAction
    from reception.repository.sql import maintenance
    from reception.services.demo import build_demo

    name = f"bench_srv_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(base_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = base_url.rsplit("/", 1)[0] + "/" + name
    home = Path(tempfile.mkdtemp(prefix="bench-server-"))
    os.environ["RECEPTION_HOME"] = str(home)
    process = None
    app = None
    try:
        maintenance.upgrade(url, backup_dir=home)
        app = open_app(url)
        build_demo(app.uow, app.clock)
        for branch_no in (1, 2, 3):
            set_repeat_window(app, branch_no, 0)  # every check-in deducts: the worst case for the server
        # Each client checks in its own members, one visit each, as a desk's queue does: the day's
        # visits of one member stay short, so what is measured is the check-in, not a growing history.
        http_members = [[member_with_pack(app, 1, 10)[0] for _ in range(args.per_client)] for _ in range(clients)]
        local_members = [[member_with_pack(app, 1, 10)[0] for _ in range(args.per_client)] for _ in range(clients)]
        port = free_port()
        if args.workers > 1:
            os.environ["RECEPTION_DB"] = url
        process = start_server(url, home, port) if args.workers == 1 else None
        if process is None:
            import subprocess

            env = {**os.environ, "PYTHONPATH": str(ROOT)}
            process = subprocess.Popen([sys.executable, "-m", "reception.cli", "serve", "--db", url, "--port",
                                        str(port), "--workers", str(args.workers)], cwd=ROOT, env=env,
                                       stdout=open(home / "server.log", "wb"), stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base, process, home / "server.log")
        token = requests.post(f"{base}/api/auth/login", json={"username": "desk1", "password": "demo1234"},
                              timeout=30).json()["data"]["access_token"]

        barrier = threading.Barrier(clients)

        def http_client(index: int) -> list[float]:
            members = http_members[index]
            session = requests.Session()
            session.headers["Authorization"] = f"Bearer {token}"
            body = {"customer_id": members[0].member_no, "action": "check_in_with_deduction"}
            session.post(f"{base}/api/attendance", json=body, timeout=60)  # warm the connection
            barrier.wait()
            times = []
            for member in members[1:]:
                body = {"customer_id": member.member_no, "action": "check_in_with_deduction"}
                started = time.perf_counter()
                reply = session.post(f"{base}/api/attendance", json=body, timeout=60)
                times.append((time.perf_counter() - started) * 1000)
                assert reply.status_code == 201 and reply.json()["data"]["deducted"], reply.text
            return times

        cpu_before = (cpu_seconds(pids={process.pid}), cpu_seconds("postgres"), time.process_time())
        started = time.perf_counter()
        with ThreadPoolExecutor(clients) as pool:
            http_times = [t for batch in pool.map(http_client, range(clients)) for t in batch]
        http_seconds = time.perf_counter() - started
        cpu_after = (cpu_seconds(pids={process.pid}), cpu_seconds("postgres"), time.process_time())
        cpu_ms = [(after - before) * 1000 / len(http_times) for before, after in zip(cpu_before, cpu_after)]

        # Paced: the clients together offer --rate check-ins a second, each on a fixed schedule (a desk's queue at a
        # busy hour, not a loop as fast as the server answers). A reply is timed from when its request was due, so
        # a server falling behind shows as latency, not as fewer requests sent.
        interval = clients / args.rate
        per_client = max(1, int(args.paced_seconds * args.rate / clients))
        paced_start = time.perf_counter() + 0.5

        def paced_client(index: int) -> list[float]:
            members = http_members[index]
            session = requests.Session()
            session.headers["Authorization"] = f"Bearer {token}"
            times = []
            for n in range(per_client):
                due = paced_start + (index / clients) * interval + n * interval
                pause = due - time.perf_counter()
                if pause > 0:
                    time.sleep(pause)
                body = {"customer_id": members[n % len(members)].member_no, "action": "check_in_with_deduction"}
                reply = session.post(f"{base}/api/attendance", json=body, timeout=60)
                times.append((time.perf_counter() - due) * 1000)
                assert reply.status_code in (200, 201) and reply.json()["data"]["deducted"], reply.text
            return times

        with ThreadPoolExecutor(clients) as pool:
            paced_times = [t for batch in pool.map(paced_client, range(clients)) for t in batch]
        paced_seconds = time.perf_counter() - paced_start

        desk = owner_desk(app, 1)
        local_barrier = threading.Barrier(clients)

        def local_client(index: int) -> list[float]:
            members = local_members[index]
            app.desk.check_in(desk, members[0].id, AttendanceAction.CHECK_IN_WITH_DEDUCTION)
            local_barrier.wait()
            times = []
            for member in members[1:]:
                t0 = time.perf_counter()
                result = app.desk.check_in(desk, member.id, AttendanceAction.CHECK_IN_WITH_DEDUCTION)
                times.append((time.perf_counter() - t0) * 1000)
                assert result.deducted
            return times

        started = time.perf_counter()
        with ThreadPoolExecutor(clients) as pool:
            local_times = [t for batch in pool.map(local_client, range(clients)) for t in batch]
        local_seconds = time.perf_counter() - started

        print(f"server workers: {args.workers}; {clients} clients x {args.per_client - 1} check-ins with a deduction")
        print(f"HTTP:       {len(http_times) / http_seconds:7.1f} check-ins/s   p50 {statistics.median(http_times):6.1f} ms"
              f"   p95 {p95(http_times):6.1f} ms")
        print(f"in-process: {len(local_times) / local_seconds:7.1f} check-ins/s   p50 {statistics.median(local_times):6.1f} ms"
              f"   p95 {p95(local_times):6.1f} ms")
        print(f"p95 ratio server / in-process: {p95(http_times) / p95(local_times):.2f}")
        print(f"paced:      {len(paced_times) / paced_seconds:7.1f} check-ins/s of {args.rate:.0f} offered   "
              f"p50 {statistics.median(paced_times):6.1f} ms   p95 {p95(paced_times):6.1f} ms")
        print(f"CPU per HTTP check-in: server {cpu_ms[0]:.1f} ms, PostgreSQL {cpu_ms[1]:.1f} ms, "
              f"clients {cpu_ms[2]:.1f} ms (2 cores: {2000 / sum(cpu_ms):.0f} check-ins/s if CPU were the only limit)")
    finally:
        if process is not None:
            stop(process)
        if app is not None:
            app.close()
        from tests.conftest import _drop_database

        _drop_database(admin, name)
        admin.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
