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
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from reception.clock import Clock
from reception.domain.authorization import Action, Actor, allowed
from reception.domain.commands import ChangeCursor
from reception.domain.errors import NotFound
from reception.domain.sync import (
    ACTIONS,
    APPLY,
    ISSUES_FROM_VERSION,
    LOW_MARK,
    MEMBER_BLOCK,
    OPERATION_VERSION,
    RECEIPT_BLOCK,
    RESOLUTION_COLUMNS,
    Device,
    Enrolment,
    IssueKind,
    OpOutcome,
    OpResult,
    SyncIssue,
    overdrawn,
    series_name,
)
from reception.repository.sql import replica
from reception.repository.sql.engine import READ_ONLY
from reception.repository.sql.errors import storage_errors
from reception.repository.sql.repositories import counters as counter_repo
from reception.repository.sql.repositories.catalogue import _staff
from reception.repository.sql.repositories.changes import SqlChangeRepository
from reception.repository.sql.tables import (
    access_log,
    attendance,
    changes,
    counters,
    customers,
    devices,
    number_blocks,
    operations,
    payments,
    revoked_cards,
    server_secrets,
    staff,
    sync_issues,
)

EPOCH = "epoch"
PASS_DAYS = 2  # the day passes (and their uses) a desk's first copy holds: any still valid, and a day more
SERVED = "served_by_server"
DESK_SERIES = "desk_series"  # the counter that numbers enrolled desks, and so their receipt series
RECENT_DAYS = 90  # a desk keeps its branch's visits and payments of this many days
PAGE_MAX = 2000
_COUNTED = {counter_repo.MEMBER_NO: (customers.c.member_no, MEMBER_BLOCK),
            counter_repo.RECEIPT_NO: (payments.c.receipt_no, RECEIPT_BLOCK)}


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _device(row: Any) -> Device:
    m = row._mapping
    return Device(m["id"], m["branch_id"], m["name"], int(m["last_seq"]), m["enrolled_at"], m["revoked_at"],
                  series_name(int(m["series_no"])), m["last_push_at"])


def _issue(row: Any) -> SyncIssue:
    m = row._mapping
    return SyncIssue(m["id"], IssueKind(m["kind"]), m["subject"], json.loads(m["details"]), m["created_at"],
                     m["branch_id"], m["customer_id"], m["device_id"], m["operation_id"], m["resolved_at"],
                     m["resolution"], m["action"])


class SqlSyncServer:
    def __init__(self, engine: Engine, clock: Clock) -> None:
        self._factory = sessionmaker(bind=engine, expire_on_commit=False)
        self._clock = clock
        self._postgres = engine.dialect.name == "postgresql"

    @contextmanager
    def _session(self) -> Iterator[Session]:
        with storage_errors(), self._factory() as session, session.begin():
            yield session

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        """A transaction that only reads (on SQLite it never takes the write lock; on PostgreSQL READ ONLY)."""
        with storage_errors(), self._factory() as session:
            options: dict[str, object] = {READ_ONLY: True}
            if self._postgres:
                options["postgresql_readonly"] = True
            session.connection(execution_options=options)
            try:
                yield session
            finally:
                session.rollback()

    # -- the server's epoch and the desks --------------------------------------------------------------------

    def epoch(self) -> str:
        """This database's epoch: a new one after a restore from a backup (`new_epoch`)."""
        with self._session() as session:
            return self._epoch(session)

    def new_epoch(self, skip: int = 100_000) -> str:
        """After the database was restored from a backup: a new epoch (desks push again what it lacks), and
        member and receipt numbers moved on by `skip`, past every block leased after the backup was taken."""
        with self._session() as session:
            session.execute(sa.delete(server_secrets).where(server_secrets.c.name == EPOCH))
            for counter, (column, _size) in _COUNTED.items():
                counter_repo.take(session, counter, skip, column)
            return self._epoch(session)

    def _epoch(self, session: Session) -> str:
        found = session.execute(sa.select(server_secrets.c.value).where(server_secrets.c.name == EPOCH)
                                ).scalar_one_or_none()
        if found is None:
            found = uuid.uuid4().hex
            session.execute(sa.insert(server_secrets).values(name=EPOCH, value=found))
        return str(found)

    def mark_served(self) -> None:
        """This database belongs to `reception serve`: desks reach it through the server, never directly."""
        with self._session() as session:
            session.execute(sa.delete(server_secrets).where(server_secrets.c.name == SERVED))
            session.execute(sa.insert(server_secrets).values(name=SERVED, value=self._clock.now().isoformat()))

    def served(self) -> bool:
        with self._reading() as session:
            return session.execute(sa.select(server_secrets.c.name).where(server_secrets.c.name == SERVED)
                                   ).first() is not None

    def enrol(self, branch_id: uuid.UUID, name: str, staff_id: uuid.UUID | None) -> Enrolment:
        secret = secrets.token_urlsafe(32)
        now = self._clock.now()
        device_id = uuid.uuid4()
        with self._session() as session:
            series_no = counter_repo.take(session, DESK_SERIES, 1, devices.c.series_no)
            session.execute(sa.insert(devices).values(id=device_id, branch_id=branch_id, name=name[:120],
                                                      token_hash=token_hash(secret), enrolled_by=staff_id,
                                                      enrolled_at=now, last_seq=0, series_no=series_no))
            blocks = {name_: self._lease(session, device_id, name_) for name_ in _COUNTED}
            device = Device(device_id, branch_id, name[:120], 0, now, series=series_name(series_no))
            return Enrolment(device, secret, self._epoch(session), blocks)

    def reenrol(self, old: Device) -> Enrolment:
        """A desk whose replica went back in time (restored from a backup) becomes a new device of the same
        branch; the old one is disconnected. Its blocks are leased anew."""
        made = self.enrol(old.branch_id, old.name, None)
        self.revoke_device(old.id)
        return made

    def device(self, device_id: uuid.UUID, secret: str) -> Device | None:
        with self._reading() as session:
            row = session.execute(sa.select(devices).where(devices.c.id == device_id)).one_or_none()
        if row is None or not secrets.compare_digest(row._mapping["token_hash"], token_hash(secret)):
            return None
        return _device(row)

    def revoke_device(self, device_id: uuid.UUID) -> None:
        """Disconnects a desk: what it pushes from now on is held for a manager (a sync issue), not applied."""
        with self._session() as session:
            session.execute(sa.update(devices).where(devices.c.id == device_id, devices.c.revoked_at.is_(None))
                            .values(revoked_at=self._clock.now()))

    def devices(self, branch_id: uuid.UUID | None = None) -> list[Device]:
        """The desks enrolled (at `branch_id`, or at every branch), connected ones first, newest first."""
        query = sa.select(devices).order_by(devices.c.revoked_at.is_not(None), devices.c.enrolled_at.desc())
        if branch_id is not None:
            query = query.where(devices.c.branch_id == branch_id)
        with self._reading() as session:
            return [_device(row) for row in session.execute(query)]

    def device_by_id(self, device_id: uuid.UUID) -> Device | None:
        with self._reading() as session:
            row = session.execute(sa.select(devices).where(devices.c.id == device_id)).one_or_none()
        return _device(row) if row is not None else None

    def lease(self, device_id: uuid.UUID, counter: str) -> tuple[int, int]:
        with self._session() as session:
            return self._lease(session, device_id, counter)

    def _lease(self, session: Session, device_id: uuid.UUID, counter: str) -> tuple[int, int]:
        column, size = _COUNTED[counter]
        if counter == counter_repo.RECEIPT_NO:
            first = self._next_receipt_block(session, device_id)
        else:
            first = counter_repo.take(session, counter, size, column)
        last = first + size - 1
        session.execute(sa.insert(number_blocks).values(id=uuid.uuid4(), device_id=device_id, counter=counter,
                                                        first=first, last=last, leased_at=self._clock.now()))
        return first, last

    def _next_receipt_block(self, session: Session, device_id: uuid.UUID) -> int:
        """Where a desk's next block of receipt numbers starts in its own series: past every block it was
        leased and every receipt of its series the server holds (a server restored from a backup has lost the
        newest blocks, but the desk pushes its receipts again before it asks for a block)."""
        series_no = session.execute(sa.select(devices.c.series_no).where(devices.c.id == device_id)).scalar_one()
        leased = session.execute(sa.select(sa.func.max(number_blocks.c.last))
                                 .where(number_blocks.c.device_id == device_id,
                                        number_blocks.c.counter == counter_repo.RECEIPT_NO)).scalar_one()
        used = session.execute(sa.select(sa.func.max(payments.c.receipt_no))
                               .where(payments.c.receipt_series == series_name(int(series_no)))).scalar_one()
        return max(int(leased or 0), int(used or 0)) + 1

    # -- push -------------------------------------------------------------------------------------------------

    def push(self, device_id: uuid.UUID, epoch: str, ops: list[object]) -> tuple[list[OpResult], int]:
        """Applies `ops` (a desk's operations as JSON, in its order) once each; their outcomes and the last
        sequence now applied for the desk.

        The operations that simply follow the last one applied are applied together, in one savepoint; if any
        of them cannot be, that savepoint is undone and each is applied alone in its own, so the one that
        cannot be is kept as a sync issue and the others still apply."""
        results: list[OpResult] = []
        with self._session() as session:
            row = session.execute(sa.select(devices).where(devices.c.id == device_id).with_for_update()).one()
            device = _device(row)
            last = device.last_seq
            run = self._fresh_run(session, device, ops, last)
            if run:
                savepoint = session.begin_nested()
                try:
                    results = self._apply_batch(session, device, run)
                    savepoint.commit()
                except _APPLY_ERRORS:
                    savepoint.rollback()
                    results = []
                    run = []
                last = max([last, *(r.seq for r in results)])
            for raw in ops[len(run):]:
                result = self._one(session, device, raw, last)
                results.append(result)
                last = max(last, result.seq)
            session.execute(sa.update(devices).where(devices.c.id == device_id)
                            .values(last_seq=last, last_push_at=self._clock.now()))
        return results, last

    def _fresh_run(self, session: Session, device: Device, ops: list[object], last: int
                   ) -> list[tuple[int, uuid.UUID, dict[str, Any]]]:
        """The leading operations that are exactly the next ones (seq last+1, last+2, …), readable, and new."""
        if device.revoked_at is not None:
            return []
        run: list[tuple[int, uuid.UUID, dict[str, Any]]] = []
        for raw in ops:
            if not isinstance(raw, dict):
                break
            try:
                seq, op_id = int(raw["seq"]), uuid.UUID(str(raw["operation_id"]))
            except (KeyError, TypeError, ValueError):
                break
            if seq != last + 1 + len(run):
                break
            run.append((seq, op_id, raw))
        if run:
            ids = [op_id for _, op_id, _ in run]
            known = set(session.execute(sa.select(operations.c.id).where(operations.c.id.in_(ids))).scalars())
            for index, (_, op_id, _) in enumerate(run):
                if op_id in known:
                    return run[:index]
        return run

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
            return self._record(session, device, [(body, seq, op_id, OpOutcome.KEPT,
                                                   "the desk was disconnected: held for a manager", (issue,))])[0]
        savepoint = session.begin_nested()
        try:
            found = _Found(device_id=str(device.id), branch_id=device.branch_id)
            self._apply_effects(session, body, found, 0)
            written = self._settle(session, found)
            issues = self._issues(session, device, found, [op_id])
            savepoint.commit()
        except _APPLY_ERRORS as error:
            savepoint.rollback()
            issue = self._add_issue(session, IssueKind.MALFORMED, str(op_id), device, op_id,
                                    {"reason": _reason(error), "operation": _clip(body)})
            self._send_back(session, body)
            return self._record(session, device, [(body, seq, op_id, OpOutcome.KEPT, _reason(error), (issue,))])[0]
        del written
        mine = tuple(issues.get(0, ()))
        return self._record(session, device, [(body, seq, op_id, OpOutcome.ISSUE if mine else OpOutcome.APPLIED,
                                               "", mine)])[0]

    @staticmethod
    def _send_back(session: Session, body: dict[str, Any]) -> None:
        """The server's own rows that a kept operation had changed at its desk, noted again so that every desk
        pulls them as the server has them (a resolution refused here shows the issue open again)."""
        effects = body.get("effects")
        for effect in effects if isinstance(effects, list) else []:
            try:
                table = replica.BY_NAME[str(effect["t"])]
                (pk,) = table.primary_key.columns
                key = replica.decode(pk, effect["row"][pk.name])
            except (KeyError, TypeError, ValueError, AttributeError):
                continue
            if session.execute(sa.select(pk).where(pk == key)).first() is not None:
                replica.note_rows(session, [(table.name, {pk.name: key})])

    def _apply_batch(self, session: Session, device: Device, run: list[tuple[int, uuid.UUID, dict[str, Any]]]
                     ) -> list[OpResult]:
        found = _Found(device_id=str(device.id), branch_id=device.branch_id)
        for index, (_, _, body) in enumerate(run):
            self._apply_effects(session, body, found, index)
        self._settle(session, found)
        issues = self._issues(session, device, found, [op_id for _, op_id, _ in run])
        return self._record(session, device, [
            (body, seq, op_id, OpOutcome.ISSUE if issues.get(i) else OpOutcome.APPLIED, "", tuple(issues.get(i, ())))
            for i, (seq, op_id, body) in enumerate(run)])

    def _stored(self, op_id: uuid.UUID, seq: int, stored: str | None) -> OpResult:
        """An operation seen before: its stored outcome, under the sequence it was pushed with now."""
        if stored is None:
            return OpResult(seq, op_id, OpOutcome.ALREADY, "already applied")
        reply = json.loads(stored)
        return OpResult(seq, op_id, OpOutcome.ALREADY, str(reply.get("outcome", "")),
                        tuple(uuid.UUID(i) for i in reply.get("issues", [])))

    def _record(self, session: Session, device: Device,
                done: list[tuple[dict[str, Any], int, uuid.UUID, OpOutcome, str, tuple[uuid.UUID, ...]]]
                ) -> list[OpResult]:
        """The operations' outcomes, stored with them: a replay gets the same answer, for as long as they exist."""
        now = self._clock.now()
        rows = []
        results = []
        for body, seq, op_id, outcome, message, issues in done:
            reply = {"seq": seq, "outcome": outcome.value, "message": message, "issues": [str(i) for i in issues]}
            text = json.dumps(body, sort_keys=True, separators=(",", ":"), default=str)
            rows.append({"id": op_id, "kind": str(body.get("kind", "push"))[:32],
                         "request_hash": hashlib.sha256(text.encode()).hexdigest(), "reply": json.dumps(reply),
                         "status": 200, "staff_id": None, "desk": f"device:{device.id}"[:120], "created_at": now})
            results.append(OpResult(seq, op_id, outcome, message, issues))
        if rows:
            session.execute(sa.insert(operations), rows)
        return results

    def _apply_effects(self, session: Session, body: dict[str, Any], found: _Found, index: int) -> None:
        """Writes one operation's rows, noting what the rules look at afterwards."""
        version = int(body.get("version", 0))
        if version < 1 or version > OPERATION_VERSION:
            raise ValueError(f"operation format {version} is not one this server reads")
        effects = body["effects"]
        if not isinstance(effects, list):
            raise ValueError("effects is a list")
        for effect in effects:
            table = replica.BY_NAME[str(effect["t"])]
            if "delete" in effect:
                continue  # desks delete nothing that syncs; a record once shared stays (DECISIONS.md)
            values = replica.decoded(table, effect["row"])
            changed = effect.get("changed")
            if not isinstance(changed, list):
                raise ValueError("changed is a list of columns")
            new = bool(effect.get("new"))
            if table.name == "sync_issues":
                if new or not set(changed) <= set(RESOLUTION_COLUMNS) or values.get("resolved_at") is None:
                    raise ValueError("a desk only resolves a sync issue the server opened")
                found.resolutions.append((index, values))
                continue
            if table.name == "pass_keys" and str(values.get("holder")) != found.device_id:
                raise ValueError("a desk shares only its own signing key")  # the server certifies each desk's key
            if table.name == "subscriptions":
                changed = [c for c in changed if c != "remaining"]  # the balance is the ledger's sum
            if new:
                found.new.setdefault(table.name, {})[replica.key_of(table, values)] = values
                found.written.append((table.name, values))
            elif any(c in table.c and c != table.primary_key.columns[0].name for c in changed):
                found.updates.append((table, values, changed))
                found.written.append((table.name, values))
            if table.name == "ledger_entries":
                found.subs[values["subscription_id"]] = index  # type: ignore[index]
            elif table.name == "subscriptions" and new:
                found.subs[values["id"]] = index  # type: ignore[index]
            elif table.name == "customers" and new:
                found.customers.append((index, values))
            elif table.name == "access_log" and new and values.get("allowed"):
                found.allowed.append((index, values))

    def _write(self, session: Session, found: _Found) -> None:
        """New rows table by table (references first), each table's in one statement; then the changed
        columns of existing rows, in the desks' order."""
        for table in replica.SYNCED:
            rows = found.new.get(table.name)
            if rows:
                replica.write_rows(session, table, list(rows.values()), postgres=self._postgres)
        for table, values, changed in found.updates:
            replica.write_row(session, table, values, changed, postgres=self._postgres)

    def _settle(self, session: Session, found: _Found) -> list[tuple[str, dict[str, object]]]:
        """The rows written; balances from the ledger, search terms, and the change-log rows every other desk
        pulls."""
        self._write(session, found)
        if "customers" in found.new or "payments" in found.new:
            self._counters_above(session)
        for _index, values in found.resolutions:
            self._resolve_pushed(session, found, values)
        found.balances = replica.rebalance(session, found.subs)
        replica.reindex(session, [v["id"] for t, v in found.written if t == "customers"])  # type: ignore[misc]
        in_written = {v.get("id") for t, v in found.written if t == "subscriptions"}
        rows = found.written + [("subscriptions", {"id": s}) for s in found.balances if s not in in_written]
        replica.note_rows(session, rows)
        return rows

    def _resolve_pushed(self, session: Session, found: _Found, values: dict[str, Any]) -> None:
        """A sync issue a manager resolved at a desk (perhaps offline): the first resolution to arrive stands; a
        later one changes nothing, and every desk pulls the issue as the server has it."""
        person = session.execute(sa.select(staff).where(staff.c.id == values["resolved_by"])).first()
        if person is None or not self._may_resolve(person, found.branch_id):
            raise ValueError("only a manager or the owner resolves sync issues")
        self._resolve_row(session, values["id"], values["resolved_by"], str(values.get("resolution") or ""),
                          str(values.get("action") or ""), values["resolved_at"])

    def _resolve_row(self, session: Session, issue_id: object, staff_id: object, resolution: str, action: str,
                     at: datetime) -> None:
        """Resolves an open issue with what was done; for operations held from a disconnected desk, "apply"
        applies them now as they were sent (their rules looked at as for any push) and "discard" leaves them
        out. An issue already resolved keeps its first resolution. ValueError: what makes it impossible."""
        row = session.execute(sa.select(sync_issues).where(sync_issues.c.id == issue_id).with_for_update()).first()
        if row is None:
            raise ValueError("no such sync issue")
        replica.note_rows(session, [("sync_issues", {"id": row.id})])  # every desk pulls it as it is now
        if row.resolved_at is not None:
            return
        choices = ACTIONS.get(row.kind, ())
        if choices and action not in choices:
            raise ValueError(f"say what is done with it: {' or '.join(choices)}")
        if not choices and action:
            raise ValueError("this kind of sync issue is resolved with words only")
        if action == APPLY:
            self._apply_held(session, row)
        session.execute(sa.update(sync_issues).where(sync_issues.c.id == row.id)
                        .values(resolved_at=at, resolved_by=staff_id, action=action,
                                resolution=" ".join(resolution.split())[:500]))

    def _apply_held(self, session: Session, issue: Any) -> None:
        """An operation held from a disconnected desk, applied as it was sent, with the sync issues it opens."""
        body = json.loads(issue.details).get("operation")
        if not isinstance(body, dict):
            raise ValueError("the held operation was too large to keep whole and cannot be applied")
        row = session.execute(sa.select(devices).where(devices.c.id == issue.device_id)).one()
        device = _device(row)
        held = _Found(device_id=str(device.id), branch_id=device.branch_id)
        self._apply_effects(session, body, held, 0)
        self._settle(session, held)
        self._issues(session, device, held, [issue.operation_id])

    @staticmethod
    def _may_resolve(person: Any, branch_id: uuid.UUID | None) -> bool:
        member = _staff(person)
        return branch_id is not None and member.is_active and allowed(Actor(member, branch_id),
                                                                      Action.CORRECT_BALANCE, branch_id)

    def _counters_above(self, session: Session) -> None:
        """Member and receipt numbers the server hands out stay above every number a desk has used (after a
        restore from a backup, blocks leased since are handed out again: the numbers pushed again skip them)."""
        for counter, (column, _size) in _COUNTED.items():
            highest = session.execute(sa.select(sa.func.max(column))).scalar_one_or_none()
            if highest is not None:
                session.execute(sa.update(counters).where(counters.c.name == counter, counters.c.value < highest)
                                .values(value=highest))

    def _issues(self, session: Session, device: Device, found: _Found, op_ids: list[uuid.UUID]
                ) -> dict[int, list[uuid.UUID]]:
        """The sync issues what was applied opens, by the index of the operation that caused each."""
        issues: dict[int, list[uuid.UUID]] = {}
        for sub_id, balance in found.balances.items():
            if overdrawn(balance):
                index = found.subs[sub_id]
                issues.setdefault(index, []).append(self._overdraft(session, device, op_ids[index], sub_id, balance))
        if found.allowed:
            codes = {str(v["code"]) for _, v in found.allowed}
            revoked = {r.code: r for r in session.execute(sa.select(revoked_cards)
                                                          .where(revoked_cards.c.code.in_(codes)))}
            for index, entry in found.allowed:
                card = revoked.get(str(entry["code"]))
                if card is not None:
                    issues.setdefault(index, []).append(self._add_issue(
                        session, IssueKind.REVOKED_CARD_USED, str(entry["id"]), device, op_ids[index],
                        {"code": entry["code"], "used_at": str(entry["created_at"]),
                         "revoked_at": str(card.revoked_at)}, customer_id=card.customer_id))
        for index, entry in found.allowed:
            if entry.get("pass_id") is None or entry.get("reason"):
                continue  # only an admission uses a pass
            earlier = session.execute(sa.select(access_log.c.id, access_log.c.created_at, access_log.c.branch_id,
                                                access_log.c.station).where(
                access_log.c.pass_id == entry["pass_id"], access_log.c.allowed.is_(True), access_log.c.reason == "",
                access_log.c.id != entry["id"]).order_by(access_log.c.created_at)).all()
            if earlier:
                entries = [{"access_log_id": str(e.id), "at": e.created_at.isoformat(), "branch_id": str(e.branch_id),
                            "station": e.station} for e in earlier]
                entries.append({"access_log_id": str(entry["id"]), "at": str(entry["created_at"]),
                                "branch_id": str(entry["branch_id"]), "station": str(entry.get("station") or "")})
                issues.setdefault(index, []).append(self._add_issue(
                    session, IssueKind.PASS_USED_TWICE, f"pass:{entry['pass_id']}", device, op_ids[index],
                    {"pass_id": str(entry["pass_id"]), "entries": entries}, reuse_open=True))
        for index, customer in found.customers:
            phone = str(customer["phone"]).strip()
            if not phone:
                continue
            others = session.execute(sa.select(customers.c.id, customers.c.member_no).where(
                customers.c.phone == customer["phone"], customers.c.id != customer["id"],
                customers.c.branch_id != customer["branch_id"])).all()
            if others:
                issues.setdefault(index, []).append(self._add_issue(
                    session, IssueKind.DUPLICATE_PHONE, f"phone:{phone}", device, op_ids[index],
                    {"phone": phone, "member_no": customer["member_no"], "others": [o.member_no for o in others]},
                    customer_id=customer["id"], reuse_open=True))
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
                replica.note_rows(session, [("sync_issues", {"id": found})])  # every desk keeps its issues
                return uuid.UUID(str(found))
        issue_id = uuid.uuid4()
        session.execute(sa.insert(sync_issues).values(
            id=issue_id, kind=kind.value, branch_id=device.branch_id if device else None,
            customer_id=customer_id, subject=subject[:64], device_id=device.id if device else None,
            operation_id=op_id, details=json.dumps(details, default=str), created_at=self._clock.now()))
        replica.note_rows(session, [("sync_issues", {"id": issue_id})])
        return issue_id

    # -- issues -----------------------------------------------------------------------------------------------

    def issues(self, *, open_only: bool = True, branch_id: uuid.UUID | None = None) -> list[SyncIssue]:
        query = sa.select(sync_issues).order_by(sync_issues.c.created_at)
        if open_only:
            query = query.where(sync_issues.c.resolved_at.is_(None))
        if branch_id is not None:
            query = query.where(sync_issues.c.branch_id == branch_id)
        with self._reading() as session:
            return [_issue(row) for row in session.execute(query)]

    def resolve(self, issue_id: uuid.UUID, staff_id: uuid.UUID, resolution: str, action: str = ""
                ) -> SyncIssue | None:
        """Resolved now (the server's API): None if there is no such issue; ValueError if `action` does not fit
        it or the held operation cannot be applied (nothing is changed then)."""
        with self._session() as session:
            if session.execute(sa.select(sync_issues.c.id).where(sync_issues.c.id == issue_id)).first() is None:
                return None
            try:
                with session.begin_nested():
                    self._resolve_row(session, issue_id, staff_id, resolution, action, self._clock.now())
            except _APPLY_ERRORS as error:
                raise ValueError(_reason(error)) from None
            row = session.execute(sa.select(sync_issues).where(sync_issues.c.id == issue_id)).one()
            return _issue(row)

    # -- pull -------------------------------------------------------------------------------------------------

    def end_cursor(self) -> ChangeCursor:
        """Where the feed ends now: a desk that copies every table after this reads the rest from here.
        (On PostgreSQL, rows of transactions older than the oldest running one are final.)"""
        query = sa.select(changes.c.txid, changes.c.seq).order_by(changes.c.txid.desc(), changes.c.seq.desc()).limit(1)
        if self._postgres:
            query = query.where(changes.c.txid < sa.text("pg_snapshot_xmin(pg_current_snapshot())::text::bigint"))
        with self._reading() as session:
            row = session.execute(query).first()
        return ChangeCursor(int(row.txid), int(row.seq)) if row is not None else ChangeCursor()

    def pull(self, device: Device, cursor: ChangeCursor, limit: int, *, version: int = OPERATION_VERSION
             ) -> tuple[list[dict[str, object]], ChangeCursor, bool]:
        """The rows changed after `cursor` that the desk keeps, newest image of each, in commit order. A desk
        of an operation format before ISSUES_FROM_VERSION keeps no sync issues: it is sent none."""
        limit = max(1, min(limit, PAGE_MAX))
        with self._reading() as session:
            page = SqlChangeRepository(session).after(cursor, limit)
            wanted: dict[tuple[str, str], None] = {}
            for change in page:
                table = replica.TABLE_OF.get(change.entity)
                if table is None or table == "access_log" or (table == "sync_issues"
                                                               and version < ISSUES_FROM_VERSION):
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
        (pk,) = table.primary_key.columns
        limit = max(1, min(limit, PAGE_MAX))
        # No photos in a first copy: a desk fetches a member's photo when it first shows them (`photo`).
        columns = [sa.null().label(c.name) if c.name == "photo" else c for c in table.columns] \
            if table is customers else list(table.columns)
        query = sa.select(*columns).order_by(pk).limit(limit)
        if after is not None:
            query = query.where(pk > replica.decode(pk, after))
        if table_name in ("access_log", "passes"):
            # No scan history in a first copy: only the day passes that may still be used, and their uses, so
            # "first use wins" holds at a desk connected today.
            since = self._clock.now() - timedelta(days=PASS_DAYS)
            query = query.where(access_log.c.pass_id.isnot(None), access_log.c.created_at >= since) \
                if table_name == "access_log" else query.where(table.c.expires_at >= since)
        query = self._scoped(query, table, device)
        with self._reading() as session:
            found = session.execute(query).mappings().all()
        rows: list[dict[str, object]] = [{"t": table_name, "row": replica.image(table, row)} for row in found]
        return rows, (str(found[-1][pk.name]) if len(found) == limit else None)

    def photo(self, customer_id: uuid.UUID) -> bytes | None:
        """A member's photo for a desk that shows them (None: they have none); NotFound for no such member."""
        with self._reading() as session:
            found = session.execute(sa.select(customers.c.photo).where(customers.c.id == customer_id)).first()
        if found is None:
            raise NotFound("That member does not exist.")
        return bytes(found.photo) if found.photo is not None else None

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
        with self._reading() as session:
            last = session.execute(sa.select(sa.func.max(number_blocks.c.last)).where(
                number_blocks.c.device_id == device_id, number_blocks.c.counter == counter)).scalar_one_or_none()
        return last is None or int(last) - used_up_to < LOW_MARK

    def recorded(self, operation_id: uuid.UUID) -> bool:
        with self._reading() as session:
            return session.execute(sa.select(operations.c.id).where(operations.c.id == operation_id)
                                   ).first() is not None


_APPLY_ERRORS = (KeyError, TypeError, ValueError, AttributeError, sa.exc.IntegrityError, sa.exc.DataError)


@dataclass
class _Found:
    """What applying operations wrote that the rules look at: by the index of the operation in its batch."""

    written: list[tuple[str, dict[str, object]]] = field(default_factory=list)
    new: dict[str, dict[str, dict[str, object]]] = field(default_factory=dict)  # table -> key -> the row
    updates: list[tuple[sa.Table, dict[str, object], list[str]]] = field(default_factory=list)
    subs: dict[uuid.UUID, int] = field(default_factory=dict)  # pack -> the last operation that changed its ledger
    customers: list[tuple[int, dict[str, object]]] = field(default_factory=list)
    allowed: list[tuple[int, dict[str, object]]] = field(default_factory=list)
    balances: dict[uuid.UUID, int] = field(default_factory=dict)
    device_id: str = ""  # the desk that pushed: the only holder of the signing keys it may share
    branch_id: uuid.UUID | None = None  # the branch of the desk that pushed
    resolutions: list[tuple[int, dict[str, object]]] = field(default_factory=list)  # sync issues resolved there


def _clip(value: object) -> object:
    text = json.dumps(value, default=str)
    return value if len(text) <= 20_000 else text[:20_000]


def _reason(error: BaseException) -> str:
    text = str(getattr(error, "orig", None) or error).splitlines()[0] if str(error) else type(error).__name__
    return text[:300]


def stamp(now: datetime) -> str:
    return now.isoformat()
