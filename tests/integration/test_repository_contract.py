"""The SQL adapter keeps every promise of reception.repository.ports, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
import sqlalchemy as sa

from reception.domain.errors import NotAllowed, StorageError
from reception.domain.models import (
    AccessLogEntry,
    Attendance,
    AttendanceAction,
    BranchRules,
    LedgerEntry,
    LedgerKind,
    OtherBranchPolicy,
    Payment,
    PaymentMethod,
    RevokedCard,
    Service,
    ServiceKind,
    new_id,
)
from reception.domain.search import query_tokens
from reception.repository.sql import SqlUnitOfWork
from reception.repository.sql.engine import READ_ONLY
from tests.integration.helpers_gym import NOW, Gym, make_customer, make_pack, open_uow, seed_gym

CAIRO = timezone(timedelta(hours=2))
PRAGMAS = ("journal_mode", "synchronous", "busy_timeout", "foreign_keys")


@pytest.fixture
def uow(database_url: str) -> Iterator[SqlUnitOfWork]:
    unit = open_uow(database_url)
    yield unit
    unit.engine.dispose()


@pytest.fixture
def gym(uow: SqlUnitOfWork) -> Gym:
    return seed_gym(uow)


def test_branch_and_rules_round_trip(uow: SqlUnitOfWork, gym: Gym) -> None:
    rules = BranchRules(
        other_branch_policy=OtherBranchPolicy.DENY, repeat_deduction_minutes=15, auto_commit_on_allow=True,
        currency="USD", payment_methods=(PaymentMethod.CASH, PaymentMethod.MOBILE_WALLET), idle_lock_minutes=3,
    )
    changed = replace(gym.branch, name="Downtown East", rules=rules, timezone="Africa/Cairo")
    with uow:
        uow.branches.update(changed)
        uow.commit()
    with uow.reading():
        assert uow.branches.get(gym.branch.id) == changed
        assert uow.branches.by_number(1) == changed
        assert uow.branches.list() == [changed]
        assert uow.branches.by_number(9) is None


def test_staff_found_by_username_in_any_case(uow: SqlUnitOfWork, gym: Gym) -> None:
    with uow.reading():
        assert uow.staff.by_username("LAYLA") == gym.staff
        assert uow.staff.get(gym.staff.id) == gym.staff
        assert uow.staff.list(gym.branch.id) == [gym.staff]
        assert uow.staff.by_username("nobody") is None


def test_customer_round_trip_keeps_every_field(uow: SqlUnitOfWork, gym: Gym) -> None:
    photo = bytes(range(256)) * 150  # a ~38 KB "JPEG" with every byte value
    full = replace(
        gym.customer, email="m@example.com", temp_password="RX04AF", height_cm=Decimal("175.5"),
        weight_kg=Decimal("80.25"), date_of_birth=date(1990, 2, 28), gender="male", address="Giza",
        national_id="29001011234567", health_notes="asthma", notes="VIP", photo=photo,
        updated_at=datetime(2026, 11, 21, 11, 30, 15, 123456, tzinfo=CAIRO),
    )
    with uow:
        uow.customers.update(full)
        uow.commit()
    with uow.reading():
        loaded = uow.customers.get(full.id)
    assert loaded is not None
    assert loaded == replace(full, updated_at=full.updated_at.astimezone(UTC))
    assert loaded.updated_at.tzinfo == UTC and loaded.updated_at.hour == 9
    assert loaded.photo == photo and loaded.bmi == Decimal("26.1")


def test_naive_datetime_is_refused_and_nothing_is_written(uow: SqlUnitOfWork, gym: Gym) -> None:
    naive = make_customer(99, gym.branch.id, at=datetime(2026, 11, 21, 9, 0))
    with uow, pytest.raises(Exception, match="Naive datetime"):
        uow.customers.add(naive)
    with uow.reading():
        assert uow.customers.by_member_no(99) is None


def test_money_is_exact_and_floats_are_refused(uow: SqlUnitOfWork, gym: Gym) -> None:
    with uow.reading():
        pack = uow.subscriptions.get(gym.pack.id)
        service = uow.services.get(gym.service.id)
    assert pack is not None and service is not None
    assert pack.amount == Decimal("1200.50") and str(pack.amount) == "1200.50"
    assert str(service.price) == "1200.50"
    cheap = Service(new_id(), "Day pass", ServiceKind.MONTHLY, 0.1 + 0.2, duration_months=1)  # type: ignore[arg-type]
    with uow, pytest.raises(Exception, match="float"):
        uow.services.add(cheap)


def test_get_many_keeps_the_order_asked_and_skips_unknown(uow: SqlUnitOfWork, gym: Gym) -> None:
    with uow:
        others = [make_customer(uow.customers.next_member_no(), gym.branch.id, name=f"Member {i}") for i in range(3)]
        uow.customers.add_many(others)
        uow.commit()
    wanted = [others[2].id, new_id(), gym.customer.id, others[0].id]
    with uow.reading():
        got = uow.customers.get_many(wanted)
    assert [c.id for c in got] == [others[2].id, gym.customer.id, others[0].id]


def test_card_lookup_and_revoked_cards(uow: SqlUnitOfWork, gym: Gym) -> None:
    old_code = gym.customer.qr_code
    renewed = replace(gym.customer, qr_code=f"GYM-{gym.customer.member_no}-0BADF00D")
    with uow:
        uow.customers.revoke_card(RevokedCard(old_code, gym.customer.id, NOW))
        uow.customers.update(renewed)
        uow.commit()
    with uow.reading():
        assert uow.customers.by_code(renewed.qr_code) == renewed
        assert uow.customers.by_code(old_code) is None
        assert uow.customers.revoked_card(old_code) == RevokedCard(old_code, gym.customer.id, NOW)
        assert uow.customers.revoked_card("GYM-1-FFFFFFFF") is None
        assert uow.customers.by_phone("01077827638") == [renewed]


def _search(uow: SqlUnitOfWork, query: str, branch_id: object = None) -> list[str]:
    with uow.reading():
        ids = uow.customers.search_ids(query_tokens(query), branch_id=branch_id, limit=20)  # type: ignore[arg-type]
        return [c.full_name for c in uow.customers.get_many(ids)]


def test_search_by_name_part_arabic_variant_phone_member_no_and_code(uow: SqlUnitOfWork, gym: Gym) -> None:
    with uow:
        people = [
            make_customer(uow.customers.next_member_no(), gym.branch.id, name=name, phone=phone)
            for name, phone in [
                ("أحمد عبد الله", "01122334455"),
                ("Layla Rashad", "01022981052"),
                ("Mohamed Ali", "01555555555"),
            ]
        ]
        uow.customers.add_many(people)
        uow.commit()
    assert _search(uow, "moh") == ["Mohamed Ali", "Mohamed Salem"]  # sorted by folded name
    assert _search(uow, "sal moh") == ["Mohamed Salem"]
    assert _search(uow, "احمد") == ["أحمد عبد الله"]
    assert _search(uow, "أحمد") == ["أحمد عبد الله"]
    assert _search(uow, "٠١٠٧٧٨٢٧٦٣٨") == ["Mohamed Salem"]
    assert _search(uow, "7638") == ["Mohamed Salem"]
    assert _search(uow, "+20 102 298 1052") == ["Layla Rashad"]
    assert _search(uow, str(people[1].member_no)) == ["Layla Rashad"]
    with uow.reading():
        assert uow.customers.by_code(people[2].qr_code).full_name == "Mohamed Ali"  # type: ignore[union-attr]
    assert _search(uow, "zz") == []
    assert _search(uow, "moh", branch_id=new_id()) == []


def test_search_follows_a_renamed_customer(uow: SqlUnitOfWork, gym: Gym) -> None:
    with uow:
        uow.customers.update(replace(gym.customer, full_name="Somaya Hassan"))
        uow.commit()
    assert _search(uow, "salem") == []
    assert _search(uow, "somaya") == ["Somaya Hassan"]


def test_unique_member_no_and_card_surface_as_storage_errors(uow: SqlUnitOfWork, gym: Gym) -> None:
    twin = replace(make_customer(gym.customer.member_no, gym.branch.id, name="Twin"), qr_code="GYM-1-0000AAAA")
    with uow, pytest.raises(StorageError, match="member number is already taken"):
        uow.customers.add(twin)
    same_card = replace(make_customer(500, gym.branch.id), qr_code=gym.customer.qr_code)
    with uow, pytest.raises(StorageError, match="card code already belongs"):
        uow.customers.add(same_card)


def _visit(uow: SqlUnitOfWork, gym: Gym) -> int | None:
    balance = uow.subscriptions.deduct_one(gym.pack.id)
    if balance is not None:
        entry = LedgerEntry(new_id(), gym.pack.id, LedgerKind.VISIT, -1, NOW, staff_id=gym.staff.id)
        uow.subscriptions.add_ledger(entry)
    return balance


def test_deduct_to_zero_then_refused_and_ledger_matches(uow: SqlUnitOfWork) -> None:
    gym = seed_gym(uow, balance=3)
    with uow:
        uow.subscriptions.add_ledger(LedgerEntry(new_id(), gym.pack.id, LedgerKind.PURCHASE, 3, NOW - timedelta(1)))
        assert [_visit(uow, gym) for _ in range(4)] == [2, 1, 0, None]
        uow.commit()
    with uow.reading():
        pack = uow.subscriptions.get(gym.pack.id)
        ledger = uow.subscriptions.ledger(gym.pack.id)
    assert pack is not None and pack.remaining == 0
    assert [e.kind for e in ledger] == [LedgerKind.PURCHASE] + [LedgerKind.VISIT] * 3
    assert sum(e.delta for e in ledger) == pack.remaining


def test_credit_adds_back_and_never_goes_below_zero(uow: SqlUnitOfWork, gym: Gym) -> None:
    with uow:
        assert uow.subscriptions.credit(gym.pack.id, 1) == 13
        assert uow.subscriptions.credit(gym.pack.id, -13) == 0
        with pytest.raises(NotAllowed):
            uow.subscriptions.credit(gym.pack.id, -1)
        uow.commit()
    with uow.reading():
        assert uow.subscriptions.get(gym.pack.id).remaining == 0  # type: ignore[union-attr]


def test_update_changes_dates_and_status_but_never_the_balance(uow: SqlUnitOfWork, gym: Gym) -> None:
    frozen = replace(gym.pack, status=gym.pack.status.FROZEN, frozen_from=date(2026, 12, 1),
                     frozen_until=date(2026, 12, 10), end_date=date(2027, 2, 10), remaining=999)
    with uow:
        uow.subscriptions.update(frozen)
        uow.subscriptions.record_freeze(gym.pack.id, 10, NOW, gym.staff.id)
        uow.commit()
    with uow.reading():
        assert uow.subscriptions.get(gym.pack.id) == replace(frozen, remaining=12)
        assert uow.subscriptions.for_customer(gym.customer.id) == [replace(frozen, remaining=12)]
        assert uow.subscriptions.freeze_days_used(gym.customer.id, NOW - timedelta(days=365)) == 10
        assert uow.subscriptions.freeze_days_used(gym.customer.id, NOW + timedelta(seconds=1)) == 0


def test_for_customer_lists_newest_start_first(uow: SqlUnitOfWork, gym: Gym) -> None:
    renewal = replace(make_pack(gym.customer, gym.service, 12), start_date=date(2027, 2, 1), end_date=date(2027, 4, 30))
    with uow:
        uow.subscriptions.add(renewal)
        uow.commit()
    with uow.reading():
        assert [s.id for s in uow.subscriptions.for_customer(gym.customer.id)] == [renewal.id, gym.pack.id]


def test_attendance_ranges_limits_and_single_reversal(uow: SqlUnitOfWork, gym: Gym) -> None:
    visits = [
        Attendance(new_id(), gym.customer.id, gym.branch.id, NOW + timedelta(hours=h), AttendanceAction.CHECK_IN_ONLY,
                   staff_id=gym.staff.id)
        for h in (0, 1, 2, 24)
    ]
    with uow:
        for visit in reversed(visits):
            uow.attendance.add(visit)
        uow.commit()
    reversal = Attendance(new_id(), gym.customer.id, gym.branch.id, NOW + timedelta(hours=25),
                          AttendanceAction.CHECK_IN_ONLY, reverses=visits[0].id)
    with uow:
        uow.attendance.add(reversal)
        assert uow.attendance.mark_reversed(visits[0].id, reversal.id) is True
        assert uow.attendance.mark_reversed(visits[0].id, new_id()) is False
        uow.commit()
    day_start = NOW.astimezone(CAIRO).replace(hour=0)
    with uow.reading():
        today = uow.attendance.query(branch_id=gym.branch.id, start=day_start, end=day_start + timedelta(days=1))
        assert [v.id for v in today] == [v.id for v in visits[:3]]  # oldest first, end excluded
        assert today[0].reversed_by == reversal.id and not today[0].counts
        latest = uow.attendance.query(customer_id=gym.customer.id, limit=2)
        assert [v.id for v in latest] == [reversal.id, visits[3].id]  # newest first with a limit
        assert uow.attendance.query(start=NOW + timedelta(hours=2), end=NOW + timedelta(hours=2)) == []
        assert uow.attendance.get(visits[1].id) == visits[1]


def test_access_log_keeps_reasons_newest_first(uow: SqlUnitOfWork, gym: Gym) -> None:
    denied = AccessLogEntry(new_id(), "GYM-1-DEADBEEF", False, ("Card replaced on 2026-11-20", "Expired"),
                            gym.branch.id, NOW, customer_id=gym.customer.id, staff_id=gym.staff.id)
    allowed = AccessLogEntry(new_id(), gym.customer.qr_code, True, (), gym.branch.id, NOW + timedelta(minutes=1),
                             override_by=gym.staff.id, override_reason="manager said so")
    with uow:
        uow.access_log.add(denied)
        uow.access_log.add(allowed)
        uow.commit()
    with uow.reading():
        assert uow.access_log.query(branch_id=gym.branch.id) == [allowed, denied]
        assert uow.access_log.query(limit=1) == [allowed]
        assert uow.access_log.query(end=NOW + timedelta(minutes=1)) == [denied]


def test_payments_receipts_and_day_query(uow: SqlUnitOfWork, gym: Gym) -> None:
    with uow:
        payments = [
            Payment(new_id(), uow.payments.next_receipt_no(), Decimal(amount), PaymentMethod.CASH, gym.pack.id,
                    gym.customer.id, gym.staff.id, gym.branch.id, NOW + timedelta(hours=h))
            for amount, h in (("1200.50", 0), ("99.99", 3), ("10", 30))
        ]
        for payment in payments:
            uow.payments.add(payment)
        uow.commit()
    assert [p.receipt_no for p in payments] == [1, 2, 3]
    with uow.reading():
        today = uow.payments.query(branch_id=gym.branch.id, start=NOW, end=NOW + timedelta(days=1))
        assert today == payments[:2]
        assert sum(p.amount for p in today) == Decimal("1300.49")
        assert uow.payments.for_subscription(gym.pack.id) == payments


def test_counters_never_hand_out_the_same_number_twice(uow: SqlUnitOfWork, gym: Gym) -> None:
    taken: list[int] = []
    lock = threading.Lock()

    def desk() -> None:
        for _ in range(10):
            with uow.__class__(uow.engine) as own:
                number = own.customers.next_member_no()
                own.commit()
            with lock:
                taken.append(number)

    threads = [threading.Thread(target=desk) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with uow:
        first = uow.customers.reserve_member_nos(5)
        uow.commit()
    assert sorted(taken) == list(range(2, 32))  # member 1 exists already
    assert first == 32
    with uow:
        assert uow.customers.next_member_no() == 37


def test_leaving_without_commit_writes_nothing(uow: SqlUnitOfWork, gym: Gym) -> None:
    with uow:
        uow.customers.add(make_customer(uow.customers.next_member_no(), gym.branch.id, name="Ghost"))
        _visit(uow, gym)
    with pytest.raises(RuntimeError), uow:
        uow.payments.next_receipt_no()
        raise RuntimeError("the printer caught fire")
    with uow.reading():
        assert uow.customers.count() == 1
        assert uow.subscriptions.get(gym.pack.id).remaining == 12  # type: ignore[union-attr]
    with uow:
        assert uow.customers.next_member_no() == 2
        assert uow.payments.next_receipt_no() == 1


def test_sqlite_pragmas_hold_on_every_pooled_connection(sqlite_url: str) -> None:
    unit = open_uow(sqlite_url)
    engine = unit.engine
    try:
        # four distinct pooled connections, held at once; reading so none waits for the write lock
        connections = [engine.connect().execution_options(**{READ_ONLY: True}) for _ in range(4)]
        try:
            assert len({id(c.connection.dbapi_connection) for c in connections}) == 4
            for connection in connections:
                values = [connection.exec_driver_sql(f"PRAGMA {name}").scalar() for name in PRAGMAS]
                assert values == ["wal", 2, 10000, 1]  # synchronous 2 = FULL
        finally:
            for connection in connections:
                connection.close()
    finally:
        engine.dispose()


def test_sqlite_writes_take_the_lock_at_begin_and_reads_do_not(sqlite_url: str) -> None:
    unit = open_uow(sqlite_url)
    seed_gym(unit)
    engine = sa.create_engine(sqlite_url, connect_args={"timeout": 0.1, "isolation_level": None})
    try:
        with unit:  # BEGIN IMMEDIATE: the write lock is held before any statement runs
            with engine.connect() as other:
                with pytest.raises(sa.exc.OperationalError, match="locked"):
                    other.exec_driver_sql("BEGIN IMMEDIATE")
        with unit.reading():  # plain BEGIN: another writer is not blocked
            with engine.connect() as other:
                other.exec_driver_sql("BEGIN IMMEDIATE")
                other.exec_driver_sql("ROLLBACK")
    finally:
        engine.dispose()
        unit.engine.dispose()


def test_postgresql_reading_transactions_refuse_writes(postgres_url: str) -> None:
    unit = open_uow(postgres_url)
    gym = seed_gym(unit)
    try:
        with unit.reading(), pytest.raises(sa.exc.DBAPIError, match="read-only"):
            unit.subscriptions.deduct_one(gym.pack.id)
        with unit:  # the pooled connection is writable again
            assert unit.subscriptions.deduct_one(gym.pack.id) == 11
    finally:
        unit.engine.dispose()
