"""A desk that lags (a slow scan on the GUI thread) on a loaded machine: keys keep their order and meaning.

The lag is made inside the app (RECEPTION_TEST_SCAN_LAG_MS), as DESIGN's precisions say;
the CPU-burning neighbours load the machine around it.
"""

from __future__ import annotations

import time

import pytest

from tests.desk.harness import Desk, cpu_burners

pytestmark = pytest.mark.desk

LAG = {"RECEPTION_TEST_SCAN_LAG_MS": "1500"}


def test_a_name_typed_quickly_while_the_desk_lags_is_a_person_not_a_scan(start_desk) -> None:  # type: ignore[no-untyped-def]
    desk: Desk = start_desk(env=LAG)
    scanned = desk.db.monthly_members(branch=1)[0]
    person = next(card for card in desk.cards if card.member_no == 2)
    assert desk.db.value("SELECT count(*) FROM customers WHERE full_name LIKE ?", (f"%{person.name}%",)) == 1
    mark = desk.trace.mark()
    with cpu_burners():
        desk.scan(scanned.code)  # the desk is busy with this scan for 1.5 s
        desk.type_text(person.name, per_key_ms=70)  # a fast typist, all of it during the lag
        desk.key("Return")
        typed = desk.trace.wait("typed", after=mark, timeout=20)[0]
        shown = desk.trace.wait("card", after=mark, count=2, timeout=20)
    assert typed["text_len"] == len(person.name)
    assert [w["code"] for w in desk.trace.since(mark, "wedge")] == [scanned.code], "the typed name was taken for a scan"
    assert [s["member_no"] for s in shown] == [scanned.member_no, person.member_no]
    assert [s["source"] for s in shown][0] == "wedge" and shown[1]["source"] != "wedge"


def test_an_enter_pressed_while_the_desk_lags_checks_in_the_member_just_scanned(start_desk) -> None:  # type: ignore[no-untyped-def]
    desk: Desk = start_desk(env=LAG)
    first, second = desk.db.monthly_members(branch=1)[:2]
    mark, visits = desk.trace.mark(), desk.db.attendance_mark()
    with cpu_burners():
        desk.scan(first.code)  # the desk is busy with this scan for 1.5 s...
        desk.scan(second.code)  # ...while the next member's card is scanned
        time.sleep(0.3)
        desk.key("Return")  # and the receptionist presses Enter for them
        checked = desk.trace.wait("check_in", after=mark, timeout=20)[0]
        desk.trace.wait("card", after=mark, count=2, timeout=20)
    desk.trace.quiet(1.0)
    assert checked["member_no"] == second.member_no, "the Enter checked in the member scanned before"
    assert desk.db.visits_since(visits) == [(second.member_no, "check_in_only")]
