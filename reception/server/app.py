"""The FastAPI application: the envelope, token checks, access logs, and the routes' shared helpers."""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.exceptions import HTTPException as StarletteHTTPException

from reception.bootstrap import App
from reception.domain.commands import Op
from reception.domain.errors import DomainError, StorageError
from reception.domain.models import Branch, Role
from reception.server import wire
from reception.server.errors import RequestError, error_reply
from reception.services.context import Desk
from reception.services.operations import Reply, request_hash
from reception.services.tokens import Caller, TokenInvalid

ACCESS_LOG = logging.getLogger("reception.server.access")
IDEMPOTENCY_HEADER = "Idempotency-Key"


@dataclass
class Server:
    app: App


_bearer = HTTPBearer(auto_error=False)


def server_of(request: Request) -> Server:
    return request.app.state.server  # type: ignore[no-any-return]


def caller(request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)) -> Caller:
    """The signed-in staff member, re-read from storage on every request."""
    if credentials is None or not credentials.credentials:
        raise TokenInvalid("Sign in first: send the access token as 'Authorization: Bearer …'.")
    found = server_of(request).app.tokens.verify(credentials.credentials)
    request.state.staff_id = str(found.staff.id)
    return found


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


def run_write(request: Request, who: Caller, kind: str, payload: object,
              act: Callable[[Op], Reply]) -> JSONResponse:
    """Does a change once per operation id: a replay gets the stored first reply, refusals included.

    The operation (its id: the Idempotency-Key, and its start: now) is made here, where the request
    starts; `act` builds the command from it."""
    server = server_of(request)
    op_id = operation_id(request)
    op = Op(op_id, server.app.clock.now())
    request.state.operation_id = str(op_id)

    def attempt() -> Reply:
        try:
            return act(op)
        except StorageError:
            raise  # nothing is stored: the client's retry does it again
        except DomainError as error:
            status, body = error_reply(error)
            return Reply(status, body)

    fingerprint = request_hash(f"{request.method} {request.url.path}", payload)
    reply = server.app.operations.run(op_id, kind, request=fingerprint, staff_id=who.staff.id, desk=who.desk,
                                      act=attempt)
    headers = {"Operation-Id": str(op_id)}
    if reply.replayed:
        headers["Idempotent-Replayed"] = "true"
    return JSONResponse(reply.body, status_code=reply.status, headers=headers)


def create_app(app: App) -> FastAPI:
    from reception.server import routes_auth, routes_customers, routes_visits

    api = FastAPI(title="Reception — the chain's server", version="1",
                  description="The gym backend's REST contract over the desk's own services. Every write "
                              "accepts an Idempotency-Key (a UUID: the operation id).")
    api.state.server = Server(app)

    @api.exception_handler(DomainError)
    async def _domain(_: Request, error: DomainError) -> JSONResponse:
        status, body = error_reply(error)
        return JSONResponse(body, status_code=status)

    @api.exception_handler(RequestValidationError)
    async def _invalid(_: Request, error: RequestValidationError) -> JSONResponse:
        first = error.errors()[0] if error.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p not in ("body", "query", "path"))
        text = f"{where}: {first.get('msg', 'invalid')}" if where else str(first.get("msg", "Invalid request"))
        return JSONResponse({"success": False, "error": text, "code": "invalid"}, status_code=400)

    @api.exception_handler(StarletteHTTPException)
    async def _http(_: Request, error: StarletteHTTPException) -> JSONResponse:
        words = {404: "Resource not found", 405: "Method not allowed"}.get(error.status_code, str(error.detail))
        return JSONResponse({"success": False, "error": words}, status_code=error.status_code)

    @api.exception_handler(Exception)
    async def _bug(request: Request, error: Exception) -> JSONResponse:
        logging.getLogger("reception.server").exception("unexpected error on %s %s", request.method,
                                                        request.url.path)
        return JSONResponse({"success": False, "error": "Something went wrong on the server; it was logged."},
                            status_code=500)

    @api.middleware("http")
    async def _access_log(request: Request, call_next: Callable[[Request], Any]) -> Any:
        started = time.perf_counter()
        response = await call_next(request)
        ACCESS_LOG.info(json.dumps({
            "method": request.method, "path": request.url.path, "status": response.status_code,
            "ms": round((time.perf_counter() - started) * 1000, 1),
            "staff": getattr(request.state, "staff_id", None),
            "operation": getattr(request.state, "operation_id", None),
            "client": request.client.host if request.client else None,
        }))
        return response

    @api.get("/healthz", tags=["operations"])
    def healthz() -> dict[str, Any]:
        branches = app.catalogue.branches()  # a real read: the database answers
        return ok({"status": "ok", "database": "sqlite" if app.url.startswith("sqlite") else "postgresql",
                   "branches": len(branches)})

    api.include_router(routes_auth.router)
    api.include_router(routes_customers.router)
    api.include_router(routes_visits.router)
    return api


def is_owner(who: Caller) -> bool:
    return who.staff.role is Role.OWNER
