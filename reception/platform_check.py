"""Before Qt starts on Linux/X11: are the system libraries of Qt's xcb plugin there? If not, say what to install.

Without one of them Qt prints a misleading "Reinstalling the application may fix this problem"
and aborts the process (exit 134). This module loads no Qt: it asks the dynamic loader for
each library the xcb platform plugin links to, as the plugin itself would.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

# What libqxcb.so / libQt6XcbQpa.so.6 link to (PySide6 6.6-6.11, `ldd`), and the Debian/Ubuntu package of each.
XCB_LIBRARIES: tuple[tuple[str, str], ...] = (
    ("libxcb-cursor.so.0", "libxcb-cursor0"),
    ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
    ("libxkbcommon.so.0", "libxkbcommon0"),
    ("libxcb-icccm.so.4", "libxcb-icccm4"),
    ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
    ("libxcb-image.so.0", "libxcb-image0"),
    ("libxcb-render-util.so.0", "libxcb-render-util0"),
    ("libxcb-shape.so.0", "libxcb-shape0"),
    ("libxcb-randr.so.0", "libxcb-randr0"),
    ("libxcb-util.so.1", "libxcb-util1"),
    ("libxcb-shm.so.0", "libxcb-shm0"),
    ("libxcb-sync.so.1", "libxcb-sync1"),
    ("libxcb-xfixes.so.0", "libxcb-xfixes0"),
    ("libxcb-xkb.so.1", "libxcb-xkb1"),
    ("libxcb-render.so.0", "libxcb-render0"),
    ("libxcb.so.1", "libxcb1"),
    ("libX11-xcb.so.1", "libx11-xcb1"),
    ("libX11.so.6", "libx11-6"),
    ("libEGL.so.1", "libegl1"),
    ("libGL.so.1", "libgl1"),
    ("libfontconfig.so.1", "libfontconfig1"),
    ("libfreetype.so.6", "libfreetype6"),
    ("libglib-2.0.so.0", "libglib2.0-0"),
    ("libdbus-1.so.3", "libdbus-1-3"),
)

EXIT_MISSING = 2


def uses_xcb(environ: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """Will Qt pick its xcb (X11) plugin? Only then do these libraries matter."""
    env = os.environ if environ is None else environ
    if not (platform or sys.platform).startswith("linux"):
        return False
    chosen = env.get("QT_QPA_PLATFORM", "").strip()
    if chosen:
        return chosen.split(";")[0].split(":")[0] == "xcb"
    if env.get("XDG_SESSION_TYPE") == "wayland" and env.get("WAYLAND_DISPLAY"):
        return False  # Qt opens its Wayland plugin first on a Wayland session
    return bool(env.get("DISPLAY"))


def _bundled_dirs() -> list[Path]:
    """A PyInstaller bundle ships some of these libraries beside the app."""
    base = getattr(sys, "_MEIPASS", None)
    return [Path(base)] if base else []


def _loads(soname: str) -> bool:
    for folder in _bundled_dirs():
        if (folder / soname).exists():
            soname = str(folder / soname)
            break
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def missing_libraries(loads: Callable[[str], bool] = _loads) -> list[tuple[str, str]]:
    """(library, package) for each library of the xcb plugin the loader cannot load."""
    return [(soname, package) for soname, package in XCB_LIBRARIES if not loads(soname)]


def missing_message(missing: list[tuple[str, str]], *, is_root: bool | None = None) -> str:
    packages = " ".join(dict.fromkeys(package for _, package in missing))
    root = os.geteuid() == 0 if is_root is None else is_root
    command = f"{'' if root else 'sudo '}apt-get install {packages}"
    return (
        "Reception cannot open its window: Qt's X11 (xcb) platform needs system libraries that are not "
        "installed on this computer:\n"
        + "".join(f"  {soname}\n" for soname, _ in missing)
        + f"On Debian or Ubuntu install them with:\n  {command}\n"
        "(on other systems, install the packages that provide these files), then start Reception again."
    )


def exit_if_qt_cannot_start(environ: Mapping[str, str] | None = None) -> None:
    """Called before the QApplication exists: print what to install and exit 2, rather than let Qt abort."""
    if not uses_xcb(environ):
        return
    missing = missing_libraries()
    if missing:
        print(missing_message(missing), file=sys.stderr, flush=True)
        raise SystemExit(EXIT_MISSING)
