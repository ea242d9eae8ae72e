"""The member's temporary password: two letters, two digits, two letters (AB12CD)."""

from __future__ import annotations

import re
import secrets
import string

TEMP_PASSWORD = re.compile(r"^[A-Z]{2}[0-9]{2}[A-Z]{2}$")


def generate_temp_password() -> str:
    letters, digits = string.ascii_uppercase, string.digits
    pick = secrets.choice
    return "".join([pick(letters), pick(letters), pick(digits), pick(digits), pick(letters), pick(letters)])
