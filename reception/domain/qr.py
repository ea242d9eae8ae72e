"""Member card codes: `GYM-{member_no}-{8 uppercase hex}`."""

from __future__ import annotations

import re
import secrets

from reception.domain.text import fold_digits, undo_arabic_layout

CODE_PATTERN = re.compile(r"^GYM-(\d{1,9})-([0-9A-F]{8})$")
MAX_CODE_LENGTH = 64  # anything longer is not one of our cards


def card_secret() -> str:
    """The random part of a card code (8 hex digits), made once with the operation that issues the card."""
    return secrets.token_hex(4).upper()


def generate_code(member_no: int, secret: str = "") -> str:
    part = secret.strip().upper() if re.fullmatch(r"[0-9A-Fa-f]{8}", secret.strip()) else card_secret()
    return f"GYM-{member_no}-{part}"


def clean_code(raw: str) -> str:
    """What a scanner or a hand typed, as a stored code would look (layout, digits, case)."""
    text = undo_arabic_layout(raw.strip())
    text = fold_digits(text).strip().upper()
    return text


def looks_like_card(code: str) -> bool:
    return bool(CODE_PATTERN.match(code))


def member_no_in(code: str) -> int | None:
    """The number printed in a code; for display only, never for lookup."""
    match = CODE_PATTERN.match(code)
    return int(match.group(1)) if match else None
