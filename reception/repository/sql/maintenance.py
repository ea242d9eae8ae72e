"""Schema upgrades (Alembic, configured from code) and the checks run when the app starts."""

from __future__ import annotations

import os
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError as AlembicError

from reception import paths
from reception.domain.errors import StorageError
from reception.repository.sql import sqlite_files
from reception.repository.sql.engine import READ_ONLY, create_engine_for, location, sqlite_path
from reception.repository.sql.errors import storage_errors
from reception.repository.sql.sqlite_files import (
    backup,
    backup_name,
    integrity_check,
    newest_backup,
    quick_check,
)
from reception.repository.urls import DatabaseUrl

__all__ = [
    "backup",
    "check_backup",
    "current_revision",
    "ensure_schema",
    "head_revision",
    "integrity_check",
    "newest_backup",
    "quick_check",
    "restore",
    "upgrade",
]

MIGRATIONS = Path(__file__).with_name("migrations")


def _config(url: str | DatabaseUrl | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if url is not None:
        # '%' must be doubled for configparser (passwords may contain it).
        rendered = location(url).render(hide_password=False)
        config.set_main_option("sqlalchemy.url", rendered.replace("%", "%%"))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None, "no migrations shipped"
    return head


# Tables every Reception database has had since the first revision.
RECEPTION_TABLES = frozenset({"branches", "staff", "customers", "subscriptions", "attendance", "access_log"})


def current_revision(url: str | DatabaseUrl) -> str | None:
    """The schema revision the database is at; None for an empty (or missing) database.

    Read in a read transaction: looking must not wait for (or block) a desk that is writing."""
    path = sqlite_path(url)
    if path is not None and not path.exists():
        return None  # don't create the file just to look
    engine = create_engine_for(url)
    try:
        with storage_errors(path), engine.connect().execution_options(**{READ_ONLY: True}) as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


def has_tables(url: str | DatabaseUrl) -> bool:
    engine = create_engine_for(url)
    try:
        with storage_errors(sqlite_path(url)), engine.connect().execution_options(**{READ_ONLY: True}) as connection:
            return bool(sa.inspect(connection).get_table_names())
    finally:
        engine.dispose()


def _refuse_empty_file(url: str | DatabaseUrl) -> None:
    """A zero-byte file is not a new gym: something emptied it (or it is the wrong file). Left as it is."""
    path = sqlite_path(url)
    if path is not None and path.is_file() and path.stat().st_size == 0:
        raise StorageError(
            f"The database file {path} is empty (0 bytes): it is not a gym database, and Reception does not turn "
            "it into a new gym. It was left as it is. If the gym's data should be there, restore a backup "
            "(reception db restore BACKUP); to start a new gym here, delete that empty file first."
        )


def check_backup(path: str | os.PathLike[str]) -> str:
    """A backup fit to restore: it opens, passes quick_check, holds Reception's tables and a schema
    revision this version knows (older ones are upgraded when the desk opens them). Returns that
    revision; raises StorageError naming the file otherwise."""
    source = Path(path)
    sqlite_files.check_backup_file(source)
    try:
        tables, revision = sqlite_files.tables_and_revision(source)
    except Exception as error:  # sqlite3.Error: checked above, so only a file that changed meanwhile
        raise StorageError(f"The backup {source} cannot be read ({error}). Nothing was changed.") from error
    if not RECEPTION_TABLES <= tables or revision is None:
        raise StorageError(f"{source} is a database, but not a Reception backup (it has no gym's tables). "
                           "Nothing was changed; choose a backup from the backups folder.")
    if not _known(revision):
        raise StorageError(f"The backup {source} was made by a newer version of Reception (schema revision "
                           f"{revision}). Install that version before restoring it; nothing was changed.")
    return revision


def restore(backup_path: str | os.PathLike[str], url: str | DatabaseUrl) -> Path | None:
    """Checks the backup (check_backup), then puts it in place of the database; see
    sqlite_files.restore. Returns where the replaced file was kept (None: there was none)."""
    check_backup(backup_path)
    return sqlite_files.restore(backup_path, url)


def upgrade(url: str | DatabaseUrl, *, backup_dir: str | os.PathLike[str] | None = None) -> Path | None:
    """Brings the schema to head. A SQLite file that already holds data and is behind is
    first copied (backup API) into `backup_dir` (default: the app's backups folder).
    Returns the backup's path, or None when none was needed."""
    head = head_revision()
    _refuse_empty_file(url)
    current = current_revision(url)
    _refuse_unknown(url, current)
    if current == head:
        return None
    saved: Path | None = None
    path = sqlite_path(url)
    if path is not None and path.exists() and has_tables(url):
        folder = Path(backup_dir) if backup_dir is not None else paths.backup_dir()
        saved = backup(url, folder / backup_name(url, f"before-{head}"))
    with storage_errors(path):
        command.upgrade(_config(url), "head")
        if path is not None:
            _remake_sync_triggers(url)
    return saved


def _remake_sync_triggers(url: str | DatabaseUrl) -> None:
    """A branch desk's replica names every column of a synced table in the triggers that feed its outbox; an
    upgrade that changed those tables leaves them naming the old columns, so they are made again (a file that
    is no replica has none and is left alone)."""
    from reception.repository.sql import replica

    engine = create_engine_for(url)
    try:
        with engine.begin() as connection:
            names = connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync_%'").scalars().all()
            if names:
                for name in names:
                    connection.exec_driver_sql(f'DROP TRIGGER IF EXISTS "{name}"')
                replica.install_triggers(connection)
    finally:
        engine.dispose()


def ensure_schema(url: str | DatabaseUrl, *, auto_upgrade: bool) -> Path | None:
    """At start: the schema must be at head. A local SQLite file is upgraded (after a
    backup) when `auto_upgrade`; anything else on a mismatch is refused with what to run."""
    head = head_revision()
    _refuse_empty_file(url)
    current = current_revision(url)
    _refuse_unknown(url, current)
    if current == head:
        return None
    if auto_upgrade and sqlite_path(url) is not None:
        return upgrade(url)
    shown = location(url).render(hide_password=True)
    state = f"is at schema revision {current}" if current else "has no Reception tables yet"
    raise StorageError(
        f"The database {state}, but this version of Reception needs revision {head}. "
        f"Ask the administrator to run: reception db upgrade --db {shown}"
    )


def _known(revision: str) -> bool:
    try:
        return ScriptDirectory.from_config(_config()).get_revision(revision) is not None
    except AlembicError:  # alembic's "Can't locate revision" for ids it does not ship
        return False


def _refuse_unknown(url: str | DatabaseUrl, current: str | None) -> None:
    if current is None:
        return
    if not _known(current):
        raise StorageError(
            f"The database was set up by a newer version of Reception (schema revision {current}). "
            "Install the newest version of Reception on this computer."
        )
