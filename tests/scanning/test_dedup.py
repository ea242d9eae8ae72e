"""Repeat suppression with a hand-moved clock."""

from __future__ import annotations

import pytest

from reception.scanning.dedup import Deduplicator

from .conftest import FakeMonotonic


def test_same_code_at_most_once_per_window(fake_clock: FakeMonotonic) -> None:
    dedup = Deduplicator(3.0, clock=fake_clock)
    assert dedup.accept("GYM-1-AAAAAAAA")
    for _ in range(29):  # a second of camera frames
        fake_clock.advance(0.1)
        assert not dedup.accept("GYM-1-AAAAAAAA")
    fake_clock.advance(0.09)
    assert not dedup.accept("GYM-1-AAAAAAAA")  # 2.99 s after the report
    fake_clock.advance(0.01)
    assert dedup.accept("GYM-1-AAAAAAAA")  # 3 s: a new event


def test_a_different_code_is_new_at_once(fake_clock: FakeMonotonic) -> None:
    dedup = Deduplicator(3.0, clock=fake_clock)
    assert dedup.accept("GYM-1-AAAAAAAA")
    fake_clock.advance(0.05)
    assert dedup.accept("GYM-2-BBBBBBBB")
    fake_clock.advance(0.05)
    assert not dedup.accept("GYM-1-AAAAAAAA")  # each card keeps its own window
    assert not dedup.accept("GYM-2-BBBBBBBB")


def test_window_is_configurable_and_reset_forgets(fake_clock: FakeMonotonic) -> None:
    dedup = Deduplicator(0.5, clock=fake_clock)
    assert dedup.accept("X")
    fake_clock.advance(0.4)
    assert not dedup.accept("X")
    dedup.reset()
    assert dedup.accept("X")
    fake_clock.advance(0.5)
    assert dedup.accept("X")
    with pytest.raises(ValueError):
        Deduplicator(-1)


def test_many_codes_do_not_grow_memory(fake_clock: FakeMonotonic) -> None:
    dedup = Deduplicator(3.0, clock=fake_clock)
    for i in range(1000):
        fake_clock.advance(1.0)
        assert dedup.accept(f"GYM-{i}-AAAAAAAA")
    assert len(dedup._last) <= 40
