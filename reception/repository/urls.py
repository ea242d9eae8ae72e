"""Database addresses: the one parser for the SQLite file or PostgreSQL server a desk, a command or the server names.

SQLAlchemy-free, so the lock, the settings and the messages read an address without loading the
storage adapter; the SQL adapter builds its engine from the parsed fields (sql/engine.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, quote, quote_plus, unquote

from reception import redact
from reception.domain.errors import StorageError

BACKENDS = ("sqlite", "postgresql")
POSTGRES_DRIVER = "postgresql+psycopg"  # `postgresql://` and `postgres://` mean psycopg 3

# The grammar of SQLAlchemy's make_url(), so an address means here exactly what it means to the engine.
_GRAMMAR = re.compile(
    r"""
        (?P<name>[\w\+]+)://
        (?:
            (?P<username>[^:/]*)
            (?::(?P<password>[^@]*))?
        @)?
        (?:
            (?:
                \[(?P<ipv6host>[^/\?]+)\] |
                (?P<ipv4host>[^/:\?]+)
            )?
            (?::(?P<port>[^/\?]*))?
        )?
        (?:/(?P<database>[^\?]*))?
        (?:\?(?P<query>.*))?
    """,
    re.VERBOSE,
)


class UnreadableUrl(ValueError):
    """Text that is not written like a database URL at all."""


@dataclass(frozen=True)
class DatabaseUrl:
    """One database address, parsed. `text` is the address as Reception keeps, saves and opens it;
    its repr shows the address masked, so a log line that prints the object never shows the password."""

    text: str
    drivername: str
    username: str | None = None
    password: str | None = None
    host: str | None = None
    port: int | None = None
    database: str | None = None
    query: tuple[tuple[str, str], ...] = ()

    def __repr__(self) -> str:
        return f"DatabaseUrl({self.masked!r})"

    @classmethod
    def read(cls, text: str) -> DatabaseUrl:
        """The address as written: no bare file paths and no check of the backend (parse_database_url
        does both). Raises UnreadableUrl for text that is not a URL or has a port that is not a number."""
        if text.startswith(("postgresql://", "postgres://")):
            text = f"{POSTGRES_DRIVER}://" + text.split("://", 1)[1]
        found = _GRAMMAR.match(text)
        if found is None:
            raise UnreadableUrl("not a database URL")
        parts = found.groupdict()
        port: int | None = None
        if parts["port"] is not None:
            try:
                port = int(parts["port"])
            except ValueError:
                raise UnreadableUrl("the port is not a number") from None
        return cls(
            text=text,
            drivername=parts["name"],
            username=_unquoted(parts["username"]),
            password=_unquoted(parts["password"]),
            host=parts["ipv4host"] or parts["ipv6host"],
            port=port,
            database=_unquoted(parts["database"]),
            query=tuple(parse_qsl(parts["query"])) if parts["query"] is not None else (),
        )

    @property
    def backend(self) -> str:
        """"sqlite" or "postgresql" for an address Reception accepts (the driver's part left off)."""
        return self.drivername.split("+")[0]

    @property
    def is_sqlite(self) -> bool:
        return self.backend == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        """The file behind a SQLite address; None for an in-memory database or a server."""
        if not self.is_sqlite:
            return None
        database = self.database or ""
        if database in ("", ":memory:") or database.startswith("file:"):
            return None
        return Path(database)

    def render(self, *, hide_password: bool = True) -> str:
        """The address written out again (as SQLAlchemy writes it), the password as *** unless asked."""
        text = self.drivername + "://"
        if self.username is not None:
            text += quote(self.username, safe=" +")
            if self.password is not None:
                text += ":" + (redact.MASK if hide_password else quote(self.password, safe=" +"))
            text += "@"
        if self.host is not None:
            text += f"[{self.host}]" if ":" in self.host else self.host
        if self.port is not None:
            text += f":{self.port}"
        if self.database is not None:
            text += "/" + quote(self.database, safe=" +/")
        if self.query:
            ordered = sorted(self.query, key=lambda pair: pair[0])  # values of one key keep their order
            text += "?" + "&".join(f"{quote_plus(key)}={quote_plus(value)}" for key, value in ordered)
        return text

    @property
    def masked(self) -> str:
        """For messages and logs: `postgresql+psycopg://gym:***@db/reception`."""
        return redact.mask_text(self.render(hide_password=True))

    @property
    def description(self) -> str:
        """For the status bar and messages: 'Local file: /path' or 'Server: host:port/db' (never the password)."""
        if self.is_sqlite:
            return f"Local file: {self.database}"
        return f"Server: {self.host or 'localhost'}{':' + str(self.port) if self.port else ''}/{self.database}"

    @property
    def server_key(self) -> str:
        """Which server database this is, without the password (the lock of a server address is named by it)."""
        return (f"{self.backend}://{self.username or ''}@{self.host or ''}:{self.port or ''}/"
                f"{self.database or ''}")


def _unquoted(text: str | None) -> str | None:
    return unquote(text) if text is not None else None


def parse_database_url(text: str) -> DatabaseUrl:
    """What a person typed, a flag gave or a setting holds: a bare file path is a SQLite file (made
    absolute), `postgresql://` is psycopg 3. The password is remembered, so no log line or message
    shows it. Raises StorageError (the address shown with its password masked) for an address
    Reception cannot use."""
    value = text.strip()
    if "://" not in value:
        return DatabaseUrl.read(f"sqlite:///{Path(value).expanduser().resolve()}")
    redact.remember_url(value)
    if value.startswith(("postgresql://", "postgres://")):
        value = f"{POSTGRES_DRIVER}://" + value.split("://", 1)[1]
    try:
        parsed = DatabaseUrl.read(value)
    except UnreadableUrl:
        raise StorageError(f"That is not a database address Reception understands: {redact.mask_text(value)}") from None
    redact.remember_url(parsed)
    if parsed.backend not in BACKENDS:
        raise StorageError(f"Reception works with a SQLite file or a PostgreSQL server, not {parsed.masked}")
    return parsed


def normalise_url(text: str) -> str:
    """The address as Reception keeps it (see parse_database_url); StorageError when it cannot be used."""
    return parse_database_url(text).text


def describe_url(text: str) -> str:
    """'Local file: /path' or 'Server: host/db'; text that is no URL is shown with any password masked."""
    try:
        return DatabaseUrl.read(text).description
    except UnreadableUrl:
        return redact.mask_text(text)


def is_sqlite(text: str) -> bool:
    """True for a SQLite address (UnreadableUrl for text that is no URL)."""
    return DatabaseUrl.read(text).is_sqlite


__all__ = ["BACKENDS", "DatabaseUrl", "UnreadableUrl", "describe_url", "is_sqlite", "normalise_url",
           "parse_database_url"]
