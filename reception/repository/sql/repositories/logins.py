"""Sign-in attempts, for the login throttle: who tried, at which desk, when, and whether it worked."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from reception.domain.models import LoginAttempt
from reception.repository.sql.errors import translated
from reception.repository.sql.tables import login_attempts


class SqlLoginAttemptRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    @translated
    def add(self, attempt: LoginAttempt) -> None:
        self._session.execute(
            sa.insert(login_attempts).values(
                id=attempt.id,
                username_normalised=attempt.username,
                desk_id=attempt.desk_id,
                at=attempt.at,
                ok=attempt.ok,
            )
        )

    @translated
    def failures(
        self, *, since: datetime, username: str | None = None, desk_id: uuid.UUID | None = None
    ) -> list[datetime]:
        if (username is None) == (desk_id is None):
            raise ValueError("count failures for a username or for a desk")
        key = (
            login_attempts.c.username_normalised == username
            if username is not None
            else login_attempts.c.desk_id == desk_id
        )
        recent = [key, login_attempts.c.at >= since]
        last_ok = self._session.execute(
            sa.select(sa.func.max(login_attempts.c.at)).where(*recent, login_attempts.c.ok.is_(True))
        ).scalar_one_or_none()
        conditions = [*recent, login_attempts.c.ok.is_(False)]
        if last_ok is not None:
            conditions.append(login_attempts.c.at > last_ok)
        query = sa.select(login_attempts.c.at).where(*conditions).order_by(login_attempts.c.at)
        return [row.at for row in self._session.execute(query)]
