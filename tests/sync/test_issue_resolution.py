"""Sync issues are kept in every desk's replica and resolved there, online or not: the resolution is an operation
in the outbox like any other change, and the first one to reach the server stands at every desk."""

from __future__ import annotations

import json
import uuid

import pytest
import sqlalchemy as sa

from reception.domain.errors import NotFound, PermissionDenied
from reception.domain.sync import IssueKind
from reception.repository.sql.tables import outbox, sync_issues
from reception.sync.agent import SyncAgent
from tests.sync.checks import (
    as_previous_release,
    assert_converged,
    check_in,
    desk_of,
    engine_of,
    overdraw_offline,
    pack_members,
    waiting,
)
from tests.sync.conftest import BranchDesk, Chain

pytestmark = [pytest.mark.server, pytest.mark.postgres]


def _overdraft(chain: Chain, one: BranchDesk, two: BranchDesk) -> uuid.UUID:
    """One overdraft issue, made offline at both branches and pulled by both desks."""
    overdraw_offline(chain, one, two)
    (issue,) = [i for i in chain.server.sync_server.issues() if i.kind is IssueKind.OVERDRAFT]
    return issue.id


def _open_ids(desk: BranchDesk) -> list[str]:
    return [str(i["id"]) for i in desk.status().issues]


def test_a_manager_resolves_a_sync_issue_offline_and_it_reaches_the_server_and_every_desk(chain: Chain) -> None:
    one, two = chain.desk("north", 1), chain.desk("south", 2)
    issue_id = _overdraft(chain, one, two)
    assert _open_ids(one) == [str(issue_id)] and _open_ids(two) == [str(issue_id)]  # kept in each replica
    chain.proxy.partition(True)
    manager = desk_of(one.app, "manager").staff
    SyncAgent(one.app.replica, one.app.clock).resolve(issue_id, manager, "  Sold a   10-session pack  ")
    assert _open_ids(one) == []  # resolved at this desk at once, with the line down
    assert waiting(one.app) == 1
    with engine_of(one.app).connect() as connection:
        kind, body = connection.execute(sa.select(outbox.c.kind, outbox.c.body)
                                        .where(outbox.c.pushed_at.is_(None))).one()
    assert kind == "ResolveIssue"
    (effect,) = json.loads(body)["effects"]
    assert effect["t"] == "sync_issues" and sorted(effect["changed"]) == ["resolution", "resolved_at", "resolved_by"]
    assert not one.sync().ok
    assert [i.id for i in chain.server.sync_server.issues()] == [issue_id]  # still open on the server
    chain.proxy.partition(False)
    assert one.sync().ok
    (resolved,) = [i for i in chain.server.sync_server.issues(open_only=False) if i.id == issue_id]
    assert resolved.resolved_at is not None and resolved.resolution == "Sold a 10-session pack"
    with engine_of(chain.server).connect() as connection:
        by = connection.execute(sa.select(sync_issues.c.resolved_by).where(sync_issues.c.id == issue_id)).scalar_one()
    assert by == manager.id
    assert chain.server.sync_server.issues() == []
    assert _open_ids(two) == [str(issue_id)]
    assert two.sync().ok
    assert _open_ids(two) == []  # the other branch pulled the resolution
    assert_converged(chain.server, [one, two])


def test_two_desks_resolving_one_issue_offline_keep_the_first_resolution_to_reach_the_server(chain: Chain) -> None:
    one, two = chain.desk("north", 1), chain.desk("south", 2)
    issue_id = _overdraft(chain, one, two)
    chain.proxy.partition(True)
    SyncAgent(one.app.replica, one.app.clock).resolve(issue_id, desk_of(one.app, "manager").staff,
                                                      "Corrected the balance: a visit counted twice")
    SyncAgent(two.app.replica, two.app.clock).resolve(issue_id, desk_of(two.app, "owner").staff,
                                                      "Waived by the owner")
    chain.proxy.partition(False)
    assert two.sync().ok and one.sync().ok and two.sync().ok
    (resolved,) = [i for i in chain.server.sync_server.issues(open_only=False) if i.id == issue_id]
    assert resolved.resolution == "Waived by the owner"
    for desk in (one, two):  # the north desk's own resolution gave way to the one the server kept
        (mine,) = [i for i in desk.app.replica.issues(open_only=False) if i["id"] == str(issue_id)]
        assert mine["resolution"] == "Waived by the owner"
    assert_converged(chain.server, [one, two])


def test_a_receptionist_cannot_resolve_and_an_issue_is_resolved_once(chain: Chain) -> None:
    one, two = chain.desk("north", 1), chain.desk("south", 2)
    issue_id = _overdraft(chain, one, two)
    agent = SyncAgent(one.app.replica, one.app.clock)
    with pytest.raises(PermissionDenied, match="Only a manager or the owner resolves sync issues"):
        agent.resolve(issue_id, desk_of(one.app, "desk1").staff, "I think it is fine")
    assert waiting(one.app) == 0 and _open_ids(one) == [str(issue_id)]
    agent.resolve(issue_id, desk_of(one.app, "manager").staff, "Sold a pack")
    with pytest.raises(NotFound, match="already resolved"):
        agent.resolve(issue_id, desk_of(one.app, "manager").staff, "Sold another pack")
    assert waiting(one.app) == 1
    assert one.sync().ok and two.sync().ok
    assert_converged(chain.server, [one, two])


def test_a_replica_made_before_desks_kept_sync_issues_gets_them_at_its_next_sync_with_its_queue_intact(
        chain: Chain) -> None:
    one, two = chain.desk("north", 1), chain.desk("south", 2)
    issue_id = _overdraft(chain, one, two)
    (member,) = pack_members(chain.server, 1, 1, units=3)
    assert one.sync().ok
    as_previous_release(one)
    one.open()  # the new version opens it: the outbox's triggers for every table again
    assert one.app.replica.has_triggers()
    chain.proxy.partition(True)
    check_in(one.app, desk_of(one.app, "desk1"), member.qr_code)  # queued while offline
    chain.proxy.partition(False)
    assert one.sync().ok
    assert _open_ids(one) == [str(issue_id)]  # copied whole at the first sync after the upgrade
    SyncAgent(one.app.replica, one.app.clock).resolve(issue_id, desk_of(one.app, "manager").staff, "Sold a pack")
    assert one.sync().ok and two.sync().ok
    assert chain.server.sync_server.issues() == [] and _open_ids(two) == []
    assert_converged(chain.server, [one, two])


def test_a_resolution_by_someone_who_may_not_resolve_is_kept_for_a_manager_and_the_issue_shows_open_again(
        chain: Chain) -> None:
    one, two = chain.desk("north", 1), chain.desk("south", 2)
    issue_id = _overdraft(chain, one, two)
    receptionist = desk_of(one.app, "desk1").staff
    # Written past the desk's own check (a tampered or faulty desk): the server must not take it.
    assert one.app.replica.resolve_issue(issue_id, receptionist.id, "Looks fine to me", one.app.clock.now(), 2)
    assert _open_ids(one) == []
    assert one.sync().ok
    kinds = {i.id: i.kind for i in chain.server.sync_server.issues()}
    assert kinds.get(issue_id) is IssueKind.OVERDRAFT  # still open on the server
    (kept,) = [i for i in chain.server.sync_server.issues() if i.kind is IssueKind.MALFORMED]
    assert "only a manager or the owner resolves sync issues" in str(kept.details["reason"])
    assert sorted(_open_ids(one)) == sorted([str(issue_id), str(kept.id)])  # shown open again at the desk
    assert two.sync().ok
    assert_converged(chain.server, [one, two])
