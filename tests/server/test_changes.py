"""Events out over HTTP: a registration through the server is in its change feed, after the client's cursor."""

from __future__ import annotations

import pytest

from tests.server.conftest import Gym

pytestmark = pytest.mark.server


def test_the_change_feed_follows_a_registration_and_refuses_a_bad_cursor(gym: Gym) -> None:
    cursor = None
    while True:  # catch up with everything already on the server
        reply = gym.call("GET", "/api/changes" + (f"?after={cursor}" if cursor else ""))
        assert reply.status_code == 200, reply.text
        data = reply.json()["data"]
        if not data["items"]:
            break
        cursor = data["cursor"]
    created = gym.call("POST", "/api/customers", json={"full_name": "Mona Adel", "phone": "01033344455",
                                                       "shared_phone_ok": True})
    assert created.status_code == 201, created.text
    member_no = created.json()["data"]["id"]
    reply = gym.call("GET", "/api/changes" + (f"?after={cursor}" if cursor else ""))
    items = reply.json()["data"]["items"]
    customers = [item for item in items if item["entity"] == "customer"]
    assert len(customers) == 1 and customers[0]["branch_id"]
    found = gym.call("GET", f"/api/customers/{member_no}").json()["data"]
    assert found["full_name"] == "Mona Adel"
    bad = gym.call("GET", "/api/changes?after=yesterday")
    assert bad.status_code == 400 and bad.json()["success"] is False and "looks like" in bad.json()["error"]
    assert gym.call("GET", "/api/changes", who=None).status_code == 401


def test_reverse_freeze_and_override_are_operations_with_the_managers_rules(gym: Gym) -> None:
    from tests.server.helpers import member_with_pack, new_member

    member, pack = member_with_pack(gym.app, 1, 5)
    visit = gym.call("POST", f"/api/subscriptions/{pack.id}/deduct", json={})
    assert visit.status_code == 200, visit.text
    attendance_id = visit.json()["data"]["attendance_id"]

    key = "5f0c7a4e-3b1d-4a59-9a51-1c2b3d4e5f60"
    undone = gym.call("POST", f"/api/attendance/{attendance_id}/reverse", "manager", key=key,
                      json={"reason": "Scanned by mistake"})
    assert undone.status_code == 200, undone.text
    assert undone.json()["data"]["reversed_by"]
    replay = gym.call("POST", f"/api/attendance/{attendance_id}/reverse", "manager", key=key,
                      json={"reason": "Scanned by mistake"})
    assert replay.json() == undone.json() and replay.headers.get("Idempotent-Replayed") == "true"
    ledger = [e.delta for e in gym.app.subscriptions.ledger(_owner(gym), pack.id)]
    assert ledger == [5, -1, 1]  # bought, deducted, credited back once

    refused = gym.call("POST", f"/api/subscriptions/{pack.id}/freeze", "desk1", json={"days": 7})
    assert refused.status_code == 403 and refused.json()["success"] is False
    frozen = gym.call("POST", f"/api/subscriptions/{pack.id}/freeze", "manager", json={"days": 7})
    assert frozen.status_code == 200, frozen.text
    assert frozen.json()["data"]["status"] == "frozen"
    thawed = gym.call("POST", f"/api/subscriptions/{pack.id}/unfreeze", "manager")
    assert thawed.status_code == 200 and thawed.json()["data"]["status"] == "active", thawed.text

    stranger = new_member(gym.app, 1, "No Plan Yet")
    denied = gym.call("POST", "/api/attendance/override", "desk1",
                      json={"customer_id": stranger.member_no, "reason": "Pays at the desk"})
    assert denied.status_code == 403, denied.text
    let_in = gym.call("POST", "/api/attendance/override", "manager",
                      json={"customer_id": stranger.member_no, "reason": "Pays at the desk"})
    assert let_in.status_code == 201, let_in.text
    assert let_in.json()["data"]["customer_id"] == stranger.member_no
    del member


def _owner(gym: Gym):  # type: ignore[no-untyped-def]
    from tests.server.helpers import owner_desk

    return owner_desk(gym.app, 1)
