"""Desks in child processes for the concurrency tests: each opens the gym and works through the services."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from reception.domain.errors import DomainError
from reception.domain.models import (
    AttendanceAction,
    Branch,
    BranchRules,
    LedgerEntry,
    LedgerKind,
    Role,
    Service,
    ServiceKind,
    Staff,
    new_id,
)
from tests.integration.helpers_gym import make_customer, make_pack, open_uow


def seed_desks_gym(url: str, *, customers: int, balance: int | None, repeat_minutes: int) -> dict[str, Any]:
    """One branch with `customers` members; with `balance`, each holds a sessions pack of that balance."""
    uow = open_uow(url)
    branch = Branch(new_id(), 1, "Downtown", rules=BranchRules(repeat_deduction_minutes=repeat_minutes))
    staff = Staff(new_id(), "desk", "Desk Staff", Role.RECEPTIONIST, branch.id, "$argon2id$fake", True)
    service = Service(new_id(), "50 sessions", ServiceKind.SESSIONS, Decimal("900"), units=50, validity_months=3)
    monthly = Service(new_id(), "Monthly", ServiceKind.MONTHLY, Decimal("500"), duration_months=1)
    today = datetime.now(UTC).date()
    ids: list[str] = []
    codes: list[str] = []
    packs: list[str] = []
    with uow:
        uow.branches.add(branch)
        uow.staff.add(staff)
        uow.services.add(service)
        uow.services.add(monthly)
        for _ in range(customers):
            customer = make_customer(uow.customers.next_member_no(), branch.id)
            uow.customers.add(customer)
            ids.append(str(customer.id))
            codes.append(customer.qr_code)
            if balance is not None:
                pack = replace(make_pack(customer, service, balance, sold_by=staff.id),
                               start_date=today - timedelta(days=1), end_date=today + timedelta(days=60))
                uow.subscriptions.add(pack)
                uow.subscriptions.add_ledger(LedgerEntry(new_id(), pack.id, LedgerKind.PURCHASE, balance,
                                                         datetime.now(UTC) - timedelta(days=1)))
                packs.append(str(pack.id))
        uow.commit()
    uow.engine.dispose()
    return {"customers": ids, "codes": codes, "packs": packs, "monthly": str(monthly.id),
            "staff": str(staff.id), "branch": str(branch.id)}


def _desk(app: Any, gym: dict[str, Any]) -> Any:
    from reception.services.context import Desk

    with app.uow.reading() as uow:
        staff = uow.staff.get(uuid.UUID(gym["staff"]))
        branch = uow.branches.get(uuid.UUID(gym["branch"]))
    return Desk(staff, branch)


def desk_worker(url: str, gym: dict[str, Any], job: str, rounds: int, barrier: Any, results: Any) -> None:
    """One desk. `scan`: scan with deduction each member's card `rounds` times; `activate`: sell each member
    the monthly plan. Puts (job, [(index, outcome, detail), ...]) on `results`."""
    from reception.bootstrap import open_app

    app = open_app(url, migrate=False, check=False)
    desk = _desk(app, gym)
    outcomes: list[tuple[int, str, str]] = []
    barrier.wait(timeout=120)
    try:
        for _ in range(rounds):
            for index, code in enumerate(gym["codes"]):
                try:
                    if job == "scan":
                        result = app.desk.scan(desk, code, action=AttendanceAction.CHECK_IN_WITH_DEDUCTION)
                        if result.attendance is None:
                            state = "denied"
                        elif result.repeat:
                            state = "repeat"
                        else:
                            deducted = result.attendance.action is AttendanceAction.CHECK_IN_WITH_DEDUCTION
                            state = "deducted" if deducted else "visit"
                        outcomes.append((index, state, str(result.attendance.id) if result.attendance else ""))
                    else:
                        sold = app.subscriptions.activate(desk, uuid.UUID(gym["customers"][index]),
                                                          uuid.UUID(gym["monthly"]))
                        outcomes.append((index, "sold", str(sold.subscription.id)))
                except DomainError as refused:
                    outcomes.append((index, "refused", type(refused).__name__))
    finally:
        app.close()
    results.put((job, outcomes))


def today() -> date:
    return datetime.now(UTC).date()
