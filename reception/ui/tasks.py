"""The background helper: run a callable off the GUI thread, get the result back on it.

Reads run on a small pool; writes run one at a time on their own thread, so a
check-in never waits behind a slow search and two writes never race each other.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from reception.domain.errors import DomainError

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits, Qt queues the call back here."""

    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as error:  # noqa: BLE001 - every failure must reach the window
            if not isinstance(error, DomainError):
                log.error("background task failed\n%s", "".join(traceback.format_exception(error)))
            self._relay.failed.emit(error)
        else:
            self._relay.succeeded.emit(result)


class Lane(QObject):
    """`Lane(threads)`: `lane.start(fn, on_success, on_failure)` runs fn on one of the lane's own threads;
    the callbacks run on the GUI thread. The Runner's reads and writes are lanes, and so is a desk's sync."""

    def __init__(self, threads: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        self._relays: set[_Relay] = set()

    def start(self, fn: Callable[[], Any], on_success: Callable[[Any], None],
              on_failure: Callable[[BaseException], None]) -> None:
        relay = _Relay()
        self._relays.add(relay)

        @Slot(object)
        def done(result: object) -> None:
            self._finish(relay)
            on_success(result)

        @Slot(object)
        def failed(error: BaseException) -> None:
            self._finish(relay)
            on_failure(error)

        relay.succeeded.connect(done)
        relay.failed.connect(failed)
        self._pool.start(_Job(fn, relay))

    def _finish(self, relay: _Relay) -> None:
        self._relays.discard(relay)
        relay.deleteLater()

    def wait(self, msecs: int) -> bool:
        """Lets running jobs finish (for shutdown)."""
        return self._pool.waitForDone(msecs)


class Runner(QObject):
    """`runner.run(fn, on_success, on_failure, write=False)`; callbacks run on the GUI thread."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reads = Lane(2, self)
        self._writes = Lane(1, self)
        self._pending = 0
        self.on_unexpected: Callable[[BaseException], None] | None = None

    def run(
        self,
        fn: Callable[[], Any],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        *,
        write: bool = False,
    ) -> None:
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)

        def done(result: object) -> None:
            self._finish()
            if on_success is not None:
                on_success(result)

        def failed(error: BaseException) -> None:
            self._finish()
            if not isinstance(error, DomainError) and self.on_unexpected is not None:
                self.on_unexpected(error)
            if on_failure is not None:
                on_failure(error)

        (self._writes if write else self._reads).start(fn, done, failed)

    def _finish(self) -> None:
        self._pending -= 1
        if not self._pending:
            self.busy_changed.emit(False)

    @property
    def pending(self) -> int:
        return self._pending

    def wait(self, msecs: int = 30_000) -> bool:
        """For shutdown: let running jobs finish."""
        return self._reads.wait(msecs) and self._writes.wait(msecs)
