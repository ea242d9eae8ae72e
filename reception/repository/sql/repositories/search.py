"""Customer search by term prefixes, fast on 100,000 members.

Each customer has rows (term, sort_name, member_no, customer_id, branch_id), all in one
index led by the term. A token matches a customer when one of its terms starts with
it: a range scan `lo <= term < hi`, where `hi` is the token with its last character
bumped by one code point (terms compare by code point: SQLite BINARY, PostgreSQL
COLLATE "C"). The index covers every column the search needs, so the database never
reads the customers table: one token is a range scan plus a top-N sort; several
tokens are the INTERSECT of their ranges, sorted.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

_MAX_CODE_POINT = 0x10FFFF
_UUID = sa.Uuid(as_uuid=True)


def prefix_upper_bound(prefix: str) -> str | None:
    """The smallest string greater than every string starting with `prefix`, or None."""
    chars = list(prefix)
    while chars:
        point = ord(chars[-1]) + 1
        if 0xD800 <= point <= 0xDFFF:
            point = 0xE000  # surrogates are not characters
        if point <= _MAX_CODE_POINT:
            chars[-1] = chr(point)
            return "".join(chars)
        chars.pop()
    return None


def _token_select(index: int, token: str, branch: bool, params: dict[str, Any]) -> str:
    params[f"lo{index}"] = token
    conditions = [f"term >= :lo{index}"]
    upper = prefix_upper_bound(token)
    if upper is not None:
        params[f"hi{index}"] = upper
        conditions.append(f"term < :hi{index}")
    if branch:
        conditions.append("branch_id = :branch")
    return f"SELECT customer_id, sort_name, member_no FROM customer_terms WHERE {' AND '.join(conditions)}"


def _run(session: Session, sql: str, params: dict[str, Any], branch_id: uuid.UUID | None) -> list[uuid.UUID]:
    query = sa.text(sql).columns(sa.column("customer_id", _UUID), sa.column("sort_name"), sa.column("member_no"))
    if branch_id is not None:
        query = query.bindparams(sa.bindparam("branch", type_=_UUID))
        params["branch"] = branch_id
    return [row[0] for row in session.execute(query, params)]


def search_customer_ids(
    session: Session, tokens: Sequence[str], *, branch_id: uuid.UUID | None, limit: int
) -> list[uuid.UUID]:
    tokens = [token for token in dict.fromkeys(tokens) if token]
    if not tokens or limit <= 0:
        return []
    params: dict[str, Any] = {}
    selects = [_token_select(index, token, branch_id is not None, params) for index, token in enumerate(tokens)]
    if len(tokens) > 1:
        # INTERSECT is a set operation: each customer once, whichever terms matched.
        sql = " INTERSECT ".join(selects) + " ORDER BY 2, 3 LIMIT :limit"
        params["limit"] = limit
        return _run(session, sql, params, branch_id)
    # One token: a customer can match through several terms ("mohamed" and "mohamed salem"),
    # so fetch a few rows per customer and drop repeats; a top-N sort stays cheap.
    fetch = limit * 4
    while True:
        params["limit"] = fetch
        rows = _run(session, selects[0] + " ORDER BY sort_name, member_no LIMIT :limit", dict(params), branch_id)
        ids = list(dict.fromkeys(rows))
        if len(ids) >= limit or len(rows) < fetch:
            return ids[:limit]
        fetch *= 4
