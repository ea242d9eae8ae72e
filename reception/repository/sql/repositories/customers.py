"""Customers, their search terms, revoked cards and member numbers."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from reception.domain.models import Customer, RevokedCard
from reception.domain.search import terms_for
from reception.domain.text import fold
from reception.repository.sql.errors import translated
from reception.repository.sql.repositories import counters
from reception.repository.sql.repositories.changes import note
from reception.repository.sql.repositories.search import search_customer_ids
from reception.repository.sql.tables import customer_terms, customers, revoked_cards

_FIELDS = (
    "id", "member_no", "full_name", "phone", "branch_id", "qr_code", "created_at", "updated_at", "email",
    "is_active", "temp_password", "password_changed", "height_cm", "weight_kg", "date_of_birth", "gender",
    "address", "national_id", "health_notes", "notes", "photo",
)
# Executemany in slices: big enough to be fast, small enough for SQLite's parameter limit.
_BATCH = 2000


def _values(customer: Customer) -> dict[str, Any]:
    values = {name: getattr(customer, name) for name in _FIELDS}
    values["sort_name"] = fold(customer.full_name)[:120]
    return values


def _customer(row: sa.Row[Any]) -> Customer:
    mapping = row._mapping
    return Customer(**{name: mapping[name] for name in _FIELDS})


def _term_rows(customer: Customer) -> list[dict[str, Any]]:
    sort_name = fold(customer.full_name)[:120]
    return [
        {
            "customer_id": customer.id,
            "term": term,
            "sort_name": sort_name,
            "member_no": customer.member_no,
            "branch_id": customer.branch_id,
        }
        for term in sorted(terms_for(customer))
    ]


def _batches(rows: list[dict[str, Any]]) -> Iterable[list[dict[str, Any]]]:
    for start in range(0, len(rows), _BATCH):
        yield rows[start : start + _BATCH]


# The statements a check-in runs, built once (building a statement and its cache key costs more than the
# round trip on loopback).
_BY = {name: sa.select(customers).where(customers.c[name] == sa.bindparam("value"))
       for name in ("id", "member_no", "qr_code")}
_LOCK = sa.select(customers).where(customers.c.id == sa.bindparam("value")).with_for_update()


class SqlCustomerRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    @translated
    def add(self, customer: Customer) -> None:
        self._session.execute(sa.insert(customers), [_values(customer)])
        self._session.execute(sa.insert(customer_terms), _term_rows(customer))
        note(self._session, "customer", [(customer.id, customer.branch_id)])

    @translated
    def add_many(self, new_customers: Sequence[Customer]) -> None:
        """Bulk registration (imports, the demo gym): same result as add() for each, much faster."""
        rows = [_values(customer) for customer in new_customers]
        terms = [term for customer in new_customers for term in _term_rows(customer)]
        for batch in _batches(rows):
            self._session.execute(sa.insert(customers), batch)
        for batch in _batches(terms):
            self._session.execute(sa.insert(customer_terms), batch)
        note(self._session, "customer", [(c.id, c.branch_id) for c in new_customers])

    @translated
    def update(self, customer: Customer) -> None:
        values = _values(customer)
        del values["id"]
        self._session.execute(sa.update(customers).where(customers.c.id == customer.id).values(values))
        self._session.execute(sa.delete(customer_terms).where(customer_terms.c.customer_id == customer.id))
        self._session.execute(sa.insert(customer_terms), _term_rows(customer))
        note(self._session, "customer", [(customer.id, customer.branch_id)])

    @translated
    def lock(self, customer_id: uuid.UUID) -> Customer | None:
        # PostgreSQL: a row lock until commit. SQLite: FOR UPDATE is not rendered; BEGIN IMMEDIATE
        # already gave this transaction the database's only write lock.
        row = self._session.execute(_LOCK, {"value": customer_id}).one_or_none()
        return _customer(row) if row else None

    @translated
    def get(self, customer_id: uuid.UUID) -> Customer | None:
        return self._one_by("id", customer_id)

    @translated
    def get_many(self, ids: Sequence[uuid.UUID]) -> list[Customer]:
        if not ids:
            return []
        found: dict[uuid.UUID, Customer] = {}
        unique = list(dict.fromkeys(ids))
        for start in range(0, len(unique), 500):
            query = sa.select(customers).where(customers.c.id.in_(unique[start : start + 500]))
            found.update((row.id, _customer(row)) for row in self._session.execute(query))
        return [found[customer_id] for customer_id in ids if customer_id in found]

    @translated
    def by_member_no(self, member_no: int) -> Customer | None:
        return self._one_by("member_no", member_no)

    @translated
    def by_code(self, code: str) -> Customer | None:
        return self._one_by("qr_code", code)

    @translated
    def by_phone(self, phone: str) -> list[Customer]:
        query = sa.select(customers).where(customers.c.phone == phone).order_by(customers.c.member_no)
        return [_customer(row) for row in self._session.execute(query)]

    @translated
    def search_ids(self, tokens: Sequence[str], *, branch_id: uuid.UUID | None, limit: int) -> list[uuid.UUID]:
        return search_customer_ids(self._session, tokens, branch_id=branch_id, limit=limit)

    @translated
    def count(self, branch_id: uuid.UUID | None = None) -> int:
        query = sa.select(sa.func.count()).select_from(customers)
        if branch_id is not None:
            query = query.where(customers.c.branch_id == branch_id)
        return int(self._session.execute(query).scalar_one())

    @translated
    def page(self, *, branch_id: uuid.UUID | None, limit: int, offset: int) -> list[Customer]:
        query = sa.select(customers).order_by(customers.c.member_no).limit(limit).offset(offset)
        if branch_id is not None:
            query = query.where(customers.c.branch_id == branch_id)
        return [_customer(row) for row in self._session.execute(query)]

    @translated
    def next_member_no(self) -> int:
        return counters.take(self._session, counters.MEMBER_NO, 1, customers.c.member_no)

    @translated
    def reserve_member_nos(self, count: int) -> int:
        return counters.take(self._session, counters.MEMBER_NO, count, customers.c.member_no)

    @translated
    def revoke_card(self, card: RevokedCard) -> None:
        values = {"code": card.code, "customer_id": card.customer_id, "revoked_at": card.revoked_at}
        self._session.execute(sa.insert(revoked_cards).values(values))
        note(self._session, "revoked_card", [(card.code, None)])

    @translated
    def revoked_card(self, code: str) -> RevokedCard | None:
        row = self._session.execute(sa.select(revoked_cards).where(revoked_cards.c.code == code)).one_or_none()
        return RevokedCard(code=row.code, customer_id=row.customer_id, revoked_at=row.revoked_at) if row else None

    def _one_by(self, column: str, value: object) -> Customer | None:
        row = self._session.execute(_BY[column], {"value": value}).one_or_none()
        return _customer(row) if row else None

