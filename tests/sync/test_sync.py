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
