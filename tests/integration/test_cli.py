"""The `reception` command as kiosks, turnstiles and support scripts use it."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reception.cli import main
from tests.conftest import owner_desk


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "reception", *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, **(env or {})})


@pytest.fixture
def demo_db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    assert main(["--db", url, "demo"]) == 0
    return url


OWNER = {"RECEPTION_PASSWORD": "demo1234"}  # support scripts sign in: `--user owner`


def search(db: str, text: str) -> list[dict]:  # type: ignore[type-arg]
    result = run("--db", db, "--user", "owner", "customers", "search", text, "--json", env=OWNER)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_demo_prints_the_staff_logins_and_is_idempotent(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'gym.sqlite3'}"
    first = run("--db", db, "demo")
    assert first.returncode == 0, first.stderr
    assert "150 customers" in first.stdout
    for login in ("owner", "manager", "desk1", "desk2", "desk3", "demo1234"):
        assert login in first.stdout
    again = run("--db", db, "demo")
    assert again.returncode == 0 and "already" in again.stdout


def test_demo_lives_in_its_own_file_by_default(tmp_path: Path) -> None:
    home = tmp_path / "home"
    result = run("demo", env={"RECEPTION_HOME": str(home)})
    assert result.returncode == 0, result.stderr
    assert (home / "data" / "demo.sqlite3").exists()
    assert not (home / "data" / "reception.sqlite3").exists()
    missing = run("verify", "GYM-1-00000000", env={"RECEPTION_HOME": str(home)})
    assert missing.returncode == 2 and "--demo" in missing.stderr
    assert not (home / "data" / "reception.sqlite3").exists()
    found = run("--demo", "--user", "owner", "customers", "search", "Layla", "--json",
                env={"RECEPTION_HOME": str(home), **OWNER})
    assert json.loads(found.stdout)[0]["full_name"] == "Layla Rashad"


def test_the_five_named_customers_as_the_gym_knows_them(demo_db: str) -> None:
    expected = [
        (1, "Mohamed Salem", "01077827638", "RX04AF", 1), (2, "Layla Rashad", "01022981052", "SI19IC", 1),
        (3, "Ibrahim Hassan", "01041244663", "PS02HC", 1), (4, "Hadeer Youssef", "01095899313", "PE71JZ", 2),
        (5, "Somaya Hassan", "01085345555", "RK94GG", 2),
    ]
    for no, name, phone, temp, branch in expected:
        row = search(demo_db, phone)[0]
        assert (row["id"], row["full_name"], row["phone"], row["temp_password"], row["branch_id"]) == (no, name, phone, temp, branch)
        assert row["password_changed"] is False and row["is_active"] is True
        assert row["qr_code"].startswith(f"GYM-{no}-")


def test_customers_six_to_150_are_spread_over_three_branches(demo_db: str) -> None:
    from reception.bootstrap import open_app

    app = open_app(demo_db)
    try:
        numbers = {b.id: b.number for b in app.catalogue.branches()}
        customers = [app.customers.by_member_no(owner_desk(app), i) for i in range(1, 151)]
        kinds = {s.kind.value for s in app.catalogue.services()}
    finally:
        app.close()
    assert all(numbers[c.branch_id] == ((c.member_no - 1) % 3) + 1 for c in customers[5:])
    assert all(c.temp_password or c.password_changed for c in customers)
    assert kinds == {"monthly", "sessions", "coins", "day_pass"}  # the day pass is sold at the desk, not subscribed


def test_verify_exit_codes_and_json(demo_db: str) -> None:
    code = search(demo_db, "Mohamed Salem")[0]["qr_code"]
    allowed = run("--db", demo_db, "verify", code, "--json", "--check-in")
    assert allowed.returncode == 0, allowed.stderr
    payload = json.loads(allowed.stdout)
    assert payload["decision"] == "allow"
    assert payload["customer"] == {"id": 1, "full_name": "Mohamed Salem", "branch_id": 1}
    assert payload["subscription"]["type"] == "monthly" and payload["subscription"]["status"] == "active"
    assert payload["attendance_id"]
    expired = run("--db", demo_db, "verify", search(demo_db, "Ibrahim Hassan")[0]["qr_code"], "--json")
    assert expired.returncode == 1
    assert json.loads(expired.stdout)["reasons"][0]["code"] == "expired"
    garbage = run("--db", demo_db, "verify", "x" * 10_240, "--json")
    assert garbage.returncode == 1 and json.loads(garbage.stdout)["decision"] == "deny"
    human = run("--db", demo_db, "verify", "'; DROP TABLE customers; --")
    assert human.returncode == 1 and human.stdout.startswith("DENIED: This is not a gym card")
    bad_branch = run("--db", demo_db, "verify", code, "--branch", "9")
    assert bad_branch.returncode == 2 and "No branch 9" in bad_branch.stderr


def test_verify_deduct_at_another_branch(demo_db: str) -> None:
    layla = search(demo_db, "Layla Rashad")[0]
    result = run("--db", demo_db, "verify", layla["qr_code"], "--deduct", "--branch", "2", "--json")
    payload = json.loads(result.stdout)
    assert result.returncode == 0, result.stderr
    assert payload["subscription"]["remaining_sessions"] == 6
    assert [w["code"] for w in payload["warnings"]] == ["other_branch"]


def test_attendance_csv_lists_todays_check_in(demo_db: str) -> None:
    code = search(demo_db, "Mohamed Salem")[0]["qr_code"]
    assert run("--db", demo_db, "verify", code, "--check-in").returncode == 0
    result = run("--db", demo_db, "--user", "owner", "attendance", "--branch", "1", "--csv", env=OWNER)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert any(r["full_name"] == "Mohamed Salem" and r["action"] == "check_in_only" for r in rows)
    ranged = run("--db", demo_db, "--user", "owner", "attendance", "--from", "2020-01-01", "--to", "2099-12-31",
                 env=OWNER)
    assert ranged.returncode == 0 and "visit(s)" in ranged.stdout
    wrong = run("--db", demo_db, "--user", "owner", "attendance", "--date", "21/11/2026", env=OWNER)
    assert wrong.returncode == 2 and "not a date" in wrong.stderr


def test_db_check_backup_and_a_damaged_file(demo_db: str, tmp_path: Path) -> None:
    check = run("--db", demo_db, "db", "check")
    assert check.returncode == 0 and "integrity ok" in check.stdout
    copy = tmp_path / "copy.sqlite3"
    assert run("--db", demo_db, "db", "backup", str(copy)).returncode == 0
    assert search(f"sqlite:///{copy}", "Layla")[0]["id"] == 2
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"SQLite format 3\x00" + os.urandom(8192))
    before = damaged.read_bytes()
    for args in (["db", "check"], ["verify", "GYM-1-00000000"], ["customers", "search", "a"]):
        result = run("--db", f"sqlite:///{damaged}", *args)
        assert result.returncode == 2, args
        assert "damaged" in result.stderr.lower() and "Traceback" not in result.stderr
    assert damaged.read_bytes() == before


def test_server_that_is_down_is_a_clear_error() -> None:
    result = run("--db", "postgresql://nobody:secret@127.0.0.1:1/gym", "customers", "search", "a")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "secret" not in result.stderr
