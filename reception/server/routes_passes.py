"""Day passes on the chain's server: `/verify` for remote turnstiles (the seed's shape), sale, look-up and void."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict

from reception.domain.errors import ValidationError
from reception.domain.models import AttendanceAction, PaymentMethod
from reception.domain.passes import looks_like_pass
from reception.domain.qr import clean_code
from reception.server.errors import RequestError
from reception.server.requests import bearer, caller, desk_for, numbers, ok, run_write, server_of
from reception.services.operations import Reply
from reception.services.passes import PassNotFound, answer, card_answer
from reception.services.tokens import Caller

router = APIRouter(tags=["day passes"])
MAX_TOKEN = 4096  # anything longer is no code of ours: cut before it is looked at


class VerifyIn(BaseModel):
    model_config = ConfigDict(extra="ignore")
    token: str | None = None
    branch_id: int | None = None  # the turnstile's branch; default: the signed-in account's own
    station: str | None = None  # the turnstile's name in the access log


class SellIn(BaseModel):
    model_config = ConfigDict(extra="ignore")
    name: str | None = None
    phone: str | None = None
    payment_method: str | None = None
    branch_id: int | None = None


class VoidIn(BaseModel):
    model_config = ConfigDict(extra="ignore")
    reason: str | None = None


@router.post("/verify")
def verify(body: VerifyIn, request: Request, signed: str = Depends(bearer)) -> JSONResponse:
    """A turnstile's scan: `{"status": "allow"}`, the pass (or member card) now used; or `{"status": "deny",
    "reason": …}`. Every attempt is in the access log. A retried request (same Idempotency-Key) gets the first
    reply, so a turnstile that lost an "allow" on the line does not turn it into "used"."""
    server = server_of(request)
    token = clean_code((body.token or "")[:MAX_TOKEN])
    if not token:
        raise RequestError("invalid", "token is required")

    def act(op: Any, who: Caller) -> Reply:
        desk = desk_for(who, numbers(server), body.branch_id)
        station = (body.station or who.desk or "turnstile")[:64]
        if looks_like_pass(token):
            verdict = server.app.passes.verify(desk, token, admit=True, station=station, op=op)
            return Reply(200, answer(verdict))
        return Reply(200, card_answer(server.app.desk.scan(desk, token, action=AttendanceAction.CHECK_IN_ONLY,
                                                           op=op, station=station)))

    return run_write(request, signed, "Verify", {"token_sha": _digest(token), "branch_id": body.branch_id}, act)


def _digest(token: str) -> str:
    import hashlib

    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()  # the stored request, never the token


@router.post("/api/passes", status_code=201)
def sell(body: SellIn, request: Request, token: str = Depends(bearer)) -> JSONResponse:
    server = server_of(request)

    def act(op: Any, who: Caller) -> Reply:
        desk = desk_for(who, numbers(server), body.branch_id)
        try:
            method = PaymentMethod((body.payment_method or "cash").strip().lower().replace(" ", "_"))
        except ValueError:
            raise ValidationError({"payment_method": f"Unknown payment method {body.payment_method!r}."}) from None
        sold = server.app.passes.sell(desk, name=body.name or "", phone=body.phone or "", method=method, op=op)
        data = {"pass_id": str(sold.day_pass.id), "token": sold.code, "branch_id": desk.branch.number,
                "issued_at": sold.day_pass.issued_at.isoformat(), "expires_at": sold.day_pass.expires_at.isoformat(),
                "amount": str(sold.payment.amount), "currency": sold.currency, "payment_method": method.value,
                "receipt_no": sold.payment.receipt_label, "payment_id": str(sold.payment.id)}
        return Reply(201, ok(data, message="Day pass sold"))

    return run_write(request, token, "SellPass", body.model_dump(mode="json"), act)


def _pass_id(text: str) -> uuid.UUID:
    try:
        return uuid.UUID(text)
    except ValueError:
        raise PassNotFound("No such day pass.") from None


@router.get("/api/passes/{pass_id}")
def get_pass(pass_id: str, request: Request, who: Caller = Depends(caller)) -> dict[str, Any]:
    server = server_of(request)
    nums = numbers(server)
    day_pass, used = server.app.passes.find(desk_for(who, nums), _pass_id(pass_id))
    return ok({"pass_id": str(day_pass.id), "branch_id": nums.branch_no(day_pass.branch_id),
               "issued_at": day_pass.issued_at.isoformat(), "expires_at": day_pass.expires_at.isoformat(),
               "visitor_name": day_pass.visitor_name, "amount": str(day_pass.amount),
               "used_at": used.created_at.isoformat() if used else None,
               "voided_at": day_pass.voided_at.isoformat() if day_pass.voided_at else None,
               "void_reason": day_pass.void_reason})


@router.post("/api/passes/{pass_id}/void")
def void(pass_id: str, body: VoidIn, request: Request, token: str = Depends(bearer)) -> JSONResponse:
    server = server_of(request)

    def act(op: Any, who: Caller) -> Reply:
        nums = numbers(server)
        found = _pass_id(pass_id)
        day_pass, _used = server.app.passes.find(desk_for(who, nums), found)
        desk = desk_for(who, nums, home_of=day_pass.branch_id)
        refund = server.app.passes.void(desk, found, body.reason or "", op=op)
        data = {"pass_id": pass_id, "voided": True,
                "refund": None if refund is None else {"amount": str(refund.amount),
                                                       "receipt_no": refund.receipt_label}}
        return Reply(200, ok(data, message="Day pass voided"))

    return run_write(request, token, "VoidPass", {"pass_id": pass_id, **body.model_dump(mode="json")}, act)
