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
from sqlalchemy.engine import URL

from reception import paths
from reception.domain.errors import StorageError
from reception.repository.sql.engine import create_engine_for, normalize_url, sqlite_path
from reception.repository.sql.errors import storage_errors
from reception.repository.sql.sqlite_files import (
    backup,
    backup_name,
    integrity_check,
    newest_backup,
    quick_check,
    restore,
)

__all__ = [
    "backup",
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


def _config(url: str | URL | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if url is not None:
        # '%' must be doubled for configparser (passwords may contain it).
        rendered = normalize_url(url).render_as_string(hide_password=False)
        config.set_main_option("sqlalchemy.url", rendered.replace("%", "%%"))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None, "no migrations shipped"
    return head


def current_revision(url: str | URL) -> str | None:
    """The schema revision the database is at; None for an empty (or missing) database."""
    path = sqlite_path(url)
    if path is not None and not path.exists():
        return None  # don't create the file just to look
    engine = create_engine_for(url)
    try:
        with storage_errors(), engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


def has_tables(url: str | URL) -> bool:
    engine = create_engine_for(url)
    try:
        with storage_errors(), engine.connect() as connection:
            return bool(sa.inspect(connection).get_table_names())
    finally:
        engine.dispose()


def upgrade(url: str | URL, *, backup_dir: str | os.PathLike[str] | None = None) -> Path | None:
    """Brings the schema to head. A SQLite file that already holds data and is behind is
    first copied (backup API) into `backup_dir` (default: the app's backups folder).
    Returns the backup's path, or None when none was needed."""
    head = head_revision()
    current = current_revision(url)
    _refuse_unknown(url, current)
    if current == head:
        return None
    saved: Path | None = None
    path = sqlite_path(url)
    if path is not None and path.exists() and has_tables(url):
        folder = Path(backup_dir) if backup_dir is not None else paths.backup_dir()
        saved = backup(url, folder / backup_name(url, f"before-{head}"))
    with storage_errors():
        command.upgrade(_config(url), "head")
    return saved


def ensure_schema(url: str | URL, *, auto_upgrade: bool) -> Path | None:
    """At start: the schema must be at head. A local SQLite file is upgraded (after a
    backup) when `auto_upgrade`; anything else on a mismatch is refused with what to run."""
    head = head_revision()
    current = current_revision(url)
    _refuse_unknown(url, current)
    if current == head:
        return None
    if auto_upgrade and sqlite_path(url) is not None:
        return upgrade(url)
    shown = normalize_url(url).render_as_string(hide_password=True)
    state = f"is at schema revision {current}" if current else "has no Reception tables yet"
    raise StorageError(
        f"The database {state}, but this version of Reception needs revision {head}. "
        f"Ask the administrator to run: reception db upgrade --db {shown}"
    )


def _refuse_unknown(url: str | URL, current: str | None) -> None:
    if current is None:
        return
    script = ScriptDirectory.from_config(_config())
    try:
        known = script.get_revision(current) is not None
    except AlembicError:  # alembic's "Can't locate revision" for ids it does not ship
        known = False
    if not known:
        raise StorageError(
            f"The database was set up by a newer version of Reception (schema revision {current}). "
            "Install the newest version of Reception on this computer."
        )
