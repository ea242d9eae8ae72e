"""A branch desk's sync in the background: its own lane (one thread), every few seconds and on demand; after a
failure, tried again sooner at first and then less often (`sync.agent.next_sync_in`).

The desk never waits for the network: a sync runs on the sync lane, never on the window's thread nor on the
lanes the counter's own reads and writes use (STYLE §8); its outcome arrives as a signal.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from typing import Any, cast

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from reception.domain.models import Staff
from reception.sync.agent import SyncAgent, SyncReport, SyncStatus, next_sync_in
from reception.sync.client import Refused, Unreachable
from reception.ui.tasks import Lane
from reception.ui.words import field_text

log = logging.getLogger(__name__)
INTERVAL_MS = 15_000
PHOTO_ASK_AGAIN_S = 600.0


class SyncController(QObject):
    """`SyncController(agent)`: `start()` syncs now and then every INTERVAL_MS (after failures, as
    `next_sync_in` says); `sync_now()` on demand."""

    status_changed = Signal(object)  # SyncStatus
    synced = Signal(object)  # SyncReport
    failed = Signal(str)  # words for a sync that could not run at all
    photo_arrived = Signal(object, object)  # uuid.UUID, bytes: a member's photo fetched from the server

    def __init__(self, agent: SyncAgent, parent: QObject | None = None, *, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.agent = agent
        self._lane = Lane(1, self)
        self._running = False
        self._started = False
        self._every_ms = interval_ms
        self.failures = 0  # syncs in a row that did not go through
        self.status: SyncStatus | None = None
        self._photos_asked: dict[uuid.UUID, float] = {}  # member → when their photo was last asked for
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.sync_now)

    def start(self) -> None:
        self._started = True
        self.refresh()
        self.sync_now()
        self.timer.start()

    def stop(self, msecs: int = 10_000) -> None:
        self._started = False
        self.timer.stop()
        self._lane.wait(msecs)

    def _schedule(self, error_code: str) -> None:
        """The next sync after this outcome: the usual period, or the wait after `failures` failures."""
        wait = next_sync_in(self._every_ms / 1000, self.failures, error_code)
        self.timer.setInterval(max(1, round(wait * 1000)))
        if self._started:
            self.timer.start()

    @property
    def running(self) -> bool:
        return self._running

    @Slot()
    def sync_now(self) -> None:
        if self._running:
            return
        self._running = True

        def work() -> tuple[SyncReport, SyncStatus]:
            report = self.agent.sync_once()
            return report, self.agent.status()

        self._run(work, self._synced, self._sync_broke)

    def refresh(self) -> None:
        """Reads the status again (after a local change: the queue grew)."""
        self._run(self.agent.status, self._status)

    def resolve(self, issue_id: uuid.UUID, staff: Staff, resolution: str, action: str,
                on_done: Callable[[object], None], on_failed: Callable[[object], None]) -> None:
        """Resolved on the replica at once (an operation in the outbox), then sent with the next sync."""
        def work() -> SyncStatus:
            self.agent.resolve(issue_id, staff, resolution, action)
            return self.agent.status()

        def done(status: object) -> None:
            self._status(status)
            on_done(status)
            self.sync_now()

        self._run(work, done, on_failed)

    def _run(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
             on_failed: Callable[[object], None] | None = None) -> None:
        def broke(error: object) -> None:
            if on_failed is not None:
                on_failed(error)
            else:
                self.failed.emit(field_text(str(error)))

        self._lane.start(fn, on_done, broke)

    def fetch_photo(self, customer_id: uuid.UUID) -> None:
        """Fetches a member's photo on the sync lane (a first copy has none) and emits `photo_arrived`; a member
        is asked for at most once every PHOTO_ASK_AGAIN_S (none, or the line down: the initials stay)."""
        now = time.monotonic()
        asked = self._photos_asked.get(customer_id)
        if asked is not None and now - asked < PHOTO_ASK_AGAIN_S:
            return
        if len(self._photos_asked) > 10_000:
            self._photos_asked.clear()
        self._photos_asked[customer_id] = now

        def fetch() -> bytes | None:
            try:
                return self.agent.fetch_photo(customer_id)
            except (Unreachable, Refused) as error:  # offline or refused: the card keeps the initials
                log.info("the photo of member %s was not fetched: %s", customer_id, error)
                return None

        def arrived(photo: object) -> None:
            if isinstance(photo, bytes):
                self.photo_arrived.emit(customer_id, photo)

        self._run(fetch, arrived)

    def run(self, fn: Callable[[], Any], on_done: Callable[[Any], None], on_failed: Callable[[object], None]
            ) -> None:
        """Any other call to the server (the branch's desks, disconnecting one) on the sync lane."""
        self._run(fn, on_done, on_failed)

    def _sync_broke(self, error: object) -> None:
        self._running = False
        self.failures += 1
        self._schedule("failed")
        self.failed.emit(field_text(str(error)))

    def _synced(self, result: object) -> None:
        self._running = False
        report, status = cast(tuple[SyncReport, SyncStatus], result)
        self.failures = 0 if report.ok else self.failures + 1
        self._schedule(report.error_code)
        self._status(status)
        self.synced.emit(report)

    def _status(self, status: object) -> None:
        assert isinstance(status, SyncStatus)
        self.status = status
        self.status_changed.emit(status)
