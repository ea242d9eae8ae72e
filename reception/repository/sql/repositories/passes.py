"""Day passes, the public keys that sign them, and this store's own signing key (never in a synced table)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from reception.domain.models import DayPass, PaymentMethod
from reception.domain.passes import PassKey, Signer
from reception.repository.sql.errors import translated
from reception.repository.sql.repositories.changes import note
from reception.repository.sql.repositories.server import _insert_if_absent
from reception.repository.sql.tables import pass_keys, passes, server_secrets, sync_state

SIGNER = "pass_signer"  # server_secrets: "KEYID:hex of the private key" of the key this store signs with


def _pass(row: Any) -> DayPass:
    return DayPass(
        id=row.id, key_id=row.key_id, branch_id=row.branch_id, scope=row.scope, issued_at=row.issued_at,
        expires_at=row.expires_at, amount=row.amount, method=PaymentMethod(row.method),
        visitor_name=row.visitor_name, visitor_phone=row.visitor_phone, service_id=row.service_id,
        payment_id=row.payment_id, staff_id=row.staff_id, station=row.station, voided_at=row.voided_at,
        voided_by=row.voided_by, void_reason=row.void_reason,
    )


def _key(row: Any) -> PassKey:
    return PassKey(row.key_id, bytes.fromhex(row.public_key), row.created_at, row.holder, row.retired_at,
                   row.revoked_at)


class SqlPassRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    @translated
    def add(self, day_pass: DayPass) -> None:
        values = {
            "id": day_pass.id, "key_id": day_pass.key_id, "branch_id": day_pass.branch_id, "scope": day_pass.scope,
            "issued_at": day_pass.issued_at, "expires_at": day_pass.expires_at, "amount": day_pass.amount,
            "method": day_pass.method.value, "visitor_name": day_pass.visitor_name,
            "visitor_phone": day_pass.visitor_phone, "service_id": day_pass.service_id,
            "payment_id": day_pass.payment_id, "staff_id": day_pass.staff_id, "station": day_pass.station,
            "voided_at": day_pass.voided_at, "voided_by": day_pass.voided_by, "void_reason": day_pass.void_reason,
        }
        self._session.execute(sa.insert(passes).values(values))
        note(self._session, "pass", [(day_pass.id, day_pass.branch_id)])

    @translated
    def get(self, pass_id: uuid.UUID) -> DayPass | None:
        row = self._session.execute(sa.select(passes).where(passes.c.id == pass_id)).one_or_none()
        return _pass(row) if row is not None else None

    @translated
    def lock(self, pass_id: uuid.UUID) -> None:
        """Until commit, no other transaction decides on this pass (PostgreSQL: an advisory lock on its id, which
        holds even for a pass this store has no row of yet; SQLite: BEGIN IMMEDIATE already admits one writer)."""
        if self._session.get_bind().dialect.name == "postgresql":
            key = int.from_bytes(pass_id.bytes[:8], "big", signed=True)
            self._session.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})

    @translated
    def void(self, pass_id: uuid.UUID, *, at: datetime, by: uuid.UUID | None, reason: str) -> bool:
        done = self._session.execute(sa.update(passes).where(passes.c.id == pass_id, passes.c.voided_at.is_(None))
                                     .values(voided_at=at, voided_by=by, void_reason=reason))
        changed = bool(getattr(done, "rowcount", 0))
        if changed:
            row = self._session.execute(sa.select(passes.c.branch_id).where(passes.c.id == pass_id)).scalar_one()
            note(self._session, "pass", [(pass_id, row)])
        return changed

    @translated
    def query(self, *, branch_id: uuid.UUID | None = None, start: datetime | None = None,
              end: datetime | None = None) -> list[DayPass]:
        conditions = []
        if branch_id is not None:
            conditions.append(passes.c.branch_id == branch_id)
        if start is not None:
            conditions.append(passes.c.issued_at >= start)
        if end is not None:
            conditions.append(passes.c.issued_at < end)
        query = sa.select(passes).where(*conditions).order_by(passes.c.issued_at, passes.c.id)
        return [_pass(row) for row in self._session.execute(query)]

    # -- keys -------------------------------------------------------------------------------------------------

    @translated
    def signing_keys(self) -> list[PassKey]:
        return [_key(row) for row in self._session.execute(sa.select(pass_keys).order_by(pass_keys.c.created_at))]

    @translated
    def add_key(self, key: PassKey) -> None:
        self._session.execute(sa.insert(pass_keys).values(
            key_id=key.key_id, public_key=key.public_key.hex(), holder=key.holder, created_at=key.created_at,
            retired_at=key.retired_at, revoked_at=key.revoked_at))
        note(self._session, "pass_key", [(key.key_id, None)])

    @translated
    def set_key_times(self, key_id: str, *, retired_at: datetime | None = None,
                      revoked_at: datetime | None = None) -> bool:
        values = {k: v for k, v in (("retired_at", retired_at), ("revoked_at", revoked_at)) if v is not None}
        done = self._session.execute(sa.update(pass_keys).where(pass_keys.c.key_id == key_id).values(**values))
        changed = bool(getattr(done, "rowcount", 0))
        if changed:
            note(self._session, "pass_key", [(key_id, None)])
        return changed

    @translated
    def signer(self) -> Signer | None:
        """The key this store signs with, when it has one."""
        value = self._session.execute(sa.select(server_secrets.c.value)
                                      .where(server_secrets.c.name == SIGNER)).scalar_one_or_none()
        if not value:
            return None
        key_id, _, raw = str(value).partition(":")
        return Signer.load(key_id, bytes.fromhex(raw))

    @translated
    def set_signer(self, signer: Signer) -> None:
        """The key this store signs with from now on (the one before is kept only as a public key)."""
        value = f"{signer.key_id}:{signer.raw().hex()}"
        if not _insert_if_absent(self._session, server_secrets, {"name": SIGNER, "value": value}):
            self._session.execute(sa.update(server_secrets).where(server_secrets.c.name == SIGNER)
                                  .values(value=value))

    @translated
    def clock_offset(self) -> float:
        """Seconds this desk's clock is behind the chain's server's, as its last sync saw (0 elsewhere)."""
        found = self._session.execute(sa.select(sync_state.c.value).where(sync_state.c.name == "clock_offset"))
        try:
            return float(found.scalar_one_or_none() or 0)
        except ValueError:
            return 0.0

    @translated
    def holder(self) -> str:
        """Who this store's keys belong to: an enrolled desk's device id, "local" elsewhere."""
        found = self._session.execute(sa.select(sync_state.c.value).where(sync_state.c.name == "device_id"))
        return str(found.scalar_one_or_none() or "local")
