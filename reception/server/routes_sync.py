"""Branch desks' sync: enrol a desk, push its operations, pull the chain's changes, its first copy, number
blocks and sync issues (DESIGN §7).

A desk signs these requests with its own credentials (`Authorization: Bearer dev1.<device id>.<secret>`), made
when a manager or the owner enrolled it; a staff token enrols and resolves.
"""

from __future__ import annotations

import base64
import json
import uuid
from typing import Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field

from reception.domain.authorization import Action, Actor, allowed
from reception.domain.commands import ChangeCursor
from reception.domain.errors import PermissionDenied
from reception.domain.sync import (
    MEMBER_NO,
    OPERATION_VERSION,
    RECEIPT_NO,
    SYNCED_TABLES,
    VERSION_HEADER,
    Device,
    SyncIssue,
)
from reception.server.errors import RequestError
from reception.server.requests import caller, desk_for, numbers, ok, server_of
from reception.services.tokens import Caller, TokenInvalid

router = APIRouter(tags=["sync"])
_bearer = HTTPBearer(auto_error=False)
OLDEST_VERSION = 1  # the oldest operation format this server still reads


class EnrolIn(BaseModel):
    name: str = Field("", max_length=120)
    branch_id: int | None = None


class PushIn(BaseModel):
    epoch: str = ""
    ops: list[Any] = Field(default_factory=list, max_length=1000)


class LeaseIn(BaseModel):
    counter: str


class ResolveIn(BaseModel):
    resolution: str = Field(..., min_length=3, max_length=500)
    action: str = Field("", max_length=16)  # operations held from a disconnected desk: "apply" or "discard"


class ResolveAtDeskIn(ResolveIn):
    staff_id: str


def device_of(request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)) -> Device:
    token = credentials.credentials if credentials else ""
    parts = token.split(".")
    if len(parts) != 3 or parts[0] != "dev1":
        raise TokenInvalid("This desk is not connected: connect it to the chain's server again.")
    try:
        device_id = uuid.UUID(parts[1])
    except ValueError:
        raise TokenInvalid("This desk is not connected: connect it to the chain's server again.") from None
    found = _sync(request).device(device_id, parts[2])
    if found is None:
        raise TokenInvalid("This desk is not connected: connect it to the chain's server again.")
    version = request.headers.get(VERSION_HEADER, str(OPERATION_VERSION))
    if not version.isdigit() or int(version) < OLDEST_VERSION:
        raise RequestError("too_old", "This desk is too old for the chain's server: update it. "
                                      "It keeps working offline meanwhile.")
    if int(version) > OPERATION_VERSION:
        raise RequestError("too_old", "The chain's server is older than this desk: update the server. "
                                      "The desk keeps working offline meanwhile.")
    request.state.staff_id = f"device:{device_id}"
    request.state.sync_version = int(version)
    return found


def _fast(body: dict[str, Any]) -> Response:
    """Pages of rows are plain JSON already (replica.image): sent as they are, without FastAPI's encoder walking
    every value of every row again."""
    return Response(json.dumps(body, ensure_ascii=False, separators=(",", ":")), media_type="application/json")


def _sync(request: Request) -> Any:
    store = server_of(request).app.sync_server
    if store is None:
        raise RequestError("not_found", "This server does not serve branch desks.")
    return store


def _issue(issue: SyncIssue) -> dict[str, Any]:
    return {"id": str(issue.id), "kind": issue.kind.value, "subject": issue.subject, "words": issue.words,
            "details": issue.details, "created_at": issue.created_at.isoformat(),
            "branch_id": str(issue.branch_id) if issue.branch_id else None,
            "customer_id": str(issue.customer_id) if issue.customer_id else None,
            "device_id": str(issue.device_id) if issue.device_id else None,
            "operation_id": str(issue.operation_id) if issue.operation_id else None,
            "resolved_at": issue.resolved_at.isoformat() if issue.resolved_at else None,
            "resolution": issue.resolution, "action": issue.action}


def _desk(device: Device, this: uuid.UUID | None = None) -> dict[str, Any]:
    return {"id": str(device.id), "name": device.name, "branch_id": str(device.branch_id),
            "series": device.series, "enrolled_at": device.enrolled_at.isoformat(), "last_seq": device.last_seq,
            "last_push_at": device.last_push_at.isoformat() if device.last_push_at else None,
            "disconnected_at": device.revoked_at.isoformat() if device.revoked_at else None,
            "this_desk": device.id == this}


def _target(request: Request, device_id: str) -> Device:
    try:
        key = uuid.UUID(device_id)
    except ValueError:
        raise RequestError("not_found", "No such desk.") from None
    found: Device | None = _sync(request).device_by_id(key)
    if found is None:
        raise RequestError("not_found", "No such desk.")
    return found


@router.post("/api/sync/enrol", status_code=201)
def enrol(body: EnrolIn, request: Request, who: Caller = Depends(caller)) -> dict[str, Any]:
    """A manager (their branch) or the owner (any branch) connects a desk; its secret is shown once."""
    nums = numbers(server_of(request))
    if body.branch_id is not None:
        branch = nums.by_number.get(body.branch_id)
        if branch is None:
            raise RequestError("not_found", f"No branch {body.branch_id}.")
    elif who.staff.branch_id is not None:
        branch = nums.branches[who.staff.branch_id]
    else:
        raise RequestError("invalid", "Say which branch this desk is at (branch_id).")
    if not allowed(Actor(who.staff, branch.id), Action.EDIT_BRANCH_RULES, branch.id):
        raise PermissionDenied("Only a manager of this branch or the owner can connect a desk.")
    store = _sync(request)
    cursor = store.end_cursor()  # before the first copy: what changes during it comes again by pull
    made = store.enrol(branch.id, body.name or f"Desk at {branch.name}", who.staff.id)
    return ok({"device_id": str(made.device.id), "token": f"dev1.{made.device.id}.{made.secret}",
               "epoch": made.epoch, "branch": {"id": str(branch.id), "number": branch.number, "name": branch.name},
               "blocks": {k: list(v) for k, v in made.blocks.items()}, "cursor": str(cursor),
               "receipt_series": made.device.series, "version": OPERATION_VERSION})


@router.post("/api/sync/reenrol", status_code=201)
def reenrol(request: Request, device: Device = Depends(device_of)) -> dict[str, Any]:
    """A desk whose replica was restored from a backup: a new device id and secret for the same branch."""
    if device.revoked_at is not None:
        raise PermissionDenied("This desk was disconnected: a manager must connect it again.")
    store = _sync(request)
    made = store.reenrol(device)
    return ok({"device_id": str(made.device.id), "token": f"dev1.{made.device.id}.{made.secret}",
               "epoch": made.epoch, "blocks": {k: list(v) for k, v in made.blocks.items()},
               "receipt_series": made.device.series})


@router.post("/api/sync/push")
def push(body: PushIn, request: Request, device: Device = Depends(device_of)) -> dict[str, Any]:
    """A desk's operations, in its order: each applied once; the outcome of each (stored ones for replays)."""
    store = _sync(request)
    results, last = store.push(device.id, body.epoch, body.ops)
    return ok({"results": [{"seq": r.seq, "operation_id": str(r.operation_id), "outcome": r.outcome.value,
                            "message": r.message, "issues": [str(i) for i in r.issues]} for r in results],
               "last_seq": last, "epoch": store.epoch(), "disconnected": device.revoked_at is not None})


@router.get("/api/sync/pull")
def pull(request: Request, device: Device = Depends(device_of), cursor: str = "",
         limit: int = Query(500, ge=1, le=2000)) -> Response:
    try:
        after = ChangeCursor.parse(cursor)
    except ValueError as error:
        raise RequestError("invalid", str(error)) from None
    store = _sync(request)
    rows, end, more = store.pull(device, after, limit, version=request.state.sync_version)
    return _fast(ok({"rows": rows, "cursor": str(end), "more": more, "epoch": store.epoch()}))


@router.get("/api/sync/cursor")
def cursor_now(request: Request, device: Device = Depends(device_of)) -> dict[str, Any]:
    """Where the feed ends now, for a desk about to copy every table again (a rebuilt replica)."""
    store = _sync(request)
    return ok({"cursor": str(store.end_cursor()), "epoch": store.epoch(), "last_seq": device.last_seq})


@router.get("/api/sync/snapshot")
def snapshot(request: Request, table: str, device: Device = Depends(device_of), after: str | None = None,
             limit: int = Query(1000, ge=1, le=2000)) -> Response:
    if table not in SYNCED_TABLES:
        raise RequestError("invalid", f"No table {table[:40]!r} to copy.")
    try:
        rows, next_after = _sync(request).snapshot(device, table, after, limit)
    except ValueError:
        raise RequestError("invalid", "after is the last key of the previous page.") from None
    return _fast(ok({"rows": rows, "after": next_after}))


@router.get("/api/sync/photos/{customer_id}")
def photo(customer_id: uuid.UUID, request: Request, device: Device = Depends(device_of)) -> dict[str, Any]:
    """A member's photo for a desk that shows them: a first copy leaves photos out (base64, or null: none)."""
    found = _sync(request).photo(customer_id)
    return ok({"customer_id": str(customer_id),
               "photo": base64.b64encode(found).decode("ascii") if found is not None else None})


@router.post("/api/sync/lease")
def lease(body: LeaseIn, request: Request, device: Device = Depends(device_of)) -> dict[str, Any]:
    if body.counter not in (MEMBER_NO, RECEIPT_NO):
        raise RequestError("invalid", "counter is member_no or receipt_no.")
    first, last = _sync(request).lease(device.id, body.counter)
    return ok({"counter": body.counter, "first": first, "last": last})


@router.get("/api/sync/issues")
def issues_for_desk(request: Request, device: Device = Depends(device_of), all: bool = False) -> dict[str, Any]:
    """The sync issues a desk shows: every open one (members visit every branch)."""
    found = _sync(request).issues(open_only=not all)
    return ok({"items": [_issue(i) for i in found], "total": len(found)})


@router.get("/api/sync/issues/staff")
def issues_for_staff(request: Request, who: Caller = Depends(caller), all: bool = False) -> dict[str, Any]:
    desk = desk_for(who, numbers(server_of(request)))
    if not allowed(Actor(who.staff, desk.branch.id), Action.VIEW_REPORT, desk.branch.id):
        raise PermissionDenied("Only a manager or the owner sees sync issues.")
    found = _sync(request).issues(open_only=not all, branch_id=who.staff.branch_id)
    return ok({"items": [_issue(i) for i in found], "total": len(found)})


def _resolved(request: Request, issue_id: uuid.UUID, staff_id: uuid.UUID, body: ResolveIn) -> SyncIssue | None:
    try:
        found: SyncIssue | None = _sync(request).resolve(issue_id, staff_id, " ".join(body.resolution.split()),
                                                         body.action)
    except ValueError as error:
        raise RequestError("invalid", f"This sync issue cannot be resolved so: {error}.") from None
    return found


@router.post("/api/sync/issues/{issue_id}/resolve")
def resolve(issue_id: str, body: ResolveIn, request: Request, who: Caller = Depends(caller)) -> dict[str, Any]:
    desk = desk_for(who, numbers(server_of(request)))
    if not allowed(Actor(who.staff, desk.branch.id), Action.CORRECT_BALANCE, desk.branch.id):
        raise PermissionDenied("Only a manager or the owner resolves sync issues.")
    try:
        key = uuid.UUID(issue_id)
    except ValueError:
        raise RequestError("not_found", "No such sync issue.") from None
    found = _resolved(request, key, who.staff.id, body)
    if found is None:
        raise RequestError("not_found", "No such sync issue.")
    return ok(_issue(found))


@router.post("/api/sync/issues/{issue_id}/resolve-at-desk")
def resolve_at_desk(issue_id: str, body: ResolveAtDeskIn, request: Request, device: Device = Depends(device_of)
                    ) -> dict[str, Any]:
    """A manager signed in at an enrolled desk resolves an issue; the server checks the manager's role."""
    app = server_of(request).app
    try:
        key, staff_id = uuid.UUID(issue_id), uuid.UUID(body.staff_id)
    except ValueError:
        raise RequestError("not_found", "No such sync issue.") from None
    with app.uow.reading() as uow:
        person = uow.staff.get(staff_id)
    if person is None or not person.is_active or not allowed(Actor(person, device.branch_id),
                                                             Action.CORRECT_BALANCE, device.branch_id):
        raise PermissionDenied("Only a manager or the owner resolves sync issues.")
    found = _resolved(request, key, staff_id, body)
    if found is None:
        raise RequestError("not_found", "No such sync issue.")
    return ok(_issue(found))


# -- the desks of a branch, and disconnecting one ---------------------------------------------------------------

@router.get("/api/sync/devices")
def devices_for_staff(request: Request, who: Caller = Depends(caller)) -> dict[str, Any]:
    """The desks enrolled at the caller's branch (the owner: at every branch)."""
    desk = desk_for(who, numbers(server_of(request)))
    if not allowed(Actor(who.staff, desk.branch.id), Action.EDIT_BRANCH_RULES, desk.branch.id):
        raise PermissionDenied("Only a manager of this branch or the owner sees its desks.")
    found = _sync(request).devices(who.staff.branch_id)
    return ok({"items": [_desk(d) for d in found], "total": len(found)})


@router.post("/api/sync/devices/{device_id}/disconnect")
def disconnect(device_id: str, request: Request, who: Caller = Depends(caller)) -> dict[str, Any]:
    """A manager of the desk's branch or the owner disconnects it (a desk lost, stolen or replaced): what it
    pushes afterwards is held for a manager, not applied."""
    target = _target(request, device_id)
    if not allowed(Actor(who.staff, target.branch_id), Action.EDIT_BRANCH_RULES, target.branch_id):
        raise PermissionDenied("Only a manager of this branch or the owner can disconnect a desk.")
    store = _sync(request)
    store.revoke_device(target.id)
    return ok(_desk(store.device_by_id(target.id)))


@router.get("/api/sync/devices/at-desk")
def devices_at_desk(request: Request, device: Device = Depends(device_of)) -> dict[str, Any]:
    """The desks of this desk's branch, for its Sync page."""
    found = _sync(request).devices(device.branch_id)
    return ok({"items": [_desk(d, device.id) for d in found], "total": len(found)})


class DisconnectAtDeskIn(BaseModel):
    staff_id: str


@router.post("/api/sync/devices/{device_id}/disconnect-at-desk")
def disconnect_at_desk(device_id: str, body: DisconnectAtDeskIn, request: Request,
                       device: Device = Depends(device_of)) -> dict[str, Any]:
    """A manager signed in at an enrolled desk disconnects another desk of the same branch."""
    app = server_of(request).app
    target = _target(request, device_id)
    try:
        staff_id = uuid.UUID(body.staff_id)
    except ValueError:
        raise PermissionDenied("Only a manager of this branch or the owner can disconnect a desk.") from None
    with app.uow.reading() as uow:
        person = uow.staff.get(staff_id)
    if person is None or not person.is_active or not allowed(Actor(person, device.branch_id),
                                                             Action.EDIT_BRANCH_RULES, device.branch_id):
        raise PermissionDenied("Only a manager of this branch or the owner can disconnect a desk.")
    if target.branch_id != device.branch_id:
        raise RequestError("not_found", "No such desk.")
    if target.id == device.id:
        raise RequestError("invalid", "A desk cannot disconnect itself: do it from another desk of the branch.")
    store = _sync(request)
    store.revoke_device(target.id)
    return ok(_desk(store.device_by_id(target.id), device.id))
