"""The real server as a uvicorn subprocess on a free loopback port, over a SQLite file (trial mode) and
a fresh PostgreSQL database, holding the demo gym; tests call it over HTTP with requests."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.conftest import _drop_database, new_pg_database

ROOT = Path(__file__).resolve().parents[2]
SECRET = "test-signing-secret-for-the-server-suite"
GRACE_SECONDS = 2


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Gym:
    """A running server over the demo gym, and the same database opened in this process."""

    backend: str
    url: str
    base: str
    app: Any
    process: subprocess.Popen[bytes]
    log: Path
    tokens: dict[str, str] = field(default_factory=dict)

    def login(self, username: str, password: str = "demo1234") -> dict[str, Any]:
        reply = requests.post(f"{self.base}/api/auth/login", json={"username": username, "password": password},
                              timeout=30)
        assert reply.status_code == 200, reply.text
        return reply.json()["data"]  # type: ignore[no-any-return]

    def token(self, username: str) -> str:
        if username not in self.tokens:
            self.tokens[username] = self.login(username)["access_token"]
        return self.tokens[username]

    def call(self, method: str, path: str, who: str | None = "desk1", *, key: str | None = None,
             **kwargs: Any) -> requests.Response:
        headers = dict(kwargs.pop("headers", {}))
        if who is not None:
            headers["Authorization"] = f"Bearer {self.token(who)}"
        if key is not None:
            headers["Idempotency-Key"] = key
        return requests.request(method, f"{self.base}{path}", headers=headers, timeout=60, **kwargs)

    def forge(self, claims: dict[str, Any], secret: str = SECRET) -> str:
        """An access token signed like the server signs them (the suite gives the server its secret)."""
        def b64(data: bytes) -> str:
            return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

        payload = b64(json.dumps(claims).encode())
        signature = hmac.new(secret.encode(), f"v1.{payload}".encode(), hashlib.sha256).digest()
        return f"v1.{payload}.{b64(signature)}"


def start_server(url: str, home: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "RECEPTION_HOME": str(home), "RECEPTION_SERVER_SECRET": SECRET,
           "RECEPTION_REFRESH_GRACE_SECONDS": str(GRACE_SECONDS)}
    env.pop("RECEPTION_DB", None)
    log = open(home / "server.log", "wb")
    return subprocess.Popen([sys.executable, "-m", "reception.cli", "serve", "--db", url, "--port", str(port)],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def wait_until_up(base: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server exited ({process.returncode}):\n{log.read_text()}")
        try:
            if requests.get(f"{base}/healthz", timeout=2).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    pytest.fail(f"the server did not answer within 60 s:\n{log.read_text()}")


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def gym(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gym]:
    from reception.bootstrap import open_app
    from reception.repository.sql import maintenance
    from reception.services.demo import build_demo

    home = tmp_path_factory.mktemp(f"server-{request.param}")
    admin = name = None
    if request.param == "sqlite":
        url = f"sqlite:///{home / 'gym.sqlite3'}"
    else:
        url, admin, name = new_pg_database("t_srv_")
    os.environ["RECEPTION_HOME"] = str(home)
    maintenance.upgrade(url, backup_dir=home)
    app = open_app(url)
    build_demo(app.uow, app.clock)
    port = free_port()
    process = start_server(url, home, port)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, process, home / "server.log")
        yield Gym(request.param, url, base, app, process, home / "server.log")
    finally:
        stop(process)
        app.close()
        if admin is not None and name is not None:
            _drop_database(admin, name)
            admin.dispose()
