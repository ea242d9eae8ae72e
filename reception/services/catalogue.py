"""The service catalogue and the branches: what is sold, and each branch's rules."""

from __future__ import annotations

import uuid
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from reception.domain.errors import NotFound, ValidationError
from reception.domain.models import Branch, BranchRules, Service, ServiceKind
from reception.domain.authorization import Action
from reception.repository.ports import UnitOfWork
from reception.services.access import check
from reception.services.context import Desk


class CatalogueService:
    def __init__(self, uow: UnitOfWork) -> None:
        self._uow = uow

    def services(self, *, active_only: bool = False) -> list[Service]:
        with self._uow.reading() as uow:
            return uow.services.list(active_only=active_only)

    def save_service(
        self,
        desk: Desk,
        *,
        name: str,
        kind: ServiceKind,
        price: Decimal | str,
        months: int,
        units: int | None = None,
        service_id: uuid.UUID | None = None,
        is_active: bool = True,
    ) -> Service:
        problems: dict[str, str] = {}
        if len(name.strip()) < 2:
            problems["name"] = "Give the service a name."
        try:
            amount = Decimal(str(price).strip())
            if not amount.is_finite() or amount < 0:
                raise InvalidOperation
        except InvalidOperation:
            problems["price"] = "The price must be a number, 0 or more."
            amount = Decimal(0)
        if not 1 <= months <= 36:
            problems["months"] = "The duration must be 1 to 36 months."
        if kind.is_pack and not (units and 1 <= units <= 1000):
            problems["units"] = f"A {kind.value} pack needs 1 to 1000 {kind.unit}s."
        if problems:
            raise ValidationError(problems)
        service = Service(
            id=service_id or uuid.uuid4(), name=name.strip(), kind=kind, price=amount.quantize(Decimal("0.01")),
            duration_months=months if kind is ServiceKind.MONTHLY else None,
            units=units if kind.is_pack else None,
            validity_months=months if kind.is_pack else None, is_active=is_active,
        )
        with self._uow as uow:
            check(uow, desk, Action.EDIT_CATALOGUE)
            if service_id is None:
                uow.services.add(service)
            else:
                if uow.services.get(service_id) is None:
                    raise NotFound("That service no longer exists.")
                uow.services.update(service)
            uow.commit()
        return service

    def set_service_active(self, desk: Desk, service_id: uuid.UUID, active: bool) -> Service:
        """A deactivated service stays on old subscriptions but can't be sold."""
        with self._uow as uow:
            check(uow, desk, Action.EDIT_CATALOGUE)
            service = uow.services.get(service_id)
            if service is None:
                raise NotFound("That service no longer exists.")
            changed = replace(service, is_active=active)
            uow.services.update(changed)
            uow.commit()
        return changed

    def branches(self) -> list[Branch]:
        with self._uow.reading() as uow:
            return uow.branches.list()

    def branch(self, branch_id: uuid.UUID) -> Branch:
        with self._uow.reading() as uow:
            branch = uow.branches.get(branch_id)
        if branch is None:
            raise NotFound("That branch does not exist.")
        return branch

    def save_branch(self, desk: Desk, branch: Branch) -> Branch:
        """Create or edit a branch and its rules (owner; a manager edits their own branch's rules)."""
        _check_branch(branch)
        with self._uow as uow:
            existing = uow.branches.get(branch.id)
            if existing is None:
                check(uow, desk, Action.MANAGE_BRANCHES)
                uow.branches.add(branch)
            else:
                check(uow, desk, Action.EDIT_BRANCH_RULES, branch.id)
                uow.branches.update(branch)
            uow.commit()
        return branch


def _check_branch(branch: Branch) -> None:
    problems: dict[str, str] = {}
    if len(branch.name.strip()) < 2:
        problems["name"] = "Give the branch a name."
    try:
        ZoneInfo(branch.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        problems["timezone"] = f"{branch.timezone!r} is not a time zone (e.g. Africa/Cairo)."
    rules: BranchRules = branch.rules
    if not rules.payment_methods:
        problems["payment_methods"] = "Accept at least one payment method."
    if not 0 <= rules.repeat_deduction_minutes <= 24 * 60:
        problems["repeat_deduction_minutes"] = "The repeat window must be 0 to 1440 minutes."
    for key, value, low, high, words in (
        ("low_balance_threshold", rules.low_balance_threshold, 0, 100, "The low-balance warning must be 0 to 100."),
        ("ending_soon_days", rules.ending_soon_days, 0, 90, "The ending-soon warning must be 0 to 90 days."),
        ("reversal_window_minutes", rules.reversal_window_minutes, 0, 24 * 60,
         "The reversal window must be 0 to 1440 minutes."),
        ("idle_lock_minutes", rules.idle_lock_minutes, 0, 240, "The idle lock must be 0 (never) to 240 minutes."),
    ):
        if not low <= value <= high:
            problems[key] = words
    if not 0 <= rules.max_freeze_days_per_year <= 365:
        problems["max_freeze_days_per_year"] = "Freeze days per year must be 0 to 365."
    if len(rules.currency.strip()) != 3:
        problems["currency"] = "Use a three-letter currency code such as EGP."
    if problems:
        raise ValidationError(problems)
