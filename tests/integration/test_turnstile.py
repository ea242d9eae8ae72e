"""`reception turnstile --listen` as its own process over loopback HTTP: the server's answers, its token on every
request, two turnstiles at one instant get one allow, and it never opens a database a desk already has open."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from reception.bootstrap import open_app
from reception.domain.models import PaymentMethod
from reception.services.context import Desk
from reception.services.demo import build_demo

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "turnstile-test-token-4411"


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(home: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "RECEPTION_HOME": str(home), "RECEPTION_TURNSTILE_TOKEN": TOKEN}


@pytest.fixture
def gym_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'gym.sqlite3'}"
    app = open_app(url)
    build_demo(app.uow, app.clock, customers=5)
    app.close()
    return url


@pytest.fixture
def turnstile(gym_url: str, tmp_path: Path) -> Iterator[str]:
    port = _port()
    process = subprocess.Popen([sys.executable, "-m", "reception.cli", "--db", gym_url, "turnstile", "--listen",
                                f"127.0.0.1:{port}", "--name", "gate A"], cwd=ROOT, env=_env(tmp_path),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the turnstile exited: {process.stdout.read() if process.stdout else ''}")
        try:
            if requests.get(f"{base}/healthz", timeout=2).status_code == 200:
                break
        except requests.ConnectionError:
            time.sleep(0.2)
    yield base
    process.terminate()
    assert process.wait(timeout=20) == 0


def sell(url: str) -> str:
    app = open_app(url)
    try:
        staff = app.staff.authenticate("desk1", "demo1234")
        branch = next(b for b in app.catalogue.branches() if b.id == staff.branch_id)
        return app.passes.sell(Desk(staff, branch), method=PaymentMethod.CASH).code
    finally:
        app.close()


def verify(base: str, token: str, secret: str = TOKEN) -> requests.Response:
    return requests.post(f"{base}/verify", json={"token": token}, headers={"Authorization": f"Bearer {secret}"},
                         timeout=30)


def test_the_turnstile_answers_like_the_server_and_logs_every_attempt(turnstile: str, gym_url: str) -> None:
    code = sell(gym_url)
    assert verify(turnstile, code, secret="wrong").status_code == 401
    assert requests.post(f"{turnstile}/verify", json={"token": code}, timeout=30).status_code == 401
    first = verify(turnstile, code)
    assert first.status_code == 200 and first.json()["status"] == "allow"
    second = verify(turnstile, code).json()
    assert second["status"] == "deny" and second["reason"] == "used"
    assert verify(turnstile, code[:80]).json()["reason"] == "truncated"
    assert verify(turnstile, "GYM-999999-00000000").json()["status"] == "deny"
    assert requests.post(f"{turnstile}/verify", data=b"x" * 100_000, timeout=30,
                         headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 413
    app = open_app(gym_url)
    try:
        with app.uow.reading() as uow:
            rows = [e for e in uow.access_log.query(limit=1000) if e.station == "gate A"]
    finally:
        app.close()
    assert sorted((e.reason, e.allowed) for e in rows) == [("", True), ("pass_truncated", False),
                                                           ("pass_used", False), ("unknown", False)]
    assert all(code[5:40] not in e.code for e in rows)


def test_two_turnstiles_at_the_same_instant_get_one_allow(turnstile: str, gym_url: str) -> None:
    for _round in range(3):
        code = sell(gym_url)
        barrier = threading.Barrier(2)
        answers: list[str] = []

        def gate() -> None:
            barrier.wait()
            answers.append(verify(turnstile, code).json()["status"])

        threads = [threading.Thread(target=gate) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert sorted(answers) == ["allow", "deny"]


def test_the_turnstile_will_not_open_a_database_a_desk_has_open(gym_url: str, tmp_path: Path) -> None:
    from reception import instance

    held = instance.acquire(gym_url)
    try:
        done = subprocess.run([sys.executable, "-m", "reception.cli", "--db", gym_url, "turnstile", "--listen",
                               f"127.0.0.1:{_port()}"], cwd=ROOT, env=_env(tmp_path), capture_output=True, text=True,
                              timeout=120)
    finally:
        held.release()
    assert done.returncode == 2, done.stdout + done.stderr
    assert "already open" in done.stderr and "reception --turnstile" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_bad_listen_address_is_said_in_words(gym_url: str, tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "reception.cli", "--db", gym_url, "turnstile", "--listen", "nowhere"],
                          cwd=ROOT, env=_env(tmp_path), capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "HOST:PORT" in done.stderr and "Traceback" not in done.stderr
