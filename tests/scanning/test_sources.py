"""Frame sources: replay of folders and videos, a webcam that is unplugged and comes back, --camera specs."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import cv2
import pytest

from reception.scanning.camera import CameraSource, list_cameras
from reception.scanning.decoders import ZxingDecoder
from reception.scanning.pipeline import FrameDecoder, ScanPipeline
from reception.scanning.sources import (
    CameraSpec,
    Frame,
    LatestFrame,
    ReplaySource,
    SourceStatus,
    open_source,
    parse_camera_spec,
)
from reception.scanning.synthetic import SyntheticFrame

from .conftest import FakeWebcam


class Recorder:
    """Collects frames and statuses from a source thread; waits on conditions, never sleeps blindly."""

    def __init__(self) -> None:
        self.frames: list[Frame] = []
        self.statuses: list[SourceStatus] = []
        self._cond = threading.Condition()

    def frame(self, frame: Frame) -> None:
        with self._cond:
            self.frames.append(frame)
            self._cond.notify_all()

    def status(self, status: SourceStatus) -> None:
        with self._cond:
            self.statuses.append(status)
            self._cond.notify_all()

    def wait(self, predicate, timeout: float = 5.0) -> bool:  # type: ignore[no-untyped-def]
        """Wake on every frame or status, and every 10 ms for state kept outside (the fake webcam)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while not predicate():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._cond.wait(min(remaining, 0.01))
            return True


@pytest.fixture
def image_folder(tmp_path: Path, frames_640: list[SyntheticFrame]) -> tuple[Path, list[SyntheticFrame]]:
    shown = [f for f in frames_640 if f.condition in ("clean", "rotated", "none")][:6]
    for i, f in enumerate(shown):
        cv2.imwrite(str(tmp_path / f"{i:03d}.png"), f.image)
    (tmp_path / "notes.txt").write_text("not an image")
    return tmp_path, shown


def test_replay_folder_in_name_order_then_ends(image_folder: tuple[Path, list[SyntheticFrame]]) -> None:
    folder, shown = image_folder
    rec = Recorder()
    source = ReplaySource(folder, fps=0)
    source.start(rec.frame, rec.status)
    assert rec.wait(lambda: SourceStatus.ENDED in rec.statuses)
    source.stop()
    assert [f.seq for f in rec.frames] == list(range(1, len(shown) + 1))
    assert all((f.image == s.image).all() for f, s in zip(rec.frames, shown))
    assert rec.statuses == [SourceStatus.STARTING, SourceStatus.RUNNING, SourceStatus.ENDED, SourceStatus.STOPPED]
    times = [f.captured_at for f in rec.frames]
    assert times == sorted(times)


def test_replay_paces_frames_and_loops(image_folder: tuple[Path, list[SyntheticFrame]]) -> None:
    folder, shown = image_folder
    rec = Recorder()
    source = ReplaySource(folder, fps=100, loop=True, preload=True)
    start = time.perf_counter()
    source.start(rec.frame, rec.status)
    assert rec.wait(lambda: len(rec.frames) >= 2 * len(shown) + 1)
    elapsed = time.perf_counter() - start
    source.stop()
    assert elapsed >= 0.9 * (2 * len(shown)) / 100  # not faster than 100 fps
    assert (rec.frames[len(shown)].image == shown[0].image).all()  # looped to the first image
    assert source.status is SourceStatus.STOPPED


def test_replay_video_file_feeds_the_pipeline(tmp_path: Path, frames_640: list[SyntheticFrame]) -> None:
    cards = [f for f in frames_640 if f.condition == "clean"][:3]
    path = tmp_path / "desk.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), 30.0, (640, 480))
    assert writer.isOpened()
    for card in cards:
        for _ in range(3):
            writer.write(card.image)
    writer.release()

    rec = Recorder()
    pipeline = ScanPipeline(FrameDecoder(ZxingDecoder()))
    codes: list[str] = []

    def on_frame(frame: Frame) -> None:
        rec.frame(frame)
        _, events = pipeline.process(frame)  # decode inline: every frame, deterministic
        codes.extend(e.code for e in events)

    source = ReplaySource(path, fps=0)
    source.start(on_frame, rec.status)
    assert rec.wait(lambda: SourceStatus.ENDED in rec.statuses)
    source.stop()
    assert len(rec.frames) == 9
    assert rec.frames[0].image.shape == (480, 640, 3)
    assert codes == [c.code for c in cards]  # each card once, despite three frames each


def test_replay_of_a_missing_path_fails_clearly(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no video file or image folder"):
        ReplaySource(tmp_path / "missing.avi")


def test_camera_unplugged_mid_stream_reconnects(webcam: FakeWebcam) -> None:
    rec = Recorder()
    source = CameraSource(0, capture_factory=webcam.open, fail_after=3, backoff_s=(0.01, 0.02))
    source.start(rec.frame, rec.status)
    try:
        assert rec.wait(lambda: len(rec.frames) >= 3)
        webcam.plugged = False  # reads start failing
        assert rec.wait(lambda: SourceStatus.RECONNECTING in rec.statuses)
        assert rec.wait(lambda: webcam.opened >= 3)  # it keeps trying while the camera is gone
        seen = len(rec.frames)
        webcam.plugged = True
        assert rec.wait(lambda: len(rec.frames) >= seen + 3)
    finally:
        source.stop()
    order = [s for i, s in enumerate(rec.statuses) if i == 0 or rec.statuses[i - 1] != s]
    assert order == [
        SourceStatus.STARTING,
        SourceStatus.RUNNING,
        SourceStatus.LOST,
        SourceStatus.RECONNECTING,
        SourceStatus.RUNNING,
        SourceStatus.STOPPED,
    ]
    assert source.reconnects == 1
    assert webcam.released == webcam.opened  # every capture it opened was released
    seqs = [f.seq for f in rec.frames]
    assert seqs == list(range(1, len(seqs) + 1))


def test_camera_absent_at_start_is_lost_then_found(webcam: FakeWebcam) -> None:
    webcam.plugged = False
    rec = Recorder()
    source = CameraSource(1, width=640, height=480, capture_factory=webcam.open, backoff_s=(0.01,))
    source.start(rec.frame, rec.status)
    try:
        assert rec.wait(lambda: SourceStatus.RECONNECTING in rec.statuses)
        webcam.plugged = True
        assert rec.wait(lambda: SourceStatus.RUNNING in rec.statuses and rec.frames != [])
    finally:
        source.stop()
    assert rec.statuses[:3] == [SourceStatus.STARTING, SourceStatus.LOST, SourceStatus.RECONNECTING]
    assert webcam.props[cv2.CAP_PROP_FRAME_WIDTH] == 640


def test_camera_stop_while_waiting_to_reconnect_is_prompt(webcam: FakeWebcam) -> None:
    webcam.plugged = False
    source = CameraSource(0, capture_factory=webcam.open, backoff_s=(10.0,))
    rec = Recorder()
    source.start(rec.frame, rec.status)
    assert rec.wait(lambda: SourceStatus.RECONNECTING in rec.statuses)
    start = time.perf_counter()
    source.stop()
    assert time.perf_counter() - start < 1.0
    assert source.status is SourceStatus.STOPPED


def test_list_cameras_probes_indices(webcam: FakeWebcam) -> None:
    def factory(index: int):  # type: ignore[no-untyped-def]
        cam = webcam.open(index)
        cam.is_open = index in (0, 2)
        return cam

    assert list_cameras(4, capture_factory=factory) == [0, 2]
    assert webcam.released == 4


def test_latest_frame_keeps_only_the_newest() -> None:
    slot = LatestFrame()
    for seq in (1, 2, 3):
        slot.put(Frame(None, 0.0, seq))  # type: ignore[arg-type]
    assert slot.peek() is not None and slot.peek().seq == 3  # type: ignore[union-attr]
    frame = slot.take(timeout=0)
    assert frame is not None and frame.seq == 3
    assert slot.replaced == 2
    assert slot.take(timeout=0.01) is None
    slot.close()
    assert slot.take() is None


@pytest.mark.parametrize(
    ("text", "spec"),
    [
        ("0", CameraSpec("camera", index=0)),
        (" 2 ", CameraSpec("camera", index=2)),
        ("none", CameraSpec("none")),
        ("NONE", CameraSpec("none")),
        ("file:demo/desk.avi", CameraSpec("replay", path=Path("demo/desk.avi"))),
        ("file:frames/", CameraSpec("replay", path=Path("frames"))),
    ],
)
def test_parse_camera_spec(text: str, spec: CameraSpec) -> None:
    assert parse_camera_spec(text) == spec


@pytest.mark.parametrize("text", ["", "webcam", "-1", "file:", "1.5"])
def test_parse_camera_spec_rejects_nonsense(text: str) -> None:
    with pytest.raises(ValueError, match="--camera"):
        parse_camera_spec(text)


def test_open_source_for_each_kind(image_folder: tuple[Path, list[SyntheticFrame]]) -> None:
    folder, _ = image_folder
    assert open_source(parse_camera_spec("none")) is None
    replay = open_source(parse_camera_spec(f"file:{folder}"))
    assert isinstance(replay, ReplaySource) and replay.loop
    camera = open_source(parse_camera_spec("3"), width=640, height=480)
    assert isinstance(camera, CameraSource) and camera.index == 3 and camera.width == 640


PROBE_WITHOUT_A_WEBCAM = """
import logging, sys, time
logging.basicConfig(stream=sys.stdout, level=logging.INFO, format="%(levelname)s %(message)s")
from reception.scanning.camera import CameraSource, list_cameras
source = CameraSource(57, backoff_s=(0.05,))  # no /dev/video57: the desk keeps retrying
source.start(lambda frame: None)
time.sleep(1.0)
source.stop()
print("cameras:", list_cameras())
"""


def test_probing_without_a_webcam_keeps_stderr_clean_and_logs_once() -> None:
    """OpenCV's own warning per failed open (every back-off, all day) stays off the console."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "OPENCV_LOG_LEVEL"}
    result = subprocess.run([sys.executable, "-c", PROBE_WITHOUT_A_WEBCAM], capture_output=True, text=True,
                            timeout=60, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    said = [line for line in result.stdout.splitlines() if "camera 57 is not available" in line]
    assert len(said) == 1 and said[0].startswith("WARNING")  # about 20 attempts, one line in words
    assert "cameras:" in result.stdout
