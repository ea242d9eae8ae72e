"""The one place that masks secrets: database passwords in URLs and in any text bound for a log or a message."""

from __future__ import annotations

import logging
import re
import threading
from urllib.parse import quote, unquote

MASK = "***"
MIN_REMEMBERED = 4  # shorter secrets are masked where they sit in a URL, not wherever the characters appear

# scheme://user:password@host...  The password runs to the last "@" of the word (people type a raw "@").
_URL_PASSWORD = re.compile(r"(?P<head>\b[a-zA-Z][a-zA-Z0-9+.\-]*://[^:/@\s'\"<>]*:)(?P<secret>[^\s'\"<>]*)(?=@)")
# password=..., "password": "...", PGPASSWORD=... (connection strings, JSON, environment dumps)
_KEY_VALUE = re.compile(
    r"(?P<head>(?:password|passwd|pwd)[\"']?\s*[:=]\s*)(?P<secret>\"[^\"]*\"|'[^']*'|[^\s&;,\"'}]+)",
    re.IGNORECASE,
)

_remembered: set[str] = set()
_lock = threading.Lock()


def remember(secret: str | None) -> None:
    """Mask this exact text wherever it appears from now on (a database password seen in a URL)."""
    if not secret or len(secret) < MIN_REMEMBERED:
        return
    with _lock:
        _remembered.update({secret, quote(secret, safe=""), quote(secret)})


def forget_all() -> None:
    """Drop every remembered secret (tests: one test's database password is not the next one's)."""
    with _lock:
        _remembered.clear()


def remember_url(url: object) -> None:
    """Remember the password of a database URL (text or SQLAlchemy URL); anything unparseable is ignored."""
    password = getattr(url, "password", None)
    if password is None and isinstance(url, str):
        match = _URL_PASSWORD.search(url)
        password = unquote(match.group("secret")) if match else None
    if password is not None:
        remember(str(password))


def mask_url(url: object) -> str:
    """`postgresql+psycopg://user:***@host/db`: the URL as people may see it, password hidden."""
    render = getattr(url, "render_as_string", None)
    if callable(render):
        text = str(render(hide_password=True))
    else:
        text = str(url)
    return mask_text(text)


def mask_text(text: str) -> str:
    """Any text with every password we can recognise replaced by ***."""
    if not text:
        return text
    text = _URL_PASSWORD.sub(lambda m: m.group("head") + MASK, text)
    text = _KEY_VALUE.sub(lambda m: m.group("head") + MASK, text)
    with _lock:
        secrets = sorted(_remembered, key=len, reverse=True)
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, MASK)
    return text


class MaskingFormatter(logging.Formatter):
    """Formats a record (message, arguments, traceback) and masks the finished line."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_text(super().format(record))
