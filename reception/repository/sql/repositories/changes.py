"""The change log: every write notes the records it touched in the same transaction; readers follow it.

On PostgreSQL each row carries its transaction's id (`pg_current_xact_id()`), and a page holds only rows of
transactions older than the oldest one still running (`pg_snapshot_xmin`), ordered by (txid, seq). A
transaction that took its sequence number early but commits late is therefore read after it commits, never
skipped, whatever order the server's transactions finish in. SQLite has one writer at a time, so the
sequence alone is commit order there (txid is 0).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from reception.domain.commands import Change, ChangeCursor
from reception.repository.sql.errors import translated
from reception.repository.sql.tables import changes

_PG_TXID = sa.text("pg_current_xact_id()::text::bigint")
_PG_XMIN = sa.text("pg_snapshot_xmin(pg_current_snapshot())::text::bigint")


def note(session: Session, entity: str, records: Iterable[tuple[object, uuid.UUID | None]]) -> None:
    """Adds one change row per (record id, branch id) for `entity`, inside the caller's transaction."""
    at = datetime.now(UTC)
    rows = [{"entity": entity, "entity_id": str(record), "branch_id": branch, "at": at} for record, branch in records]
    if not rows:
        return
    statement = sa.insert(changes)
    if session.get_bind().dialect.name == "postgresql":
        statement = statement.values(txid=_PG_TXID)
    for start in range(0, len(rows), 5000):
        session.execute(statement, rows[start:start + 5000])


class SqlChangeRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    @translated
    def after(self, cursor: ChangeCursor, limit: int) -> list[Change]:
        query = sa.select(changes).order_by(changes.c.txid, changes.c.seq).limit(limit)
        if self._session.get_bind().dialect.name == "postgresql":
            query = query.where(changes.c.txid < _PG_XMIN, sa.tuple_(changes.c.txid, changes.c.seq) >
                                sa.tuple_(sa.literal(cursor.txid, sa.BigInteger), sa.literal(cursor.seq, sa.BigInteger)))
        else:
            query = query.where(changes.c.seq > cursor.seq)
        return [Change(ChangeCursor(row.txid, row.seq), row.entity, row.entity_id, row.branch_id, row.at)
                for row in self._session.execute(query)]
