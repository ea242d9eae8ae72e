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
