"""Wires the shared camera into the Scan page: preview, picker, codes to the card, capture only while the page is seen."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QWidget

from reception.scanning.events import ScannedCode
from reception.scanning.sources import SourceStatus
from reception.ui.camera_controller import CameraController
from reception.ui.widgets.camera_preview import CameraPicker, VideoView
from PySide6.QtCore import QT_TR_NOOP
from reception.ui.i18n import tr

log = logging.getLogger(__name__)

HOLDER = "scan-page"
VIDEO_FILTERS = QT_TR_NOOP("Videos and pictures (*.avi *.mp4 *.mkv *.mov *.webm *.mjpg *.png *.jpg *.jpeg);;"
                           "All files (*)")


class ScanCamera(QObject):
    """Holds the camera while `page` is visible and its window not minimised; sends decoded codes to `page.submit`."""

    def __init__(self, page: QWidget, camera: CameraController, picker: CameraPicker,
                 save_choice: bool = True) -> None:
        super().__init__(page)
        self.page = page
        self.camera = camera
        self.picker = picker
        self.save_choice = save_choice
        self.view = VideoView(camera.frames)
        self.view.hide()
        page.set_preview(self.view)  # type: ignore[attr-defined]
        self._window: QWidget | None = None
        self._check = QTimer(self)
        self._check.setSingleShot(True)
        self._check.setInterval(0)  # after the show/hide/minimise has settled
        self._check.timeout.connect(self.update_capture)
        page.installEventFilter(self)
        page.destroyed.connect(lambda _obj=None, camera=camera: camera.release(HOLDER))

        picker.select_spec(camera.spec)
        picker.spec_chosen.connect(self._chosen)
        picker.popup_opening.connect(camera.find_cameras)
        camera.cameras_found.connect(picker.set_cameras)
        camera.spec_changed.connect(self._spec_changed)
        # Bound methods of this page-owned object: Qt drops the connections when the page goes.
        camera.status_changed.connect(self._status)
        camera.result_ready.connect(self._result)
        camera.decoder_ready.connect(self._decoder)
        camera.code_scanned.connect(self._scanned)
        camera.failed.connect(self._failed)
        if camera.decoder_name:
            self.view.set_decoder(camera.decoder_name)
        self._spec_changed(camera.spec)

    # -- visibility ---------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.Show, QEvent.Type.Hide, QEvent.Type.WindowStateChange):
            if watched is self.page and kind == QEvent.Type.Show:
                self._watch_window()
            if watched is self.page and kind == QEvent.Type.Hide:
                self.camera.release(HOLDER)  # at once: a closing window may not run its timers again
            self._check.start()
        return False

    def _watch_window(self) -> None:
        window = self.page.window()
        if window is not self._window and window is not self.page:
            if self._window is not None:
                self._window.removeEventFilter(self)
            window.installEventFilter(self)
            self._window = window

    def wanted(self) -> bool:
        window = self.page.window()
        minimised = bool(window.windowState() & Qt.WindowState.WindowMinimized)
        return self.page.isVisible() and not minimised

    def update_capture(self) -> None:
        if self.wanted():
            self.camera.hold(HOLDER, decode=True)
        else:
            self.camera.release(HOLDER)

    # -- choosing the camera --------------------------------------------------------------

    def _chosen(self, spec: str) -> None:
        if spec == CameraPicker.FILE:
            path, _ = QFileDialog.getOpenFileName(self.page, tr("Play a video as the camera"), "", tr(VIDEO_FILTERS))
            if not path:
                self.picker.select_spec(self.camera.spec)
                return
            spec = f"file:{path}"
        try:
            self.camera.set_spec(spec)
        except ValueError as error:
            self._failed(str(error))
            return
        if self.save_choice:
            from reception.ui.settings_store import QSettingsStore

            store = QSettingsStore()
            store.set("camera", spec)
            store.sync()

    def _spec_changed(self, spec: str) -> None:
        self.picker.select_spec(spec)
        on = self.camera.enabled
        self.view.setVisible(on)
        self.page.preview_placeholder.setVisible(not on)  # type: ignore[attr-defined]
        self.view.clear()
        if on:
            self.view.set_status(SourceStatus.STARTING, replay=self.camera.is_replay)

    def _status(self, status: SourceStatus) -> None:
        self.view.set_status(status, replay=self.camera.is_replay)

    def _result(self, result: object) -> None:
        self.view.show_detections([d.corners for d in result.detections])  # type: ignore[attr-defined]

    def _decoder(self, name: str) -> None:
        self.view.set_decoder(name)

    def _failed(self, message: str) -> None:
        self.view.status_text = message
        self.view.update()

    # -- codes ---------------------------------------------------------------------------

    def _scanned(self, event: ScannedCode) -> None:
        if getattr(self.page.window(), "locked", False):
            return  # nobody is signed in: a card held up must not check anyone in
        self.page.submit(event.code, started_at=event.started_at)  # type: ignore[attr-defined]
