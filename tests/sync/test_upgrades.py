"""Upgrades with operations queued: a desk of the previous release (operation format 1) keeps working while the
chain's server is stopped and its database upgraded (revision 0007 to 0008); the upgraded server applies its
queued operations as they were written, sends it nothing it cannot keep, and once the desk is updated too it
catches up on what it did not keep."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from reception.domain.sync import OPERATION_VERSION, IssueKind
from reception.repository.sql.tables import outbox, sync_issues
from reception.sync.agent import SyncAgent
from tests.server.conftest import stop
from tests.sync.checks import (
    as_previous_release,
    assert_converged,
    check_in,
    desk_of,
    engine_of,
    pack_members,
    waiting,
)
from tests.sync.conftest import Chain
from tests.sync.test_sync import visits_of

pytestmark = [pytest.mark.server, pytest.mark.postgres]


def test_the_upgraded_server_applies_what_a_desk_of_the_previous_release_queued_meanwhile(
        chain: Chain, monkeypatch: pytest.MonkeyPatch) -> None:
    from reception.bootstrap import open_app
    from reception.repository.sql import uow as uow_module

    assert OPERATION_VERSION == 2
    members = pack_members(chain.server, 1, 3, units=5)
    (elsewhere,) = pack_members(chain.server, 2, 1, units=5)  # a member of branch 2, whose phone is reused below
    old = chain.desk("north", 1)
    as_previous_release(old)
    monkeypatch.setattr(uow_module, "OPERATION_VERSION", 1)  # the previous release writes format 1
    old.app = open_app(old.url, migrate=False)  # as that release opens it: no triggers for tables it does not know
    previous = SyncAgent(old.app.replica, old.app.clock, timeout=5)
    previous._client.headers = {"Reception-Sync-Version": "1"}

    stop(chain.process)  # the upgrade window: the server is down, its database still at the previous revision
    chain.server.storage.dispose()
    from alembic.command import downgrade

    from reception.repository.sql import maintenance

    downgrade(maintenance._config(chain.url), "0007")
    assert maintenance.current_revision(chain.url) == "0007"
    desk = desk_of(old.app, "desk1")
    for member in members:
        check_in(old.app, desk, member.qr_code)
    registered = old.app.customers.register(desk, full_name="Nour Adel", phone=elsewhere.phone, shared_phone_ok=True)
    offline = previous.sync_once()
    assert not offline.ok and offline.error_code == "unreachable"
    upgraded = old.cli("db", "upgrade", "--db", chain.url)  # DEPLOY.md: the server's upgrade step
    assert upgraded.returncode == 0
    assert maintenance.current_revision(chain.url) == maintenance.head_revision() == "0008"
    chain.restart_server()

    # The previous release's sync: push, then pull (it copied no table after connecting).
    previous._push()
    previous._pull()
    with engine_of(old.app).connect() as connection:
        versions = set(connection.execute(sa.select(outbox.c.version)).scalars())
        results = [json.loads(r)["outcome"] for r in connection.execute(sa.select(outbox.c.result)).scalars()]
    assert versions == {1} and waiting(old.app) == 0
    assert results.count("applied") == 3 and results.count("issue") == 1  # the reused phone: reported, not refused
    for member in members:
        assert visits_of(chain.server, member.id) == 1
    assert chain.server.customers.by_member_no(desk_of(chain.server, "owner"), registered.member_no).id == registered.id
    (phone,) = [i for i in chain.server.sync_server.issues() if i.kind is IssueKind.DUPLICATE_PHONE]
    with engine_of(old.app).connect() as connection:  # the previous release keeps no sync issues: sent none
        assert connection.execute(sa.select(sa.func.count()).select_from(sync_issues)).scalar_one() == 0

    # The desk is updated: its next sync copies the sync issues it never kept, and it resolves one offline.
    old.close()
    monkeypatch.setattr(uow_module, "OPERATION_VERSION", OPERATION_VERSION)
    old.open()
    assert old.sync().ok
    assert [i["id"] for i in old.status().issues] == [str(phone.id)]
    chain.proxy.partition(True)
    SyncAgent(old.app.replica, old.app.clock).resolve(phone.id, desk_of(old.app, "manager").staff,
                                                      "Kept both: mother and daughter share the phone")
    chain.proxy.partition(False)
    assert old.sync().ok
    assert chain.server.sync_server.issues() == []
    assert_converged(chain.server, [old])


def test_a_desk_newer_than_the_server_is_told_to_update_the_server_and_keeps_its_queue(chain: Chain) -> None:
    (member,) = pack_members(chain.server, 1, 1, units=5)
    one = chain.desk("north", 1)
    check_in(one.app, desk_of(one.app, "desk1"), member.qr_code)
    agent = SyncAgent(one.app.replica, one.app.clock)
    agent._client.headers = {"Reception-Sync-Version": str(OPERATION_VERSION + 1)}  # a desk of a later release
    report = agent.sync_once()
    assert not report.ok and "update the server" in report.error
    assert waiting(one.app) == 1 and visits_of(chain.server, member.id) == 0
    assert one.sync().ok
    assert_converged(chain.server, [one])
