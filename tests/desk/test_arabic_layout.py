"""A US-layout USB scanner on a desk whose keyboard layout is Arabic: every character of the code survives.

The scanner sends key codes, not characters: with X's `ara` group active Shift+Y comes as
alef with hamza below, Shift+M as an apostrophe, Shift+A/C/D/E/F as Arabic marks and
brackets, and Shift+G and Shift+B as one lam-alef ligature keysym each (U+FEF7, U+FEF5),
which Qt's compose step hands to the focused widget as an input-method commit of two
characters (lam, alef) rather than as a key press. Digits and the hyphen stay ASCII.
Whatever path each character takes, the desk must read the card it was given.
"""

from __future__ import annotations

import pytest

from tests.desk.conftest import require_tools
from tests.desk.harness import Card, Desk, XServer
from tests.desk.xkeys import RawKeyboard

pytestmark = pytest.mark.desk


def arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" or "\ufe70" <= ch <= "\ufeff" for ch in text)


def arabic_second_group(x: XServer) -> None:
    x.run("setxkbmap", "-layout", "us,ara")


def covering(cards: list[Card], wanted: str = "0123456789ABCDEF") -> list[Card]:
    """A few cards whose codes hold, between them, every digit and hex letter."""
    chosen: list[Card] = []
    missing = set(wanted)
    while missing:
        best = max(cards, key=lambda card: len(missing & set(card.code)))
        assert missing & set(best.code), f"no demo card holds {sorted(missing)}"
        chosen.append(best)
        missing -= set(best.code)
    return chosen


def test_a_us_scanner_on_the_arabic_layout_reads_every_character(start_desk) -> None:  # type: ignore[no-untyped-def]
    require_tools("setxkbmap")
    desk: Desk = start_desk(setup_x=arabic_second_group)
    cards = covering(desk.cards)
    mark, logged = desk.trace.mark(), desk.db.access_mark()
    with RawKeyboard(desk.x.display) as keyboard:
        keyboard.lock_group(1)  # the receptionist switched the desk to Arabic
        assert keyboard.group() == 1
        for n, card in enumerate(cards, 1):
            keyboard.type_us_keys(card.code, per_key_ms=5)
            desk.trace.wait("card", after=mark, count=n, timeout=15)
        assert keyboard.group() == 1
    desk.trace.quiet(0.5)

    wedges = desk.trace.since(mark, "wedge")
    raw = [str(w["raw"]) for w in wedges]
    assert raw and all(arabic(text) for text in raw), f"X did not type Arabic: {raw}"
    assert [w["code"] for w in wedges] == [card.code for card in cards]
    shown = desk.trace.since(mark, "card")
    assert [(s["code"], s["member_no"]) for s in shown] == [(card.code, card.member_no) for card in cards]
    assert [code for code, *_ in desk.db.access_since(logged)] == [card.code for card in cards]
