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
from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

from reception.domain.commands import Change, ChangeCursor
from reception.repository.sql.errors import translated
from reception.repository.sql.tables import changes

_PG_TXID = sa.text("pg_current_xact_id()::text::bigint")
_PG_XMIN = sa.text("pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
_NOTE = sa.insert(changes)
_NOTE_PG = sa.insert(changes).values(txid=_PG_TXID)


_PENDING, _MARKS = "reception_changes", "reception_change_marks"


def note(session: Session, entity: str, records: Iterable[tuple[object, uuid.UUID | None]]) -> None:
    """Adds one change row per (record id, branch id) for `entity`, inside the caller's transaction.

    The rows are written together when the transaction commits (one statement for a check-in's visit, deduction
    and ledger line instead of three); a savepoint rolled back takes back the rows noted inside it."""
    at = datetime.now(UTC)
    rows = [{"entity": entity, "entity_id": str(record), "branch_id": branch, "at": at} for record, branch in records]
    if rows:
        session.info.setdefault(_PENDING, []).extend(rows)


def _write_noted(session: Session) -> None:
    rows = session.info.pop(_PENDING, None)
    session.info.pop(_MARKS, None)
    if not rows:
        return
    statement = _NOTE_PG if session.get_bind().dialect.name == "postgresql" else _NOTE
    for start in range(0, len(rows), 5000):
        session.execute(statement, rows[start:start + 5000])


@event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    if session.get_nested_transaction() is None:  # the transaction itself, not one of its savepoints
        _write_noted(session)


@event.listens_for(Session, "after_transaction_create")
def _savepoint_begun(session: Session, transaction: SessionTransaction) -> None:
    if transaction.nested:
        session.info.setdefault(_MARKS, {})[id(transaction)] = len(session.info.get(_PENDING, ()))


@event.listens_for(Session, "after_soft_rollback")
def _rolled_back(session: Session, previous_transaction: SessionTransaction) -> None:
    if previous_transaction.nested:
        mark = session.info.get(_MARKS, {}).pop(id(previous_transaction), None)
        if mark is not None and _PENDING in session.info:
            del session.info[_PENDING][mark:]
    else:
        session.info.pop(_PENDING, None)
        session.info.pop(_MARKS, None)


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
