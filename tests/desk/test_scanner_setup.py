"""Scanners set up differently: a prefix before the code, Tab or CR+LF instead of Enter after it."""

from __future__ import annotations

import pytest

from tests.desk.harness import Desk

pytestmark = pytest.mark.desk

PREFIX = "]Q1"  # an AIM symbology identifier, a common factory prefix


def assert_scanned(desk: Desk, cards: list, terminator: str, ended_by: str = "", **scan: str) -> None:  # type: ignore[type-arg]
    """Each card read once, as its own member, logged with its exact code; the terminator does nothing more.

    `ended_by`: the key the desk reports as the end of the scan (CR+LF's CR ends it; its LF is swallowed).
    """
    mark, logged, visits = desk.trace.mark(), desk.db.access_mark(), desk.db.attendance_mark()
    for card in cards:
        desk.scan(card.code, terminator=terminator, **scan)
        desk.trace.wait("card", after=mark, count=cards.index(card) + 1, timeout=15)
    desk.trace.quiet(0.7)
    wedges = desk.trace.since(mark, "wedge")
    shown = desk.trace.since(mark, "card")
    assert [(w["code"], w["terminator"]) for w in wedges] == [(c.code, ended_by or terminator) for c in cards]
    assert [(s["code"], s["member_no"], s["source"]) for s in shown] == [(c.code, c.member_no, "wedge") for c in cards]
    assert [code for code, *_ in desk.db.access_since(logged)] == [c.code for c in cards]
    assert desk.trace.since(mark, "typed") == [], "the scanner's terminator reached the Scan field as a person's Enter"
    assert desk.trace.since(mark, "check_in") == [] and desk.db.visits_since(visits) == [], \
        "the scanner's terminator checked a member in"


def test_a_scanner_with_a_prefix(start_desk) -> None:  # type: ignore[no-untyped-def]
    desk = start_desk(env={"RECEPTION_SCANNER_PREFIX": PREFIX})
    assert_scanned(desk, desk.db.monthly_members(branch=1)[:3], "Return", prefix=PREFIX)


def test_scanners_ending_with_tab_or_cr_lf(desk: Desk) -> None:
    members = desk.db.monthly_members(branch=1)
    assert_scanned(desk, members[:3], "Tab")
    assert_scanned(desk, members[3:6], "Linefeed", ended_by="Return")  # CR+LF
