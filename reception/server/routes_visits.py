"""Check-ins, deductions, activations and the attendance list; the catalogue and the branches."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict

from reception.domain.commands import Activate, CheckIn, Deduct, Freeze, Override, Reverse, Unfreeze
from reception.domain.errors import NotFound, SubscriptionNotFound, ValidationError
from reception.domain.models import AttendanceAction, PaymentMethod, Subscription
from reception.domain.periods import local_today
from reception.server import wire
from reception.server.errors import RequestError
from reception.server.requests import bearer, caller, desk_for, numbers, ok, run_write, server_of
from reception.services.context import ActivationResult, CheckInResult, Desk
from reception.services.handlers import handle
from reception.services.operations import Reply
from reception.services.tokens import Caller

router = APIRouter(tags=["visits and subscriptions"])


class AttendanceIn(BaseModel):
    model_config = ConfigDict(extra="ignore")
    customer_id: int | None = None
    action: AttendanceAction = AttendanceAction.CHECK_IN_ONLY
    subscription_id: str | None = None
    check_in_time: str | None = None  # accepted; the server's clock decides the time (DECISIONS.md)
    branch_id: int | None = None  # the desk's branch; default: the staff member's own


class DeductIn(BaseModel):
    model_config = ConfigDict(extra="ignore")
    branch_id: int | None = None


class ActivateIn(BaseModel):
    model_config = ConfigDict(extra="ignore")
    customer_id: int | None = None
    service_id: str | None = None
    branch_id: int | None = None
    amount: float | str | None = None
    payment_method: str | None = None
    start_date: str | None = None
    subscription_type: str | None = None  # accepted; the catalogue decides (DECISIONS.md)


def parse_day(text: str) -> date:
    try:
        return datetime.strptime(text.strip(), "%Y-%m-%d").date()
    except ValueError:
        raise RequestError("invalid_date") from None


def _uuid(text: str | None, missing: Exception) -> Any:
    import uuid

    try:
        return uuid.UUID(str(text))
    except ValueError:
        raise missing from None


def _visit(result: CheckInResult, nums: wire.Numbers) -> dict[str, Any]:
    a = result.attendance
    record = {
        "id": str(a.id), "customer_id": result.customer.member_no, "customer_name": result.customer.full_name,
        "check_in_time": a.check_in_time.isoformat(), "branch_id": nums.branch_no(a.branch_id),
        "action": a.action.value, "subscription_id": str(a.subscription_id) if a.subscription_id else None,
    }
    # Seed 001's nested shape, with seed 000's flat fields beside it (DECISIONS.md).
    return {"attendance": record, "attendance_id": record["id"], "customer_id": record["customer_id"],
            "customer_name": record["customer_name"], "check_in_time": record["check_in_time"],
            "branch_id": record["branch_id"], "action": record["action"],
            "deducted": result.deducted, "repeat": result.repeat, "remaining_sessions": result.remaining,
            "message": result.message}


def _customer_named(server: Any, who: Caller, member_no: int | None) -> tuple[Any, Any]:
    """The branch numbers and the member a write names by number ("customer_id is required" if none)."""
    if not member_no:
        raise RequestError("customer_required")
    nums = numbers(server)
    return nums, server.app.customers.by_member_no(desk_for(who, nums), member_no)


def _subscription_named(server: Any, who: Caller, subscription_id: str, branch_no: int | None = None
                        ) -> tuple[wire.Numbers, Subscription, Desk]:
    """The subscription a write names, and the desk it acts at (the named branch, else the member's home)."""
    sub_id = _uuid(subscription_id, SubscriptionNotFound("No such subscription."))
    nums = numbers(server)
    sub = server.app.subscriptions.get(desk_for(who, nums), sub_id)
    return nums, sub, desk_for(who, nums, branch_no, home_of=sub.branch_id)


@router.post("/api/attendance", status_code=201)
def check_in(body: AttendanceIn, request: Request, token: str = Depends(bearer)) -> JSONResponse:
    server = server_of(request)

    def act(op: Any, who: Caller) -> Reply:
        nums, customer = _customer_named(server, who, body.customer_id)
        desk = desk_for(who, nums, body.branch_id, home_of=customer.branch_id)
        sub_id = None
        if body.subscription_id:
            sub_id = _uuid(body.subscription_id, SubscriptionNotFound("No such subscription."))
        result = handle(server.app, desk, CheckIn(op.id, op.at, customer.id, desk.branch.id, body.action, sub_id))
        assert isinstance(result, CheckInResult)
        status = 200 if result.repeat else 201
        return Reply(status, ok(_visit(result, nums), message="Check-in recorded successfully"))

    return run_write(request, token, "CheckIn", body.model_dump(mode="json"), act)


def _deduct(subscription_id: str, body: DeductIn | None, request: Request, token: str) -> JSONResponse:
    server = server_of(request)
    branch_no = body.branch_id if body else None

    def act(op: Any, who: Caller) -> Reply:
        nums, sub, desk = _subscription_named(server, who, subscription_id, branch_no)
        result = handle(server.app, desk, Deduct(op.id, op.at, sub.id, desk.branch.id))
        assert isinstance(result, CheckInResult)
        today = local_today(result.attendance.check_in_time, desk.branch.timezone)
        left = result.remaining
        status = result.subscription.status_on(today).value if result.subscription else "active"
        data = {"subscription_id": str(sub.id), "remaining_sessions": left, "status": status,
                "deducted": result.deducted, "attendance_id": str(result.attendance.id),
                "message": result.message}
        words = "Session deducted successfully" if result.deducted else result.message
        return Reply(200, ok(data, message=words))

    return run_write(request, token, "Deduct", {"subscription_id": subscription_id, "branch_id": branch_no}, act)


@router.post("/api/subscriptions/{subscription_id}/deduct")
def deduct(subscription_id: str, request: Request, body: DeductIn | None = None,
           token: str = Depends(bearer)) -> JSONResponse:
    """One session/coin off the pack and the visit, in one transaction (a repeat inside the branch's
    window deducts nothing)."""
    return _deduct(subscription_id, body, request, token)


@router.post("/api/subscriptions/{subscription_id}/deduct-session")
def deduct_session(subscription_id: str, request: Request, body: DeductIn | None = None,
                   token: str = Depends(bearer)) -> JSONResponse:
    """The same as /deduct (the name the member app calls)."""
    return _deduct(subscription_id, body, request, token)


@router.post("/api/subscriptions/activate", status_code=201)
def activate(body: ActivateIn, request: Request, token: str = Depends(bearer)) -> JSONResponse:
    server = server_of(request)

    def act(op: Any, who: Caller) -> Reply:
        from decimal import Decimal

        from reception.domain.errors import ServiceNotFound

        nums, customer = _customer_named(server, who, body.customer_id)
        service_id = _uuid(body.service_id, ServiceNotFound("No such service."))
        expected = None
        if body.branch_id is not None:
            named = nums.by_number.get(body.branch_id)
            if named is None:
                raise RequestError("branch_mismatch")
            expected = named.id
        try:
            method = PaymentMethod((body.payment_method or "cash").strip().lower().replace(" ", "_"))
        except ValueError:
            raise ValidationError({"payment_method": f"Unknown payment method {body.payment_method!r}."}) from None
        desk = desk_for(who, nums, home_of=customer.branch_id)
        amount = None if body.amount in (None, "") else Decimal(str(body.amount))
        start = parse_day(body.start_date) if body.start_date else None
        result = handle(server.app, desk, Activate(op.id, op.at, customer.id, service_id, method, expected, amount, start))
        assert isinstance(result, ActivationResult)
        sub = result.subscription
        data = wire.subscription(sub, "active", nums, customer.member_no)
        data.update({"customer_name": customer.full_name, "receipt_no": result.receipt.receipt_no,
                     "payment_id": str(result.payment.id)})
        return Reply(201, ok(data, message="Subscription activated successfully"))

    return run_write(request, token, "Activate", body.model_dump(mode="json"), act)


@router.get("/api/attendance")
def attendance(request: Request, who: Caller = Depends(caller), customer_id: int | None = None,
               branch_id: int | None = None, date: str | None = None, start_date: str | None = None,
               end_date: str | None = None, limit: int = Query(50, ge=1, le=500),
               offset: int = Query(0, ge=0)) -> dict[str, Any]:
    server = server_of(request)
    nums = numbers(server)
    first = parse_day(date) if date else parse_day(start_date) if start_date else None
    last = parse_day(date) if date else parse_day(end_date) if end_date else None
    member_id = server.app.customers.by_member_no(desk_for(who, nums), customer_id).id if customer_id else None
    if branch_id is not None and branch_id not in nums.by_number:
        raise RequestError("not_found", f"No branch {branch_id}.")
    desk = desk_for(who, nums, branch_id if who.staff.branch_id is None else None)
    # Staff bound to a branch see their branch unless they name another (which the service refuses).
    scope = nums.by_number[branch_id].id if branch_id is not None else (
        desk.branch.id if who.staff.branch_id else None)
    rows, total = server.app.attendance.page(desk, start_day=first, end_day=last, branch_id=scope,
                                             customer_id=member_id, limit=limit, offset=offset)
    return ok({"items": [wire.attendance_row(r, nums) for r in rows], "total": total, "limit": limit,
               "offset": offset})


@router.get("/api/services", tags=["catalogue"])
def services(request: Request, who: Caller = Depends(caller), active_only: bool = False) -> dict[str, Any]:
    found = server_of(request).app.catalogue.services(active_only=active_only)
    return ok({"items": [wire.service(s) for s in found], "total": len(found)})


@router.get("/api/branches", tags=["catalogue"])
def branches(request: Request, who: Caller = Depends(caller)) -> dict[str, Any]:
    found = server_of(request).app.catalogue.branches()
    return ok({"items": [wire.branch(b) for b in found], "total": len(found)})


@router.get("/api/changes", tags=["operations"])
def changes(request: Request, who: Caller = Depends(caller), after: str | None = None,
            limit: int = Query(500, ge=1, le=1000)) -> dict[str, Any]:
    """Events out: the records committed changes wrote, oldest first, after the `cursor` of the previous page.

    A change committed late (its transaction began before others that finished first) is still returned,
    after them: following the cursor never skips one."""
    server = server_of(request)
    page = server.app.changes.page(desk_for(who, numbers(server)), after, limit=limit)
    items = [{"entity": c.entity, "id": c.entity_id, "branch_id": str(c.branch_id) if c.branch_id else None,
              "at": c.at.isoformat(), "cursor": str(c.cursor)} for c in page.changes]
    return ok({"items": items, "cursor": str(page.cursor), "count": len(items)})


class ReverseIn(BaseModel):
    model_config = ConfigDict(extra="ignore")
    reason: str = ""


class FreezeIn(BaseModel):
    model_config = ConfigDict(extra="ignore")
    start_date: str | None = None  # default: today at the member's home branch
    days: int


class OverrideIn(BaseModel):
    model_config = ConfigDict(extra="ignore")
    customer_id: int | None = None
    reason: str = ""
    action: AttendanceAction = AttendanceAction.CHECK_IN_ONLY
    branch_id: int | None = None


def _attendance_reply(visit: Any, nums: wire.Numbers) -> dict[str, Any]:
    return {"id": str(visit.id), "branch_id": nums.branch_no(visit.branch_id),
            "check_in_time": visit.check_in_time.isoformat(), "action": visit.action.value,
            "reversed_by": str(visit.reversed_by) if visit.reversed_by else None, "notes": visit.notes}


@router.post("/api/attendance/{attendance_id}/reverse")
def reverse(attendance_id: str, body: ReverseIn, request: Request, token: str = Depends(bearer)) -> JSONResponse:
    """Undo a mistaken check-in (a manager, or the same receptionist within the branch's window): the session
    is credited back; the visit stays, marked reversed."""
    server = server_of(request)

    def act(op: Any, who: Caller) -> Reply:
        visit_id = _uuid(attendance_id, NotFound("That visit does not exist."))
        desk = desk_for(who, numbers(server))
        done = handle(server.app, desk, Reverse(op.id, op.at, visit_id, body.reason))
        return Reply(200, ok(_attendance_reply(done, numbers(server)), message="Check-in reversed"))

    return run_write(request, token, "Reverse", {"attendance_id": attendance_id, **body.model_dump()}, act)


def _subscription_reply(server: Any, desk: Desk, nums: wire.Numbers, sub: Any, status: str, words: str) -> Reply:
    member = server.app.customers.get(desk, sub.customer_id)
    return Reply(200, ok(wire.subscription(sub, status, nums, member.member_no), message=words))


@router.post("/api/subscriptions/{subscription_id}/freeze")
def freeze(subscription_id: str, body: FreezeIn, request: Request, token: str = Depends(bearer)) -> JSONResponse:
    """A manager freezes a subscription for `days` days from `start_date`; its end date moves with it."""
    server = server_of(request)

    def act(op: Any, who: Caller) -> Reply:
        nums, sub, desk = _subscription_named(server, who, subscription_id)
        start = parse_day(body.start_date) if body.start_date else local_today(op.at, desk.branch.timezone)
        frozen = handle(server.app, desk, Freeze(op.id, op.at, sub.id, start, body.days))
        return _subscription_reply(server, desk, nums, frozen, "frozen", "Subscription frozen")

    return run_write(request, token, "Freeze", {"subscription_id": subscription_id, **body.model_dump()}, act)


@router.post("/api/subscriptions/{subscription_id}/unfreeze")
def unfreeze(subscription_id: str, request: Request, token: str = Depends(bearer)) -> JSONResponse:
    server = server_of(request)

    def act(op: Any, who: Caller) -> Reply:
        nums, sub, desk = _subscription_named(server, who, subscription_id)
        thawed = handle(server.app, desk, Unfreeze(op.id, op.at, sub.id))
        return _subscription_reply(server, desk, nums, thawed, "active", "Subscription unfrozen")

    return run_write(request, token, "Unfreeze", {"subscription_id": subscription_id}, act)


@router.post("/api/attendance/override", status_code=201)
def override(body: OverrideIn, request: Request, token: str = Depends(bearer)) -> JSONResponse:
    """A manager lets a denied member in, with a reason; the access log records who and why."""
    server = server_of(request)

    def act(op: Any, who: Caller) -> Reply:
        nums, customer = _customer_named(server, who, body.customer_id)
        desk = desk_for(who, nums, body.branch_id, home_of=customer.branch_id)
        result = handle(server.app, desk, Override(op.id, op.at, customer.id, desk.branch.id, body.reason,
                                                   body.action))
        assert isinstance(result, CheckInResult)
        return Reply(201, ok(_visit(result, nums), message=result.message))

    return run_write(request, token, "Override", body.model_dump(mode="json"), act)
