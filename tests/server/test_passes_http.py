"""The seed's day-pass behaviour against the running server over HTTP: a pass issued, `/verify` allows it once and
then denies it "used", an expired one is denied "expired", every attempt is in the access log, two turnstiles at
one instant get exactly one allow, and a lost reply retried with its Idempotency-Key is still the allow."""

from __future__ import annotations

import threading
import uuid
from datetime import timedelta

import pytest

from reception.domain import passes as tokens
from reception.domain.passes import PassClaims
from tests.server.conftest import Gym

pytestmark = pytest.mark.server


def sell(gym: Gym, who: str = "desk1", **body: object) -> dict[str, object]:
    reply = gym.call("POST", "/api/passes", who, json={"payment_method": "cash", **body})
    assert reply.status_code == 201, reply.text
    data = reply.json()["data"]
    assert str(data["token"]).startswith("PASS-")
    return data  # type: ignore[no-any-return]


def verify(gym: Gym, token: str, who: str = "desk1", **kwargs: object) -> dict[str, object]:
    reply = gym.call("POST", "/verify", who, json={"token": token, "station": "gate 1"}, **kwargs)  # type: ignore[arg-type]
    assert reply.status_code == 200, reply.text
    return reply.json()  # type: ignore[no-any-return]


def attempts(gym: Gym, pass_id: str) -> list[tuple[bool, str, str]]:
    with gym.app.uow.reading() as uow:
        rows = [e for e in uow.access_log.query(limit=100_000) if str(e.pass_id) == pass_id]
    return [(e.allowed, e.reason, e.station) for e in sorted(rows, key=lambda e: (e.created_at, e.id))]


def test_issued_then_allow_then_used_and_every_attempt_is_logged(gym: Gym) -> None:
    sold = sell(gym, name="Visitor", phone="01000000001")
    first = verify(gym, str(sold["token"]))
    assert first["status"] == "allow" and "reason" not in first
    second = verify(gym, str(sold["token"]).lower())
    assert second["status"] == "deny" and second["reason"] == "used"
    assert str(second["message"]).startswith("Already used at ")
    assert attempts(gym, str(sold["pass_id"])) == [(True, "", "gate 1"), (False, "pass_used", "gate 1")]
    looked = gym.call("GET", f"/api/passes/{sold['pass_id']}").json()["data"]
    assert looked["used_at"] is not None and looked["visitor_name"] == "Visitor"
    # the server's log names the pass by its id, never by its code
    assert str(sold["token"])[5:40] not in gym.log.read_text(errors="replace")


def test_an_expired_token_is_denied_expired_and_logged(gym: Gym) -> None:
    sell(gym)  # the server has its signing key
    with gym.app.uow.reading() as uow:
        signer = uow.passes.signer()
        branch = next(b for b in uow.branches.list() if b.number == 1)
    assert signer is not None
    sold_at = gym.app.clock.now().replace(microsecond=0) - timedelta(hours=24, seconds=5)
    pass_id = uuid.uuid4()
    old = tokens.sign(signer, PassClaims(pass_id, signer.key_id, branch.number, sold_at, tokens.VALID_MINUTES))
    answer = verify(gym, old)
    assert answer == {**answer, "status": "deny", "reason": "expired"}
    assert attempts(gym, str(pass_id)) == [(False, "pass_expired", "gate 1")]


def test_forged_and_garbage_tokens_are_denied_with_a_reason_never_an_error(gym: Gym) -> None:
    token = str(sell(gym)["token"])
    flipped = token[:70] + ("A" if token[70] != "A" else "B") + token[71:]
    assert verify(gym, flipped)["reason"] == "forged"
    assert verify(gym, token[:100])["reason"] == "truncated"
    assert verify(gym, "PASS-" + "Z" * 200_000)["reason"] == "malformed"
    assert verify(gym, "GYM-999999-00000000")["status"] == "deny"  # a member card goes the same way
    missing = gym.call("POST", "/verify", json={})
    assert missing.status_code == 400 and missing.json()["success"] is False
    assert gym.call("POST", "/verify", None, json={"token": token}).status_code == 401
    assert verify(gym, token)["status"] == "allow"  # none of the above used it


def test_two_turnstiles_at_the_same_instant_get_exactly_one_allow(gym: Gym) -> None:
    for _round in range(4):
        token = str(sell(gym)["token"])
        barrier = threading.Barrier(2)
        answers: list[str] = []

        def turnstile(who: str) -> None:
            gym.token(who)
            barrier.wait()
            answers.append(str(verify(gym, token, who)["status"]))

        threads = [threading.Thread(target=turnstile, args=(who,)) for who in ("desk1", "manager")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert sorted(answers) == ["allow", "deny"]


def test_a_lost_allow_retried_with_its_key_is_still_the_allow(gym: Gym) -> None:
    token = str(sell(gym)["token"])
    key = str(uuid.uuid4())
    assert verify(gym, token, key=key)["status"] == "allow"
    again = gym.call("POST", "/verify", json={"token": token, "station": "gate 1"}, key=key)
    assert again.json()["status"] == "allow" and again.headers.get("Idempotent-Replayed") == "true"
    assert verify(gym, token)["reason"] == "used"


def test_a_manager_voids_a_pass_and_it_is_denied_voided(gym: Gym) -> None:
    sold = sell(gym)
    assert gym.call("POST", f"/api/passes/{sold['pass_id']}/void", "desk1", json={"reason": "wrong sale"}
                    ).status_code == 403
    voided = gym.call("POST", f"/api/passes/{sold['pass_id']}/void", "manager", json={"reason": "wrong sale"})
    assert voided.status_code == 200, voided.text
    assert voided.json()["data"]["refund"]["amount"] == "-150.00"
    answer = verify(gym, str(sold["token"]))
    assert answer["reason"] == "voided" and str(answer["message"]).startswith("Voided by ")
