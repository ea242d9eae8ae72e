"""No secret in any log or message: a day of realistic failures with canary passwords (a database
password and a staff password that appear nowhere else), then every log file and every line the
programs printed is searched for them."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from reception import settings
from reception.bootstrap import open_app
from reception.domain.errors import AuthenticationFailed, StorageError
from reception.domain.models import Branch, Role, Staff, new_id
from reception.domain.permissions import Permission
from reception.logs import setup_logging
from reception.services.auth import hash_password
from reception.services.context import Approval
from tests.conftest import CANARY_DB_PASSWORD, CANARY_STAFF_PASSWORD

ROOT = Path(__file__).resolve().parents[2]
CANARIES = (CANARY_DB_PASSWORD, CANARY_STAFF_PASSWORD)
DOWN = f"postgresql://reception:{CANARY_DB_PASSWORD}@127.0.0.1:1/reception"  # nothing listens on port 1

# The desk window in a real process: every message box is answered "Close" and its text printed.
DESK = """
import sys
from PySide6.QtWidgets import QDialog, QMessageBox
QDialog.exec = lambda dialog: print("DIALOG:", dialog.windowTitle(), flush=True) or 0  # first start: Quit
def close(box):
    print("MESSAGE:", box.text(), box.informativeText(), flush=True)
    return QMessageBox.StandardButton.Close
QMessageBox.exec = close
QMessageBox.warning = staticmethod(lambda parent, title, text, *a, **k: print("MESSAGE:", text, flush=True))
if sys.argv[1] == "--save":  # Settings → Database → Save, then the next start
    from reception import settings
    from reception.ui.settings_store import QSettingsStore
    store = QSettingsStore()
    store.set("database_url", sys.argv[2])  # as the dialog writes it (a bad port too)
    store.sync()
    argv = []
else:
    argv = sys.argv[1:]
from reception.cli import main
raise SystemExit(main(argv))
"""


@pytest.fixture
def home() -> Path:
    return Path(os.environ["RECEPTION_HOME"])


@pytest.fixture
def logging_to_file() -> Iterator[Path]:
    """The desk's own log set-up (file handler on the root logger), removed afterwards."""
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    path = setup_logging(logging.INFO)
    yield path
    for handler in [h for h in root.handlers if h not in before]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


def _run(args: list[str], home: Path, **env: str) -> str:
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "RECEPTION_HOME": str(home), "QT_QPA_PLATFORM": "offscreen",
                   **env}
    done = subprocess.run([sys.executable, *args], env=environment, capture_output=True, text=True, timeout=120)
    return f"exit {done.returncode}\n{done.stdout}\n{done.stderr}"  # the output only: the command line holds the URL


def _sign_ins(url: str) -> list[str]:
    """A shift's worth of sign-in trouble at one desk; returns what the desk showed."""
    app = open_app(url)
    shown: list[str] = []
    try:
        branch = Branch(id=new_id(), number=1, name="Downtown")
        with app.uow as uow:
            uow.branches.add(branch)
            uow.staff.add(Staff(new_id(), "mona", "Mona Manager", Role.MANAGER, branch.id,
                                hash_password(CANARY_STAFF_PASSWORD)))
            uow.commit()
        for username, password in [
            ("mona", CANARY_STAFF_PASSWORD + "x"),  # a typo of the real password
            (CANARY_STAFF_PASSWORD, CANARY_STAFF_PASSWORD),  # the password typed into the name field too
            (f" {CANARY_STAFF_PASSWORD}", "mona"),  # fields swapped
            ("mona", CANARY_STAFF_PASSWORD[:-1]),
            ("MONA ", CANARY_STAFF_PASSWORD.upper()),
            ("mona", CANARY_STAFF_PASSWORD),  # right, but the desk is paused now
        ]:
            try:
                app.staff.authenticate(username, password)
            except AuthenticationFailed as error:
                shown.append(error.message)
        try:
            app.staff.approve(Approval("mona", CANARY_STAFF_PASSWORD), Permission.OVERRIDE_DENIAL, branch.id)
        except AuthenticationFailed as error:
            shown.append(error.message)
    finally:
        app.close()
    return shown


def test_no_canary_password_reaches_a_log_or_the_screen(home: Path, tmp_path: Path, logging_to_file: Path) -> None:
    log = logging.getLogger("reception.tests")
    seen: list[str] = []

    # The command line and a kiosk script, server down, password in --db and in RECEPTION_DB.
    for command in (["verify", "GYM-1-0000ABCD", "--json"], ["customers", "search", "Salem"], ["db", "check"],
                    ["db", "upgrade"], ["attendance"]):
        seen.append(_run(["-m", "reception", "--db", DOWN, *command], home))
    seen.append(_run(["-m", "reception", "verify", "GYM-1-0000ABCD"], home, RECEPTION_DB=DOWN))
    seen.append(_run(["-m", "reception", "--db", DOWN.replace(":1/", ":port/"), "db", "check"], home))  # a typo
    seen.append(_run(["-m", "reception", "--db", DOWN.replace("postgresql", "postgersql"), "verify", "X"], home))
    # The real server, refusing the wrong password.
    wrong = f"postgresql://reception:{CANARY_DB_PASSWORD}@127.0.0.1:5432/reception_test"
    seen.append(_run(["-m", "reception", "--db", wrong, "customers", "search", "x"], home))

    # The desk window: server down via --db; then a URL saved in the settings (a good one and a mistyped one).
    seen.append(_run(["-c", DESK, "--db", DOWN], home))
    seen.append(_run(["-c", DESK, "--save", DOWN], home))
    seen.append(_run(["-c", DESK, "--save", DOWN.replace(":1/", ":port/")], home))

    # In this process, as the desk opens it: open_app, and the error logged the way the window logs it.
    for url in (DOWN, DOWN.replace("postgresql://", "postgresql+psycopg://"), DOWN.replace(":1/", ":port/")):
        with pytest.raises(StorageError) as failure:
            open_app(url)
        seen.append(failure.value.message)
        log.warning("cannot open: %s", failure.value.message, exc_info=failure.value)
    log.error("a bug while opening %s", DOWN)  # even a careless log line is masked
    settings.resolve(None, settings.MemoryStore({"database_url": DOWN.replace(":1/", ":port/")}), {})

    # Wrong staff passwords at a desk on a local file.
    shown = _sign_ins(f"sqlite:///{tmp_path / 'gym.sqlite3'}")
    assert shown[-2:] == ["Too many attempts; try again in 30 seconds."] * 2
    seen.extend(shown)

    logs = sorted(p for p in home.rglob("*") if p.is_file() and ".log" in p.name)
    assert logging_to_file in logs
    written = {p: p.read_text(encoding="utf-8", errors="replace") for p in logs}
    everything = "\n".join([*seen, *written.values()])
    for canary in CANARIES:
        for form in {canary, quote(canary, safe=""), canary.casefold(), canary.upper()}:
            leaks = [str(p) for p, text in written.items() if form in text]
            leaks += [line for line in "\n".join(seen).splitlines() if form in line]
            assert not leaks, f"{form!r} leaked: {leaks[:3]}"
    # The failures were recorded (so the search below looks at real lines), with the password masked.
    assert "cannot open postgresql+psycopg://reception:***@127.0.0.1:1/reception" in everything
    assert "sign-in failed at desk" in everything and "unknown username" in everything
    assert "That is not a database address Reception understands: postgresql+psycopg://reception:***@" in everything
    assert "Cannot reach the database server" in everything
