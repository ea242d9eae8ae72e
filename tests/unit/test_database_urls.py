"""Database addresses: the one parser reads every address as the engine will, and words what it refuses."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from reception.domain.errors import StorageError
from reception.repository.sql.engine import sa_url
from reception.repository.urls import DatabaseUrl, UnreadableUrl, describe_url, is_sqlite, parse_database_url

ADDRESSES = [
    "sqlite:////srv/gym/reception.sqlite3",
    "sqlite:///relative/gym.sqlite3",
    "sqlite://",
    "sqlite:///:memory:",
    "sqlite:///file:gym?mode=ro&uri=true",
    "sqlite:////home/desk/My%20Gym/gym.sqlite3",
    "postgresql+psycopg://gym:s3cret@db.example:5433/reception",
    "postgresql+psycopg://gym:p%40ss%2Fw0rd@db/reception?sslmode=require&application_name=desk",
    "postgresql+psycopg://gym@/reception?host=/var/run/postgresql",
    "postgresql+psycopg://gym:pw@[::1]:5432/reception",
    "postgresql+psycopg://:pw@host/db",
    "postgresql+psycopg://host",
    "postgresql+psycopg://gym:pw@host:/db",
    "postgresql+psycopg://gym:pw@host:port/db",
    "postgresql+psycopg://gym:pw@host:5432x/db",
    "postgresql+psycopg://gym:p@ss@host/db",
    "postgresql+psycopg://gym:pw@host/db?a=1&a=2&b=3",
    "postgresql+psycopg://gym:pw@host/db?empty=&x=1",
    "mysql://root:pw@localhost/gym",
    "no scheme at all",
    "://nothing-before",
]


@pytest.mark.parametrize("text", ADDRESSES)
def test_every_address_reads_as_the_engine_reads_it(text: str) -> None:
    try:
        expected = make_url(text)
    except (ArgumentError, ValueError):
        with pytest.raises(UnreadableUrl):
            DatabaseUrl.read(text)
        return
    parsed = DatabaseUrl.read(text)
    assert (parsed.drivername, parsed.username, parsed.password, parsed.host, parsed.port, parsed.database) == (
        expected.drivername, expected.username, expected.password, expected.host, expected.port, expected.database)
    assert sa_url(parsed) == expected  # the engine is built from these fields, query and all
    assert parsed.render(hide_password=True) == expected.render_as_string(hide_password=True)
    assert parsed.render(hide_password=False) == expected.render_as_string(hide_password=False)
    assert parsed.backend == expected.get_backend_name()


def test_a_bare_path_is_a_local_file_and_postgres_means_psycopg(tmp_path: Path) -> None:
    local = parse_database_url(f"  {tmp_path / 'gym.sqlite3'}  ")
    assert local.text == f"sqlite:///{tmp_path / 'gym.sqlite3'}"
    assert local.sqlite_path == tmp_path / "gym.sqlite3" and local.is_sqlite
    assert local.description == f"Local file: {tmp_path / 'gym.sqlite3'}"
    for scheme in ("postgresql", "postgres"):
        server = parse_database_url(f"{scheme}://gym:pw-1234@db.example:5433/reception")
        assert server.text == "postgresql+psycopg://gym:pw-1234@db.example:5433/reception"
        assert server.sqlite_path is None and not server.is_sqlite
        assert server.description == "Server: db.example:5433/reception"
        assert server.masked == "postgresql+psycopg://gym:***@db.example:5433/reception"
        assert "pw-1234" not in repr(server)


def test_in_memory_and_uri_databases_have_no_file() -> None:
    for text in ("sqlite://", "sqlite:///:memory:", "sqlite:///file:gym?mode=memory"):
        assert DatabaseUrl.read(text).sqlite_path is None
    assert is_sqlite("sqlite://") and not is_sqlite("postgresql://h/db")


def test_unusable_addresses_are_refused_in_words_with_the_password_masked() -> None:
    with pytest.raises(StorageError) as unreadable:
        parse_database_url("postgresql://gym:Canary-9917@db:port/reception")
    assert unreadable.value.message == (
        "That is not a database address Reception understands: postgresql+psycopg://gym:***@db:port/reception")
    with pytest.raises(StorageError) as other:
        parse_database_url("mysql://root:Canary-9917@localhost/gym")
    assert other.value.message == (
        "Reception works with a SQLite file or a PostgreSQL server, not mysql://root:***@localhost/gym")
    assert "Canary-9917" not in describe_url("postgresql://gym:Canary-9917@db:port/reception")


def test_a_server_is_known_by_its_address_without_the_password() -> None:
    one = parse_database_url("postgresql://gym:first-pass@db:5432/reception")
    two = parse_database_url("postgresql+psycopg://gym:second-pass@db:5432/reception")
    assert one.server_key == two.server_key == "postgresql://gym@db:5432/reception"
    assert parse_database_url("postgresql://gym:pw-1234@db:5432/other").server_key != one.server_key
