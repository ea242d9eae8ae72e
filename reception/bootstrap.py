"""Qt-free wiring: a database URL becomes the adapters, the unit of work and the services."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reception import paths
from reception.clock import Clock, SystemClock
from reception.domain.errors import StorageError
from reception.domain.models import Branch, Role, Staff
from reception.repository.ports import ReplicaStore, StorageUpkeep, SyncServerStore, UnitOfWork
from reception.repository.urls import DatabaseUrl, describe_url, is_sqlite, normalise_url, parse_database_url
from reception.services.access_log import AccessLogService
from reception.services.attendance import AttendanceService
from reception.services.auth import LoginThrottle, StaffService
from reception.services.catalogue import CatalogueService
from reception.services.changes import ChangeService
from reception.services.context import KIOSK_ID, Desk
from reception.services.customers import CustomerService
from reception.services.desk import DeskService
from reception.services.operations import OperationService
from reception.services.passes import PassService
from reception.services.reports import ReportService
from reception.services.subscriptions import SubscriptionService
from reception.services.tokens import TokenService

if TYPE_CHECKING:
    from reception.repository.sql.copy import CopyReport

DB_ENV = "RECEPTION_DB"


def resolve_url(explicit: str | None = None, *, demo: bool = False) -> str:
    """--db wins, then RECEPTION_DB, then the demo's or the gym's own file in the user data dir.

    The demo goes where --db or RECEPTION_DB say too; the demo commands refuse a database
    that already holds another gym (reception.launch), so the demo never mixes with real data.
    """
    if explicit:
        return normalise_url(explicit)
    env = os.environ.get(DB_ENV)
    if env and env.strip():
        return normalise_url(env)
    return paths.demo_database_url() if demo else paths.default_database_url()


def open_storage(url: str) -> StorageUpkeep:
    """The upkeep of the database at `url` (checks, schema, backups, Test connection) without the
    services: for the `db` commands and the desk's start-up, which run before (or instead of)
    open_app. Nothing is opened until a method needs it. StorageError for an unusable address."""
    from reception.repository.sql.storage import SqlStorage

    return SqlStorage(parse_database_url(url))


def copy_database(source: str, destination: str) -> CopyReport:
    """`reception db copy`: every table of the gym at `source` into the empty database at `destination`, checked
    row for row (repository.sql.copy). StorageError, with nothing changed, when it cannot be done."""
    from reception.repository.sql.copy import copy_database as copy

    return copy(source, destination)


@dataclass
class App:
    """Everything the windows and the CLI need, built once per database."""

    url: str
    storage: StorageUpkeep
    uow: UnitOfWork
    clock: Clock
    staff: StaffService
    customers: CustomerService
    desk: DeskService
    subscriptions: SubscriptionService
    attendance: AttendanceService
    catalogue: CatalogueService
    reports: ReportService
    tokens: TokenService
    operations: OperationService
    changes: ChangeService
    passes: PassService
    access_log: AccessLogService
    sync_server: SyncServerStore | None = None  # the chain's server side of branch sync (not on a replica)
    replica: ReplicaStore | None = None  # a SQLite file's desk side of sync (enrolled or not yet)
    extras: dict[str, object] = field(default_factory=dict)

    @property
    def is_branch_desk(self) -> bool:
        """This database is a desk's replica, connected to the chain's server."""
        return self.replica is not None and "device_id" in self.replica.state()

    @property
    def description(self) -> str:
        return self.storage.describe()

    def kiosk_desk(self, branch: Branch) -> Desk:
        """A desk with no staff account, for turnstiles and scripts."""
        kiosk = Staff(KIOSK_ID, "kiosk", "Kiosk", Role.RECEPTIONIST, branch.id, "", True)
        return Desk(kiosk, branch)

    def close(self) -> None:
        self.storage.dispose()


SERVED_WORDS = ("This database belongs to the chain's server: a desk works through the server, not on its "
                "database. Connect this desk with `reception connect SERVER_URL` (or on the first-start dialog).")


@dataclass(frozen=True)
class Rebuilt:
    damaged_copy: Path
    kept: int  # operations still to push, salvaged from the damaged file
    unreadable: int  # outbox rows that could not be read (the server reports the gap)


def rebuild_replica(url: str, clock: Clock | None = None) -> Rebuilt:
    """A branch desk's damaged replica made again from the chain's server: the file is moved aside (kept for
    support), its operations not yet pushed are read back row by row, a new file is copied from the server,
    and those operations go back into its outbox, to be pushed as they were."""
    from datetime import UTC, datetime

    from reception.repository.sql.replica_store import keep_salvaged, salvage
    from reception.sync.agent import rebuild

    location = parse_database_url(url)
    path = location.sqlite_path
    if path is None or not path.exists():
        raise StorageError("Only a desk's own replica file can be rebuilt from the chain's server.")
    salvaged = salvage(path)
    aside = path.with_name(f"{path.name}.damaged-{datetime.now(UTC):%Y%m%d-%H%M%S}")
    for suffix in ("", "-wal", "-shm"):
        part = path.with_name(path.name + suffix)
        if part.exists():
            part.rename(aside.with_name(aside.name + suffix))
    app = open_app(url, clock=clock)
    try:
        assert app.replica is not None
        last = rebuild(app.replica, salvaged.state, app.clock)
        highest = max([last, *(int(op["seq"]) for op in salvaged.ops)])
        keep_salvaged(app.storage.engine, salvaged, highest)  # type: ignore[attr-defined]
    finally:
        app.close()
    return Rebuilt(aside, len(salvaged.ops), salvaged.unreadable)


def refuse_served(app: App) -> None:
    """A desk or a command opening the chain's server's own PostgreSQL directly is refused (every change must
    pass through the server, so every branch sees it in the change log)."""
    if app.sync_server is not None and not app.url.startswith("sqlite") and app.sync_server.served():
        raise StorageError(SERVED_WORDS)


def open_app(url: str, *, clock: Clock | None = None, migrate: bool = True, check: bool = True,
             desk_id: uuid.UUID | None = None) -> App:
    """Open (and on SQLite create or upgrade) the database and wire the services.

    `desk_id` is this desk's saved id (reception.settings.desk_id); without one, the id of the
    command line / kiosk on this computer. Sign-in attempts are counted per desk id.

    Raises StorageError with a message a receptionist can act on.
    """
    from reception.repository.sql.replica_store import SqlReplicaStore, enrolled
    from reception.repository.sql.storage import SqlStorage
    from reception.repository.sql.sync_server import SqlSyncServer
    from reception.repository.sql.uow import SqlUnitOfWork

    location = parse_database_url(url)
    storage = SqlStorage(location)
    if check and location.is_sqlite:
        storage.quick_check()
    if migrate:
        storage.ensure_schema(auto_upgrade=location.is_sqlite)
    try:
        branch_desk = enrolled(storage.engine)
        replica_store = SqlReplicaStore(storage.engine) if location.is_sqlite else None
        if branch_desk and migrate and replica_store is not None and not replica_store.has_triggers():
            replica_store.prepare()  # a replica made by an older version: the outbox's triggers for every table
        uow = SqlUnitOfWork(storage.engine, outbox=branch_desk)
        clock = clock or SystemClock()
        if desk_id is None:
            from reception.settings import kiosk_desk_id

            desk_id = kiosk_desk_id()
        staff = StaffService(uow, LoginThrottle(), clock=clock, desk_id=desk_id)
        return App(
            url=location.text,
            storage=storage,
            uow=uow,
            clock=clock,
            staff=staff,
            customers=CustomerService(uow, clock),
            desk=DeskService(uow, clock, staff),
            subscriptions=SubscriptionService(uow, clock, staff),
            attendance=AttendanceService(uow, clock, staff),
            catalogue=CatalogueService(uow),
            reports=ReportService(uow, clock),
            tokens=TokenService(uow, clock, staff),
            operations=OperationService(uow, clock),
            changes=ChangeService(uow),
            passes=PassService(uow, clock),
            access_log=AccessLogService(uow),
            sync_server=None if branch_desk else SqlSyncServer(storage.engine, clock),
            replica=replica_store,
        )
    except Exception:
        storage.dispose()
        raise


__all__ = ["App", "DatabaseUrl", "StorageError", "StorageUpkeep", "describe_url", "is_sqlite", "normalise_url",
           "open_app", "open_storage", "parse_database_url", "resolve_url"]
