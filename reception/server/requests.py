"""What every route shares: the server's state, the signed-in caller, the desk a request acts at,
the reply envelope, and writes done once per operation id."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import Depends, Request
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from reception.bootstrap import App
from reception.domain.commands import Op
from reception.domain.errors import DomainError, StorageError
from reception.domain.models import Branch
from reception.server import wire
from reception.server.errors import RequestError, error_reply
from reception.services.context import Desk
from reception.services.operations import Reply, request_hash
from reception.services.tokens import Caller, TokenInvalid

IDEMPOTENCY_HEADER = "Idempotency-Key"


@dataclass
class Server:
    app: App


_bearer = HTTPBearer(auto_error=False)


def server_of(request: Request) -> Server:
    return request.app.state.server


async def bearer(request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)) -> str:
    """The request's access token, its signature and expiry checked (401 before anything else); whether its
    sign-in still holds is read from storage by `signed_in`, in a write's own transaction (run_write).
    Only arithmetic, so it runs on the event loop: no hop to a worker thread of its own."""
    if credentials is None or not credentials.credentials:
        raise TokenInvalid("Sign in first: send the access token as 'Authorization: Bearer …'.")
    server_of(request).app.tokens.signed(credentials.credentials)
    return credentials.credentials


def signed_in(request: Request, token: str) -> Caller:
    """The signed-in staff member, re-read from storage (inside the caller's transaction when there is one)."""
    found = server_of(request).app.tokens.verify(token)
    request.state.staff_id = str(found.staff.id)
    return found


def caller(request: Request, token: str = Depends(bearer)) -> Caller:
    """The signed-in staff member of a read, re-read from storage on every request."""
    return signed_in(request, token)


def ok(data: Any, *, status: int = 200, message: str | None = None, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"success": True}
    if message:
        body["message"] = message
    body.update(extra)
    body["data"] = data
    return body


def numbers(server: Server) -> wire.Numbers:
    return wire.Numbers(server.app.catalogue.branches())


def desk_for(who: Caller, nums: wire.Numbers, branch_no: int | None = None,
             home_of: uuid.UUID | None = None) -> Desk:
    """The desk a request acts at: the branch it names, else the staff member's own, else (the owner)
    the member's home branch or the first branch. Whether the caller may act there is the services'
    authorisation's to say (domain.authorization), as at a desk."""
    branch: Branch | None
    if branch_no is not None:
        branch = nums.by_number.get(branch_no)
        if branch is None:
            raise RequestError("not_found", f"No branch {branch_no}.")
    else:
        branch_id = who.staff.branch_id or home_of
        branch = nums.branches.get(branch_id) if branch_id else None
        if branch is None and nums.by_number:
            branch = nums.by_number[min(nums.by_number)]
        if branch is None:
            raise RequestError("not_found", "The gym has no branches yet.")
    return Desk(who.staff, branch)


def operation_id(request: Request) -> uuid.UUID:
    key = request.headers.get(IDEMPOTENCY_HEADER)
    if key is None or not key.strip():
        return uuid.uuid4()  # a request without a key is its own, new operation
    try:
        return uuid.UUID(key.strip())
    except ValueError:
        raise RequestError("invalid", f"{IDEMPOTENCY_HEADER} must be a UUID (the operation id).") from None


def run_write(request: Request, token: str, kind: str, payload: object,
              act: Callable[[Op, Caller], Reply]) -> JSONResponse:
    """Does a change once per operation id: a replay gets the stored first reply, refusals included.

    The operation (its id: the Idempotency-Key, and its start: now) is made here, where the request
    starts; `act` builds the command from it and the caller. The token is checked in the write's own
    transaction, so a revoked sign-in or a deactivated account is refused as at once as before, without a
    read transaction of its own."""
    server = server_of(request)
    op_id = operation_id(request)
    op = Op(op_id, server.app.clock.now())
    request.state.operation_id = str(op_id)

    def attempt(who: Caller) -> Reply:
        try:
            return act(op, who)
        except StorageError:
            raise  # nothing is stored: the client's retry does it again
        except DomainError as error:
            status, body = error_reply(error)
            return Reply(status, body, refused=True)

    fingerprint = request_hash(f"{request.method} {request.url.path}", payload)
    reply = server.app.operations.run(op_id, kind, request=fingerprint, caller=lambda: signed_in(request, token),
                                      act=attempt)
    headers = {"Operation-Id": str(op_id)}
    if reply.replayed:
        headers["Idempotent-Replayed"] = "true"
    return JSONResponse(reply.body, status_code=reply.status, headers=headers)
