"""Disconnecting a desk (lost, stolen or replaced): a manager of its branch or the owner does it, from another
desk, the command line or the server's API; what that desk sends afterwards is held for a manager as a sync
issue, never applied, and the desk is told."""

from __future__ import annotations

import json

import pytest

from reception.domain.errors import DomainError, PermissionDenied
from reception.domain.sync import IssueKind
from reception.sync.agent import SyncAgent
from reception.sync.client import Refused, ServerClient
from tests.sync.checks import assert_converged, check_in, desk_of, pack_members, waiting
from tests.sync.conftest import Chain
from tests.sync.test_sync import visits_of

pytestmark = [pytest.mark.server, pytest.mark.postgres]


def _signed_in(chain: Chain, username: str) -> ServerClient:
    client = ServerClient(chain.base)
    signed = client.call("POST", "/api/auth/login", {"username": username, "password": "demo1234"})
    client.bearer = str(signed["data"]["access_token"])
    return client


def test_a_manager_disconnects_a_lost_desk_from_another_and_what_it_sends_after_is_held_not_applied(
        chain: Chain) -> None:
    members = pack_members(chain.server, 1, 2, units=5)
    front, lost = chain.desk("front", 1), chain.desk("lost", 1)
    agent = SyncAgent(front.app.replica, front.app.clock)
    desks = {d["name"]: d for d in agent.desks()}
    assert set(desks) == {"front", "lost"} and desks["front"]["this_desk"] and not desks["lost"]["this_desk"]
    assert desks["lost"]["disconnected_at"] is None
    with pytest.raises(PermissionDenied, match="Only a manager of this branch or the owner can disconnect a desk"):
        agent.disconnect(desks["lost"]["id"], desk_of(front.app, "desk1").staff)
    with pytest.raises(DomainError, match="cannot disconnect itself"):
        agent.disconnect(desks["front"]["id"], desk_of(front.app, "manager").staff)
    check_in(lost.app, desk_of(lost.app, "desk1"), members[0].qr_code)  # sent before it is disconnected
    assert lost.sync().ok
    done = agent.disconnect(desks["lost"]["id"], desk_of(front.app, "manager").staff)
    assert done["disconnected_at"] is not None
    assert {d["name"]: d["disconnected_at"] is not None for d in agent.desks()} == {"front": False, "lost": True}
    # The lost desk keeps working on its own, but the server takes nothing from it any more.
    check_in(lost.app, desk_of(lost.app, "desk1"), members[1].qr_code)
    report = lost.sync()
    assert not report.ok and report.error_code == "disconnected" and "disconnected" in report.error
    assert waiting(lost.app) == 0  # received by the server, and held there
    assert visits_of(chain.server, members[0].id) == 1 and visits_of(chain.server, members[1].id) == 0
    held = [i for i in chain.server.sync_server.issues() if i.kind is IssueKind.REVOKED_DEVICE]
    assert len(held) == 1 and str(held[0].device_id) == desks["lost"]["id"]
    assert front.sync().ok
    assert [i["kind"] for i in front.status().issues] == ["revoked_device"]  # the manager at the front desk sees it
    assert_converged(chain.server, [front])


def test_the_servers_api_lets_the_owner_and_the_branchs_manager_disconnect_and_refuses_the_others(
        chain: Chain) -> None:
    north, south = chain.desk("north", 1), chain.desk("south", 2)
    owner = _signed_in(chain, "owner")
    listed = {d["name"]: d for d in owner.call("GET", "/api/sync/devices")["data"]["items"]}
    assert set(listed) == {"north", "south"}
    with pytest.raises(Refused) as refused:
        _signed_in(chain, "desk1").call("GET", "/api/sync/devices")
    assert refused.value.status == 403
    with pytest.raises(Refused) as refused:  # the manager of branch 1 may not disconnect branch 2's desk
        _signed_in(chain, "manager").call("POST", f"/api/sync/devices/{listed['south']['id']}/disconnect", {})
    assert refused.value.status == 403
    manager_sees = [d["name"] for d in _signed_in(chain, "manager").call("GET", "/api/sync/devices")["data"]["items"]]
    assert manager_sees == ["north"]
    done = owner.call("POST", f"/api/sync/devices/{listed['south']['id']}/disconnect", {})["data"]
    assert done["disconnected_at"] is not None
    with pytest.raises(Refused) as refused:
        owner.call("POST", "/api/sync/devices/not-a-desk/disconnect", {})
    assert refused.value.status == 404
    assert north.sync().ok
    assert south.sync().error_code == "disconnected"


def test_the_command_line_lists_the_branchs_desks_and_a_manager_disconnects_one(chain: Chain) -> None:
    front, spare = chain.desk("front", 1), chain.desk("spare", 1)
    front.close()
    listed = json.loads(front.cli("sync", "desks", "--json").stdout)
    spare_id = next(d["id"] for d in listed if d["name"] == "spare")
    refused = front.cli("--user", "desk1", "sync", "disconnect", spare_id[:8], check=False)
    assert refused.returncode != 0 and "Only a manager" in refused.stderr
    done = front.cli("--user", "manager", "sync", "disconnect", spare_id[:8])
    assert "Disconnected spare" in done.stdout
    listing = front.cli("sync", "desks").stdout
    assert "spare" in listing and "disconnected" in listing and "front (this desk)" in listing
    assert spare.sync().error_code == "disconnected"


def test_what_a_disconnected_desk_sent_is_applied_or_discarded_by_a_managers_resolution(chain: Chain) -> None:
    members = pack_members(chain.server, 1, 2, units=5)
    front, lost = chain.desk("front", 1), chain.desk("lost", 1)
    agent = SyncAgent(front.app.replica, front.app.clock)
    lost_id = next(d["id"] for d in agent.desks() if d["name"] == "lost")
    agent.disconnect(lost_id, desk_of(front.app, "manager").staff)
    for member in members:  # a real visit each, made on a desk that had been disconnected
        check_in(lost.app, desk_of(lost.app, "desk1"), member.qr_code)
    assert lost.sync().error_code == "disconnected"
    assert front.sync().ok
    held = {e["row"]["customer_id"]: i for i in front.status().issues if i["kind"] == "revoked_device"
            for e in i["details"]["operation"]["effects"] if e["t"] == "attendance"}
    keep, drop = held[str(members[0].id)], held[str(members[1].id)]
    manager = desk_of(front.app, "manager").staff
    with pytest.raises(DomainError, match="applied or discarded"):
        agent.resolve(keep["id"], manager, "It was our own desk")
    chain.proxy.partition(True)  # resolved offline, like any other resolution
    agent.resolve(keep["id"], manager, "The visit was real: the laptop was found at the desk", "apply")
    agent.resolve(drop["id"], manager, "Not one of ours", "discard")
    chain.proxy.partition(False)
    assert front.sync().ok
    assert visits_of(chain.server, members[0].id) == 1 and visits_of(chain.server, members[1].id) == 0
    from tests.sync.checks import balance_of

    assert balance_of(chain.server, members[0].id) == 4 and balance_of(chain.server, members[1].id) == 5
    resolved = {str(i.id): i for i in chain.server.sync_server.issues(open_only=False)}
    assert resolved[keep["id"]].action == "apply" and resolved[drop["id"]].action == "discard"
    assert [i for i in chain.server.sync_server.issues() if i.kind is IssueKind.REVOKED_DEVICE and
            str(i.id) in (keep["id"], drop["id"])] == []
    assert visits_of(front.app, members[0].id) == 1  # the applied visit reached the branch's other desk
    assert_converged(chain.server, [front])


def test_the_owner_applies_held_operations_through_the_servers_api_and_a_wrong_action_changes_nothing(
        chain: Chain) -> None:
    (member,) = pack_members(chain.server, 1, 1, units=5)
    front, lost = chain.desk("front", 1), chain.desk("lost", 1)
    owner = _signed_in(chain, "owner")
    lost_id = next(d["id"] for d in owner.call("GET", "/api/sync/devices")["data"]["items"] if d["name"] == "lost")
    owner.call("POST", f"/api/sync/devices/{lost_id}/disconnect", {})
    check_in(lost.app, desk_of(lost.app, "desk1"), member.qr_code)
    assert lost.sync().error_code == "disconnected"
    (held,) = [i for i in owner.call("GET", "/api/sync/issues/staff")["data"]["items"]
               if i["kind"] == "revoked_device"]
    with pytest.raises(Refused) as refused:
        owner.call("POST", f"/api/sync/issues/{held['id']}/resolve", {"resolution": "fine", "action": "merge"})
    assert refused.value.status == 400 and "apply or discard" in str(refused.value)
    assert visits_of(chain.server, member.id) == 0
    done = owner.call("POST", f"/api/sync/issues/{held['id']}/resolve",
                      {"resolution": "Checked with the branch: real visits", "action": "apply"})["data"]
    assert done["action"] == "apply" and done["resolved_at"] is not None
    assert visits_of(chain.server, member.id) == 1
    assert front.sync().ok
    assert_converged(chain.server, [front])
