"""A rush at the counter: all 150 demo cards scanned back to back, as fast as a USB scanner types them."""

from __future__ import annotations

import time

import pytest

from tests.desk.harness import MISREAD_REASONS, Card, Desk, DeskError

pytestmark = pytest.mark.desk

GAP_S = 0.03  # the next card is at the scanner window 30 ms after the last one's Enter


def rush(desk: Desk, cards: list[Card], per_key_ms: int) -> tuple[list[dict[str, object]], list[str]]:
    """Scan every card; the card events (in order) and the access-log codes written meanwhile."""
    mark, logged = desk.trace.mark(), desk.db.access_mark()
    for card in cards:
        desk.scan(card.code, per_key_ms=per_key_ms)
        time.sleep(GAP_S)
    try:
        shown = desk.trace.wait("card", after=mark, count=len(cards), timeout=30)
    except DeskError:
        shown = desk.trace.since(mark, "card")  # compared below, so the failure shows which cards went wrong
    desk.trace.quiet(0.5)
    return shown, [code for code, *_ in desk.db.access_since(logged)]


def misread(cards: list[Card], shown: list[dict[str, object]]) -> list[str]:
    wrong = []
    for card, event in zip(cards, shown):
        reasons = set(map(str, event.get("reasons") or ()))
        if event.get("code") != card.code or event.get("member_no") != card.member_no or reasons & MISREAD_REASONS:
            wrong.append(f"{card.code} (member {card.member_no}) shown as {event.get('code')!r} "
                         f"member {event.get('member_no')} {event.get('state')} {sorted(reasons)}")
    wrong += [f"{card.code} (member {card.member_no}) never shown" for card in cards[len(shown):]]
    return wrong


def assert_field_empty(desk: Desk) -> None:
    """Nothing of any code is left in the Scan field: a name typed now is looked up exactly as typed."""
    mark = desk.trace.mark()
    desk.type_text("Layla")
    desk.key("Return")
    typed = desk.trace.wait("typed", after=mark, timeout=15)[0]
    assert typed["text_len"] == len("Layla"), f"the Scan field held more than the name: {typed}"
    assert desk.trace.since(mark, "wedge") == [], "a person's typing was taken for a scan"


@pytest.mark.parametrize("per_key_ms", [5, 20])
def test_every_card_of_a_rush_is_read_shown_and_logged_with_its_exact_code(desk: Desk, per_key_ms: int) -> None:
    cards = desk.cards
    shown, logged = rush(desk, cards, per_key_ms)

    assert misread(cards, shown) == []
    assert len(shown) == len(cards), f"{len(shown)} cards shown for {len(cards)} scans"
    assert {event.get("source") for event in shown} == {"wedge"}, "a scan was not recognised as the scanner's"
    assert [event["code"] for event in desk.trace.since(0, "wedge")] == [card.code for card in cards]
    assert logged == [card.code for card in cards]
    assert_field_empty(desk)
