"""First start: create the gym's first branch and the owner's account in an empty database."""

from __future__ import annotations

import uuid
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from reception.domain.errors import NotAllowed, ValidationError
from reception.domain.models import Branch, BranchRules, Role, Staff
from reception.repository.ports import UnitOfWork
from reception.services.auth import account_problems, hash_password


def is_empty(uow: UnitOfWork) -> bool:
    """True while the database has no branch yet (the first-start screen is shown)."""
    with uow.reading() as reading:
        return not reading.branches.list()


def create_gym(
    uow: UnitOfWork,
    *,
    branch_name: str,
    owner_username: str,
    owner_full_name: str,
    password: str,
    address: str = "",
    timezone: str = "Africa/Cairo",
    currency: str = "EGP",
) -> tuple[Branch, Staff]:
    """The first branch and the owner who signs in next; refused once a gym exists."""
    username = owner_username.strip().lower()
    problems = account_problems(username, owner_full_name, password, ("owner_username", "owner_full_name", "password"))
    if len(branch_name.strip()) < 2:
        problems["branch_name"] = "Give the branch a name."
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        problems["timezone"] = f"{timezone!r} is not a time zone (e.g. Africa/Cairo)."
    if len(currency.strip()) != 3:
        problems["currency"] = "Use a three-letter currency code such as EGP."
    if problems:
        raise ValidationError(problems)
    branch = Branch(uuid.uuid4(), 1, branch_name.strip(), address.strip(), timezone,
                    BranchRules(currency=currency.strip().upper()))
    owner = Staff(uuid.uuid4(), username, owner_full_name.strip(), Role.OWNER, None, hash_password(password))
    with uow as w:
        if w.branches.list():
            raise NotAllowed("This database already has a gym; sign in instead.")
        w.branches.add(branch)
        w.staff.add(owner)
        w.commit()
    return branch, owner
