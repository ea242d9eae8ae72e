"""Locks the desk after the branch's idle minutes with no key, mouse or scanner input anywhere in the app."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin, QEvent.Type.TabletPress,
})


class IdleWatch(QObject):
    """An application event filter that restarts a single-shot timer on every input; `idle` when it runs out.

    `set_minutes(0)` turns it off. `set_interval_ms` lets tests use a tiny interval.
    """

    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self._interval_ms = 0
        self._paused = False

    @property
    def interval_ms(self) -> int:
        return self._interval_ms

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def set_minutes(self, minutes: int) -> None:
        self.set_interval_ms(max(0, minutes) * 60_000)

    def set_interval_ms(self, ms: int) -> None:
        self._interval_ms = ms
        self._restart()

    def pause(self) -> None:
        """While the desk is locked there is nothing to time."""
        self._paused = True
        self._timer.stop()

    def resume(self) -> None:
        self._paused = False
        self._restart()

    def _restart(self) -> None:
        if self._paused or self._interval_ms <= 0:
            self._timer.stop()
        else:
            self._timer.start(self._interval_ms)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS and not self._paused and self._interval_ms > 0:
            self._timer.start(self._interval_ms)
        return False
