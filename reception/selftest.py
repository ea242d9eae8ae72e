"""`reception --self-test`: checks an installation (or a bundle) end to end and prints ✓/✗ lines; exit 0 when the essentials work."""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPORT_NAME = "self-test.txt"


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    essential: bool
    seconds: float

    def line(self) -> str:
        mark = "✓" if self.ok else "✗"
        note = "" if self.ok or self.essential else " (not essential)"
        return f"{mark} {self.name}: {self.detail}{note}  [{self.seconds * 1000:.0f} ms]"


class Unavailable(Exception):
    """A check that did not pass for a reason its message states in full, with what to do about it."""


def _run(name: str, fn: Callable[[], str], *, essential: bool = True) -> Check:
    start = time.perf_counter()
    try:
        detail, ok = fn(), True
    except Unavailable as error:
        detail, ok = str(error), False
    except Exception as error:  # noqa: BLE001 - a self-test reports every failure, it never crashes
        from reception.extras import absent_extra, install_command

        if isinstance(error, ImportError) and (absent := absent_extra(error)):  # e.g. the core without the desk
            return Check(name, False, f"not installed (no {absent[1]}) — {install_command(absent[0])}", essential,
                         time.perf_counter() - start)
        first = str(error).strip().splitlines()[0] if str(error).strip() else ""
        detail, ok = f"{type(error).__name__}: {first}"[:300], False
        _log_failure(name, error)
    return Check(name, ok, detail, essential, time.perf_counter() - start)


def _log_failure(name: str, error: BaseException) -> None:
    import logging

    logging.getLogger(__name__).error("self-test %s failed\n%s", name, "".join(traceback.format_exception(error)))


def _headless() -> None:
    """No screen (CI, a bundle started over SSH): Qt's offscreen platform."""
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _qt_app():  # type: ignore[no-untyped-def]
    _headless()
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    return existing if isinstance(existing, QApplication) else QApplication(["reception-self-test"])


def check_qt() -> str:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtGui import QImageReader
    from PySide6.QtWidgets import QLabel

    app = _qt_app()
    label = QLabel("Reception ✓ ٠١٢٣")
    label.resize(200, 40)
    if label.grab().isNull():
        raise RuntimeError("Qt could not draw a widget")
    formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    if "svg" not in formats:
        raise RuntimeError("the SVG image plugin is missing (icons would not show)")
    return f"PySide6 {pyside_version}, platform {app.platformName()}, widgets draw, SVG icons load"


def check_qt_optional() -> str:
    found = []
    for module in ("QtMultimedia", "QtPrintSupport", "QtSvg"):
        try:
            __import__(f"PySide6.{module}")
            found.append(module)
        except ImportError:
            pass
    return ", ".join(found) or "none"


def check_sounds() -> str:
    """Will the desk's allow / attention / deny sounds play here? Loads the three WAVs, plays none."""
    _qt_app()
    from reception.ui.sounds import KINDS, sound_problem, sound_url

    problem = sound_problem()
    if problem is not None:
        raise Unavailable(f"off — {problem}")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtMultimedia import QMediaDevices, QSoundEffect

    effects: dict[str, QSoundEffect] = {}
    loop = QEventLoop()
    pending = (QSoundEffect.Status.Null, QSoundEffect.Status.Loading)

    def settled() -> None:
        if all(effect.status() not in pending for effect in effects.values()):
            loop.quit()

    for kind in KINDS:
        effect = QSoundEffect()
        effect.statusChanged.connect(settled)
        effect.setSource(sound_url(kind))
        effects[kind] = effect
    QTimer.singleShot(3000, loop.quit)
    settled()
    if any(effect.status() in pending for effect in effects.values()):
        loop.exec()
    broken = [kind for kind, effect in effects.items() if effect.status() is not QSoundEffect.Status.Ready]
    if broken:
        raise Unavailable(f"off — the {', '.join(broken)} sound{'s' if len(broken) > 1 else ''} did not load")
    return f"on — {len(effects)} sounds load, output: {QMediaDevices.defaultAudioOutput().description()}"


def check_imaging() -> str:
    import cv2
    import numpy

    return f"OpenCV {cv2.__version__}, NumPy {numpy.__version__}"


def check_data_dirs() -> str:
    from reception import paths

    for folder in (paths.data_dir(), paths.log_dir(), paths.backup_dir()):
        probe = folder / ".write-test"
        probe.write_text("ok", encoding="utf-8")
        probe.unlink()
    return f"data {paths.data_dir()}, logs {paths.log_dir()}"


def check_temp_database() -> str:
    from reception.bootstrap import open_app

    with tempfile.TemporaryDirectory(prefix="reception-selftest-") as folder:
        app = open_app(f"sqlite:///{Path(folder) / 'check.sqlite3'}")
        try:
            app.catalogue.branches()
            revision = app.storage.revision()
        finally:
            app.close()
        app.storage.integrity_check()
        head = app.storage.head_revision()
    if revision != head:
        raise RuntimeError(f"migrations stopped at {revision}, expected {head}")
    return f"created, migrated to {revision}, read back, integrity ok"


def check_configured_database(args: argparse.Namespace) -> str:
    """Read-only: never creates, upgrades or converts the desk's real database."""
    from reception import settings
    from reception.bootstrap import open_storage

    return open_storage(settings.database_url(settings.resolve(args))).probe()


def check_decoders() -> str:
    from reception.scanning.decoders import available_decoders, make_decoder
    from reception.scanning.synthetic import card_image

    names = available_decoders()
    if not names:
        raise RuntimeError("no QR decoder loads")
    code = "GYM-123-0A1B2C3D"
    image = card_image(code)
    results = []
    for name in names:
        texts = [d.text for d in make_decoder(name).decode(image)]
        results.append(f"{name} {'decodes' if code in texts else 'FAILED'}")
    if code not in [d.text for d in make_decoder(names[0]).decode(image)]:
        raise RuntimeError(f"the preferred decoder {names[0]} did not read a generated card ({', '.join(results)})")
    return ", ".join(results)


def check_pyzbar() -> str:
    from pyzbar import pyzbar  # noqa: F401 - raises ImportError when libzbar does not load

    return "libzbar loads"


def check_cameras() -> str:
    from reception.scanning.camera import list_cameras

    found = list_cameras()
    return f"{len(found)} found" + (f" ({', '.join(map(str, found))})" if found else " (fine on a machine without a webcam)")


def _checks(args: argparse.Namespace) -> list[tuple[str, Callable[[], str], bool]]:
    return [
        ("Qt", check_qt, True),
        ("Qt extras", check_qt_optional, False),
        ("Sounds", check_sounds, False),
        ("OpenCV", check_imaging, True),
        ("Folders", check_data_dirs, True),
        ("Database (temporary file)", check_temp_database, True),
        ("Database (configured)", lambda: check_configured_database(args), False),
        ("QR decoders", check_decoders, True),
        ("pyzbar", check_pyzbar, False),
        ("Cameras", check_cameras, False),
    ]


def _write(text: str) -> None:
    stream = sys.stdout
    if stream is None:  # the windowed Windows exe has no console
        return
    try:
        stream.write(text + "\n")
        stream.flush()
    except UnicodeEncodeError:
        stream.write(text.encode("ascii", "replace").decode() + "\n")


def run_self_test(args: argparse.Namespace | None = None) -> int:
    """Run every check, print and save the report; 0 when every essential check passed, 1 otherwise."""
    from reception import __version__, logs, paths

    args = args or argparse.Namespace(db=None, demo=False, camera=None)
    if sys.stdout is not None and hasattr(sys.stdout, "reconfigure"):
        try:
            sys.stdout.reconfigure(encoding="utf-8", errors="replace")
        except (ValueError, OSError):
            pass
    try:
        logs.setup_logging()  # tracebacks of failed checks go to the log, the screen gets one line each
    except OSError:
        pass
    frozen = " (bundle)" if getattr(sys, "frozen", False) else ""
    header = f"Reception {__version__}{frozen} self-test · Python {platform.python_version()} · {platform.platform()}"
    _write(header)
    results = []
    for name, fn, essential in _checks(args):
        check = _run(name, fn, essential=essential)
        results.append(check)
        _write(check.line())
    failed = [c for c in results if not c.ok and c.essential]
    verdict = "All essential checks passed." if not failed else f"{len(failed)} essential check(s) failed."
    _write(verdict)
    try:
        report = paths.log_dir() / REPORT_NAME
        report.write_text("\n".join([header, *(c.line() for c in results), verdict]) + "\n", encoding="utf-8")
        _write(f"Report saved to {report}")
    except OSError as error:
        _write(f"(report not saved: {error})")
    return 1 if failed else 0
