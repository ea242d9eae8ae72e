"""A machine without one of Qt's xcb libraries: the real app says what to install and exits 2, never aborts.

The library is hidden from the real app only, by a private mount namespace (`unshare -m`) that
bind-mounts an empty file over it; the app runs under its own Xvfb.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reception import platform_check

ROOT = Path(__file__).resolve().parents[2]


def _needed(what: str) -> None:
    """Missing tools skip locally; in CI they fail (CI installs them and runs as root)."""
    if os.environ.get("CI"):
        pytest.fail(f"{what} (needed in CI)")
    pytest.skip(what)


@pytest.fixture(scope="module")
def xvfb() -> Iterator[str]:
    if not sys.platform.startswith("linux") or shutil.which("Xvfb") is None:
        _needed("Xvfb is not installed")
    number = next(n for n in range(71, 200) if not Path(f"/tmp/.X{n}-lock").exists()
                  and not Path(f"/tmp/.X11-unix/X{n}").exists())
    server = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{number}").exists():
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"Xvfb :{number} did not start")
            time.sleep(0.05)
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)


@pytest.fixture(scope="module")
def private_mounts() -> None:
    if shutil.which("unshare") is None or os.geteuid() != 0:
        _needed("hiding a library needs unshare and root")
    if subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode != 0:
        _needed("this machine does not allow private mount namespaces")


def start_desk(display: str, tmp_path: Path, hide: str | None = None) -> subprocess.CompletedProcess[str]:
    """`reception --demo` as a newcomer starts it, on an X display, with one library made unloadable."""
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "RECEPTION_DB", "WAYLAND_DISPLAY")}
    env.update(DISPLAY=display, RECEPTION_HOME=str(tmp_path / "home"), RECEPTION_EXIT_AFTER_FIRST_PAINT="1",
               PYTHONPATH=str(ROOT))
    argv = [sys.executable, "-m", "reception", "--demo", "--camera", "none"]
    if hide is not None:
        target = _library_file(hide)
        empty = tmp_path / "empty"
        empty.write_bytes(b"")
        script = 'mount --bind "$1" "$2" && shift 2 && exec "$@"'
        argv = ["unshare", "-m", "sh", "-c", script, "sh", str(empty), str(target), *argv]
    return subprocess.run(argv, capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)


def _library_file(soname: str) -> Path:
    """The real file the loader opens for a library name (a symlink's target: mounts follow links)."""
    listing = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    for line in listing.splitlines():
        name, _, path = line.strip().partition(" => ")
        if name.split(" ", 1)[0] == soname:
            return Path(path).resolve()
    pytest.fail(f"{soname} is not installed here, so it cannot be hidden")


def test_with_every_library_the_desk_opens(xvfb: str, tmp_path: Path) -> None:
    result = start_desk(xvfb, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "RECEPTION_FIRST_PAINT" in result.stdout
    assert "cannot open its window" not in result.stderr


@pytest.mark.parametrize(("soname", "package"), [("libxcb-cursor.so.0", "libxcb-cursor0"),
                                                 ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0")])
def test_a_missing_library_is_named_with_the_package_to_install(
        xvfb: str, private_mounts: None, tmp_path: Path, soname: str, package: str) -> None:
    result = start_desk(xvfb, tmp_path, hide=soname)
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "cannot open its window" in result.stderr
    assert f"  {soname}\n" in result.stderr
    assert f"apt-get install {package}\n" in result.stderr
    assert "Aborted" not in result.stderr and "Reinstalling the application" not in result.stderr
    assert "RECEPTION_FIRST_PAINT" not in result.stdout


# ---------------------------------------------------------------- when the check applies, what it says


@pytest.mark.parametrize(("env", "platform", "expected"), [
    ({"DISPLAY": ":1"}, "linux", True),
    ({"DISPLAY": ":1", "QT_QPA_PLATFORM": "xcb"}, "linux", True),
    ({"DISPLAY": ":1", "QT_QPA_PLATFORM": "offscreen"}, "linux", False),
    ({"QT_QPA_PLATFORM": "xcb:nograb"}, "linux", True),
    ({}, "linux", False),
    ({"DISPLAY": ":1", "WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}, "linux", False),
    ({"DISPLAY": ":1"}, "win32", False),
])
def test_the_check_runs_only_where_qt_uses_xcb(env: dict[str, str], platform: str, expected: bool) -> None:
    assert platform_check.uses_xcb(env, platform) is expected


def test_the_message_lists_each_missing_library_and_one_install_command() -> None:
    gone = {"libEGL.so.1", "libxcb-shape.so.0"}
    missing = platform_check.missing_libraries(lambda soname: soname not in gone)
    assert missing == [("libxcb-shape.so.0", "libxcb-shape0"), ("libEGL.so.1", "libegl1")]
    text = platform_check.missing_message(missing, is_root=False)
    assert "sudo apt-get install libxcb-shape0 libegl1\n" in text
    assert "  libEGL.so.1\n" in text and "  libxcb-shape.so.0\n" in text


def _apt_packages(text: str) -> set[str]:
    """The packages of the first `apt-get install` command in a shell text (continuation lines joined)."""
    command = text.replace("\\\n", " ").split("apt-get install", 1)[1].split("\n", 1)[0]
    return {word for word in command.split() if not word.startswith("-") and word not in (">/dev/null",)}


def test_the_readme_names_the_packages_ci_installs() -> None:
    ci = _apt_packages((ROOT / ".ci" / "run").read_text())
    readme = _apt_packages((ROOT / "README.md").read_text().split("## The two commands", 1)[1])
    assert readme == ci
    assert {"openbox", "x11-xkb-utils", "pulseaudio", "pulseaudio-utils", "sox", "libpulse0"} <= ci


def test_every_package_the_check_asks_for_is_installed_by_that_step() -> None:
    """Those pulled in by the listed ones (libxcb1, libx11-6, ...) need not be listed."""
    ci = _apt_packages((ROOT / ".ci" / "run").read_text())
    pulled_in = {"libxkbcommon0", "libxcb-util1", "libxcb-shm0", "libxcb-sync1", "libxcb-xfixes0", "libxcb-xkb1",
                 "libxcb-render0", "libxcb1", "libx11-xcb1", "libx11-6", "libfreetype6"}
    assert {package for _, package in platform_check.XCB_LIBRARIES} - pulled_in <= ci
