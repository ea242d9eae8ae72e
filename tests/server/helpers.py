"""Members and packs made through the services in the test process, on the server's own database."""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from reception.domain.models import Customer, Service, ServiceKind, Subscription
from reception.services.context import Desk


def owner_desk(app: Any, branch_no: int) -> Desk:
    branch = next(b for b in app.catalogue.branches() if b.number == branch_no)
    with app.uow.reading() as uow:
        owner = uow.staff.by_username("owner")
    return Desk(owner, branch)


def new_member(app: Any, branch_no: int, name: str = "Test Member") -> Customer:
    phone = "010" + "".join(random.choice("0123456789") for _ in range(8))
    return app.customers.register(owner_desk(app, branch_no), full_name=name, phone=phone, shared_phone_ok=True)


def pack_service(app: Any, units: int, price: str = "500") -> Service:
    return app.catalogue.save_service(owner_desk(app, 1), name=f"Pack of {units} ({random.randint(1, 10**9)})",
                                      kind=ServiceKind.SESSIONS, price=Decimal(price), months=3, units=units)


def member_with_pack(app: Any, branch_no: int, units: int) -> tuple[Customer, Subscription]:
    member = new_member(app, branch_no)
    service = pack_service(app, units)
    sold = app.subscriptions.activate(owner_desk(app, branch_no), member.id, service.id)
    return member, sold.subscription


def set_repeat_window(app: Any, branch_no: int, minutes: int) -> None:
    from dataclasses import replace

    desk = owner_desk(app, branch_no)
    app.catalogue.save_branch(desk, replace(desk.branch, rules=replace(desk.branch.rules,
                                                                      repeat_deduction_minutes=minutes)))
