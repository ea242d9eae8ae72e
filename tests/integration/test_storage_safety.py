"""Storage safety (DESIGN §9): no lost or doubled deductions, no lost check-ins, damaged files reported."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reception.domain.errors import StorageError
from reception.domain.models import AttendanceAction, LedgerKind
from reception.repository.sql import SqlUnitOfWork, create_engine_for
from reception.repository.sql.engine import sqlite_path
from reception.repository.sql.maintenance import backup, integrity_check, newest_backup, quick_check, restore
from tests.integration.helpers_gym import open_uow, seed_gym
from tests.integration.helpers_workers import deduct_worker

ROOT = Path(__file__).resolve().parents[2]


def test_two_desks_deducting_at_once_take_exactly_the_balance(database_url: str) -> None:
    uow = open_uow(database_url)
    gym = seed_gym(uow, balance=50)
    uow.engine.dispose()
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    results = context.Queue()
    desks = [
        context.Process(target=deduct_worker, args=(database_url, gym.pack.id, 110, barrier, results))
        for _ in range(2)
    ]
    for desk in desks:
        desk.start()
    outcomes = [results.get(timeout=240) for _ in desks]
    for desk in desks:
        desk.join(timeout=60)
        assert desk.exitcode == 0
    assert sum(ok for ok, _ in outcomes) == 50
    assert sum(refused for _, refused in outcomes) == 220 - 50
    uow = SqlUnitOfWork(create_engine_for(database_url))
    with uow.reading():
        pack = uow.subscriptions.get(gym.pack.id)
        ledger = uow.subscriptions.ledger(gym.pack.id)
    uow.engine.dispose()
    assert pack is not None and pack.remaining == 0
    assert [entry.kind for entry in ledger] == [LedgerKind.VISIT] * 50


def test_killed_mid_stream_loses_no_acknowledged_check_in(sqlite_url: str) -> None:
    uow = open_uow(sqlite_url)
    gym = seed_gym(uow)
    uow.engine.dispose()
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.integration.helpers_workers", sqlite_url, str(gym.customer.id), str(gym.branch.id)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )
    assert child.stdout is not None
    acknowledged: list[str] = []
    deadline = time.monotonic() + 60
    while len(acknowledged) < 150 and time.monotonic() < deadline:
        line = child.stdout.readline()
        if not line:
            break
        acknowledged.append(line.strip())
    time.sleep(random.uniform(0, 0.01))  # land somewhere inside a later transaction
    child.send_signal(signal.SIGKILL)
    acknowledged += [line.strip() for line in child.stdout.read().splitlines() if line.strip()]
    child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL
    assert len(acknowledged) >= 150

    integrity_check(sqlite_url)  # raises StorageError if the file were damaged
    uow = SqlUnitOfWork(create_engine_for(sqlite_url))
    with uow.reading():
        stored = {str(visit.id) for visit in uow.attendance.query(customer_id=gym.customer.id)}
        visits = uow.attendance.query(customer_id=gym.customer.id, limit=1)
    uow.engine.dispose()
    assert set(acknowledged) <= stored
    assert len(stored) - len(acknowledged) <= 1  # at most the one committed but not yet printed
    assert visits[0].action is AttendanceAction.CHECK_IN_ONLY


def _healthy_file(url: str) -> Path:
    uow = open_uow(url)
    seed_gym(uow)
    uow.engine.dispose()  # closing the last connection checkpoints the WAL into the file
    path = sqlite_path(url)
    assert path is not None and not path.with_name(path.name + "-wal").exists()
    return path


@pytest.mark.parametrize("damage", ["random bytes", "truncated header", "torn pages"])
def test_damaged_file_is_reported_and_left_untouched(sqlite_url: str, damage: str) -> None:
    path = _healthy_file(sqlite_url)
    original = path.read_bytes()
    rng = random.Random(damage)
    if damage == "random bytes":
        path.write_bytes(rng.randbytes(len(original)))
    elif damage == "truncated header":
        path.write_bytes(original[:60])
    else:
        pages = bytearray(original)
        for page in range(2, len(original) // 4096):
            pages[page * 4096 : page * 4096 + 4096] = rng.randbytes(4096)
        path.write_bytes(bytes(pages))
    damaged = path.read_bytes()
    modified = path.stat().st_mtime_ns

    with pytest.raises(StorageError, match=r"database file .* is damaged.*left exactly as it is") as caught:
        quick_check(sqlite_url)
    assert str(path) in str(caught.value)
    assert path.read_bytes() == damaged and path.stat().st_mtime_ns == modified
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no -wal/-shm created either


def test_opening_a_damaged_file_says_so_in_plain_words(sqlite_url: str) -> None:
    path = _healthy_file(sqlite_url)
    path.write_bytes(b"this is a spreadsheet, not a gym" * 200)
    uow = SqlUnitOfWork(create_engine_for(sqlite_url))
    with pytest.raises(StorageError, match="damaged"), uow:
        pass
    uow.engine.dispose()


def test_newest_backup_restores_a_damaged_database(sqlite_url: str, tmp_path: Path) -> None:
    path = _healthy_file(sqlite_url)
    backups = tmp_path / "backups"
    backup(sqlite_url, backups / "gym-old.sqlite3")
    os.utime(backups / "gym-old.sqlite3", (1, 1))
    backup(sqlite_url, backups / "gym-new.sqlite3")
    path.write_bytes(b"\0" * 4096 * 3)
    with pytest.raises(StorageError):
        quick_check(sqlite_url)

    newest = newest_backup(backups)
    assert newest == backups / "gym-new.sqlite3"
    kept = restore(newest, sqlite_url)

    assert kept is not None and kept.read_bytes() == b"\0" * 4096 * 3  # the damaged file is kept aside
    quick_check(sqlite_url)
    uow = SqlUnitOfWork(create_engine_for(sqlite_url))
    with uow.reading():
        assert uow.customers.count() == 1
        assert uow.branches.by_number(1) is not None
    uow.engine.dispose()


def test_postgresql_backups_point_to_pg_dump(postgres_url: str, tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="pg_dump"):
        backup(postgres_url, tmp_path / "x.sqlite3")


def test_busy_database_becomes_a_plain_message(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from reception.repository.sql import engine as engine_module

    uow = open_uow(sqlite_url)
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 200)
    impatient = SqlUnitOfWork(create_engine_for(sqlite_url))
    try:
        with uow:  # another desk holds the write lock
            with pytest.raises(StorageError, match="busy.*try again"):
                with impatient:
                    pass
    finally:
        impatient.engine.dispose()
        uow.engine.dispose()


def test_read_only_file_becomes_a_plain_message(sqlite_url: str) -> None:
    path = _healthy_file(sqlite_url)
    if os.geteuid() == 0:
        # root ignores file permissions; a read-only open shows the same failure
        url = f"sqlite:///file:{path}?mode=ro&uri=true"
    else:
        path.chmod(0o444)
        path.parent.chmod(0o555)
        url = sqlite_url
    uow = SqlUnitOfWork(create_engine_for(url))
    try:
        with pytest.raises(StorageError, match="cannot be written to"), uow:
            uow.payments.next_receipt_no()
            uow.commit()
    finally:
        uow.engine.dispose()
        path.parent.chmod(0o755)
        path.chmod(0o644)


def test_unreachable_server_becomes_a_plain_message() -> None:
    uow = SqlUnitOfWork(create_engine_for("postgresql://reception:secret@127.0.0.1:9/reception"))
    with pytest.raises(StorageError, match="Cannot reach the database server"), uow.reading():
        pass
    uow.engine.dispose()
