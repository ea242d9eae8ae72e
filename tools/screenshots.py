"""Regenerate docs/screenshots/*.png from the real app: Xvfb, `reception --demo`, keys from xdotool, `import`.

    python tools/screenshots.py [--out DIR] [--keep-home] [--lang ar]

Needs Xvfb, xdotool and ImageMagick's `import` (apt: xvfb xdotool imagemagick). The app
runs on a fresh RECEPTION_HOME, so the demo gym is built on its first start exactly as a
new user sees it. Exits 1 with the step that failed (and the app's log) if anything goes wrong.
`--lang ar` takes the same tour in Arabic into docs/screenshots/ar (the Manage menu's owner pages, reached by
their English menu letters, are left out there).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCREEN = (1366, 768)
WINDOW = (1362, 700)  # the contents of a window maximised above a 40 px taskbar (its frame takes the rest)
HUMAN_DELAY_MS = 90  # slower than the scanner detector's 35 ms gap, so typing is not taken for a scan
SETTLE_S = 1.0


class StepFailed(Exception):
    pass


def need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        raise StepFailed(f"{tool} is not installed (apt-get install xvfb xdotool imagemagick)")
    return path


class Desk:
    """One Xvfb display and the commands that drive it."""

    def __init__(self, display: str, home: Path, out: Path) -> None:
        self.display = display
        self.home = home
        self.out = out
        self.env = {**os.environ, "DISPLAY": display, "RECEPTION_HOME": str(home), "QT_QPA_PLATFORM": "xcb"}
        self.env.pop("RECEPTION_DB", None)
        self.app: subprocess.Popen[bytes] | None = None
        self.log_path = home / "app-output.log"

    # -- the app ------------------------------------------------------------------------

    def start_app(self, *args: str) -> None:
        self.home.mkdir(parents=True, exist_ok=True)
        log = open(self.log_path, "ab")  # noqa: SIM115 - kept open while the app runs
        self.app = subprocess.Popen([sys.executable, "-m", "reception", *args], cwd=ROOT, env=self.env,
                                    stdout=log, stderr=subprocess.STDOUT)

    def stop_app(self) -> None:
        if self.app is None:
            return
        if self.app.poll() is None:
            self.app.terminate()
            try:
                self.app.wait(10)
            except subprocess.TimeoutExpired:
                self.app.kill()
                self.app.wait(5)
        self.app = None

    def check_alive(self) -> None:
        if self.app is not None and self.app.poll() is not None:
            raise StepFailed(f"the app exited with code {self.app.returncode}")

    def cli(self, *args: str) -> str:
        done = subprocess.run(check=False, args=[sys.executable, "-m", "reception", *args], cwd=ROOT, env={**self.env, "RECEPTION_PASSWORD": "demo1234"},
                              capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise StepFailed(f"reception {' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout

    # -- X ------------------------------------------------------------------------------

    def xdo(self, *args: str) -> str:
        done = subprocess.run(check=False, args=["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=30)
        if done.returncode != 0 and args[0] != "search":
            raise StepFailed(f"xdotool {' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout.strip()

    def find(self, title: str) -> list[str]:
        """Visible windows whose title matches the regular expression."""
        return self.xdo("search", "--onlyvisible", "--name", title).split()

    def wait_window(self, title: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.check_alive()
            found = self.find(title)
            if found:
                self.focus(found[-1])
                return found[-1]
            time.sleep(0.2)
        raise StepFailed(f"no window titled /{title}/ after {timeout:.0f} s")

    def wait_gone(self, title: str, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.check_alive()
            if not self.find(title):
                return
            time.sleep(0.2)
        raise StepFailed(f"the window /{title}/ did not close within {timeout:.0f} s")

    def focus(self, window: str) -> None:
        # No window manager under Xvfb: give the keyboard focus directly (XSetInputFocus).
        self.xdo("windowfocus", "--sync", window)

    def key(self, *keys: str) -> None:
        self.check_alive()
        self.xdo("key", "--clearmodifiers", "--delay", "120", *keys)
        time.sleep(0.3)

    def type(self, text: str, *, delay_ms: int = HUMAN_DELAY_MS) -> None:
        self.check_alive()
        self.xdo("type", "--delay", str(delay_ms), text)
        time.sleep(0.2)

    def place(self, window: str, size: tuple[int, int]) -> None:
        self.xdo("windowmove", "--sync", window, "0", "0")
        self.xdo("windowsize", "--sync", window, str(size[0]), str(size[1]))

    def geometry(self, window: str) -> tuple[int, int, int, int]:
        text = self.xdo("getwindowgeometry", "--shell", window)
        values = dict(line.split("=", 1) for line in text.splitlines() if "=" in line)
        return int(values["X"]), int(values["Y"]), int(values["WIDTH"]), int(values["HEIGHT"])

    def absolute_geometry(self, window: str) -> tuple[int, int, int, int]:
        """Where the window's contents are on the screen (xwininfo; xdotool counts the frame twice)."""
        done = subprocess.run(check=False, args=["xwininfo", "-id", window], env=self.env, capture_output=True,
                              text=True, timeout=30)
        values = {}
        for line in done.stdout.splitlines():
            key, _, value = line.strip().partition(":")
            values[key] = value.strip()
        try:
            return (int(values["Absolute upper-left X"]), int(values["Absolute upper-left Y"]),
                    int(values["Width"]), int(values["Height"]))
        except (KeyError, ValueError) as error:
            raise StepFailed(f"xwininfo could not measure window {window}: {done.stderr.strip()}") from error

    def capture(self, name: str, *, region: tuple[int, int, int, int] | None = None, margin: int = 0) -> Path:
        """The screen as the X server has it (never a widget grab), cut to `region` when given."""
        time.sleep(SETTLE_S)
        self.check_alive()
        target = self.out / name
        command = ["import", "-display", self.display, "-window", "root"]
        if region is not None:
            x, y, width, height = region
            x, y = max(0, x - margin), max(0, y - margin)
            width = min(SCREEN[0] - x, width + 2 * margin)
            height = min(SCREEN[1] - y, height + 2 * margin)
            command += ["-crop", f"{width}x{height}+{x}+{y}", "+repage"]
        done = subprocess.run(check=False, args=[*command, str(target)], env=self.env, capture_output=True, text=True, timeout=60)
        if done.returncode != 0:
            raise StepFailed(f"capturing {name} failed: {done.stderr.strip()}")
        print(f"  {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
        return target

    def screen_on_failure(self, target: Path) -> Path | None:
        done = subprocess.run(check=False, args=["import", "-display", self.display, "-window", "root", str(target)],
                              env=self.env, capture_output=True, timeout=60)
        return target if done.returncode == 0 else None

    def log_tail(self, lines: int = 40) -> str:
        texts = []
        for path in (self.log_path, self.home / "logs" / "reception.log"):
            if path.exists():
                texts.append(f"--- {path}\n" + "\n".join(path.read_text(errors="replace").splitlines()[-lines:]))
        return "\n".join(texts)


@contextmanager
def xvfb(size: tuple[int, int] | None = None) -> Iterator[str]:
    need("Xvfb")
    global SCREEN
    if size is not None:
        SCREEN = size
    number = next(n for n in range(90, 200) if not Path(f"/tmp/.X{n}-lock").exists()
                  and not Path(f"/tmp/.X11-unix/X{n}").exists())
    display = f":{number}"
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", f"{SCREEN[0]}x{SCREEN[1]}x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 15
        while subprocess.run(check=False, args=["xdpyinfo", "-display", display], capture_output=True).returncode != 0:
            if server.poll() is not None or time.monotonic() > deadline:
                raise StepFailed(f"Xvfb {display} did not start")
            time.sleep(0.1)
        # A window manager, when installed (apt: openbox), gives dialogs their title bars.
        manager = None
        if shutil.which("openbox"):
            manager = subprocess.Popen(["openbox"], env={**os.environ, "DISPLAY": display},
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(0.5)
        try:
            yield display
        finally:
            if manager is not None:
                manager.terminate()
                manager.wait(10)
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()


# -- the tour ---------------------------------------------------------------------------------

MAIN = r"^Reception — "
# The window titles the tours wait for, by language ("" in a pattern: any isolated name).
TITLES = {
    "en": {"login": r"^Sign in — Reception$", "main": MAIN, "override": r"^Override a denial$",
           "activate": r"^Activate a subscription — ", "register": r"^Register a new member$",
           "settings": r"^Settings$",
           "report": r"^End-of-shift report$", "welcome": r"^Welcome — Reception$",
           "day_pass": r"^Sell a day pass$", "desks": r"^Desks of this branch$"},
    "ar": {"login": r"^تسجيل الدخول — الاستقبال$", "main": r"^الاستقبال — ", "override": r"^تجاوز الرفض$",
           "activate": r"^تفعيل اشتراك — ", "register": r"^تسجيل عضو جديد$", "settings": r"^الإعدادات$",
           "report": r"^تقرير نهاية الوردية$", "welcome": r"^مرحبًا — الاستقبال$",
           "day_pass": r"^بيع تذكرة يومية$", "desks": r"^أجهزة الاستقبال في هذا الفرع$"},
}
T = TITLES["en"]


def card_codes(desk: Desk) -> dict[int, str]:
    """Member number -> card code, read with the CLI from the demo database the app just built."""
    codes: dict[int, str] = {}
    for name in ("Mohamed Salem", "Layla Rashad", "Ibrahim Hassan", "Hadeer Youssef"):
        for member in json.loads(desk.cli("--demo", "--user", "owner", "customers", "search", name, "--json")):
            codes[int(member["id"])] = str(member["qr_code"])
    missing = {1, 2, 3, 4} - codes.keys()
    if missing:
        raise StepFailed(f"the demo gym has no member(s) {sorted(missing)}")
    return codes


def demo_tour(desk: Desk) -> None:
    step("start `reception --demo` on a fresh home (builds the demo gym)")
    desk.start_app("--demo", "--camera", "none")
    login = desk.wait_window(T["login"], timeout=180)
    codes = card_codes(desk)
    desk.focus(login)
    desk.type("desk1")
    desk.key("Tab")
    desk.type("demo1234")
    desk.capture("login.png", region=desk.geometry(login), margin=24)
    desk.key("Return")
    step("sign in as desk1")
    desk.wait_gone(T["login"])
    main = desk.wait_window(T["main"])
    desk.place(main, WINDOW)
    frame = (0, 0, SCREEN[0], 728)  # the window with its frame, above a 40 px taskbar

    def scan(code: str) -> None:
        # Typed at a person's pace, then Enter: the Scan page looks the code up. (A scanner-speed burst is
        # timing-sensitive on a loaded machine: one late key and the run counts as typing.)
        desk.focus(main)
        desk.key("ctrl+1")
        desk.type(code)
        desk.key("Return")

    step("Scan page")
    desk.capture("scan-empty.png", region=frame)
    scan(codes[3])  # expired: denied
    desk.capture("scan-denied.png", region=frame)
    step("override a denial (F9)")
    desk.key("F9")
    override = desk.wait_window(T["override"])
    desk.capture("override.png", region=frame)
    desk.focus(override)
    desk.key("Escape")
    desk.wait_gone(T["override"])
    scan(codes[2])  # a sessions pack at her own branch: allowed
    desk.capture("scan-allowed.png", region=frame)
    scan(codes[4])  # a Maadi member with 2 coins left: allowed, but check
    desk.capture("scan-attention.png", region=frame)
    x, y, width, height = desk.absolute_geometry(main)
    if x < 0 or x + width > SCREEN[0]:
        raise StepFailed(f"the window ({width} px wide at x={x}) does not fit the {SCREEN[0]} px screen")

    step("Customers page (Ctrl+2)")
    desk.focus(main)
    desk.key("ctrl+2")
    desk.key("ctrl+f")
    desk.type("Layla")
    desk.capture("customers.png", region=frame)
    desk.key("ctrl+f")
    desk.type(codes[1], delay_ms=HUMAN_DELAY_MS)
    desk.capture("customer-temp-password.png", region=frame)
    step("activate a subscription (Ctrl+B)")
    desk.key("ctrl+b")
    activate = desk.wait_window(T["activate"])
    desk.capture("activate.png", region=frame)
    desk.focus(activate)
    desk.key("Escape")
    desk.wait_gone(T["activate"])
    step("register a member (Ctrl+N)")
    desk.focus(main)
    desk.key("ctrl+f")
    desk.key("ctrl+n")
    register = desk.wait_window(T["register"])
    desk.capture("register.png", region=frame)
    desk.focus(register)
    desk.key("Escape")
    desk.wait_gone(T["register"])

    step("Attendance page (Ctrl+3)")
    desk.focus(main)
    desk.key("ctrl+3")
    desk.capture("attendance.png", region=frame)

    step("sell a day pass (F6)")
    desk.focus(main)
    desk.key("ctrl+1")
    desk.key("F6")
    day_pass = desk.wait_window(T["day_pass"])
    desk.focus(day_pass)
    desk.type("Omar Visitor")
    desk.key("Return")
    time.sleep(SETTLE_S)
    desk.capture("day-pass-sold.png", region=frame)
    desk.key("Return")  # Done
    desk.wait_gone(T["day_pass"])
    step("scan a day pass, admit it with Enter, scan it again")
    sold = json.loads(desk.cli("--demo", "--user", "desk1", "pass", "sell", "--name", "Nour Visitor", "--json"))
    scan(str(sold["code"]))
    desk.capture("scan-pass.png", region=frame)
    desk.key("Return")
    time.sleep(SETTLE_S)
    scan(str(sold["code"]))
    desk.capture("scan-pass-used.png", region=frame)

    step("Access log page (Ctrl+4)")
    desk.focus(main)
    desk.key("ctrl+4")
    time.sleep(SETTLE_S)
    desk.capture("access-log.png", region=frame)

    step("Settings (Ctrl+,)")
    desk.key("ctrl+comma")
    settings = desk.wait_window(T["settings"])
    desk.capture("settings.png", region=frame)
    desk.focus(settings)
    desk.key("Escape")
    desk.wait_gone(T["settings"])

    if T is TITLES["en"]:
        management_menu(desk, main, frame)
    else:
        step("end-of-shift report (Ctrl+Shift+R)")
        desk.focus(main)
        desk.key("ctrl+shift+r")
        report = desk.wait_window(T["report"])
        desk.capture("manage-report.png", region=frame)
        desk.focus(report)
        desk.key("Escape")
        desk.wait_gone(T["report"])

    step("lock (Ctrl+L)")
    desk.focus(main)
    desk.key("ctrl+l")
    desk.capture("lock.png", region=frame)
    desk.stop_app()


MANAGEMENT = (  # menu accelerator, window title, file
    ("c", r"^Catalogue — services and prices$", "manage-catalogue.png"),
    ("s", r"^Staff$", "manage-staff.png"),
    ("b", r"^Branches and rules$", "manage-branches.png"),
)


def management_menu(desk: Desk, main: str, frame: tuple[int, int, int, int]) -> None:
    """The Manage menu, when this build has one: the shift report as desk1, then the owner's pages."""
    if not (ROOT / "reception" / "ui" / "manage" / "menu.py").exists():
        print("  (no Manage menu in this build: skipped)")
        return
    step("end-of-shift report (Ctrl+Shift+R)")
    desk.focus(main)
    desk.key("ctrl+shift+r")
    report = desk.wait_window(T["report"])
    desk.capture("manage-report.png", region=frame)
    desk.focus(report)
    desk.key("Escape")
    desk.wait_gone(T["report"])

    step("switch user to the owner (Ctrl+Shift+U)")
    desk.focus(main)
    desk.key("ctrl+shift+u")
    switch = desk.wait_window(r"^Switch user — Reception$")
    time.sleep(0.5)
    desk.focus(switch)
    desk.key("shift+Tab")  # the password field has the focus (the username is remembered): back to the username
    desk.key("ctrl+a")
    desk.type("owner")
    desk.key("Tab")
    desk.type("demo1234")
    desk.key("Return")
    time.sleep(1.5)  # the password check runs in the background, then the branch list appears
    desk.focus(switch)
    desk.key("Return")  # the owner opens the desk's branch (the first, Nasr City)
    desk.wait_gone(r"^Switch user — Reception$")
    desk.wait_window(r"^Reception — .* — .{0,3}Karim Mansour.{0,3}$", timeout=40)  # the demo owner (name isolated)

    step("Manage menu (Alt+M)")
    desk.focus(main)
    desk.key("alt+m")
    desk.capture("manage-menu.png", region=frame)
    desk.key("Escape")
    for letter, title, name in MANAGEMENT:
        step(f"Manage › {title.strip('^$')}")
        desk.focus(main)
        desk.key("alt+m")
        desk.key(letter)
        window = desk.wait_window(title)
        desk.capture(name, region=frame)
        desk.focus(window)
        desk.key("Escape")
        desk.wait_gone(title)


# Small desk screens: (screen size, Qt scale factor, file). The window must fit with nothing off screen.
SMALL_SCREENS = (
    ((1280, 720), "1", "scan-1280x720.png"),
    ((1366, 768), "1.25", "scan-1366x768-125.png"),
)


def small_screen_tour(desk: Desk, scale: str, name: str) -> None:
    """The demo home again (its window geometry saved from a larger screen) on a smaller screen."""
    step(f"the Scan page on a {SCREEN[0]}x{SCREEN[1]} screen at {float(scale):.0%}")
    desk.env["QT_SCALE_FACTOR"] = scale
    desk.start_app("--demo", "--camera", "none")
    login = desk.wait_window(T["login"], timeout=120)
    codes = card_codes(desk)
    time.sleep(0.5)
    desk.focus(login)
    desk.key("shift+Tab")  # the last username is remembered and the password field has the focus
    desk.key("ctrl+a")
    desk.type("desk1")
    desk.key("Tab")
    desk.type("demo1234")
    desk.key("Return")
    desk.wait_gone(T["login"])
    main = desk.wait_window(T["main"])
    desk.focus(main)
    desk.type(codes[4])  # the fullest card: a pack member of another branch, warnings and a note
    desk.key("Return")
    x, y, width, height = desk.absolute_geometry(main)
    if x < 0 or y < 0 or x + width > SCREEN[0] or y + height > SCREEN[1]:
        raise StepFailed(f"the window ({width}x{height} at {x},{y}) does not fit the {SCREEN[0]}x{SCREEN[1]} screen")
    desk.capture(name)
    desk.stop_app()


def first_start_tour(desk: Desk) -> None:
    step("start `reception` on an empty home (the first-start dialog)")
    desk.start_app("--camera", "none")
    welcome = desk.wait_window(T["welcome"], timeout=60)
    desk.capture("first-start.png", region=desk.geometry(welcome), margin=24)
    desk.stop_app()


def branch_desk_tour(desk: Desk) -> None:
    """A branch desk connected to the chain's server (`reception serve --demo` on loopback): offline with changes
    waiting, then online and synced, on the Sync page and in the status bar."""
    step("a branch desk: `reception serve --demo`, `reception connect`, check-ins while the server is down")
    server_home = desk.home.parent / f"{desk.home.name}-server"
    server_home.mkdir(parents=True, exist_ok=True)
    port = 18000 + os.getpid() % 1000
    server_env = {**desk.env, "RECEPTION_HOME": str(server_home)}

    def serve() -> subprocess.Popen[bytes]:
        log = open(server_home / "server.log", "ab")  # noqa: SIM115 - kept open while the server runs
        process = subprocess.Popen([sys.executable, "-m", "reception", "serve", "--demo", "--port", str(port)],
                                   cwd=ROOT, env=server_env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise StepFailed(f"reception serve --demo exited: {(server_home / 'server.log').read_text()[-500:]}")
            try:
                import urllib.request

                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):  # noqa: S310
                    return process
            except OSError:
                time.sleep(0.3)
        raise StepFailed("reception serve --demo did not answer")

    server = serve()
    give_photo(server_home / "data" / "demo.sqlite3", "Layla Rashad")
    replica = f"sqlite:///{desk.home / 'branch-desk.sqlite3'}"
    try:
        desk.cli("--db", replica, "connect", f"http://127.0.0.1:{port}", "--username", "manager",
                 "--password", "demo1234", "--name", "Front desk 1")
        lost = f"sqlite:///{desk.home / 'lost-desk.sqlite3'}"  # a second desk, lost and disconnected by the manager
        desk.cli("--db", lost, "connect", f"http://127.0.0.1:{port}", "--username", "manager",
                 "--password", "demo1234", "--name", "Spare laptop")
        spare = next(d["id"] for d in json.loads(desk.cli("--db", replica, "sync", "desks", "--json"))
                     if d["name"] == "Spare laptop")
        desk.cli("--db", replica, "--user", "manager", "sync", "disconnect", str(spare))
        members = json.loads(desk.cli("--db", replica, "--user", "desk1", "customers", "search", "a", "--json"))
        server.terminate()
        server.wait(10)
        for member in members[:3]:
            subprocess.run([sys.executable, "-m", "reception", "--db", replica, "verify", str(member["qr_code"]),
                            "--check-in"], cwd=ROOT, env=desk.env, capture_output=True, timeout=60, check=False)
        desk.start_app("--db", replica, "--camera", "none")
        login = desk.wait_window(T["login"], timeout=120)
        time.sleep(0.5)
        desk.focus(login)
        desk.type("manager")  # staff signed in offline: their accounts came with the replica
        desk.key("Tab")
        desk.type("demo1234")
        desk.key("Return")
        desk.wait_gone(T["login"])
        main = desk.wait_window(T["main"])
        desk.place(main, WINDOW)
        desk.focus(main)
        desk.key("ctrl+5")  # Go → Sync
        time.sleep(3)  # the first sync attempt finds the server down
        desk.capture("sync-offline.png")
        step("the server back: the desk syncs on its own lane")
        server = serve()
        time.sleep(18)  # the desk's sync lane runs every 15 s
        desk.capture("sync-online.png")
        step("the desks of this branch (Ctrl+Shift+D on the Sync page)")
        desk.key("ctrl+shift+d")
        desks = desk.wait_window(T["desks"], timeout=30)
        time.sleep(2)  # the list comes from the server on the sync lane
        desk.capture("sync-desks.png", region=(0, 0, SCREEN[0], 728))
        desk.focus(desks)
        desk.key("Escape")
        step("a member's photo: left out of the first copy, fetched from the server when she is scanned")
        (layla,) = json.loads(desk.cli("--db", replica, "--user", "desk1", "customers", "search", "Layla Rashad",
                                       "--json"))
        desk.focus(main)
        desk.key("ctrl+1")
        desk.type(str(layla["qr_code"]))
        desk.key("Return")
        time.sleep(3)  # the card is painted with her initials, then the photo comes on the sync lane
        desk.capture("sync-photo.png", region=(0, 0, SCREEN[0], 728))
        step("a day pass sold at the branch desk: its receipt in the desk's own series (N1-…)")
        desk.focus(main)
        desk.key("ctrl+1")
        desk.key("F6")
        day_pass = desk.wait_window(T["day_pass"])
        desk.focus(day_pass)
        desk.type("Omar Visitor")
        desk.key("Return")
        time.sleep(SETTLE_S)
        desk.capture("sync-receipt-series.png", region=(0, 0, SCREEN[0], 728))
        desk.key("Return")  # Done
        desk.wait_gone(T["day_pass"])
    finally:
        desk.stop_app()
        if server.poll() is None:
            server.terminate()
            server.wait(10)


def give_photo(database: Path, name: str) -> None:
    """A photo for the member called `name`, taken at another desk of the chain: written to the server's own
    database while it runs (a drawn portrait: the demo gym has no photos)."""
    import io

    from PIL import Image, ImageDraw

    from reception.bootstrap import open_app
    from reception.services.context import Desk as StaffDesk

    picture = Image.new("RGB", (240, 240), (70, 130, 180))
    pen = ImageDraw.Draw(picture)
    pen.ellipse((60, 30, 180, 150), fill=(240, 200, 160))
    pen.rectangle((40, 160, 200, 240), fill=(200, 60, 60))
    jpeg = io.BytesIO()
    picture.save(jpeg, "JPEG", quality=80)
    app = open_app(f"sqlite:///{database}")
    try:
        owner = StaffDesk(app.staff.authenticate("owner", "demo1234"),
                          min(app.catalogue.branches(), key=lambda b: b.number))
        (member,) = app.customers.search(owner, name)
        app.customers.update(owner, member.id, photo=jpeg.getvalue())
    finally:
        app.close()


def step(text: str) -> None:
    global CURRENT
    CURRENT = text
    print(f"- {text}")


CURRENT = "setting up"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--keep-home", action="store_true", help="keep the temporary RECEPTION_HOME dirs")
    parser.add_argument("--lang", choices=sorted(TITLES), default="en", help="the desk's language for the tour")
    parser.add_argument("--branch-only", action="store_true", help="only the branch desk's Sync page")
    args = parser.parse_args(argv)
    global T
    T = TITLES[args.lang]
    os.environ["RECEPTION_LANG"] = args.lang
    if args.lang != "en" and args.out == ROOT / "docs" / "screenshots":
        args.out = args.out / args.lang
    args.out.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="reception-screenshots-"))
    desk: Desk | None = None
    try:
        for tool in ("Xvfb", "xdotool", "import", "xdpyinfo"):
            need(tool)
        with xvfb((1366, 768)) as display:
            tours = (("home", demo_tour), ("new-home", first_start_tour), ("branch-home", branch_desk_tour))
            for home, tour in tours if not args.branch_only else (("branch-home", branch_desk_tour),):
                desk = Desk(display, workdir / home, args.out)
                try:
                    tour(desk)
                except StepFailed:
                    shot = desk.screen_on_failure(workdir / "failed-step.png")
                    if shot:
                        args.keep_home = True
                        print(f"the screen at the failure: {shot}", file=sys.stderr)
                    raise
                finally:
                    desk.stop_app()
        for size, scale, name in SMALL_SCREENS if not args.branch_only else ():
            with xvfb(size) as display:
                desk = Desk(display, workdir / "home", args.out)
                try:
                    small_screen_tour(desk, scale, name)
                finally:
                    desk.stop_app()
    except (StepFailed, subprocess.TimeoutExpired) as error:
        print(f"\nscreenshots failed at step “{CURRENT}”: {error}", file=sys.stderr)
        if desk is not None:
            print(desk.log_tail(), file=sys.stderr)
        return 1
    finally:
        if args.keep_home:
            print(f"homes kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    print(f"done: screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
