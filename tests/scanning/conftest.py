"""Scanning fixtures: one seeded set of generated frames, a settable monotonic clock, a fake webcam."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from reception.scanning import synthetic
from reception.scanning.synthetic import SyntheticFrame


@pytest.fixture(scope="session")
def frames_640() -> list[SyntheticFrame]:
    return synthetic.frame_set(44, (640, 480), seed=11)


@pytest.fixture(scope="session")
def frames_720() -> list[SyntheticFrame]:
    return synthetic.frame_set(22, (1280, 720), seed=12)


@pytest.fixture(scope="session")
def frame_set(frames_640: list[SyntheticFrame], frames_720: list[SyntheticFrame]) -> list[SyntheticFrame]:
    return frames_640 + frames_720


class FakeMonotonic:
    """A seconds counter tests move by hand; call it like time.monotonic."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def fake_clock() -> FakeMonotonic:
    return FakeMonotonic()


class FakeWebcam:
    """A camera that can be unplugged and plugged back; `open(index)` stands in for cv2.VideoCapture."""

    def __init__(self, image: np.ndarray | None = None, plugged: bool = True) -> None:
        self.image = image if image is not None else np.full((48, 64, 3), 128, np.uint8)
        self.plugged = plugged
        self.opened = 0
        self.released = 0
        self.reads = 0
        self.props: dict[int, float] = {}
        self._lock = threading.Lock()

    def open(self, index: int) -> FakeCapture:
        with self._lock:
            self.opened += 1
        return FakeCapture(self, is_open=self.plugged)


class FakeCapture:
    def __init__(self, cam: FakeWebcam, is_open: bool) -> None:
        self.cam = cam
        self.is_open = is_open

    def isOpened(self) -> bool:  # noqa: N802 - OpenCV's name
        return self.is_open

    def read(self) -> tuple[bool, np.ndarray | None]:
        self.cam.reads += 1
        if not (self.is_open and self.cam.plugged):
            return False, None
        threading.Event().wait(0.002)  # a camera delivers frames at its own pace
        return True, self.cam.image.copy()

    def set(self, prop: int, value: float) -> bool:
        self.cam.props[prop] = value
        return True

    def get(self, prop: int) -> float:
        return self.cam.props.get(prop, 0.0)

    def release(self) -> None:
        self.cam.released += 1
        self.is_open = False


@pytest.fixture
def webcam() -> FakeWebcam:
    return FakeWebcam()
