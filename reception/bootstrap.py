"""Qt-free wiring: a database URL becomes the adapters, the unit of work and the services."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError

from reception import paths, redact
from reception.clock import Clock, SystemClock
from reception.domain.errors import StorageError
from reception.domain.models import Branch, Role, Staff
from reception.repository.ports import UnitOfWork
from reception.services.attendance import AttendanceService
from reception.services.auth import LoginThrottle, StaffService
from reception.services.catalogue import CatalogueService
from reception.services.changes import ChangeService
from reception.services.context import KIOSK_ID, Desk
from reception.services.customers import CustomerService
from reception.services.desk import DeskService
from reception.services.operations import OperationService
from reception.services.reports import ReportService
from reception.services.subscriptions import SubscriptionService
from reception.services.tokens import TokenService

DB_ENV = "RECEPTION_DB"


def resolve_url(explicit: str | None = None, *, demo: bool = False) -> str:
    """--db wins, then RECEPTION_DB, then the demo's or the gym's own file in the user data dir.

    The demo goes where --db or RECEPTION_DB say too; the demo commands refuse a database
    that already holds another gym (reception.cli), so the demo never mixes with real data.
    """
    if explicit:
        return normalise_url(explicit)
    env = os.environ.get(DB_ENV)
    if env and env.strip():
        return normalise_url(env)
    return paths.demo_database_url() if demo else paths.default_database_url()


def normalise_url(url: str) -> str:
    """Accept a bare file path and the plain `postgresql://` scheme.

    Raises StorageError (the URL shown with its password masked) for an address Reception
    cannot use; the password of a usable one is remembered so no log line or message shows it.
    """
    text = url.strip()
    if "://" not in text:
        return f"sqlite:///{Path(text).expanduser().resolve()}"
    redact.remember_url(text)
    if text.startswith(("postgresql://", "postgres://")):
        text = "postgresql+psycopg://" + text.split("://", 1)[1]
    try:
        parsed = make_url(text)
    except (ArgumentError, ValueError):
        raise StorageError(f"That is not a database address Reception understands: {redact.mask_text(text)}") from None
    redact.remember_url(parsed)
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise StorageError(
            f"Reception works with a SQLite file or a PostgreSQL server, not {redact.mask_url(parsed)}"
        )
    return text


def describe_url(url: str) -> str:
    """For the status bar: 'Local file: /path' or 'Server: host/db' (never the password)."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        return redact.mask_text(url)
    if parsed.get_backend_name() == "sqlite":
        return f"Local file: {parsed.database}"
    return f"Server: {parsed.host or 'localhost'}{':' + str(parsed.port) if parsed.port else ''}/{parsed.database}"


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


@dataclass
class App:
    """Everything the windows and the CLI need, built once per database."""

    url: str
    engine: Engine
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
    extras: dict[str, object] = field(default_factory=dict)

    @property
    def description(self) -> str:
        return describe_url(self.url)

    def kiosk_desk(self, branch: Branch) -> Desk:
        """A desk with no staff account, for turnstiles and scripts."""
        kiosk = Staff(KIOSK_ID, "kiosk", "Kiosk", Role.RECEPTIONIST, branch.id, "", True)
        return Desk(kiosk, branch)

    def close(self) -> None:
        self.engine.dispose()


def open_app(url: str, *, clock: Clock | None = None, migrate: bool = True, check: bool = True,
             desk_id: uuid.UUID | None = None) -> App:
    """Open (and on SQLite create or upgrade) the database and wire the services.

    `desk_id` is this desk's saved id (reception.settings.desk_id); without one, the id of the
    command line / kiosk on this computer. Sign-in attempts are counted per desk id.

    Raises StorageError with a message a receptionist can act on.
    """
    from reception.repository.sql import maintenance
    from reception.repository.sql.engine import create_engine_for
    from reception.repository.sql.uow import SqlUnitOfWork

    url = normalise_url(url)
    if check and is_sqlite(url):
        maintenance.quick_check(url)
    if migrate:
        maintenance.ensure_schema(url, auto_upgrade=is_sqlite(url))
    engine = create_engine_for(url)
    try:
        uow = SqlUnitOfWork(engine)
        clock = clock or SystemClock()
        if desk_id is None:
            from reception.settings import kiosk_desk_id

            desk_id = kiosk_desk_id()
        staff = StaffService(uow, LoginThrottle(), clock=clock, desk_id=desk_id)
        return App(
            url=url,
            engine=engine,
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
        )
    except Exception:
        engine.dispose()
        raise


__all__ = ["App", "StorageError", "open_app", "resolve_url", "describe_url", "normalise_url", "is_sqlite"]
