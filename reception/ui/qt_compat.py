"""Guards against a PySide6 fault: a Python-side `signal.emit()` that drops a reference to True on every call.

With PySide6 6.12.0 on Python 3.11, `SignalInstance.emit()` returns True without taking a
reference, so each emit from Python code lowers True's reference count by one. After a few
thousand emits (a morning of scans at a busy desk, or minutes of a live camera preview)
the count reaches zero and CPython aborts the process ("bool_dealloc: deallocating True or
False"). `guard_signal_refcounts()` detects the fault with a probe signal and, only when it
is present, gives True a reference count that cannot run out. Python 3.12+ makes True
immortal, and a fixed PySide6 loses nothing on the probe: then it does nothing.
"""

from __future__ import annotations

import ctypes
import logging
import sys

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

PROBE_EMITS = 16
HEADROOM = 1 << 40  # more emits than a desk makes in any lifetime


class _Probe(QObject):
    ping = Signal()


def emit_loses_references() -> int:
    """How many references to True PROBE_EMITS emits lost (0 when this PySide6 is sound)."""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(PROBE_EMITS):
        probe.ping.emit()
    lost = before - sys.getrefcount(True)
    probe.deleteLater()
    return max(lost, 0)


def guard_signal_refcounts() -> bool:
    """Call once at start (after the QApplication exists); True when the workaround was applied."""
    lost = emit_loses_references()
    if not lost:
        return False
    # ob_refcnt is the first field of every object in release builds of CPython 3.11.
    refcount = ctypes.c_ssize_t.from_address(id(True))
    refcount.value += lost + HEADROOM
    log.warning("PySide6 %s loses a reference to True on every signal emit; compensated (see ui/qt_compat.py)",
                _pyside_version())
    return True


def _pyside_version() -> str:
    try:
        import PySide6

        return str(PySide6.__version__)
    except Exception:  # pragma: no cover - only for the message
        return "?"
