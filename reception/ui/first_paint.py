"""Cold-start probe for bench/startup.py: with RECEPTION_EXIT_AFTER_FIRST_PAINT=<ms>, report the first paint and quit.

Contract: when the variable holds a positive integer N, the first time a top-level window
(the sign-in dialog or the main window) has finished painting, the app writes one line to
stdout, `RECEPTION_FIRST_PAINT <unix time, seconds> <window class>`, flushes it, and quits
N milliseconds later with exit code 0 (1 = at once; bench/startup.py uses 2000 to sample
memory at idle). Without the variable nothing is installed and nothing changes.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

ENV = "RECEPTION_EXIT_AFTER_FIRST_PAINT"
MARKER = "RECEPTION_FIRST_PAINT"


def requested_delay_ms() -> int | None:
    text = os.environ.get(ENV, "").strip()
    return int(text) if text.isdigit() and int(text) > 0 else None


class _FirstPaint(QObject):
    def __init__(self, app: QApplication, delay_ms: int) -> None:
        super().__init__(app)
        self._app = app
        self._delay_ms = delay_ms
        self._seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (not self._seen and event.type() == QEvent.Type.Paint and isinstance(watched, QWidget)
                and watched.isWindow() and watched.isVisible()):
            self._seen = True
            name = type(watched).__name__
            # Runs once the paint (and the backing-store flush that follows it) is done.
            QTimer.singleShot(0, lambda: self._report(name))
        return False

    def _report(self, name: str) -> None:
        stream = sys.stdout
        if stream is not None:
            stream.write(f"{MARKER} {time.time():.6f} {name}\n")
            stream.flush()
        QTimer.singleShot(max(self._delay_ms - 1, 0), lambda: self._app.exit(0))


def install_if_requested(app: QApplication) -> bool:
    """Call once right after the QApplication exists; True when the probe is active."""
    delay = requested_delay_ms()
    if delay is None:
        return False
    probe = _FirstPaint(app, delay)
    app.installEventFilter(probe)
    return True
