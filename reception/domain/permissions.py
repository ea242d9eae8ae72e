"""Which role may do what (DESIGN.md §3 Staff)."""

from __future__ import annotations

import enum
import uuid

from reception.domain.errors import PermissionDenied
from reception.domain.models import Role, Staff


class Permission(str, enum.Enum):
    CHECK_IN = "check_in"
    REGISTER = "register"
    SELL = "sell"
    OVERRIDE_DENIAL = "override_denial"
    CHANGE_PRICE = "change_price"
    EDIT_CATALOGUE = "edit_catalogue"
    MANAGE_STAFF = "manage_staff"
    MANAGE_BRANCHES = "manage_branches"
    FREEZE = "freeze"
    REVERSE_ANY = "reverse_any"
    VIEW_ALL_BRANCHES = "view_all_branches"


_GRANTS: dict[Role, frozenset[Permission]] = {
    Role.RECEPTIONIST: frozenset({Permission.CHECK_IN, Permission.REGISTER, Permission.SELL}),
    Role.MANAGER: frozenset(set(Permission) - {Permission.MANAGE_BRANCHES, Permission.VIEW_ALL_BRANCHES}),
    Role.OWNER: frozenset(Permission),
}

_WORDS = {
    Permission.OVERRIDE_DENIAL: "override a denied scan",
    Permission.CHANGE_PRICE: "change a price",
    Permission.EDIT_CATALOGUE: "edit the catalogue",
    Permission.MANAGE_STAFF: "manage staff",
    Permission.MANAGE_BRANCHES: "manage branches",
    Permission.FREEZE: "freeze a subscription",
    Permission.REVERSE_ANY: "reverse another person's check-in",
    Permission.VIEW_ALL_BRANCHES: "see other branches",
}


def can(staff: Staff, permission: Permission) -> bool:
    return staff.is_active and permission in _GRANTS[staff.role]


def require(staff: Staff, permission: Permission, branch_id: uuid.UUID | None = None) -> None:
    if not can(staff, permission):
        words = _WORDS.get(permission, permission.value.replace("_", " "))
        raise PermissionDenied(f"A manager is needed to {words}.")
    if branch_id is not None and not staff.may_work_at(branch_id):
        raise PermissionDenied("That belongs to another branch.")
