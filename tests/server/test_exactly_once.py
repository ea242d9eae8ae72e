"""Exactly once under load, tokens and roles, against the real server on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
import requests

from tests.server.conftest import GRACE_SECONDS, Gym
from tests.server.helpers import member_with_pack, new_member, owner_desk, pack_service, set_repeat_window

pytestmark = pytest.mark.server


def _visits(gym: Gym, member_no: int) -> list[dict]:  # type: ignore[type-arg]
    return gym.call("GET", f"/api/attendance?customer_id={member_no}&limit=500", "owner").json()["data"]["items"]


def test_eight_clients_fifty_deductions_each_on_a_pack_of_fifty(gym: Gym) -> None:
    set_repeat_window(gym.app, 3, 0)  # Heliopolis counts every deduction (no repeat rule)
    member, sub = member_with_pack(gym.app, 3, 50)
    token = gym.token("desk3")
    barrier = threading.Barrier(8)

    def client(_: int) -> list[int]:
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {token}"
        barrier.wait()
        codes = []
        for _ in range(50):
            reply = session.post(f"{gym.base}/api/subscriptions/{sub.id}/deduct", timeout=60)
            body = reply.json()
            assert body["success"] is (reply.status_code == 200), body
            if reply.status_code == 200:
                assert body["data"]["deducted"] is True and body["data"]["remaining_sessions"] >= 0
            else:
                assert (reply.status_code, body["error"]) == (400, "No sessions/coins remaining"), body
            codes.append(reply.status_code)
        return codes

    with ThreadPoolExecutor(8) as pool:
        codes = [c for batch in pool.map(client, range(8)) for c in batch]
    assert codes.count(200) == 50 and codes.count(400) == 350
    ledger = gym.app.subscriptions.ledger(owner_desk(gym.app, 1), sub.id)
    assert sum(e.delta for e in ledger) == 0 == gym.app.subscriptions.get(owner_desk(gym.app, 1), sub.id).remaining
    assert len([e for e in ledger if e.delta == -1]) == 50
    deducted = [v for v in _visits(gym, member.member_no) if v["action"] == "check_in_with_deduction"]
    assert len(deducted) == 50


def _at_once(count: int, url: str, token: str, key: str) -> list[tuple[int, dict]]:  # type: ignore[type-arg]
    """`count` copies of one POST with one Idempotency-Key, released together; their status codes and bodies."""
    barrier = threading.Barrier(count)

    def send(_: int) -> tuple[int, dict]:  # type: ignore[type-arg]
        barrier.wait()
        reply = requests.post(url, timeout=60, headers={"Authorization": f"Bearer {token}", "Idempotency-Key": key})
        return reply.status_code, reply.json()

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(send, range(count)))


def test_the_same_key_twenty_times_at_once_is_one_visit_and_twenty_identical_replies(gym: Gym) -> None:
    set_repeat_window(gym.app, 3, 0)  # without the repeat rule, only the key keeps this to one deduction
    member, sub = member_with_pack(gym.app, 3, 10)
    replies = _at_once(20, f"{gym.base}/api/subscriptions/{sub.id}/deduct", gym.token("desk3"), str(uuid.uuid4()))
    assert all(r == replies[0] for r in replies), replies
    assert replies[0][0] == 200 and replies[0][1]["data"]["remaining_sessions"] == 9
    assert gym.app.subscriptions.get(owner_desk(gym.app, 1), sub.id).remaining == 9
    assert len(_visits(gym, member.member_no)) == 1


def test_a_refusal_sent_ten_times_at_once_is_stored_once_and_answered_the_same(gym: Gym) -> None:
    """A refused change keeps nothing it wrote; the refusal alone is stored (in a second transaction), so every
    copy of the request, at once or later, gets the same words and nothing is deducted or recorded."""
    set_repeat_window(gym.app, 3, 0)
    member, sub = member_with_pack(gym.app, 3, 1)
    token = gym.token("desk3")
    used = requests.post(f"{gym.base}/api/subscriptions/{sub.id}/deduct", timeout=60,
                         headers={"Authorization": f"Bearer {token}"})
    assert used.status_code == 200 and used.json()["data"]["remaining_sessions"] == 0
    key = str(uuid.uuid4())
    replies = _at_once(10, f"{gym.base}/api/subscriptions/{sub.id}/deduct", token, key)
    assert all(r == replies[0] for r in replies), replies
    assert replies[0][0] == 400 and replies[0][1]["error"] == "No sessions/coins remaining"
    later = requests.post(f"{gym.base}/api/subscriptions/{sub.id}/deduct", timeout=60,
                          headers={"Authorization": f"Bearer {token}", "Idempotency-Key": key})
    assert (later.status_code, later.json()) == replies[0] and later.headers.get("Idempotent-Replayed") == "true"
    assert gym.app.subscriptions.get(owner_desk(gym.app, 1), sub.id).remaining == 0
    assert len(_visits(gym, member.member_no)) == 1  # the deduction that worked, nothing for the refusals


def test_a_replay_days_later_gets_the_first_reply_and_a_changed_body_is_refused(gym: Gym) -> None:
    member, _ = member_with_pack(gym.app, 1, 5)
    key = str(uuid.uuid4())
    first = gym.call("POST", "/api/attendance", key=key, json={"customer_id": member.member_no})
    assert first.status_code == 201
    again = gym.call("POST", "/api/attendance", key=key, json={"customer_id": member.member_no})
    assert (again.status_code, again.json()) == (201, first.json())
    assert again.headers.get("Idempotent-Replayed") == "true"
    other = gym.call("POST", "/api/attendance", key=key, json={"customer_id": member.member_no,
                                                               "action": "check_in_with_deduction"})
    assert other.status_code == 422 and other.json()["success"] is False
    stolen = gym.call("POST", "/api/attendance", "desk2", key=key, json={"customer_id": member.member_no})
    assert stolen.status_code == 422  # another person's operation id is not theirs to replay
    assert len(_visits(gym, member.member_no)) == 1
    refusal_key = str(uuid.uuid4())
    refused = gym.call("POST", "/api/attendance", key=refusal_key, json={"customer_id": 999999})
    replayed = gym.call("POST", "/api/attendance", key=refusal_key, json={"customer_id": 999999})
    assert refused.status_code == replayed.status_code == 404 and refused.json() == replayed.json()
    bad = gym.call("POST", "/api/attendance", key="not-a-uuid", json={"customer_id": member.member_no})
    assert bad.status_code == 400 and "Idempotency-Key" in bad.json()["error"]


def test_forged_expired_missing_and_revoked_tokens_get_401_with_the_envelope(gym: Gym) -> None:
    signed_in = gym.login("desk1")
    real = signed_in["access_token"]
    head, payload, signature = real.split(".")
    for token in (f"{head}.{payload}.{signature[:-2]}xx", gym.forge({"sub": signed_in["user"]["id"]}, "other-secret"),
                  gym.forge({"sub": signed_in["user"]["id"], "sid": str(uuid.uuid4()), "exp": time.time() + 600}),
                  "garbage"):
        reply = requests.get(f"{gym.base}/api/branches", headers={"Authorization": f"Bearer {token}"}, timeout=30)
        assert reply.status_code == 401 and reply.json()["success"] is False, token
    claims = dict(__import__("json").loads(__import__("base64").urlsafe_b64decode(payload + "==")))
    expired = gym.forge({**claims, "exp": int(time.time()) - 1})  # properly signed, but past its time
    reply = requests.get(f"{gym.base}/api/branches", headers={"Authorization": f"Bearer {expired}"}, timeout=30)
    assert reply.status_code == 401 and reply.json()["success"] is False
    valid = gym.forge({**claims, "exp": int(time.time()) + 60})
    assert requests.get(f"{gym.base}/api/branches", headers={"Authorization": f"Bearer {valid}"},
                        timeout=30).status_code == 200  # the same claims in time pass: the expiry is what failed
    assert gym.call("GET", "/api/branches", None).status_code == 401
    out = requests.post(f"{gym.base}/api/auth/logout", headers={"Authorization": f"Bearer {real}"}, timeout=30)
    assert out.status_code == 200
    after = requests.get(f"{gym.base}/api/branches", headers={"Authorization": f"Bearer {real}"}, timeout=30)
    assert after.status_code == 401
    refresh = requests.post(f"{gym.base}/api/auth/refresh", json={"refresh_token": signed_in["refresh_token"]},
                            timeout=30)
    assert refresh.status_code == 401


def test_refresh_rotates_with_a_grace_period_and_a_late_reuse_ends_the_session(gym: Gym) -> None:
    signed_in = gym.login("desk2")
    old = signed_in["refresh_token"]
    first = requests.post(f"{gym.base}/api/auth/refresh", json={"refresh_token": old}, timeout=30)
    assert first.status_code == 200
    rotated = first.json()["data"]
    assert rotated["refresh_token"] != old and rotated["user"]["username"] == "desk2"
    lost_reply = requests.post(f"{gym.base}/api/auth/refresh", json={"refresh_token": old}, timeout=30)
    assert lost_reply.status_code == 200  # the first reply was lost on the line: the old token still works
    time.sleep(GRACE_SECONDS + 1)
    late = requests.post(f"{gym.base}/api/auth/refresh", json={"refresh_token": old}, timeout=30)
    assert late.status_code == 401
    access = rotated["access_token"]
    assert requests.get(f"{gym.base}/api/branches", headers={"Authorization": f"Bearer {access}"},
                        timeout=30).status_code == 401  # the whole session was revoked


def test_a_receptionist_cannot_change_a_price_or_act_at_another_branch(gym: Gym) -> None:
    service = pack_service(gym.app, 8, price="800")
    member = new_member(gym.app, 1)
    body = {"customer_id": member.member_no, "service_id": str(service.id), "amount": 100, "payment_method": "cash"}
    refused = gym.call("POST", "/api/subscriptions/activate", "desk1", json=body)
    assert refused.status_code == 403 and refused.json()["success"] is False
    assert gym.call("GET", f"/api/customers/{member.member_no}").json()["data"]["subscriptions"] == []
    sold = gym.call("POST", "/api/subscriptions/activate", "manager", json=body)
    assert sold.status_code == 201 and sold.json()["data"]["amount"] == 100.0
    payments = gym.app.subscriptions.receipt_for(owner_desk(gym.app, 1), uuid.UUID(sold.json()["data"]["id"]))
    assert payments.amount == Decimal("100.00")
    other, _ = member_with_pack(gym.app, 2, 5)
    away = gym.call("POST", "/api/attendance", "desk1", json={"customer_id": other.member_no, "branch_id": 2})
    assert away.status_code == 403 and away.json()["success"] is False
    assert gym.call("GET", "/api/attendance?branch_id=2", "desk1").status_code == 403
    assert gym.call("GET", "/api/attendance?branch_id=2", "owner").status_code == 200
    register = gym.call("POST", "/api/customers", "desk1", json={"full_name": "Away Member", "phone": "01099887766",
                                                                 "branch_id": 2, "shared_phone_ok": True})
    assert register.status_code == 403
