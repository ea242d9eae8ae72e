"""A day pass at the real desk under Xvfb: its 154-character code typed by a USB scanner (xdotool, Shift before
every capital, 5 and 10 ms a key) is read whole, shown as a pass, admitted with Enter, and denied "used" next time."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from tests.desk.harness import ROOT, Desk

pytestmark = pytest.mark.desk


def sell(desk: Desk) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "RECEPTION_PASSWORD": "demo1234"}
    env.pop("RECEPTION_DB", None)
    done = subprocess.run([sys.executable, "-m", "reception", "--db", f"sqlite:///{desk.db.path}", "--user", "desk1",
                           "pass", "sell", "--json"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return str(json.loads(done.stdout)["code"])


@pytest.mark.parametrize("per_key_ms", [5, 10])
def test_a_scanned_pass_is_read_whole_admitted_with_enter_and_then_denied_used(start_desk, per_key_ms: int) -> None:  # type: ignore[no-untyped-def]
    desk = start_desk()
    code = sell(desk)
    assert len(code) > 150
    mark = desk.trace.mark()
    desk.scan(code, per_key_ms=per_key_ms)
    shown = desk.trace.wait("pass", after=mark, timeout=30)[0]
    assert shown["allowed"] is True and shown["source"] == "wedge" and shown["length"] == len(code), shown
    time.sleep(0.5)  # the receptionist's Enter, a moment after the scanner's (one within 0.1 s is its CR+LF)
    desk.key("Return")
    admitted = desk.trace.wait("pass_admit", after=mark, timeout=20)[0]
    assert admitted["admitted"] is True, admitted
    again = desk.trace.mark()
    desk.scan(code, per_key_ms=per_key_ms)
    denied = desk.trace.wait("pass", after=again, timeout=30)[0]
    assert denied["allowed"] is False and denied["reason"] == "pass_used", denied
    rows = desk.db.rows("SELECT allowed, reason FROM access_log WHERE pass_id IS NOT NULL ORDER BY created_at")
    assert [(bool(a), r) for a, r in rows] == [(True, "pass_valid"), (True, ""), (False, "pass_used")]
