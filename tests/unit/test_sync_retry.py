"""When a branch desk tries its sync again after a failure: soon at first, then less often, without end."""

from __future__ import annotations

import random

from reception.sync.agent import next_sync_in

EVERY = 15.0  # the desk's usual period, seconds


def test_a_sync_that_went_through_waits_the_usual_period() -> None:
    assert next_sync_in(EVERY, 0) == EVERY


def test_a_failing_server_is_tried_again_soon_then_less_often_up_to_two_minutes_without_end() -> None:
    rng = random.Random(7)
    steps = [5, 10, 20, 40, 80, 120, 120, 120]
    for failures, step in enumerate(steps, start=1):
        wait = next_sync_in(EVERY, failures, "server_failed", rng=rng)
        assert 0.8 * step <= wait <= step, (failures, wait)
    far = next_sync_in(EVERY, 10_000, "server_failed", rng=rng)  # a server down for days is still tried
    assert 96 <= far <= 120


def test_a_line_that_gives_no_answer_is_tried_at_least_every_period() -> None:
    rng = random.Random(3)
    waits = [next_sync_in(EVERY, failures, "unreachable", rng=rng) for failures in range(1, 40)]
    assert waits[0] <= 5 and max(waits) <= EVERY


def test_the_desks_of_a_branch_do_not_all_try_again_at_the_same_moment() -> None:
    waits = [next_sync_in(EVERY, 6, "server_failed", rng=random.Random(seed)) for seed in range(20)]
    assert all(96 <= wait <= 120 for wait in waits)
    assert max(waits) - min(waits) > 10
