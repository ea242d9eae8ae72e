"""Signing in: attempts are stored, so the pause after repeated failures holds per username and per
desk, across restarts and processes; every failure is logged without the password."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from reception import settings
from reception.bootstrap import App, open_app
from reception.clock import SystemClock
from reception.domain.errors import AuthenticationFailed, TooManyAttempts
from reception.domain.models import Branch, Role, Staff, new_id
from reception.domain.permissions import Permission
from reception.repository.sql.maintenance import upgrade
from reception.services.auth import StaffService, hash_password
from reception.services.context import Approval
from tests.conftest import FakeClock
from tests.integration.helpers_gym import engine_of

PASSWORD = "right-horse-9"
WRONG = "Wr0ng-guess-Kx"  # appears nowhere else: the log must never hold it
ROOT = Path(__file__).resolve().parents[2]


def _seed(app: App) -> Branch:
    branch = Branch(id=new_id(), number=1, name="Downtown")
    secret = hash_password(PASSWORD)
    with app.uow as uow:
        uow.branches.add(branch)
        uow.staff.add(Staff(new_id(), "manager", "Mona Manager", Role.MANAGER, branch.id, secret))
        uow.staff.add(Staff(new_id(), "desk1", "Dina Desk", Role.RECEPTIONIST, branch.id, secret))
        uow.staff.add(Staff(new_id(), "gone", "Gamal Gone", Role.RECEPTIONIST, branch.id, secret, False))
        uow.commit()
    return branch


@pytest.fixture
def gym(database_url: str, clock: FakeClock) -> Iterator[App]:
    upgrade(database_url)
    app = open_app(database_url, clock=clock, desk_id=uuid.uuid4())
    _seed(app)
    yield app
    app.close()


def _other_desk(app: App, clock: FakeClock) -> StaffService:
    """A second desk PC on the same database: its own desk id."""
    return StaffService(app.uow, clock=clock, desk_id=uuid.uuid4())


def _fail(staff: StaffService, username: str, times: int = 1) -> None:
    for _ in range(times):
        with pytest.raises(AuthenticationFailed, match="Wrong username or password"):
            staff.authenticate(username, WRONG)


def test_spaces_and_capitals_in_the_username_count_against_the_same_account(gym: App, clock: FakeClock) -> None:
    for typed in ("manager", " manager ", "MANAGER", "\tManager", "manager "):
        _fail(gym.staff, typed)
    for typed in (" manager ", "manager"):
        with pytest.raises(TooManyAttempts, match=r"^Too many attempts; try again in 30 seconds\.$"):
            _other_desk(gym, clock).authenticate(typed, PASSWORD)  # even from another desk, the right password
    assert _other_desk(gym, clock).authenticate(" Desk1 ", PASSWORD).username == "desk1"  # normalised the same way


def test_seven_wrong_passwords_in_a_row_are_slowed_and_logged(gym: App, clock: FakeClock,
                                                               caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="reception")
    _fail(gym.staff, "manager", 5)
    for _ in range(2):
        with pytest.raises(TooManyAttempts) as refused:
            gym.staff.authenticate("manager", WRONG)
    assert refused.value.retry_after == 30
    lines = [r.getMessage() for r in caplog.records if r.name == "reception.services.auth"]
    assert sum("sign-in failed" in line and "'manager'" in line and "wrong password" in line for line in lines) == 5
    assert sum("sign-in refused" in line and "'manager'" in line for line in lines) == 2
    assert str(gym.staff.desk_id) in lines[0]
    assert not any(WRONG in line for line in lines)

    clock.advance(seconds=29)
    with pytest.raises(TooManyAttempts, match="in 1 second"):
        gym.staff.authenticate("manager", PASSWORD)
    clock.advance(seconds=1)
    _fail(gym.staff, "manager")  # the pause is over; this sixth failure doubles it
    with pytest.raises(TooManyAttempts, match="in 60 seconds"):
        gym.staff.authenticate("manager", PASSWORD)
    clock.advance(seconds=60)
    assert gym.staff.authenticate("manager", PASSWORD).username == "manager"
    _fail(gym.staff, "manager")  # a success starts the count again
    assert gym.staff.authenticate("manager", PASSWORD)


def test_unknown_usernames_are_logged_as_such_and_paused_per_desk(gym: App, clock: FakeClock,
                                                                  caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="reception")
    typed_names = [f"Hunter2-pw-{i}" for i in range(5)]  # people type their password into the name field
    for name in typed_names:
        _fail(gym.staff, name)
    with pytest.raises(TooManyAttempts):  # this desk is paused, whoever signs in next
        gym.staff.authenticate("desk1", PASSWORD)
    assert _other_desk(gym, clock).authenticate("desk1", PASSWORD).username == "desk1"  # other desks are not

    failed = [r.getMessage() for r in caplog.records if "sign-in failed" in r.getMessage()]
    assert len(failed) == 5 and all("unknown username" in line for line in failed)
    assert "for 'desk1'" in next(r.getMessage() for r in caplog.records if "sign-in refused" in r.getMessage())
    everything = "\n".join(r.getMessage() for r in caplog.records)
    assert not any(name in everything or name.casefold() in everything for name in typed_names)
    with engine_of(gym).connect() as connection:  # nor is the typed text stored
        stored = connection.execute(sa.text("SELECT username_normalised, ok FROM login_attempts")).all()
    assert {row.username_normalised for row in stored} == {"?", "desk1"}
    assert sorted(row.ok for row in stored) == [False] * 5 + [True]


def test_a_deactivated_account_fails_like_a_wrong_password_and_is_counted(gym: App,
                                                                          caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="reception")
    for _ in range(5):
        with pytest.raises(AuthenticationFailed, match="Wrong username or password"):
            gym.staff.authenticate("gone", PASSWORD)
    assert "'gone': the account is deactivated" in caplog.text
    with pytest.raises(TooManyAttempts):
        gym.staff.authenticate("gone", PASSWORD)


def test_manager_approvals_at_a_desk_go_through_the_same_throttle(gym: App, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="reception")
    branch = gym.catalogue.branches()[0]
    for _ in range(5):
        with pytest.raises(AuthenticationFailed, match="Wrong username or password"):
            gym.staff.approve(Approval(" Manager", WRONG), Permission.OVERRIDE_DENIAL, branch.id)
    with pytest.raises(TooManyAttempts):
        gym.staff.approve(Approval("manager", PASSWORD), Permission.OVERRIDE_DENIAL, branch.id)
    with pytest.raises(TooManyAttempts):  # and signing in as that manager waits too
        gym.staff.authenticate("manager", PASSWORD)
    assert caplog.text.count("manager approval failed") == 5


_CHILD = """
import json, sys
from reception.bootstrap import open_app
from reception.domain.errors import AuthenticationFailed
app = open_app(sys.argv[1], migrate=False)
outcome = {"desk_id": str(app.staff.desk_id)}
for username in ("manager", "desk1"):
    try:
        outcome[username] = app.staff.authenticate(username, sys.argv[2]).username
    except AuthenticationFailed as error:
        outcome[username] = error.message
app.close()
print(json.dumps(outcome))
"""


def _new_process(url: str, home: Path) -> dict[str, str]:
    """Sign in as manager, then desk1, in a fresh process (its own desk id lives under `home`)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "RECEPTION_HOME": str(home)}
    done = subprocess.run([sys.executable, "-c", _CHILD, url, PASSWORD], env=env, capture_output=True,
                          text=True, timeout=120, check=True)
    return json.loads(done.stdout)


def test_the_pause_survives_a_restart_and_holds_in_other_processes(database_url: str, tmp_path: Path) -> None:
    upgrade(database_url)
    this_pc = Path(os.environ["RECEPTION_HOME"])
    first = open_app(database_url, clock=SystemClock())  # the command line's own desk id on this PC
    _seed(first)
    for _ in range(5):
        with pytest.raises(AuthenticationFailed):
            first.staff.authenticate("manager", WRONG)
    desk_id = first.staff.desk_id
    first.close()

    restarted = _new_process(database_url, this_pc)  # same PC, new process: same desk, same counts
    assert restarted["desk_id"] == str(desk_id)
    assert restarted["manager"].startswith("Too many attempts; try again in ")
    assert restarted["desk1"].startswith("Too many attempts")  # the desk itself is paused

    elsewhere = _new_process(database_url, tmp_path / "another-pc")  # another desk PC
    assert elsewhere["desk_id"] != str(desk_id)
    assert elsewhere["manager"].startswith("Too many attempts")  # the username is paused everywhere
    assert elsewhere["desk1"] == "desk1"  # that desk is not


def test_each_desk_keeps_one_id_and_saving_settings_keeps_it(tmp_path: Path) -> None:
    store = settings.MemoryStore()
    made = settings.desk_id(store)
    settings.save(store, settings.DeskSettings(database_url="sqlite:///x.sqlite3", theme="dark"))
    assert settings.desk_id(store) == made
    assert settings.kiosk_desk_id() == settings.kiosk_desk_id() != made  # the command line has its own
    saved = json.loads((Path(os.environ["RECEPTION_HOME"]) / "config" / settings.KIOSK_FILE).read_text())
    assert saved == {"desk_id": str(settings.kiosk_desk_id())}
    broken = settings.MemoryStore({"desk_id": "not-a-uuid"})
    assert settings.desk_id(broken) == uuid.UUID(broken.values["desk_id"])


def test_staff_passwords_are_stored_as_argon2id_with_the_documented_parameters() -> None:
    stored = hash_password(PASSWORD)
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")  # as docs/SECURITY.md says
    assert PASSWORD not in stored
