"""`reception db restore` and Settings → Restore: a backup is checked before the live file is touched,
nothing is restored under an open desk, and a failure leaves the database exactly as it was."""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reception import backups
from reception.bootstrap import open_storage
from reception.cli import main

HOLDER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from reception import instance
    from reception.bootstrap import open_app
    from reception.domain.errors import DomainError
    from reception.domain.models import AttendanceAction
    from reception.services.context import Desk

    url, stop = sys.argv[1], Path(sys.argv[2])
    lock = instance.acquire(url)              # what a desk does when it opens the database
    app = open_app(url)
    staff = app.staff.authenticate("desk1", "demo1234")
    branch = next(b for b in app.catalogue.branches() if b.id == staff.branch_id)
    desk = Desk(staff, branch)
    members = []
    for number in range(1, 21):
        customer = app.customers.by_member_no(desk, number)
        try:
            app.desk.check_in(desk, customer.id, AttendanceAction.CHECK_IN_ONLY, confirm_repeat=True)
        except DomainError:
            continue
        members.append(customer)
    print("ready", flush=True)
    n = 0
    while not stop.exists():
        result = app.desk.check_in(desk, members[n % len(members)].id, AttendanceAction.CHECK_IN_ONLY,
                                   confirm_repeat=True)
        print(result.attendance.id, flush=True)  # acknowledged: the desk showed it as done
        n += 1
    app.close()
    lock.release()
""")


def reception(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    if args and args[0] in ("customers", "attendance"):
        args = ("--user", "owner", *args)  # they show members' details: the demo owner signs in
    return subprocess.run([sys.executable, "-m", "reception", *args], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "PYTHONPATH": os.getcwd(), "RECEPTION_PASSWORD": "demo1234"})


@pytest.fixture
def gym(tmp_path: Path) -> tuple[str, Path, Path]:
    """A demo gym in a file, and a checked daily backup of it."""
    db = tmp_path / "gym.sqlite3"
    url = f"sqlite:///{db}"
    assert main(["--db", url, "demo", "--customers", "20"]) == 0
    taken = backups.daily_backup(open_storage(url), folder=tmp_path / "backups")
    assert taken is not None
    return url, db, taken.path


def _visit_ids(db: Path) -> set[str]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        rows = connection.execute("SELECT id FROM attendance").fetchall()
    return {(row[0].hex() if isinstance(row[0], bytes) else str(row[0])).replace("-", "").lower() for row in rows}


def _untouched(db: Path, before: bytes) -> None:
    assert db.read_bytes() == before  # byte for byte
    assert not [p for p in db.parent.iterdir() if ".replaced-" in p.name or p.name.endswith((".partial", ".restoring"))]


def test_restore_refuses_while_a_desk_holds_the_database_and_no_check_in_is_lost(gym, tmp_path: Path) -> None:
    url, db, backup = gym
    stop = tmp_path / "stop"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, url, str(stop)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": os.getcwd()})
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready", holder.stderr
        acknowledged = [holder.stdout.readline().strip() for _ in range(20)]  # it is checking members in

        refused = reception("db", "restore", str(backup), "--db", url)

        acknowledged += [holder.stdout.readline().strip() for _ in range(20)]  # and it goes on doing so
    finally:
        stop.touch()
        assert holder.stdout is not None and holder.stderr is not None
        rest = holder.stdout.read()  # through the same buffer as readline(), not communicate()
        errors = holder.stderr.read()
        holder.wait(timeout=60)
    assert holder.returncode == 0, errors
    acknowledged += rest.split()
    assert refused.returncode == 2, refused.stdout + refused.stderr
    message = refused.stderr
    assert f"process {holder.pid}" in message and socket.gethostname() in message
    assert Path(sys.executable).name in message  # the program that holds it
    assert "was not restored" in message and "Traceback" not in message
    assert not [p for p in tmp_path.iterdir() if ".replaced-" in p.name]
    live = _visit_ids(db)
    assert len(acknowledged) >= 40 and {a.replace("-", "") for a in acknowledged} <= live  # every one in the live file


def test_restore_refuses_while_another_program_has_the_file_open(gym) -> None:
    url, db, backup = gym
    before = db.read_bytes()  # read first: closing any file of this process would drop its SQLite locks
    other = sqlite3.connect(db)  # e.g. a report tool: no Reception lock, an open connection
    try:
        other.execute("SELECT count(*) FROM customers").fetchall()
        refused = reception("db", "restore", str(backup), "--db", url)
    finally:
        other.close()
    assert refused.returncode == 2 and "open in another program" in refused.stderr, refused.stderr
    _untouched(db, before)


def _future_backup(backup: Path, tmp_path: Path) -> Path:
    future = tmp_path / "from-a-newer-version.sqlite3"
    shutil.copyfile(backup, future)
    with sqlite3.connect(future) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    return future


def _foreign_sqlite(tmp_path: Path) -> Path:
    path = tmp_path / "contacts.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
        connection.execute("INSERT INTO contacts VALUES ('Mohamed', '01077827638')")
    return path


def _damaged_backup(backup: Path, tmp_path: Path) -> Path:
    damaged = tmp_path / "gym-torn.sqlite3"
    pages = bytearray(backup.read_bytes())
    for page in range(3, len(pages) // 4096, 2):
        pages[page * 4096 + 100: page * 4096 + 4000] = os.urandom(3900)
    damaged.write_bytes(bytes(pages))
    return damaged


BAD_BACKUPS = {
    "mistyped path": (lambda backup, tmp: tmp / "backups" / "gym-2026111-0200.sqlite3", "There is no backup file at"),
    "a folder": (lambda backup, tmp: tmp / "backups", "is a folder, not a backup file"),
    "a text file": (lambda backup, tmp: _write(tmp / "notes.sqlite3", b"opening hours 6-23\n" * 400),
                    "not a Reception backup"),
    "an empty file": (lambda backup, tmp: _write(tmp / "empty.sqlite3", b""), "is empty (0 bytes)"),
    "a damaged backup": (_damaged_backup, "is damaged"),
    "another program's database": (lambda backup, tmp: _foreign_sqlite(tmp), "not a Reception backup"),
    "a newer schema revision": (_future_backup, "newer version of Reception"),
}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("case", BAD_BACKUPS)
def test_a_bad_backup_is_refused_before_the_live_file_is_touched(gym, tmp_path: Path, case: str) -> None:
    url, db, backup = gym
    make, words = BAD_BACKUPS[case]
    bad = make(backup, tmp_path)
    before = db.read_bytes()

    refused = reception("db", "restore", str(bad), "--db", url)

    assert refused.returncode == 2, refused.stdout
    assert words in refused.stderr and str(bad) in refused.stderr and "Traceback" not in refused.stderr
    _untouched(db, before)
    after = reception("customers", "search", "Mohamed", "--db", url, "--json")
    assert after.returncode == 0 and "Mohamed Salem" in after.stdout  # the gym is still there


def test_a_good_restore_keeps_the_replaced_file_byte_for_byte(gym, tmp_path: Path) -> None:
    url, db, backup = gym
    assert main(["--db", url, "verify", "GYM-1-00000000"]) == 1  # an access-log row after the backup
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = db.read_bytes()

    done = reception("db", "restore", str(backup), "--db", url)

    assert done.returncode == 0, done.stderr
    kept = [p for p in tmp_path.iterdir() if ".replaced-" in p.name and p.suffix != ".partial"]
    assert len(kept) == 1 and kept[0].read_bytes() == before and str(kept[0]) in done.stdout
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        codes = [row[0] for row in connection.execute("SELECT code FROM access_log")]
        assert "GYM-1-00000000" not in codes  # the backup's content, not the replaced file's
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def _namespaces_allowed() -> bool:
    probe = subprocess.run(["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt && umount /mnt"],
                           capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(shutil.which("unshare") is None or not _namespaces_allowed(),
                    reason="needs `unshare -m` and tmpfs mounts (root in a container or CAP_SYS_ADMIN) to fill a disk")
def test_a_disk_that_fills_up_mid_restore_leaves_the_database_exactly_as_it_was(tmp_path: Path) -> None:
    small = tmp_path / "small.sqlite3"
    assert main(["--db", f"sqlite:///{small}", "demo", "--customers", "5"]) == 0
    big = tmp_path / "big.sqlite3"  # a bigger gym's backup: it cannot fit where the database lives
    assert main(["--db", f"sqlite:///{big}", "demo", "--customers", "3000"]) == 0
    with sqlite3.connect(big) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    disk = tmp_path / "disk"
    disk.mkdir()
    room = small.stat().st_size * 2 + 256 * 1024  # the database and its kept copy fit; the backup does not
    assert big.stat().st_size > room
    script = textwrap.dedent(f"""
        set -e
        mount -t tmpfs -o size={room} tmpfs {disk}
        cp {small} {disk}/gym.sqlite3
        sha256sum {disk}/gym.sqlite3 > {tmp_path}/before
        set +e
        {sys.executable} -m reception db restore {big} --db {disk}/gym.sqlite3 > {tmp_path}/out 2> {tmp_path}/err
        echo $? > {tmp_path}/rc
        sha256sum {disk}/gym.sqlite3 > {tmp_path}/after
        ls {disk} > {tmp_path}/files
        {sys.executable} -m reception --user owner customers search Mohamed --db {disk}/gym.sqlite3 > {tmp_path}/search 2>&1
    """)
    subprocess.run(["unshare", "-m", "sh", "-c", script], check=True, timeout=300,
                   env={**os.environ, "PYTHONPATH": os.getcwd(), "RECEPTION_PASSWORD": "demo1234"})
    message = (tmp_path / "err").read_text()
    assert (tmp_path / "rc").read_text().strip() == "2", message
    assert "could not be restored" in message and "left exactly as it was" in message and "Traceback" not in message
    assert str(big) in message
    assert (tmp_path / "before").read_text() == (tmp_path / "after").read_text()  # byte for byte
    assert ".replaced-" not in (tmp_path / "files").read_text()
    assert "Mohamed Salem" in (tmp_path / "search").read_text()


def test_settings_restore_of_a_bad_file_names_it_and_keeps_the_database(gym, tmp_path: Path, qtbot,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from reception.ui import app as desk_app

    url, db, backup = gym
    future = _future_backup(backup, tmp_path)
    before = db.read_bytes()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(f"{box.windowTitle()}: {box.text()}") or 0)
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(f"{title}: {text}"))

    assert desk_app._restore_from(future, url) is None

    assert shown and "could not be restored" in shown[0] and str(future) in shown[0] and "newer version" in shown[0]
    _untouched(db, before)


def test_a_desk_restoring_its_own_database_goes_ahead(gym, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from reception import instance
    from reception.ui import app as desk_app

    url, db, backup = gym
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))
    with instance.acquire(url):  # Settings → Restore runs while this desk holds the lock
        assert desk_app._restore_from(backup, url)
    assert "Sign in again" in shown[0]
