"""The role vocabulary the window uses to show or hide actions; the rules are in domain/authorization.py."""

from __future__ import annotations

from reception.domain.authorization import Action, grants
from reception.domain.models import Staff

Permission = Action  # one vocabulary: a permission is an action of the table


def can(staff: Staff, permission: Action) -> bool:
    """Whether the role may do this at all (at its own branch at least). Only for showing a button:
    the services decide, on the staff record as stored at that moment."""
    return grants(staff, permission)
