"""Customer search by term prefixes, fast on 100,000 members.

Each customer has rows (customer_id, term) indexed by term. A token matches a
customer when one of its terms starts with it: a range scan `lo <= term < hi` on the
index, where `hi` is the token with its last character bumped by one code point
(terms compare byte-wise: SQLite BINARY, PostgreSQL COLLATE "C").

Two plans, picked per query from a capped count of the rarest token's terms:
- rare token: collect its customers from the term index, keep those matching the
  other tokens, sort that handful;
- common token (a letter, "010"): walk customers in name order through the sort index
  and stop at `limit` matches, each checked with an index probe.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

# Above this many matching term rows, the walk in name order is cheaper than sorting.
RARE_CAP = 3000
_MAX_CODE_POINT = 0x10FFFF


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


def _range(alias: str, index: int, token: str, params: dict[str, Any]) -> str:
    params[f"lo{index}"] = token
    upper = prefix_upper_bound(token)
    if upper is None:
        return f"{alias}.term >= :lo{index}"
    params[f"hi{index}"] = upper
    return f"{alias}.term >= :lo{index} AND {alias}.term < :hi{index}"


def _matches(session: Session, token: str, cap: int) -> int:
    params: dict[str, Any] = {"cap": cap}
    where = _range("t", 0, token, params)
    query = f"SELECT count(*) FROM (SELECT 1 FROM customer_terms AS t WHERE {where} LIMIT :cap) AS m"
    return int(session.execute(sa.text(query), params).scalar_one())


def search_customer_ids(
    session: Session, tokens: Sequence[str], *, branch_id: uuid.UUID | None, limit: int
) -> list[uuid.UUID]:
    tokens = [token for token in dict.fromkeys(tokens) if token]
    if not tokens or limit <= 0:
        return []
    counts = {token: _matches(session, token, RARE_CAP) for token in tokens}
    driver = min(tokens, key=lambda token: counts[token])
    if counts[driver] == 0:
        return []
    others = [token for token in tokens if token != driver]
    sqlite = session.get_bind().dialect.name == "sqlite"
    params: dict[str, Any] = {"limit": limit}
    filters = []
    if branch_id is not None:
        filters.append("c.branch_id = :branch")
    for index, token in enumerate(others, start=1):
        where = _range(f"t{index}", index, token, params)
        filters.append(f"EXISTS (SELECT 1 FROM customer_terms AS t{index} WHERE t{index}.customer_id = c.id AND {where})")
    if counts[driver] < RARE_CAP:
        driver_where = _range("t0", 0, driver, params)
        join = "CROSS JOIN" if sqlite else "JOIN"  # SQLite: keep the matches as the outer loop
        source = (
            f"(SELECT DISTINCT t0.customer_id AS cid FROM customer_terms AS t0 WHERE {driver_where}) AS m "
            f"{join} customers AS c ON c.id = m.cid"
        )
    else:
        where = _range("t0", 0, driver, params)
        filters.insert(0, f"EXISTS (SELECT 1 FROM customer_terms AS t0 WHERE t0.customer_id = c.id AND {where})")
        hint = ""
        if sqlite:
            hint = " INDEXED BY ix_customers_branch_sort" if branch_id is not None else " INDEXED BY ix_customers_sort"
        source = f"customers AS c{hint}"
    where_sql = f" WHERE {' AND '.join(filters)}" if filters else ""
    query = sa.text(f"SELECT c.id FROM {source}{where_sql} ORDER BY c.sort_name, c.member_no LIMIT :limit")
    query = query.columns(sa.column("id", sa.Uuid(as_uuid=True)))
    if branch_id is not None:
        query = query.bindparams(sa.bindparam("branch", type_=sa.Uuid(as_uuid=True)))
        params["branch"] = branch_id
    return list(session.execute(query, params).scalars())
