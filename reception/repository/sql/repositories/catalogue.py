"""Branches (with their rules), staff and the service catalogue."""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from reception.domain.models import (
    Branch,
    BranchRules,
    OtherBranchPolicy,
    PaymentMethod,
    Role,
    Service,
    ServiceKind,
    Staff,
)
from reception.repository.sql.errors import translated
from reception.repository.sql.repositories.changes import note
from reception.repository.sql.tables import branches, services, staff


def _branch_values(branch: Branch) -> dict[str, Any]:
    rules = branch.rules
    return {
        "id": branch.id,
        "number": branch.number,
        "name": branch.name,
        "address": branch.address,
        "timezone": branch.timezone,
        "is_active": branch.is_active,
        "other_branch_policy": rules.other_branch_policy.value,
        "repeat_deduction_minutes": rules.repeat_deduction_minutes,
        "low_balance_threshold": rules.low_balance_threshold,
        "ending_soon_days": rules.ending_soon_days,
        "auto_commit_on_allow": rules.auto_commit_on_allow,
        "currency": rules.currency,
        "payment_methods": ",".join(method.value for method in rules.payment_methods),
        "max_freeze_days_per_year": rules.max_freeze_days_per_year,
        "reversal_window_minutes": rules.reversal_window_minutes,
        "idle_lock_minutes": rules.idle_lock_minutes,
    }


def _branch(row: sa.Row[Any]) -> Branch:
    methods = tuple(PaymentMethod(value) for value in row.payment_methods.split(",") if value)
    rules = BranchRules(
        other_branch_policy=OtherBranchPolicy(row.other_branch_policy),
        repeat_deduction_minutes=row.repeat_deduction_minutes,
        low_balance_threshold=row.low_balance_threshold,
        ending_soon_days=row.ending_soon_days,
        auto_commit_on_allow=row.auto_commit_on_allow,
        currency=row.currency,
        payment_methods=methods,
        max_freeze_days_per_year=row.max_freeze_days_per_year,
        reversal_window_minutes=row.reversal_window_minutes,
        idle_lock_minutes=row.idle_lock_minutes,
    )
    return Branch(
        id=row.id,
        number=row.number,
        name=row.name,
        address=row.address,
        timezone=row.timezone,
        rules=rules,
        is_active=row.is_active,
    )


class SqlBranchRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    @translated
    def add(self, branch: Branch) -> None:
        self._session.execute(sa.insert(branches).values(_branch_values(branch)))
        note(self._session, "branch", [(branch.id, branch.id)])

    @translated
    def update(self, branch: Branch) -> None:
        values = _branch_values(branch)
        del values["id"]
        self._session.execute(sa.update(branches).where(branches.c.id == branch.id).values(values))
        note(self._session, "branch", [(branch.id, branch.id)])

    @translated
    def get(self, branch_id: uuid.UUID) -> Branch | None:
        row = self._session.execute(sa.select(branches).where(branches.c.id == branch_id)).one_or_none()
        return _branch(row) if row else None

    @translated
    def by_number(self, number: int) -> Branch | None:
        row = self._session.execute(sa.select(branches).where(branches.c.number == number)).one_or_none()
        return _branch(row) if row else None

    @translated
    def list(self) -> list[Branch]:
        return [_branch(row) for row in self._session.execute(_BRANCHES)]


def _staff_values(member: Staff) -> dict[str, Any]:
    return {
        "id": member.id,
        "username": member.username,
        "full_name": member.full_name,
        "role": member.role.value,
        "branch_id": member.branch_id,
        "password_hash": member.password_hash,
        "is_active": member.is_active,
    }


def _staff(row: sa.Row[Any]) -> Staff:
    return Staff(
        id=row.id,
        username=row.username,
        full_name=row.full_name,
        role=Role(row.role),
        branch_id=row.branch_id,
        password_hash=row.password_hash,
        is_active=row.is_active,
    )


_BRANCHES = sa.select(branches).order_by(branches.c.number)
_STAFF_BY_ID = sa.select(staff).where(staff.c.id == sa.bindparam("staff"))  # every request's caller: built once


class SqlStaffRepository:
    """Staff, one repository per transaction. A staff member read once is kept for the rest of the transaction
    (a request's sign-in check and its authorisation both read the caller), until this transaction writes them."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._read: dict[uuid.UUID, Staff | None] = {}

    @translated
    def add(self, staff_member: Staff) -> None:
        self._read.pop(staff_member.id, None)
        self._session.execute(sa.insert(staff).values(_staff_values(staff_member)))
        note(self._session, "staff", [(staff_member.id, staff_member.branch_id)])

    @translated
    def update(self, staff_member: Staff) -> None:
        self._read.pop(staff_member.id, None)
        values = _staff_values(staff_member)
        del values["id"]
        self._session.execute(sa.update(staff).where(staff.c.id == staff_member.id).values(values))
        note(self._session, "staff", [(staff_member.id, staff_member.branch_id)])

    @translated
    def get(self, staff_id: uuid.UUID) -> Staff | None:
        if staff_id in self._read:
            return self._read[staff_id]
        row = self._session.execute(_STAFF_BY_ID, {"staff": staff_id}).one_or_none()
        found = _staff(row) if row else None
        self._read[staff_id] = found
        return found

    @translated
    def by_username(self, username: str) -> Staff | None:
        query = sa.select(staff).where(sa.func.lower(staff.c.username) == username.strip().lower())
        row = self._session.execute(query).first()
        return _staff(row) if row else None

    @translated
    def list(self, branch_id: uuid.UUID | None = None) -> list[Staff]:
        query = sa.select(staff).order_by(staff.c.full_name, staff.c.username)
        if branch_id is not None:
            query = query.where(staff.c.branch_id == branch_id)
        return [_staff(row) for row in self._session.execute(query)]


def _service_values(service: Service) -> dict[str, Any]:
    return {
        "id": service.id,
        "name": service.name,
        "kind": service.kind.value,
        "price": service.price,
        "duration_months": service.duration_months,
        "units": service.units,
        "validity_months": service.validity_months,
        "is_active": service.is_active,
    }


def _service(row: sa.Row[Any]) -> Service:
    return Service(
        id=row.id,
        name=row.name,
        kind=ServiceKind(row.kind),
        price=row.price,
        duration_months=row.duration_months,
        units=row.units,
        validity_months=row.validity_months,
        is_active=row.is_active,
    )


class SqlServiceRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    @translated
    def add(self, service: Service) -> None:
        self._session.execute(sa.insert(services).values(_service_values(service)))
        note(self._session, "service", [(service.id, None)])

    @translated
    def update(self, service: Service) -> None:
        values = _service_values(service)
        del values["id"]
        self._session.execute(sa.update(services).where(services.c.id == service.id).values(values))
        note(self._session, "service", [(service.id, None)])

    @translated
    def get(self, service_id: uuid.UUID) -> Service | None:
        row = self._session.execute(sa.select(services).where(services.c.id == service_id)).one_or_none()
        return _service(row) if row else None

    @translated
    def list(self, *, active_only: bool = False) -> list[Service]:
        query = sa.select(services).order_by(services.c.kind, services.c.name)
        if active_only:
            query = query.where(services.c.is_active.is_(True))
        return [_service(row) for row in self._session.execute(query)]
