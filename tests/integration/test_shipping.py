"""Shipping to a desk PC: settings precedence, the log, the error hook, one instance per database, backups, self-test."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from reception import backups, logs, paths, settings
from reception.bootstrap import App, open_app, open_storage
from reception.instance import AlreadyRunning, acquire
from reception.settings import DeskSettings, MemoryStore, Source
from tests.conftest import owner_desk

ROOT = Path(__file__).resolve().parents[2]


# ---------------------------------------------------------------- settings


def test_each_setting_comes_from_flag_then_env_then_saved_then_default() -> None:
    store = MemoryStore({"database_url": "sqlite:////saved.sqlite3", "camera": "2", "theme": "dark", "sounds": "off"})
    env = {"RECEPTION_DB": "sqlite:////env.sqlite3", "RECEPTION_CAMERA": "1"}
    flags = {"db": "sqlite:////flag.sqlite3"}

    resolved = settings.resolve(flags, store, env)

    assert resolved.settings.database_url == "sqlite:////flag.sqlite3"
    assert resolved.settings.camera == "1"
    assert resolved.settings.theme == "dark" and resolved.settings.sounds is False
    assert resolved.settings.decoder == "auto" and resolved.settings.backups_to_keep == 14
    assert resolved.sources["database_url"] is Source.FLAG
    assert resolved.sources["camera"] is Source.ENV
    assert resolved.sources["theme"] is Source.SAVED
    assert resolved.sources["decoder"] is Source.DEFAULT

    assert settings.resolve({}, store, env).settings.database_url == "sqlite:////env.sqlite3"
    assert settings.resolve({}, store, {}).settings.database_url == "sqlite:////saved.sqlite3"
    assert settings.resolve({}, None, {}).settings == DeskSettings()


def test_a_nonsense_value_is_skipped_for_the_next_level(caplog: pytest.LogCaptureFixture) -> None:
    resolved = settings.resolve({}, MemoryStore({"theme": "dark", "backups_to_keep": "0"}),
                                {"RECEPTION_THEME": "purple", "RECEPTION_SOUNDS": "maybe"})
    assert resolved.settings.theme == "dark" and resolved.sources["theme"] is Source.SAVED
    assert resolved.settings.sounds is True and resolved.settings.backups_to_keep == 14
    assert "purple" in caplog.text


def test_saved_settings_round_trip_and_demo_flag_picks_the_demo_file() -> None:
    store = MemoryStore()
    wanted = DeskSettings(database_url="sqlite:////x.sqlite3", camera="file:/tmp/frames", decoder="pyzbar",
                          scanner_prefix="]Q", scanner_suffix="\t", sounds=False, theme="dark", backups_to_keep=30)
    settings.save(store, wanted)
    assert settings.resolve(None, store, {}).settings == wanted
    demo = settings.resolve({"demo": True, "db": None}, store, {})
    assert demo.settings.database_url == paths.demo_database_url()
    # RECEPTION_DB names where the demo goes, as for `reception demo` (which refuses another gym there).
    demo_env = settings.resolve({"demo": True, "db": None}, store, {"RECEPTION_DB": "sqlite:////env.sqlite3"})
    assert demo_env.settings.database_url == "sqlite:////env.sqlite3"


# ---------------------------------------------------------------- logs and the error hook


@pytest.fixture
def desk_log() -> Iterator[Path]:
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    saved_hooks = sys.excepthook
    path = logs.setup_logging(logging.INFO)
    yield path
    for handler in root.handlers:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
    sys.excepthook = saved_hooks
    import threading

    threading.excepthook = threading.__excepthook__


def test_the_log_is_written_and_rotated_at_1_mb_keeping_5(desk_log: Path) -> None:
    assert desk_log == paths.log_dir() / "reception.log"
    logging.getLogger("reception.test").info("desk opened")
    assert "desk opened" in desk_log.read_text(encoding="utf-8")

    chunk = "x" * 1000
    for _ in range(7 * 1000):  # ~7 MB through a 1 MB × 5 rotation
        logging.getLogger("reception.test").info(chunk)
    files = sorted(p.name for p in desk_log.parent.glob("reception.log*"))
    assert files == ["reception.log", *(f"reception.log.{n}" for n in range(1, 6))]
    assert all(p.stat().st_size <= 1_000_000 for p in desk_log.parent.glob("reception.log*"))


def test_setting_up_twice_does_not_double_lines(desk_log: Path) -> None:
    logs.setup_logging()
    logging.getLogger("reception.test").warning("once")
    assert desk_log.read_text(encoding="utf-8").count("once") == 1


def test_an_uncaught_error_is_logged_with_its_traceback_and_shown_in_words(desk_log: Path) -> None:
    shown: list[str] = []
    hook = logs.install_excepthook(shown.append)

    def deep() -> None:
        raise RuntimeError("boom at the desk")

    try:
        deep()
    except RuntimeError:
        hook(*sys.exc_info())

    assert shown == [f"Something went wrong — details saved to {desk_log}"]
    text = desk_log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "in deep" in text and "boom at the desk" in text


def test_the_app_keeps_running_after_an_error_in_a_qt_slot(tmp_path: Path) -> None:
    script = textwrap.dedent("""
        import sys
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        from reception import logs
        logs.setup_logging()
        shown = []
        logs.install_excepthook(shown.append)
        app = QApplication([])
        def broken():
            raise ValueError("slot failed")
        def later():
            print("still running;", shown[0])
            app.quit()
        QTimer.singleShot(0, broken)
        QTimer.singleShot(50, later)
        sys.exit(app.exec())
    """)
    done = _python(script, env={"QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    assert "still running; Something went wrong — details saved to" in done.stdout
    assert "ValueError: slot failed" in (paths.log_dir() / "reception.log").read_text(encoding="utf-8")


# ---------------------------------------------------------------- one instance per database


def _python(code: str, *, env: dict[str, str] | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**os.environ, **(env or {})},
                          check=False, capture_output=True, text=True, timeout=timeout)


HOLDER = textwrap.dedent("""
    import sys
    from reception.instance import acquire
    lock = acquire(sys.argv[1])
    print("locked", flush=True)
    sys.stdin.read()  # holds the lock until the test closes our stdin (or kills us)
""")

TRY = textwrap.dedent("""
    import sys
    from reception.instance import AlreadyRunning, acquire
    try:
        acquire(sys.argv[1]).release()
    except AlreadyRunning as error:
        print(error)
        sys.exit(3)
    print("acquired")
""")


def _holder(url: str) -> subprocess.Popen[str]:
    process = subprocess.Popen([sys.executable, "-c", HOLDER, url], cwd=ROOT,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stdout.readline().strip() == "locked"
    return process


def _try(url: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", TRY, url], cwd=ROOT, check=False, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("how", ["exits", "SIGKILL"])
def test_a_second_process_is_refused_until_the_first_is_gone(sqlite_url: str, how: str) -> None:
    first = _holder(sqlite_url)
    try:
        refused = _try(sqlite_url)
        assert refused.returncode == 3, refused.stderr
        assert "Reception is already open on this database (Local file:" in refused.stdout
        assert f"process {first.pid}" in refused.stdout
        if how == "SIGKILL":
            first.send_signal(signal.SIGKILL)
        else:
            assert first.stdin is not None
            first.stdin.close()  # the holder returns and exits normally
        first.wait(timeout=30)
        assert first.returncode == (-signal.SIGKILL if how == "SIGKILL" else 0)
    finally:
        first.kill()
    again = _try(sqlite_url)
    assert again.returncode == 0 and again.stdout.strip() == "acquired", again.stdout + again.stderr


def test_a_lock_in_this_process_refuses_a_second_one_and_server_urls_lock_in_the_data_dir() -> None:
    url = "postgresql+psycopg://desk:secret@db.example:5432/gym"
    with acquire(url) as lock:
        assert lock.path is not None and lock.path.parent == paths.data_dir() / "locks"
        assert "secret" not in lock.path.name
        with pytest.raises(AlreadyRunning, match="already open on this database"):
            acquire(url.replace("secret", "other"))  # the password does not make it another database
    acquire(url).release()


# ---------------------------------------------------------------- backups


@pytest.fixture
def gym(sqlite_url: str, clock) -> Iterator[App]:  # type: ignore[no-untyped-def]
    from reception.services.demo import build_demo

    app = open_app(sqlite_url, clock=clock)
    build_demo(app.uow, app.clock, customers=5)
    yield app
    app.close()


def _register(app: App, name: str, phone: str) -> None:
    app.customers.register(owner_desk(app), full_name=name, phone=phone)


def _names(url: str, *queries: str) -> set[str]:
    app = open_app(url)
    try:
        return {c.full_name for query in queries for c in app.customers.search(owner_desk(app), query, limit=10)}
    finally:
        app.close()


def test_daily_backup_once_a_day_pruned_to_n_and_checked(gym: App) -> None:
    day = datetime(2026, 11, 1, 21, 30)
    made = [backups.daily_backup(gym.storage, keep=3, now=day + timedelta(days=n)) for n in range(5)]
    assert all(b is not None for b in made)
    assert backups.daily_backup(gym.storage, keep=3, now=day + timedelta(days=4, hours=1)) is None  # same day: skip

    kept = backups.list_backups(gym.url)
    assert [b.path.name for b in kept] == [f"gym-202611{d:02d}-213000.sqlite3" for d in (5, 4, 3)]
    assert kept[0].daily and kept[0].taken_at == datetime(2026, 11, 5, 21, 30) and kept[0].size > 0
    assert all(p.parent == paths.backup_dir() for p in (b.path for b in kept))


def test_a_restore_brings_back_the_day_of_the_backup(gym: App) -> None:
    _register(gym, "Early Bird", "01000000001")
    taken = backups.daily_backup(gym.storage, keep=5)
    assert taken is not None
    _register(gym, "Late Comer", "01000000002")
    gym.close()

    kept = backups.restore_backup(taken, gym.storage)

    assert kept is not None and kept.exists() and ".replaced-" in kept.name
    names = _names(gym.url, "Early", "Late", "Mohamed")
    assert {"Early Bird", "Mohamed Salem"} <= names and "Late Comer" not in names


def test_a_damaged_file_is_kept_aside_and_the_newest_good_backup_offered(gym: App, sqlite_url: str) -> None:
    older = backups.daily_backup(gym.storage, now=datetime(2026, 11, 1, 8, 0))
    newer = backups.daily_backup(gym.storage, now=datetime(2026, 11, 2, 8, 0))
    assert older and newer
    broken_backup = paths.backup_dir() / "gym-20261103-080000.sqlite3"
    broken_backup.write_bytes(b"not a database at all" * 100)
    gym.close()
    db = Path(sqlite_url.removeprefix("sqlite:///"))
    with db.open("r+b") as handle:  # scribble over the first pages, past the header
        handle.seek(4096)
        handle.write(os.urandom(8192))

    assert backups.is_damaged(open_storage(sqlite_url))
    report = backups.check_at_start(open_storage(sqlite_url))

    assert report is not None
    assert not db.exists() and report.kept_aside_path.exists()
    assert report.kept_aside_path.name.startswith("gym.sqlite3.damaged-")
    assert report.newest_backup is not None and report.newest_backup.path == newer.path
    backups.restore_backup(report.newest_backup, open_storage(sqlite_url))
    assert backups.check_at_start(open_storage(sqlite_url)) is None
    assert "Mohamed Salem" in _names(sqlite_url, "Mohamed")


def test_a_healthy_or_missing_file_needs_nothing(tmp_path: Path) -> None:
    assert backups.check_at_start(open_storage(f"sqlite:///{tmp_path / 'absent.sqlite3'}")) is None
    assert backups.daily_backup(open_storage(f"sqlite:///{tmp_path / 'absent.sqlite3'}")) is None


# ---------------------------------------------------------------- self-test


@pytest.mark.slow
def test_self_test_passes_on_this_machine(tmp_path: Path) -> None:
    env = {**os.environ, "RECEPTION_HOME": str(tmp_path)}
    env.pop("DISPLAY", None)
    done = subprocess.run([sys.executable, "-m", "reception", "--self-test"], cwd=ROOT, env=env,
                          check=False, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stdout + done.stderr
    for name in ("Qt", "OpenCV", "Database (temporary file)", "QR decoders", "Cameras"):
        assert f"✓ {name}:" in done.stdout
    assert "All essential checks passed." in done.stdout
    assert (tmp_path / "logs" / "self-test.txt").read_text(encoding="utf-8").count("✓") >= 5


# ---------------------------------------------------------------- the cold-start probe


@pytest.mark.slow
def test_the_first_paint_probe_reports_the_first_window_and_quits(tmp_path: Path) -> None:
    from bench import startup

    env = {**os.environ, "RECEPTION_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen",
           "RECEPTION_EXIT_AFTER_FIRST_PAINT": "1"}
    subprocess.run([sys.executable, "-m", "reception", "demo", "--customers", "5"], cwd=ROOT, env=env, check=True,
                   capture_output=True, timeout=120)
    command = ([sys.executable, "-m", "reception"] if startup._app_installs_probe()
               else [sys.executable, "-c", startup.INJECT])
    done = subprocess.run([*command, "--demo"], cwd=ROOT, env=env, check=False, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    marker = [line.split() for line in done.stdout.splitlines() if line.startswith("RECEPTION_FIRST_PAINT")]
    assert len(marker) == 1 and float(marker[0][1]) > 0 and marker[0][2].endswith(("Dialog", "Window"))
