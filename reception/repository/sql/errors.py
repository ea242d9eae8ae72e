"""Database failures a receptionist can act on become StorageError with plain words; the rest stay bugs."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import ParamSpec, TypeVar

from sqlalchemy import exc as sa_exc

from reception.domain.errors import StorageError

P = ParamSpec("P")
R = TypeVar("R")

BUSY = "The database is busy: another desk or program is using it. Please try again in a moment."
READ_ONLY = (
    "The database cannot be written to (the file or its folder is read-only). "
    "Ask whoever manages this computer to allow writing there."
)
DISK_FULL = "The disk is full, so nothing more can be saved. Free some space on this computer and try again."
CANNOT_OPEN = "The database file cannot be opened. Check that the drive is connected and the folder exists."  # when nothing more is known
NO_SERVER = (
    "Cannot reach the database server. Check the network connection and that the server is running, "
    "then try again."
)
DAMAGED = (
    "The database file is damaged and cannot be used. It has been left as it is; "
    "restore the newest backup (Reception offers it at start)."
)
MISSING_DATABASE = "The database named in the settings does not exist on the server."

# (substring of the driver's message, lower case) -> what the receptionist reads
_KNOWN: tuple[tuple[str, str], ...] = (
    ("database is locked", BUSY),
    ("database is busy", BUSY),
    ("database table is locked", BUSY),
    ("lock timeout", BUSY),
    ("canceling statement due to lock timeout", BUSY),
    ("deadlock detected", BUSY),
    ("could not serialize access", BUSY),
    ("readonly database", READ_ONLY),
    ("read-only file system", READ_ONLY),
    ("database or disk is full", DISK_FULL),
    ("no space left on device", DISK_FULL),
    ("could not extend file", DISK_FULL),
    ("unable to open database file", CANNOT_OPEN),
    ("file is not a database", DAMAGED),
    ("database disk image is malformed", DAMAGED),
    ("connection refused", NO_SERVER),
    ("could not connect", NO_SERVER),
    ("connection failed", NO_SERVER),
    ("connection timeout", NO_SERVER),
    ("timeout expired", NO_SERVER),
    ("server closed the connection", NO_SERVER),
    ("the database system is starting up", NO_SERVER),
    ("the database system is shutting down", NO_SERVER),
    ("terminating connection", NO_SERVER),
    ("consuming input failed", NO_SERVER),
    ("name or service not known", NO_SERVER),
    ("password authentication failed", "The database server refused the login. Check the user name and password."),
)

_UNIQUE: tuple[tuple[str, str], ...] = (
    ("member_no", "That member number is already taken by another member."),
    ("qr_code", "That card code already belongs to another member."),
    ("receipt_no", "That receipt number is already used."),
    ("username", "That username is already taken."),
    ("branches.number", "A branch with that number already exists."),
    ("uq_branches_number", "A branch with that number already exists."),
    # a record's id comes from the operation that made it (domain.commands.Op): the same id twice is the same
    # operation done again, refused whole
    (".id", "That operation was already recorded; it was not done a second time."),
    ('"pk_', "That operation was already recorded; it was not done a second time."),
)


def known_message(error: BaseException) -> str | None:
    """The receptionist's words for a database failure, or None when it is a bug."""
    text = str(getattr(error, "orig", None) or error).lower()
    if isinstance(error, sa_exc.IntegrityError):
        if "unique" in text or "duplicate key" in text:
            return next((message for marker, message in _UNIQUE if marker in text), None)
        return None
    if 'database "' in text and "does not exist" in text:
        return MISSING_DATABASE
    return next((message for marker, message in _KNOWN if marker in text), None)


def _read_only_folder(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY) or not os.access(folder, os.W_OK)
    except (OSError, AttributeError):  # AttributeError: no statvfs on Windows
        return not os.access(folder, os.W_OK)


def file_problem(path: Path) -> str | None:
    """What is true about a database file SQLite could not open or write, when the file system says it."""
    folder = path.parent
    if path.is_dir():
        return f"{path} is a folder, not a database file. Point Reception at the database file, or rename that folder."
    if not folder.is_dir():
        return (f"The folder {folder} does not exist. If the database is on a removable or network drive, "
                "check that the drive is connected.")
    if _read_only_folder(folder):
        return (f"The folder {folder} is read-only: Reception needs to write there (the database and the "
                "journal files SQLite keeps beside it). Allow writing to that folder, or move the database "
                "to one that can be written.")
    if path.exists() and not os.access(path, os.W_OK):
        return (f"The database file {path} is read-only: Reception needs to write to it. "
                "Ask whoever manages this computer to allow writing to that file.")
    if path.exists() and not os.access(path, os.R_OK):
        return f"The database file {path} cannot be read: permission denied."
    return None


def as_storage_error(error: BaseException, path: Path | None = None) -> StorageError | None:
    message = known_message(error)
    if message is None:
        return None
    if path is not None and message in (CANNOT_OPEN, READ_ONLY):
        message = file_problem(path) or message
    storage = StorageError(message)
    storage.__cause__ = error
    return storage


@contextmanager
def storage_errors(path: Path | None = None) -> Iterator[None]:
    """Re-raises known database failures as StorageError; unknown ones propagate unchanged.
    With the SQLite file's `path`, "cannot open" and "read-only" say what is true of the file."""
    try:
        yield
    except StorageError:
        raise
    except sa_exc.DBAPIError as error:
        storage = as_storage_error(error, path)
        if storage is None:
            raise
        raise storage from error


def translated(func: Callable[P, R]) -> Callable[P, R]:
    """Decorator form of storage_errors() for repository methods."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with storage_errors():
            return func(*args, **kwargs)

    return wrapper
