"""The storage upkeep port over SQLAlchemy and SQLite's own tools: checks, schema, backups, the engine's lifetime."""

from __future__ import annotations

import os
import threading
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import ArgumentError

from reception.domain.errors import StorageError
from reception.repository.sql import maintenance, sqlite_files
from reception.repository.sql.engine import create_engine_for, location
from reception.repository.sql.errors import storage_errors
from reception.repository.sql.tables import sync_state
from reception.repository.urls import DatabaseUrl


class SqlStorage:
    """Implements reception.repository.ports.StorageUpkeep for a SQLite file or a PostgreSQL server.

    Holds the pooled engine the unit of work runs on (made on first use, closed by dispose());
    the checks and the schema work open their own short-lived connections, so they also run
    before a desk has opened the database, or after it closed it.
    """

    def __init__(self, url: str | DatabaseUrl) -> None:
        self.location = location(url)
        self._engine: Engine | None = None
        self._engine_lock = threading.Lock()

    @property
    def url(self) -> str:
        return self.location.text

    @property
    def local_file(self) -> Path | None:
        return self.location.sqlite_path

    @property
    def engine(self) -> Engine:
        """The engine of this database's unit of work."""
        with self._engine_lock:
            if self._engine is None:
                self._engine = create_engine_for(self.location)
            return self._engine

    def describe(self) -> str:
        return self.location.description

    def probe(self) -> str:
        where = self.describe()
        path = self.local_file
        if path is None:
            try:
                create_engine_for(self.location).dispose()  # loads the driver: an unknown one fails here, in words
            except ArgumentError as error:
                raise StorageError(f"That is not a database address Reception understands ({error}).") from None
        if path is not None:
            if not path.exists():
                folder = path.parent
                if folder.is_dir() and os.access(folder, os.W_OK):
                    return f"{where}: no database there yet; Reception creates it on first start"
                raise StorageError(f"The folder {folder} does not exist or cannot be written to.")
            self.quick_check()
            current = sqlite_files.tables_and_revision(path)[1]
        else:
            current = self.revision()
        head = self.head_revision()
        if current == head:
            state = "schema up to date"
        elif current is None:
            state = "empty (Reception sets it up)" if path is not None else "empty: run `reception db upgrade` first"
        else:
            state = f"schema {current}, this version needs {head}"
        return f"{where}: connected, {state}"

    def quick_check(self) -> None:
        sqlite_files.quick_check(self.location)

    def integrity_check(self) -> None:
        sqlite_files.integrity_check(self.location)

    def revision(self) -> str | None:
        return maintenance.current_revision(self.location)

    def head_revision(self) -> str:
        return maintenance.head_revision()

    def holds_tables(self) -> bool:
        return maintenance.has_tables(self.location)

    def upgrade(self, *, backup_dir: Path | None = None) -> Path | None:
        return maintenance.upgrade(self.location, backup_dir=backup_dir)

    def ensure_schema(self, *, auto_upgrade: bool) -> Path | None:
        return maintenance.ensure_schema(self.location, auto_upgrade=auto_upgrade)

    def backup(self, dest: Path) -> Path:
        return sqlite_files.backup(self.location, dest)

    def check_copy(self, copy: Path) -> None:
        sqlite_files.integrity_check(DatabaseUrl.read(f"sqlite:///{copy}"))

    def check_backup(self, backup: Path) -> str:
        return maintenance.check_backup(backup)

    def restore(self, backup: Path) -> Path | None:
        kept = maintenance.restore(backup, self.location)
        self._mark_restored_replica()
        return kept

    def _mark_restored_replica(self) -> None:
        """A branch desk's replica put back from a backup: its operation numbers went back in time, so before
        its next push it takes a new device id and numbers what waits again (the server also knows operations
        by their ids, so nothing pushed since the backup is applied twice)."""
        from reception.repository.sql.replica_store import REENROL, enrolled

        self.dispose()
        engine = self.engine
        if enrolled(engine):
            with storage_errors(), engine.begin() as connection:
                connection.execute(sa.delete(sync_state).where(sync_state.c.name == REENROL))
                connection.execute(sa.insert(sync_state).values(name=REENROL, value="restored from a backup"))

    def archive_access_log(self, before: datetime) -> dict[str, int]:
        return sqlite_files.archive_access_log(self.location, before)

    def access_archive_path(self, month: str) -> Path:
        return sqlite_files.access_archive_path(sqlite_files.require_file(self.location), month)

    def dispose(self) -> None:
        with self._engine_lock:
            engine, self._engine = self._engine, None
        if engine is not None:
            engine.dispose()

