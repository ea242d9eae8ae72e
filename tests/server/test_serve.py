"""`reception serve` refuses a database whose schema is not this release's, saying what to run."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.server.conftest import ROOT, free_port

pytestmark = pytest.mark.server


def _serve(url: str, home: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "RECEPTION_HOME": home}
    return subprocess.run([sys.executable, "-m", "reception.cli", "serve", "--db", url, "--port", str(free_port())],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


def test_serve_refuses_an_empty_postgresql_database_with_the_command_to_run(postgres_url: str, tmp_path) -> None:
    done = _serve(postgres_url, str(tmp_path))
    assert done.returncode == 2
    # (the test role's password is "reception", so the log masking hides that word here)
    assert "db upgrade --db postgresql+psycopg://" in done.stderr
    assert "Serving" not in done.stdout


def test_serve_refuses_a_sqlite_file_behind_the_schema(tmp_path) -> None:
    from reception.repository.sql import maintenance

    url = f"sqlite:///{tmp_path / 'gym.sqlite3'}"
    from alembic import command

    command.upgrade(maintenance._config(url), "0003")  # the release before the server's tables
    done = _serve(url, str(tmp_path))
    assert done.returncode == 2
    assert "revision 0003" in done.stderr and f"db upgrade --db {url}" in done.stderr
    assert maintenance.current_revision(url) == "0003"  # never upgraded behind the administrator's back
