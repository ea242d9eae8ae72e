"""What happens at the desk: attendance, the access log of every scan, and payments."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from reception.domain.models import AccessLogEntry, Attendance, AttendanceAction, Payment, PaymentMethod
from reception.domain.reasons import reasons_json, stored_reasons
from reception.domain.sync import RECEIPT_SERIES
from reception.repository.sql.errors import translated
from reception.repository.sql.repositories import counters
from reception.repository.sql.repositories.changes import note
from reception.repository.sql.tables import access_log, attendance, payments, sync_state


def _in_range(column: sa.Column[Any], start: datetime | None, end: datetime | None) -> list[sa.ColumnElement[bool]]:
    conditions: list[sa.ColumnElement[bool]] = []
    if start is not None:
        conditions.append(column >= start)
    if end is not None:
        conditions.append(column < end)
    return conditions


def _attendance(row: sa.Row[Any]) -> Attendance:
    return Attendance(
        id=row.id,
        customer_id=row.customer_id,
        branch_id=row.branch_id,
        check_in_time=row.check_in_time,
        action=AttendanceAction(row.action),
        subscription_id=row.subscription_id,
        staff_id=row.staff_id,
        check_out_time=row.check_out_time,
        notes=row.notes,
        reversed_by=row.reversed_by,
        reverses=row.reverses,
    )


def _attendance_row(visit: Attendance) -> dict[str, Any]:
    return {
        "id": visit.id,
        "customer_id": visit.customer_id,
        "branch_id": visit.branch_id,
        "subscription_id": visit.subscription_id,
        "check_in_time": visit.check_in_time,
        "check_out_time": visit.check_out_time,
        "action": visit.action.value,
        "staff_id": visit.staff_id,
        "notes": visit.notes,
        "reversed_by": visit.reversed_by,
        "reverses": visit.reverses,
    }


# The statements a check-in runs, built once.
_ADD_VISIT = sa.insert(attendance)
_RECENT = (sa.select(attendance)
           .where(attendance.c.check_in_time >= sa.bindparam("start"), attendance.c.customer_id == sa.bindparam("customer"))
           .order_by(attendance.c.check_in_time, attendance.c.id))


class SqlAttendanceRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    @translated
    def add(self, visit: Attendance) -> None:
        self._session.execute(_ADD_VISIT, _attendance_row(visit))
        note(self._session, "attendance", [(visit.id, visit.branch_id)])

    @translated
    def add_many(self, visits: Sequence[Attendance]) -> None:
        """Bulk insert (the demo gym, imports): one executemany per call."""
        if visits:
            self._session.execute(sa.insert(attendance), [_attendance_row(v) for v in visits])
            note(self._session, "attendance", [(v.id, v.branch_id) for v in visits])

    @translated
    def get(self, attendance_id: uuid.UUID) -> Attendance | None:
        row = self._session.execute(sa.select(attendance).where(attendance.c.id == attendance_id)).one_or_none()
        return _attendance(row) if row else None

    @translated
    def mark_reversed(self, attendance_id: uuid.UUID, reversal_id: uuid.UUID) -> bool:
        # Conditional, so two managers reversing the same visit at once credit it back once.
        query = (
            sa.update(attendance)
            .where(attendance.c.id == attendance_id, attendance.c.reversed_by.is_(None))
            .values(reversed_by=reversal_id)
        )
        result = self._session.execute(query)
        done = bool(getattr(result, "rowcount", 0) == 1)
        if done:
            note(self._session, "attendance", [(attendance_id, None)])
        return done

    @translated
    def query(
        self,
        *,
        branch_id: uuid.UUID | None = None,
        customer_id: uuid.UUID | None = None,
        start: datetime | None = None,
        end: datetime | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Attendance]:
        if customer_id is not None and start is not None and branch_id is None and end is None and limit is None:
            # a member's recent visits, as every scan and check-in reads them
            return [_attendance(row) for row in self._session.execute(_RECENT, {"customer": customer_id,
                                                                                 "start": start})]
        conditions = self._conditions(branch_id, customer_id, start, end)
        query = sa.select(attendance).where(*conditions)
        if limit is None:
            query = query.order_by(attendance.c.check_in_time, attendance.c.id)
        else:
            query = query.order_by(attendance.c.check_in_time.desc(), attendance.c.id.desc()).limit(limit)
            query = query.offset(offset) if offset else query
        return [_attendance(row) for row in self._session.execute(query)]

    @translated
    def count(
        self,
        *,
        branch_id: uuid.UUID | None = None,
        customer_id: uuid.UUID | None = None,
        start: datetime | None = None,
        end: datetime | None = None,
    ) -> int:
        query = sa.select(sa.func.count()).select_from(attendance)
        query = query.where(*self._conditions(branch_id, customer_id, start, end))
        return int(self._session.execute(query).scalar_one())

    @staticmethod
    def _conditions(branch_id: uuid.UUID | None, customer_id: uuid.UUID | None, start: datetime | None,
                    end: datetime | None) -> list[sa.ColumnElement[bool]]:
        conditions = _in_range(attendance.c.check_in_time, start, end)
        if branch_id is not None:
            conditions.append(attendance.c.branch_id == branch_id)
        if customer_id is not None:
            conditions.append(attendance.c.customer_id == customer_id)
        return conditions


def _access(row: sa.Row[Any]) -> AccessLogEntry:
    return AccessLogEntry(
        id=row.id,
        code=row.code,
        allowed=row.allowed,
        reasons=stored_reasons(row.reasons),
        branch_id=row.branch_id,
        created_at=row.created_at,
        customer_id=row.customer_id,
        staff_id=row.staff_id,
        override_by=row.override_by,
        override_reason=row.override_reason,
        pass_id=row.pass_id,
        station=row.station,
    )


class SqlAccessLogRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    @translated
    def add(self, entry: AccessLogEntry) -> None:
        values = {
            "id": entry.id,
            "code": entry.code,
            "allowed": entry.allowed,
            "reasons": reasons_json(entry.reasons),
            "reason": entry.reason,
            "branch_id": entry.branch_id,
            "created_at": entry.created_at,
            "customer_id": entry.customer_id,
            "staff_id": entry.staff_id,
            "override_by": entry.override_by,
            "override_reason": entry.override_reason,
            "pass_id": entry.pass_id,
            "station": entry.station[:64],
        }
        self._session.execute(sa.insert(access_log).values(values))

    @translated
    def first_use(self, pass_id: uuid.UUID) -> AccessLogEntry | None:
        """The attempt that let a day pass in (its first admission: allowed, with no reason), if any."""
        query = (sa.select(access_log).where(access_log.c.pass_id == pass_id, access_log.c.allowed.is_(True),
                                             access_log.c.reason == "")
                 .order_by(access_log.c.created_at, access_log.c.id).limit(1))
        row = self._session.execute(query).one_or_none()
        return _access(row) if row is not None else None

    @translated
    def query(
        self,
        *,
        branch_id: uuid.UUID | None = None,
        start: datetime | None = None,
        end: datetime | None = None,
        limit: int | None = None,
        offset: int = 0,
        allowed: bool | None = None,
        reason: str | None = None,
        overridden: bool | None = None,
        customer_id: uuid.UUID | None = None,
    ) -> list[AccessLogEntry]:
        conditions = self._conditions(branch_id, start, end, allowed, reason, overridden, customer_id)
        query = sa.select(access_log).where(*conditions)
        query = query.order_by(access_log.c.created_at.desc(), access_log.c.id.desc()).limit(limit).offset(offset)
        return [_access(row) for row in self._session.execute(query)]

    @translated
    def count(
        self,
        *,
        branch_id: uuid.UUID | None = None,
        start: datetime | None = None,
        end: datetime | None = None,
        allowed: bool | None = None,
        reason: str | None = None,
        overridden: bool | None = None,
        customer_id: uuid.UUID | None = None,
    ) -> int:
        conditions = self._conditions(branch_id, start, end, allowed, reason, overridden, customer_id)
        query = sa.select(sa.func.count()).select_from(access_log).where(*conditions)
        return int(self._session.execute(query).scalar_one())

    @staticmethod
    def _conditions(branch_id: uuid.UUID | None, start: datetime | None, end: datetime | None,
                    allowed: bool | None, reason: str | None, overridden: bool | None,
                    customer_id: uuid.UUID | None) -> list[Any]:
        conditions = _in_range(access_log.c.created_at, start, end)
        if branch_id is not None:
            conditions.append(access_log.c.branch_id == branch_id)
        if allowed is not None:
            conditions.append(access_log.c.allowed.is_(allowed))
        if reason is not None:
            conditions.append(access_log.c.reason == reason)
        if overridden is not None:
            conditions.append(access_log.c.override_by.isnot(None) if overridden else access_log.c.override_by.is_(None))
        if customer_id is not None:
            conditions.append(access_log.c.customer_id == customer_id)
        return conditions


def _payment(row: sa.Row[Any]) -> Payment:
    return Payment(
        id=row.id,
        receipt_no=row.receipt_no,
        amount=row.amount,
        method=PaymentMethod(row.method),
        subscription_id=row.subscription_id,
        customer_id=row.customer_id,
        staff_id=row.staff_id,
        branch_id=row.branch_id,
        created_at=row.created_at,
        approved_by=row.approved_by,
        list_price=row.list_price,
        receipt_series=row.receipt_series,
        pass_id=row.pass_id,
    )


def _payment_row(payment: Payment) -> dict[str, Any]:
    return {
        "id": payment.id,
        "receipt_no": payment.receipt_no,
        "amount": payment.amount,
        "method": payment.method.value,
        "subscription_id": payment.subscription_id,
        "customer_id": payment.customer_id,
        "staff_id": payment.staff_id,
        "branch_id": payment.branch_id,
        "created_at": payment.created_at,
        "approved_by": payment.approved_by,
        "list_price": payment.list_price,
        "receipt_series": payment.receipt_series,
        "pass_id": payment.pass_id,
    }


class SqlPaymentRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    @translated
    def add(self, payment: Payment) -> None:
        self._session.execute(sa.insert(payments).values(_payment_row(payment)))
        note(self._session, "payment", [(payment.id, payment.branch_id)])

    @translated
    def add_many(self, new_payments: Sequence[Payment]) -> None:
        if new_payments:
            self._session.execute(sa.insert(payments), [_payment_row(p) for p in new_payments])
            note(self._session, "payment", [(p.id, p.branch_id) for p in new_payments])

    @translated
    def next_receipt_no(self) -> int:
        return counters.take(self._session, counters.RECEIPT_NO, 1, payments.c.receipt_no)

    @translated
    def receipt_series(self) -> str:
        """This desk's receipt series: a branch desk's own (N3), the gym's one series ("") elsewhere."""
        found = self._session.execute(sa.select(sync_state.c.value).where(sync_state.c.name == RECEIPT_SERIES))
        return found.scalar_one_or_none() or ""

    @translated
    def reserve_receipt_nos(self, count: int) -> int:
        return counters.take(self._session, counters.RECEIPT_NO, count, payments.c.receipt_no)

    @translated
    def for_subscription(self, subscription_id: uuid.UUID) -> list[Payment]:
        query = (
            sa.select(payments)
            .where(payments.c.subscription_id == subscription_id)
            .order_by(payments.c.created_at, payments.c.receipt_no)
        )
        return [_payment(row) for row in self._session.execute(query)]

    @translated
    def query(
        self, *, branch_id: uuid.UUID | None = None, start: datetime | None = None, end: datetime | None = None
    ) -> list[Payment]:
        conditions = _in_range(payments.c.created_at, start, end)
        if branch_id is not None:
            conditions.append(payments.c.branch_id == branch_id)
        query = sa.select(payments).where(*conditions).order_by(payments.c.created_at, payments.c.receipt_no)
        return [_payment(row) for row in self._session.execute(query)]
