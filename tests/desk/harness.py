"""The real desk app under Xvfb, driven by real X input and read back through its trace and its database.

Used by the desk tests (tests/desk) and the scanner-rush benchmark (bench/scanner_rush.py).
Every wait is bounded; everything started here is stopped by the object that started it.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.desk.xkeys import RawKeyboard

ROOT = Path(__file__).resolve().parents[2]
SCREEN = "1366x768x24"
# Displays this machine's tests may use; RECEPTION_DESK_DISPLAYS="74-79" (or "90") overrides.
DEFAULT_DISPLAYS = "74-79"
TOOLS = ("Xvfb", "xdotool", "openbox", "import", "xprop")
LOGIN_PASSWORD = "demo1234"
PERSON_MS = 65  # a person types at >= 60 ms a key; a scanner at <= 20 ms
MISREAD_REASONS = {"unreadable", "oversized", "unknown", "revoked"}
# The keys a scanner sends after the code, by the name the trace gives its terminator ("Linefeed": CR+LF).
TERMINATOR_KEYS = {"Return": ["Return"], "Tab": ["Tab"], "KP_Enter": ["KP_Enter"], "Linefeed": ["Return", "Linefeed"]}


def xdotool_delay(per_key_ms: int) -> int:
    """`xdotool type --delay D` sleeps D/2 after each press and release and spends ~2 ms itself, so
    presses come D/2 + 2 ms apart (measured from the keys' X timestamps: D=10 -> 7 ms, D=40 -> 22 ms)."""
    return max(1, 2 * per_key_ms - 4)


class DeskError(AssertionError):
    """The desk did not do what was awaited in time (an assertion: the test fails, with what was seen)."""


def missing_tools(extra: Sequence[str] = ()) -> list[str]:
    return [tool for tool in (*TOOLS, *extra) if shutil.which(tool) is None]


def _displays() -> list[int]:
    spec = os.environ.get("RECEPTION_DESK_DISPLAYS", DEFAULT_DISPLAYS)
    first, _, last = spec.partition("-")
    return list(range(int(first), int(last or first) + 1))


def _run(args: Sequence[str], display: str, timeout: float = 20, check: bool = True) -> str:
    env = {**os.environ, "DISPLAY": display}
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=timeout)
    if check and done.returncode != 0:
        raise DeskError(f"{' '.join(args)} failed ({done.returncode}): {done.stderr.strip()}")
    return done.stdout


def _stop(process: subprocess.Popen[bytes] | None, grace: float = 5.0) -> None:
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(grace)


# -- the X server and its window manager -----------------------------------------------

# X stamps each key with its own clock when it processes it. A real keyboard's keys are
# stamped by the kernel as they arrive, whatever else runs; an Xvfb starved by a busy
# machine would stamp a 5 ms scan's keys 40 ms apart and split it. Where allowed (root),
# the X server runs ahead of other processes, so a CPU-burning neighbour slows the desk
# app, not the "keyboard".
_X_PRIORITY = ["nice", "-n", "-10"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []


class XServer:
    """Xvfb on the first free display of the allowed range, with openbox managing the windows."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.display = ""
        self._xvfb: subprocess.Popen[bytes] | None = None
        self._wm: subprocess.Popen[bytes] | None = None

    def start(self) -> XServer:
        for number in _displays():
            if Path(f"/tmp/.X{number}-lock").exists() or Path(f"/tmp/.X11-unix/X{number}").exists():
                continue
            log = open(self.workdir / f"xvfb-{number}.log", "wb")
            self._xvfb = subprocess.Popen([*_X_PRIORITY, "Xvfb", f":{number}", "-screen", "0", SCREEN, "-nolisten", "tcp"],
                                          stdout=log, stderr=subprocess.STDOUT)
            self.display = f":{number}"
            if self._wait_for_server():
                break
            _stop(self._xvfb)
            self._xvfb = None
        else:
            raise DeskError(f"no free X display in {_displays()} (RECEPTION_DESK_DISPLAYS)")
        for _attempt in range(3):
            self._wm = subprocess.Popen(["openbox", "--sm-disable"], env={**os.environ, "DISPLAY": self.display},
                                        stdout=open(self.workdir / "openbox.log", "ab"), stderr=subprocess.STDOUT)
            deadline = time.monotonic() + 15
            while time.monotonic() < deadline and self._wm.poll() is None:
                if "window id" in _run(["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"], self.display, check=False):
                    return self
                time.sleep(0.05)
            _stop(self._wm)
            time.sleep(0.2)
        self.stop()
        raise DeskError(f"openbox did not start on {self.display}: {(self.workdir / 'openbox.log').read_text()}")

    def _wait_for_server(self) -> bool:
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            assert self._xvfb is not None
            if self._xvfb.poll() is not None:
                return False  # the display was taken after all
            probe = subprocess.run(["xdotool", "getdisplaygeometry"], env={**os.environ, "DISPLAY": self.display},
                                   capture_output=True, timeout=5)
            if probe.returncode == 0:
                return True
            time.sleep(0.05)
        return False

    def run(self, *args: str, timeout: float = 20, check: bool = True) -> str:
        return _run(args, self.display, timeout=timeout, check=check)

    def screenshot(self, path: Path) -> Path | None:
        try:
            self.run("import", "-window", "root", str(path), timeout=20)
        except (DeskError, subprocess.TimeoutExpired):
            return None
        return path

    def stop(self) -> None:
        _stop(self._wm)
        _stop(self._xvfb)
        self._wm = self._xvfb = None


# -- the trace the app writes (RECEPTION_TRACE) ----------------------------------------


class Trace:
    """The app's JSON-lines trace, read incrementally. A mark is an index into `events`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.events: list[dict[str, object]] = []
        self._offset = 0

    def poll(self) -> list[dict[str, object]]:
        if not self.path.exists():
            return self.events
        with open(self.path, "rb") as handle:
            handle.seek(self._offset)
            chunk = handle.read()
        complete = chunk[: chunk.rfind(b"\n") + 1]
        self._offset += len(complete)
        for line in complete.splitlines():
            if line.strip():
                self.events.append(json.loads(line))
        return self.events

    def mark(self) -> int:
        return len(self.poll())

    def since(self, mark: int, event: str | None = None) -> list[dict[str, object]]:
        return [e for e in self.poll()[mark:] if event is None or e.get("event") == event]

    def wait(self, event: str, *, after: int = 0, count: int = 1, timeout: float = 20, poll_s: float = 0.02,
             where: Callable[[dict[str, object]], bool] = lambda e: True) -> list[dict[str, object]]:
        """The first `count` events of that kind after the mark; DeskError (with what was seen) if late."""
        deadline = time.monotonic() + timeout
        while True:
            found = [e for e in self.since(after, event) if where(e)]
            if len(found) >= count:
                return found[:count]
            if time.monotonic() > deadline:
                seen = [e.get("event") for e in self.since(after)]
                raise DeskError(f"waited {timeout:.0f} s for {count} {event!r} event(s), got {len(found)}; "
                                f"events since the mark: {seen[-30:]}")
            time.sleep(poll_s)

    def quiet(self, seconds: float) -> None:
        """Let the app settle: at least `seconds`, and until nothing new arrived for that long."""
        last, stable_since = -1, time.monotonic()
        deadline = time.monotonic() + max(10.0, seconds * 5)
        while time.monotonic() < deadline:
            n = len(self.poll())
            if n != last:
                last, stable_since = n, time.monotonic()
            elif time.monotonic() - stable_since >= seconds:
                return
            time.sleep(0.02)


# -- the demo gym's database, read only --------------------------------------------------


@dataclass(frozen=True)
class Card:
    member_no: int
    code: str
    name: str
    branch: int


class GymDb:
    """Read-only queries on the desk's SQLite file (the app keeps writing it)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def rows(self, sql: str, params: Sequence[object] = ()) -> list[tuple[object, ...]]:
        conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=10)
        try:
            return conn.execute(sql, params).fetchall()
        finally:
            conn.close()

    def value(self, sql: str, params: Sequence[object] = ()) -> object:
        return self.rows(sql, params)[0][0]

    def cards(self) -> list[Card]:
        return [Card(int(no), str(code), str(name), int(branch)) for no, code, name, branch in self.rows(
            "SELECT c.member_no, c.qr_code, c.full_name, b.number FROM customers c "
            "JOIN branches b ON b.id = c.branch_id ORDER BY c.member_no")]

    # The access log and visits, by insertion order (rowid), after a mark.
    def access_mark(self) -> int:
        return int(self.value("SELECT coalesce(max(rowid), 0) FROM access_log"))

    def access_since(self, mark: int) -> list[tuple[str, int, str, str | None]]:
        return [(str(code), int(allowed), str(reasons), reason) for code, allowed, reasons, reason in self.rows(
            "SELECT code, allowed, reasons, override_reason FROM access_log WHERE rowid > ? ORDER BY rowid", (mark,))]

    def attendance_mark(self) -> int:
        return int(self.value("SELECT coalesce(max(rowid), 0) FROM attendance"))

    def visits_since(self, mark: int) -> list[tuple[int, str]]:
        return [(int(no), str(action)) for no, action in self.rows(
            "SELECT c.member_no, a.action FROM attendance a JOIN customers c ON c.id = a.customer_id "
            "WHERE a.rowid > ? ORDER BY a.rowid", (mark,))]

    def count(self, table: str) -> int:
        assert table.isidentifier()
        return int(self.value(f"SELECT count(*) FROM {table}"))

    def unsubscribed(self, branch: int) -> list[Card]:
        """Members of a branch with no subscription at all: every scan of theirs is denied."""
        nos = {int(r[0]) for r in self.rows(
            "SELECT c.member_no FROM customers c JOIN branches b ON b.id = c.branch_id WHERE b.number = ? "
            "AND c.is_active AND c.id NOT IN (SELECT customer_id FROM subscriptions)", (branch,))}
        return [c for c in self.cards() if c.member_no in nos]

    def monthly_members(self, branch: int) -> list[Card]:
        """Members of a branch on a running monthly plan, not ending soon, no visit in the last day."""
        nos = {int(r[0]) for r in self.rows(
            "SELECT c.member_no FROM customers c JOIN branches b ON b.id = c.branch_id "
            "JOIN subscriptions s ON s.customer_id = c.id WHERE b.number = ? AND c.is_active "
            "AND s.status = 'active' AND s.subscription_type = 'monthly' "
            "AND s.start_date <= date('now', '-1 day') AND s.end_date >= date('now', '+10 day') "
            "AND c.id NOT IN (SELECT customer_id FROM attendance WHERE check_in_time >= datetime('now', '-1 day'))",
            (branch,))}
        return [c for c in self.cards() if c.member_no in nos]


@dataclass
class DemoGym:
    """The demo gym built once (`reception demo`), copied for every desk that starts."""

    home: Path
    db_relpath: Path
    cards: list[Card] = field(default_factory=list)

    @classmethod
    def build(cls, home: Path) -> DemoGym:
        env = _app_env(home)
        done = subprocess.run([sys.executable, "-m", "reception", "demo"], env=env, capture_output=True,
                              text=True, timeout=120, cwd=ROOT)
        if done.returncode != 0:
            raise DeskError(f"`reception demo` failed: {done.stdout}{done.stderr}")
        found = sorted(home.rglob("demo.sqlite3"))
        if len(found) != 1:
            raise DeskError(f"the demo database was not found under {home}: {found}; output: {done.stdout}")
        gym = cls(home, found[0].relative_to(home))
        gym.cards = GymDb(found[0]).cards()
        return gym

    def copy_to(self, home: Path) -> Path:
        shutil.copytree(self.home, home)
        return home / self.db_relpath


def _app_env(home: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("QT_QPA_PLATFORM", "RECEPTION_DB") and not k.startswith("RECEPTION_SCANNER_")}
    env.update(RECEPTION_HOME=str(home), PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
               RECEPTION_SOUNDS="off", PYTHONUNBUFFERED="1")
    env.update(extra or {})
    return env


# -- the app ---------------------------------------------------------------------------


class Desk:
    """One running desk app on its own X server, signed in (see `start`)."""

    def __init__(self, gym: DemoGym, workdir: Path, env: dict[str, str] | None = None,
                 setup_x: Callable[[XServer], None] | None = None) -> None:
        self.workdir = workdir
        workdir.mkdir(parents=True, exist_ok=True)
        self.home = workdir / "home"
        self.db = GymDb(gym.copy_to(self.home))
        self.cards = gym.cards
        self.trace = Trace(workdir / "trace.jsonl")
        self.x = XServer(workdir)
        self.log_path = workdir / "app.log"
        self._env = env or {}
        self._setup_x = setup_x
        self._app: subprocess.Popen[bytes] | None = None
        self._keyboard: RawKeyboard | None = None

    # -- life cycle

    def start(self, username: str = "desk1") -> Desk:
        self.x.start()
        if self._setup_x is not None:
            self._setup_x(self.x)
        env = _app_env(self.home, {"DISPLAY": self.x.display, "RECEPTION_TRACE": str(self.trace.path), **self._env})
        self._app = subprocess.Popen([sys.executable, "-m", "reception", "--demo", "--camera", "none"], env=env,
                                     cwd=ROOT, stdout=open(self.log_path, "wb"), stderr=subprocess.STDOUT)
        self.sign_in(username)
        return self

    def stop(self) -> None:
        _stop(self._app, grace=10)
        self._app = None
        if self._keyboard is not None:
            self._keyboard.close()
            self._keyboard = None
        self.x.stop()

    def __enter__(self) -> Desk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def alive(self) -> bool:
        return self._app is not None and self._app.poll() is None

    # -- windows

    def windows(self) -> dict[str, str]:
        """The app's windows now shown, by objectName (from the trace), with their X window ids."""
        shown: dict[str, str] = {}
        for event in self.trace.since(0, "window"):
            name, wid = str(event["name"]), str(event["wid"])
            if event["shown"]:
                shown[name] = wid
            else:
                shown.pop(name, None)
        return shown

    def wait_window(self, name: str, timeout: float = 20) -> str:
        """The X window id of the app's window with this objectName (`RegisterDialog`), once it is shown."""
        deadline = time.monotonic() + timeout
        while True:
            wid = self.windows().get(name)
            if wid is not None and self._on_screen(wid):
                return wid
            if time.monotonic() > deadline:
                raise DeskError(f"no window {name!r} within {timeout:.0f} s; app alive: {self.alive()}; "
                                f"windows shown: {sorted(self.windows())}")
            time.sleep(0.05)

    def has_window(self, name: str) -> bool:
        return name in self.windows()

    def _on_screen(self, wid: str) -> bool:
        """Mapped by the X server and holding the keyboard focus (the window manager has raised it)."""
        info = self.x.run("xwininfo", "-id", wid, check=False, timeout=10)
        if "IsViewable" not in info:
            return False
        focused = self.x.run("xdotool", "getactivewindow", check=False, timeout=10).strip()
        return focused == wid or not focused

    def active_window_name(self) -> str:
        return self.x.run("xdotool", "getactivewindow", "getwindowname", check=False).strip()

    def sign_in(self, username: str, password: str = LOGIN_PASSWORD, timeout: float = 40) -> dict[str, object]:
        mark = self.trace.mark()
        wid = self.wait_window("LoginDialog", timeout=timeout)
        self.x.run("xdotool", "windowactivate", "--sync", wid, check=False, timeout=10)
        # The dialog opens with the focus in Username; typed at a person's speed, never a "scan".
        self.type_text(username)
        self.key("Tab")
        self.type_text(password)
        self.key("Return")
        self.wait_window("MainWindow", timeout=timeout)
        return self.trace.wait("ready", after=mark, timeout=10)[0]

    # -- input

    def type_text(self, text: str, per_key_ms: int = PERSON_MS) -> None:
        """Type at `per_key_ms` between key presses, as X timestamps them."""
        self.x.run("xdotool", "type", "--delay", str(xdotool_delay(per_key_ms)), "--", text,
                   timeout=30 + len(text) * per_key_ms / 500)

    def key(self, *keys: str, per_key_ms: int = 12) -> None:
        self.x.run("xdotool", "key", "--delay", str(per_key_ms), *keys)

    @property
    def keyboard(self) -> RawKeyboard:
        """The scanner's keyboard: US key codes through XTest, spaced by the X server (see xkeys)."""
        if self._keyboard is None:
            self._keyboard = RawKeyboard(self.x.display)
        return self._keyboard

    def scan(self, code: str, per_key_ms: int = 5, terminator: str = "Return", prefix: str = "",
             suffix: str = "") -> None:
        """What a USB HID scanner sends: the code's keys (Shift held for capitals), then its terminator."""
        first, *more = TERMINATOR_KEYS[terminator]
        self.keyboard.type_us_keys(prefix + code + suffix, per_key_ms, terminator=first)
        if more:  # CR+LF: Linefeed has no key on a US keymap; xdotool binds a spare key code to it
            self.key(*more, per_key_ms=1)

    # -- evidence

    def screenshot(self, name: str = "screen.png") -> Path | None:
        return self.x.screenshot(self.workdir / name)

    def log_tail(self, lines: int = 40) -> str:
        if not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


# -- load --------------------------------------------------------------------------------


@contextmanager
def cpu_burners(count: int | None = None) -> Iterator[list[subprocess.Popen[bytes]]]:
    """A busy Python loop per core (a neighbour hogging the machine), killed on the way out."""
    procs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(count or os.cpu_count() or 2)]
    try:
        time.sleep(0.2)
        yield procs
    finally:
        for proc in procs:
            proc.send_signal(signal.SIGKILL)
        for proc in procs:
            proc.wait(10)


@dataclass
class Rush:
    """What a rush of scans produced: the events after its start and the access-log codes it wrote."""

    cards: Sequence[Card]
    shown: list[dict[str, object]]  # card events, in order
    wedges: list[dict[str, object]]  # scans the detector recognised
    logged: list[str]  # access_log codes, in order
    started: float  # time.time() before the first key
    typed_s: float  # from the first key to the end of the last scan's wait

    @property
    def painted_s(self) -> float:
        """From the first key to the last card painted."""
        return (float(self.shown[-1]["t"]) - self.started) if self.shown else float("nan")  # type: ignore[arg-type]


def rush(desk: Desk, cards: Sequence[Card], per_key_ms: int, gap_s: float = 0.03, card_timeout_s: float = 2,
         give_up_after: int = 10) -> Rush:
    """Scan every card back to back, as a receptionist at a queue does: the next card `gap_s` after
    the last one is on screen (or `card_timeout_s` after its scan, if it never shows; after
    `give_up_after` such cards the rush stops: it has failed, and a broken desk must not take an hour)."""
    mark, logged = desk.trace.mark(), desk.db.access_mark()
    started, missing = time.time(), 0
    for card in cards:
        shown = len(desk.trace.since(mark, "card"))
        desk.scan(card.code, per_key_ms=per_key_ms)
        try:
            desk.trace.wait("card", after=mark, count=shown + 1, timeout=card_timeout_s, poll_s=0.002)
        except DeskError:
            missing += 1
            if missing >= give_up_after:
                break
        time.sleep(gap_s)
    typed_s = time.time() - started
    desk.trace.quiet(0.5)
    return Rush(cards, desk.trace.since(mark, "card"), desk.trace.since(mark, "wedge"),
                [code for code, *_ in desk.db.access_since(logged)], started, typed_s)


def misreads(cards: Sequence[Card], shown: Sequence[dict[str, object]]) -> list[str]:
    """Every way the cards shown differ from the cards scanned, in the gym's words; [] when all were right.

    Each card must be painted (in scan order) as its own member, with no unreadable/unknown reason.
    """
    wrong, at = [], 0
    for card in cards:
        found = next((i for i in range(at, len(shown)) if shown[i].get("code") == card.code), None)
        if found is None:
            wrong.append(f"{card.code} (member {card.member_no}) never shown")
            continue
        for extra in shown[at:found]:
            wrong.append(f"{extra.get('code')!r} shown (member {extra.get('member_no')}) but never scanned")
        event, at = shown[found], found + 1
        reasons = set(map(str, event.get("reasons") or ()))  # type: ignore[call-overload]
        if event.get("member_no") != card.member_no or reasons & MISREAD_REASONS:
            wrong.append(f"{card.code} (member {card.member_no}) shown as member {event.get('member_no')} "
                         f"{event.get('state')} {sorted(reasons)}")
    wrong += [f"{e.get('code')!r} shown (member {e.get('member_no')}) but never scanned" for e in shown[at:]]
    return wrong


def key_gaps_ms(wedges: Sequence[dict[str, object]]) -> list[float]:
    """The time between key presses inside each scan, from the keys' X timestamps."""
    gaps: list[float] = []
    for wedge in wedges:
        times = [float(t) for t in wedge.get("key_ms") or ()]  # type: ignore[union-attr]
        gaps += [b - a for a, b in zip(times, times[1:])]
    return gaps


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]
