"""Every promise of reception.repository.ports, kept by each storage: a SQLite file, a PostgreSQL server
and the in-memory fake the service tests use (tests/fakes). What only the SQL adapter does (pragmas,
SQLite's locking, PostgreSQL's read-only transactions) is in test_sql_adapter.py."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from reception.domain.commands import OperationRecord, RefreshToken, StaffSession
from reception.domain.errors import NotAllowed, StorageError
from reception.domain.models import (
    AccessLogEntry,
    Attendance,
    AttendanceAction,
    BranchRules,
    LedgerEntry,
    LedgerKind,
    LoginAttempt,
    OtherBranchPolicy,
    Payment,
    PaymentMethod,
    RevokedCard,
    Role,
    Service,
    ServiceKind,
    Staff,
    new_id,
)
from reception.domain.reasons import Reason
from reception.domain.search import query_tokens
from reception.repository.ports import UnitOfWork
from reception.repository.sql import SqlUnitOfWork, create_engine_for
from reception.repository.sql.maintenance import upgrade
from tests.fakes.memory_uow import FakeUnitOfWork
from tests.integration.helpers_gym import NOW, Gym, make_customer, make_pack, seed_gym

CAIRO = timezone(timedelta(hours=2))


@dataclass(frozen=True)
class Storage:
    uow: UnitOfWork
    another: Callable[[], UnitOfWork]  # a second unit of work on the same data: another desk


@pytest.fixture(params=["sqlite", "postgresql", "memory"])
def storage(request: pytest.FixtureRequest, tmp_path) -> Iterator[Storage]:  # type: ignore[no-untyped-def]
    if request.param == "memory":
        fake = FakeUnitOfWork()
        yield Storage(fake, fake.another)
        return
    url = f"sqlite:///{tmp_path / 'gym.sqlite3'}" if request.param == "sqlite" else request.getfixturevalue(
        "postgres_url")
    upgrade(url, backup_dir=None)
    engine = create_engine_for(url)
    try:
        yield Storage(SqlUnitOfWork(engine), lambda: SqlUnitOfWork(engine))
    finally:
        engine.dispose()


@pytest.fixture
def uow(storage: Storage) -> UnitOfWork:
    return storage.uow


@pytest.fixture
def gym(uow: UnitOfWork) -> Gym:
    return seed_gym(uow)


def test_branch_and_rules_round_trip(uow: UnitOfWork, gym: Gym) -> None:
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


def test_staff_found_by_username_in_any_case(uow: UnitOfWork, gym: Gym) -> None:
    with uow.reading():
        assert uow.staff.by_username("LAYLA") == gym.staff
        assert uow.staff.get(gym.staff.id) == gym.staff
        assert uow.staff.list(gym.branch.id) == [gym.staff]
        assert uow.staff.by_username("nobody") is None


def test_customer_round_trip_keeps_every_field(uow: UnitOfWork, gym: Gym) -> None:
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


def test_naive_datetime_is_refused_and_nothing_is_written(uow: UnitOfWork, gym: Gym) -> None:
    naive = make_customer(99, gym.branch.id, at=datetime(2026, 11, 21, 9, 0))
    with uow, pytest.raises(Exception, match="Naive datetime"):
        uow.customers.add(naive)
    with uow.reading():
        assert uow.customers.by_member_no(99) is None


def test_money_is_exact_and_floats_are_refused(uow: UnitOfWork, gym: Gym) -> None:
    with uow.reading():
        pack = uow.subscriptions.get(gym.pack.id)
        service = uow.services.get(gym.service.id)
    assert pack is not None and service is not None
    assert pack.amount == Decimal("1200.50") and str(pack.amount) == "1200.50"
    assert str(service.price) == "1200.50"
    cheap = Service(new_id(), "Day pass", ServiceKind.MONTHLY, 0.1 + 0.2, duration_months=1)  # type: ignore[arg-type]
    with uow, pytest.raises(Exception, match="float"):
        uow.services.add(cheap)


def test_get_many_keeps_the_order_asked_and_skips_unknown(uow: UnitOfWork, gym: Gym) -> None:
    with uow:
        others = [make_customer(uow.customers.next_member_no(), gym.branch.id, name=f"Member {i}") for i in range(3)]
        uow.customers.add_many(others)
        uow.commit()
    wanted = [others[2].id, new_id(), gym.customer.id, others[0].id]
    with uow.reading():
        got = uow.customers.get_many(wanted)
    assert [c.id for c in got] == [others[2].id, gym.customer.id, others[0].id]


def test_card_lookup_and_revoked_cards(uow: UnitOfWork, gym: Gym) -> None:
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


def _search(uow: UnitOfWork, query: str, branch_id: object = None) -> list[str]:
    with uow.reading():
        ids = uow.customers.search_ids(query_tokens(query), branch_id=branch_id, limit=20)  # type: ignore[arg-type]
        return [c.full_name for c in uow.customers.get_many(ids)]


def test_search_by_name_part_arabic_variant_phone_member_no_and_code(uow: UnitOfWork, gym: Gym) -> None:
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


def test_search_follows_a_renamed_customer(uow: UnitOfWork, gym: Gym) -> None:
    with uow:
        uow.customers.update(replace(gym.customer, full_name="Somaya Hassan"))
        uow.commit()
    assert _search(uow, "salem") == []
    assert _search(uow, "somaya") == ["Somaya Hassan"]


def test_unique_member_no_and_card_surface_as_storage_errors(uow: UnitOfWork, gym: Gym) -> None:
    twin = replace(make_customer(gym.customer.member_no, gym.branch.id, name="Twin"), qr_code="GYM-1-0000AAAA")
    with uow, pytest.raises(StorageError, match="member number is already taken"):
        uow.customers.add(twin)
    same_card = replace(make_customer(500, gym.branch.id), qr_code=gym.customer.qr_code)
    with uow, pytest.raises(StorageError, match="card code already belongs"):
        uow.customers.add(same_card)


def _visit(uow: UnitOfWork, gym: Gym) -> int | None:
    balance = uow.subscriptions.deduct_one(gym.pack.id)
    if balance is not None:
        entry = LedgerEntry(new_id(), gym.pack.id, LedgerKind.VISIT, -1, NOW, staff_id=gym.staff.id)
        uow.subscriptions.add_ledger(entry)
    return balance


def test_deduct_to_zero_then_refused_and_ledger_matches(uow: UnitOfWork) -> None:
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


def test_credit_adds_back_and_never_goes_below_zero(uow: UnitOfWork, gym: Gym) -> None:
    with uow:
        assert uow.subscriptions.credit(gym.pack.id, 1) == 13
        assert uow.subscriptions.credit(gym.pack.id, -13) == 0
        with pytest.raises(NotAllowed):
            uow.subscriptions.credit(gym.pack.id, -1)
        uow.commit()
    with uow.reading():
        assert uow.subscriptions.get(gym.pack.id).remaining == 0  # type: ignore[union-attr]


def test_update_changes_dates_and_status_but_never_the_balance(uow: UnitOfWork, gym: Gym) -> None:
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


def test_for_customer_lists_newest_start_first(uow: UnitOfWork, gym: Gym) -> None:
    renewal = replace(make_pack(gym.customer, gym.service, 12), start_date=date(2027, 2, 1), end_date=date(2027, 4, 30))
    with uow:
        uow.subscriptions.add(renewal)
        uow.commit()
    with uow.reading():
        assert [s.id for s in uow.subscriptions.for_customer(gym.customer.id)] == [renewal.id, gym.pack.id]


def test_attendance_ranges_limits_and_single_reversal(uow: UnitOfWork, gym: Gym) -> None:
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


def test_access_log_keeps_reasons_newest_first(uow: UnitOfWork, gym: Gym) -> None:
    replaced = Reason("revoked", "Card replaced on 20 Nov 2026; use the new card", {"when": date(2026, 11, 20)})
    expired = Reason("expired", "Expired on 30 Nov 2026", {"end": date(2026, 11, 30)})
    denied = AccessLogEntry(new_id(), "GYM-1-DEADBEEF", False, (replaced, expired),
                            gym.branch.id, NOW, customer_id=gym.customer.id, staff_id=gym.staff.id)
    repeat = Reason("repeat_visit", "Checked in at 12:01: a repeat scan records no second visit",
                    {"at": NOW + timedelta(minutes=1)})
    allowed = AccessLogEntry(new_id(), gym.customer.qr_code, True, (repeat,), gym.branch.id, NOW + timedelta(minutes=1),
                             override_by=gym.staff.id, override_reason="manager said so")
    with uow:
        uow.access_log.add(denied)
        uow.access_log.add(allowed)
        uow.commit()
    with uow.reading():
        assert uow.access_log.query(branch_id=gym.branch.id) == [allowed, denied]
        assert uow.access_log.query(limit=1) == [allowed]
        assert uow.access_log.query(limit=1, offset=1) == [denied]
        assert uow.access_log.query(end=NOW + timedelta(minutes=1)) == [denied]
        # Filed by the first reason's code, with the facts a translation needs kept as dates and times.
        back = uow.access_log.query(reason="revoked")
        assert back == [denied] and back[0].reason == "revoked"
        assert [dict(r.params) for r in back[0].reasons] == [{"when": date(2026, 11, 20)}, {"end": date(2026, 11, 30)}]
        assert dict(uow.access_log.query(allowed=True)[0].reasons[0].params) == {"at": NOW + timedelta(minutes=1)}
        assert uow.access_log.query(reason="expired") == []  # a second reason does not file the row
        assert uow.access_log.query(overridden=True) == [allowed]
        assert uow.access_log.query(overridden=False, allowed=False) == [denied]
        assert uow.access_log.count() == 2 and uow.access_log.count(allowed=False, reason="revoked") == 1
        assert uow.access_log.count(customer_id=gym.customer.id) == 1


def test_payments_receipts_and_day_query(uow: UnitOfWork, gym: Gym) -> None:
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


def test_counters_never_hand_out_the_same_number_twice(storage: Storage, gym: Gym) -> None:
    uow = storage.uow
    taken: list[int] = []
    lock = threading.Lock()

    def desk() -> None:
        for _ in range(10):
            with storage.another() as own:
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


def test_leaving_without_commit_writes_nothing(uow: UnitOfWork, gym: Gym) -> None:
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


def test_staff_and_catalogue_come_in_their_order(uow: UnitOfWork, gym: Gym) -> None:
    owner = Staff(new_id(), "adel", "Adel Owner", Role.OWNER, None, "$argon2id$fake", True)
    twin = Staff(new_id(), "layla2", "Layla Desk", Role.MANAGER, gym.branch.id, "$argon2id$fake", True)
    coins = Service(new_id(), "Swimming 10 coins", ServiceKind.COINS, Decimal("300"), units=10, validity_months=2)
    month = Service(new_id(), "Monthly", ServiceKind.MONTHLY, Decimal("450.00"), duration_months=1)
    retired = Service(new_id(), "Annual", ServiceKind.MONTHLY, Decimal("4000"), duration_months=12, is_active=False)
    with uow:
        for member in (twin, owner):
            uow.staff.add(member)
        for service in (retired, month, coins):
            uow.services.add(service)
        uow.commit()
    with uow.reading():
        assert [s.username for s in uow.staff.list()] == ["adel", "layla", "layla2"]  # by name, then username
        assert [s.username for s in uow.staff.list(gym.branch.id)] == ["layla", "layla2"]
        assert [s.name for s in uow.services.list()] == ["Swimming 10 coins", "Annual", "Monthly", "12 sessions"]
        assert [s.name for s in uow.services.list(active_only=True)] == ["Swimming 10 coins", "Monthly",
                                                                         "12 sessions"]
        assert uow.services.get(coins.id).price == Decimal("300.00")  # type: ignore[union-attr]


def test_customers_page_by_member_number_and_count_per_branch(uow: UnitOfWork, gym: Gym) -> None:
    other = replace(gym.branch, id=new_id(), number=2, name="Maadi")
    with uow:
        uow.branches.add(other)
        first = uow.customers.reserve_member_nos(4)
        people = [make_customer(first + i, other.id if i % 2 else gym.branch.id, name=f"Member {i}")
                  for i in range(4)]
        uow.customers.add_many(list(reversed(people)))
        uow.commit()
    with uow.reading():
        assert [c.member_no for c in uow.customers.page(branch_id=None, limit=3, offset=1)] == [2, 3, 4]
        assert [c.member_no for c in uow.customers.page(branch_id=other.id, limit=10, offset=0)] == [3, 5]
        assert uow.customers.count() == 5 and uow.customers.count(other.id) == 2
        assert [b.number for b in uow.branches.list()] == [1, 2]
    assert _search(uow, "member", branch_id=other.id) == ["Member 1", "Member 3"]


def test_receipt_numbers_are_reserved_in_blocks(uow: UnitOfWork, gym: Gym) -> None:
    with uow:
        assert uow.payments.reserve_receipt_nos(10) == 1
        assert uow.payments.next_receipt_no() == 11
        uow.commit()
    with uow:
        assert uow.payments.reserve_receipt_nos(2) == 12
        with pytest.raises(ValueError):
            uow.payments.reserve_receipt_nos(0)


def test_another_desk_sees_only_what_was_committed(storage: Storage, gym: Gym) -> None:
    desk, other = storage.uow, storage.another()
    with desk:
        desk.customers.update(replace(gym.customer, full_name="Somaya Hassan"))
        with other.reading():
            assert other.customers.get(gym.customer.id) == gym.customer  # not yet committed
        desk.commit()
    with other.reading():
        assert other.customers.get(gym.customer.id).full_name == "Somaya Hassan"  # type: ignore[union-attr]


def _scan_row(gym: Gym, minutes: int = 0) -> AccessLogEntry:
    return AccessLogEntry(new_id(), gym.customer.qr_code, True, (), gym.branch.id, NOW + timedelta(minutes=minutes),
                          customer_id=gym.customer.id)


def _visit_row(gym: Gym, minutes: int = 0) -> Attendance:
    return Attendance(new_id(), gym.customer.id, gym.branch.id, NOW + timedelta(minutes=minutes),
                      AttendanceAction.CHECK_IN_WITH_DEDUCTION, subscription_id=gym.pack.id)


def test_a_savepoint_undoes_only_its_part(uow: UnitOfWork, gym: Gym) -> None:
    scan, visit, kept = _scan_row(gym), _visit_row(gym), _visit_row(gym, 1)
    with uow:
        with pytest.raises(NotAllowed), uow.savepoint():
            uow.attendance.add(visit)
            assert _visit(uow, gym) == 11
            uow.subscriptions.credit(gym.pack.id, -50)  # refused: the check-in is undone with it
        with uow.savepoint():
            uow.attendance.add(kept)
        uow.access_log.add(scan)  # the scan's audit row stays
        uow.commit()
    with uow.reading():
        assert uow.access_log.query() == [scan]
        assert uow.attendance.get(visit.id) is None and uow.attendance.get(kept.id) == kept
        assert uow.subscriptions.get(gym.pack.id).remaining == 12  # type: ignore[union-attr]
        assert uow.subscriptions.ledger(gym.pack.id) == []


def test_enclosing_turns_inner_transactions_into_savepoints(uow: UnitOfWork, gym: Gym) -> None:
    record = OperationRecord(new_id(), "CheckIn", "hash", "{}", 0, gym.staff.id, "Desk 1", NOW)
    visit, refused = _visit_row(gym), _visit_row(gym, 1)
    with uow.enclosing():
        assert uow.operations.claim(record)
        with uow:
            uow.attendance.add(visit)
            uow.commit()  # releases the savepoint: still not durable
        with pytest.raises(RuntimeError), uow:
            uow.attendance.add(refused)
            raise RuntimeError("the service refused")
        with uow:
            uow.access_log.add(_scan_row(gym))  # left without commit(): undone alone
        with uow.reading():
            assert uow.attendance.get(visit.id) == visit and uow.attendance.get(refused.id) is None
        uow.operations.finish(record.id, status=201, reply='{"ok": true}')
    with uow.reading():
        assert uow.operations.get(record.id) is None and uow.attendance.get(visit.id) is None  # never committed
    with uow.enclosing():
        assert uow.operations.claim(record)  # the id is free again
        with uow:
            uow.attendance.add(visit)
            uow.commit()
        uow.operations.finish(record.id, status=201, reply='{"ok": true}')
        uow.commit()
    with uow.reading():
        assert uow.operations.get(record.id) == replace(record, status=201, reply='{"ok": true}')
        assert uow.attendance.get(visit.id) == visit and uow.access_log.query() == []


def test_enclosing_without_savepoints_joins_inner_transactions_whole(uow: UnitOfWork, gym: Gym) -> None:
    """The server's write path: the command's blocks join the one transaction, whose commit keeps them all and
    whose rollback (a refusal) takes them all back, even a block that "committed"."""
    record = OperationRecord(new_id(), "CheckIn", "hash", "{}", 0, gym.staff.id, "Desk 1", NOW)
    visit, second = _visit_row(gym), _visit_row(gym, 1)
    with uow.enclosing(savepoints=False):
        assert uow.operations.claim(record)
        with uow:
            uow.attendance.add(visit)
            uow.commit()  # no savepoint to release: nothing durable yet
        with uow.reading():
            assert uow.attendance.get(visit.id) == visit
    with uow.reading():  # left without commit(): rolled back whole
        assert uow.operations.get(record.id) is None and uow.attendance.get(visit.id) is None
    with uow.enclosing(savepoints=False):
        assert uow.operations.claim(record)
        with uow:
            uow.attendance.add(visit)
        with uow:
            uow.attendance.add(second)
            uow.commit()
        uow.operations.finish(record.id, status=201, reply='{"ok": true}')
        uow.commit()
    with uow.reading():
        assert uow.attendance.get(visit.id) == visit and uow.attendance.get(second.id) == second
        assert uow.operations.get(record.id) == replace(record, status=201, reply='{"ok": true}')


def test_an_operation_is_claimed_once(storage: Storage, gym: Gym) -> None:
    uow, other = storage.uow, storage.another()
    record = OperationRecord(new_id(), "Register", "h1", "{}", 0, None, "", NOW)
    answers: list[bool] = []
    with uow:
        assert uow.operations.claim(record) is True
        waiting = threading.Thread(target=lambda: answers.append(_claim(other, record)))
        waiting.start()
        time.sleep(0.3)  # the second claim waits for this transaction
        assert answers == []
        uow.operations.finish(record.id, status=201, reply="{}")
        uow.commit()
    waiting.join(30)
    assert answers == [False]  # a replay, answered from the stored reply
    with uow.reading():
        assert uow.operations.get(record.id).status == 201  # type: ignore[union-attr]


def _claim(uow: UnitOfWork, record: OperationRecord) -> bool:
    with uow:
        claimed = uow.operations.claim(record)
        uow.commit()
    return claimed


def test_a_member_lock_makes_a_second_writer_wait(storage: Storage, gym: Gym) -> None:
    first, second = storage.uow, storage.another()
    order: list[str] = []
    entered = threading.Event()

    def later() -> None:
        entered.wait(10)
        with second:
            assert second.customers.lock(gym.customer.id) == gym.customer
            order.append("second")
            second.commit()

    other = threading.Thread(target=later)
    other.start()
    with first:
        assert first.customers.lock(gym.customer.id) == gym.customer
        entered.set()
        time.sleep(0.4)  # the other desk is trying to write for the same member meanwhile
        order.append("first")
        first.commit()
    other.join(30)
    assert order == ["first", "second"]
    with first:
        assert first.customers.lock(new_id()) is None


def test_desks_deducting_at_once_take_exactly_the_balance(storage: Storage, gym: Gym) -> None:
    balances: list[int | None] = []
    start = threading.Barrier(4)

    def desk() -> None:
        own = storage.another()
        start.wait(10)
        for _ in range(5):
            with own:
                balance = own.subscriptions.deduct_one(gym.pack.id)
                own.commit()
            balances.append(balance)

    threads = [threading.Thread(target=desk) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted((b for b in balances if b is not None), reverse=True) == list(range(11, -1, -1))
    assert balances.count(None) == 8
    with storage.uow.reading():
        assert storage.uow.subscriptions.get(gym.pack.id).remaining == 0  # type: ignore[union-attr]


def test_sessions_refresh_tokens_and_secrets(uow: UnitOfWork, gym: Gym) -> None:
    session = StaffSession(new_id(), gym.staff.id, "Desk 1", NOW.astimezone(CAIRO))
    token = RefreshToken("ab" * 32, session.id, NOW, NOW + timedelta(days=30))
    with uow:
        uow.sessions.open(session)
        uow.sessions.add_refresh(token)
        assert uow.sessions.secret("access", "first") == "first"
        uow.commit()
    with uow:
        assert uow.sessions.secret("access", "second") == "first"  # stored once, on first start
        uow.sessions.mark_used(token.token_hash, NOW + timedelta(minutes=1))
        uow.sessions.mark_used(token.token_hash, NOW + timedelta(minutes=2))  # the first use counts
        uow.sessions.revoke(session.id, NOW + timedelta(hours=1))
        uow.sessions.revoke(session.id, NOW + timedelta(hours=2))
        uow.commit()
    with uow:
        assert uow.sessions.get(session.id) == replace(session, created_at=NOW, revoked_at=NOW + timedelta(hours=1))
        assert uow.sessions.refresh_token(token.token_hash, lock=True) == replace(
            token, used_at=NOW + timedelta(minutes=1))
        assert uow.sessions.refresh_token("cd" * 32) is None and uow.sessions.get(new_id()) is None


def test_login_failures_count_since_the_latest_success(uow: UnitOfWork, gym: Gym) -> None:
    desk_a, desk_b = new_id(), new_id()
    tries = [("layla", desk_a, 0, False), ("layla", desk_a, 1, True), ("layla", desk_b, 2, False),
             ("?", desk_a, 3, False), ("layla", desk_b, 4, False), ("omar", desk_b, 5, False)]
    with uow:
        for name, desk, minutes, ok in tries:
            uow.login_attempts.add(LoginAttempt(new_id(), name, desk, NOW + timedelta(minutes=minutes), ok))
        uow.commit()
    with uow.reading():
        failures = uow.login_attempts.failures
        assert failures(since=NOW, username="layla") == [NOW + timedelta(minutes=2), NOW + timedelta(minutes=4)]
        assert failures(since=NOW, desk_id=desk_a) == [NOW + timedelta(minutes=3)]
        later = NOW + timedelta(minutes=3)
        assert failures(since=later, desk_id=desk_b) == [NOW + timedelta(minutes=m) for m in (4, 5)]
        with pytest.raises(ValueError):
            failures(since=NOW)
