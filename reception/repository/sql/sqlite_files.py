"""Checks, backups and restores of a SQLite database file, always through SQLite itself."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from reception.domain.errors import DatabaseDamaged, StorageError
from reception.repository.sql.engine import sqlite_path
from reception.repository.urls import DatabaseUrl

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


# SQLite's own verdict: only these result codes mean the file's content is damaged. An I/O
# error, a permission problem or a busy file says nothing about the content (DESIGN §9).
_DAMAGE_CODES = ("SQLITE_CORRUPT", "SQLITE_NOTADB")


def _not_a_file(path: Path) -> StorageError | None:
    """A folder (or a device) where the database file should be: reported as such, never "damaged"."""
    if path.is_dir():
        return StorageError(
            f"{path} is a folder, not a database file, so Reception cannot open it. Nothing was moved or changed; "
            "point Reception at the database file, or rename that folder."
        )
    if path.exists() and not path.is_file():
        return StorageError(f"{path} is not a regular file, so Reception cannot open it as a database. "
                            "Nothing was changed.")
    return None


def unreadable(path: Path, error: sqlite3.Error) -> StorageError:
    """What an I/O failure on `path` means, in words; the file is left alone."""
    name = getattr(error, "sqlite_errorname", "") or ""
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return StorageError("The database is busy: another program is using it. Try again in a moment.")
    try:
        with open(path, "rb") as handle:
            handle.read(1)
    except PermissionError:
        return StorageError(
            f"The database file {path} cannot be read: permission denied. Nothing was moved or changed; "
            "ask whoever manages this computer to give this user access to it."
        )
    except OSError as os_error:
        return StorageError(
            f"The database file {path} cannot be read ({os_error.strerror or os_error}). Nothing was moved or changed; "
            "check the drive, then start Reception again."
        )
    return StorageError(
        f"The database file {path} could not be read ({error}): a disk or permission problem, not damage to the "
        "file. Nothing was moved or changed; check the drive, then start Reception again."
    )


def is_damage(error: sqlite3.Error) -> bool:
    name = getattr(error, "sqlite_errorname", "") or ""
    return name.startswith(_DAMAGE_CODES)


def _check(path: Path, pragma: str) -> None:
    if not path.exists():
        return  # nothing to check yet: the file is created on first use
    if (problem := _not_a_file(path)) is not None:
        raise problem
    try:
        # mode=ro: a check must never write to (or "repair") the file it examines.
        with closing(sqlite3.connect(_read_only_uri(path), uri=True, timeout=10)) as connection:
            rows = [str(row[0]) for row in connection.execute(f"PRAGMA {pragma}").fetchall()]
    except sqlite3.DatabaseError as error:
        if is_damage(error):
            raise _damaged(path, str(error)) from error
        raise unreadable(path, error) from error
    if rows != ["ok"]:
        raise _damaged(path, "; ".join(rows[:3]) or "no answer from the check")


def quick_check(url: str | DatabaseUrl) -> None:
    """PRAGMA quick_check at start; raises StorageError when the file is damaged. PostgreSQL: nothing to do."""
    path = sqlite_path(url)
    if path is not None:
        _check(path, "quick_check")


def integrity_check(url: str | DatabaseUrl) -> None:
    """The full PRAGMA integrity_check (after the nightly backup, in a worker)."""
    path = sqlite_path(url)
    if path is not None:
        _check(path, "integrity_check")


def require_file(url: str | DatabaseUrl) -> Path:
    """The local file, or the StorageError saying a server is backed up on the server."""
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


def backup(url: str | DatabaseUrl, dest_path: str | os.PathLike[str]) -> Path:
    """Copies the database to `dest_path` through the backup API; returns the path."""
    source = require_file(url)
    if not source.exists():
        raise StorageError(f"There is no database file at {source} to back up.")
    dest = Path(dest_path)
    _copy(source, dest)
    return dest


def backup_name(url: str | DatabaseUrl, label: str = "backup", now: datetime | None = None) -> str:
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S-%f")
    return f"{require_file(url).stem}-{label}-{stamp}{BACKUP_SUFFIX}"


def newest_backup(directory: str | os.PathLike[str]) -> Path | None:
    folder = Path(directory)
    if not folder.is_dir():
        return None
    candidates = [path for path in folder.glob(f"*{BACKUP_SUFFIX}") if path.is_file()]
    return max(candidates, key=lambda path: (path.stat().st_mtime, path.name), default=None)


def check_backup_file(source: Path) -> None:
    """The backup must exist, be a file SQLite opens and pass quick_check; the message names `source`."""
    if not source.exists():
        raise StorageError(f"There is no backup file at {source}. Check the name and the folder; nothing was changed.")
    if source.is_dir():
        raise StorageError(f"{source} is a folder, not a backup file. Name the backup file itself; "
                           "nothing was changed.")
    if source.stat().st_size == 0:
        raise StorageError(f"The backup file {source} is empty (0 bytes), so it holds no gym. Nothing was changed.")
    try:
        quick_check(f"sqlite:///{source}")
    except DatabaseDamaged as error:
        detail = str(error.__cause__ or "it failed SQLite's check")
        if "not a database" in detail:
            raise StorageError(f"{source} is not a Reception backup (it is not a database file). "
                               "Nothing was changed; choose a backup from the backups folder.") from error
        raise StorageError(f"The backup {source} is damaged ({detail}), so it cannot be restored. "
                           "Nothing was changed; choose another backup.") from error


def tables_and_revision(source: Path) -> tuple[set[str], str | None]:
    """The table names of a SQLite file and its Alembic revision (None without one), read only."""
    with closing(sqlite3.connect(_read_only_uri(source), uri=True, timeout=10)) as connection:
        tables = {str(row[0]) for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        revision = None
        if "alembic_version" in tables:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = str(row[0]) if row else None
    return tables, revision


def _open_alone(target: Path, wait_s: float) -> sqlite3.Connection | None:
    """A connection holding SQLite's exclusive lock on `target`, which no other connection (in any
    process) can share; None when `target` is not a usable database (damaged or not SQLite).
    Raises StorageError when another program has the file open."""
    try:
        quick_check(f"sqlite:///{target}")
    except DatabaseDamaged:
        return None
    connection = sqlite3.connect(target, timeout=wait_s, isolation_level=None)
    try:
        connection.execute("PRAGMA locking_mode=EXCLUSIVE")
        connection.execute("BEGIN EXCLUSIVE")  # an idle WAL reader elsewhere still holds a shared lock
        connection.execute("COMMIT")  # exclusive locking mode keeps the lock until close
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.DatabaseError as error:
        connection.close()
        if "locked" in str(error) or "busy" in str(error):
            raise StorageError(
                f"The database {target} is open in another program (a desk, a kiosk or a script), so it was not "
                "replaced: that program would go on writing into the old file. Close it, then restore again. "
                "Nothing was changed."
            ) from error
        raise unreadable(target, error) from error
    return connection


def _page_size(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA page_size").fetchone()[0])


def _into_live(source: Path, live: sqlite3.Connection, scratch: Path) -> None:
    """Copies `source` over the open live database in one SQLite transaction (all or nothing)."""
    with closing(sqlite3.connect(_read_only_uri(source), uri=True, timeout=10)) as src:
        if _page_size(src) == _page_size(live):
            src.backup(live)
            return
        # A WAL database keeps its page size: bring the backup to it in a scratch copy first.
        scratch.unlink(missing_ok=True)
        with closing(sqlite3.connect(scratch, isolation_level=None)) as copy:
            src.backup(copy)
            copy.execute(f"PRAGMA page_size={_page_size(live)}")
            copy.execute("VACUUM")
    try:
        with closing(sqlite3.connect(scratch, timeout=10)) as copy:
            copy.backup(live)
    finally:
        scratch.unlink(missing_ok=True)


def _same_bytes(one: Path, two: Path) -> bool:
    return one.stat().st_size == two.stat().st_size and one.read_bytes() == two.read_bytes()


def restore(backup_path: str | os.PathLike[str], url: str | DatabaseUrl, *, wait_s: float = 3.0) -> Path | None:
    """Puts `backup_path` in place of the database, after checking the backup opens and passes
    quick_check. The file it replaces is kept aside, byte for byte, as `<name>.replaced-<time>`;
    returns that path (None when there was no file). On any failure the database is left exactly
    as it was and the copy is removed. Refuses while any other connection has the file open.

    A healthy database is overwritten in place through SQLite's backup API under its exclusive
    lock, so a program that opens it meanwhile waits and then sees the restored data; a damaged
    one is moved aside (nobody can be using it)."""
    target = require_file(url)
    source = Path(backup_path)
    check_backup_file(source)
    if (problem := _not_a_file(target)) is not None:
        raise problem
    if not target.exists():
        _copy(source, target)
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    kept = target.with_name(f"{target.name}.replaced-{stamp}")
    live = _open_alone(target, wait_s)
    if live is None:
        return _replace_damaged(source, target, kept)
    try:
        try:
            _copy_exactly(target, kept)  # the WAL was just emptied into the file, under the lock
            _into_live(source, live, target.with_name(target.name + ".restoring"))
            live.execute("PRAGMA journal_mode=WAL")
            live.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            rows = [str(row[0]) for row in live.execute("PRAGMA quick_check").fetchall()]
            if rows != ["ok"]:
                raise sqlite3.DatabaseError("; ".join(rows[:3]))
        finally:
            live.close()
    except (sqlite3.Error, OSError) as error:
        _put_back(target, kept)
        detail = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise StorageError(
            f"The backup {source} could not be restored into {target} ({detail}). "
            f"The database was left exactly as it was."
        ) from error
    return kept


def _copy_exactly(source: Path, dest: Path) -> None:
    partial = dest.with_name(dest.name + ".partial")
    try:
        shutil.copyfile(source, partial)
        with open(partial, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, dest)
    finally:
        partial.unlink(missing_ok=True)
    if not _same_bytes(source, dest):
        raise OSError(0, f"the copy {dest} differs from the database")


def _put_back(target: Path, kept: Path) -> None:
    """After a failed restore: SQLite rolled its transaction back; make sure, byte for byte."""
    if kept.exists():
        if not _same_bytes(target, kept):
            shutil.copyfile(kept, target)
            for suffix in _SIDE_FILES:
                target.with_name(target.name + suffix).unlink(missing_ok=True)
        kept.unlink()


def _replace_damaged(source: Path, target: Path, kept: Path) -> Path:
    """The live file is damaged: move it (and its side files) aside as it is, then copy the backup in."""
    moved: list[tuple[Path, Path]] = []
    try:
        for suffix in ("", *_SIDE_FILES):
            side = target.with_name(target.name + suffix)
            if side.exists():
                os.replace(side, kept.with_name(kept.name + suffix))
                moved.append((side, kept.with_name(kept.name + suffix)))
        _copy(source, target)
    except (StorageError, OSError) as error:
        target.unlink(missing_ok=True)
        for original, aside in reversed(moved):
            os.replace(aside, original)
        raise StorageError(
            f"The backup {source} could not be copied to {target} ({error}). The damaged file was put back as it was."
        ) from error
    return kept


ACCESS_LOG_COLUMNS = ("id", "code", "allowed", "reasons", "reason", "branch_id", "created_at", "customer_id",
                      "staff_id", "override_by", "override_reason", "pass_id", "station")


def access_archive_path(target: Path, month: str) -> Path:
    """`gym.sqlite3` → `gym-access-log/gym-access-log-2026-05.jsonl.gz`, beside the database."""
    return target.with_name(f"{target.stem}-access-log") / f"{target.stem}-access-log-{month}.jsonl.gz"


def read_access_archive(path: Path) -> dict[str, dict[str, object]]:
    """The rows of one monthly archive file, by id."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return {str(row["id"]): row for row in rows}


def _write_month(path: Path, rows: list[dict[str, object]]) -> None:
    """Adds `rows` to the month's archive: written to a new file, fsynced, read back and compared
    (every row, every field) before it replaces the old one."""
    merged = read_access_archive(path) if path.exists() else {}
    merged.update({str(row["id"]): row for row in rows})
    ordered = sorted(merged.values(), key=lambda row: (str(row["created_at"]), str(row["id"])))
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    try:
        with open(partial, "wb") as raw:
            with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as handle:
                for row in ordered:
                    handle.write((json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8"))
            raw.flush()
            os.fsync(raw.fileno())
        if read_access_archive(partial) != merged:
            raise OSError(0, f"the archive {partial} did not read back as written")
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    if read_access_archive(path) != merged:
        raise OSError(0, f"the archive {path} did not read back as written")


def archive_access_log(url: str | DatabaseUrl, before: datetime) -> dict[str, int]:
    """Moves access-log rows older than `before` (UTC) into monthly compressed files beside the
    database; returns rows moved per month ("2026-05": 1234). A month's rows leave the live table
    only after its file was read back equal: a failure leaves them in the table (at worst a row is
    in both places until the next run, which merges by id; never in neither)."""
    target = require_file(url)
    if not target.exists():
        return {}
    cutoff = before.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")
    moved: dict[str, int] = {}
    try:
        with closing(sqlite3.connect(target, timeout=10, isolation_level=None)) as connection:
            connection.execute("PRAGMA busy_timeout=10000")
            months = [str(row[0]) for row in connection.execute(
                "SELECT DISTINCT substr(created_at, 1, 7) FROM access_log WHERE created_at < ? ORDER BY 1", (cutoff,))]
            for month in months:
                # Rows are written once and never changed, so the month is read and archived without
                # holding the write lock; only the deletes take it, briefly, so desks barely wait.
                rows = [dict(zip(ACCESS_LOG_COLUMNS, values, strict=True)) for values in connection.execute(
                    f"SELECT {', '.join(ACCESS_LOG_COLUMNS)} FROM access_log "
                    "WHERE created_at < ? AND substr(created_at, 1, 7) = ?", (cutoff, month))]
                _write_month(access_archive_path(target, month), rows)
                ids = [str(row["id"]) for row in rows]
                for start in range(0, len(ids), 2000):
                    chunk = ids[start:start + 2000]
                    connection.execute("BEGIN IMMEDIATE")
                    try:
                        for part in range(0, len(chunk), 500):
                            some = chunk[part:part + 500]
                            marks = ", ".join("?" * len(some))
                            connection.execute(f"DELETE FROM access_log WHERE id IN ({marks})", some)
                        connection.execute("COMMIT")
                    except BaseException:
                        if connection.in_transaction:
                            connection.execute("ROLLBACK")
                        raise
                moved[month] = len(rows)
    except sqlite3.DatabaseError as error:
        if is_damage(error):
            raise _damaged(target, str(error)) from error
        raise StorageError(f"The access log of {target} was not archived ({error}); nothing was removed.") from error
    except OSError as error:
        raise StorageError(f"The access log of {target} was not archived: the archive file could not be written "
                           f"({error.strerror or error}); nothing was removed.") from error
    return moved
