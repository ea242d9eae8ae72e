"""The chain's server side of branch sync: enrolled desks, pushed operations applied exactly once, the pull
feed with the rows themselves, the first copy of a replica, leased number blocks and sync issues.

Implements reception.repository.ports.SyncServerStore. Every push of one desk is serialised on the desk's row
(SELECT … FOR UPDATE), so its operations are applied in its order; each operation is a savepoint, so one that
cannot be applied is kept as a sync issue and the ones after it still are (DESIGN §7).
"""

from __future__ import annotations

import hashlib
import json
import secrets
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from reception.clock import Clock
from reception.domain.commands import ChangeCursor
from reception.domain.sync import (
    LOW_MARK,
    MEMBER_BLOCK,
    OPERATION_VERSION,
    RECEIPT_BLOCK,
    Device,
    Enrolment,
    IssueKind,
    OpOutcome,
    OpResult,
    SyncIssue,
    overdrawn,
)
from reception.repository.sql import replica
from reception.repository.sql.errors import storage_errors
from reception.repository.sql.repositories import counters as counter_repo
from reception.repository.sql.repositories.changes import SqlChangeRepository
from reception.repository.sql.tables import (
    attendance,
    changes,
    customers,
    devices,
    number_blocks,
    operations,
    payments,
    revoked_cards,
    server_secrets,
    sync_issues,
)

EPOCH = "epoch"
RECENT_DAYS = 90  # a desk keeps its branch's visits and payments of this many days
PAGE_MAX = 2000
_COUNTED = {counter_repo.MEMBER_NO: (customers.c.member_no, MEMBER_BLOCK),
            counter_repo.RECEIPT_NO: (payments.c.receipt_no, RECEIPT_BLOCK)}


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _device(row: Any) -> Device:
    m = row._mapping
    return Device(m["id"], m["branch_id"], m["name"], int(m["last_seq"]), m["enrolled_at"], m["revoked_at"])


def _issue(row: Any) -> SyncIssue:
    m = row._mapping
    return SyncIssue(m["id"], IssueKind(m["kind"]), m["subject"], json.loads(m["details"]), m["created_at"],
                     m["branch_id"], m["customer_id"], m["device_id"], m["operation_id"], m["resolved_at"],
                     m["resolution"])


class SqlSyncServer:
    def __init__(self, engine: Engine, clock: Clock) -> None:
        self._factory = sessionmaker(bind=engine, expire_on_commit=False)
        self._clock = clock
        self._postgres = engine.dialect.name == "postgresql"

    @contextmanager
    def _session(self) -> Iterator[Session]:
        with storage_errors(), self._factory() as session, session.begin():
            yield session

    # -- the server's epoch and the desks --------------------------------------------------------------------

    def epoch(self) -> str:
        """This database's epoch: a new one after a restore from a backup (`new_epoch`)."""
        with self._session() as session:
            return self._epoch(session)

    def new_epoch(self) -> str:
        with self._session() as session:
            session.execute(sa.delete(server_secrets).where(server_secrets.c.name == EPOCH))
            return self._epoch(session)

    def _epoch(self, session: Session) -> str:
        found = session.execute(sa.select(server_secrets.c.value).where(server_secrets.c.name == EPOCH)
                                ).scalar_one_or_none()
        if found is None:
            found = uuid.uuid4().hex
            session.execute(sa.insert(server_secrets).values(name=EPOCH, value=found))
        return str(found)

    def enrol(self, branch_id: uuid.UUID, name: str, staff_id: uuid.UUID | None) -> Enrolment:
        secret = secrets.token_urlsafe(32)
        now = self._clock.now()
        device_id = uuid.uuid4()
        with self._session() as session:
            session.execute(sa.insert(devices).values(id=device_id, branch_id=branch_id, name=name[:120],
                                                      token_hash=token_hash(secret), enrolled_by=staff_id,
                                                      enrolled_at=now, last_seq=0))
            blocks = {name_: self._lease(session, device_id, name_) for name_ in _COUNTED}
            device = Device(device_id, branch_id, name[:120], 0, now)
            return Enrolment(device, secret, self._epoch(session), blocks)

    def device(self, device_id: uuid.UUID, secret: str) -> Device | None:
        with self._session() as session:
            row = session.execute(sa.select(devices).where(devices.c.id == device_id)).one_or_none()
        if row is None or not secrets.compare_digest(row._mapping["token_hash"], token_hash(secret)):
            return None
        return _device(row)

    def revoke_device(self, device_id: uuid.UUID) -> None:
        with self._session() as session:
            session.execute(sa.update(devices).where(devices.c.id == device_id).values(revoked_at=self._clock.now()))

    def lease(self, device_id: uuid.UUID, counter: str) -> tuple[int, int]:
        with self._session() as session:
            return self._lease(session, device_id, counter)

    def _lease(self, session: Session, device_id: uuid.UUID, counter: str) -> tuple[int, int]:
        column, size = _COUNTED[counter]
        first = counter_repo.take(session, counter, size, column)
        last = first + size - 1
        session.execute(sa.insert(number_blocks).values(id=uuid.uuid4(), device_id=device_id, counter=counter,
                                                        first=first, last=last, leased_at=self._clock.now()))
        return first, last

    # -- push -------------------------------------------------------------------------------------------------

    def push(self, device_id: uuid.UUID, epoch: str, ops: list[object]) -> tuple[list[OpResult], int]:
        """Applies `ops` (a desk's operations as JSON, in its order) once each; their outcomes and the last
        sequence now applied for the desk."""
        results: list[OpResult] = []
        with self._session() as session:
            row = session.execute(sa.select(devices).where(devices.c.id == device_id).with_for_update()).one()
            device = _device(row)
            last = device.last_seq
            for raw in ops:
                result = self._one(session, device, raw, last)
                results.append(result)
                last = max(last, result.seq)
            session.execute(sa.update(devices).where(devices.c.id == device_id)
                            .values(last_seq=last, last_push_at=self._clock.now()))
        return results, last

    def _one(self, session: Session, device: Device, raw: object, last: int) -> OpResult:
        body = raw if isinstance(raw, dict) else {}
        try:
            seq = int(body["seq"])
            op_id = uuid.UUID(str(body["operation_id"]))
        except (KeyError, TypeError, ValueError):
            issue = self._add_issue(session, IssueKind.MALFORMED, f"device:{device.id}:{last + 1}", device,
                                    None, {"reason": "no sequence or operation id", "raw": _clip(raw)})
            return OpResult(last + 1, uuid.UUID(int=0), OpOutcome.KEPT, "no sequence or operation id", (issue,))
        stored = session.execute(sa.select(operations.c.reply).where(operations.c.id == op_id)).scalar_one_or_none()
        if stored is not None or seq <= last:
            return self._stored(op_id, seq, stored)
        if seq > last + 1:
            self._add_issue(session, IssueKind.SEQUENCE_GAP, f"device:{device.id}:{last + 1}", device, op_id,
                            {"missing_from": last + 1, "missing_to": seq - 1})
        if device.revoked_at is not None:
            issue = self._add_issue(session, IssueKind.REVOKED_DEVICE, str(op_id), device, op_id,
                                    {"operation": _clip(body)})
            return self._record(session, device, body, seq, op_id, OpOutcome.KEPT,
                                "the desk was disconnected: held for a manager", (issue,))
        savepoint = session.begin_nested()
        try:
            issues = self._apply(session, device, body, op_id)
            savepoint.commit()
        except (KeyError, TypeError, ValueError, AttributeError, sa.exc.IntegrityError, sa.exc.DataError) as error:
            savepoint.rollback()
            issue = self._add_issue(session, IssueKind.MALFORMED, str(op_id), device, op_id,
                                    {"reason": _reason(error), "operation": _clip(body)})
            return self._record(session, device, body, seq, op_id, OpOutcome.KEPT, _reason(error), (issue,))
        outcome = OpOutcome.ISSUE if issues else OpOutcome.APPLIED
        return self._record(session, device, body, seq, op_id, outcome, "", tuple(issues))

    def _stored(self, op_id: uuid.UUID, seq: int, stored: str | None) -> OpResult:
        if stored is None:
            return OpResult(seq, op_id, OpOutcome.ALREADY, "already applied")
        reply = json.loads(stored)
        return OpResult(int(reply.get("seq", seq)), op_id, OpOutcome.ALREADY, str(reply.get("outcome", "")),
                        tuple(uuid.UUID(i) for i in reply.get("issues", [])))

    def _record(self, session: Session, device: Device, body: dict[str, Any], seq: int, op_id: uuid.UUID,
                outcome: OpOutcome, message: str, issues: tuple[uuid.UUID, ...]) -> OpResult:
        reply = {"seq": seq, "outcome": outcome.value, "message": message, "issues": [str(i) for i in issues]}
        text = json.dumps(body, sort_keys=True, separators=(",", ":"), default=str)
        session.execute(sa.insert(operations).values(
            id=op_id, kind=str(body.get("kind", "push"))[:32], request_hash=hashlib.sha256(text.encode()).hexdigest(),
            reply=json.dumps(reply), status=200, staff_id=None, desk=f"device:{device.id}"[:120],
            created_at=self._clock.now()))
        return OpResult(seq, op_id, outcome, message, issues)

    def _apply(self, session: Session, device: Device, body: dict[str, Any], op_id: uuid.UUID) -> list[uuid.UUID]:
        version = int(body.get("version", 0))
        if version < 1 or version > OPERATION_VERSION:
            raise ValueError(f"operation format {version} is not one this server reads")
        effects = body["effects"]
        if not isinstance(effects, list):
            raise ValueError("effects is a list")
        written: list[tuple[str, dict[str, object]]] = []
        ledger_subs: set[uuid.UUID] = set()
        new_customers: list[dict[str, object]] = []
        allowed_codes: list[dict[str, object]] = []
        for effect in effects:
            table = replica.BY_NAME[str(effect["t"])]
            if "delete" in effect:
                continue  # desks delete nothing that syncs; a record once shared stays (DECISIONS.md)
            values = replica.decoded(table, effect["row"])
            changed = effect.get("changed")
            if not isinstance(changed, list):
                raise ValueError("changed is a list of columns")
            if table.name == "subscriptions":
                changed = [c for c in changed if c != "remaining"]  # the balance is the ledger's sum
            if replica.upsert(session, table, values, None if effect.get("new") else changed):
                written.append((table.name, values))
            if table.name == "ledger_entries":
                ledger_subs.add(values["subscription_id"])  # type: ignore[arg-type]
            if table.name == "subscriptions" and effect.get("new"):
                ledger_subs.add(values["id"])  # type: ignore[arg-type]
            if table.name == "customers" and effect.get("new"):
                new_customers.append(values)
            if table.name == "access_log" and effect.get("new") and values.get("allowed"):
                allowed_codes.append(values)
        balances = replica.rebalance(session, ledger_subs)
        replica.reindex(session, [v["id"] for t, v in written if t == "customers"])  # type: ignore[misc]
        replica.note_rows(session, written + [("subscriptions", {"id": s}) for s in balances
                                              if all(s != v.get("id") for t, v in written if t == "subscriptions")])
        issues: list[uuid.UUID] = []
        for sub_id, balance in balances.items():
            if overdrawn(balance):
                issues.append(self._overdraft(session, device, op_id, sub_id, balance))
        for entry in allowed_codes:
            revoked = session.execute(sa.select(revoked_cards).where(revoked_cards.c.code == entry["code"])
                                      ).one_or_none()
            if revoked is not None:
                issues.append(self._add_issue(
                    session, IssueKind.REVOKED_CARD_USED, str(entry["id"]), device, op_id,
                    {"code": entry["code"], "used_at": str(entry["created_at"]),
                     "revoked_at": str(revoked._mapping["revoked_at"])},
                    customer_id=revoked._mapping["customer_id"]))
        for customer in new_customers:
            others = session.execute(sa.select(customers.c.id, customers.c.member_no).where(
                customers.c.phone == customer["phone"], customers.c.id != customer["id"],
                customers.c.branch_id != customer["branch_id"])).all()
            if others and str(customer["phone"]).strip():
                issues.append(self._add_issue(
                    session, IssueKind.DUPLICATE_PHONE, f"phone:{customer['phone']}", device, op_id,
                    {"phone": customer["phone"], "member_no": customer["member_no"],
                     "others": [o.member_no for o in others]}, customer_id=customer["id"], reuse_open=True))
        return issues

    def _overdraft(self, session: Session, device: Device, op_id: uuid.UUID, sub_id: uuid.UUID, balance: int
                   ) -> uuid.UUID:
        visits = session.execute(sa.select(attendance.c.id, attendance.c.branch_id, attendance.c.check_in_time)
                                 .where(attendance.c.subscription_id == sub_id)
                                 .order_by(attendance.c.check_in_time.desc()).limit(10)).all()
        details = {"subscription_id": str(sub_id), "balance": balance,
                   "visits": [{"id": str(v.id), "branch_id": str(v.branch_id), "at": v.check_in_time.isoformat()}
                              for v in visits]}
        return self._add_issue(session, IssueKind.OVERDRAFT, str(sub_id), device, op_id, details, reuse_open=True)

    def _add_issue(self, session: Session, kind: IssueKind, subject: str, device: Device | None,
                   op_id: uuid.UUID | None, details: dict[str, object], *, customer_id: object = None,
                   reuse_open: bool = False) -> uuid.UUID:
        if reuse_open:  # one open issue per subject: a second overdraft of one pack updates the first
            found = session.execute(sa.select(sync_issues.c.id).where(
                sync_issues.c.kind == kind.value, sync_issues.c.subject == subject[:64],
                sync_issues.c.resolved_at.is_(None))).scalar_one_or_none()
            if found is not None:
                session.execute(sa.update(sync_issues).where(sync_issues.c.id == found)
                                .values(details=json.dumps(details, default=str)))
                return uuid.UUID(str(found))
        issue_id = uuid.uuid4()
        session.execute(sa.insert(sync_issues).values(
            id=issue_id, kind=kind.value, branch_id=device.branch_id if device else None,
            customer_id=customer_id, subject=subject[:64], device_id=device.id if device else None,
            operation_id=op_id, details=json.dumps(details, default=str), created_at=self._clock.now()))
        return issue_id

    # -- issues -----------------------------------------------------------------------------------------------

    def issues(self, *, open_only: bool = True, branch_id: uuid.UUID | None = None) -> list[SyncIssue]:
        query = sa.select(sync_issues).order_by(sync_issues.c.created_at)
        if open_only:
            query = query.where(sync_issues.c.resolved_at.is_(None))
        if branch_id is not None:
            query = query.where(sync_issues.c.branch_id == branch_id)
        with self._session() as session:
            return [_issue(row) for row in session.execute(query)]

    def resolve(self, issue_id: uuid.UUID, staff_id: uuid.UUID, resolution: str) -> SyncIssue | None:
        with self._session() as session:
            session.execute(sa.update(sync_issues).where(sync_issues.c.id == issue_id,
                                                         sync_issues.c.resolved_at.is_(None))
                            .values(resolved_at=self._clock.now(), resolved_by=staff_id, resolution=resolution))
            row = session.execute(sa.select(sync_issues).where(sync_issues.c.id == issue_id)).one_or_none()
            return _issue(row) if row is not None else None

    # -- pull -------------------------------------------------------------------------------------------------

    def end_cursor(self) -> ChangeCursor:
        """Where the feed ends now: a desk that copies every table after this reads the rest from here.
        (On PostgreSQL, rows of transactions older than the oldest running one are final.)"""
        query = sa.select(changes.c.txid, changes.c.seq).order_by(changes.c.txid.desc(), changes.c.seq.desc()).limit(1)
        if self._postgres:
            query = query.where(changes.c.txid < sa.text("pg_snapshot_xmin(pg_current_snapshot())::text::bigint"))
        with self._session() as session:
            row = session.execute(query).first()
        return ChangeCursor(int(row.txid), int(row.seq)) if row is not None else ChangeCursor()

    def pull(self, device: Device, cursor: ChangeCursor, limit: int) -> tuple[list[dict[str, object]], ChangeCursor,
                                                                             bool]:
        """The rows changed after `cursor` that the desk keeps, newest image of each, in commit order."""
        limit = max(1, min(limit, PAGE_MAX))
        with self._session() as session:
            page = SqlChangeRepository(session).after(cursor, limit)
            wanted: dict[tuple[str, str], None] = {}
            for change in page:
                table = replica.TABLE_OF.get(change.entity)
                if table is None or table == "access_log":
                    continue
                wanted.pop((table, change.entity_id), None)
                wanted[(table, change.entity_id)] = None
            rows = self._images(session, device, list(wanted))
        end = page[-1].cursor if page else cursor
        return rows, end, len(page) == limit

    def snapshot(self, device: Device, table_name: str, after: str | None, limit: int
                 ) -> tuple[list[dict[str, object]], str | None]:
        """One page of a table for a desk's first copy, by primary key; the key to continue after (None: done)."""
        table = replica.BY_NAME[table_name]
        if table_name == "access_log":
            return [], None
        (pk,) = table.primary_key.columns
        limit = max(1, min(limit, PAGE_MAX))
        query = sa.select(table).order_by(pk).limit(limit)
        if after is not None:
            query = query.where(pk > replica.decode(pk, after))
        query = self._scoped(query, table, device)
        with self._session() as session:
            found = session.execute(query).mappings().all()
        rows: list[dict[str, object]] = [{"t": table_name, "row": replica.image(table, row)} for row in found]
        return rows, (str(found[-1][pk.name]) if len(found) == limit else None)

    def _scoped(self, query: Any, table: sa.Table, device: Device) -> Any:
        if table.name in ("attendance", "payments"):
            since = self._clock.now() - timedelta(days=RECENT_DAYS)
            when = table.c.check_in_time if table.name == "attendance" else table.c.created_at
            query = query.where(table.c.branch_id == device.branch_id, when >= since)
        return query

    def _images(self, session: Session, device: Device, keys: list[tuple[str, str]]) -> list[dict[str, object]]:
        by_table: dict[str, list[str]] = {}
        for table_name, key in keys:
            by_table.setdefault(table_name, []).append(key)
        found: dict[tuple[str, str], dict[str, object]] = {}
        for table_name, ids in by_table.items():
            table = replica.BY_NAME[table_name]
            (pk,) = table.primary_key.columns
            values = [replica.decode(pk, key) for key in ids]
            for start in range(0, len(values), 500):
                query = self._scoped(sa.select(table).where(pk.in_(values[start:start + 500])), table, device)
                for row in session.execute(query).mappings():
                    found[(table_name, str(row[pk.name]))] = {"t": table_name, "row": replica.image(table, row)}
        ordered = sorted((k for k in keys if k in found), key=lambda k: replica.ORDER[k[0]])
        return [found[k] for k in ordered]

    def blocks_low(self, device_id: uuid.UUID, counter: str, used_up_to: int) -> bool:
        with self._session() as session:
            last = session.execute(sa.select(sa.func.max(number_blocks.c.last)).where(
                number_blocks.c.device_id == device_id, number_blocks.c.counter == counter)).scalar_one_or_none()
        return last is None or int(last) - used_up_to < LOW_MARK

    def recorded(self, operation_id: uuid.UUID) -> bool:
        with self._session() as session:
            return session.execute(sa.select(operations.c.id).where(operations.c.id == operation_id)
                                   ).first() is not None


def _clip(value: object) -> object:
    text = json.dumps(value, default=str)
    return value if len(text) <= 20_000 else text[:20_000]


def _reason(error: BaseException) -> str:
    text = str(getattr(error, "orig", None) or error).splitlines()[0] if str(error) else type(error).__name__
    return text[:300]


def stamp(now: datetime) -> str:
    return now.isoformat()
