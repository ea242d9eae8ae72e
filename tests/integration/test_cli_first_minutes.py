"""A newcomer's first commands, as real processes: options before or after the command, and where the demo goes."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from reception.bootstrap import open_app
from reception.services.setup import create_gym

LOGINS = ("owner", "manager", "desk1", "desk2", "desk3", "demo1234")


def run(*args: str, env: dict[str, str] | None = None, drop_db_env: bool = True) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "RECEPTION_PASSWORD": "demo1234", **(env or {})}  # the demo owner, for --user
    if drop_db_env and "RECEPTION_DB" not in (env or {}):
        environ.pop("RECEPTION_DB", None)
    return subprocess.run([sys.executable, "-m", "reception", *args], capture_output=True, text=True, timeout=180,
                          env=environ)


def real_gym(url: str) -> str:
    app = open_app(url)
    try:
        create_gym(app.uow, branch_name="Zamalek", owner_username="boss", owner_full_name="Hoda Kamal",
                   password="zamalek-2026")
    finally:
        app.close()
    return url


def branch_names(url: str) -> list[str]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            return sorted(connection.execute(sa.text("SELECT name FROM branches")).scalars())
    finally:
        engine.dispose()


# ---------------------------------------------------------------- global options before or after the command


def test_database_options_work_before_and_after_the_command(tmp_path: Path) -> None:
    db = str(tmp_path / "gym.sqlite3")
    upgraded = run("db", "upgrade", "--db", db)
    assert upgraded.returncode == 0, upgraded.stderr
    assert "latest" in upgraded.stdout
    assert run("demo", "--customers", "5", "--db", db).returncode == 0

    before = run("--db", db, "--user", "owner", "customers", "search", "Layla", "--json")
    after = run("--user", "owner", "customers", "search", "Layla", "--json", "--db", db)
    assert before.returncode == after.returncode == 0, (before.stderr, after.stderr)
    assert json.loads(before.stdout) == json.loads(after.stdout)
    code = json.loads(after.stdout)[0]["qr_code"]

    for argv in (["--db", db, "verify", code, "--json"], ["verify", code, "--json", "--db", db],
                 ["verify", "--db", db, code, "--json"]):
        result = run(*argv)
        assert result.returncode == 0, (argv, result.stderr)
        assert json.loads(result.stdout)["customer"]["full_name"] == "Layla Rashad"
    # Given twice, the one after the command wins (as a later option does).
    elsewhere = run("--db", str(tmp_path / "missing.sqlite3"), "db", "check", "--db", db)
    assert elsewhere.returncode == 0, elsewhere.stderr


def test_demo_option_after_the_command(tmp_path: Path) -> None:
    home = {"RECEPTION_HOME": str(tmp_path / "home")}
    assert run("demo", "--customers", "5", env=home).returncode == 0
    found = run("--user", "owner", "customers", "search", "Somaya", "--json", "--demo", env=home)
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)[0]["full_name"] == "Somaya Hassan"


def test_a_command_still_refuses_a_bad_option_clearly(tmp_path: Path) -> None:
    result = run("verify", "GYM-1-00000000", "--nonsense", "--db", str(tmp_path / "x.sqlite3"))
    assert result.returncode == 2
    assert "unrecognized arguments: --nonsense" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_apps_own_upgrade_advice_runs_as_printed(postgres_url: str) -> None:
    refused = run("verify", "GYM-1-00000000", "--db", postgres_url)
    assert refused.returncode == 2
    advice = refused.stderr.split("run: ", 1)[1].strip()
    assert advice.startswith("reception db upgrade --db ")
    password = sa.engine.make_url(postgres_url).password or ""
    argv = shlex.split(advice.replace("***", password))[1:]  # the administrator types the password
    upgraded = run(*argv)
    assert upgraded.returncode == 0, upgraded.stderr
    check = run("db", "check", "--db", postgres_url)
    assert check.returncode == 0 and "up to date" in check.stdout, check.stderr


# ---------------------------------------------------------------- where `reception demo` writes


def test_demo_honours_reception_db_when_it_is_empty_or_already_the_demo(tmp_path: Path) -> None:
    home = tmp_path / "home"
    db = tmp_path / "shared.sqlite3"
    env = {"RECEPTION_HOME": str(home), "RECEPTION_DB": str(db)}
    first = run("demo", "--customers", "5", env=env)
    assert first.returncode == 0, first.stderr
    assert str(db) in first.stdout and all(login in first.stdout for login in LOGINS)
    again = run("demo", "--customers", "5", env=env)
    assert again.returncode == 0 and "already" in again.stdout
    assert branch_names(f"sqlite:///{db}") == ["Heliopolis", "Maadi", "Nasr City"]
    assert not (home / "data" / "demo.sqlite3").exists()


def test_demo_refuses_a_database_that_holds_another_gym(tmp_path: Path) -> None:
    url = real_gym(f"sqlite:///{tmp_path / 'zamalek.sqlite3'}")
    home = {"RECEPTION_HOME": str(tmp_path / "home")}
    for result in (run("demo", "--customers", "5", env={**home, "RECEPTION_DB": url}),
                   run("demo", "--customers", "5", "--db", url, env=home),
                   run("--db", url, "demo", "--customers", "5", env=home)):
        assert result.returncode == 2
        assert "already holds another gym" in result.stderr
        assert "Traceback" not in result.stderr
    assert branch_names(url) == ["Zamalek"]  # nothing of the demo was written
    assert not (tmp_path / "home" / "data" / "demo.sqlite3").exists()


def test_demo_with_neither_uses_the_demo_file(tmp_path: Path) -> None:
    home = tmp_path / "home"
    result = run("demo", "--customers", "5", env={"RECEPTION_HOME": str(home)})
    assert result.returncode == 0, result.stderr
    assert str(home / "data" / "demo.sqlite3") in result.stdout


def test_demo_fills_an_empty_postgresql_database(postgres_url: str) -> None:
    result = run("demo", "--customers", "5", "--db", postgres_url)
    assert result.returncode == 0, result.stderr
    assert branch_names(postgres_url) == ["Heliopolis", "Maadi", "Nasr City"]


# ---------------------------------------------------------------- `reception --demo`, the window


def window(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return run("--demo", "--camera", "none",
               env={"QT_QPA_PLATFORM": "offscreen", "RECEPTION_EXIT_AFTER_FIRST_PAINT": "1", **env})


def test_demo_window_prints_where_the_demo_is_and_the_logins(tmp_path: Path) -> None:
    home = tmp_path / "home"
    result = window({"RECEPTION_HOME": str(home)})
    assert result.returncode == 0, result.stderr
    first_line = result.stdout.splitlines()[0]
    assert str(home / "data" / "demo.sqlite3") in first_line
    assert all(login in result.stdout for login in LOGINS)
    assert "RECEPTION_FIRST_PAINT" in result.stdout  # and then the window did open


def test_demo_window_opens_where_the_demo_command_wrote(tmp_path: Path) -> None:
    db = tmp_path / "shared.sqlite3"
    env = {"RECEPTION_HOME": str(tmp_path / "home"), "RECEPTION_DB": str(db)}
    result = window(env)
    assert result.returncode == 0, result.stderr
    assert str(db) in result.stdout.splitlines()[0]
    assert branch_names(f"sqlite:///{db}") == ["Heliopolis", "Maadi", "Nasr City"]  # built there on first start
    assert "already" in run("demo", env=env).stdout


def test_demo_window_refuses_another_gym_before_opening(tmp_path: Path) -> None:
    url = real_gym(f"sqlite:///{tmp_path / 'zamalek.sqlite3'}")
    result = window({"RECEPTION_HOME": str(tmp_path / "home"), "RECEPTION_DB": url})
    assert result.returncode == 2
    assert "already holds another gym" in result.stderr
    assert "RECEPTION_FIRST_PAINT" not in result.stdout
    assert branch_names(url) == ["Zamalek"]


DESK_ENTRY = "import sys; from reception.ui.app import main; sys.exit(main())"  # the `reception-desk` script


def desk_window(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "RECEPTION_EXIT_AFTER_FIRST_PAINT": "1", **env}
    if "RECEPTION_DB" not in env:
        environ.pop("RECEPTION_DB", None)
    return subprocess.run([sys.executable, "-c", DESK_ENTRY, *args], capture_output=True, text=True, timeout=180,
                          env=environ)


def test_reception_desk_opens_the_demo_window_and_refuses_another_gym_like_reception(tmp_path: Path) -> None:
    home = {"RECEPTION_HOME": str(tmp_path / "home")}
    opened = desk_window("--demo", "--camera", "none", env=home)
    assert opened.returncode == 0, opened.stderr
    assert str(tmp_path / "home" / "data" / "demo.sqlite3") in opened.stdout.splitlines()[0]
    assert all(login in opened.stdout for login in LOGINS) and "RECEPTION_FIRST_PAINT" in opened.stdout

    url = real_gym(f"sqlite:///{tmp_path / 'zamalek.sqlite3'}")
    refused = desk_window("--demo", "--db", url, "--camera", "none", env=home)
    assert refused.returncode == 2 and "already holds another gym" in refused.stderr
    assert "Traceback" not in refused.stderr and "RECEPTION_FIRST_PAINT" not in refused.stdout
    assert branch_names(url) == ["Zamalek"]
