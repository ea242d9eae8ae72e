"""`pip install reception` is the core: its commands run where the desk's and the server's libraries are absent.

Each command runs in a fresh interpreter whose import system refuses the desk's libraries (Qt, OpenCV, the QR
decoders, NumPy, the card image makers) and the server's (FastAPI, uvicorn), as a core-only install would.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from pathlib import Path

import pytest

import reception

ROOT = Path(reception.__file__).resolve().parents[1]
DESK_LIBRARIES = ("PySide6", "shiboken6", "cv2", "zxingcpp", "pyzbar", "numpy", "qrcode", "PIL")
SERVER_LIBRARIES = ("fastapi", "uvicorn", "starlette", "pydantic")
OTHERS = ("requests",)  # only the tests and benchmarks call the server over HTTP

# Run as `python -c BOOTSTRAP ARGS...`: refuse the libraries, then run `reception ARGS...` as the console script does.
BOOTSTRAP = """
import runpy, sys
REFUSED = set(sys.argv[1].split(","))
for loaded in [name for name in sys.modules if name.split(".")[0] in REFUSED]:
    del sys.modules[loaded]

class Refuse:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in REFUSED:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

sys.meta_path.insert(0, Refuse())
sys.argv = ["reception", *sys.argv[2:]]
runpy.run_module("reception", run_name="__main__", alter_sys=True)
"""

PASSWORD = {"RECEPTION_PASSWORD": "demo1234"}


EVERY_EXTRA = DESK_LIBRARIES + SERVER_LIBRARIES + OTHERS


def _command(refused: tuple[str, ...], args: tuple[str, ...], bootstrap: str = BOOTSTRAP) -> list[str]:
    return [sys.executable, "-c", bootstrap, ",".join(refused), *args]


def _env(extra: dict[str, str] | None = None) -> dict[str, str]:
    path = os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])
    return {**os.environ, "PYTHONPATH": path, **(extra or {})}


def core(*args: str, env: dict[str, str] | None = None,
         refused: tuple[str, ...] = EVERY_EXTRA) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(_command(refused, args), capture_output=True, text=True, timeout=120, env=_env(env),
                            check=False)
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    return result


def _names(requirements: list[str]) -> set[str]:
    return {re.split(r"[\s\[<>=!~;]", line, maxsplit=1)[0].lower().replace("_", "-") for line in requirements}


def test_the_core_install_lists_none_of_the_desk_or_server_libraries() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    core_names, extras = _names(project["dependencies"]), project["optional-dependencies"]
    desk = {"pyside6", "opencv-python-headless", "zxing-cpp", "pyzbar", "numpy", "qrcode", "pillow"}
    server = {"fastapi", "uvicorn", "qrcode"}
    assert not core_names & (desk | server | {"requests"}), core_names & (desk | server)
    assert {"sqlalchemy", "alembic", "psycopg", "argon2-cffi", "platformdirs"} <= core_names
    assert _names(extras["desk"]) == desk
    assert _names(extras["server"]) == server
    assert any(line.replace(" ", "") == "reception[desk,server]" for line in extras["test"])


def test_the_scriptable_commands_run_without_the_desk_and_server_libraries(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'gym.sqlite3'}"
    created = core("demo", "--db", db, "--customers", "5")
    assert created.returncode == 0, created.stderr
    assert "Demo gym created" in created.stdout and "demo1234" in created.stdout

    found = core("--db", db, "--user", "owner", "customers", "search", "Hadeer", "--json", env=PASSWORD)
    assert found.returncode == 0, found.stderr
    hadeer = json.loads(found.stdout)[0]
    assert hadeer["full_name"] == "Hadeer Youssef" and hadeer["qr_code"].startswith("GYM-4-")

    checked_in = core("--db", db, "verify", hadeer["qr_code"], "--branch", "2", "--check-in", "--json")
    assert checked_in.returncode == 0, checked_in.stderr
    visit = json.loads(checked_in.stdout)
    assert visit["decision"] == "allow" and visit["attendance_id"]

    denied = core("--db", db, "verify", "GYM-999-00000000")
    assert denied.returncode == 1 and denied.stdout.startswith("DENIED")

    sold = core("--db", db, "--user", "desk1", "pass", "sell", "--json", "--qr", str(tmp_path / "pass.png"),
                env=PASSWORD)
    assert sold.returncode == 0, sold.stderr
    assert "needs the desk part" in sold.stderr and not (tmp_path / "pass.png").exists()
    code = json.loads(sold.stdout)["code"]
    admitted = core("--db", db, "verify", code, "--check-in", "--json")
    assert admitted.returncode == 0 and json.loads(admitted.stdout)["status"] == "allow"
    used = core("--db", db, "verify", code, "--check-in", "--json")
    assert used.returncode == 1 and json.loads(used.stdout)["reason"] == "pass_used"

    today = core("--db", db, "--user", "owner", "attendance", "--branch", "2", "--csv", env=PASSWORD)
    assert today.returncode == 0, today.stderr
    assert "Hadeer Youssef" in today.stdout

    for command in (["db", "upgrade"], ["db", "check"], ["db", "backup", str(tmp_path / "copy.sqlite3")],
                    ["db", "restore", str(tmp_path / "copy.sqlite3")], ["db", "archive-log"]):
        result = core("--db", db, *command)
        assert result.returncode == 0, (command, result.stderr)
    assert (tmp_path / "copy.sqlite3").stat().st_size > 0
    assert "integrity ok; schema up to date" in core("--db", db, "db", "check").stdout


@pytest.mark.parametrize(("args", "extra"), [
    ([], "desk"),
    (["--demo"], "desk"),
    (["decode", "card.png"], "desk"),
    (["serve", "--demo"], "server"),
])
def test_a_command_whose_part_is_missing_says_in_one_line_what_to_install(args: list[str], extra: str) -> None:
    result = core(*args)
    assert result.returncode == 2
    assert result.stdout == ""  # nothing before it: not the demo's logins, not a half-started server
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].endswith(f'Install it with: pip install "reception[{extra}]"'), lines[0]


def test_the_server_alone_is_enough_for_serve_and_the_desk_alone_for_the_window(tmp_path: Path) -> None:
    serve = core("serve", "--demo", refused=SERVER_LIBRARIES)
    assert serve.returncode == 2 and 'pip install "reception[server]"' in serve.stderr
    window = core("--demo", refused=("PySide6",))
    assert window.returncode == 2 and "(no PySide6)" in window.stderr
    assert 'pip install "reception[desk]"' in window.stderr


@pytest.mark.server
def test_the_server_install_serves_without_the_desk_libraries(tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    log = tmp_path / "server.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(_command(DESK_LIBRARIES + OTHERS, ("serve", "--demo", "--port", str(port))),
                                   env=_env(), stdout=out, stderr=subprocess.STDOUT)
    try:
        base, deadline = f"http://127.0.0.1:{port}", time.monotonic() + 60
        while True:
            assert process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                time.sleep(0.2)
        login = urllib.request.Request(f"{base}/api/auth/login", method="POST",
                                       data=json.dumps({"username": "desk1", "password": "demo1234"}).encode(),
                                       headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(login, timeout=30) as reply:
            assert reply.status == 200 and json.load(reply)["data"]["access_token"]
    finally:
        process.terminate()
        process.wait(timeout=15)
    assert "Traceback" not in log.read_text()


def test_a_missing_library_found_only_inside_a_command_still_names_the_extra(tmp_path: Path) -> None:
    # The checks before a command run know `decode`; the same line comes from the command itself when it does not.
    script = ("import sys; from reception import extras, cli; extras.NEEDS.clear(); "
              "raise SystemExit(cli.main(sys.argv[1:]))")
    bootstrap = BOOTSTRAP.replace('runpy.run_module("reception", run_name="__main__", alter_sys=True)', script)
    result = subprocess.run(_command(DESK_LIBRARIES, ("decode", "card.png"), bootstrap), capture_output=True,
                            text=True, timeout=120, env=_env(), check=False)
    assert result.returncode == 2
    assert result.stderr.strip().endswith('Install it with: pip install "reception[desk]"'), result.stderr
    assert "Traceback" not in result.stderr


def test_the_self_test_of_a_core_install_names_the_desk_extra() -> None:
    result = core("--self-test")
    assert result.returncode == 1  # the desk cannot run here, and the report says why
    assert '✗ Qt: not installed (no PySide6) — pip install "reception[desk]"' in result.stdout
    assert "✓ Database (temporary file)" in result.stdout
