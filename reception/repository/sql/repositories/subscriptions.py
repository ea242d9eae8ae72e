"""Subscriptions, their pack balance (changed only by single conditional UPDATEs), ledger and freezes."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from reception.domain.errors import NotAllowed
from reception.domain.models import (
    LedgerEntry,
    LedgerKind,
    PaymentMethod,
    ServiceKind,
    Subscription,
    SubscriptionStatus,
)
from reception.repository.sql.errors import translated
from reception.repository.sql.repositories.changes import note
from reception.repository.sql.tables import freezes, ledger_entries, subscriptions

_FIELDS = (
    "id", "customer_id", "service_id", "service_name", "branch_id", "sold_by", "sold_at_branch", "start_date",
    "end_date", "amount", "created_at", "total_units", "remaining", "frozen_from", "frozen_until",
)
# What update() may change: never the balance (deduct_one / credit), never who or what was sold.
_UPDATABLE = ("start_date", "end_date", "status", "frozen_from", "frozen_until")


def _values(subscription: Subscription) -> dict[str, Any]:
    values = {name: getattr(subscription, name) for name in _FIELDS}
    values["subscription_type"] = subscription.subscription_type.value
    values["payment_method"] = subscription.payment_method.value
    values["status"] = subscription.status.value
    return values


def _subscription(row: sa.Row[Any]) -> Subscription:
    mapping = row._mapping
    return Subscription(
        **{name: mapping[name] for name in _FIELDS},
        subscription_type=ServiceKind(row.subscription_type),
        payment_method=PaymentMethod(row.payment_method),
        status=SubscriptionStatus(row.status),
    )


def _ledger(row: sa.Row[Any]) -> LedgerEntry:
    return LedgerEntry(
        id=row.id,
        subscription_id=row.subscription_id,
        kind=LedgerKind(row.kind),
        delta=row.delta,
        created_at=row.created_at,
        staff_id=row.staff_id,
        attendance_id=row.attendance_id,
        reason=row.reason,
    )


def _ledger_row(entry: LedgerEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "subscription_id": entry.subscription_id,
        "kind": entry.kind.value,
        "delta": entry.delta,
        "created_at": entry.created_at,
        "staff_id": entry.staff_id,
        "attendance_id": entry.attendance_id,
        "reason": entry.reason,
    }


# The statements a check-in runs, built once.
_OF_CUSTOMER = (sa.select(subscriptions).where(subscriptions.c.customer_id == sa.bindparam("customer"))
                .order_by(subscriptions.c.start_date.desc(), subscriptions.c.created_at.desc()))
_DEDUCT_ONE = (sa.update(subscriptions)
               .where(subscriptions.c.id == sa.bindparam("subscription"), subscriptions.c.remaining > 0)
               .values(remaining=subscriptions.c.remaining - 1)
               .returning(subscriptions.c.remaining))
_ADD_LEDGER = sa.insert(ledger_entries)


class SqlSubscriptionRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    @translated
    def add(self, subscription: Subscription) -> None:
        self._session.execute(sa.insert(subscriptions).values(_values(subscription)))
        note(self._session, "subscription", [(subscription.id, subscription.branch_id)])

    @translated
    def add_many(self, new_subscriptions: Sequence[Subscription]) -> None:
        if new_subscriptions:
            self._session.execute(sa.insert(subscriptions), [_values(s) for s in new_subscriptions])
            note(self._session, "subscription", [(s.id, s.branch_id) for s in new_subscriptions])

    @translated
    def update(self, subscription: Subscription) -> None:
        values = _values(subscription)
        changes = {name: values[name] for name in _UPDATABLE}
        self._session.execute(sa.update(subscriptions).where(subscriptions.c.id == subscription.id).values(changes))
        note(self._session, "subscription", [(subscription.id, subscription.branch_id)])

    @translated
    def get(self, subscription_id: uuid.UUID) -> Subscription | None:
        query = sa.select(subscriptions).where(subscriptions.c.id == subscription_id)
        row = self._session.execute(query).one_or_none()
        return _subscription(row) if row else None

    @translated
    def for_customer(self, customer_id: uuid.UUID) -> list[Subscription]:
        return [_subscription(row) for row in self._session.execute(_OF_CUSTOMER, {"customer": customer_id})]

    @translated
    def deduct_one(self, subscription_id: uuid.UUID) -> int | None:
        # One statement decides: two desks deducting at once both see the row lock,
        # and the second re-checks `remaining > 0` on the first one's result.
        balance = self._session.execute(_DEDUCT_ONE, {"subscription": subscription_id}).scalar_one_or_none()
        if balance is not None:
            note(self._session, "subscription", [(subscription_id, None)])
        return None if balance is None else int(balance)

    @translated
    def credit(self, subscription_id: uuid.UUID, units: int) -> int:
        query = (
            sa.update(subscriptions)
            .where(subscriptions.c.id == subscription_id, subscriptions.c.remaining + units >= 0)
            .values(remaining=subscriptions.c.remaining + units)
            .returning(subscriptions.c.remaining)
        )
        balance = self._session.execute(query).scalar_one_or_none()
        if balance is None:
            raise NotAllowed(
                "This change would take the balance below zero, or the subscription has no session balance."
            )
        note(self._session, "subscription", [(subscription_id, None)])
        return int(balance)

    @translated
    def add_ledger(self, entry: LedgerEntry) -> None:
        self._session.execute(_ADD_LEDGER, _ledger_row(entry))
        note(self._session, "ledger", [(entry.id, None)])

    @translated
    def add_ledger_many(self, entries: Sequence[LedgerEntry]) -> None:
        if entries:
            self._session.execute(sa.insert(ledger_entries), [_ledger_row(e) for e in entries])
            note(self._session, "ledger", [(e.id, None) for e in entries])

    @translated
    def ledger(self, subscription_id: uuid.UUID) -> list[LedgerEntry]:
        query = (
            sa.select(ledger_entries)
            .where(ledger_entries.c.subscription_id == subscription_id)
            .order_by(ledger_entries.c.created_at, ledger_entries.c.id)
        )
        return [_ledger(row) for row in self._session.execute(query)]

    @translated
    def freeze_days_used(self, customer_id: uuid.UUID, since: datetime) -> int:
        query = (
            sa.select(sa.func.coalesce(sa.func.sum(freezes.c.days), 0))
            .select_from(freezes.join(subscriptions, subscriptions.c.id == freezes.c.subscription_id))
            .where(subscriptions.c.customer_id == customer_id, freezes.c.at >= since)
        )
        return int(self._session.execute(query).scalar_one())

    @translated
    def record_freeze(self, subscription_id: uuid.UUID, days: int, at: datetime, staff_id: uuid.UUID | None) -> None:
        # the freeze's id, like the rest, follows from the operation (its subscription, time and days)
        record = uuid.uuid5(subscription_id, f"freeze/{at.isoformat()}/{days}")
        values = {"id": record, "subscription_id": subscription_id, "days": days, "at": at, "staff_id": staff_id}
        self._session.execute(sa.insert(freezes).values(values))
        note(self._session, "subscription", [(subscription_id, None)])
