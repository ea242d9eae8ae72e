"""Builders for a small gym in a real database, shared by the integration tests and their subprocesses."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy.engine import Engine

from reception.bootstrap import App
from reception.domain.models import (
    Branch,
    Customer,
    PaymentMethod,
    Role,
    Service,
    ServiceKind,
    Staff,
    Subscription,
    SubscriptionStatus,
    new_id,
)
from reception.repository.ports import UnitOfWork
from reception.repository.sql import SqlUnitOfWork, create_engine_for
from reception.repository.sql.maintenance import upgrade
from reception.repository.sql.storage import SqlStorage

NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Gym:
    branch: Branch
    staff: Staff
    service: Service
    customer: Customer
    pack: Subscription


def open_uow(url: str, *, migrate: bool = True) -> SqlUnitOfWork:
    if migrate:
        upgrade(url, backup_dir=None)
    return SqlUnitOfWork(create_engine_for(url))


def engine_of(app: App) -> Engine:
    """The SQL engine under an app's storage, for tests that look at the tables themselves."""
    assert isinstance(app.storage, SqlStorage)
    return app.storage.engine


def make_customer(member_no: int, branch_id: uuid.UUID, *, name: str = "Mohamed Salem", phone: str = "01077827638",
                  at: datetime = NOW) -> Customer:
    return Customer(
        id=new_id(),
        member_no=member_no,
        full_name=name,
        phone=phone,
        branch_id=branch_id,
        qr_code=f"GYM-{member_no}-{member_no:08X}",
        created_at=at,
        updated_at=at,
    )


def make_pack(customer: Customer, service: Service, balance: int, *, sold_by: uuid.UUID | None = None) -> Subscription:
    return Subscription(
        id=new_id(),
        customer_id=customer.id,
        service_id=service.id,
        service_name=service.name,
        branch_id=customer.branch_id,
        sold_by=sold_by,
        sold_at_branch=customer.branch_id,
        subscription_type=ServiceKind.SESSIONS,
        start_date=date(2026, 11, 1),
        end_date=date(2027, 1, 31),
        amount=Decimal("1200.50"),
        payment_method=PaymentMethod.CASH,
        status=SubscriptionStatus.ACTIVE,
        created_at=NOW - timedelta(days=20),
        total_units=balance,
        remaining=balance,
    )


def seed_gym(uow: UnitOfWork, *, balance: int = 12) -> Gym:
    """One branch, one receptionist, a 12-session service and one customer holding a pack."""
    branch = Branch(id=new_id(), number=1, name="Downtown", address="12 Tahrir St")
    staff = Staff(new_id(), "layla", "Layla Desk", Role.RECEPTIONIST, branch.id, "$argon2id$fake", True)
    service = Service(new_id(), "12 sessions", ServiceKind.SESSIONS, Decimal("1200.50"), units=12, validity_months=3)
    with uow:
        uow.branches.add(branch)
        uow.staff.add(staff)
        uow.services.add(service)
        customer = make_customer(uow.customers.next_member_no(), branch.id)
        uow.customers.add(customer)
        pack = make_pack(customer, service, balance, sold_by=staff.id)
        uow.subscriptions.add(pack)
        uow.commit()
    return Gym(branch, staff, service, customer, pack)


def seed_gym_at_old_revision(engine: object) -> Gym:
    """seed_gym on a database migrated only to an older revision: today's writes also note the change log
    (revision 0004), so it is there while seeding and gone again after, as the old revision had it."""
    from reception.repository.sql import tables

    with engine.begin() as connection:  # type: ignore[attr-defined]
        tables.changes.create(connection)
    gym = seed_gym(SqlUnitOfWork(engine))  # type: ignore[arg-type]
    with engine.begin() as connection:  # type: ignore[attr-defined]
        tables.changes.drop(connection)
    return gym
