"""Guards against a PySide6 fault on Python 3.11: calls that return None or True without taking a reference.

With PySide6 6.12.0 on Python 3.11 every call of a void Qt method from Python (`update()`,
`setText()`, a painter's `drawImage()`, `QTimer.singleShot()`...) loses a reference to None,
and every Python-side `signal.emit()` loses one to True: the binding returns the singletons
as if they were immortal, which they are only from Python 3.12 on. After enough calls (minutes
of a live camera preview, or a day at the desk) a count reaches zero and CPython aborts the
process ("none_dealloc: deallocating None" / "bool_dealloc"). `guard_signal_refcounts()`
detects the fault with a probe and, only when it is present, gives None, True and False
reference counts that cannot run out — what Python 3.12 does for them anyway.
The real fix is a PySide6 that keeps the counts on 3.11, or Python ≥ 3.12.
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


def void_call_loses_references() -> int:
    """How many references to None PROBE_EMITS calls of a void Qt method lost (0 when sound)."""
    probe = _Probe()
    before = sys.getrefcount(None)
    for _ in range(PROBE_EMITS):
        probe.setObjectName("probe")
    lost = before - sys.getrefcount(None)
    probe.deleteLater()
    return max(lost, 0)


def guard_signal_refcounts() -> bool:
    """Call once at start (after the QApplication exists); True when the workaround was applied."""
    lost_true, lost_none = emit_loses_references(), void_call_loses_references()
    if not (lost_true or lost_none):
        return False
    # ob_refcnt is the first field of every object in release builds of CPython 3.11.
    for singleton, lost in ((None, lost_none), (True, lost_true), (False, 0)):
        refcount = ctypes.c_ssize_t.from_address(id(singleton))
        refcount.value += lost + HEADROOM
    import PySide6

    log.warning("PySide6 %s loses references to None/True on Qt calls and signal emits; compensated "
                "(see ui/qt_compat.py)", getattr(PySide6, "__version__", "?"))
    return True
