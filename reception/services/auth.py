"""Staff accounts: password hashing, sign-in with a slowdown after failures, and role checks."""

from __future__ import annotations

import logging
import math
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

from reception.clock import Clock, SystemClock
from reception.domain.authorization import Action, Actor, authorize, grants
from reception.domain.errors import (
    AuthenticationFailed,
    NotFound,
    PermissionDenied,
    StorageError,
    TooManyAttempts,
    ValidationError,
)
from reception.domain.models import UNKNOWN_USERNAME, LoginAttempt, Role, Staff
from reception.repository.ports import UnitOfWork
from reception.services.access import check
from reception.services.context import Approval, Desk

log = logging.getLogger(__name__)

# argon2id, RFC 9106's second recommended profile, written out so a library update cannot change it
# silently (docs/SECURITY.md quotes these). Hashes made with other parameters still verify.
_HASHER = PasswordHasher(time_cost=3, memory_cost=64 * 1024, parallelism=4, hash_len=32, salt_len=16, type=Type.ID)
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


def normalise_username(text: str) -> str:
    """The one form a typed username takes before anything looks at it (lookup, throttle, log)."""
    return text.strip().casefold()


@dataclass(frozen=True)
class LoginThrottle:
    """When sign-in pauses: after `free_failures` failures in `window` (for one username, or at
    one desk), each further try waits `first_pause` doubled per failure, up to `longest_pause`.

    Counted from the attempts stored in the database, so a restart or another process sees
    them; a success resets its username's count and its desk's.
    """

    free_failures: int = 5
    window: timedelta = timedelta(minutes=15)
    first_pause: timedelta = timedelta(seconds=30)
    longest_pause: timedelta = timedelta(minutes=15)

    def wait_seconds(self, failures: list[datetime], now: datetime) -> int:
        """Whole seconds until the next try is allowed (0: go ahead), given the failures' times."""
        if len(failures) < self.free_failures:
            return 0
        doublings = min(len(failures) - self.free_failures, 20)  # 2**20 pauses is past any cap; no overflow
        pause = min(self.longest_pause, self.first_pause * 2**doublings)
        left = (max(failures) + pause - now).total_seconds()
        return max(0, math.ceil(left))


class StaffService:
    def __init__(self, uow: UnitOfWork, throttle: LoginThrottle | None = None, *,
                 clock: Clock | None = None, desk_id: uuid.UUID | None = None) -> None:
        self._uow = uow
        self.throttle = throttle or LoginThrottle()
        self._clock = clock or SystemClock()
        self.desk_id = desk_id or uuid.uuid4()  # the app passes the desk's saved id (settings.desk_id)

    def authenticate(self, username: str, password: str, *, purpose: str = "sign-in") -> Staff:
        """The staff member, or AuthenticationFailed that never says which part was wrong.

        Every attempt is stored and every failure logged (never the password; the username only
        when an account has it, as people type passwords into that field). After repeated
        failures for the username or at this desk, TooManyAttempts says how long to wait.
        """
        name = normalise_username(username)
        desk_id = self.desk_id
        now = self._clock.now()
        since = now - self.throttle.window
        with self._uow.reading() as uow:
            staff = uow.staff.by_username(name) if name else None
            key = normalise_username(staff.username) if staff is not None else UNKNOWN_USERNAME
            who = repr(staff.username) if staff is not None else "unknown username"
            waits = [self.throttle.wait_seconds(uow.login_attempts.failures(since=since, desk_id=desk_id), now)]
            if staff is not None:
                waits.append(self.throttle.wait_seconds(uow.login_attempts.failures(since=since, username=key), now))
        wait = max(waits)
        if wait > 0:
            log.warning("%s refused at desk %s for %s: too many failed attempts, paused for %d s",
                        purpose, desk_id, who, wait)
            raise TooManyAttempts(wait)
        if staff is None:
            _verify(_dummy_hash(), password)  # same time as a real check: no hint the name is unknown
            ok, why = False, "unknown username"
        elif not _verify(staff.password_hash, password):
            ok, why = False, "wrong password"
        elif not staff.is_active:
            ok, why = False, "the account is deactivated"
        else:
            ok, why = True, ""
        try:
            with self._uow as uow:
                uow.login_attempts.add(LoginAttempt(uuid.uuid4(), key, desk_id, self._clock.now(), ok))
                uow.commit()
        except StorageError as error:
            if not ok:
                raise  # a failure must be counted, or the throttle could be dodged
            # A good password while another program holds the write lock: signing in only reads.
            log.warning("%s: a successful sign-in was not recorded: %s", purpose, error.message)
        if not ok:
            log.warning("%s failed at desk %s for %s: %s", purpose, desk_id, who, why)
            raise AuthenticationFailed()
        assert staff is not None
        log.info("%s: %s at desk %s", purpose, staff.username, desk_id)
        return staff

    def approve(self, approval: Approval, action: Action, branch_id: uuid.UUID) -> Staff:
        """A manager's credentials typed into a dialog for something of `branch_id`; the desk's session
        stays as it is. The approver vouches from their own branch, whichever desk they type at."""
        approver = self.authenticate(approval.username, approval.password, purpose="manager approval")
        if not grants(approver, action):
            raise PermissionDenied(f"{approver.full_name} cannot approve this; a manager or the owner must.")
        authorize(Actor(approver, approver.branch_id or branch_id), action, branch_id)
        return approver

    def create(
        self, desk: Desk, *, username: str, full_name: str, role: Role, password: str, branch_id: uuid.UUID | None
    ) -> Staff:
        name = normalise_username(username)
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
