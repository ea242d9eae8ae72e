"""The repeat rule at a kiosk: `verify --check-in` twice within the window records one visit."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from reception.cli import main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reception", *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "RECEPTION_PASSWORD": "demo1234"})  # for `--user owner`


def test_a_second_check_in_inside_the_window_answers_with_the_visit_already_recorded(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    assert main(["--db", db, "demo"]) == 0
    found = run("--db", db, "--user", "owner", "customers", "search", "Mohamed Salem", "--json")
    code = json.loads(found.stdout)[0]["qr_code"]
    first = run("--db", db, "verify", code, "--check-in", "--json")
    second = run("--db", db, "verify", code, "--check-in", "--json")
    assert first.returncode == 0 and second.returncode == 0, second.stderr
    one, two = json.loads(first.stdout), json.loads(second.stdout)
    assert two["decision"] == "allow"
    assert one["attendance_id"] and two["attendance_id"] == one["attendance_id"]
    assert "repeat_visit" in [w["code"] for w in two["warnings"]]
    visits = run("--db", db, "--user", "owner", "attendance", "--branch", "1", "--csv")
    assert visits.stdout.count("Mohamed Salem") == 1  # one visit today, not two
