"""The camera in the desk window: real decoders on generated video of a real card, reconnecting, pausing, photos."""

from __future__ import annotations

from pathlib import Path

import cv2
import pytest

from reception.domain.validation import MAX_PHOTO_BYTES
from reception.scanning import synthetic
from reception.scanning.camera import CameraSource
from reception.scanning.sources import CameraSpec, ReplaySource, SourceStatus
from reception.ui.camera_controller import CameraController
from tests.scanning.conftest import FakeWebcam
from tests.conftest import owner_desk

WAIT = 10_000


def write_video(folder: Path, code: str | None, *, held: int = 24, empty: int = 4,
                size: tuple[int, int] = (640, 480), condition: str = "clean") -> Path:
    """PNG frames: `empty` with no card, `held` showing the same card (moving a little), `empty` again."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = iter(range(500, 500 + held + 2 * empty))
    plan = ["none"] * empty + [condition] * held + ["none"] * empty if code else ["none"] * (held + 2 * empty)
    for number, shown in enumerate(plan):
        frame = synthetic.render(next(seeds), shown, size, code=code)
        cv2.imwrite(str(folder / f"{number:04d}.png"), frame.image)
    return folder


def replay(loop: bool, fps: float = 30.0):  # type: ignore[no-untyped-def]
    def factory(spec: CameraSpec) -> ReplaySource:
        assert spec.path is not None
        return ReplaySource(spec.path, fps=fps, loop=loop)

    return factory


@pytest.fixture
def member_video(tmp_path: Path, customer_no) -> Path:  # type: ignore[no-untyped-def]
    return write_video(tmp_path / "member1", customer_no(1).qr_code)


@pytest.fixture
def desk_window(ui_context, qtbot):  # type: ignore[no-untyped-def]
    """make(camera) -> the desk window using that camera controller, shown."""
    from reception.ui.main_window import MainWindow

    windows = []

    def make(camera: CameraController):  # type: ignore[no-untyped-def]
        ui_context.camera = camera
        window = MainWindow(ui_context)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()
    for window in windows:
        camera = window.scan_page.camera.camera
        qtbot.waitUntil(lambda c=camera: not c.capturing and not c.stopping, timeout=WAIT)


def test_replayed_card_shows_the_member_once(qtbot, ui_context, desk_window, member_video):
    camera = CameraController(f"file:{member_video}", ui_context.runner, source_factory=replay(loop=False))
    scans = []
    camera.code_scanned.connect(scans.append)
    window = desk_window(camera)
    page = window.scan_page
    view = page.camera.view
    assert view.isVisible() and not page.preview_placeholder.isVisible()
    assert page.camera_picker.currentText() == "Video: member1"

    qtbot.waitUntil(lambda: page.card.name.text() == "Mohamed Salem", timeout=WAIT)
    qtbot.waitUntil(lambda: page.last_latency_ms is not None, timeout=WAIT)  # the card has painted
    qtbot.waitUntil(lambda: camera.status is SourceStatus.ENDED, timeout=WAIT)
    # 24 frames showed the same card: one scan, one line in the last scans.
    assert [event.code for event in scans] == [app_code(ui_context)]
    assert page.recent.count() == 1
    assert view.decoder_name.startswith("zxing")
    assert view.frame is not None and view.frame.image.shape == (480, 640, 3)
    assert view.status_text == "The video has ended"


def app_code(ui_context) -> str:  # type: ignore[no-untyped-def]
    return ui_context.app.customers.by_member_no(owner_desk(ui_context.app), 1).qr_code


def test_preview_outlines_the_code_it_read(qtbot, ui_context, desk_window, member_video):
    camera = CameraController(f"file:{member_video}", ui_context.runner, source_factory=replay(loop=True))
    window = desk_window(camera)
    view = window.scan_page.camera.view
    with qtbot.waitSignal(camera.result_ready, timeout=WAIT) as found:
        pass
    corners = found.args[0].detections[0].corners
    assert len(corners) == 4
    qtbot.waitUntil(lambda: view.outlines and view.paints > 3, timeout=WAIT)
    qtbot.waitUntil(lambda: view.fps > 5, timeout=WAIT)


def test_unplugged_camera_says_reconnecting_and_recovers(qtbot, ui_context, desk_window, customer_no):
    image = synthetic.render(77, "clean", code=customer_no(1).qr_code).image
    webcam = FakeWebcam(image)

    def factory(spec: CameraSpec) -> CameraSource:
        return CameraSource(spec.index, capture_factory=webcam.open, fail_after=3, backoff_s=(0.05,))

    camera = CameraController("0", ui_context.runner, source_factory=factory)
    window = desk_window(camera)
    view = window.scan_page.camera.view
    qtbot.waitUntil(lambda: camera.status is SourceStatus.RUNNING and view.frame is not None, timeout=WAIT)
    qtbot.waitUntil(lambda: window.scan_page.card.name.text() == "Mohamed Salem", timeout=WAIT)

    webcam.plugged = False
    qtbot.waitUntil(lambda: view.status_text == "Camera unplugged — reconnecting…", timeout=WAIT)
    assert camera.status in (SourceStatus.LOST, SourceStatus.RECONNECTING)
    opened = webcam.opened
    qtbot.waitUntil(lambda: webcam.opened > opened + 1, timeout=WAIT)  # it keeps trying

    webcam.plugged = True
    seen = camera.frames_received
    qtbot.waitUntil(lambda: camera.status is SourceStatus.RUNNING and view.status_text == "", timeout=WAIT)
    qtbot.waitUntil(lambda: camera.frames_received > seen + 5, timeout=WAIT)
    assert camera.source is not None and camera.source.reconnects >= 1  # type: ignore[attr-defined]


def test_capture_pauses_while_the_scan_page_is_hidden_or_minimised(qtbot, ui_context, desk_window, tmp_path):
    video = write_video(tmp_path / "empty", None, held=6, empty=0)
    camera = CameraController(f"file:{video}", ui_context.runner, source_factory=replay(loop=True))
    window = desk_window(camera)
    qtbot.waitUntil(lambda: camera.capturing and camera.frames_received > 3, timeout=WAIT)
    first = camera.source

    window.show_page("customers")
    qtbot.waitUntil(lambda: not camera.capturing and first.status is SourceStatus.STOPPED and not camera.stopping,
                    timeout=WAIT)
    assert camera.status is SourceStatus.STOPPED

    window.show_page("scan")
    qtbot.waitUntil(lambda: camera.capturing, timeout=WAIT)
    seen = camera.frames_received
    qtbot.waitUntil(lambda: camera.frames_received > seen + 3, timeout=WAIT)

    second = camera.source
    window.showMinimized()
    qtbot.waitUntil(lambda: not camera.capturing and second.status is SourceStatus.STOPPED, timeout=WAIT)
    window.showNormal()
    qtbot.waitUntil(lambda: camera.capturing and camera.status is SourceStatus.RUNNING, timeout=WAIT)


def test_picker_turns_the_camera_off_and_on(qtbot, ui_context, desk_window, member_video):
    camera = CameraController(f"file:{member_video}", ui_context.runner, source_factory=replay(loop=True))
    window = desk_window(camera)
    page = window.scan_page
    qtbot.waitUntil(lambda: camera.capturing, timeout=WAIT)
    page.camera_picker.setCurrentIndex(page.camera_picker.findData("none"))
    qtbot.waitUntil(lambda: not camera.capturing and not camera.stopping, timeout=WAIT)
    assert page.preview_placeholder.isVisible() and not page.camera.view.isVisible()
    assert camera.spec == "none"
    camera.set_spec(f"file:{member_video}")
    qtbot.waitUntil(lambda: camera.capturing and page.camera.view.isVisible(), timeout=WAIT)


def test_no_camera_setting_keeps_the_placeholder(main_window):
    page = main_window.scan_page
    assert page.preview_placeholder.isVisible()
    assert not page.camera.camera.capturing
    assert page.camera_picker.currentText() == "Off"


def test_register_dialog_takes_a_small_jpeg_from_the_camera(qtbot, ui_context, register_dialog, tmp_path, customer_no):
    video = write_video(tmp_path / "hd", customer_no(2).qr_code, held=4, empty=0, size=(1280, 720),
                        condition="noisy")  # sensor noise: a full-size JPEG well over 50 KB
    ui_context.camera = CameraController(f"file:{video}", ui_context.runner, source_factory=replay(loop=True))
    dialog = register_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.form.take_photo.click()
    photo = dialog.photo_dialog
    assert photo is not None
    qtbot.waitUntil(lambda: photo.capture_button.isEnabled(), timeout=WAIT)
    assert photo.view.frame is not None and photo.view.frame.image.shape == (720, 1280, 3)
    with qtbot.waitSignal(photo.captured, timeout=WAIT) as taken:
        photo.capture_button.click()
    assert len(taken.args[0]) > MAX_PHOTO_BYTES  # a 720p frame: the dialog must shrink it
    qtbot.waitUntil(lambda: dialog.form.photo_bytes is not None, timeout=WAIT)
    data = dialog.form.photo_bytes
    assert data[:3] == b"\xff\xd8\xff" and len(data) <= MAX_PHOTO_BYTES
    camera = ui_context.camera
    qtbot.waitUntil(lambda: not camera.capturing and not camera.stopping, timeout=WAIT)  # released on close
    dialog.close()


def test_take_photo_without_a_camera_says_so(qtbot, register_dialog):
    dialog = register_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.form.take_photo.click()
    assert dialog.photo_dialog is None
    assert dialog.notice.kind == "error" and "No camera is set up" in dialog.notice.message
