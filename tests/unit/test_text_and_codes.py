"""Arabic text, phones, keyboard layouts and card codes as the desk receives them (DESIGN.md §10)."""

from __future__ import annotations

import re

import pytest

from reception.domain.models import Customer
from reception.domain.passwords import TEMP_PASSWORD, generate_temp_password
from reception.domain.qr import clean_code, generate_code, looks_like_card, member_no_in
from reception.domain.search import query_tokens, terms_for
from reception.domain.text import fold, is_valid_phone, normalize_phone, undo_arabic_layout
from tests.unit.factories import customer


@pytest.mark.parametrize(
    ("typed", "folded"),
    [("٠١٠٧٧٨٢٧٦٣٨", "01077827638"), ("۰۱۲۳", "0123"), ("أحمد", "احمد"), ("إسلام", "اسلام"), ("آية", "ايه"),
     ("مصطفى", "مصطفي"), ("محـــمد", "محمد"), ("مُحَمَّد", "محمد"), ("JOSÉ Müller", "jose muller"), ("  Layla   Rashad ", "layla rashad")],
)
def test_fold(typed: str, folded: str) -> None:
    assert fold(typed) == folded


@pytest.mark.parametrize(
    ("raw", "stored"),
    [("01077827638", "01077827638"), ("+201077827638", "01077827638"), ("00201077827638", "01077827638"),
     ("201077827638", "01077827638"), ("010 7782 7638", "01077827638"), ("٠١٠٧٧٨٢٧٦٣٨", "01077827638"),
     ("1077827638", "01077827638"), ("+44 20 7946 0958", "+442079460958")],
)
def test_phones_are_stored_in_one_form(raw: str, stored: str) -> None:
    assert normalize_phone(raw) == stored
    assert is_valid_phone(stored)


@pytest.mark.parametrize("bad", ["123", "0107782763", "01377827638", "abc", "+1"])
def test_bad_phones_are_refused(bad: str) -> None:
    assert not is_valid_phone(normalize_phone(bad))


def _arabic_keys(text: str) -> str:
    """What a US-layout scanner's keys produce while the Arabic (101) layout is active."""
    table = {
        "G": "لأ", "Y": "إ", "M": "’", "A": "ِ", "B": "لآ", "C": "}", "D": "]", "E": "ُ", "F": "[",
        "g": "ل", "y": "غ", "m": "ة", "a": "ش", "b": "لا", "c": "ؤ", "d": "ي", "e": "ث", "f": "ب",
    }
    return "".join(table.get(ch, ch) for ch in text)


@pytest.mark.parametrize("code", ["GYM-0123456789ABCDEF", "GYM-1-0A1B2C3D", "GYM-150-FFEEDDCC"])
def test_scanner_on_arabic_layout_gives_back_every_character(code: str) -> None:
    typed = _arabic_keys(code)
    assert typed != code
    assert undo_arabic_layout(typed) == code
    assert clean_code(typed) == code


def test_hand_typed_lowercase_on_arabic_layout_is_found_too() -> None:
    assert clean_code(_arabic_keys("gym-12-abcdef12")) == "GYM-12-ABCDEF12"


def test_latin_text_is_never_translated() -> None:
    assert undo_arabic_layout("GYM-1-[]{}") == "GYM-1-[]{}"


def test_ligature_forms_of_lam_alef() -> None:
    assert undo_arabic_layout("ﻷإ’-1-ِلآ}]ُ[0000") == "GYM-1-ABCDEF0000"


def test_generated_codes_have_the_card_format() -> None:
    code = generate_code(4321)
    assert re.fullmatch(r"GYM-4321-[0-9A-F]{8}", code)
    assert looks_like_card(code) and member_no_in(code) == 4321
    assert len({generate_code(1) for _ in range(200)}) == 200


def test_temp_password_pattern() -> None:
    passwords = {generate_temp_password() for _ in range(200)}
    assert all(TEMP_PASSWORD.match(p) for p in passwords)
    assert len(passwords) > 190


def test_search_terms_cover_name_words_phone_and_member_number() -> None:
    member: Customer = customer(full_name="أحمد عبد الرحمن", phone="01077827638", member_no=42, qr_code="GYM-42-ABCDEF12")
    terms = terms_for(member)
    assert terms == {"احمد", "عبد", "الرحمن", "01077827638", "1077827638", "7827638", "7638", "42"}


@pytest.mark.parametrize(
    ("query", "tokens"),
    [("Layla", ["layla"]), ("layla rash", ["layla", "rash"]), ("أحمد", ["احمد"]), ("+20 107 782", ["0107782"]),
     ("٠١٠٧٧", ["01077"]), ("", []), ("   ", [])],
)
def test_query_tokens(query: str, tokens: list[str]) -> None:
    assert query_tokens(query) == tokens


def test_a_huge_paste_is_cut_before_searching() -> None:
    assert sum(len(t) for t in query_tokens("a" * 5_000_000)) <= 100
