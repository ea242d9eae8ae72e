"""Who may do what, where: the one permission table every service checks (docs/SECURITY.md)."""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass, replace

from reception.domain.errors import PermissionDenied
from reception.domain.models import Customer, Role, Staff


class Action(str, enum.Enum):
    """Everything a desk can ask the services to do or show."""

    SCAN = "scan"  # decide on a card and log it
    CHECK_IN = "check_in"  # a visit, with or without a deduction, at this desk
    OVERRIDE_DENIAL = "override_denial"
    VIEW_MEMBER = "view_member"  # find a member: name, photo, number, home branch, subscriptions
    VIEW_PRIVATE = "view_private"  # phone, email, national id, address, health notes, temporary password
    REGISTER = "register"
    EDIT_MEMBER = "edit_member"  # details, notes, deactivation
    REGENERATE_CARD = "regenerate_card"
    SELL = "sell"
    CHANGE_PRICE = "change_price"
    CORRECT_BALANCE = "correct_balance"
    FREEZE = "freeze"
    CANCEL_SUBSCRIPTION = "cancel_subscription"
    VIEW_ATTENDANCE = "view_attendance"
    REVERSE_OWN = "reverse_own"  # one's own check-in, inside the branch's window
    REVERSE_ANY = "reverse_any"
    VIEW_REPORT = "view_report"
    VIEW_ALL_BRANCHES = "view_all_branches"  # every branch at once (attendance, takings)
    EDIT_CATALOGUE = "edit_catalogue"
    EDIT_BRANCH_RULES = "edit_branch_rules"
    MANAGE_BRANCHES = "manage_branches"
    MANAGE_STAFF = "manage_staff"  # receptionists' accounts
    MANAGE_MANAGERS = "manage_managers"  # managers' and owners' accounts
    CHANGE_OWN_PASSWORD = "change_own_password"
    VOID_PASS = "void_pass"  # withdraw a day pass and refund it
    MANAGE_PASS_KEYS = "manage_pass_keys"  # rotate or revoke the keys that sign day passes


class Scope(enum.Enum):
    ANY = "any branch"
    OWN = "own branch"


KIOSK = "kiosk"  # the staff-less desk of a turnstile or a script: a row of its own
ROWS = (Role.OWNER.value, Role.MANAGER.value, Role.RECEPTIONIST.value, KIOSK)

_A, _O = Scope.ANY, Scope.OWN
# action: (owner, manager, receptionist, kiosk). None: refused. The branch an action belongs to is
# the services' business: the member's home branch for a member or a subscription, where it happened
# for a visit, the desk's for a scan, a sale or a check-in, None for the whole chain.
TABLE: dict[Action, tuple[Scope | None, Scope | None, Scope | None, Scope | None]] = {
    Action.SCAN: (_A, _O, _O, _O),
    Action.CHECK_IN: (_A, _O, _O, _O),
    Action.OVERRIDE_DENIAL: (_A, _O, None, None),
    Action.VIEW_MEMBER: (_A, _A, _A, None),
    Action.VIEW_PRIVATE: (_A, _O, _O, None),
    Action.REGISTER: (_A, _O, _O, None),
    Action.EDIT_MEMBER: (_A, _O, _O, None),
    Action.REGENERATE_CARD: (_A, _O, _O, None),
    Action.SELL: (_A, _O, _O, None),
    Action.CHANGE_PRICE: (_A, _O, None, None),
    Action.CORRECT_BALANCE: (_A, _O, None, None),
    Action.FREEZE: (_A, _O, None, None),
    Action.CANCEL_SUBSCRIPTION: (_A, _O, None, None),
    Action.VIEW_ATTENDANCE: (_A, _O, _O, None),
    Action.REVERSE_OWN: (_A, _O, _O, None),
    Action.REVERSE_ANY: (_A, _O, None, None),
    Action.VIEW_REPORT: (_A, _O, _O, None),
    Action.VIEW_ALL_BRANCHES: (_A, None, None, None),
    Action.EDIT_CATALOGUE: (_A, _A, None, None),  # the catalogue is the chain's: no branch owns it
    Action.EDIT_BRANCH_RULES: (_A, _O, None, None),
    Action.MANAGE_BRANCHES: (_A, None, None, None),
    Action.MANAGE_STAFF: (_A, _O, None, None),
    Action.MANAGE_MANAGERS: (_A, None, None, None),
    Action.CHANGE_OWN_PASSWORD: (_A, _A, _A, None),
    Action.VOID_PASS: (_A, _O, None, None),
    Action.MANAGE_PASS_KEYS: (_A, None, None, None),
}

WORDS: dict[Action, str] = {
    Action.SCAN: "check cards",
    Action.CHECK_IN: "check members in",
    Action.OVERRIDE_DENIAL: "override a denied scan",
    Action.VIEW_MEMBER: "look up members",
    Action.VIEW_PRIVATE: "see a member's contact and health details",
    Action.REGISTER: "register members",
    Action.EDIT_MEMBER: "edit a member",
    Action.REGENERATE_CARD: "replace a member's card",
    Action.SELL: "sell subscriptions",
    Action.CHANGE_PRICE: "change a price",
    Action.CORRECT_BALANCE: "correct a balance",
    Action.FREEZE: "freeze a subscription",
    Action.CANCEL_SUBSCRIPTION: "cancel a subscription",
    Action.VIEW_ATTENDANCE: "see attendance",
    Action.REVERSE_OWN: "reverse a check-in",
    Action.REVERSE_ANY: "reverse another person's check-in",
    Action.VIEW_REPORT: "see the shift report",
    Action.VIEW_ALL_BRANCHES: "see other branches",
    Action.EDIT_CATALOGUE: "edit the catalogue",
    Action.EDIT_BRANCH_RULES: "edit the branch's rules",
    Action.MANAGE_BRANCHES: "manage branches",
    Action.MANAGE_STAFF: "manage staff",
    Action.MANAGE_MANAGERS: "manage managers",
    Action.CHANGE_OWN_PASSWORD: "change your password",
    Action.VOID_PASS: "void day passes",
    Action.MANAGE_PASS_KEYS: "change the keys that sign day passes",
}

# Shown only to staff of the member's home branch and to the owner (docs/SECURITY.md).
PRIVATE_FIELDS = ("phone", "email", "national_id", "address", "health_notes", "temp_password")


@dataclass(frozen=True)
class Actor:
    """Who is asking: a staff member as stored right now (None once removed), or the kiosk; and the
    branch of the desk they sit at."""

    staff: Staff | None
    desk_branch_id: uuid.UUID
    kiosk: bool = False

    @property
    def row(self) -> str:
        if self.kiosk:
            return KIOSK
        assert self.staff is not None
        return self.staff.role.value

    @property
    def own_branch_id(self) -> uuid.UUID | None:
        return self.desk_branch_id if self.kiosk else (self.staff.branch_id if self.staff else None)


def scope_of(row: str, action: Action) -> Scope | None:
    return TABLE[action][ROWS.index(row)]


def authorize(actor: Actor, action: Action, branch_id: uuid.UUID | None = None) -> None:
    """Raise PermissionDenied unless `actor` may do `action` on something of `branch_id`
    (None: the whole chain, or no branch at all)."""
    if not actor.kiosk and (actor.staff is None or not actor.staff.is_active):
        raise PermissionDenied("Your account is no longer active. Ask a manager, then sign in again.")
    if not actor.kiosk and actor.own_branch_id != actor.desk_branch_id and actor.row != Role.OWNER.value:
        raise PermissionDenied("You can only work at a desk of your own branch.")
    words = WORDS[action]
    scope = scope_of(actor.row, action)
    if scope is None:
        if actor.kiosk:
            raise PermissionDenied(f"This kiosk cannot {words}; sign in at a desk.")
        needed = "the owner" if scope_of(Role.MANAGER.value, action) is None else "a manager"
        raise PermissionDenied(f"Only {needed} can {words}.")
    if scope is Scope.ANY:
        return
    if branch_id != actor.own_branch_id:
        if branch_id is None:
            raise PermissionDenied(f"Only the owner can {words} for every branch.")
        raise PermissionDenied(f"That belongs to another branch: only its staff or the owner can {words}.")


def allowed(actor: Actor, action: Action, branch_id: uuid.UUID | None = None) -> bool:
    try:
        authorize(actor, action, branch_id)
    except PermissionDenied:
        return False
    return True


def grants(staff: Staff, action: Action) -> bool:
    """Whether the role may do the action at all, at some branch (for showing a menu or a button)."""
    return staff.is_active and scope_of(staff.role.value, action) is not None


def redact(customer: Customer, actor: Actor) -> Customer:
    """The member as this actor may see them: private fields blanked outside the home branch."""
    if allowed(actor, Action.VIEW_PRIVATE, customer.branch_id):
        return customer
    return replace(customer, phone="", email="", national_id="", address="", health_notes="", temp_password=None)


def sees_private(actor: Actor, customer: Customer) -> bool:
    return allowed(actor, Action.VIEW_PRIVATE, customer.branch_id)
