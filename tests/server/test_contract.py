"""The gym backend's contract (seeds 000 and 001) over HTTP against the real server: shapes, status codes
and the exact error words, on SQLite (trial mode) and PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from dateutil.relativedelta import relativedelta

from tests.server.conftest import Gym
from tests.server.helpers import member_with_pack, new_member, owner_desk, pack_service

pytestmark = pytest.mark.server


def error(reply, status: int, words: str) -> None:  # type: ignore[no-untyped-def]
    assert reply.status_code == status, reply.text
    body = reply.json()
    assert body["success"] is False and body["error"] == words, body


def test_login_gives_tokens_and_the_user(gym: Gym) -> None:
    data = gym.login("desk1")
    assert data["access_token"] and data["refresh_token"]
    assert data["user"] == {"id": data["user"]["id"], "username": "desk1", "full_name": data["user"]["full_name"],
                            "role": "receptionist", "branch_id": 1}
    bad = gym.call("POST", "/api/auth/login", None, json={"username": "desk1", "password": "wrong-one"})
    assert bad.status_code == 401 and bad.json()["success"] is False


def test_customer_list_of_seed_000_with_temp_passwords_and_paging(gym: Gym) -> None:
    reply = gym.call("GET", "/api/customers?branch_id=1&limit=3")
    assert reply.status_code == 200
    body = reply.json()
    assert body["success"] is True
    first = body["data"]["items"][0]
    assert (first["id"], first["full_name"], first["phone"], first["branch_id"]) == (1, "Mohamed Salem",
                                                                                    "01077827638", 1)
    assert first["temp_password"] == "RX04AF" and first["password_changed"] is False
    assert first["qr_code"].startswith("GYM-1-") and first["is_active"] is True
    total = body["data"]["total"]
    assert total >= 50 and len(body["data"]["items"]) == 3
    page2 = gym.call("GET", "/api/customers?branch_id=1&limit=3&offset=3").json()["data"]
    assert page2["total"] == total and page2["items"][0]["id"] not in {c["id"] for c in body["data"]["items"]}


def test_temp_password_is_null_outside_the_callers_branch(gym: Gym) -> None:
    hadeer = lambda who: next(c for c in gym.call("GET", "/api/customers?branch_id=2&limit=5", who)  # noqa: E731
                              .json()["data"]["items"] if c["id"] == 4)
    assert hadeer("desk1")["temp_password"] is None  # Nasr City's desk, a Maadi member
    assert hadeer("desk2")["temp_password"] == "PE71JZ"
    assert hadeer("owner")["temp_password"] == "PE71JZ"


def test_one_customer_with_subscriptions(gym: Gym) -> None:
    member, sub = member_with_pack(gym.app, 1, 10)
    data = gym.call("GET", f"/api/customers/{member.member_no}").json()["data"]
    assert data["id"] == member.member_no and data["full_name"] == member.full_name
    assert data["current_subscription"]["id"] == str(sub.id)
    assert data["current_subscription"]["remaining_sessions"] == 10
    assert [s["id"] for s in data["subscriptions"]] == [str(sub.id)]
    error(gym.call("GET", "/api/customers/999999"), 404, "Customer not found")


def test_register_then_regenerate_qr(gym: Gym) -> None:
    reply = gym.call("POST", "/api/customers", json={"full_name": "Nour Fathy", "phone": "01011223344",
                                                     "shared_phone_ok": True})
    assert reply.status_code == 201, reply.text
    created = reply.json()["data"]
    assert created["branch_id"] == 1 and len(created["temp_password"]) == 6
    again = gym.call("POST", f"/api/customers/{created['id']}/regenerate-qr")
    assert again.status_code == 200, again.text
    body = again.json()
    assert body["success"] is True and body["message"] == "QR code regenerated successfully"
    assert body["qr_code"].startswith(f"GYM-{created['id']}-") and body["qr_code"] != created["qr_code"]
    assert body["data"]["qr_code"] == body["qr_code"]
    error(gym.call("POST", "/api/customers/999999/regenerate-qr"), 404, "Customer not found")
    invalid = gym.call("POST", "/api/customers", json={"full_name": "", "phone": "12"})
    assert invalid.status_code == 400 and invalid.json()["success"] is False and invalid.json()["fields"]


def test_check_in_of_seed_001_test_1(gym: Gym) -> None:
    member = new_member(gym.app, 1)
    pack_service  # noqa: B018 - members without a plan are refused; give this one a pack below
    from tests.server.helpers import owner_desk as desk_of

    service = pack_service(gym.app, 5)
    gym.app.subscriptions.activate(desk_of(gym.app, 1), member.id, service.id)
    reply = gym.call("POST", "/api/attendance", json={"customer_id": member.member_no,
                                                      "check_in_time": "2026-02-15T14:30:00Z",
                                                      "action": "check_in_only"})
    assert reply.status_code == 201, reply.text
    body = reply.json()
    assert body["success"] is True and body["message"] == "Check-in recorded successfully"
    visit = body["data"]["attendance"]
    assert visit["customer_id"] == member.member_no and visit["customer_name"] == member.full_name
    assert visit["branch_id"] == 1 and visit["action"] == "check_in_only"
    uuid.UUID(visit["id"])
    assert body["data"]["attendance_id"] == visit["id"]  # seed 000's flat fields too
    listed = gym.call("GET", f"/api/attendance?customer_id={member.member_no}").json()["data"]
    assert listed["total"] == 1 and listed["items"][0]["id"] == visit["id"]


def test_check_in_errors(gym: Gym) -> None:
    error(gym.call("POST", "/api/attendance", json={"action": "check_in_only"}), 400, "customer_id is required")
    error(gym.call("POST", "/api/attendance", json={"customer_id": 999999}), 404, "Customer not found")
    member, _ = member_with_pack(gym.app, 1, 5)
    gym.app.customers.update(owner_desk(gym.app, 1), member.id, is_active=False)
    error(gym.call("POST", "/api/attendance", json={"customer_id": member.member_no}), 400,
          "Customer account is inactive")


def test_deduction_with_its_visit_and_the_alias(gym: Gym) -> None:
    member, sub = member_with_pack(gym.app, 1, 3)
    reply = gym.call("POST", f"/api/subscriptions/{sub.id}/deduct", json={})
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert body["message"] == "Session deducted successfully"
    assert body["data"]["subscription_id"] == str(sub.id) and body["data"]["remaining_sessions"] == 2
    assert body["data"]["status"] == "active"
    visits = gym.call("GET", f"/api/attendance?customer_id={member.member_no}").json()["data"]["items"]
    assert [v["action"] for v in visits] == ["check_in_with_deduction"]
    # The member app then records the visit: inside the branch's window it adds nothing.
    repeat = gym.call("POST", "/api/attendance", json={"customer_id": member.member_no, "subscription_id": str(sub.id),
                                                      "action": "check_in_with_deduction"})
    assert repeat.status_code == 200 and repeat.json()["data"]["repeat"] is True
    assert repeat.json()["data"]["remaining_sessions"] == 2
    alias = gym.call("POST", f"/api/subscriptions/{sub.id}/deduct-session")
    assert alias.status_code == 200 and alias.json()["data"]["deducted"] is False  # still inside the window
    assert sum(e.delta for e in gym.app.subscriptions.ledger(owner_desk(gym.app, 1), sub.id)) == 2


def test_deduction_errors(gym: Gym) -> None:
    error(gym.call("POST", f"/api/subscriptions/{uuid.uuid4()}/deduct"), 404, "Subscription not found")
    error(gym.call("POST", "/api/subscriptions/45/deduct"), 404, "Subscription not found")
    _, cancelled = member_with_pack(gym.app, 1, 3)
    gym.app.subscriptions.cancel(owner_desk(gym.app, 1), cancelled.id)
    error(gym.call("POST", f"/api/subscriptions/{cancelled.id}/deduct"), 400, "Subscription is not active")
    _, one = member_with_pack(gym.app, 1, 1)
    gym.app.subscriptions.deduct_session(owner_desk(gym.app, 1), one.id)
    error(gym.call("POST", f"/api/subscriptions/{one.id}/deduct"), 400, "No sessions/coins remaining")
    monthly = next(s for s in gym.call("GET", "/api/services").json()["data"]["items"] if s["kind"] == "monthly")
    member = new_member(gym.app, 1)
    sold = gym.app.subscriptions.activate(owner_desk(gym.app, 1), member.id, uuid.UUID(monthly["id"]))
    error(gym.call("POST", f"/api/subscriptions/{sold.subscription.id}/deduct"), 400, "No sessions/coins remaining")


def test_activation_of_seed_000(gym: Gym) -> None:
    services = gym.call("GET", "/api/services").json()["data"]["items"]
    monthly = next(s for s in services if s["kind"] == "monthly" and s["duration_months"] == 1 and s["is_active"])
    member = new_member(gym.app, 2)
    body = {"customer_id": member.member_no, "service_id": monthly["id"], "branch_id": 2,
            "amount": monthly["price"], "payment_method": "cash", "subscription_type": "monthly"}
    error(gym.call("POST", "/api/subscriptions/activate", "owner", json={**body, "branch_id": 1}), 400,
          "Branch mismatch")
    error(gym.call("POST", "/api/subscriptions/activate", "owner", json={**body, "service_id": str(uuid.uuid4())}),
          404, "Service not found")
    error(gym.call("POST", "/api/subscriptions/activate", "owner", json={**body, "customer_id": 999999}),
          404, "Customer not found")
    error(gym.call("POST", "/api/subscriptions/activate", "owner", json={**body, "customer_id": None}),
          400, "customer_id is required")
    # desk1 (Nasr City) sells to a Maadi member: the subscription goes to the member's home branch.
    reply = gym.call("POST", "/api/subscriptions/activate", json=body)
    assert reply.status_code == 201, reply.text
    data = reply.json()["data"]
    start = date.fromisoformat(data["start_date"])
    assert data["end_date"] == (start + relativedelta(months=1) - relativedelta(days=1)).isoformat()
    assert (data["customer_id"], data["branch_id"], data["status"], data["service_name"]) == (
        member.member_no, 2, "active", monthly["name"])
    uuid.UUID(data["subscription_id"])
    error(gym.call("POST", "/api/subscriptions/activate", json=body), 400,
          "Customer already has an active subscription")


def test_attendance_queries_and_the_date_words(gym: Gym) -> None:
    member, sub = member_with_pack(gym.app, 1, 5)
    gym.call("POST", "/api/attendance", json={"customer_id": member.member_no})
    today = gym.call("GET", f"/api/attendance?customer_id={member.member_no}").json()["data"]["items"][0]
    # The date words name the branch's day (Africa/Cairo), not the UTC date the time is written in.
    day = datetime.fromisoformat(today["check_in_time"]).astimezone(ZoneInfo("Africa/Cairo")).date().isoformat()
    for query in (f"date={day}", f"start_date={day}&end_date={day}", "branch_id=1"):
        found = gym.call("GET", f"/api/attendance?{query}&customer_id={member.member_no}").json()["data"]
        assert found["total"] == 1, query
    for bad in ("date=15-02-2026", "start_date=2026-02-30&end_date=2026-03-01", "end_date=yesterday"):
        error(gym.call("GET", f"/api/attendance?{bad}"), 400, "Invalid date format. Use YYYY-MM-DD")
    everything = gym.call("GET", "/api/attendance?limit=2", "owner").json()["data"]
    assert len(everything["items"]) == 2 and everything["total"] > 2
    later = gym.call("GET", "/api/attendance?limit=2&offset=2", "owner").json()["data"]
    assert {v["id"] for v in later["items"]}.isdisjoint({v["id"] for v in everything["items"]})


def test_services_and_branches_ids_on_the_wire(gym: Gym) -> None:
    branches = gym.call("GET", "/api/branches").json()["data"]["items"]
    assert [b["id"] for b in branches] == [1, 2, 3]
    services = gym.call("GET", "/api/services").json()["data"]["items"]
    assert services and all(uuid.UUID(s["id"]) for s in services)


def test_unknown_routes_and_bad_bodies_keep_the_envelope(gym: Gym) -> None:
    error(gym.call("GET", "/api/nothing-here"), 404, "Resource not found")
    bad = gym.call("POST", "/api/attendance", json={"customer_id": "not a number"})
    assert bad.status_code == 400 and bad.json()["success"] is False
    assert gym.call("GET", "/docs", None).status_code == 200
    assert gym.call("GET", "/openapi.json", None).json()["paths"]["/api/attendance"]


def test_each_request_leaves_one_json_access_log_line_without_its_token(gym: Gym) -> None:
    import json
    import time

    member, _ = member_with_pack(gym.app, 1, 5)
    key = str(uuid.uuid4())
    reply = gym.call("POST", "/api/attendance", key=key, json={"customer_id": member.member_no})
    assert reply.status_code == 201, reply.text
    refused = gym.call("POST", "/api/attendance", who=None, json={"customer_id": member.member_no})
    assert refused.status_code == 401
    lines: list[dict] = []
    for _ in range(50):  # the line is written as the reply goes out
        text = gym.log.read_text(errors="replace")
        lines = [json.loads(line.split(" reception.server.access ", 1)[1]) for line in text.splitlines()
                 if " reception.server.access " in line]
        if any(line.get("operation") == key for line in lines) and lines[-1]["status"] == 401:
            break
        time.sleep(0.1)
    mine = [line for line in lines if line.get("operation") == key]
    assert len(mine) == 1, lines[-5:]
    assert mine[0]["method"] == "POST" and mine[0]["path"] == "/api/attendance" and mine[0]["status"] == 201
    staff = gym.login("desk1")["user"]
    assert mine[0]["staff"] == str(staff["id"]) and mine[0]["client"] == "127.0.0.1" and mine[0]["ms"] >= 0
    assert lines[-1]["path"] == "/api/attendance" and lines[-1]["status"] == 401 and lines[-1]["staff"] is None
    assert gym.token("desk1") not in gym.log.read_text(errors="replace")
