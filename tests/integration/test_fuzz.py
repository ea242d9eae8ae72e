"""Garbage at the desk: 10,000 generated codes and search texts through the services and the CLI, 0 exceptions.

Bytes that are not UTF-8, lone surrogates, NUL, 5 MB pastes, near-valid card codes, SQL, Arabic, whitespace:
each is an answer (a denial, an empty result, a clear error), never a traceback, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from reception.bootstrap import open_app
from reception.cli import main
from reception.domain.models import AttendanceAction
from reception.services.context import Desk
from tests.integration.helpers_desks import seed_desks_gym

ROOT = Path(__file__).resolve().parents[2]
ALPHABET = "GYM-0123456789ABCDEFabcdef -_%'\";\\/*?<>|&$#@!~`^()[]{}=+٠١٢٣٤٥٦٧٨٩لأإآةىـًٌ\u200f\u202e\t\n\r"
SQL = ["' OR 1=1 --", "'; DROP TABLE customers; --", "\" OR \"\"=\"", "%", "_", "\\", "NULL", "1; SELECT pg_sleep(5)"]


def generated(rng: random.Random, codes: list[str], count: int) -> list[str]:
    """Inputs a broken label, a bored visitor or a confused scanner could produce."""
    out: list[str] = []
    for i in range(count):
        kind = i % 9
        if kind == 0:  # bytes from a scanner set to another code page, decoded as the OS would
            out.append(rng.randbytes(rng.randint(1, 80)).decode("utf-8", "surrogateescape"))
        elif kind == 1:  # lone surrogates and NUL among letters
            out.append("".join(rng.choice(["\ud800", "\udfff", "\x00", "a", "GYM-", "1"]) for _ in range(rng.randint(1, 30))))
        elif kind == 2:  # a real card with one character changed, dropped or added
            code = list(rng.choice(codes))
            at = rng.randrange(len(code))
            choice = rng.random()
            if choice < 0.4:
                code[at] = rng.choice(ALPHABET)
            elif choice < 0.7:
                del code[at]
            else:
                code.insert(at, rng.choice(ALPHABET))
            out.append("".join(code))
        elif kind == 3:
            out.append(rng.choice(SQL) + rng.choice(["", rng.choice(codes)]))
        elif kind == 4:  # near-valid forms
            out.append(f"GYM-{rng.randint(-5, 10**12)}-{rng.randbytes(rng.randint(0, 6)).hex().upper()}")
        elif kind == 5:
            out.append("".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 120))))
        elif kind == 6:  # lower case, Arabic digits, spaces around: the desk cleans these
            out.append(" " + rng.choice(codes).lower().translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")) + "\t")
        elif kind == 7:
            out.append(chr(rng.randint(0x20, 0x10FFFF)) * rng.randint(1, 300) if rng.random() < 0.9 else "")
        else:
            out.append(rng.choice(["", " ", "\n", "GYM--", "GYM-1-", "-X", "--json", "-", "🙂" * 50]))
    return out


@pytest.fixture
def fuzz_gym(database_url: str):  # type: ignore[no-untyped-def]
    gym = seed_desks_gym(database_url, customers=20, balance=20, repeat_minutes=0)
    app = open_app(database_url, migrate=False, check=False)
    with app.uow.reading() as uow:
        staff = uow.staff.by_username("desk")
        branch = uow.branches.by_number(1)
    yield app, Desk(staff, branch), gym
    app.close()


def test_ten_thousand_generated_inputs_through_the_services(fuzz_gym) -> None:
    app, desk, gym = fuzz_gym
    rng = random.Random(20261202)
    inputs = generated(rng, gym["codes"], 8_000)
    pastes = ["GYM-1-" + "A" * 5_000_000, "\x00" * 5_000_000, "مرحبا " * 900_000]
    failures: list[str] = []
    allowed = scans = 0
    for index, text in enumerate(inputs + pastes):
        calls = ("scan", "check_in_scan", "search") if text in pastes else (("scan", "check_in_scan", "search")[index % 3],)
        for call in calls:
            scans += call != "search"
            try:
                if call == "search":
                    app.customers.search(text, limit=5)
                else:
                    action = AttendanceAction.CHECK_IN_WITH_DEDUCTION if call == "check_in_scan" else None
                    result = app.desk.scan(desk, text, action=action)
                    allowed += result.decision.allowed
            except Exception as error:  # noqa: BLE001 - the point: nothing may escape
                failures.append(f"{call}({text[:40]!r}): {type(error).__name__}: {error}")
    assert failures == []
    # Only the cleaned real cards (lower case, Arabic digits, spaces) may be allowed, never a mangled one.
    assert allowed <= sum(1 for t in inputs if t.strip().upper() in {c.upper() for c in gym["codes"]}
                          or t.startswith(" "))
    with app.uow.reading() as uow:
        logged = len(uow.access_log.query(limit=100_000))
    assert logged == scans  # every scan logged, the 5 MB ones too (cut to a readable size)


@pytest.fixture
def cli_gym(sqlite_url: str) -> tuple[str, dict]:  # type: ignore[type-arg]
    return sqlite_url, seed_desks_gym(sqlite_url, customers=20, balance=20, repeat_minutes=0)


def test_generated_inputs_through_the_command_line(cli_gym) -> None:
    database_url, gym = cli_gym
    rng = random.Random(7)
    inputs = [t for t in generated(rng, gym["codes"], 1_000) if "\x00" not in t]  # argv cannot carry NUL
    problems: list[str] = []
    for index, text in enumerate(inputs):
        command = ["verify", "--json", "--", text] if index % 2 else ["customers", "search", "--json", "--", text]
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(["--db", database_url, *command])
            except SystemExit as stop:  # argparse's own error: a message and exit 2
                code = stop.code if isinstance(stop.code, int) else 2
            except Exception as error:  # noqa: BLE001
                problems.append(f"{command[0]}({text[:40]!r}): {type(error).__name__}: {error}")
                continue
        if code not in (0, 1, 2) or "Traceback" in err.getvalue():
            problems.append(f"{command[0]}({text[:40]!r}): exit {code}: {err.getvalue()[-200:]}")
        elif command[0] == "verify" and code in (0, 1):
            assert json.loads(out.getvalue())["decision"] in ("allow", "deny")
    assert problems == []


def test_two_hundred_generated_inputs_as_real_processes(cli_gym) -> None:
    database_url, gym = cli_gym
    rng = random.Random(99)
    inputs = [t for t in generated(rng, gym["codes"], 260) if "\x00" not in t][:200]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def run(index_text: tuple[int, str]) -> str | None:
        index, text = index_text
        command = ["verify", "--", text] if index % 2 else ["customers", "search", "--", text]
        argv = [sys.executable, "-m", "reception", "--db", database_url, *command]
        try:
            done = subprocess.run([os.fsencode(a) if isinstance(a, str) else a for a in argv],
                                  capture_output=True, timeout=120, env=env, cwd=ROOT)
        except ValueError:  # the OS refuses this argument (embedded NUL): nothing to run
            return None
        if done.returncode not in (0, 1, 2) or b"Traceback" in done.stderr:
            return f"{command[0]}({text[:40]!r}): exit {done.returncode}: {done.stderr[-300:]!r}"
        return None

    with ThreadPoolExecutor(max_workers=4) as pool:
        problems = [p for p in pool.map(run, enumerate(inputs)) if p]
    assert problems == []
