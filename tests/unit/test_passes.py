"""A day pass's code on its own: what it says, and every way a wrong one is denied with its own reason."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from reception.domain import passes
from reception.domain.passes import PassClaims, PassKey, Signer
from reception.domain.qr import clean_code

SOLD = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
SIGNER = Signer.load("0A1B2C3D", bytes(range(32)))
KEYS = {SIGNER.key_id: PassKey(SIGNER.key_id, SIGNER.public(), SOLD - timedelta(days=30), "local")}


def claims(*, branch: int = 1, sold: datetime = SOLD, minutes: int = passes.VALID_MINUTES) -> PassClaims:
    return PassClaims(uuid.UUID("b33f0340-a1a1-50c7-8254-c0e0aecf14a8"), SIGNER.key_id, branch, sold, minutes)


def code(**kwargs: object) -> str:
    return passes.sign(SIGNER, claims(**kwargs))  # type: ignore[arg-type]


def reason(text: str, now: datetime = SOLD + timedelta(hours=1), branch: int = 1) -> str | None:
    verdict = passes.check(text, KEYS, now, branch)
    return verdict.reason.code if verdict.reason else None


def test_a_code_reads_back_what_it_was_signed_with() -> None:
    text = code()
    assert text.startswith("PASS-") and len(text) == passes.TOKEN_CHARS
    assert 100 <= len(text) <= 160
    verdict = passes.check(text, KEYS, SOLD + timedelta(hours=1), 1)
    assert verdict.ok and verdict.claims == claims()
    assert verdict.claims.expires_at == SOLD + timedelta(hours=24)
    assert passes.sign(SIGNER, claims()) == text  # a reprint is the same code


def test_a_code_survives_the_desks_code_cleaning_and_lower_case() -> None:
    text = code()
    assert clean_code(f"  {text.lower()}\n") == text
    assert reason(clean_code(text.lower())) is None
    # Crockford: a hand that types O for 0 or I/L for 1 still gives the same code
    assert reason(text.replace("0", "O").replace("1", "I")) is None


def test_a_member_card_is_not_a_pass_by_its_form() -> None:
    assert passes.looks_like_pass(code()) and not passes.looks_like_pass("GYM-1042-0A1B2C3D")


@pytest.mark.parametrize("position", [0, 2, 7, 26, 40, 90])
def test_a_flipped_bit_is_denied_as_altered_or_forged(position: int) -> None:
    raw = passes.b32decode(code()[5:], passes.TOKEN_BYTES)
    assert raw is not None
    for bit in range(8):
        flipped = bytearray(raw)
        flipped[position % len(raw)] ^= 1 << bit
        text = "PASS-" + passes.b32encode(bytes(flipped))
        # a bit of the key id names a key the gym does not have; anywhere else the signature breaks
        if position == 0:
            assert reason(text) == "pass_malformed"  # a format this desk does not read
        elif position < 5:
            assert reason(text) == "pass_unknown_key"
        else:
            assert reason(text) == "pass_forged"


def test_a_code_signed_by_another_key_is_denied() -> None:
    stranger = Signer.new()
    theirs = passes.sign(stranger, PassClaims(uuid.uuid4(), stranger.key_id, 1, SOLD, passes.VALID_MINUTES))
    assert reason(theirs) == "pass_unknown_key"
    # the same key id, another private key: the signature does not match the gym's public key
    impostor = Signer(SIGNER.key_id, Signer.new().private_key)
    assert reason(passes.sign(impostor, claims())) == "pass_forged"


def test_a_truncated_code_is_denied_as_incomplete() -> None:
    text = code()
    for cut in (6, 20, len(text) // 2, len(text) - 1):
        assert reason(text[:cut]) == "pass_truncated"
    assert reason(text + "7") == "pass_malformed"
    assert reason("PASS-") == "pass_truncated"
    assert reason("PASS-#$%") == "pass_malformed"


def test_expiry_is_24_hours_of_elapsed_time_at_the_edges() -> None:
    text = code()
    assert reason(text, SOLD + timedelta(hours=24) - timedelta(seconds=1)) is None
    assert reason(text, SOLD + timedelta(hours=24)) == "pass_expired"
    assert reason(text, SOLD + timedelta(days=3)) == "pass_expired"


def test_across_a_dst_change_the_pass_lasts_24_hours_and_only_the_time_shown_moves() -> None:
    # Cairo leaves summer time at midnight between 30 and 31 October 2025 (clocks go back one hour).
    sold = datetime(2025, 10, 30, 12, 0, tzinfo=ZoneInfo("Africa/Cairo")).astimezone(UTC)
    text = code(sold=sold)
    verdict = passes.check(text, KEYS, sold + timedelta(hours=23, minutes=59), 1)
    assert verdict.ok and verdict.claims is not None
    expires = verdict.claims.expires_at
    assert expires - sold == timedelta(hours=24)
    assert expires.astimezone(ZoneInfo("Africa/Cairo")).strftime("%d %H:%M") == "31 11:00"
    assert reason(text, sold + timedelta(hours=24)) == "pass_expired"


def test_a_pass_for_another_branch_is_denied_and_a_chain_pass_admits_anywhere() -> None:
    assert reason(code(branch=2), branch=1) == "pass_other_branch"
    assert reason(code(branch=0), branch=3) is None


def test_a_pass_from_the_future_is_not_valid_yet_beyond_the_clock_slack() -> None:
    assert reason(code(sold=SOLD + timedelta(minutes=4)), SOLD) is None
    assert reason(code(sold=SOLD + timedelta(hours=2)), SOLD) == "pass_not_yet_valid"


def test_a_revoked_key_denies_every_pass_it_signed() -> None:
    revoked = {SIGNER.key_id: PassKey(SIGNER.key_id, SIGNER.public(), SOLD, "local", revoked_at=SOLD)}
    assert passes.check(code(), revoked, SOLD + timedelta(hours=1), 1).reason.code == "pass_key_revoked"
    # a retired key still verifies what it signed
    retired = {SIGNER.key_id: PassKey(SIGNER.key_id, SIGNER.public(), SOLD, "local", retired_at=SOLD)}
    assert passes.check(code(), retired, SOLD + timedelta(hours=1), 1).ok


def test_fuzzed_codes_never_raise_and_never_pass() -> None:
    rng = random.Random(2026)
    good = code()
    alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ-#é\x00 "
    for _ in range(5_000):
        kind = rng.randrange(3)
        if kind == 0:
            text = "PASS-" + "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 200)))
        elif kind == 1:
            chars = list(good)
            for _ in range(rng.randrange(1, 4)):
                chars[rng.randrange(5, len(chars))] = rng.choice(alphabet[:32])
            text = "".join(chars)
            if text == good:
                continue
        else:
            text = good[:rng.randrange(0, len(good))]
        verdict = passes.check(text, KEYS, SOLD + timedelta(hours=1), 1)
        assert not verdict.ok, text
