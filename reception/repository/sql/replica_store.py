"""A branch desk's side of sync, on its replica file: the sync's state, the outbox's queue, and pulled rows
written without hiding the desk's own operations still waiting to be pushed.

Implements reception.repository.ports.ReplicaStore.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from reception.domain.sync import ISSUE_WORDS, IssueKind, PushedOp
from reception.repository.sql import replica
from reception.repository.sql.engine import READ_ONLY, RELAXED
from reception.repository.sql.errors import storage_errors
from reception.repository.sql.repositories.counters import MEMBER_NO, RECEIPT_NO
from reception.repository.sql.tables import (
    counters,
    customers,
    ledger_entries,
    outbox,
    subscriptions,
    sync_issues,
    sync_state,
)

DEVICE = "device_id"
REENROL = "reenrol"  # set when the replica was put back from a backup: a new device id before the next push


def enrolled(engine: Engine) -> bool:
    """Whether the database at `engine` is a branch desk's replica (it has been connected to a server)."""
    if engine.dialect.name != "sqlite":
        return False
    with storage_errors(), engine.connect().execution_options(**{READ_ONLY: True}) as connection:
        if not sa.inspect(connection).has_table("sync_state"):
            return False
        return connection.execute(sa.select(sync_state.c.value).where(sync_state.c.name == DEVICE)
                                  ).first() is not None



class SqlReplicaStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._factory = sessionmaker(bind=engine, expire_on_commit=False)

    @contextmanager
    def _session(self) -> Iterator[Session]:
        with storage_errors(), self._factory() as session, session.begin():
            yield session

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        """A transaction that only reads: it never takes SQLite's write lock, so it never waits for a writer."""
        with storage_errors(), self._factory() as session:
            session.connection(execution_options={READ_ONLY: True})
            try:
                yield session
            finally:
                session.rollback()

    # -- state ------------------------------------------------------------------------------------------------

    def state(self) -> dict[str, str]:
        with self._reading() as session:
            return {row.name: row.value for row in session.execute(sa.select(sync_state))}

    def set_state(self, **values: str | None) -> None:
        with self._session() as session:
            for name, value in values.items():
                replica.write_state(session, name, value)

    def prepare(self) -> None:
        """The triggers that feed the outbox (on a fresh replica, and again after a restore)."""
        with storage_errors(), self._engine.begin() as connection:
            replica.install_triggers(connection)

    def has_triggers(self) -> bool:
        with storage_errors(), self._engine.connect().execution_options(**{READ_ONLY: True}) as connection:
            return replica.has_triggers(connection)

    # -- numbers ---------------------------------------------------------------------------------------------

    def set_block(self, counter: str, first: int, last: int) -> None:
        """Member or receipt numbers come from [first, last] from now on (the rest of an older block is
        left unused: numbers are never handed out twice, gaps are allowed)."""
        with self._session() as session:
            session.execute(sa.delete(counters).where(counters.c.name == counter))
            session.execute(sa.insert(counters).values(name=counter, value=first - 1))
            replica.write_state(session, f"{counter}_last", str(last))

    def numbers_left(self, counter: str) -> int:
        with self._reading() as session:
            value = session.execute(sa.select(counters.c.value).where(counters.c.name == counter)).scalar_one_or_none()
            last = replica.read_state(session, f"{counter}_last")
        if value is None or last is None:
            return 0
        return max(0, int(last) - int(value))

    def used_up_to(self, counter: str) -> int:
        with self._reading() as session:
            value = session.execute(sa.select(counters.c.value).where(counters.c.name == counter)).scalar_one_or_none()
        return int(value or 0)

    # -- the outbox ------------------------------------------------------------------------------------------

    def pending(self, limit: int) -> list[PushedOp]:
        query = sa.select(outbox).where(outbox.c.pushed_at.is_(None)).order_by(outbox.c.seq).limit(limit)
        with self._reading() as session:
            rows = session.execute(query).mappings().all()
        return [PushedOp(int(r["seq"]), r["operation_id"], r["kind"], r["staff_id"], r["at"], int(r["version"]),
                         json.loads(r["body"])) for r in rows]

    def waiting(self) -> tuple[int, datetime | None]:
        """How many operations wait to be pushed, and when the oldest was made."""
        with self._reading() as session:
            row = session.execute(sa.select(sa.func.count(), sa.func.min(outbox.c.at))
                                  .where(outbox.c.pushed_at.is_(None))).one()
        return int(row[0]), row[1]

    def mark_pushed(self, results: list[tuple[int, str]], at: datetime) -> None:
        with self._session() as session:
            for seq, result in results:
                session.execute(sa.update(outbox).where(outbox.c.seq == seq, outbox.c.pushed_at.is_(None))
                                .values(pushed_at=at, result=result[:2000]))

    def forget_pushed(self, before: datetime) -> int:
        """Pushed operations older than `before` (desks keep them 30 days) are deleted; how many."""
        with self._session() as session:
            highest = session.execute(sa.select(sa.func.max(outbox.c.seq))).scalar_one_or_none()
            floor = int(replica.read_state(session, replica.SEQ_FLOOR) or 0)
            if highest is not None and int(highest) > floor:  # the sequence must never start again lower
                replica.write_state(session, replica.SEQ_FLOOR, str(highest))
            done = session.execute(sa.delete(outbox).where(outbox.c.pushed_at.is_not(None), outbox.c.at < before))
        return int(getattr(done, "rowcount", 0) or 0)

    def renumber_waiting(self, floor: int) -> int:
        """The operations still to push numbered again from 1 under a new device id (the order kept); the
        ones already pushed are forgotten here (the server has them under the old id). How many wait."""
        with self._session() as session:
            session.execute(sa.delete(outbox).where(outbox.c.pushed_at.is_not(None)))
            seqs = list(session.execute(sa.select(outbox.c.seq).order_by(outbox.c.seq)).scalars())
            shift = 1_000_000_000
            session.execute(sa.update(outbox).values(seq=outbox.c.seq + shift))  # out of the way first
            for number, seq in enumerate(seqs, start=1):
                session.execute(sa.update(outbox).where(outbox.c.seq == seq + shift).values(seq=number))
            replica.write_state(session, replica.SEQ_FLOOR, str(max(floor, 0)))
            replica.write_state(session, REENROL, None)
        return len(seqs)

    def repush_all(self) -> int:
        """Every kept operation is pushed again (a server restored from a backup, a new epoch)."""
        with self._session() as session:
            done = session.execute(sa.update(outbox).where(outbox.c.pushed_at.is_not(None)).values(pushed_at=None))
        return int(getattr(done, "rowcount", 0) or 0)

    # -- pulled rows -----------------------------------------------------------------------------------------

    def apply(self, rows: list[dict[str, Any]], state: dict[str, str | None], *, first_copy: bool = False) -> int:
        """Writes pulled rows in one transaction, with the sync's state (the new cursor) in the same one.

        A row that one of the desk's unpushed operations wrote is left as the desk has it: the server's image
        comes again once the operation is pushed. Balances of the packs touched are the ledger's sum.

        `first_copy` (an empty replica being filled by `connect`): the page's commit waits for no disk flush
        (SQLite's synchronous=NORMAL, still never a damaged file; the desk is connected only by the copy's last,
        fully flushed commit), and the balances are the server's own, which its ledger already sums."""
        written = 0
        with self._session() as session:
            if first_copy:  # before the transaction begins: SQLite changes the setting only between transactions
                session.connection(execution_options={RELAXED: True})
            session.execute(sa.text("PRAGMA defer_foreign_keys = ON"))
            with replica.quiet_triggers(session):
                mine = self._pending_keys(session)
                subs: set[str] = set()
                people: list[dict[str, object]] = []
                connection = session.connection()
                dialect = connection.dialect
                batch: list[dict[str, object]] = []
                batch_table: sa.Table | None = None
                for item in rows:
                    table = replica.BY_NAME[str(item["t"])]
                    image = item["row"]
                    if not isinstance(image, dict):
                        raise ValueError("a pulled row is an object")
                    if mine:  # nothing waits to be pushed on a first copy: no key to look up
                        (pk,) = table.primary_key.columns
                        if (table.name, str(replica.decode(pk, image.get(pk.name)))) in mine:
                            continue
                    if batch_table is not None and table is not batch_table:
                        replica.write_stored(connection, batch_table, replica.stored_rows(batch_table, batch, dialect))
                        batch = []
                    batch_table = table
                    batch.append(image)
                    written += 1
                    if table.name == "ledger_entries":
                        subs.add(str(image["subscription_id"]))
                    elif table.name == "subscriptions":
                        subs.add(str(image["id"]))
                    elif table.name == "customers":
                        people.append(image)
                if batch_table is not None:
                    replica.write_stored(connection, batch_table, replica.stored_rows(batch_table, batch, dialect))
                if not first_copy:
                    replica.rebalance(session, {uuid.UUID(text) for text in subs})
                replica.reindex_images(connection, people)
                for name, value in state.items():
                    replica.write_state(session, name, value)
        return written

    def _pending_keys(self, session: Session) -> set[tuple[str, str]]:
        keys: set[tuple[str, str]] = set()
        for (body,) in session.execute(sa.select(outbox.c.body).where(outbox.c.pushed_at.is_(None))):
            for effect in json.loads(body).get("effects", []):
                table = replica.BY_NAME.get(str(effect.get("t")))
                if table is not None and "row" in effect:
                    keys.add((table.name, replica.key_of(table, effect["row"])))
        return keys

    # -- sync issues -----------------------------------------------------------------------------------------

    def issues(self, *, open_only: bool = True) -> list[dict[str, object]]:
        """The sync issues as this desk has them (pulled from the server, and resolved here), oldest first, in
        the server's words (routes_sync._issue)."""
        query = sa.select(sync_issues).order_by(sync_issues.c.created_at, sync_issues.c.id)
        if open_only:
            query = query.where(sync_issues.c.resolved_at.is_(None))
        with self._reading() as session:
            rows = session.execute(query).all()
        return [_issue_words(row) for row in rows]

    def resolve_issue(self, issue_id: uuid.UUID, staff_id: uuid.UUID, resolution: str, at: datetime,
                      version: int, action: str = "") -> bool:
        """Resolves an open sync issue here, and stores that as an operation in the outbox in the same
        transaction (the server applies it when it is pushed, online or later). False if it is not open here."""
        with self._session() as session:
            done = session.execute(sa.update(sync_issues).where(sync_issues.c.id == issue_id,
                                                                sync_issues.c.resolved_at.is_(None))
                                   .values(resolved_at=at, resolved_by=staff_id, resolution=resolution,
                                           action=action)
                                   .returning(sync_issues.c.id)).first()
            if done is None:
                return False
            replica.capture(session, version)
        return True

    def keep_photo(self, customer_id: uuid.UUID, photo: bytes) -> bool:
        """A member's photo fetched from the server, kept here for the next time they are shown: written only
        where this desk has none (a photo taken here and not yet pushed stays), and not an operation of this
        desk's (the triggers stay quiet, as for pulled rows). False if nothing was written."""
        with self._session() as session, replica.quiet_triggers(session):
            done = session.execute(sa.update(customers).where(customers.c.id == customer_id,
                                                              customers.c.photo.is_(None))
                                   .values(photo=photo).returning(customers.c.id)).first()
        return done is not None

    # -- checks ----------------------------------------------------------------------------------------------

    def balances_match_ledger(self) -> list[uuid.UUID]:
        """Packs whose balance differs from their ledger's sum (none, when all is well)."""
        total = (sa.select(sa.func.coalesce(sa.func.sum(ledger_entries.c.delta), 0))
                 .where(ledger_entries.c.subscription_id == subscriptions.c.id).scalar_subquery())
        query = sa.select(subscriptions.c.id).where(subscriptions.c.total_units.is_not(None),
                                                    subscriptions.c.remaining != total)
        with self._reading() as session:
            return [row.id for row in session.execute(query)]

    def customer_count(self) -> int:
        with self._reading() as session:
            return int(session.execute(sa.select(sa.func.count()).select_from(customers)).scalar_one())


COUNTERS = (MEMBER_NO, RECEIPT_NO)


def _text(value: object) -> str | None:
    return str(value) if value is not None else None


def _issue_words(row: Any) -> dict[str, object]:
    try:
        details = json.loads(row.details)
    except ValueError:
        details = {}
    try:
        words = ISSUE_WORDS[IssueKind(row.kind)]
    except ValueError:
        words = ""  # a kind a newer server opened: the desk shows its subject
    return {"id": str(row.id), "kind": row.kind, "subject": row.subject, "words": words, "details": details,
            "created_at": row.created_at.isoformat(), "branch_id": _text(row.branch_id),
            "customer_id": _text(row.customer_id), "device_id": _text(row.device_id),
            "operation_id": _text(row.operation_id),
            "resolved_at": row.resolved_at.isoformat() if row.resolved_at else None, "resolution": row.resolution,
            "action": row.action,
            "resolved_by": _text(row.resolved_by)}


@dataclass(frozen=True)
class Salvaged:
    """What could be read back from a damaged replica: the sync's state and the operations not yet pushed."""

    state: dict[str, str]
    ops: list[dict[str, Any]]  # outbox rows as SQLite stored them
    unreadable: int  # outbox rows that could not be read


def salvage(path: Path) -> Salvaged:
    """Reads what it can of a damaged replica, row by row, never writing to it."""
    uri = f"file:{path}?mode=ro"
    state: dict[str, str] = {}
    ops: list[dict[str, Any]] = []
    unreadable = 0
    connection = sqlite3.connect(uri, uri=True)
    try:
        try:
            state = {str(n): str(v) for n, v in connection.execute("SELECT name, value FROM sync_state")}
        except sqlite3.DatabaseError:
            state = {}
        try:
            rowids = [r for (r,) in connection.execute("SELECT rowid FROM outbox WHERE pushed_at IS NULL")]
        except sqlite3.DatabaseError:
            rowids = []
            for rowid in range(1, 1_000_000):  # the index is gone: walk the rows one by one
                try:
                    found = connection.execute("SELECT rowid, pushed_at FROM outbox WHERE rowid = ?",
                                               (rowid,)).fetchone()
                except sqlite3.DatabaseError:
                    unreadable += 1
                    continue
                if found is None:
                    break
                if found[1] is None:
                    rowids.append(rowid)
        columns = ("seq", "operation_id", "kind", "body", "staff_id", "at", "version")
        for rowid in rowids:
            try:
                row = connection.execute(f"SELECT {', '.join(columns)} FROM outbox WHERE rowid = ?",
                                         (rowid,)).fetchone()
            except sqlite3.DatabaseError:
                unreadable += 1
                continue
            if row is not None:
                ops.append(dict(zip(columns, row, strict=True)))
    finally:
        connection.close()
    return Salvaged(state, ops, unreadable)


def keep_salvaged(engine: Engine, salvaged: Salvaged, floor: int) -> None:
    """Puts the salvaged operations into a rebuilt replica as they were, numbering going on above `floor`."""
    with storage_errors(), engine.begin() as connection:
        for op in salvaged.ops:
            connection.exec_driver_sql(
                "INSERT INTO outbox (seq, operation_id, kind, body, staff_id, at, version, result) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, '')",
                (op["seq"], op["operation_id"], op["kind"], op["body"], op["staff_id"], op["at"], op["version"]))
        connection.execute(sa.delete(sync_state).where(sync_state.c.name == replica.SEQ_FLOOR))
        connection.execute(sa.insert(sync_state).values(name=replica.SEQ_FLOOR, value=str(floor)))
