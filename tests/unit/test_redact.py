"""Masking secrets: URLs, connection strings and remembered passwords, in text and in log lines."""

from __future__ import annotations

import logging

from sqlalchemy.engine import make_url

from reception import redact


def test_urls_keep_everything_but_the_password() -> None:
    assert redact.mask_url("postgresql://gym:s3cret@db.local:5432/reception") == "postgresql://gym:***@db.local:5432/reception"
    assert redact.mask_url(make_url("postgresql+psycopg://gym:p%40ss@db/r")) == "postgresql+psycopg://gym:***@db/r"
    assert redact.mask_text("could not open postgres://gym:we@rd!pw@10.0.0.5/r: refused") == (
        "could not open postgres://gym:***@10.0.0.5/r: refused")  # a raw "@" in the password
    assert redact.mask_url("sqlite:///C:/Users/desk/reception.sqlite3") == "sqlite:///C:/Users/desk/reception.sqlite3"
    assert redact.mask_url("postgresql://db.local/reception") == "postgresql://db.local/reception"


def test_connection_strings_and_remembered_passwords_are_masked() -> None:
    assert redact.mask_text("host=db user=gym password=hunter22 dbname=r") == "host=db user=gym password=*** dbname=r"
    assert redact.mask_text('{"password": "hunter22"}') == '{"password": ***}'
    redact.remember_url("postgresql://gym:Tr1cky-Pw@db/r")
    assert redact.mask_text("FATAL: role said Tr1cky-Pw twice") == "FATAL: role said *** twice"
    redact.remember("abc")  # too short to mask wherever the letters appear
    assert redact.mask_text("abc") == "abc"


def test_log_lines_are_masked_after_formatting_tracebacks_included() -> None:
    formatter = redact.MaskingFormatter("%(message)s")
    try:
        raise ValueError("bad url postgresql://gym:Zq9-secret@db/r")
    except ValueError:
        import sys

        record = logging.LogRecord("reception", logging.ERROR, __file__, 1, "opening %s", ("postgresql://u:Zq9-secret@h/d",),
                                   sys.exc_info())
    line = formatter.format(record)
    assert "Zq9-secret" not in line and line.count("***") >= 2 and "ValueError" in line
