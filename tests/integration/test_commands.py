"""Commands carry their operation: the same command done twice makes the same rows, with the same ids and times.

This is what lets a retried request, or a desk's queued operation applied later on the server, be the same
operation rather than a second one. Two copies of one gym's file stand for the desk and the server; their
clocks differ by hours, and every command is handled on both.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from reception.bootstrap import App, open_app
from reception.domain import commands as c
from reception.domain.errors import StorageError
from reception.domain.models import AttendanceAction, PaymentMethod
from reception.services.demo import build_demo
from reception.services.handlers import handle
from tests.conftest import FakeClock, owner_desk


@pytest.fixture
def twins(tmp_path: Path) -> Iterator[tuple[App, App]]:
    first = tmp_path / "desk.sqlite3"
    clock = FakeClock()
    app = open_app(f"sqlite:///{first}", clock=clock)
    build_demo(app.uow, clock)
    app.close()
    second = tmp_path / "server.sqlite3"
    shutil.copy(first, second)
    later = FakeClock(clock.now() + timedelta(hours=5))  # the server handles the queue hours later
    desk_app = open_app(f"sqlite:///{first}", clock=clock)
    server_app = open_app(f"sqlite:///{second}", clock=later)
    yield desk_app, server_app
    desk_app.close()
    server_app.close()


def _both(twins: tuple[App, App], command: c.Command) -> tuple[object, object]:
    return tuple(handle(app, owner_desk(app), command) for app in twins)  # type: ignore[return-value]


def test_every_change_made_twice_from_one_command_is_the_same_change(twins: tuple[App, App]) -> None:
    desk_app, _ = twins
    owner = owner_desk(desk_app)
    branch = owner.branch.id
    base = desk_app.clock.now() + timedelta(minutes=1)
    pack = next(s for s in desk_app.catalogue.services(active_only=True) if s.kind.is_pack)

    def at(minutes: int) -> dict[str, object]:
        return {"operation_id": uuid.uuid4(), "at": base + timedelta(minutes=minutes)}

    joined = _both(twins, c.Register(**at(0), full_name="Salma Adel", phone="01234567890", branch_id=branch,
                                     card_secret="0A1B2C3D", temp_password="QW12ER"))
    a, b = joined
    assert a == b  # id, member number, card code, temporary password, created_at: all equal
    assert a.qr_code.endswith("-0A1B2C3D") and a.temp_password == "QW12ER"  # type: ignore[attr-defined]
    assert a.created_at == base  # type: ignore[attr-defined]
    member = a.id  # type: ignore[attr-defined]

    # no subscription yet: a manager's override lets her in, the same visit on both
    let_in = _both(twins, c.Override(**at(2), customer_id=member, branch_id=branch, reason="Pays at the desk today"))
    assert let_in[0].attendance == let_in[1].attendance  # type: ignore[attr-defined]
    assert let_in[0].attendance.check_in_time == base + timedelta(minutes=2)  # type: ignore[attr-defined]

    sold = _both(twins, c.Activate(**at(3), customer_id=member, service_id=pack.id,
                                   payment_method=PaymentMethod.CASH))
    assert sold[0].subscription == sold[1].subscription  # type: ignore[attr-defined]
    assert sold[0].payment == sold[1].payment  # type: ignore[attr-defined]
    sub = sold[0].subscription  # type: ignore[attr-defined]

    visit = _both(twins, c.CheckIn(**at(200), customer_id=member, branch_id=branch,
                                   action=AttendanceAction.CHECK_IN_WITH_DEDUCTION, subscription_id=sub.id))
    assert visit[0].attendance == visit[1].attendance and visit[0].deducted  # type: ignore[attr-defined]
    assert visit[0].attendance.check_in_time == base + timedelta(minutes=200)  # type: ignore[attr-defined]

    corrected = _both(twins, c.CorrectBalance(**at(201), subscription_id=sub.id, delta=2, reason="Gift"))
    assert corrected[0] == corrected[1] == pack.units - 1 + 2

    reversed_ = _both(twins, c.Reverse(**at(202), attendance_id=visit[0].attendance.id,  # type: ignore[attr-defined]
                                       reason="Scanned by mistake"))
    assert reversed_[0] == reversed_[1]

    frozen = _both(twins, c.Freeze(**at(203), subscription_id=sub.id,
                                   start=(base + timedelta(days=1)).date(), days=7))
    assert frozen[0] == frozen[1]

    card = _both(twins, c.RegenerateCard(**at(204), customer_id=member, card_secret="FFEE0011"))
    assert card[0] == card[1] and card[0].qr_code.endswith("-FFEE0011")  # type: ignore[attr-defined]

    # and the whole trail the member's profile shows is identical on both copies
    def trail(app: App) -> tuple[object, ...]:
        desk = owner_desk(app)
        profile = app.customers.profile(desk, member)
        return (profile.customer, [v.subscription for v in profile.subscriptions], profile.attendance,
                app.subscriptions.ledger(desk, sub.id))

    assert trail(twins[0]) == trail(twins[1])


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_command_handled_again_on_the_same_gym_makes_no_second_row(backend: str, request: pytest.FixtureRequest,
                                                                     tmp_path: Path) -> None:
    """A visit's id comes from the operation: doing it again is refused whole, in words, never a second visit."""
    url = f"sqlite:///{tmp_path / 'gym.sqlite3'}" if backend == "sqlite" else request.getfixturevalue("postgres_url")
    clock = FakeClock()
    if backend == "postgresql":
        from reception.repository.sql.maintenance import upgrade

        upgrade(url)
    app = open_app(url, clock=clock)
    request.addfinalizer(app.close)
    build_demo(app.uow, clock)
    desk = owner_desk(app)
    member = app.customers.register(desk, full_name="Omar Fathy", phone="01099988877")
    command = c.Override(uuid.uuid4(), app.clock.now(), member.id, desk.branch.id, "Card at home")
    handle(app, desk, command)
    with pytest.raises(StorageError, match="already recorded"):
        handle(app, desk, command)
    assert len(app.customers.profile(desk, member.id).attendance) == 1




def _examples() -> list[c.Command]:
    from datetime import UTC, date, datetime

    op, at = uuid.uuid4(), datetime(2026, 12, 2, 10, 30, tzinfo=UTC)
    some = uuid.uuid4()
    return [
        c.CheckIn(op, at, some, some, AttendanceAction.CHECK_IN_WITH_DEDUCTION, None, True),
        c.Deduct(op, at, some, some),
        c.Activate(op, at, some, some, PaymentMethod.CARD, some, Decimal("450.00"), date(2026, 12, 5), True),
        c.Register(op, at, "سلمى عادل", "01234567890", some, True,
                   (("date_of_birth", date(1990, 1, 2)), ("height_cm", 170), ("email", "s@example.com")),
                   "0A1B2C3D", "QW12ER"),
        c.RegenerateCard(op, at, some, "FFEE0011"),
        c.Freeze(op, at, some, date(2026, 12, 10), 14),
        c.Unfreeze(op, at, some),
        c.Reverse(op, at, some, "Scanned twice"),
        c.Override(op, at, some, some, "Pays tomorrow", AttendanceAction.CHECK_IN_ONLY),
        c.CorrectBalance(op, at, some, -1, "Counted twice"),
    ]


@pytest.mark.parametrize("command", _examples(), ids=lambda cmd: cmd.kind)
def test_every_command_reads_back_from_json_as_itself(command: c.Command) -> None:
    import json

    text = json.dumps(c.to_dict(command), ensure_ascii=False)
    assert c.from_dict(json.loads(text)) == command


def test_every_change_command_has_an_example() -> None:
    assert {type(cmd) for cmd in _examples()} == set(c.CHANGES)


@pytest.mark.parametrize("body, words", [
    ("not an object", "JSON object"),
    ({"kind": "DropTables"}, "unknown command"),
    ({"kind": "Reverse", "operation_id": str(uuid.uuid4()), "at": "2026-12-02T10:00:00+00:00",
      "attendance_id": str(uuid.uuid4())}, "needs reason"),
    ({"kind": "Reverse", "operation_id": "nope", "at": "2026-12-02T10:00:00+00:00",
      "attendance_id": str(uuid.uuid4()), "reason": "x"}, "operation_id"),
    ({"kind": "Reverse", "operation_id": str(uuid.uuid4()), "at": "2026-12-02T10:00:00",
      "attendance_id": str(uuid.uuid4()), "reason": "x"}, "UTC offset"),
    ({"kind": "CorrectBalance", "operation_id": str(uuid.uuid4()), "at": "2026-12-02T10:00:00+00:00",
      "subscription_id": str(uuid.uuid4()), "delta": "5", "reason": "x"}, "whole number"),
    ({"kind": "CheckIn", "operation_id": str(uuid.uuid4()), "at": "2026-12-02T10:00:00+00:00",
      "customer_id": str(uuid.uuid4()), "branch_id": str(uuid.uuid4()), "action": "teleport"}, "action"),
])
def test_a_malformed_command_is_refused_in_words(body: object, words: str) -> None:
    with pytest.raises(c.MalformedCommand, match=words):
        c.from_dict(body)
