"""One Reception per database: an OS-level file lock that the OS drops when the process ends, however it ends."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import socket
import sys
import time
from pathlib import Path
from types import TracebackType
from typing import Self

from filelock import FileLock, Timeout

from reception import paths
from reception.domain.errors import StorageError
from reception.repository.urls import parse_database_url

log = logging.getLogger(__name__)


class AlreadyRunning(StorageError):
    """Another Reception has this database open (on this PC, or on a shared folder)."""

    code = "already_running"


def lock_path(url: str) -> Path | None:
    """Next to a SQLite file; for a server, in the data dir keyed by a hash of the URL (no password)."""
    parsed = parse_database_url(url)
    if parsed.is_sqlite:
        database = parsed.sqlite_path
        return database.with_name(database.name + ".lock") if database is not None else None
    key = parsed.server_key
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    folder = paths.data_dir() / "locks"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"server-{digest}.lock"


_COMMANDS = ("demo", "verify", "customers", "attendance", "db", "decode", "pass", "turnstile")
_ENTRY_POINTS = ("cli.py", "__main__.py", "reception", "reception-cli", "reception-desk", "Reception")


def program_name() -> str:
    """What this process is, for the owner file: 'Reception desk', 'reception db restore', 'python3'..."""
    argv = sys.argv or [""]
    first = Path(argv[0]).name
    if first in ("", "-c", "-m", "-"):
        return Path(sys.executable).name or "python"
    if Path(first).stem in _ENTRY_POINTS:
        command = next((a for a in argv[1:] if a in _COMMANDS), None)
        return f"reception {command}" if command else "Reception desk"
    return first


_held: dict[Path, InstanceLock] = {}  # the locks this process holds, by lock file


class InstanceLock:
    """Held while the app has the database open; `release()` (or leaving the `with`) lets go."""

    def __init__(self, url: str, path: Path | None, lock: FileLock | None) -> None:
        self.url = url
        self.path = path
        self._lock = lock
        if path is not None and lock is not None:
            _held[path] = self

    @property
    def is_locked(self) -> bool:
        return self._lock is not None and self._lock.is_locked

    def release(self) -> None:
        if self.path is not None and _held.get(self.path) is self:
            del _held[self.path]
        if self._lock is not None and self._lock.is_locked:
            _owner_file(self._lock.lock_file).unlink(missing_ok=True)
            self._lock.release(force=True)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.release()


def _owner_file(lock_file: str | os.PathLike[str]) -> Path:
    return Path(str(lock_file) + ".owner")


def owner(lock_file: Path) -> str | None:
    """'Reception desk (process 123) on DESK-2 since 09:14', best effort (the owner file is only a hint)."""
    try:
        info = json.loads(_owner_file(lock_file).read_text(encoding="utf-8"))
        since = time.strftime("%H:%M", time.localtime(float(info["since"])))
        program = str(info.get("program") or "a program")
        return f"{program} (process {int(info['pid'])}) on {info['host']} since {since}"
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _describe_owner(lock_file: Path) -> str:
    found = owner(lock_file)
    return f"; {found}" if found else ""


def held_here(url: str) -> InstanceLock | None:
    """This process's own lock on `url`, when it holds one (a desk restoring its own database)."""
    path = lock_path(url)
    held = _held.get(path) if path is not None else None
    return held if held is not None and held.is_locked else None


def acquire(url: str) -> InstanceLock:
    """Take the lock for `url` or raise AlreadyRunning. In-memory SQLite needs no lock."""
    path = lock_path(url)
    if path is None:
        return InstanceLock(url, None, None)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(path), timeout=0, thread_local=False)
    try:
        lock.acquire()
    except Timeout:
        raise AlreadyRunning(
            f"Reception is already open on this database ({parse_database_url(url).description}"
            f"{_describe_owner(path)}). "
            "Switch to that window, or close it before opening Reception again."
        ) from None
    except OSError as error:
        raise StorageError(f"Reception cannot lock the database ({path}): {error.strerror or error}.") from error
    try:
        holder = {"pid": os.getpid(), "host": socket.gethostname(), "program": program_name(), "since": time.time()}
        _owner_file(path).write_text(json.dumps(holder), encoding="utf-8")
    except OSError as error:  # the hint is optional; the lock itself is what counts
        log.warning("could not write the lock owner file: %s", error)
    log.info("instance lock taken: %s", path)
    return InstanceLock(url, path, lock)
