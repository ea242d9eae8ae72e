"""Staff tokens for the chain's server: a short signed access token and a rotating refresh token.

The access token is `v1.<payload>.<HMAC-SHA256>`: staff id, session id and expiry, signed with the
server's secret (RECEPTION_SERVER_SECRET, else one generated on first start and kept in the
database so every worker and restart shares it). Every request re-reads the staff member and the
session, so a deactivated account or a logout takes effect at once. A refresh token is random,
stored only as its SHA-256, and used once: refreshing returns a new one. The used one still works
for a short grace period (a reply lost on a flaky line); used again after that, it is taken as stolen
and the whole session is revoked.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import threading
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from reception.clock import Clock
from reception.domain.commands import RefreshToken, StaffSession
from reception.domain.errors import AuthenticationFailed
from reception.domain.models import Staff
from reception.repository.ports import UnitOfWork
from reception.services.auth import StaffService

SECRET_ENV = "RECEPTION_SERVER_SECRET"
SECRET_NAME = "token_signing"
ACCESS_TTL = timedelta(minutes=15)
REFRESH_TTL = timedelta(days=30)
REFRESH_GRACE = timedelta(seconds=60)


class TokenInvalid(AuthenticationFailed):
    code = "token_invalid"

    def __init__(self, message: str = "Your sign-in has expired or is not valid; sign in again.") -> None:
        super().__init__(message)


@dataclass(frozen=True)
class Tokens:
    access_token: str
    refresh_token: str
    expires_in: int
    staff: Staff


@dataclass(frozen=True)
class Caller:
    """Who sent a request: the staff member as stored now, and the sign-in it came through."""

    staff: Staff
    session_id: uuid.UUID
    desk: str


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class TokenService:
    def __init__(self, uow: UnitOfWork, clock: Clock, staff: StaffService, *, access_ttl: timedelta = ACCESS_TTL,
                 refresh_ttl: timedelta = REFRESH_TTL, grace: timedelta = REFRESH_GRACE) -> None:
        self._uow = uow
        self._clock = clock
        self._staff = staff
        self.access_ttl = access_ttl
        self.refresh_ttl = refresh_ttl
        self.grace = grace
        self._key: bytes | None = None
        self._key_lock = threading.Lock()

    # -- the three calls a client makes -------------------------------------------------

    def login(self, username: str, password: str, *, desk: str = "", staff_service: StaffService | None = None
              ) -> Tokens:
        """`staff_service`: one whose desk id names the client, so the throttle counts per client too."""
        staff = (staff_service or self._staff).authenticate(username, password)
        now = self._clock.now()
        session = StaffSession(uuid.uuid4(), staff.id, desk[:120], now)
        with self._uow as uow:
            uow.sessions.open(session)
            refresh = self._new_refresh(uow, session.id, now)
            uow.commit()
        return Tokens(self._access(staff.id, session.id, now), refresh, int(self.access_ttl.total_seconds()), staff)

    def refresh(self, refresh_token: str) -> Tokens:
        now = self._clock.now()
        stolen = False
        with self._uow as uow:
            stored = uow.sessions.refresh_token(_hash(refresh_token or ""), lock=True)
            session = uow.sessions.get(stored.session_id) if stored else None
            if stored is None or session is None or session.revoked_at is not None or stored.expires_at <= now:
                raise TokenInvalid()
            if stored.used_at is not None and now - stored.used_at > self.grace:
                uow.sessions.revoke(session.id, now)  # a used token came back late: treat the session as stolen
                uow.commit()
                stolen = True
            else:
                staff = uow.staff.get(session.staff_id)
                if staff is None or not staff.is_active:
                    raise TokenInvalid()
                uow.sessions.mark_used(stored.token_hash, now)
                fresh = self._new_refresh(uow, session.id, now)
                uow.commit()
        if stolen or staff is None:
            raise TokenInvalid("This sign-in was ended because an old token was used again; sign in again.")
        return Tokens(self._access(staff.id, session.id, now), fresh, int(self.access_ttl.total_seconds()), staff)

    def logout(self, caller: Caller) -> None:
        with self._uow as uow:
            uow.sessions.revoke(caller.session_id, self._clock.now())
            uow.commit()

    # -- every request ------------------------------------------------------------------

    def signed(self, access_token: str) -> tuple[uuid.UUID, uuid.UUID]:
        """The staff and sign-in ids a token names, or TokenInvalid when it is forged or expired (no storage read:
        whether the sign-in still holds is verify's to say)."""
        claims = self._claims(access_token)
        try:
            staff_id, session_id, expires = uuid.UUID(claims["sub"]), uuid.UUID(claims["sid"]), int(claims["exp"])
        except (KeyError, TypeError, ValueError):
            raise TokenInvalid() from None
        if expires <= self._clock.now().timestamp():
            raise TokenInvalid()
        return staff_id, session_id

    def verify(self, access_token: str) -> Caller:
        """The caller of a request, or TokenInvalid (forged, expired, revoked, staff deactivated)."""
        staff_id, session_id = self.signed(access_token)
        with self._uow.reading() as uow:
            session = uow.sessions.get(session_id)
            staff = uow.staff.get(staff_id)
        if session is None or session.revoked_at is not None or session.staff_id != staff_id:
            raise TokenInvalid()
        if staff is None or not staff.is_active:
            raise TokenInvalid()
        return Caller(staff, session_id, session.desk)

    def prepare(self) -> None:
        """Loads the signing key now (the server, before it takes requests: checking a token then reads nothing)."""
        self._signing_key()

    # -- internals ----------------------------------------------------------------------

    def _signing_key(self) -> bytes:
        with self._key_lock:
            if self._key is None:
                configured = os.environ.get(SECRET_ENV, "").strip()
                if configured:
                    self._key = configured.encode("utf-8")
                else:
                    with self._uow as uow:
                        stored = uow.sessions.secret(SECRET_NAME, secrets.token_urlsafe(48))
                        uow.commit()
                    self._key = stored.encode("utf-8")
            return self._key

    def _access(self, staff_id: uuid.UUID, session_id: uuid.UUID, now: datetime) -> str:
        claims = {"sub": str(staff_id), "sid": str(session_id), "iat": int(now.timestamp()),
                  "exp": int((now + self.access_ttl).timestamp())}
        payload = _b64(json.dumps(claims, separators=(",", ":")).encode("utf-8"))
        signature = hmac.new(self._signing_key(), f"v1.{payload}".encode("ascii"), hashlib.sha256).digest()
        return f"v1.{payload}.{_b64(signature)}"

    def _claims(self, token: str) -> dict[str, Any]:
        parts = (token or "").split(".")
        if len(parts) != 3 or parts[0] != "v1" or len(token) > 2048:
            raise TokenInvalid()
        try:
            expected = hmac.new(self._signing_key(), f"v1.{parts[1]}".encode("ascii"), hashlib.sha256).digest()
            if not hmac.compare_digest(expected, _unb64(parts[2])):
                raise TokenInvalid()
            claims = json.loads(_unb64(parts[1]))
        except (ValueError, UnicodeError):
            raise TokenInvalid() from None
        if not isinstance(claims, dict):
            raise TokenInvalid()
        return claims

    def _new_refresh(self, uow: UnitOfWork, session_id: uuid.UUID, now: datetime) -> str:
        token = secrets.token_urlsafe(32)
        uow.sessions.add_refresh(RefreshToken(_hash(token), session_id, now, now + self.refresh_ttl))
        return token
