"""Frame sources behind one interface (frames.py): replay of files, the --camera spec and the source it opens.

The frame contract is importable from here too, as the desk has always imported it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from reception.scanning.frames import (
    Frame,
    FrameCallback,
    FrameSource,
    LatestFrame,
    SourceStatus,
    StatusCallback,
    ThreadedSource,
)

__all__ = [
    "CameraSpec",
    "Frame",
    "FrameCallback",
    "FrameSource",
    "LatestFrame",
    "ReplaySource",
    "SourceStatus",
    "StatusCallback",
    "ThreadedSource",
    "open_source",
    "parse_camera_spec",
]

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".bmp", ".webp", ".tif", ".tiff"}


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
