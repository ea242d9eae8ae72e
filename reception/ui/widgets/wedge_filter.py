"""Keyboard-wedge scanners anywhere in the app: an application event filter that recognises a burst.

A USB scanner types its code and presses Enter, into whatever has the focus. The filter
feeds every key to the pure-Python WedgeDetector. The first key of a run reaches its
widget (nobody can tell a scanner from a person after one key); from the second fast
key on, keys are held back. If Enter follows in time, it is the scanner's: the Enter is
swallowed, the widget that got the first key gets its text back, and `scanned` carries
the code (to the Scan page). Otherwise the held keys are replayed to their widget, so a
person's typing is never lost, only delayed by a tenth of a second at most.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget
from shiboken6 import getCppPointer

from reception.scanning.wedge import WedgeDetector, WedgeScan

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
# Modifiers a scanner may send with a character (Shift for capitals, the keypad flag for digits).
_TEXT_MODIFIERS = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier


@dataclass
class _Held:
    target: QWidget
    key: int
    modifiers: Qt.KeyboardModifier
    text: str


@dataclass
class _Snapshot:
    """A text field's state before the run's first key reached it, to undo that key after a scan."""

    widget: QWidget
    text: str
    cursor: int


class WedgeFilter(QObject):
    """Install with `QApplication.instance().installEventFilter(filter)`; connect `scanned`."""

    scanned = Signal(object)  # reception.scanning.wedge.WedgeScan

    def __init__(
        self,
        detector: WedgeDetector | None = None,
        *,
        clock: Callable[[], float] = time.perf_counter,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.detector = detector or WedgeDetector()
        self._clock = clock
        self._held: list[_Held] = []
        self._snapshot: _Snapshot | None = None
        self._replaying = False
        self._last: tuple[tuple[int, int], QWidget] | None = None
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        # After the last key, the scanner's Enter comes within enter_gap_s; past that it was a person.
        self._flush_timer.setInterval(int(self.detector.enter_gap_s * 1000) + 20)
        self._flush_timer.timeout.connect(self.flush)

    # -- the filter ------------------------------------------------------------------

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if self._replaying or kind not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            return False
        if not isinstance(obj, QWidget) or not isinstance(event, QKeyEvent):
            return False  # a QWindow sees the key before its widgets do: wait for the widget
        if self._propagating(obj, event):
            return False  # the same key, ignored by its widget, now offered to a parent
        if kind == QEvent.Type.ShortcutOverride:
            # A scanner's Enter must not trigger a shortcut either: claim it, then eat the key press.
            if event.key() in ENTER_KEYS and self._burst_ready():
                event.accept()
                return True
            return False
        return self._key_press(obj, event)

    def _key_press(self, target: QWidget, event: QKeyEvent) -> bool:
        now = self._clock()
        if event.key() in ENTER_KEYS:
            verdict = self.detector.enter(now)
            if verdict.scan is not None:
                self._scan_recognised(verdict.scan)
                return True
            self.flush()  # a person's Enter: their held keys go first, then the Enter itself
            return False
        text = event.text()
        is_text = bool(text) and text.isprintable() and not (event.modifiers() & ~_TEXT_MODIFIERS)
        if not is_text or event.isAutoRepeat():
            self.detector.reset()
            self.flush()
            return False
        if not self.detector.key(text, now):
            self.flush()
            self._snapshot = self._take_snapshot(target)
            return False  # the run's first key: let it through
        self._held.append(_Held(target, event.key(), event.modifiers(), text))
        self._flush_timer.start()
        return True

    # -- outcomes --------------------------------------------------------------------

    def flush(self) -> None:
        """Give held keys back to the widget they were meant for (not a scan after all)."""
        self._flush_timer.stop()
        held, self._held = self._held, []
        self._snapshot = None
        if not held:
            return
        self._replaying = True
        try:
            for key in held:
                if key.target is None or not _alive(key.target):
                    continue
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QApplication.sendEvent(key.target, QKeyEvent(kind, key.key, key.modifiers, key.text))
        finally:
            self._replaying = False

    def _scan_recognised(self, scan: WedgeScan) -> None:
        self._flush_timer.stop()
        self._held = []
        snapshot, self._snapshot = self._snapshot, None
        if snapshot is not None and _alive(snapshot.widget):
            _restore(snapshot)
        self.scanned.emit(scan)

    # -- helpers ---------------------------------------------------------------------

    def _burst_ready(self) -> bool:
        return self.detector.in_burst and len(self._held) + 1 >= self.detector.min_keys

    def _propagating(self, obj: QWidget, event: QKeyEvent) -> bool:
        pointer = (getCppPointer(event)[0], int(event.type().value))
        last, self._last = self._last, (pointer, obj)
        if last is None or last[0] != pointer:
            return False
        previous = last[1]
        if _alive(previous) and obj.isAncestorOf(previous):
            self._last = last  # keep the original receiver for further propagation steps
            return True
        return False

    @staticmethod
    def _take_snapshot(widget: QWidget) -> _Snapshot | None:
        if isinstance(widget, QLineEdit):
            return _Snapshot(widget, widget.text(), widget.cursorPosition())
        if isinstance(widget, (QTextEdit, QPlainTextEdit)):
            return _Snapshot(widget, widget.toPlainText(), widget.textCursor().position())
        return None


def _restore(snapshot: _Snapshot) -> None:
    widget = snapshot.widget
    if isinstance(widget, QLineEdit):
        widget.setText(snapshot.text)
        widget.setCursorPosition(snapshot.cursor)
    elif isinstance(widget, (QTextEdit, QPlainTextEdit)):
        widget.setPlainText(snapshot.text)
        cursor = widget.textCursor()
        cursor.setPosition(min(snapshot.cursor, len(snapshot.text)))
        widget.setTextCursor(cursor)


def _alive(widget: QWidget) -> bool:
    try:
        widget.objectName()
    except RuntimeError:  # the C++ widget was deleted (its dialog closed)
        return False
    return True
