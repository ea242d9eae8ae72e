"""Keyboard-wedge scanners anywhere in the app: an application event filter that recognises a burst.

A USB scanner types its code and presses Enter, into whatever has the focus. The filter
feeds every key to the pure-Python WedgeDetector. The first key of a run reaches its
widget (nobody can tell a scanner from a person after one key); from the second fast
key on, keys are held back. If Enter follows in time, it is the scanner's: the Enter is
swallowed, the widget that got the first key gets its text back, and `scanned` carries
the code (to the Scan page). Otherwise the held keys are replayed to their widget, so a
person's typing is never lost, only delayed by a tenth of a second at most.

Keys are timed by their event timestamps (the X server's clock: when the key was pressed),
so a desk that is busy for a second neither mistakes a person's queued keys for a burst nor
a scanner's for typing. Synthetic events without a timestamp are timed on arrival. Modifier
keys are let through untouched: a scanner presses Shift before every capital letter.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget
from shiboken6 import getCppPointer

from reception.scanning.wedge import WedgeDetector, WedgeScan

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
# What ends a scanner's burst: Enter (CR), Tab, or a line feed; CR+LF's LF is swallowed too.
TERMINATOR_KEYS = (*ENTER_KEYS, Qt.Key.Key_Tab)
_LINE_FEED = "\n"
# Modifiers a scanner may send with a character (Shift for capitals, the keypad flag for digits,
# the group switch of a second keyboard layout).
_TEXT_MODIFIERS = (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
                   | Qt.KeyboardModifier.GroupSwitchModifier)
# Keys that only change what the next key types: never part of a run, never the end of one.
MODIFIER_KEYS = frozenset({
    Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_AltGr, Qt.Key.Key_Meta,
    Qt.Key.Key_CapsLock, Qt.Key.Key_NumLock, Qt.Key.Key_Mode_switch, Qt.Key.Key_Super_L, Qt.Key.Key_Super_R,
    Qt.Key.Key_Hyper_L, Qt.Key.Key_Hyper_R, Qt.Key.Key_unknown,
})
_CLOCK_JUMP_S = 10.0  # an event-clock offset this far off means the clock restarted: measure it anew


@dataclass
class _Held:
    target: QWidget
    key: int
    modifiers: Qt.KeyboardModifier
    text: str
    composed: bool = False  # text an input method committed (the Arabic layout's lam-alef keys)


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
        self._offset: float | None = None  # clock() − event time, at its smallest (least delayed) so far
        self._last_stamp: float | None = None  # the newest key event's time
        self._swallow_line_feed_until: float | None = None
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
        if self._replaying:
            return False
        if kind == QEvent.Type.InputMethod and isinstance(obj, QWidget) and isinstance(event, QInputMethodEvent):
            return self._composed(obj, event)
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride):
            return False
        if not isinstance(obj, QWidget) or not isinstance(event, QKeyEvent):
            return False  # a QWindow sees the key before its widgets do: wait for the widget
        if self._propagating(obj, event):
            return False  # the same key, ignored by its widget, now offered to a parent
        if event.key() in MODIFIER_KEYS and not event.text():
            if kind == QEvent.Type.KeyPress:
                self._event_time(event)  # an input method's text that follows is timed by it
            return False  # Shift before a capital (or a layout switch) neither breaks a run nor ends it
        if kind == QEvent.Type.ShortcutOverride:
            # A scanner's Enter must not trigger a shortcut either: claim it, then eat the key press.
            if self._is_terminator(event) and self._burst_ready():
                event.accept()
                return True
            return False
        return self._key_press(obj, event)

    def _composed(self, target: QWidget, event: QInputMethodEvent) -> bool:
        """Text an input method committed for one key (X's Arabic layout sends lam-alef this way).

        It carries no timestamp: it is timed as the key event just before it (the Shift, or the key).
        """
        text = event.commitString()
        if not text or event.preeditString() or not text.isprintable():
            return False
        at = self._last_stamp if self._last_stamp is not None else self._clock()
        if not self.detector.key(text, at):
            self.flush()
            self._snapshot = self._take_snapshot(target)
            return False
        self._held.append(_Held(target, 0, Qt.KeyboardModifier.NoModifier, text, composed=True))
        self._flush_timer.start()
        return True

    def _event_time(self, event: QKeyEvent) -> float:
        """When the key was pressed, in seconds of the event clock (or now, for an event with no timestamp)."""
        now = self._clock()
        stamp = event.timestamp()
        if not stamp:
            self._last_stamp = now
            return now
        at = stamp / 1000.0
        self._last_stamp = at
        offset = now - at
        if self._offset is None or offset < self._offset or offset - self._offset > _CLOCK_JUMP_S:
            self._offset = offset
        return at

    def _to_clock(self, at: float) -> float:
        """An event time on the filter's own clock (perf_counter), for the scan → screen latency."""
        return at + self._offset if self._offset is not None else at

    @staticmethod
    def _is_terminator(event: QKeyEvent) -> bool:
        return event.key() in TERMINATOR_KEYS or event.text() == _LINE_FEED

    def _key_press(self, target: QWidget, event: QKeyEvent) -> bool:
        now = self._event_time(event)
        if self._swallow_line_feed_until is not None:
            window, self._swallow_line_feed_until = self._swallow_line_feed_until, None
            if (event.text() == _LINE_FEED or event.key() in ENTER_KEYS) and now <= window:
                return True  # the LF of a scanner's CR+LF
        if self._is_terminator(event):
            verdict = self.detector.enter(now)
            if verdict.scan is not None:
                if event.key() in ENTER_KEYS:
                    self._swallow_line_feed_until = now + self.detector.enter_gap_s
                self._scan_recognised(verdict.scan, event)
                return True
            self.flush()  # a person's Enter or Tab: their held keys go first, then the key itself
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
                if key.composed:
                    commit = QInputMethodEvent()
                    commit.setCommitString(key.text)
                    QApplication.sendEvent(key.target, commit)
                    continue
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QApplication.sendEvent(key.target, QKeyEvent(kind, key.key, key.modifiers, key.text))
        finally:
            self._replaying = False

    def _scan_recognised(self, scan: WedgeScan, terminator: QKeyEvent) -> None:
        self._flush_timer.stop()
        self._held = []
        snapshot, self._snapshot = self._snapshot, None
        if snapshot is not None and _alive(snapshot.widget):
            _restore(snapshot)
        if terminator.timestamp():
            scan = replace(scan, started_at=self._to_clock(scan.started_at), finished_at=self._to_clock(scan.finished_at))
        from reception import trace
        from reception.domain.passes import logged_form, looks_like_pass

        pass_code = looks_like_pass(scan.code.strip())  # a day pass lets someone in: the trace keeps its start only
        trace.emit("wedge", code=logged_form(scan.code) if pass_code else scan.code,
                   raw=logged_form(scan.raw) if pass_code else scan.raw, keys=scan.keys,
                   key_ms=[round(t * 1000, 1) for t in scan.key_times], terminator=_key_name(terminator))
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


def _key_name(event: QKeyEvent) -> str:
    if event.key() == Qt.Key.Key_Tab:
        return "Tab"
    if event.text() == _LINE_FEED:
        return "Linefeed"
    return "Return"


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
