"""Text as the desk receives it: search folding, phone numbers, keyboard layouts."""

from __future__ import annotations

import re
import unicodedata

_DIGITS = {ord(c): str(i) for i, c in enumerate("٠١٢٣٤٥٦٧٨٩")}
_DIGITS.update({ord(c): str(i) for i, c in enumerate("۰۱۲۳۴۵۶۷۸۹")})

_ARABIC_LETTERS = {
    ord("أ"): "ا",
    ord("إ"): "ا",
    ord("آ"): "ا",
    ord("ٱ"): "ا",
    ord("ة"): "ه",
    ord("ى"): "ي",
    ord("ـ"): None,  # tatweel
}
# Harakat, tanween, shadda, sukun, superscript alef, and Quranic marks.
_ARABIC_MARKS = {cp: None for cp in [*range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE)]}


def plain_text(text: str) -> str:
    """What a person could have meant: no lone surrogates (bytes that were not UTF-8), no NUL or other
    control characters (tabs and line breaks become spaces). Storage and search never see the rest."""
    if text.isprintable():
        return text
    return "".join(" " if c in "\t\n\r\v\f" else c for c in text
                   if c in "\t\n\r\v\f" or not (unicodedata.category(c) in ("Cc", "Cs")))


def fold_digits(text: str) -> str:
    """Arabic-Indic and Persian digits to ASCII: '٠١٠' -> '010'."""
    return text.translate(_DIGITS)


def fold(text: str) -> str:
    """The form search compares: digits ASCII, Arabic variants unified, case and accents gone."""
    text = plain_text(text).translate(_DIGITS).translate(_ARABIC_LETTERS).translate(_ARABIC_MARKS)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


# --- phones -----------------------------------------------------------------

_PHONE_JUNK = re.compile(r"[\s\-().\u200e\u200f]")
_EGYPT_MOBILE = re.compile(r"^01[0125]\d{8}$")


def normalize_phone(raw: str) -> str:
    """One stored form per number: Egyptian mobiles as 01XXXXXXXXX, others as +digits.

    Returns the input cleaned of spaces when it is not recognisably a phone, so
    validation can say what is wrong with it.
    """
    text = _PHONE_JUNK.sub("", fold_digits(raw.strip()))
    if text.startswith("00"):
        text = "+" + text[2:]
    if text.startswith("+20"):
        text = "0" + text[3:]
    elif text.startswith("20") and len(text) == 12:
        text = "0" + text[2:]
    elif not text.startswith(("0", "+")) and len(text) == 10 and text.startswith("1"):
        text = "0" + text
    return text


def is_valid_phone(phone: str) -> bool:
    if _EGYPT_MOBILE.match(phone):
        return True
    return bool(re.fullmatch(r"\+[1-9]\d{7,14}", phone))


def phone_digits(raw: str) -> str:
    """Only the digits of a phone-like query, for partial phone search."""
    return re.sub(r"\D", "", fold_digits(raw))


# --- keyboard layouts ---------------------------------------------------------

# Windows "Arabic (101)": what each US key produces. A USB scanner sends US key
# codes, so with this layout active a card arrives as these characters.
_ARABIC_101_UNSHIFTED = {
    "`": "ذ", "q": "ض", "w": "ص", "e": "ث", "r": "ق", "t": "ف", "y": "غ", "u": "ع",
    "i": "ه", "o": "خ", "p": "ح", "[": "ج", "]": "د", "a": "ش", "s": "س", "d": "ي",
    "f": "ب", "g": "ل", "h": "ا", "j": "ت", "k": "ن", "l": "م", ";": "ك", "'": "ط",
    "z": "ئ", "x": "ء", "c": "ؤ", "v": "ر", "b": "لا", "n": "ى", "m": "ة", ",": "و",
    ".": "ز", "/": "ظ",
}
_ARABIC_101_SHIFTED = {
    "~": "ّ", "Q": "َ", "W": "ً", "E": "ُ", "R": "ٌ", "T": "لإ", "Y": "إ", "U": "‘",
    "I": "÷", "O": "×", "P": "؛", "{": "<", "}": ">", "A": "ِ", "S": "ٍ", "D": "]",
    "F": "[", "G": "لأ", "H": "أ", "J": "ـ", "K": "،", "L": "/", "Z": "~", "X": "ْ",
    "C": "}", "V": "{", "B": "لآ", "N": "آ", "M": "’", "<": ",", ">": ".", "?": "؟",
}
_LIGATURES = {"ﻵ": "لآ", "ﻷ": "لأ", "ﻹ": "لإ", "ﻻ": "لا"}

_BACK: dict[str, str] = {}
for _table in (_ARABIC_101_UNSHIFTED, _ARABIC_101_SHIFTED):
    for _key, _produced in _table.items():
        _BACK.setdefault(_produced, _key)
_BACK["'"] = "M"  # some Arabic layouts send an ASCII apostrophe for Shift+M
_LONGEST = max(len(k) for k in _BACK)
_ARABIC_SIGNAL = re.compile(r"[\u0600-\u06ff\ufe70-\ufeff\u2018\u2019÷×]")


def undo_arabic_layout(text: str) -> str:
    """Translate text typed on the Arabic (101) layout back to the US keys that were pressed.

    Text with no Arabic-layout character is returned unchanged, so a code that
    arrived correctly is never touched.
    """
    if not _ARABIC_SIGNAL.search(text):
        return text
    for ligature, pair in _LIGATURES.items():
        text = text.replace(ligature, pair)
    text = fold_digits(text)
    out: list[str] = []
    i = 0
    while i < len(text):
        for size in range(_LONGEST, 0, -1):
            chunk = text[i : i + size]
            if len(chunk) == size and chunk in _BACK:
                out.append(_BACK[chunk])
                i += size
                break
        else:
            out.append(text[i])
            i += 1
    return "".join(out)
