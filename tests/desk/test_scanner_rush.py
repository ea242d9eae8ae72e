"""A rush at the counter: all 150 demo cards scanned back to back, as fast as a USB scanner types them."""

from __future__ import annotations

import statistics

import pytest

from tests.desk.harness import Desk, key_gaps_ms, misreads, rush

pytestmark = pytest.mark.desk

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
    done = rush(desk, cards, per_key_ms)

    assert misreads(cards, done.shown) == []
    assert len(done.shown) == len(cards), f"{len(done.shown)} cards shown for {len(cards)} scans"
    assert {event.get("source") for event in done.shown} == {"wedge"}, "a scan was not recognised as the scanner's"
    assert [event["code"] for event in done.wedges] == [card.code for card in cards]
    typed_at = statistics.median(key_gaps_ms(done.wedges))
    assert 0.6 * per_key_ms <= typed_at <= 1.5 * per_key_ms, f"keys came {typed_at} ms apart, not {per_key_ms}"
    assert done.logged == [card.code for card in cards]
    assert_field_empty(desk)
