"""The access log is kept but archived: old rows move to compressed monthly files beside the database,
each read back before its rows leave the table, so a row is never lost (and can be read back)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from reception.services.context import Desk

from reception import backups
from reception.bootstrap import open_app, open_storage
from reception.cli import main
from reception.repository.sql.sqlite_files import ACCESS_LOG_COLUMNS, access_archive_path, read_access_archive
from tests.conftest import FakeClock

TODAY = datetime.now(UTC)


def reception(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reception", *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": os.getcwd()})


def _rows(db: Path) -> dict[str, dict[str, object]]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        found = connection.execute(f"SELECT {', '.join(ACCESS_LOG_COLUMNS)} FROM access_log").fetchall()
    return {str(values[0]): dict(zip(ACCESS_LOG_COLUMNS, values, strict=True)) for values in found}


@pytest.fixture
def scanned(tmp_path: Path) -> Path:
    """A gym whose desks scanned junk and cards 300, 200 and 30 days ago and today."""
    db = tmp_path / "gym.sqlite3"
    url = f"sqlite:///{db}"
    assert main(["--db", url, "demo", "--customers", "10"]) == 0
    for days_ago in (300, 200, 30, 0):
        clock = FakeClock(TODAY - timedelta(days=days_ago, hours=1))
        app = open_app(url, clock=clock)
        try:
            desk = app.kiosk_desk(app.catalogue.branches()[0])
            owner = Desk(app.staff.authenticate("owner", "demo1234"), app.catalogue.branches()[0])
            card = app.customers.by_member_no(owner, 1).qr_code
            for n in range(25):
                app.desk.scan(desk, card if n % 5 == 0 else f"junk {days_ago} {n} \x00")
        finally:
            app.close()
    return db


def test_archive_log_moves_old_rows_to_monthly_files_and_loses_none(scanned: Path) -> None:
    db = scanned
    everything = _rows(db)
    cutoff = (TODAY - timedelta(days=100)).date()

    done = reception("db", "archive-log", "--before", cutoff.isoformat(), "--db", str(db))

    assert done.returncode == 0, done.stderr
    live = _rows(db)
    assert live and all(str(row["created_at"]) >= cutoff.isoformat() for row in live.values())
    months = sorted({str(row["created_at"])[:7] for row in everything.values()}
                    - {str(row["created_at"])[:7] for row in live.values()})
    archived: dict[str, dict[str, object]] = {}
    for month in months:
        path = access_archive_path(db, month)
        assert path.exists() and str(path) in done.stdout
        archived |= read_access_archive(path)
    assert len(archived) == 50 and set(archived).isdisjoint(live)
    assert archived | live == everything  # every row, every field, in exactly one place

    again = reception("db", "archive-log", "--before", cutoff.isoformat(), "--db", str(db))
    assert again.returncode == 0 and "no access-log rows to archive" in again.stdout
    assert {m: read_access_archive(access_archive_path(db, m)) for m in months} == {
        m: {k: v for k, v in archived.items() if str(v["created_at"]).startswith(m)} for m in months}


def test_an_archive_that_cannot_be_written_removes_nothing(scanned: Path) -> None:
    db = scanned
    everything = _rows(db)
    access_archive_path(db, "2000-01").parent.write_text("a file where the archive folder goes")

    refused = reception("db", "archive-log", "--days", "100", "--db", str(db))

    assert refused.returncode == 2 and "was not archived" in refused.stderr and "nothing was removed" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert _rows(db) == everything


def test_the_daily_backup_archives_rows_older_than_180_days(scanned: Path, tmp_path: Path) -> None:
    db = scanned
    everything = _rows(db)

    assert backups.daily_backup(open_storage(f"sqlite:///{db}"), folder=tmp_path / "backups") is not None

    live = _rows(db)
    old = {k for k, v in everything.items() if str(v["created_at"]) < (TODAY - timedelta(days=181)).isoformat(sep=" ")}
    assert len(old) == 50 and set(live) == set(everything) - old  # 300 and 200 days ago left; 30 and 0 stayed
    archived = {}
    for month in {str(everything[k]["created_at"])[:7] for k in old}:
        archived |= read_access_archive(access_archive_path(db, month))
    assert {k: everything[k] for k in old} == archived
