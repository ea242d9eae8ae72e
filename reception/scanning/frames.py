"""The frame contract every source keeps: a frame, a source's status, the newest-frame slot, the threaded base."""

from __future__ import annotations

import enum
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import numpy as np

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Frame:
    """A BGR image, when it was captured (time.perf_counter()) and its number in the stream."""

    image: np.ndarray
    captured_at: float
    seq: int


class SourceStatus(str, enum.Enum):
    STARTING = "starting"
    RUNNING = "running"
    LOST = "lost"  # reads failed: camera unplugged or the driver hung up
    RECONNECTING = "reconnecting"
    ENDED = "ended"  # a replay reached its end without looping
    STOPPED = "stopped"


FrameCallback = Callable[[Frame], None]
StatusCallback = Callable[[SourceStatus], None]


class FrameSource(Protocol):
    """Produces frames on its own thread until stopped.

    `on_frame` and `on_status` are called on the source's thread and must return quickly
    (hand the frame to a LatestFrame or ScanPipeline.submit; emit a queued Qt signal).
    """

    def start(self, on_frame: FrameCallback, on_status: StatusCallback | None = None) -> None: ...

    def stop(self, timeout: float = 2.0) -> None: ...

    @property
    def status(self) -> SourceStatus: ...


class LatestFrame:
    """A one-frame mailbox: put() replaces, take() waits for the newest; old frames are dropped."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._frame: Frame | None = None
        self._closed = False
        self.replaced = 0

    def put(self, frame: Frame) -> None:
        with self._cond:
            if self._frame is not None:
                self.replaced += 1
            self._frame = frame
            self._cond.notify()

    def take(self, timeout: float | None = None) -> Frame | None:
        """The newest frame not yet taken; None when closed or on timeout."""
        with self._cond:
            if not self._cond.wait_for(lambda: self._frame is not None or self._closed, timeout):
                return None
            if self._closed:
                return None
            frame, self._frame = self._frame, None
            return frame

    def peek(self) -> Frame | None:
        """The newest frame without taking it (for a preview that repaints on a timer)."""
        with self._cond:
            return self._frame

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    def reopen(self) -> None:
        with self._cond:
            self._closed = False


class ThreadedSource:
    """Common start/stop/status plumbing; subclasses implement `_run()`."""

    thread_name = "frame-source"

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._on_frame: FrameCallback = lambda frame: None
        self._on_status: StatusCallback | None = None
        self._status = SourceStatus.STOPPED
        self._seq = 0

    @property
    def status(self) -> SourceStatus:
        return self._status

    def start(self, on_frame: FrameCallback, on_status: StatusCallback | None = None) -> None:
        if self._thread is not None:
            raise RuntimeError("source already started")
        self._on_frame, self._on_status = on_frame, on_status
        self._stop.clear()
        self._set_status(SourceStatus.STARTING)
        self._thread = threading.Thread(target=self._guarded_run, name=self.thread_name, daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                log.warning("%s did not stop within %.1f s", self.thread_name, timeout)
            self._thread = None
        self._set_status(SourceStatus.STOPPED)

    def _set_status(self, status: SourceStatus) -> None:
        if status is self._status:
            return
        self._status = status
        log.info("%s: %s", self.thread_name, status.value)
        if self._on_status is not None:
            self._on_status(status)

    def _emit(self, image: np.ndarray, captured_at: float | None = None) -> None:
        self._seq += 1
        self._on_frame(Frame(image, time.perf_counter() if captured_at is None else captured_at, self._seq))

    def _guarded_run(self) -> None:
        try:
            self._run()
        except Exception:
            log.exception("%s failed", self.thread_name)
            self._set_status(SourceStatus.LOST)

    def _run(self) -> None:
        raise NotImplementedError
