"""Checks, backups and restores of a SQLite database file, always through SQLite itself."""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import URL

from reception.domain.errors import DatabaseDamaged, StorageError
from reception.repository.sql.engine import sqlite_path

BACKUP_SUFFIX = ".sqlite3"
_SIDE_FILES = ("-wal", "-shm", "-journal")


def _damaged(path: Path, detail: str) -> DatabaseDamaged:
    return DatabaseDamaged(
        f"The database file {path} is damaged ({detail}). It has been left exactly as it is; "
        "restore the newest backup, or ask for help before using this file again."
    )


def _read_only_uri(path: Path) -> str:
    """Read-only; with no WAL file beside it the file is also opened `immutable`, so SQLite
    creates no -wal/-shm next to it. A WAL file, when present, holds committed data the
    check must see, so then only mode=ro is used."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    if not path.with_name(path.name + "-wal").exists():
        uri += "&immutable=1"
    return uri


def _check(path: Path, pragma: str) -> None:
    if not path.exists():
        return  # nothing to check yet: the file is created on first use
    try:
        # mode=ro: a check must never write to (or "repair") the file it examines.
        with closing(sqlite3.connect(_read_only_uri(path), uri=True, timeout=10)) as connection:
            rows = [str(row[0]) for row in connection.execute(f"PRAGMA {pragma}").fetchall()]
    except sqlite3.DatabaseError as error:
        message = str(error).lower()
        if "locked" in message or "busy" in message:
            raise StorageError("The database is busy: another program is using it. Try again in a moment.") from error
        if "unable to open" in message:
            raise StorageError(f"The database file {path} cannot be opened. Check the drive and its permissions.") from error
        raise _damaged(path, str(error)) from error
    if rows != ["ok"]:
        raise _damaged(path, "; ".join(rows[:3]) or "no answer from the check")


def quick_check(url: str | URL) -> None:
    """PRAGMA quick_check at start; raises StorageError when the file is damaged. PostgreSQL: nothing to do."""
    path = sqlite_path(url)
    if path is not None:
        _check(path, "quick_check")


def integrity_check(url: str | URL) -> None:
    """The full PRAGMA integrity_check (after the nightly backup, in a worker)."""
    path = sqlite_path(url)
    if path is not None:
        _check(path, "integrity_check")


def _require_sqlite(url: str | URL) -> Path:
    path = sqlite_path(url)
    if path is None:
        raise StorageError(
            "Backups made by Reception are for a local SQLite database. "
            "Back up a PostgreSQL database on the server with pg_dump."
        )
    return path


def _copy(source: Path, dest: Path) -> None:
    """SQLite's online backup API: a consistent copy even while desks keep writing."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    partial = dest.with_name(dest.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        with closing(sqlite3.connect(_read_only_uri(source), uri=True, timeout=10)) as src:
            with closing(sqlite3.connect(partial)) as dst:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
        os.replace(partial, dest)
    except sqlite3.DatabaseError as error:
        partial.unlink(missing_ok=True)
        if "not a database" in str(error) or "malformed" in str(error):
            raise _damaged(source, str(error)) from error
        raise StorageError(f"The backup could not be written to {dest}: {error}") from error
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise StorageError(f"The backup could not be written to {dest}: {error.strerror or error}") from error


def backup(url: str | URL, dest_path: str | os.PathLike[str]) -> Path:
    """Copies the database to `dest_path` through the backup API; returns the path."""
    source = _require_sqlite(url)
    if not source.exists():
        raise StorageError(f"There is no database file at {source} to back up.")
    dest = Path(dest_path)
    _copy(source, dest)
    return dest


def backup_name(url: str | URL, label: str = "backup", now: datetime | None = None) -> str:
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S-%f")
    return f"{_require_sqlite(url).stem}-{label}-{stamp}{BACKUP_SUFFIX}"


def newest_backup(directory: str | os.PathLike[str]) -> Path | None:
    folder = Path(directory)
    if not folder.is_dir():
        return None
    candidates = [path for path in folder.glob(f"*{BACKUP_SUFFIX}") if path.is_file()]
    return max(candidates, key=lambda path: (path.stat().st_mtime, path.name), default=None)


def restore(backup_path: str | os.PathLike[str], url: str | URL) -> Path | None:
    """Puts `backup_path` in place of the database. The file it replaces is kept aside,
    renamed `<name>.replaced-<time>`; returns that path (None when there was no file).
    Close every engine on this database first."""
    target = _require_sqlite(url)
    source = Path(backup_path)
    quick_check(f"sqlite:///{source}")
    kept: Path | None = None
    if target.exists():
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        kept = target.with_name(f"{target.name}.replaced-{stamp}")
        os.replace(target, kept)
        for suffix in _SIDE_FILES:
            side = target.with_name(target.name + suffix)
            if side.exists():
                os.replace(side, kept.with_name(kept.name + suffix))
    _copy(source, target)
    return kept
