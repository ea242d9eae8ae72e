"""The chain's server over HTTP(S), for a branch desk: JSON in, the gym backend's envelope out.

Standard library only (the core installs without an HTTP library). A network error, a timeout or a 5xx is
`Unreachable` (retry later, without end); a 4xx is `Refused`, with the server's words.
"""

from __future__ import annotations

import email.utils
import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import datetime
from typing import Any

TIMEOUT = 20.0
LOOPBACK = ("127.0.0.1", "localhost", "::1")


class Unreachable(Exception):
    """The server could not be reached or failed (network down, timeout, 5xx): try again later.
    `code`: "unreachable" (no answer) or "server_failed" (an answer that was a failure)."""

    def __init__(self, message: str, code: str = "unreachable") -> None:
        super().__init__(message)
        self.code = code


class Refused(Exception):
    """The server answered and refused (wrong password, not allowed, too old a desk)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def checked_url(url: str) -> str:
    """The server's address, https unless it is this computer (the sync carries password hashes)."""
    text = url.strip().rstrip("/")
    parts = urllib.parse.urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("Type the server's address, like https://gym.example.com")
    if parts.scheme == "http" and parts.hostname not in LOOPBACK:
        raise ValueError("The server's address must start with https:// (only this computer may use http://).")
    return text


@dataclass
class ServerClient:
    base: str
    timeout: float = TIMEOUT
    bearer: str | None = None
    headers: dict[str, str] | None = None
    server_date: datetime | None = None  # the server's clock (its Date header) at its last reply

    def call(self, method: str, path: str, body: object | None = None, *, query: dict[str, object] | None = None
             ) -> dict[str, Any]:
        url = self.base + path
        if query:
            url += "?" + urllib.parse.urlencode({k: v for k, v in query.items() if v is not None})
        data = json.dumps(body).encode("utf-8") if body is not None else None
        request = urllib.request.Request(url, data=data, method=method)
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if self.bearer:
            request.add_header("Authorization", f"Bearer {self.bearer}")
        for name, value in (self.headers or {}).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as reply:
                self._note_date(reply.headers.get("Date"))
                return _envelope(reply.status, reply.read())
        except urllib.error.HTTPError as error:
            payload = error.read()
            if error.code >= 500:
                raise Unreachable(f"The server failed ({error.code}).", "server_failed") from None
            found = _envelope(error.code, payload, strict=False)
            raise Refused(error.code, str(found.get("error") or f"The server refused ({error.code}).")) from None
        except (TimeoutError, urllib.error.URLError, ConnectionError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise Unreachable(f"The server cannot be reached ({reason}).") from None


    def _note_date(self, header: str | None) -> None:
        if not header:
            return
        try:
            found = email.utils.parsedate_to_datetime(header)
        except (TypeError, ValueError):
            return
        if found.tzinfo is not None:
            self.server_date = found


def _envelope(status: int, payload: bytes, *, strict: bool = True) -> dict[str, Any]:
    try:
        found = json.loads(payload.decode("utf-8")) if payload else {}
    except (UnicodeDecodeError, json.JSONDecodeError):
        if strict:
            raise Unreachable(f"The server's reply was not readable ({status}).", "server_failed") from None
        return {}
    if not isinstance(found, dict):
        if strict:
            raise Unreachable(f"The server's reply was not readable ({status}).", "server_failed")
        return {}
    return found
