"""Desks at the same instant, through the services the desk and the CLI use (2 and 4 processes, a barrier).

The rules that read, then write (one active subscription, the repeat window, the balance) hold for
desks writing together on SQLite and on PostgreSQL, and every scan is in the access log.
"""

from __future__ import annotations

import multiprocessing
import threading
import time
import uuid
from collections import Counter
from typing import Any

import pytest

from reception.domain.models import LedgerKind, SubscriptionStatus
from reception.repository.sql import SqlUnitOfWork, create_engine_for
from tests.integration.helpers_desks import desk_worker, seed_desks_gym


def run_desks(url: str, gym: dict[str, Any], job: str, desks: int, rounds: int) -> list[tuple[int, str, str]]:
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(desks)
    results = context.Queue()
    workers = [context.Process(target=desk_worker, args=(url, gym, job, rounds, barrier, results))
               for _ in range(desks)]
    for worker in workers:
        worker.start()
    outcomes = [row for _ in workers for row in results.get(timeout=300)[1]]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    return outcomes


def stored(url: str, gym: dict[str, Any]) -> dict[str, Any]:
    uow = SqlUnitOfWork(create_engine_for(url))
    with uow.reading():
        subs = {c: uow.subscriptions.for_customer(uuid.UUID(c)) for c in gym["customers"]}
        visits = {c: [a for a in uow.attendance.query(customer_id=uuid.UUID(c)) if a.counts] for c in subs}
        ledgers = {s.id: uow.subscriptions.ledger(s.id) for sub_list in subs.values() for s in sub_list}
        log_rows = len(uow.access_log.query(limit=1_000_000))
    uow.engine.dispose()
    return {"subs": subs, "visits": visits, "ledgers": ledgers, "log": log_rows}


@pytest.mark.parametrize("desks", [2, 4])
def test_desks_selling_at_once_give_each_member_one_subscription(database_url: str, desks: int) -> None:
    gym = seed_desks_gym(database_url, customers=30, balance=None, repeat_minutes=10)
    outcomes = run_desks(database_url, gym, "activate", desks, rounds=1)
    sold = Counter(index for index, outcome, _ in outcomes if outcome == "sold")
    assert all(sold[i] == 1 for i in range(30)), sold
    assert sum(1 for _, outcome, detail in outcomes if outcome == "refused" and detail == "AlreadyActive") \
        == 30 * (desks - 1)
    data = stored(database_url, gym)
    active = {c: [s for s in subs if s.status is SubscriptionStatus.ACTIVE] for c, subs in data["subs"].items()}
    assert all(len(subs) == 1 for subs in active.values())


@pytest.mark.parametrize("desks", [2, 4])
def test_desks_scanning_one_member_at_once_deduct_once_inside_the_repeat_window(database_url: str,
                                                                                desks: int) -> None:
    gym = seed_desks_gym(database_url, customers=30, balance=10, repeat_minutes=10)
    outcomes = run_desks(database_url, gym, "scan", desks, rounds=1)
    deducted = Counter(index for index, outcome, _ in outcomes if outcome == "deducted")
    assert all(deducted[i] == 1 for i in range(30)), deducted
    data = stored(database_url, gym)
    for customer, subs in data["subs"].items():
        (pack,) = subs
        assert pack.remaining == 9
        assert sum(e.delta for e in data["ledgers"][pack.id]) == pack.remaining  # ledger = balance
        assert len(data["visits"][customer]) == 1  # the repeat scans recorded no second visit
    # Every desk's answer names the same visit: the one recorded.
    by_member = {i: {detail for index, _, detail in outcomes if index == i} for i in range(30)}
    assert all(len(ids) == 1 for ids in by_member.values())
    assert data["log"] == 30 * desks  # one access-log row per scan


@pytest.mark.parametrize("desks", [2, 4])
def test_desks_draining_one_pack_take_exactly_its_balance(database_url: str, desks: int) -> None:
    gym = seed_desks_gym(database_url, customers=1, balance=50, repeat_minutes=0)
    rounds = 120 // desks + 10
    outcomes = run_desks(database_url, gym, "scan", desks, rounds=rounds)
    counts = Counter(outcome for _, outcome, _ in outcomes)
    assert counts["deducted"] == 50
    assert counts["denied"] == desks * rounds - 50 and counts["visit"] == 0, (counts, Counter(d for _, o, d in outcomes if o == "refused"))
    data = stored(database_url, gym)
    ((customer, (pack,)),) = data["subs"].items()
    assert pack.remaining == 0  # never below zero
    ledger = data["ledgers"][pack.id]
    assert sum(e.delta for e in ledger) == 0 and [e.kind for e in ledger].count(LedgerKind.VISIT) == 50
    assert len(data["visits"][customer]) == 50
    assert data["log"] == desks * rounds  # every scan logged, allowed or denied


def test_a_member_lock_makes_a_second_writer_wait(database_url: str) -> None:
    gym = seed_desks_gym(database_url, customers=1, balance=None, repeat_minutes=10)
    member = uuid.UUID(gym["customers"][0])
    first, second = (SqlUnitOfWork(create_engine_for(database_url)) for _ in range(2))
    order: list[str] = []
    entered = threading.Event()

    def later() -> None:
        entered.wait(10)
        with second:
            assert second.customers.lock(member) is not None
            order.append("second")
            second.commit()

    other = threading.Thread(target=later)
    other.start()
    with first:
        assert first.customers.lock(member) is not None
        entered.set()
        time.sleep(0.4)  # the other desk is trying to write for the same member meanwhile
        order.append("first")
        first.commit()
    other.join(30)
    first.engine.dispose()
    second.engine.dispose()
    assert order == ["first", "second"]
