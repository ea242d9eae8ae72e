"""Branch desks against the real server over PostgreSQL, through a proxy that breaks the line: every scenario
does real desk work and ends with nothing lost, nothing twice and every replica equal to the server."""

from __future__ import annotations

import json
import uuid

import pytest
import sqlalchemy as sa

from reception.domain.sync import IssueKind
from reception.repository.sql.tables import attendance, outbox
from tests.sync.checks import assert_converged, balance_of, check_in, desk_of, engine_of, pack_members, waiting
from tests.sync.conftest import Chain

pytestmark = [pytest.mark.server, pytest.mark.postgres]


def visits_of(app: object, customer_id: uuid.UUID) -> int:
    with engine_of(app).connect() as connection:
        return int(connection.execute(sa.select(sa.func.count()).select_from(attendance)
                                      .where(attendance.c.customer_id == customer_id)).scalar_one())


def test_a_desk_works_offline_and_sync_brings_its_changes_to_the_server_and_the_other_branch(chain: Chain) -> None:
    members = pack_members(chain.server, 1, 6, units=10)
    one, two = chain.desk("north", 1), chain.desk("south", 2)
    chain.proxy.partition(True)
    desk = desk_of(one.app, "desk1")
    for member in members:
        check_in(one.app, desk, member.qr_code)
    registered = one.app.customers.register(desk, full_name="Salma Hany", phone="01011112222")
    report = one.sync()
    assert not report.ok and "cannot be reached" in report.error
    status = one.status()
    assert status.line(one.app.clock.now()).startswith("Offline since ")
    assert status.waiting == 7 and "7 changes waiting" in status.line(one.app.clock.now())
    chain.proxy.partition(False)
    assert one.sync().ok and two.sync().ok
    assert one.status().line(one.app.clock.now()).startswith("Online · synced ")
    for member in members:
        assert visits_of(chain.server, member.id) == 1
    # The other branch finds the member registered at the first one, by name, while offline again.
    chain.proxy.partition(True)
    found = two.app.customers.search(desk_of(two.app, "desk2"), "Salma Hany")
    assert [c.id for c in found] == [registered.id]
    assert 1 <= registered.member_no - 0 and registered.member_no not in {m.member_no for m in members}
    chain.proxy.partition(False)
    assert_converged(chain.server, [one, two])


def test_a_reply_lost_after_the_server_committed_is_pushed_again_and_applied_once(chain: Chain) -> None:
    members = pack_members(chain.server, 1, 3, units=5)
    one = chain.desk("north", 1)
    desk = desk_of(one.app, "desk1")
    for member in members:
        check_in(one.app, desk, member.qr_code)
    chain.proxy.drop_replies(1)  # the push: applied on the server, the desk never hears of it
    assert not one.sync().ok
    assert waiting(one.app) == 3
    for member in members:
        assert visits_of(chain.server, member.id) == 1
    assert one.sync().ok
    for member in members:
        assert visits_of(chain.server, member.id) == 1
        assert balance_of(chain.server, member.id) == 4
    with engine_of(one.app).connect() as connection:
        results = [json.loads(r) for r in connection.execute(sa.select(outbox.c.result)).scalars()]
    assert {r["outcome"] for r in results} == {"already"}
    assert_converged(chain.server, [one])


def test_a_duplicated_batch_is_applied_once(chain: Chain) -> None:
    members = pack_members(chain.server, 1, 4, units=5)
    one = chain.desk("north", 1)
    desk = desk_of(one.app, "desk1")
    for member in members:
        check_in(one.app, desk, member.qr_code)
    chain.proxy.duplicate_requests(1)
    assert one.sync().ok
    assert chain.proxy.stats()["requests_duplicated"] == 1
    for member in members:
        assert visits_of(chain.server, member.id) == 1
    assert_converged(chain.server, [one])


def test_old_batches_arriving_again_late_and_in_reverse_order_change_nothing(
        chain: Chain, monkeypatch: pytest.MonkeyPatch) -> None:
    """The network keeps copies of a desk's first three batches and delivers them after newer ones, newest
    first, while both branches work: each operation is applied once, in the desk's order, and no sync issue is
    made (a late old batch is not a gap)."""
    from reception.sync import agent

    monkeypatch.setattr(agent, "PUSH_BATCH", 3)  # eight operations at first: batches of 3, 3 and 2
    north, south = pack_members(chain.server, 1, 10, units=5), pack_members(chain.server, 2, 3, units=5)
    one, two = chain.desk("north", 1), chain.desk("south", 2)
    desk_one, desk_two = desk_of(one.app, "desk1"), desk_of(two.app, "desk2")
    for member in north[:7]:
        check_in(one.app, desk_one, member.qr_code)
    nadia = one.app.customers.register(desk_one, full_name="Nadia Fathy", phone="01022223333")
    chain.proxy.keep_for_replay(3, "/api/sync/push")
    assert one.sync().ok and waiting(one.app) == 0
    for member in south:
        check_in(two.app, desk_two, member.qr_code)
    for member in north[7:]:
        check_in(one.app, desk_one, member.qr_code)
    one.app.customers.update(desk_one, nadia.id, phone="01099998888")  # her registration is in a kept batch
    assert one.sync().ok and two.sync().ok
    assert chain.proxy.replay_kept() == 3  # seq 7-8, then 4-6, then 1-3 reach the server again
    device_id = uuid.UUID(one.app.replica.state()["device_id"])

    def last_applied() -> int:
        return next(d for d in chain.server.sync_server.devices() if d.id == device_id).last_seq

    assert last_applied() == 12  # the server still counts the desk's twelve operations as applied
    assert one.sync().ok and two.sync().ok and one.sync().ok
    for member in north + south:
        assert visits_of(chain.server, member.id) == 1 and balance_of(chain.server, member.id) == 4
    with chain.server.uow.reading() as uow:
        assert uow.customers.get(nadia.id).phone == "01099998888"  # the late registration did not undo the edit
    assert chain.server.sync_server.issues() == []
    assert last_applied() == 12
    assert_converged(chain.server, [one, two])


def test_the_server_down_then_back_loses_nothing(chain: Chain) -> None:
    members = pack_members(chain.server, 1, 3, units=5)
    one = chain.desk("north", 1)
    desk = desk_of(one.app, "desk1")
    from tests.server.conftest import stop

    stop(chain.process)
    for member in members:
        check_in(one.app, desk, member.qr_code)
    report = one.sync()
    assert not report.ok and waiting(one.app) == 3
    chain.restart_server()
    assert one.sync().ok
    assert_converged(chain.server, [one])


def test_a_server_failing_with_500_then_answering_loses_nothing_and_applies_everything_once(chain: Chain) -> None:
    """A 500 before the server saw the push (nothing done), then a 500 after it applied one (the desk is told it
    failed), while both branches check members in: each desk keeps its queue, tries again, and every visit is
    on the server once, with no sync issue."""
    north, south = pack_members(chain.server, 1, 4, units=5), pack_members(chain.server, 2, 2, units=5)
    one, two = chain.desk("north", 1), chain.desk("south", 2)
    desk_one, desk_two = desk_of(one.app, "desk1"), desk_of(two.app, "desk2")
    for member in north[:2]:
        check_in(one.app, desk_one, member.qr_code)
    for member in south:
        check_in(two.app, desk_two, member.qr_code)
    chain.proxy.fail_requests(2)  # each desk's push is answered 500 before the server sees it
    for branch_desk in (one, two):
        report = branch_desk.sync()
        assert not report.ok and report.error_code == "server_failed" and "500" in report.error
        assert waiting(branch_desk.app) == 2
    for member in north[:2] + south:
        assert visits_of(chain.server, member.id) == 0
    for member in north[2:]:
        check_in(one.app, desk_one, member.qr_code)
    chain.proxy.fail_requests(1, after_server=True)  # the push is applied; the desk hears "500"
    report = one.sync()
    assert not report.ok and report.error_code == "server_failed" and waiting(one.app) == 4
    for member in north:
        assert visits_of(chain.server, member.id) == 1
    assert one.sync().ok and two.sync().ok and one.sync().ok
    for member in north + south:
        assert visits_of(chain.server, member.id) == 1 and balance_of(chain.server, member.id) == 4
    assert chain.server.sync_server.issues() == []
    assert chain.proxy.stats()["requests_failed"] == 3
    assert_converged(chain.server, [one, two])


def test_an_operation_the_server_cannot_apply_is_kept_reported_and_the_ones_after_it_still_apply(
        chain: Chain) -> None:
    members = pack_members(chain.server, 1, 3, units=5)
    one = chain.desk("north", 1)
    desk = desk_of(one.app, "desk1")
    check_in(one.app, desk, members[0].qr_code)
    with engine_of(one.app).begin() as connection:  # a damaged operation in the queue, between good ones
        seq = connection.execute(sa.select(sa.func.max(outbox.c.seq))).scalar_one() + 1
        connection.execute(sa.insert(outbox).values(
            seq=seq, operation_id=uuid.uuid4(), kind="CheckIn", staff_id=None, at=one.app.clock.now(), version=1,
            body=json.dumps({"effects": [{"t": "attendance", "row": {"id": "not-a-uuid"}, "changed": ["id"],
                                          "new": True}]})))
    for member in members[1:]:
        check_in(one.app, desk, member.qr_code)
    assert one.sync().ok
    for member in members:
        assert visits_of(chain.server, member.id) == 1
    kept = [i for i in chain.server.sync_server.issues() if i.kind is IssueKind.MALFORMED]
    assert len(kept) == 1 and "not-a-uuid" in json.dumps(kept[0].details)
    assert len(one.status().issues) == 1  # the desk shows it too
    with engine_of(one.app).connect() as connection:
        outcomes = [json.loads(r)["outcome"] for r in connection.execute(
            sa.select(outbox.c.result).order_by(outbox.c.seq)).scalars()]
    assert outcomes == ["applied", "kept", "applied", "applied"]


def test_two_branches_taking_the_last_session_offline_make_one_overdraft_issue(chain: Chain) -> None:
    (member,) = pack_members(chain.server, 1, 1, units=1)
    one, two = chain.desk("north", 1), chain.desk("south", 2)
    chain.proxy.partition(True)
    check_in(one.app, desk_of(one.app, "desk1"), member.qr_code)
    from dataclasses import replace

    owner_two = desk_of(two.app, "owner")
    owner_two = replace(owner_two, branch=next(b for b in two.app.catalogue.branches() if b.number == 1))
    check_in(two.app, owner_two, member.qr_code)  # the owner at the other desk, both offline, both allowed
    chain.proxy.partition(False)
    assert one.sync().ok and two.sync().ok and one.sync().ok
    assert balance_of(chain.server, member.id) == -1
    overdrafts = [i for i in chain.server.sync_server.issues() if i.kind is IssueKind.OVERDRAFT]
    assert len(overdrafts) == 1
    assert overdrafts[0].details["balance"] == -1 and len(overdrafts[0].details["visits"]) == 2
    assert "sell a pack or correct it with a reason" in overdrafts[0].words
    assert_converged(chain.server, [one, two])


def test_a_card_regenerated_at_one_branch_is_denied_at_the_other_once_pulled_and_its_offline_use_is_an_issue(
        chain: Chain) -> None:
    (member,) = pack_members(chain.server, 2, 1, units=5)
    one, two, three = chain.desk("north", 1), chain.desk("south", 2), chain.desk("east", 3)
    old_code = member.qr_code
    chain.proxy.partition(True)
    owner_one = desk_of(one.app, "owner")
    one.app.customers.regenerate_card(owner_one, member.id)
    chain.proxy.partition(False)
    assert one.sync().ok
    assert two.sync().ok
    assert not two.app.desk.scan(desk_of(two.app, "desk2"), old_code).decision.allowed  # pulled: the old card is refused
    # The third desk was offline when the card changed; it let the old card in.
    chain.proxy.partition(True)
    from dataclasses import replace

    owner_three = desk_of(three.app, "owner")
    owner_three = replace(owner_three, branch=next(b for b in three.app.catalogue.branches() if b.number == 2))
    assert three.app.desk.scan(owner_three, old_code).decision.allowed
    chain.proxy.partition(False)
    assert three.sync().ok
    used = [i for i in chain.server.sync_server.issues() if i.kind is IssueKind.REVOKED_CARD_USED]
    assert len(used) == 1 and used[0].details["code"] == old_code
    assert one.sync().ok and two.sync().ok
    assert_converged(chain.server, [one, two, three])


def test_two_windows_on_one_replica_number_their_operations_without_a_gap_or_a_clash(chain: Chain) -> None:
    from reception.bootstrap import open_app

    members = pack_members(chain.server, 1, 6, units=5)
    one = chain.desk("north", 1)
    second = open_app(one.url)
    try:
        for index, member in enumerate(members):
            app = one.app if index % 2 == 0 else second
            check_in(app, desk_of(app, "desk1"), member.qr_code)
    finally:
        second.close()
    with engine_of(one.app).connect() as connection:
        seqs = list(connection.execute(sa.select(outbox.c.seq).order_by(outbox.c.seq)).scalars())
    assert seqs == list(range(1, 7))
    assert one.sync().ok
    assert_converged(chain.server, [one])


def test_the_command_line_works_on_the_replica_and_its_changes_sync(chain: Chain) -> None:
    (member,) = pack_members(chain.server, 1, 1, units=5)
    one = chain.desk("north", 1)
    one.close()
    chain.proxy.partition(True)
    done = one.cli("verify", member.qr_code, "--deduct", "--json")
    assert json.loads(done.stdout)["subscription"]["remaining_sessions"] == 4
    offline = one.cli("sync", "--json", check=False)
    assert offline.returncode == 2 and json.loads(offline.stdout)["waiting"] == 1
    chain.proxy.partition(False)
    online = json.loads(one.cli("sync", "--json").stdout)
    assert online["waiting"] == 0 and online["error"] == "" and online["pushed"] == 1
    assert visits_of(chain.server, member.id) == 1
    one.open()
    assert_converged(chain.server, [one])


def test_a_long_partition_with_both_branches_busy_converges_once_healed(chain: Chain) -> None:
    from decimal import Decimal

    from reception.domain.models import PaymentMethod
    from tests.server.helpers import set_repeat_window

    set_repeat_window(chain.server, 1, 0)  # every check-in a visit, as a class's members coming back
    members = pack_members(chain.server, 1, 20, units=30)
    one, two = chain.desk("north", 1), chain.desk("south", 2)
    chain.proxy.partition(True)
    made: dict[str, int] = {}
    for desk_app, username, name in ((one.app, "desk1", "north"), (two.app, "owner", "south")):
        from dataclasses import replace

        desk = desk_of(desk_app, username)
        desk = replace(desk, branch=next(b for b in desk_app.catalogue.branches() if b.number == 1))
        service = next(s for s in desk_app.catalogue.services(active_only=True) if s.units)
        for index in range(180):
            check_in(desk_app, desk, members[index % 20].qr_code)
        for index in range(12):
            person = desk_app.customers.register(desk, full_name=f"{name.title()} Member {index}",
                                                 phone=f"0101{index:03d}{len(name):04d}", shared_phone_ok=True)
            desk_app.subscriptions.activate(desk, person.id, service.id, payment_method=PaymentMethod.CASH,
                                            amount=Decimal(service.price))
        made[name] = 180 + 12 * 2
    assert waiting(one.app) >= 200 and waiting(two.app) >= 200
    chain.proxy.partition(False)
    for _ in range(2):
        assert one.sync().ok and two.sync().ok
    for member in members:
        assert visits_of(chain.server, member.id) == 18
    numbers = [c.member_no for c in chain.server.customers.search(desk_of(chain.server, "owner"), "Member")
               if c.full_name.startswith(("North Member", "South Member"))]
    assert len(numbers) == 24 and len(set(numbers)) == 24  # blocks: no number handed out twice
    assert_converged(chain.server, [one, two])


def test_each_branch_desk_numbers_its_receipts_in_a_series_of_its_own_and_none_is_handed_out_twice(
        chain: Chain) -> None:
    from dataclasses import replace
    from datetime import timedelta
    from decimal import Decimal

    from reception.domain.models import PaymentMethod

    one, two = chain.desk("north", 1), chain.desk("south", 2)
    chain.proxy.partition(True)
    labels: dict[str, list[str]] = {}
    for desk_app, username, name in ((one.app, "desk1", "north"), (two.app, "owner", "south")):
        desk = desk_of(desk_app, username)
        desk = replace(desk, branch=next(b for b in desk_app.catalogue.branches() if b.number == 1))
        service = next(s for s in desk_app.catalogue.services(active_only=True) if s.units)
        for index in range(3):
            person = desk_app.customers.register(desk, full_name=f"{name.title()} Buyer {index}",
                                                 phone=f"0102{index:03d}{len(name):04d}", shared_phone_ok=True)
            sold = desk_app.subscriptions.activate(desk, person.id, service.id, payment_method=PaymentMethod.CASH,
                                                   amount=Decimal(service.price))
            labels.setdefault(name, []).append(sold.receipt.receipt_label)
    series = {name: {label.split("-")[0] for label in made} for name, made in labels.items()}
    assert all(len(found) == 1 for found in series.values()) and series["north"] != series["south"], labels
    for made in labels.values():  # each desk's series counts from its first receipt, offline as online
        assert [label.split("-")[1] for label in made] == ["000001", "000002", "000003"], labels
    chain.proxy.partition(False)
    for _ in range(2):
        assert one.sync().ok and two.sync().ok
    owner = desk_of(chain.server, "owner")
    now = chain.server.clock.now()
    report = chain.server.reports.shift_report(owner, now - timedelta(days=1), now + timedelta(days=1), None)
    on_server = [line.receipt_label for line in report.payments if "Buyer" in line.member_name]
    assert sorted(on_server) == sorted(labels["north"] + labels["south"])
    assert_converged(chain.server, [one, two])


def test_desk_clocks_two_hours_off_and_one_jumping_back_lose_nothing_and_keep_their_order(chain: Chain) -> None:
    from datetime import UTC, datetime, timedelta

    from tests.conftest import FakeClock

    from zoneinfo import ZoneInfo

    members = pack_members(chain.server, 1, 6, units=10)  # their packs start on the branch's today
    cairo = ZoneInfo("Africa/Cairo")
    # Noon on the branch's today, so two hours either way (and one more back) stays on the packs' first
    # day whatever the hour the test runs: a desk whose clock read yesterday would rightly refuse them.
    noon = datetime.now(cairo).replace(hour=12, minute=0, second=0, microsecond=0).astimezone(UTC)
    ahead = FakeClock(noon + timedelta(hours=2))
    behind = FakeClock(noon - timedelta(hours=2))
    one, two = chain.desk("north", 1, clock=ahead), chain.desk("south", 1, clock=behind)
    for member in members[:3]:
        check_in(one.app, desk_of(one.app, "desk1"), member.qr_code)
    check_in(two.app, desk_of(two.app, "desk1"), members[3].qr_code)
    behind.advance(hours=-1)  # the clock is set back while the desk works
    for member in members[4:]:
        check_in(two.app, desk_of(two.app, "desk1"), member.qr_code)
    assert one.sync().ok and two.sync().ok and one.sync().ok
    for member in members:
        assert visits_of(chain.server, member.id) == 1
    with engine_of(two.app).connect() as connection:
        order = [(row.seq, row.at) for row in connection.execute(sa.select(outbox.c.seq, outbox.c.at)
                                                                  .order_by(outbox.c.seq))]
    assert [seq for seq, _ in order] == [1, 2, 3] and order[1][1] < order[0][1]  # order is the sequence's
    assert_converged(chain.server, [one, two])


def test_a_full_disk_refuses_the_change_whole_and_the_desk_carries_on_once_there_is_room(chain: Chain) -> None:
    from sqlalchemy import event

    from reception.domain.errors import StorageError

    members = pack_members(chain.server, 1, 3, units=10)
    one = chain.desk("north", 1)
    desk = desk_of(one.app, "desk1")
    check_in(one.app, desk, members[0].qr_code)
    engine = engine_of(one.app)
    with engine.connect() as connection:
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar_one()

    def full(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(engine, "connect", full)
    engine.dispose()
    before = waiting(one.app)
    with pytest.raises(StorageError) as refused:
        for _ in range(40):  # the file cannot grow: some check-in soon needs a page it cannot have
            from reception.domain.models import AttendanceAction

            one.app.desk.scan(desk, members[1].qr_code, action=AttendanceAction.CHECK_IN_ONLY)
    assert "full" in str(refused.value).lower() or "space" in str(refused.value).lower()
    event.remove(engine, "connect", full)
    engine.dispose()
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
    queued = waiting(one.app)
    assert queued >= before  # what was done before the disk filled is all still queued
    check_in(one.app, desk, members[2].qr_code)
    assert one.sync().ok
    assert_converged(chain.server, [one])


def test_many_desks_pushing_at_once_commit_out_of_order_and_no_desk_misses_a_row(chain: Chain) -> None:
    import threading

    members = pack_members(chain.server, 1, 30, units=20)
    desks = [chain.desk(f"desk{n}", 1) for n in range(3)]
    errors: list[str] = []

    def work(index: int) -> None:
        desk = desks[index]
        staff = desk_of(desk.app, "desk1")
        for round_ in range(4):
            for member in members[index * 10:(index + 1) * 10]:
                check_in(desk.app, staff, member.qr_code) if round_ == 0 else None
            report = desk.sync()
            if not report.ok:
                errors.append(report.error)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    for desk in desks:
        assert desk.sync().ok
    for member in members:
        assert visits_of(chain.server, member.id) == 1
    assert_converged(chain.server, desks)


def test_a_desk_too_old_for_the_server_is_told_to_update_and_keeps_working_offline(chain: Chain) -> None:
    from reception.sync.agent import SyncAgent

    (member,) = pack_members(chain.server, 1, 1, units=5)
    one = chain.desk("north", 1)
    check_in(one.app, desk_of(one.app, "desk1"), member.qr_code)
    agent = SyncAgent(one.app.replica, one.app.clock)
    agent._client.headers = {"Reception-Sync-Version": "0"}  # the operations an older desk writes
    report = agent.sync_once()
    assert not report.ok and "too old" in report.error and "update" in report.error
    assert waiting(one.app) == 1 and "too old" in one.status().last_error
    check_in(one.app, desk_of(one.app, "desk1"), member.qr_code)  # still working
    assert one.sync().ok  # updated
    assert_converged(chain.server, [one])


def _retrying(admin: sa.Engine, statement: str) -> None:
    """A database statement that needs nobody else connected (PostgreSQL's autovacuum may still be there)."""
    import time

    for attempt in range(40):
        try:
            with admin.connect() as connection:
                connection.execute(sa.text(statement))
            return
        except sa.exc.OperationalError:
            if attempt == 39:
                raise
            time.sleep(0.25)


def test_a_server_restored_from_an_older_backup_gets_the_desks_operations_again(chain: Chain) -> None:
    from tests.server.conftest import stop

    members = pack_members(chain.server, 1, 6, units=10)
    one = chain.desk("north", 1)
    desk = desk_of(one.app, "desk1")
    for member in members[:3]:
        check_in(one.app, desk, member.qr_code)
    assert one.sync().ok
    live = chain.url.rsplit("/", 1)[1]
    admin = sa.create_engine(chain.url.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
    stop(chain.process)
    chain.server.storage.dispose()
    _retrying(admin, f'CREATE DATABASE "{live}_backup" TEMPLATE "{live}"')  # the night's backup, taken now
    chain.restart_server()
    for member in members[3:]:
        check_in(one.app, desk, member.qr_code)
    registered = one.app.customers.register(desk, full_name="Late Registration", phone="01055556666")
    assert one.sync().ok
    stop(chain.process)
    chain.server.storage.dispose()
    _retrying(admin, f'DROP DATABASE "{live}" WITH (FORCE)')  # restored from that backup: the last push is lost
    _retrying(admin, f'ALTER DATABASE "{live}_backup" RENAME TO "{live}"')
    admin.dispose()
    for member in members[3:]:
        assert visits_of(chain.server, member.id) == 0
    epoch = one.cli("db", "new-epoch", "--db", chain.url)  # DEPLOY.md: after a restore, before serving again
    assert "New epoch" in epoch.stdout
    chain.restart_server()
    assert one.sync().ok
    for member in members:
        assert visits_of(chain.server, member.id) == 1
    found = chain.server.customers.by_member_no(desk_of(chain.server, "owner"), registered.member_no)
    assert found.id == registered.id
    assert_converged(chain.server, [one])


def test_the_servers_own_database_refuses_a_desk_connecting_to_it_directly(chain: Chain) -> None:
    (member,) = pack_members(chain.server, 1, 1, units=5)
    one = chain.desk("north", 1)
    refused = one.cli("verify", member.qr_code, "--check-in", "--db", chain.url, check=False)
    assert refused.returncode == 2
    assert "belongs to the chain's server" in refused.stderr and "reception connect" in refused.stderr
    assert visits_of(chain.server, member.id) == 0


def test_pushed_operations_forgotten_after_30_days_never_let_the_sequence_start_again(chain: Chain) -> None:
    from datetime import UTC, datetime, timedelta

    members = pack_members(chain.server, 1, 4, units=10)
    one = chain.desk("north", 1)
    desk = desk_of(one.app, "desk1")
    for member in members[:2]:
        check_in(one.app, desk, member.qr_code)
    assert one.sync().ok
    assert one.app.replica.forget_pushed(datetime.now(UTC) + timedelta(days=1)) == 2  # all of them, as after 30 days
    for member in members[2:]:
        check_in(one.app, desk, member.qr_code)
    with engine_of(one.app).connect() as connection:
        assert list(connection.execute(sa.select(outbox.c.seq).order_by(outbox.c.seq)).scalars()) == [3, 4]
    assert one.sync().ok
    for member in members:
        assert visits_of(chain.server, member.id) == 1
    assert_converged(chain.server, [one])


def test_a_replica_restored_from_its_own_backup_takes_a_new_device_id_and_nothing_is_applied_twice(
        chain: Chain) -> None:
    members = pack_members(chain.server, 1, 5, units=10)
    one = chain.desk("north", 1)
    desk = desk_of(one.app, "desk1")
    for member in members[:2]:
        check_in(one.app, desk, member.qr_code)
    backup = one.app.storage.backup(chain.home / "north-backup.sqlite3")  # taken with two operations waiting
    old_device = one.status().server and one.app.replica.state()["device_id"]
    assert one.sync().ok
    check_in(one.app, desk, members[2].qr_code)
    assert one.sync().ok
    one.close()
    from reception.bootstrap import open_storage

    open_storage(one.url).restore(backup)  # the desk's file put back as it was at the backup
    one.open()
    assert waiting(one.app) == 2
    for member in members[3:]:
        check_in(one.app, desk_of(one.app, "desk1"), member.qr_code)
    assert one.sync().ok
    assert one.app.replica.state()["device_id"] != old_device
    for member in members:
        assert visits_of(chain.server, member.id) == 1  # the two pushed before are not applied again
    assert_converged(chain.server, [one])


def test_a_damaged_replica_is_made_again_from_the_server_keeping_the_changes_it_had_not_sent(chain: Chain) -> None:
    import sqlite3

    members = pack_members(chain.server, 1, 4, units=10)
    one = chain.desk("north", 1)
    desk = desk_of(one.app, "desk1")
    check_in(one.app, desk, members[0].qr_code)
    assert one.sync().ok
    chain.proxy.partition(True)
    for member in members[1:3]:
        check_in(one.app, desk, member.qr_code)  # offline: waiting in the outbox
    one.close()
    with sqlite3.connect(one.path) as connection:  # damage the members' pages, as a failing disk does
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        pages = [n for (n,) in connection.execute("SELECT pageno FROM dbstat WHERE name = 'customers'")]
        size = connection.execute("PRAGMA page_size").fetchone()[0]
    with open(one.path, "r+b") as raw:
        for page in pages[1:4]:
            raw.seek((page - 1) * size)
            raw.write(b"\xde\xad" * (size // 2))
    from reception.bootstrap import open_app
    from reception.domain.errors import StorageError

    with pytest.raises(StorageError):
        open_app(one.url)  # the desk refuses the damaged file at start
    chain.proxy.partition(False)
    done = one.cli("sync", "rebuild")
    assert "2 change(s) not yet sent were kept" in done.stdout
    assert list(chain.home.glob("north.sqlite3.damaged-*"))
    one.open()
    assert waiting(one.app) == 2
    check_in(one.app, desk_of(one.app, "desk1"), members[3].qr_code)
    assert one.sync().ok
    for member in members:
        assert visits_of(chain.server, member.id) == 1
    assert_converged(chain.server, [one])


def test_a_desk_process_killed_after_the_server_committed_its_push_sends_it_again_and_it_applies_once(
        chain: Chain) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    from tests.server.conftest import ROOT

    members = pack_members(chain.server, 1, 3, units=10)
    one = chain.desk("north", 1)
    desk = desk_of(one.app, "desk1")
    for member in members:
        check_in(one.app, desk, member.qr_code)
    one.close()
    chain.proxy.delay(1.5)  # each way: the server has the push well before the desk could hear back
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-m", "reception.cli", "--db", one.url, "sync"], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and visits_of(chain.server, members[-1].id) == 0:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)  # committed on the server; the desk dies before the reply
    process.wait(10)
    chain.proxy.delay(0)
    assert all(visits_of(chain.server, m.id) == 1 for m in members)
    one.open()
    assert waiting(one.app) == 3  # the desk never saw the reply: all three wait
    assert one.sync().ok
    for member in members:
        assert visits_of(chain.server, member.id) == 1
    assert_converged(chain.server, [one])


_DESK_PROCESS = """
import sys
from reception.bootstrap import open_app
from reception.domain.models import AttendanceAction
from reception.sync.agent import SyncAgent
from tests.sync.checks import desk_of

import pathlib
import time

app = open_app(sys.argv[1])
desk = desk_of(app, "desk1")
print("ready", flush=True)
while not pathlib.Path(sys.argv[2]).exists():  # both start together
    time.sleep(0.01)
for index, code in enumerate(sys.argv[3:], 1):
    result = app.desk.scan(desk, code, action=AttendanceAction.CHECK_IN_WITH_DEDUCTION)
    assert result.decision.allowed and result.attendance is not None, result.decision.headline
    if index % 3 == 0:
        SyncAgent(app.replica, app.clock, timeout=10).sync_once()  # both processes push now and then, at once
app.close()
print("done")
"""


def test_two_desk_processes_on_one_replica_checking_in_and_syncing_at_once_lose_and_double_nothing(
        chain: Chain) -> None:
    import os
    import subprocess
    import sys

    from tests.server.conftest import ROOT

    members = pack_members(chain.server, 1, 24, units=5)
    one = chain.desk("north", 1)
    one.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    halves = [members[0::2], members[1::2]]
    go = chain.home / "go"
    processes = [subprocess.Popen([sys.executable, "-c", _DESK_PROCESS, one.url, str(go), *[m.qr_code for m in half]],
                                  cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for half in halves]
    for process in processes:
        assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    go.touch()
    for process in processes:
        out, err = process.communicate(timeout=180)
        assert process.returncode == 0 and "done" in out, err[-2000:]
    one.open()
    with engine_of(one.app).connect() as connection:
        seqs = list(connection.execute(sa.select(outbox.c.seq).order_by(outbox.c.seq)).scalars())
    assert seqs == list(range(1, 25))  # one numbering for the file, whichever process wrote
    with engine_of(one.app).connect() as connection:
        bodies = list(connection.execute(sa.select(outbox.c.body).order_by(outbox.c.seq)).scalars())
    half_of = {str(m.id): index for index, half in enumerate(halves) for m in half}
    writers = [next(half_of[e["row"]["customer_id"]] for e in json.loads(b)["effects"] if e["t"] == "attendance")
               for b in bodies]
    assert sum(1 for a, b in zip(writers, writers[1:], strict=False) if a != b) >= 2  # the two wrote interleaved
    assert one.sync().ok
    for member in members:
        assert visits_of(chain.server, member.id) == 1
        assert balance_of(chain.server, member.id) == 4 and balance_of(one.app, member.id) == 4
    assert_converged(chain.server, [one])
