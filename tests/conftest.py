"""Shared fixtures: a settable clock, temp app dirs, and database URLs (SQLite file, PostgreSQL)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PG_ENV = "RECEPTION_TEST_PG_URL"

# Canary secrets: passwords used on purpose in tests (test_no_secrets_in_logs) and nowhere else, and the
# demo staff password. None may ever appear in a log file a test run wrote (pytest_sessionfinish below).
CANARY_DB_PASSWORD = "Cnry-Db-6f2a91"
CANARY_STAFF_PASSWORD = "Cnry-Staff-b73e04"
LOGGED_NEVER = (CANARY_DB_PASSWORD, CANARY_STAFF_PASSWORD, "demo1234")


class FakeClock:
    """A clock tests set and move; aware UTC."""

    def __init__(self, now: datetime | None = None) -> None:
        self._now = now or datetime(2026, 11, 21, 9, 0, tzinfo=timezone.utc)

    def now(self) -> datetime:
        return self._now

    def set(self, now: datetime) -> None:
        assert now.tzinfo is not None
        self._now = now

    def advance(self, **delta: float) -> None:
        self._now += timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(autouse=True)
def _app_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets its own data, config and log dirs."""
    monkeypatch.setenv("RECEPTION_HOME", str(tmp_path_factory.mktemp("home")))


@pytest.fixture(autouse=True)
def _forget_secrets() -> Iterator[None]:
    """The test server's password ("reception") would otherwise be masked in every later test's text."""
    yield
    from reception import redact

    redact.forget_all()


def pg_url() -> str | None:
    return os.environ.get(PG_ENV)


def new_pg_database(prefix: str = "t_"):  # type: ignore[no-untyped-def]
    """(url, admin engine, name) of a fresh, empty PostgreSQL database. In CI the server must be set (no skip)."""
    base = pg_url()
    if not base:
        if os.environ.get("CI"):
            pytest.fail(f"{PG_ENV} must be set in CI")
        pytest.skip(f"{PG_ENV} not set")
    import sqlalchemy as sa

    name = f"{prefix}{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    return base.rsplit("/", 1)[0] + "/" + name, admin, name


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test."""
    url, admin, name = new_pg_database()
    try:
        yield url
    finally:
        _drop_database(admin, name)
        admin.dispose()


def _drop_database(admin, name: str) -> None:  # type: ignore[no-untyped-def]
    """Drop a test database; an autovacuum worker still inside it can't be forced out by a
    non-superuser, so wait for it briefly. A database left behind harms no later test."""
    import time

    import sqlalchemy as sa

    for attempt in range(20):
        try:
            with admin.connect() as conn:
                conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            return
        except sa.exc.DBAPIError:
            time.sleep(0.25 * (attempt + 1))


def zbar_missing() -> str | None:
    """Why pyzbar cannot decode here (libzbar did not load), or None when it can."""
    from reception.scanning.decoders import DecoderUnavailable, PyzbarDecoder

    try:
        PyzbarDecoder()
    except DecoderUnavailable as error:
        return str(error)
    return None


def pytest_runtest_setup(item: pytest.Item) -> None:
    """@pytest.mark.zbar: like the PostgreSQL tests, skipped locally without libzbar, failed in CI."""
    if item.get_closest_marker("zbar") is None:
        return
    reason = zbar_missing()
    if reason is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"libzbar must load in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'gym.sqlite3'}"


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path) -> str:
    """The same test against a SQLite file and a real PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'gym.sqlite3'}"
    return request.getfixturevalue("postgres_url")


def _leaked_secrets(base: Path) -> list[str]:
    """'file: secret' for each log file under `base` holding one of LOGGED_NEVER."""
    found = []
    for path in base.rglob("*.log*"):
        if not path.is_file() or "logs" not in path.parts:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        found += [f"{path}: {secret}" for secret in LOGGED_NEVER if secret in text or secret.casefold() in text]
    return found


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """After the whole run: the log files the tests' desks and commands wrote hold no secret."""
    factory = getattr(session.config, "_tmp_path_factory", None)
    if factory is None or getattr(factory, "_basetemp", None) is None:
        return  # no test made a temp dir, so no test wrote a log
    leaks = _leaked_secrets(factory.getbasetemp())
    if not leaks:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    message = "secrets found in log files written by this run:\n  " + "\n  ".join(leaks[:20])
    if reporter is not None:
        reporter.write_line(message, red=True)
    else:
        print(message)
    session.exitstatus = pytest.ExitCode.TESTS_FAILED


def owner_desk(app):  # type: ignore[no-untyped-def]
    """The demo owner signed in at branch 1: tests read members through the services as the owner."""
    from reception.services.context import Desk

    if "owner_desk" not in app.extras:
        staff = app.staff.authenticate("owner", "demo1234")
        branch = min(app.catalogue.branches(), key=lambda b: b.number)
        app.extras["owner_desk"] = Desk(staff, branch)
    return app.extras["owner_desk"]
