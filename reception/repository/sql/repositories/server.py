"""The server's own records: operations with their stored replies, staff sessions, refresh tokens, secrets."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from reception.domain.commands import OperationRecord, RefreshToken, StaffSession
from reception.repository.sql.errors import translated
from reception.repository.sql.tables import operations, refresh_tokens, server_secrets, staff_sessions

_INSERT_IF_ABSENT: dict[tuple[str, str], Any] = {}
_FINISH = sa.update(operations).where(operations.c.id == sa.bindparam("operation"))


def _insert_if_absent(session: Session, table: sa.Table, values: dict[str, Any]) -> bool:
    """INSERT … ON CONFLICT DO NOTHING; True when this call inserted the row.

    On PostgreSQL a concurrent insert of the same key waits for the other transaction and then
    does nothing if it committed; SQLite has one writer at a time, so the row is simply there."""
    name = session.get_bind().dialect.name
    statement = _INSERT_IF_ABSENT.get((name, table.name))
    if statement is None:  # built once per table and dialect
        dialect = postgresql if name == "postgresql" else sqlite
        key = next(iter(table.primary_key.columns))
        statement = _INSERT_IF_ABSENT[(name, table.name)] = dialect.insert(table).on_conflict_do_nothing().returning(key)
    return session.execute(statement, values).first() is not None  # (psycopg reports no rowcount here)


class SqlOperationRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    @translated
    def claim(self, record: OperationRecord) -> bool:
        """Writes the operation unless its id is taken; False when it is (a replay)."""
        values = {
            "id": record.id, "kind": record.kind, "request_hash": record.request_hash, "reply": record.reply,
            "status": record.status, "staff_id": record.staff_id, "desk": record.desk,
            "created_at": record.created_at,
        }
        return _insert_if_absent(self._session, operations, values)

    @translated
    def finish(self, operation_id: uuid.UUID, *, status: int, reply: str) -> None:
        self._session.execute(_FINISH, {"operation": operation_id, "status": status, "reply": reply})

    @translated
    def get(self, operation_id: uuid.UUID) -> OperationRecord | None:
        row = self._session.execute(sa.select(operations).where(operations.c.id == operation_id)).one_or_none()
        if row is None:
            return None
        m = row._mapping
        return OperationRecord(m["id"], m["kind"], m["request_hash"], m["reply"], m["status"], m["staff_id"],
                               m["desk"], m["created_at"])


_SESSION_BY_ID = sa.select(staff_sessions).where(staff_sessions.c.id == sa.bindparam("session"))  # every request's


class SqlSessionRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    @translated
    def open(self, staff_session: StaffSession) -> None:
        self._session.execute(sa.insert(staff_sessions).values(
            id=staff_session.id, staff_id=staff_session.staff_id, desk=staff_session.desk,
            created_at=staff_session.created_at, revoked_at=staff_session.revoked_at))

    @translated
    def get(self, session_id: uuid.UUID) -> StaffSession | None:
        row = self._session.execute(_SESSION_BY_ID, {"session": session_id}).one_or_none()
        if row is None:
            return None
        m = row._mapping
        return StaffSession(m["id"], m["staff_id"], m["desk"], m["created_at"], m["revoked_at"])

    @translated
    def revoke(self, session_id: uuid.UUID, at: datetime) -> None:
        self._session.execute(sa.update(staff_sessions)
                              .where(staff_sessions.c.id == session_id, staff_sessions.c.revoked_at.is_(None))
                              .values(revoked_at=at))

    @translated
    def add_refresh(self, token: RefreshToken) -> None:
        self._session.execute(sa.insert(refresh_tokens).values(
            token_hash=token.token_hash, session_id=token.session_id, created_at=token.created_at,
            expires_at=token.expires_at, used_at=token.used_at))

    @translated
    def refresh_token(self, token_hash: str, *, lock: bool = False) -> RefreshToken | None:
        query = sa.select(refresh_tokens).where(refresh_tokens.c.token_hash == token_hash)
        row = self._session.execute(query.with_for_update() if lock else query).one_or_none()
        if row is None:
            return None
        m = row._mapping
        return RefreshToken(m["token_hash"], m["session_id"], m["created_at"], m["expires_at"], m["used_at"])

    @translated
    def mark_used(self, token_hash: str, at: datetime) -> None:
        self._session.execute(sa.update(refresh_tokens)
                              .where(refresh_tokens.c.token_hash == token_hash, refresh_tokens.c.used_at.is_(None))
                              .values(used_at=at))

    @translated
    def secret(self, name: str, candidate: str) -> str:
        """The stored secret called `name`; `candidate` is stored first when there is none (first start)."""
        _insert_if_absent(self._session, server_secrets, {"name": name, "value": candidate})
        return str(self._session.execute(
            sa.select(server_secrets.c.value).where(server_secrets.c.name == name)).scalar_one())
