"""Column types that keep money exact and times in UTC on both SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

_CENT = Decimal("0.01")


class Money(TypeDecorator[Decimal]):
    """An amount as integer minor units (piastres); Python sees a 2-place Decimal.

    SQLite's Numeric goes through float, so money is never stored as one, and a float
    handed in is refused rather than rounded silently.
    """

    impl = sa.BigInteger
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> int | None:
        if value is None:
            return None
        if isinstance(value, (float, bool)):
            raise TypeError("Money must be a Decimal or an int, never a float")
        if not isinstance(value, (Decimal, int)):
            raise TypeError(f"Money must be a Decimal, got {type(value).__name__}")
        amount = Decimal(value)
        try:
            minor = (amount * 100).to_integral_exact()
        except InvalidOperation:
            raise ValueError(f"Not an amount of money: {value!r}") from None
        if minor != amount * 100:
            raise ValueError(f"Money has at most 2 decimal places, got {value!r}")
        return int(minor)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return Decimal(int(value)).scaleb(-2).quantize(_CENT)


class DecimalText(TypeDecorator[Decimal]):
    """A measured value (height, weight) kept exactly as entered, as text."""

    impl = sa.String(32)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if isinstance(value, float):
            raise TypeError("Use a Decimal, never a float")
        return str(Decimal(value))

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        return None if value is None else Decimal(value)


class UTCDateTime(TypeDecorator[datetime]):
    """An instant. Naive datetimes are refused (SQLite would drop their zone silently);
    values are stored in UTC and come back as aware UTC datetimes."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"Expected a datetime, got {type(value).__name__}")
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"Naive datetime refused (give it a time zone): {value.isoformat()}")
        utc = value.astimezone(UTC)
        if dialect.name == "sqlite":
            # Stored as fixed-width text, so text order is time order.
            return utc.replace(tzinfo=None)
        return utc

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def search_term_type() -> sa.types.TypeEngine[str]:
    """Search terms compare byte-wise (code point order) so prefix ranges use the index:
    SQLite's default BINARY collation does; on PostgreSQL the column is COLLATE "C"."""
    return sa.String(120).with_variant(sa.String(120, collation="C"), "postgresql")
