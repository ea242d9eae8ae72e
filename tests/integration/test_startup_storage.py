"""Opening the database: only a failed check is damage; I/O problems, a read-only folder, an empty file and
another program's write transaction each get their own true message (real files, real processes)."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from reception.cli import main

# The real desk start-up (`reception --db ...`), offscreen, with every message box read out and closed.
DESK = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox
    qapp = QApplication(sys.argv[:1])
    def close_boxes():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            print("BOX:", box.windowTitle(), "|", box.text(), "|", box.informativeText(), flush=True)
            box.done(int(QMessageBox.StandardButton.Close))
    timer = QTimer()
    timer.timeout.connect(close_boxes)
    timer.start(100)
    from reception.cli import main
    sys.exit(main(sys.argv[1:]))
""")


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.getcwd(), "QT_QPA_PLATFORM": "offscreen", "RECEPTION_PASSWORD": "demo1234"}


def start_desk(db: Path, *, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*prefix, sys.executable, "-c", DESK, "--db", str(db)], capture_output=True, text=True,
                          timeout=120, env=_env())


def reception(*args: str, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    if args and args[0] in ("customers", "attendance"):
        args = ("--user", "owner", *args)  # they show members' details: the demo owner signs in
    return subprocess.run([*prefix, sys.executable, "-m", "reception", *args], capture_output=True, text=True,
                          timeout=120, env=_env())


@pytest.fixture
def gym(tmp_path: Path) -> Path:
    db = tmp_path / "gym.sqlite3"
    assert main(["--db", f"sqlite:///{db}", "demo", "--customers", "20"]) == 0
    return db


def _with_a_backup(db: Path) -> None:
    from reception import backups
    from reception.bootstrap import open_storage

    assert backups.daily_backup(open_storage(f"sqlite:///{db}")) is not None  # a backup the desk could offer


def test_a_folder_at_the_database_path_is_reported_not_moved_aside(gym: Path, tmp_path: Path) -> None:
    _with_a_backup(gym)
    folder = tmp_path / "branch.sqlite3"
    folder.mkdir()  # SQLite answers "disk I/O error" when it reads a folder
    (folder / "inside.txt").write_text("kept")

    started = start_desk(folder)

    assert started.returncode == 2, started.stdout + started.stderr
    assert "is a folder, not a database file" in started.stdout and "damaged" not in started.stdout
    assert "Restore the newest backup" not in started.stdout
    assert folder.is_dir() and (folder / "inside.txt").read_text() == "kept"
    assert not [p for p in tmp_path.iterdir() if ".damaged-" in p.name]


def _unprivileged() -> tuple[str, ...]:
    """root reads any file; without CAP_DAC_OVERRIDE/READ_SEARCH it obeys the permissions like a desk user."""
    if os.geteuid() != 0:
        return ()
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv, so a chmod 000 file stays readable")
    return ("setpriv", "--bounding-set=-dac_override,-dac_read_search")


def test_a_file_this_user_may_not_read_is_reported_not_moved_aside(gym: Path, tmp_path: Path) -> None:
    _with_a_backup(gym)
    before = gym.read_bytes()
    gym.chmod(0o000)
    try:
        started = start_desk(gym, prefix=_unprivileged())
    finally:
        gym.chmod(0o644)

    assert started.returncode == 2, started.stdout + started.stderr
    assert "cannot be read: permission denied" in started.stdout and "damaged" not in started.stdout
    assert gym.read_bytes() == before and not [p for p in tmp_path.iterdir() if ".damaged-" in p.name]


def test_a_failed_check_is_still_damage_and_the_backup_is_offered(gym: Path, tmp_path: Path) -> None:
    _with_a_backup(gym)
    gym.write_bytes(b"SQLite format 3\x00" + os.urandom(8192))

    started = start_desk(gym)

    assert "The database file is damaged" in started.stdout and "Restore the newest backup" in started.stdout
    assert [p for p in tmp_path.iterdir() if ".damaged-" in p.name]


def test_an_empty_file_is_not_turned_into_a_new_gym(tmp_path: Path) -> None:
    empty = tmp_path / "gym.sqlite3"
    empty.touch()

    searched = reception("customers", "search", "Mohamed", "--db", str(empty))
    started = start_desk(empty)

    assert searched.returncode == 2 and "is empty (0 bytes): it is not a gym database" in searched.stderr
    assert started.returncode == 2 and "is empty (0 bytes)" in started.stdout
    assert "Create your gym" not in started.stdout
    assert empty.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir() if "lock" not in p.name) == [empty.name]


def _namespaces_allowed() -> bool:
    probe = subprocess.run(["unshare", "-m", "sh", "-c", "mount --bind /tmp /mnt && mount -o remount,bind,ro /mnt"],
                           capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(shutil.which("unshare") is None or not _namespaces_allowed(),
                    reason="needs `unshare -m` and bind mounts to make a folder read-only for root")
def test_a_read_only_folder_says_reception_needs_to_write_there(gym: Path, tmp_path: Path) -> None:
    folder = tmp_path / "share"
    folder.mkdir()
    shutil.copyfile(gym, folder / "gym.sqlite3")
    script = textwrap.dedent(f"""
        mount --bind {folder} {folder} && mount -o remount,bind,ro {folder}
        {sys.executable} -m reception customers search Mohamed --db {folder}/gym.sqlite3 \
            > {tmp_path}/out 2> {tmp_path}/err
        echo $? > {tmp_path}/rc
    """)
    subprocess.run(["unshare", "-m", "sh", "-c", script], check=True, timeout=120, env=_env())
    message = (tmp_path / "err").read_text()
    assert (tmp_path / "rc").read_text().strip() == "2", message
    assert f"The folder {folder} is read-only: Reception needs to write there" in message
    assert "drive is connected" not in message and "Traceback" not in message


HOLD_WRITE = textwrap.dedent("""
    import sqlite3, sys, time
    connection = sqlite3.connect(sys.argv[1], isolation_level=None)
    connection.execute("BEGIN IMMEDIATE")  # another program writing: it holds SQLite's write lock
    connection.execute("UPDATE branches SET address = address")
    print("writing", flush=True)
    sys.stdin.readline()
    connection.execute("ROLLBACK")
""")


def test_read_only_commands_answer_while_another_program_holds_the_write_lock(gym: Path) -> None:
    writer = subprocess.Popen([sys.executable, "-c", HOLD_WRITE, str(gym)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "writing"
        started = time.monotonic()
        found = reception("customers", "search", "Mohamed", "--db", str(gym), "--json")
        searched_in = time.monotonic() - started
        started = time.monotonic()
        visits = reception("attendance", "--db", str(gym))
        listed_in = time.monotonic() - started
    finally:
        assert writer.stdin is not None
        writer.stdin.write("\n")
        writer.stdin.close()
        writer.wait(timeout=30)
    assert found.returncode == 0, found.stderr
    assert "Mohamed Salem" in [row["full_name"] for row in json.loads(found.stdout)]
    assert visits.returncode == 0 and "visit(s) from" in visits.stdout, visits.stderr
    # They answer instead of failing "busy". Signing in (--user) tries to record the attempt and waits
    # SQLite's 10 s busy timeout for the writer before going on without it; the reads themselves never wait.
    assert searched_in < 25 and listed_in < 25


@pytest.mark.parametrize("argv", [("verify", "-XYZ"), ("verify", "--", "-XYZ"), ("verify", "--json", "-hXYZ")])
def test_verify_takes_a_code_that_starts_with_a_dash(gym: Path, argv: tuple[str, ...]) -> None:
    checked = subprocess.run([sys.executable, "-m", "reception", *argv], capture_output=True, text=True, timeout=120,
                             env={**_env(), "RECEPTION_DB": str(gym)})
    assert checked.returncode == 1, checked.stdout + checked.stderr  # denied, not a usage error
    assert ("not a gym card" in checked.stdout) or ('"decision": "deny"' in checked.stdout)
    with sqlite3.connect(f"file:{gym}?mode=ro", uri=True) as connection:
        codes = [row[0] for row in connection.execute("SELECT code FROM access_log")]
    assert argv[-1].upper() in codes  # the scan is in the access log like any other
