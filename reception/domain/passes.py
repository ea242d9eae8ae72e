"""Day passes: a visitor's one-time entry as a signed token any desk of the chain checks offline (DESIGN §12).

A pass's code is `PASS-` and the uppercase Crockford base32 of a payload and its Ed25519 signature. The payload
holds the pass id, the branch it admits at (0: any branch of the chain), when it was sold and for how many minutes
it stays valid, and which key signed it. Crockford's alphabet has no I, L, O or U, reads lower case as upper and
I/L as 1 and O as 0, so the code survives a USB scanner, the desk's code cleaning and a hand that types it.

`check` decides on a code with only the public keys and the clock: a forged, altered, truncated, expired or
foreign code is denied with its own reason, never an exception. Whether the pass was already used or voided is
the store's knowledge; the pass service adds it.
"""

from __future__ import annotations

import struct
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from reception.domain.reasons import Reason

PREFIX = "PASS-"
FORMAT = 1
VALID_MINUTES = 24 * 60  # 24 hours of elapsed time from the sale; a DST change moves only the time shown
_PAYLOAD = struct.Struct(">B4s16sHIH")  # format, key id, pass id, branch number, issued (s), valid (min)
SIGNATURE_BYTES = 64
TOKEN_BYTES = _PAYLOAD.size + SIGNATURE_BYTES
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_VALUES = {c: i for i, c in enumerate(_ALPHABET)} | {"O": 0, "I": 1, "L": 1}
TOKEN_CHARS = len(PREFIX) + (TOKEN_BYTES * 8 + 4) // 5
MAX_PASS_LENGTH = TOKEN_CHARS + 8  # the scan path's length limit for passes (a member card's is 64)
CLOCK_SLACK = timedelta(minutes=5)  # a pass sold on a desk whose clock runs a little ahead is not "not yet valid"


def b32encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    bits = len(data) * 8
    chars = (bits + 4) // 5
    number <<= chars * 5 - bits
    return "".join(_ALPHABET[(number >> (5 * (chars - 1 - i))) & 31] for i in range(chars))


def b32decode(text: str, size: int) -> bytes | None:
    """`size` bytes from Crockford base32, or None when the text is not exactly that (a wrong character, too
    short, too long)."""
    if len(text) != (size * 8 + 4) // 5:
        return None
    number = 0
    for char in text:
        value = _VALUES.get(char)
        if value is None:
            return None
        number = number << 5 | value
    spare = len(text) * 5 - size * 8
    if number & ((1 << spare) - 1):
        return None  # the padding bits of a real code are zero
    return (number >> spare).to_bytes(size, "big")


def looks_like_pass(code: str) -> bool:
    """A day pass by its form (a member card is GYM-…): the prefix, whatever follows."""
    return code[:len(PREFIX)].upper() == PREFIX


def logged_form(code: str) -> str:
    """What the access log keeps of a code that is not a readable pass: its start and its length, never all of it."""
    return f"{code[:len(PREFIX) + 6]}…({len(code)})"


@dataclass(frozen=True)
class PassKey:
    """A key that signs passes: its 4-byte id (8 hex digits) and public half; revoked keys verify nothing."""

    key_id: str
    public_key: bytes
    created_at: datetime
    holder: str = ""  # "server", "desk" or the enrolled device's id
    retired_at: datetime | None = None  # a newer key signs now; this one still verifies its passes
    revoked_at: datetime | None = None


@dataclass(frozen=True)
class Signer:
    key_id: str
    private_key: Ed25519PrivateKey

    @classmethod
    def new(cls) -> Signer:
        import secrets
        return cls(secrets.token_hex(4).upper(), Ed25519PrivateKey.generate())

    @classmethod
    def load(cls, key_id: str, raw: bytes) -> Signer:
        return cls(key_id, Ed25519PrivateKey.from_private_bytes(raw))

    def raw(self) -> bytes:
        from cryptography.hazmat.primitives import serialization
        return self.private_key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                              serialization.NoEncryption())

    def public(self) -> bytes:
        from cryptography.hazmat.primitives import serialization
        return self.private_key.public_key().public_bytes(serialization.Encoding.Raw,
                                                          serialization.PublicFormat.Raw)


@dataclass(frozen=True)
class PassClaims:
    """What a pass's code says, once its signature is checked."""

    pass_id: uuid.UUID
    key_id: str
    branch_number: int  # 0: any branch of the chain
    issued_at: datetime
    valid_minutes: int

    @property
    def expires_at(self) -> datetime:
        return self.issued_at + timedelta(minutes=self.valid_minutes)


def sign(signer: Signer, claims: PassClaims) -> str:
    """The pass's code. Ed25519 is deterministic: the same pass signed again is the same code (a reprint)."""
    payload = _PAYLOAD.pack(FORMAT, bytes.fromhex(signer.key_id), claims.pass_id.bytes, claims.branch_number,
                            int(claims.issued_at.timestamp()), claims.valid_minutes)
    return PREFIX + b32encode(payload + signer.private_key.sign(payload))


@dataclass(frozen=True)
class PassCheck:
    """A code's verdict before the store is asked: the claims when the signature holds, the reason otherwise."""

    claims: PassClaims | None
    reason: Reason | None

    @property
    def ok(self) -> bool:
        return self.reason is None


def _deny(code: str, message: str, **params: object) -> PassCheck:
    return PassCheck(None, Reason(code, message, params))


def read(code: str) -> tuple[PassClaims, bytes, bytes] | PassCheck:
    """The claims, signed bytes and signature of a code, or why it cannot be read (before any key is looked at)."""
    body = code.strip().upper()
    if not body.startswith(PREFIX):
        return _deny("pass_malformed", "This is not a day pass")
    body = body[len(PREFIX):]
    if len(body) < TOKEN_CHARS - len(PREFIX) and all(c in _VALUES for c in body):
        return _deny("pass_truncated", "The pass code is incomplete; scan it again")
    raw = b32decode(body, TOKEN_BYTES)
    if raw is None:
        return _deny("pass_malformed", "The pass code is damaged")
    payload, signature = raw[:_PAYLOAD.size], raw[_PAYLOAD.size:]
    version, key_id, pass_id, branch_number, issued, minutes = _PAYLOAD.unpack(payload)
    if version != FORMAT:
        return _deny("pass_malformed", "The pass code is damaged")
    claims = PassClaims(uuid.UUID(bytes=pass_id), key_id.hex().upper(), branch_number,
                        datetime.fromtimestamp(issued, UTC), minutes)
    return claims, payload, signature


def check(code: str, keys: Mapping[str, PassKey], now: datetime, branch_number: int) -> PassCheck:
    """A code's verdict from its signature, its times and its branch (not whether it was used or voided)."""
    found = read(code)
    if isinstance(found, PassCheck):
        return found
    claims, payload, signature = found
    key = keys.get(claims.key_id)
    if key is None:
        return _deny("pass_unknown_key", "This pass was not issued by this gym")
    try:
        Ed25519PublicKey.from_public_bytes(key.public_key).verify(signature, payload)
    except (InvalidSignature, ValueError):
        return _deny("pass_forged", "The pass code does not match its signature (altered or forged)")
    if key.revoked_at is not None:
        return PassCheck(claims, Reason("pass_key_revoked", "This pass's signing key was withdrawn; ask the desk",
                                        {"key": key.key_id}))
    if claims.valid_minutes <= 0 or claims.valid_minutes > 7 * 24 * 60:
        return PassCheck(claims, Reason("pass_malformed", "The pass code is damaged"))
    if claims.branch_number and claims.branch_number != branch_number:
        return PassCheck(claims, Reason("pass_other_branch", "This pass is for another branch",
                                        {"branch": claims.branch_number}))
    if now < claims.issued_at - CLOCK_SLACK:
        return PassCheck(claims, Reason("pass_not_yet_valid", "This pass is not valid yet",
                                        {"from": claims.issued_at}))
    if now >= claims.expires_at:
        return PassCheck(claims, Reason("pass_expired", "This pass expired", {"at": claims.expires_at}))
    return PassCheck(claims, None)

