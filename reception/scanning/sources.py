"""Frame sources behind one interface: frames, status, a newest-frame slot, replay of files."""

from __future__ import annotations

import enum
import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff"}


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


class ReplaySource(ThreadedSource):
    """A video file or a folder of images, paced like a camera (demos, tests, benchmarks)."""

    thread_name = "replay-source"

    def __init__(self, path: str | Path, fps: float = 30.0, loop: bool = False, preload: bool = False) -> None:
        super().__init__()
        self.path = Path(path)
        if not self.path.exists():
            raise FileNotFoundError(f"no video file or image folder at {self.path}")
        self.fps = fps
        self.loop = loop
        self._images: list[np.ndarray] | None = None
        if preload and self.path.is_dir():
            self._images = [img for img in map(_read_image, self._image_paths()) if img is not None]

    def _image_paths(self) -> list[Path]:
        return sorted(p for p in self.path.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)

    def _run(self) -> None:
        period = 1.0 / self.fps if self.fps > 0 else 0.0
        next_at = time.perf_counter()
        while not self._stop.is_set():
            produced = False
            for image in self._iter_images():
                if self._stop.is_set():
                    return
                if period:
                    next_at += period
                    delay = next_at - time.perf_counter()
                    if delay > 0 and self._stop.wait(delay):
                        return
                    if delay < -period:  # fell behind (slow disk): do not burst to catch up
                        next_at = time.perf_counter()
                self._set_status(SourceStatus.RUNNING)
                self._emit(image)
                produced = True
            if not (self.loop and produced):
                self._set_status(SourceStatus.ENDED)
                return

    def _iter_images(self) -> Iterator[np.ndarray]:
        if self._images is not None:
            yield from self._images
        elif self.path.is_dir():
            for path in self._image_paths():
                image = _read_image(path)
                if image is not None:
                    yield image
        else:
            import cv2

            capture = cv2.VideoCapture(str(self.path))
            try:
                while True:
                    ok, image = capture.read()
                    if not ok:
                        return
                    yield image
            finally:
                capture.release()


def _read_image(path: Path) -> np.ndarray | None:
    import cv2

    image = cv2.imread(str(path), cv2.IMREAD_COLOR)
    if image is None:
        log.warning("skipping %s: not a readable image", path)
    return image


@dataclass(frozen=True)
class CameraSpec:
    """What `reception --camera` asked for: a device index, a file or folder to replay, or none."""

    kind: str  # "camera" | "replay" | "none"
    index: int = 0
    path: Path | None = None


def parse_camera_spec(text: str) -> CameraSpec:
    """'0' → camera 0; 'file:PATH' → replay PATH; 'none' → no camera. ValueError otherwise."""
    value = text.strip()
    if value.lower() == "none":
        return CameraSpec("none")
    if value.lower().startswith("file:"):
        path = value[5:].strip()
        if not path:
            raise ValueError("--camera file: needs a path, e.g. file:demo.avi or file:frames/")
        return CameraSpec("replay", path=Path(path).expanduser())
    if value.isdigit():
        return CameraSpec("camera", index=int(value))
    raise ValueError(f"--camera expects a device number (0, 1, ...), file:PATH or none; got {text!r}")


def open_source(spec: CameraSpec, **camera_options: object) -> FrameSource | None:
    """The source a spec names (not started); None for 'none'."""
    if spec.kind == "none":
        return None
    if spec.kind == "replay":
        assert spec.path is not None
        return ReplaySource(spec.path, loop=True)
    from reception.scanning.camera import CameraSource

    return CameraSource(spec.index, **camera_options)  # type: ignore[arg-type]
