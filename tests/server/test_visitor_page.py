"""The visitor's day-pass page on the real server in demo mode, looked at in headless Chromium: the form, a
payment through the test provider, the pass's QR read off Chromium's screenshot and admitted at `/verify`; a
declined card sells nothing; a server not in demo mode takes no payment at all."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import cv2
import pytest
import requests
import zxingcpp

from tests.server.conftest import ROOT, Gym, free_port, stop, wait_until_up

pytestmark = pytest.mark.server
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def chromium(*args: str) -> subprocess.CompletedProcess[str]:
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("the visitor's page is tested in Chromium: apt-get install chromium")
        pytest.skip("chromium is not installed")
    return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                           "--no-first-run", "--disable-dev-shm-usage", *args], capture_output=True, text=True,
                          timeout=120, check=False)


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = tmp_path_factory.mktemp("visitor")
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "RECEPTION_HOME": str(home)}
    env.pop("RECEPTION_DB", None)
    env.pop("RECEPTION_DEMO_PAYMENTS", None)
    log = home / "server.log"
    process = subprocess.Popen([sys.executable, "-m", "reception.cli", "serve", "--demo", "--port", str(port)],
                               cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    wait_until_up(base, process, log)
    yield base
    stop(process)


def token(base: str) -> str:
    reply = requests.post(f"{base}/api/auth/login", json={"username": "desk1", "password": "demo1234"}, timeout=30)
    return str(reply.json()["data"]["access_token"])


def test_a_visitor_buys_a_pass_and_the_qr_on_their_screen_lets_them_in_once(demo_server: str, tmp_path: Path) -> None:
    form = chromium("--dump-dom", f"{demo_server}/pass")
    assert form.returncode == 0, form.stderr
    assert "<form" in form.stdout and "150.00 EGP" in form.stdout and "Nasr City" in form.stdout
    assert "Test payment" in form.stdout

    bought = requests.post(f"{demo_server}/pass", data={"name": "Visitor Salma", "phone": "0100 111 2222",
                                                        "branch": "1", "card": "4242 4242 4242 4242"},
                           allow_redirects=False, timeout=30)
    assert bought.status_code == 303, bought.text
    page = demo_server + bought.headers["Location"]
    shot = tmp_path / "pass.png"
    done = chromium(f"--screenshot={shot}", "--window-size=520,900", page)
    assert done.returncode == 0 and shot.exists(), done.stderr
    read = zxingcpp.read_barcodes(cv2.imread(str(shot)))
    assert len(read) == 1 and read[0].text.startswith("PASS-"), "no readable pass on the visitor's screen"
    headers = {"Authorization": f"Bearer {token(demo_server)}"}
    first = requests.post(f"{demo_server}/verify", json={"token": read[0].text}, headers=headers, timeout=30).json()
    assert first["status"] == "allow"
    second = requests.post(f"{demo_server}/verify", json={"token": read[0].text}, headers=headers, timeout=30).json()
    assert second == {**second, "status": "deny", "reason": "used"}
    text = chromium("--dump-dom", page).stdout
    assert "Visitor Salma" in text and "Your day pass" in text
    # another link to the same pass, or a made-up one, shows nothing
    assert requests.get(page[:-4] + "0000", timeout=30).status_code == 404


def test_a_declined_card_sells_nothing_and_says_why(demo_server: str) -> None:
    declined = requests.post(f"{demo_server}/pass", data={"name": "Visitor", "branch": "1",
                                                          "card": "4000 0000 0000 0002"},
                             allow_redirects=False, timeout=30)
    assert declined.status_code == 400 and "declined" in declined.text
    assert "Visitor" in declined.text  # what they typed is kept for the next try
    huge = requests.post(f"{demo_server}/pass", data={"name": "x" * 20_000, "branch": "1", "card": "4242"},
                         allow_redirects=False, timeout=30)
    assert huge.status_code == 413


def test_a_server_not_in_demo_mode_takes_no_payment(gym: Gym) -> None:
    page = requests.get(f"{gym.base}/pass", timeout=30)
    assert page.status_code == 503 and "sold at the desk" in page.text
    posted = requests.post(f"{gym.base}/pass", data={"branch": "1", "card": "4242 4242 4242 4242"},
                           allow_redirects=False, timeout=30)
    assert posted.status_code == 503
