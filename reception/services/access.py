"""The services' side of authorisation: who is at the desk right now, read in the caller's transaction."""

from __future__ import annotations

import uuid

from reception.domain.authorization import Action, Actor, authorize
from reception.repository.ports import UnitOfWork
from reception.services.context import KIOSK_ID, Desk


def actor_for(uow: UnitOfWork, desk: Desk) -> Actor:
    """The desk's staff member as stored now (a deactivation or a new role counts at once), or the kiosk."""
    if desk.staff.id == KIOSK_ID:
        return Actor(None, desk.branch.id, kiosk=True)
    return Actor(uow.staff.get(desk.staff.id), desk.branch.id)


def check(uow: UnitOfWork, desk: Desk, action: Action, branch_id: uuid.UUID | None = None) -> Actor:
    """Raise PermissionDenied unless the desk may do `action` on something of `branch_id`."""
    actor = actor_for(uow, desk)
    authorize(actor, action, branch_id)
    return actor
