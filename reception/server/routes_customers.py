"""Customers: the list (paged, with total), one member with their subscriptions, register, new card."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict

from reception.domain.commands import RegenerateCard, Register
from reception.domain.models import Customer
from reception.domain.passwords import generate_temp_password
from reception.domain.qr import card_secret
from reception.server import wire
from reception.server.errors import RequestError
from reception.server.requests import bearer, caller, desk_for, numbers, ok, run_write, server_of
from reception.services.handlers import handle
from reception.services.operations import Reply
from reception.services.tokens import Caller

router = APIRouter(prefix="/api/customers", tags=["customers"])


class RegisterIn(BaseModel):
    model_config = ConfigDict(extra="ignore")
    full_name: str = ""
    phone: str = ""
    email: str | None = None
    branch_id: int | None = None
    date_of_birth: str | None = None
    gender: str | None = None
    address: str | None = None
    national_id: str | None = None
    health_notes: str | None = None
    height: float | None = None
    weight: float | None = None
    shared_phone_ok: bool = False


def member(request: Request, who: Caller, member_no: int) -> Customer:
    return server_of(request).app.customers.by_member_no(desk_for(who, numbers(server_of(request))), member_no)


@router.get("")
def list_customers(request: Request, who: Caller = Depends(caller), branch_id: int | None = None,
                   limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0)) -> dict[str, Any]:
    server = server_of(request)
    nums = numbers(server)
    branch = None
    if branch_id is not None:
        branch = nums.by_number.get(branch_id)
        if branch is None:
            raise RequestError("not_found", f"No branch {branch_id}.")
    found, total = server.app.customers.page(desk_for(who, nums), branch_id=branch.id if branch else None,
                                             limit=limit, offset=offset)
    return ok({"items": [wire.customer(c, nums, who.staff) for c in found], "total": total,
               "limit": limit, "offset": offset})


@router.get("/{member_no}")
def get_customer(member_no: int, request: Request, who: Caller = Depends(caller)) -> dict[str, Any]:
    server = server_of(request)
    nums = numbers(server)
    profile = server.app.customers.profile(desk_for(who, nums), member(request, who, member_no).id,
                                           attendance_limit=20)
    data = wire.customer(profile.customer, nums, who.staff)
    data["subscriptions"] = [wire.subscription_view(v, nums, member_no) for v in profile.subscriptions]
    data["current_subscription"] = (wire.subscription_view(profile.current, nums, member_no)
                                    if profile.current else None)
    data["home_branch_name"] = profile.home_branch.name if profile.home_branch else None
    return ok(data)


@router.post("", status_code=201)
def register(body: RegisterIn, request: Request, token: str = Depends(bearer)) -> JSONResponse:
    server = server_of(request)

    def act(op: Any, who: Caller) -> Reply:
        nums = numbers(server)
        desk = desk_for(who, nums, None if who.staff.branch_id else body.branch_id)
        home = nums.by_number.get(body.branch_id) if body.branch_id is not None else desk.branch
        if home is None:
            raise RequestError("not_found", f"No branch {body.branch_id}.")
        fields = {key: value for key, value in {
            "email": body.email, "gender": body.gender, "address": body.address, "national_id": body.national_id,
            "health_notes": body.health_notes, "date_of_birth": _birthday(body.date_of_birth),
            "height_cm": body.height, "weight_kg": body.weight,
        }.items() if value not in (None, "")}
        command = Register(op.id, op.at, body.full_name, body.phone, home.id, body.shared_phone_ok,
                           tuple(sorted(fields.items())), card_secret(), generate_temp_password())
        created = handle(server.app, desk, command)
        assert isinstance(created, Customer)
        return Reply(201, ok(wire.customer(created, nums, who.staff), message="Customer registered"))

    return run_write(request, token, "Register", body.model_dump(), act)


@router.post("/{member_no}/regenerate-qr")
def regenerate_qr(member_no: int, request: Request, token: str = Depends(bearer)) -> JSONResponse:
    server = server_of(request)

    def act(op: Any, who: Caller) -> Reply:
        customer = member(request, who, member_no)
        nums = numbers(server)
        desk = desk_for(who, nums, home_of=customer.branch_id)
        updated = handle(server.app, desk, RegenerateCard(op.id, op.at, customer.id, card_secret()))
        assert isinstance(updated, Customer)
        return Reply(200, ok({"id": member_no, "qr_code": updated.qr_code}, qr_code=updated.qr_code,
                             message="QR code regenerated successfully"))

    return run_write(request, token, "RegenerateCard", {"member_no": member_no}, act)


def _birthday(text: str | None) -> object:
    if not text:
        return None
    from reception.server.routes_visits import parse_day

    return parse_day(text)
