"""Day passes: how fast a desk and the branch's turnstile decide, and 100,000 fuzzed codes.

    python bench/passes.py [--rounds 400] [--fuzz 100000]

1. Offline verification at the desk: `PassService.verify` on the demo gym's SQLite file (signature, keys, the
   store's first use, the access log row), a look (no admission) and an admission of a fresh pass each, against a
   member card's scan on the same desk in the same run (the baseline): medians, p95 and their ratio.
2. Through `reception turnstile` over loopback HTTP (a real process): a fresh pass admitted per request.
3. Fuzz: `--fuzz` codes made from a real one (bits flipped, characters changed, cut, stretched, random), each
   decided by `passes.check`: crashes and allows are counted (both must be 0).
Goals (issue 14): desk p95 < 5 ms, turnstile p95 < 20 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[94] if len(values) >= 20 else max(values)


def row(name: str, values: list[float], base: float | None = None) -> str:
    median = statistics.median(values)
    ratio = f"{median / base:5.2f}×" if base else "     "
    return f"{name:<50} {median:8.2f} {p95(values):8.2f} {ratio}  (n={len(values)})"


def desk_numbers(url: str, rounds: int) -> tuple[list[float], list[float], list[float], list[float], list[str]]:
    from reception.bootstrap import open_app
    from reception.domain.models import PaymentMethod
    from reception.services.context import Desk

    app = open_app(url)
    staff = app.staff.authenticate("desk1", "demo1234")
    desk = Desk(staff, next(b for b in app.catalogue.branches() if b.id == staff.branch_id))
    codes = [app.passes.sell(desk, method=PaymentMethod.CASH).code for _ in range(rounds * 2)]
    with app.uow.reading() as uow:
        members = [c.qr_code for c in uow.customers.page(branch_id=desk.branch.id, limit=50, offset=0)]
    from reception.domain import passes as tokens

    with app.uow.reading() as uow:
        keys = {k.key_id: k for k in uow.passes.signing_keys()}
    checks = []
    for code in codes[:rounds]:
        started = time.perf_counter()
        assert tokens.check(code, keys, app.clock.now(), desk.branch.number).ok
        checks.append((time.perf_counter() - started) * 1000)
    looks, admits, cards = [], [], []
    for i in range(rounds):
        started = time.perf_counter()
        app.passes.verify(desk, codes[i], admit=False)
        looks.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        assert app.passes.verify(desk, codes[i], admit=True).admitted
        admits.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        app.desk.scan(desk, members[i % len(members)])
        cards.append((time.perf_counter() - started) * 1000)
    app.close()
    return checks, looks, admits, cards, codes[rounds:]


def turnstile_numbers(url: str, home: Path, codes: list[str]) -> list[float]:
    import requests

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "RECEPTION_HOME": str(home), "RECEPTION_TURNSTILE_TOKEN": "bench-token-1234567"}
    process = subprocess.Popen([sys.executable, "-m", "reception.cli", "--db", url, "turnstile", "--listen",
                                f"127.0.0.1:{port}"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if requests.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except requests.ConnectionError:
                time.sleep(0.1)
        session = requests.Session()
        headers = {"Authorization": "Bearer bench-token-1234567"}
        times = []
        for code in codes:
            started = time.perf_counter()
            answer = session.post(f"{base}/verify", json={"token": code}, headers=headers, timeout=30).json()
            times.append((time.perf_counter() - started) * 1000)
            assert answer["status"] == "allow", answer
        return times
    finally:
        process.terminate()
        process.wait(timeout=20)


def fuzz(count: int) -> tuple[int, int, float]:
    from datetime import UTC, datetime

    from reception.domain import passes
    from reception.domain.passes import PassClaims, PassKey, Signer

    rng = random.Random(14)
    signer = Signer.new()
    now = datetime.now(UTC).replace(microsecond=0)
    keys = {signer.key_id: PassKey(signer.key_id, signer.public(), now - timedelta(days=1))}
    good = passes.sign(signer, PassClaims(__import__("uuid").uuid4(), signer.key_id, 1, now, passes.VALID_MINUTES))
    raw = passes.b32decode(good[5:], passes.TOKEN_BYTES)
    assert raw is not None
    alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZabcxyzILOU-_ #é\x00\n"
    crashes = allows = 0
    started = time.perf_counter()
    for _ in range(count):
        kind = rng.randrange(6)
        if kind == 0:  # one bit of the signed bytes
            flipped = bytearray(raw)
            flipped[rng.randrange(len(raw))] ^= 1 << rng.randrange(8)
            text = "PASS-" + passes.b32encode(bytes(flipped))
        elif kind == 1:  # characters changed
            chars = list(good)
            for _ in range(rng.randrange(1, 6)):
                chars[rng.randrange(5, len(chars))] = rng.choice(alphabet)
            text = "".join(chars)
        elif kind == 2:  # cut
            text = good[:rng.randrange(len(good))]
        elif kind == 3:  # stretched
            text = good + "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 50)))
        elif kind == 4:  # random after the prefix
            text = "PASS-" + "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 400)))
        else:  # random bytes as text
            text = bytes(rng.randrange(256) for _ in range(rng.randrange(0, 300))).decode("latin-1")
        if text.strip().upper().replace("O", "0").replace("I", "1").replace("L", "1") == good:
            continue  # the same code (another case, Crockford's aliases, a scanner's Enter): the real pass
        try:
            if passes.check(text, keys, now + timedelta(minutes=1), 1).ok:
                allows += 1
        except Exception:
            crashes += 1
    return crashes, allows, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=400)
    parser.add_argument("--fuzz", type=int, default=100_000)
    args = parser.parse_args()
    from reception.bootstrap import open_app
    from reception.services.demo import build_demo

    home = Path(tempfile.mkdtemp(prefix="bench-passes-"))
    os.environ["RECEPTION_HOME"] = str(home)
    url = f"sqlite:///{home / 'gym.sqlite3'}"
    app = open_app(url)
    build_demo(app.uow, app.clock)
    app.close()
    checks, looks, admits, cards, spare = desk_numbers(url, args.rounds)
    gate = turnstile_numbers(url, home, spare)
    crashes, allows, seconds = fuzz(args.fuzz)
    base = statistics.median(cards)
    print(f"{'':<50} {'median':>8} {'p95':>8}  ratio to a member card's scan (ms)")
    print(row("member card scan at the desk (baseline)", cards))
    print(row("day pass code check alone (signature, times)", checks, base))
    print(row("day pass look at the desk (offline, logged)", looks, base))
    print(row("day pass admission at the desk (offline, logged)", admits, base))
    print(row("day pass through reception turnstile (HTTP)", gate, base))
    print(f"fuzz: {args.fuzz:,} codes in {seconds:.1f} s: {crashes} crashes, {allows} allows")
    return 1 if crashes or allows else 0


if __name__ == "__main__":
    raise SystemExit(main())
