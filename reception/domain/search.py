"""Search terms: what a customer is found by, and how a typed query becomes tokens."""

from __future__ import annotations

from reception.domain.models import Customer
from reception.domain.text import fold, phone_digits

MAX_QUERY = 100


def terms_for(customer: Customer) -> set[str]:
    """Folded prefixes-to-be: name words, phone (several ways people read it) and member number.

    A whole card code is found by its exact match, not through these terms.
    """
    return terms_of(customer.full_name, customer.phone, customer.member_no)


def terms_of(full_name: str, phone: str | None, member_no: int) -> set[str]:
    """`terms_for` from the three fields it reads (a pulled row is indexed without building a Customer)."""
    terms: set[str] = set(fold(full_name).split())
    digits = phone_digits(phone or "")
    if digits:
        terms.add(digits)
        terms.add(digits.lstrip("0"))
        if len(digits) >= 7:
            terms.add(digits[-7:])  # last digits, as people read them out
            terms.add(digits[-4:])
    terms.add(str(member_no))
    return {t[:120] for t in terms if t}


def query_tokens(query: str) -> list[str]:
    """Folded words of a query; a phone typed with spaces or +20 becomes one token."""
    text = fold(query[:MAX_QUERY])
    if not text:
        return []
    digits = phone_digits(text)
    if digits and len(digits) >= 4 and all(c.isdigit() or c in " +-()" for c in text):
        if text.lstrip().startswith("+20") or (digits.startswith("20") and len(digits) == 12):
            digits = "0" + digits[2:]
        return [digits]
    tokens = text.split()
    # Longest tokens first: they narrow the search most.
    return sorted(dict.fromkeys(tokens), key=len, reverse=True)[:6]
