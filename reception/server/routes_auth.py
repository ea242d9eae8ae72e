"""Sign-in for staff: login, refresh (rotating, with a grace period), logout (revokes the session)."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel

from reception.server import wire
from reception.server.requests import caller, numbers, ok, server_of
from reception.services.auth import StaffService
from reception.services.tokens import Caller, Tokens

CLIENTS = uuid.UUID("7d0c2f7e-2b43-4c8e-9a51-5f3f8f0f6c11")  # namespace of the desk ids given to clients

router = APIRouter(prefix="/api/auth", tags=["auth"])


class LoginIn(BaseModel):
    username: str = ""
    password: str = ""
    desk: str = ""  # a name for the desk or device, kept with the session and its operations


class RefreshIn(BaseModel):
    refresh_token: str = ""


def _tokens(request: Request, tokens: Tokens) -> dict[str, Any]:
    return ok({
        "access_token": tokens.access_token, "refresh_token": tokens.refresh_token, "token_type": "bearer",
        "expires_in": tokens.expires_in, "user": wire.staff(tokens.staff, numbers(server_of(request))),
    })


@router.post("/login")
def login(body: LoginIn, request: Request) -> dict[str, Any]:
    app = server_of(request).app
    # The login throttle counts failures per username and per desk; here a desk is the client's address.
    client = request.client.host if request.client else "unknown"
    per_client = StaffService(app.uow, app.staff.throttle, clock=app.clock,
                              desk_id=uuid.uuid5(CLIENTS, f"server-client:{client}"))
    tokens = app.tokens.login(body.username[:64], body.password[:256], desk=body.desk, staff_service=per_client)
    request.state.staff_id = str(tokens.staff.id)
    return _tokens(request, tokens)


@router.post("/refresh")
def refresh(body: RefreshIn, request: Request) -> dict[str, Any]:
    return _tokens(request, server_of(request).app.tokens.refresh(body.refresh_token[:256]))


@router.post("/logout")
def logout(request: Request, who: Caller = Depends(caller)) -> dict[str, Any]:
    server_of(request).app.tokens.logout(who)
    return ok(None, message="Signed out")
