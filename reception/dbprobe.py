"""A read-only look at a database URL (reachable? schema current?), for "Test connection" and the self-test."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

from sqlalchemy.exc import ArgumentError

from reception.domain.errors import StorageError


def probe(url: str) -> str:
    """One line saying what is there; StorageError (in a receptionist's words) when it cannot be used.

    Never creates, upgrades or converts anything: a SQLite file is opened read-only, a server
    is only asked for its schema revision.
    """
    from reception.bootstrap import describe_url, normalise_url
    from reception.repository.sql import maintenance
    from reception.repository.sql.engine import create_engine_for, sqlite_path

    try:
        url = normalise_url(url)
        where = describe_url(url)
        if sqlite_path(url) is None:
            create_engine_for(url).dispose()  # loads the driver: an unknown scheme fails here, in words
    except ArgumentError as error:
        raise StorageError(f"That is not a database address Reception understands ({error}).") from None
    path = sqlite_path(url)
    if path is not None:
        if not path.exists():
            folder = path.parent
            if folder.is_dir() and os.access(folder, os.W_OK):
                return f"{where}: no database there yet; Reception creates it on first start"
            raise StorageError(f"The folder {folder} does not exist or cannot be written to.")
        maintenance.quick_check(url)
        current = _sqlite_revision(path)
    else:
        current = maintenance.current_revision(url)
    head = maintenance.head_revision()
    if current == head:
        state = "schema up to date"
    elif current is None:
        state = "empty (Reception sets it up)" if path is not None else "empty: run `reception db upgrade` first"
    else:
        state = f"schema {current}, this version needs {head}"
    return f"{where}: connected, {state}"


def _sqlite_revision(path: Path) -> str | None:
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)) as connection:
        try:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.OperationalError:
            return None
    return str(row[0]) if row else None
