"""Daily backups of the local database, the list the desk restores from, and what to do with a damaged file."""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from reception import paths
from reception.domain.errors import DatabaseDamaged, StorageError
from reception.repository.ports import StorageUpkeep
from reception.repository.urls import DatabaseUrl

log = logging.getLogger(__name__)

SUFFIX = ".sqlite3"
_STAMP = "%Y%m%d-%H%M%S"
_DAILY = re.compile(r"^(?P<db>.+)-(?P<stamp>\d{8}-\d{6})\.sqlite3$")
_ANY_STAMP = re.compile(r"(\d{8}-\d{6})")
_SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class BackupInfo:
    """One backup file; usable wherever a path is (os.PathLike)."""

    path: Path
    taken_at: datetime  # local time, from the name (or the file's time when the name has none)
    size: int
    daily: bool  # made by daily_backup (others: before an upgrade, by hand)

    def __fspath__(self) -> str:
        return str(self.path)

    @property
    def label(self) -> str:
        kind = "daily" if self.daily else "before upgrade" if "-before-" in self.path.name else "copy"
        return f"{self.taken_at:%Y-%m-%d %H:%M} · {kind} · {self.size / 1_000_000:.1f} MB"


@dataclass(frozen=True)
class DamagedReport:
    """A damaged database was moved to `kept_aside_path`; `newest_backup` is the one to offer (None: none)."""

    kept_aside_path: Path
    newest_backup: BackupInfo | None


def _db_file(database: str | StorageUpkeep) -> Path:
    path = DatabaseUrl.read(database).sqlite_path if isinstance(database, str) else database.local_file
    if path is None:
        raise StorageError("Backups made by Reception are for a local database file; back up a server with pg_dump.")
    return path


def _info(path: Path) -> BackupInfo:
    stat = path.stat()
    daily = _DAILY.match(path.name)
    found = daily.group("stamp") if daily else (m.group(1) if (m := _ANY_STAMP.search(path.name)) else None)
    try:
        taken = datetime.strptime(found, _STAMP) if found else datetime.fromtimestamp(stat.st_mtime)
    except ValueError:
        taken = datetime.fromtimestamp(stat.st_mtime)
    if daily is None and found:  # upgrade backups are stamped in UTC; show local time
        taken = taken.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)
    return BackupInfo(path, taken, stat.st_size, daily is not None)


def list_backups(url: str | None = None, folder: Path | None = None) -> list[BackupInfo]:
    """Backups in the backups folder, newest first; with `url`, only that database's."""
    where = folder or paths.backup_dir()
    if not where.is_dir():
        return []
    stem = _db_file(url).stem if url else None
    found = []
    for path in where.glob(f"*{SUFFIX}"):
        if not path.is_file() or (stem is not None and not path.name.startswith(f"{stem}-")):
            continue
        try:
            found.append(_info(path))
        except OSError:
            continue
    return sorted(found, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def _daily(storage: StorageUpkeep, folder: Path) -> list[BackupInfo]:
    stem = _db_file(storage).stem
    return [b for b in list_backups(storage.url, folder)
            if b.daily and _DAILY.match(b.path.name).group("db") == stem]  # type: ignore[union-attr]


ACCESS_LOG_DAYS = 180  # access-log rows older than this leave the live table for the monthly archive


def archive_access_log(storage: StorageUpkeep, *, before: date | None = None, days: int = ACCESS_LOG_DAYS,
                       now: datetime | None = None) -> dict[str, int]:
    """Moves access-log rows from before `before` (default: `days` days ago, local midnight) into
    the compressed monthly archive beside the database (StorageUpkeep.archive_access_log). Rows are
    never deleted without being in the archive, read back first. Returns rows moved per month."""
    if storage.local_file is None:
        raise StorageError("Reception archives the access log of a local database file only; on a PostgreSQL "
                           "server it stays in its table (the server's administrator partitions or dumps it).")
    moment = now or datetime.now().astimezone()
    day = before or (moment.date() - timedelta(days=max(days, 0)))
    cutoff = datetime.combine(day, time(0), tzinfo=moment.tzinfo or datetime.now().astimezone().tzinfo)
    moved = storage.archive_access_log(cutoff)
    if moved:
        log.info("access log: %d rows from before %s archived (%s)", sum(moved.values()), day, ", ".join(moved))
    return moved


def daily_backup(storage: StorageUpkeep, keep: int = 14, *, now: datetime | None = None,
                 folder: Path | None = None) -> BackupInfo | None:
    """Today's backup when it is missing: written through SQLite's backup API, checked in full,
    then older daily backups beyond `keep` are deleted. Returns the new backup, or None when
    today's exists (or there is no local file yet). Slow on a big file: run it in a worker.

    Raises StorageError when the copy fails its integrity check (the database itself is then
    suspect); the bad copy is renamed `*.damaged` so it is never offered for a restore."""
    source = _db_file(storage)
    if not source.exists():
        return None
    where = folder or paths.backup_dir()
    moment = now or datetime.now()
    if any(b.taken_at.date() == moment.date() for b in _daily(storage, where)):
        return None
    dest = where / f"{source.stem}-{moment.strftime(_STAMP)}{SUFFIX}"
    storage.backup(dest)
    try:
        storage.check_copy(dest)
    except StorageError:
        os.replace(dest, dest.with_name(dest.name + ".damaged"))
        log.error("the daily backup %s failed its integrity check", dest)
        raise StorageError(
            f"Tonight's backup of {source} failed its check, so the database itself may be damaged. "
            "Keep using it only until a manager has restored a backup; older backups were kept."
        ) from None
    for old in _daily(storage, where)[max(keep, 1):]:
        old.path.unlink(missing_ok=True)
        log.info("pruned old backup %s", old.path)
    log.info("daily backup written: %s", dest)
    try:  # after a checked backup, which still holds the rows being archived
        archive_access_log(storage, now=moment.astimezone())
    except StorageError as error:  # the backup itself is good; the rows stay in the table
        log.error("archiving the access log failed: %s", error.message)
    return _info(dest)


def restore_backup(backup: str | os.PathLike[str], storage: StorageUpkeep) -> Path | None:
    """Put a backup in place of the database (close the app on it first: `app.close()`). Returns where the
    replaced file was kept (`*.replaced-TIME`), or None when there was none.

    The backup is checked before anything is touched (StorageUpkeep.check_backup). Refuses while
    Reception has the database open elsewhere, naming the PC and program that hold its lock: that
    desk would go on writing into the replaced file. A desk restoring its own database (its lock,
    this process) goes ahead once it has closed it."""
    from reception import instance

    target = _db_file(storage)
    storage.check_backup(Path(backup))
    own = instance.held_here(storage.url)
    lock = None
    if own is None:
        try:
            lock = instance.acquire(storage.url)
        except instance.AlreadyRunning:
            path = instance.lock_path(storage.url)
            holder = (instance.owner(path) if path is not None else None) or "another Reception"
            raise StorageError(
                f"The database {target} is open in {holder}, so it was not restored: that desk would go on "
                "writing into the replaced file. Close Reception there, then restore again. Nothing was changed."
            ) from None
    try:
        kept = storage.restore(Path(backup))
    finally:
        if lock is not None:
            lock.release()
    log.warning("database %s restored from %s (previous file kept as %s)", target, backup, kept)
    return kept


def is_damaged(storage: StorageUpkeep) -> bool:
    """True only when SQLite says the file is damaged (locked, missing or unreadable is not damage)."""
    try:
        storage.quick_check()
    except DatabaseDamaged:
        return True
    except StorageError:
        return False
    return False


def _usable(storage: StorageUpkeep, backup: BackupInfo) -> bool:
    """Only a backup a restore would accept is offered (it opens, passes its check, is a known gym)."""
    try:
        storage.check_backup(backup.path)
    except StorageError:
        return False
    return True


def handle_damaged(storage: StorageUpkeep, *, now: datetime | None = None,
                   folder: Path | None = None) -> DamagedReport:
    """Move the damaged file (and its -wal/-shm) aside as `*.damaged-TIME`; find the newest good backup."""
    source = _db_file(storage)
    stamp = (now or datetime.now()).strftime(_STAMP)
    kept = source.with_name(f"{source.name}.damaged-{stamp}")
    os.replace(source, kept)
    for suffix in _SIDE_FILES:
        side = source.with_name(source.name + suffix)
        if side.exists():
            os.replace(side, kept.with_name(kept.name + suffix))
    log.error("damaged database %s kept aside as %s", source, kept)
    newest = next((b for b in list_backups(storage.url, folder) if _usable(storage, b)), None)
    return DamagedReport(kept, newest)


def check_at_start(storage: StorageUpkeep, *, folder: Path | None = None) -> DamagedReport | None:
    """Before opening a local file: None when it is fine (or absent); when SQLite's check finds it
    damaged, it is kept aside and reported. Anything else that stops the check (a disk I/O error,
    a folder at that path, permission denied, a busy file) raises StorageError saying so, and
    nothing is moved: only a failed check is damage."""
    if storage.local_file is None:
        return None
    try:
        storage.quick_check()
    except DatabaseDamaged:
        return handle_damaged(storage, folder=folder)
    return None
