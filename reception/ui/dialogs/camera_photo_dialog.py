"""Take a member's photo with the desk camera: live picture, Capture → JPEG bytes."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from reception.scanning.sources import SourceStatus
from reception.ui.camera_controller import CameraController
from reception.ui.dialogs.base import Dialog
from reception.ui.tasks import Runner
from reception.ui.widgets.camera_preview import VideoView
from PySide6.QtCore import QT_TR_NOOP
from reception.ui.i18n import tr

HOLDER = "photo-dialog"
JPEG_QUALITY = 90
NO_CAMERA = QT_TR_NOOP("No camera is set up. Choose one in the camera list under the Scan page's picture "
                       "(or in Settings), or use “Choose photo…” to pick a picture file.")


def encode_jpeg(image: np.ndarray, quality: int = JPEG_QUALITY) -> bytes:
    """A BGR frame as JPEG bytes (run it through the runner: it imports OpenCV the first time)."""
    import cv2

    ok, data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise ValueError("the picture could not be encoded")
    return bytes(data.tobytes())


class CameraPhotoDialog(Dialog):
    """Holds the camera while open; `captured(bytes)` fires with the JPEG of the picture on screen."""

    captured = Signal(bytes)

    def __init__(self, camera: CameraController, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Take the member's photo"))
        self.camera = camera
        self._runner = runner
        self.photo_bytes: bytes | None = None
        self.view = VideoView(camera.frames)
        self.view.setMinimumSize(480, 360)
        self.hint = QLabel(tr("Ask the member to look at the camera, then press Capture (Space)."))
        self.hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.capture_button = self.buttons.addButton(tr("Capture"), QDialogButtonBox.ButtonRole.ActionRole)
        self.capture_button.setShortcut(QKeySequence(Qt.Key.Key_Space))
        self.capture_button.setToolTip("Space")
        self.capture_button.setEnabled(False)
        self.capture_button.setDefault(True)
        self.capture_button.clicked.connect(self.capture)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)

        camera.status_changed.connect(self._status)
        self.view.first_frame.connect(lambda: self.capture_button.setEnabled(True))
        self.finished.connect(lambda _code: camera.release(HOLDER))
        self.view.set_status(SourceStatus.STARTING, replay=camera.is_replay)
        camera.hold(HOLDER, decode=False)
        if camera.status is not SourceStatus.STOPPED:
            self._status(camera.status)

    def _status(self, status: SourceStatus) -> None:
        self.view.set_status(status, replay=self.camera.is_replay)
        if status is not SourceStatus.RUNNING:
            self.capture_button.setEnabled(status is SourceStatus.ENDED and self.view.frame is not None)

    def capture(self) -> None:
        frame = self.view.frame  # exactly the picture the receptionist sees
        if frame is None or not self.capture_button.isEnabled():
            return
        self.capture_button.setEnabled(False)
        self.capture_button.setText(tr("Saving…"))
        image = frame.image
        self._runner.run(lambda: encode_jpeg(image), self._encoded, self._failed)

    def _encoded(self, data: bytes) -> None:
        self.photo_bytes = data
        self.captured.emit(data)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.capture_button.setText(tr("Capture"))
        self.capture_button.setEnabled(True)
        self.hint.setText(tr('The photo could not be taken: {error}').format(error=error))
