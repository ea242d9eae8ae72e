"""A webcam read on its own thread, reconnecting with back-off when it is unplugged."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from reception.scanning.frames import SourceStatus, ThreadedSource

log = logging.getLogger(__name__)


class Capture(Protocol):
    """The part of cv2.VideoCapture we use (tests pass a fake)."""

    def isOpened(self) -> bool: ...  # noqa: N802 - OpenCV's name

    def read(self) -> tuple[bool, np.ndarray | None]: ...

    def set(self, prop: int, value: float) -> bool: ...

    def get(self, prop: int) -> float: ...

    def release(self) -> None: ...


CaptureFactory = Callable[[int], Capture]


def _backend() -> int:
    import cv2

    # Media Foundation (the Windows default) can take many seconds to open some webcams.
    return int(cv2.CAP_DSHOW) if sys.platform == "win32" else int(cv2.CAP_ANY)


_opencv_quiet = False


def quiet_opencv_logging() -> None:
    """OpenCV prints its own warning to stderr on every failed open: with no webcam, at every
    back-off, all day long. The desk's log says it once, in words (CameraSource); OpenCV keeps
    its errors. An OPENCV_LOG_LEVEL set by whoever runs the desk still wins."""
    global _opencv_quiet
    if _opencv_quiet:
        return
    _opencv_quiet = True
    if os.environ.get("OPENCV_LOG_LEVEL"):
        return
    import cv2

    try:
        cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_ERROR)
    except AttributeError:  # an OpenCV build without the utils.logging binding
        log.debug("OpenCV's log level cannot be set; its warnings will show on stderr")


def open_capture(index: int) -> Capture:
    import cv2

    quiet_opencv_logging()
    capture: Any = cv2.VideoCapture(index, _backend())
    return capture


class CameraSource(ThreadedSource):
    """OpenCV VideoCapture on a thread of its own.

    Status goes starting → running; after `fail_after` failed reads in a row it reports
    lost, releases the device and retries (reconnecting) with back-off until a read
    succeeds again; stop() reports stopped. Frames are stamped when read() returns.
    """

    thread_name = "camera-source"

    def __init__(
        self,
        index: int = 0,
        width: int = 1280,
        height: int = 720,
        fps: float = 30.0,
        *,
        capture_factory: CaptureFactory | None = None,
        fail_after: int = 5,
        backoff_s: Sequence[float] = (0.25, 0.5, 1.0, 2.0, 4.0),
    ) -> None:
        super().__init__()
        self.index = index
        self.width, self.height, self.fps = width, height, fps
        self._factory = capture_factory or open_capture
        self.fail_after = fail_after
        self.backoff_s = tuple(backoff_s)
        self.actual_size: tuple[int, int] | None = None
        self.reconnects = 0

    def _open(self) -> Capture | None:
        try:
            capture = self._factory(self.index)
        except Exception as exc:  # a driver error is a missing camera, not a crash
            log.warning("camera %d did not open: %s", self.index, exc)
            return None
        if not capture.isOpened():
            capture.release()
            return None
        self._configure(capture)
        return capture

    def _configure(self, capture: Capture) -> None:
        try:
            import cv2

            # MJPG lets USB 2 webcams deliver 720p at 30 fps; a one-frame buffer keeps frames fresh.
            capture.set(cv2.CAP_PROP_FOURCC, cv2.VideoWriter.fourcc(*"MJPG"))
            capture.set(cv2.CAP_PROP_FRAME_WIDTH, self.width)
            capture.set(cv2.CAP_PROP_FRAME_HEIGHT, self.height)
            capture.set(cv2.CAP_PROP_FPS, self.fps)
            capture.set(cv2.CAP_PROP_BUFFERSIZE, 1)
            self.actual_size = (int(capture.get(cv2.CAP_PROP_FRAME_WIDTH)), int(capture.get(cv2.CAP_PROP_FRAME_HEIGHT)))
        except Exception as exc:  # some backends refuse properties; the camera still works
            log.info("camera %d kept its default settings: %s", self.index, exc)

    def _wait_backoff(self, attempt: int) -> bool:
        """Sleep before the next open; False if stop() was asked meanwhile."""
        delay = self.backoff_s[min(attempt, len(self.backoff_s) - 1)] if self.backoff_s else 0.0
        return not self._stop.wait(delay)

    def _run(self) -> None:
        import time

        attempt = 0
        while not self._stop.is_set():
            capture = self._open()
            if capture is None:
                if attempt == 0:
                    log.warning("camera %d is not available (no webcam, or another program is using it); "
                                "trying again in the background", self.index)
                    self._set_status(SourceStatus.LOST)  # no camera at start, or it vanished
                self._set_status(SourceStatus.RECONNECTING)
                if not self._wait_backoff(attempt):
                    break
                attempt += 1
                continue
            failures = 0
            try:
                while not self._stop.is_set():
                    ok, image = capture.read()
                    if ok and image is not None:
                        if attempt:
                            self.reconnects += 1
                        failures, attempt = 0, 0
                        self._set_status(SourceStatus.RUNNING)
                        self._emit(image, time.perf_counter())
                        continue
                    failures += 1
                    if failures >= self.fail_after:
                        self._set_status(SourceStatus.LOST)
                        break
                    self._stop.wait(0.02)
            finally:
                capture.release()
            if self._stop.is_set():
                break
            self._set_status(SourceStatus.RECONNECTING)
            if not self._wait_backoff(attempt):
                break
            attempt += 1


def list_cameras(max_index: int = 5, capture_factory: CaptureFactory | None = None) -> list[int]:
    """Indices 0..max_index-1 of cameras that open; skips absent /dev/videoN quickly on Linux."""
    factory = capture_factory or open_capture
    found = []
    for index in range(max_index):
        if capture_factory is None and sys.platform.startswith("linux") and not Path(f"/dev/video{index}").exists():
            continue
        try:
            capture = factory(index)
        except Exception:
            continue
        try:
            if capture.isOpened():
                found.append(index)
        finally:
            capture.release()
    return found
