"""Staff accounts: password hashing, sign-in with a slowdown after failures, and role checks."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from reception.domain.errors import AuthenticationFailed, NotFound, PermissionDenied, ValidationError
from reception.domain.models import Role, Staff
from reception.domain.authorization import Action, Actor, authorize, grants
from reception.repository.ports import UnitOfWork
from reception.services.access import check
from reception.services.context import Approval, Desk

_HASHER = PasswordHasher()  # argon2id with the library's production parameters
_DUMMY: list[str] = []


def _dummy_hash() -> str:
    """Made on first use (not at import: it costs ~100 ms of start-up)."""
    if not _DUMMY:
        _DUMMY.append(_HASHER.hash("not a real password"))
    return _DUMMY[0]
MIN_PASSWORD = 8


def account_problems(username: str, full_name: str, password: str,
                     keys: tuple[str, str, str] = ("username", "full_name", "password")) -> dict[str, str]:
    """What is wrong with a new staff account's name, full name and password (field -> message)."""
    problems: dict[str, str] = {}
    if not username or not username.replace(".", "").replace("_", "").replace("-", "").isalnum():
        problems[keys[0]] = "Use letters, digits, dots or dashes for the username."
    if len(full_name.strip()) < 2:
        problems[keys[1]] = "Enter the person's full name."
    if len(password) < MIN_PASSWORD:
        problems[keys[2]] = f"The password needs at least {MIN_PASSWORD} characters."
    return problems


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


class LoginThrottle:
    """After repeated failures for a username, sign-in waits longer each time (1, 2, 4 ... 30 s)."""

    def __init__(self, monotonic: Callable[[], float] = time.monotonic, free_failures: int = 3) -> None:
        self._monotonic = monotonic
        self._free = free_failures
        self._failures: dict[str, tuple[int, float]] = {}
        self._lock = threading.Lock()

    def wait_seconds(self, username: str) -> float:
        with self._lock:
            count, last = self._failures.get(username.casefold(), (0, 0.0))
        if count < self._free:
            return 0.0
        delay = min(30.0, 2.0 ** (count - self._free))
        return max(0.0, last + delay - self._monotonic())

    def failed(self, username: str) -> None:
        with self._lock:
            count, _ = self._failures.get(username.casefold(), (0, 0.0))
            self._failures[username.casefold()] = (count + 1, self._monotonic())

    def succeeded(self, username: str) -> None:
        with self._lock:
            self._failures.pop(username.casefold(), None)


class StaffService:
    def __init__(self, uow: UnitOfWork, throttle: LoginThrottle | None = None) -> None:
        self._uow = uow
        self.throttle = throttle or LoginThrottle()

    def authenticate(self, username: str, password: str) -> Staff:
        """The staff member, or AuthenticationFailed that never says which part was wrong."""
        wait = self.throttle.wait_seconds(username)
        if wait > 0:
            raise AuthenticationFailed(f"Too many failed attempts. Try again in {int(wait) + 1} s.")
        with self._uow.reading() as uow:
            staff = uow.staff.by_username(username.strip())
        if staff is None:
            _verify(_dummy_hash(), password)  # same time as a real check: no hint the name is unknown
            self.throttle.failed(username)
            raise AuthenticationFailed()
        if not _verify(staff.password_hash, password) or not staff.is_active:
            self.throttle.failed(username)
            raise AuthenticationFailed()
        self.throttle.succeeded(username)
        return staff

    def approve(self, approval: Approval, action: Action, branch_id: uuid.UUID) -> Staff:
        """A manager's credentials typed into a dialog for something of `branch_id`; the desk's session
        stays as it is. The approver vouches from their own branch, whichever desk they type at."""
        approver = self.authenticate(approval.username, approval.password)
        if not grants(approver, action):
            raise PermissionDenied(f"{approver.full_name} cannot approve this; a manager or the owner must.")
        authorize(Actor(approver, approver.branch_id or branch_id), action, branch_id)
        return approver

    def create(
        self, desk: Desk, *, username: str, full_name: str, role: Role, password: str, branch_id: uuid.UUID | None
    ) -> Staff:
        name = username.strip().lower()
        problems = account_problems(name, full_name, password)
        if role is not Role.OWNER and branch_id is None:
            problems["branch"] = "Choose the branch this person works at."
        if problems:
            raise ValidationError(problems)
        staff = Staff(uuid.uuid4(), name, full_name.strip(), role, branch_id, hash_password(password))
        with self._uow as uow:
            _check_may_manage(uow, desk, role, branch_id)
            if uow.staff.by_username(name) is not None:
                raise ValidationError({"username": f"The username {name!r} is taken."})
            uow.staff.add(staff)
            uow.commit()
        return staff

    def reset_password(self, desk: Desk, staff_id: uuid.UUID, password: str) -> None:
        if len(password) < MIN_PASSWORD:
            raise ValidationError({"password": f"The password needs at least {MIN_PASSWORD} characters."})
        with self._uow as uow:
            if staff_id == desk.staff.id:
                check(uow, desk, Action.CHANGE_OWN_PASSWORD)
            staff = uow.staff.get(staff_id)
            if staff is None:
                raise NotFound("That staff member no longer exists.")
            if staff.id != desk.staff.id:
                _check_may_manage(uow, desk, staff.role, staff.branch_id)
            from dataclasses import replace

            uow.staff.update(replace(staff, password_hash=hash_password(password)))
            uow.commit()

    def set_active(self, desk: Desk, staff_id: uuid.UUID, active: bool) -> Staff:
        from dataclasses import replace

        with self._uow as uow:
            staff = uow.staff.get(staff_id)
            if staff is None:
                raise NotFound("That staff member no longer exists.")
            if staff.id == desk.staff.id:
                raise PermissionDenied("You cannot deactivate your own account.")
            _check_may_manage(uow, desk, staff.role, staff.branch_id)
            changed = replace(staff, is_active=active)
            uow.staff.update(changed)
            uow.commit()
        return changed

    def list(self, desk: Desk) -> list[Staff]:
        """The owner sees everyone; a manager their branch's staff (for the Staff dialog)."""
        with self._uow.reading() as uow:
            actor = check(uow, desk, Action.MANAGE_STAFF, desk.branch.id)
            if actor.staff is not None and actor.staff.role is Role.OWNER:
                return uow.staff.list()
            return uow.staff.list(desk.branch.id)


def _check_may_manage(uow: UnitOfWork, desk: Desk, role: Role, branch_id: uuid.UUID | None) -> None:
    """A manager looks after their branch's receptionists; managers and owners are the owner's."""
    if role is Role.RECEPTIONIST:
        check(uow, desk, Action.MANAGE_STAFF, branch_id)
    else:
        check(uow, desk, Action.MANAGE_MANAGERS, branch_id)
