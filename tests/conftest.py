"""Shared fixtures: a settable clock, temp app dirs, and database URLs (SQLite file, PostgreSQL)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PG_ENV = "RECEPTION_TEST_PG_URL"


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


def pg_url() -> str | None:
    return os.environ.get(PG_ENV)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test. In CI it must exist (no skip)."""
    base = pg_url()
    if not base:
        if os.environ.get("CI"):
            pytest.fail(f"{PG_ENV} must be set in CI")
        pytest.skip(f"{PG_ENV} not set")
    import sqlalchemy as sa

    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = base.rsplit("/", 1)[0] + "/" + name
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
