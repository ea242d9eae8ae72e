"""What the in-memory unit of work refuses where a database would, beyond the contract every storage keeps."""

from __future__ import annotations

import threading
import time
from dataclasses import replace

import pytest

from reception.domain.errors import StorageError
from reception.domain.models import new_id
from tests.fakes.memory_store import IntegrityError, ReadOnlyTransaction
from tests.fakes.memory_uow import FakeUnitOfWork
from tests.integration.helpers_gym import make_customer, make_pack, seed_gym


def test_a_reading_transaction_cannot_write_or_lock() -> None:
    uow = FakeUnitOfWork()
    gym = seed_gym(uow)
    with uow.reading():
        with pytest.raises(ReadOnlyTransaction):
            uow.subscriptions.deduct_one(gym.pack.id)
        with pytest.raises(ReadOnlyTransaction):
            uow.customers.lock(gym.customer.id)
    with uow:
        assert uow.subscriptions.deduct_one(gym.pack.id) == 11


def test_a_duplicate_id_and_a_missing_reference_are_refused_and_a_balance_below_zero_is_kept() -> None:
    uow = FakeUnitOfWork()
    gym = seed_gym(uow)
    with uow, pytest.raises(IntegrityError, match="already exists"):
        uow.customers.add(replace(gym.customer, member_no=2, qr_code="GYM-2-00000002"))
    with uow, pytest.raises(IntegrityError, match="branches does not hold"):
        uow.customers.add(make_customer(2, new_id()))
    with uow:  # an overdraft made offline at two branches is recorded, as the schema allows (revision 0005)
        overdrawn = replace(make_pack(gym.customer, gym.service, 1), remaining=-1)
        uow.subscriptions.add(overdrawn)
        uow.commit()
    with uow.reading():
        stored = uow.subscriptions.get(overdrawn.id)
    assert stored is not None and stored.remaining == -1


def test_two_desks_waiting_for_each_other_are_told_at_once() -> None:
    first = FakeUnitOfWork()
    gym = seed_gym(first)
    second = first.another()
    with first:
        other = replace(make_customer(first.customers.next_member_no(), gym.branch.id), full_name="Layla Rashad")
        first.customers.add(other)
        first.commit()
    refused: list[BaseException] = []
    holding = threading.Event()

    def desk() -> None:
        with second:
            second.customers.lock(other.id)
            holding.set()
            try:
                second.customers.lock(gym.customer.id)  # held by the first desk, which waits for this one
            except StorageError as error:
                refused.append(error)

    thread = threading.Thread(target=desk)
    with first:
        first.customers.lock(gym.customer.id)
        thread.start()
        holding.wait(10)
        time.sleep(0.2)  # the other desk is waiting for gym.customer
        started = time.monotonic()
        try:
            first.customers.lock(other.id)
        except StorageError as error:
            refused.append(error)
    thread.join(10)
    assert len(refused) == 1 and "busy" in str(refused[0])
    assert time.monotonic() - started < 5  # not the 10 s a lock waits for a desk that will finish
