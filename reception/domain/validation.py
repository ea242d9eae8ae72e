"""Checks on what a receptionist types, with messages in their words."""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from reception.domain.errors import ValidationError
from reception.domain.text import fold_digits, is_valid_phone, normalize_phone

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_PHOTO_BYTES = 50 * 1024


def bmi(height_cm: Decimal | None, weight_kg: Decimal | None) -> Decimal | None:
    if not height_cm or not weight_kg:
        return None
    metres = Decimal(height_cm) / 100
    return (Decimal(weight_kg) / (metres * metres)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def parse_decimal(raw: object, *, field: str, label: str, low: int, high: int) -> Decimal | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        value = Decimal(fold_digits(str(raw)).strip().replace(",", "."))
    except InvalidOperation:
        raise ValidationError({field: f"{label} must be a number."}) from None
    if not value.is_finite() or not low <= value <= high:
        raise ValidationError({field: f"{label} must be between {low} and {high}."})
    return value


def check_customer_fields(
    *,
    full_name: str,
    phone: str,
    email: str = "",
    date_of_birth: date | None = None,
    height_cm: object = None,
    weight_kg: object = None,
    photo: bytes | None = None,
    today: date,
) -> dict[str, object]:
    """Validate and normalise registration fields; raises ValidationError listing every problem."""
    problems: dict[str, str] = {}
    clean: dict[str, object] = {}
    name = " ".join(full_name.split())
    if len(name) < 2:
        problems["full_name"] = "Enter the member's full name."
    elif len(name) > 120:
        problems["full_name"] = "The name is too long (120 characters at most)."
    clean["full_name"] = name
    normal = normalize_phone(phone)
    if not normal:
        problems["phone"] = "Enter a phone number."
    elif not is_valid_phone(normal):
        problems["phone"] = "Phone must be a mobile like 01012345678 or an international number starting with +."
    clean["phone"] = normal
    mail = email.strip()
    if mail and (len(mail) > 254 or not _EMAIL.match(mail)):
        problems["email"] = "The email address doesn't look right (name@example.com)."
    clean["email"] = mail.lower()
    if date_of_birth is not None:
        if date_of_birth > today:
            problems["date_of_birth"] = "Date of birth cannot be in the future."
        elif today.year - date_of_birth.year > 110:
            problems["date_of_birth"] = "Date of birth is more than 110 years ago."
    clean["date_of_birth"] = date_of_birth
    for key, label, low, high in (("height_cm", "Height (cm)", 50, 250), ("weight_kg", "Weight (kg)", 20, 300)):
        try:
            clean[key] = parse_decimal(locals()[key], field=key, label=label, low=low, high=high)
        except ValidationError as error:
            problems.update(error.fields)
    if photo is not None and len(photo) > MAX_PHOTO_BYTES:
        problems["photo"] = "The photo is larger than 50 KB; it is resized automatically when chosen in the app."
    clean["photo"] = photo
    if problems:
        raise ValidationError(problems)
    return clean
