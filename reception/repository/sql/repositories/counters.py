"""Gap-free numbers handed out atomically: member numbers and receipt numbers."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from reception.repository.sql.tables import counters

MEMBER_NO = "member_no"
RECEIPT_NO = "receipt_no"


def take(session: Session, name: str, count: int, seed_from: sa.ColumnElement[int]) -> int:
    """Takes `count` consecutive numbers of counter `name` and returns the first.

    A missing counter starts after the highest number already in use (`seed_from`), so
    data imported before the counter existed never collides. The increment is one
    UPDATE ... RETURNING: two desks can never be handed the same number.
    """
    if count < 1:
        raise ValueError("count must be at least 1")
    seed = sa.select(sa.literal(name), sa.func.coalesce(sa.select(sa.func.max(seed_from)).scalar_subquery(), 0))
    dialect = session.get_bind().dialect.name
    insert = (postgresql.insert(counters) if dialect == "postgresql" else sqlite.insert(counters)).from_select(
        ["name", "value"], seed
    )
    session.execute(insert.on_conflict_do_nothing(index_elements=["name"]))
    last = session.execute(
        sa.update(counters)
        .where(counters.c.name == name)
        .values(value=counters.c.value + count)
        .returning(counters.c.value)
    ).scalar_one()
    return int(last) - count + 1
