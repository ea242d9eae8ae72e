"""The live camera picture: newest frame on a timer, the found code outlined, frame rate, decoder and status; the camera picker."""

from __future__ import annotations

import time
from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QComboBox, QSizePolicy, QWidget

from reception.scanning.sources import Frame, LatestFrame, SourceStatus
from PySide6.QtCore import QT_TR_NOOP
from reception.ui.i18n import tr

PAINT_FPS = 30  # never repaint faster than this, whatever the camera delivers
OUTLINE_S = 0.6  # how long a found code stays outlined after its frame
STATUS_WORDS = {
    SourceStatus.STARTING: QT_TR_NOOP("Starting the camera…"),
    SourceStatus.LOST: QT_TR_NOOP("Camera unplugged — reconnecting…"),
    SourceStatus.RECONNECTING: QT_TR_NOOP("Camera unplugged — reconnecting…"),
    SourceStatus.ENDED: QT_TR_NOOP("The video has ended"),
    SourceStatus.STOPPED: QT_TR_NOOP("Camera paused"),
}
NOT_FOUND = QT_TR_NOOP("No camera found — check the cable; retrying…")

Corners = tuple[tuple[float, float], ...]


def frame_image(image: np.ndarray, max_width: int) -> tuple[QImage, float]:
    """A QImage over the BGR frame (decimated by whole steps when much wider than needed) and its scale."""
    step = max(1, image.shape[1] // max(1, max_width))
    if step > 1:  # cheap nearest-neighbour shrink before Qt's smooth scaling
        image = np.ascontiguousarray(image[::step, ::step])
    height, width = image.shape[:2]
    if image.ndim == 2:
        qimage = QImage(image.data, width, height, image.strides[0], QImage.Format.Format_Grayscale8)
    else:
        qimage = QImage(image.data, width, height, image.strides[0], QImage.Format.Format_BGR888)
    qimage.ndarray = image  # type: ignore[attr-defined]  # the pixels must outlive the QImage
    return qimage, 1.0 / step


class VideoView(QWidget):
    """Paints the newest frame of a LatestFrame, polled at ≤ 30 fps; never queues frames.

    `show_detections(corners, seq)` outlines codes the decoder found; `set_status()` puts
    the camera's state in words over the picture; `set_decoder()` names the decoder.
    """

    # Once per source, when its first frame is on screen (the photo dialog enables Capture). Not per
    # frame: a Python-side emit 30 times a second would be wasteful (and see ui/qt_compat.py).
    first_frame = Signal()

    def __init__(self, frames: LatestFrame, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cameraPreview")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._frames = frames
        self.frame: Frame | None = None
        self._image: QImage | None = None
        self._scale = 1.0
        self._shown_seq = -1
        self.outlines: list[Corners] = []
        self._outlined_at = 0.0
        self.status = SourceStatus.STOPPED
        self.status_text = ""
        self._ever_running = False
        self.decoder_name = ""
        self.fps = 0.0
        self._fps_mark: tuple[float, int] | None = None
        self.paints = 0
        self._timer = QTimer(self)
        self._timer.setInterval(1000 // PAINT_FPS)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._poll)

    # -- feeding ------------------------------------------------------------------------

    def set_frames(self, frames: LatestFrame) -> None:
        self._frames = frames
        self.clear()

    def clear(self) -> None:
        self.frame, self._image, self._shown_seq, self.outlines = None, None, -1, []
        self._fps_mark, self.fps = None, 0.0
        self.update()

    def showEvent(self, event: object) -> None:
        self._timer.start()
        super().showEvent(event)  # type: ignore[arg-type]

    def hideEvent(self, event: object) -> None:
        self._timer.stop()  # a hidden preview costs nothing
        super().hideEvent(event)  # type: ignore[arg-type]

    def _poll(self) -> None:
        frame = self._frames.peek()
        if frame is None or frame is self.frame:
            return
        if self.frame is not None and frame.seq < self.frame.seq:
            self._fps_mark = None  # a new source started counting again
        self.frame = frame
        self._image, self._scale = frame_image(frame.image, max(self.width(), 1))
        self._count_fps(frame)
        self.update()

    def _count_fps(self, frame: Frame) -> None:
        now = time.perf_counter()
        if self._fps_mark is None:
            self._fps_mark = (now, frame.seq)
            return
        since, seq = self._fps_mark
        if now - since >= 1.0:
            self.fps = (frame.seq - seq) / (now - since)
            self._fps_mark = (now, frame.seq)

    def set_status(self, status: SourceStatus, replay: bool = False) -> None:
        self.status = status
        if status is SourceStatus.RUNNING:
            self._ever_running = True
        elif status is SourceStatus.STARTING:
            self._ever_running = False
            self.frame, self._image, self.outlines = None, None, []  # no stale picture from before a pause
            self._shown_seq = -1
        text = tr(STATUS_WORDS[status]) if status in STATUS_WORDS else ""
        if status in (SourceStatus.LOST, SourceStatus.RECONNECTING) and not self._ever_running and not replay:
            text = tr(NOT_FOUND)
        if replay and status is SourceStatus.STARTING:
            text = tr("Opening the video…")
        self.status_text = text
        self.update()

    def set_decoder(self, name: str) -> None:
        self.decoder_name = name
        self.update()

    def show_detections(self, outlines: Sequence[Corners]) -> None:
        if outlines:
            self.outlines = list(outlines)
            self._outlined_at = time.perf_counter()
            self.update()

    # -- painting -----------------------------------------------------------------------

    def _target(self) -> QRectF:
        """Where the picture goes: as large as fits, keeping its shape, centred."""
        if self._image is None:
            return QRectF(self.rect())
        w, h = self._image.width(), self._image.height()
        scale = min(self.width() / w, self.height() / h)
        tw, th = w * scale, h * scale
        return QRectF((self.width() - tw) / 2, (self.height() - th) / 2, tw, th)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#1e1e1e"))
        target = self._target()
        if self._image is not None:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawImage(target, self._image)
            self._paint_outlines(painter, target)
        self._paint_caption(painter)
        self._paint_status(painter)
        painter.end()
        self.paints += 1
        if self.frame is not None and self._shown_seq < 0:
            self._shown_seq = self.frame.seq
            self.first_frame.emit()

    def _paint_outlines(self, painter: QPainter, target: QRectF) -> None:
        if not self.outlines or time.perf_counter() - self._outlined_at > OUTLINE_S or self._image is None:
            return
        factor = target.width() / self._image.width() * self._scale
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("#2ecc71"), 3))
        for corners in self.outlines:
            points = [QPointF(target.left() + x * factor, target.top() + y * factor) for x, y in corners]
            painter.drawPolygon(QPolygonF(points))

    def _paint_caption(self, painter: QPainter) -> None:
        parts = [tr('{fps:.0f} fps').format(fps=self.fps) if self.fps else "", self.decoder_name]
        caption = " · ".join(p for p in parts if p)
        if not caption or self.status_text:
            return
        font = QFont(self.font())
        font.setPixelSize(12)
        painter.setFont(font)
        box = painter.fontMetrics().boundingRect(caption).adjusted(-6, -3, 6, 3)
        box.moveTopRight(QPoint(self.width() - 6, 6))
        painter.fillRect(box, QColor(0, 0, 0, 150))
        painter.setPen(QColor("white"))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, caption)

    def _paint_status(self, painter: QPainter) -> None:
        if not self.status_text:
            return
        font = QFont(self.font())
        font.setPixelSize(16)
        font.setBold(True)
        painter.setFont(font)
        band = QRect(0, self.height() // 2 - 24, self.width(), 48)
        painter.fillRect(band, QColor(0, 0, 0, 170))
        painter.setPen(QColor("white"))
        painter.drawText(band.adjusted(8, 0, -8, 0), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                         self.status_text)


class CameraPicker(QComboBox):
    """Cameras found on this PC, "Video file…" and "Off"; `spec_chosen` carries a --camera spec."""

    spec_chosen = Signal(str)
    popup_opening = Signal()
    FILE = "file:"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cameraPicker")
        self.setToolTip(tr("The camera that reads member cards"))
        self._cameras: list[int] = []
        self._spec = "none"
        self._filling = False
        self.currentIndexChanged.connect(self._chosen)
        self._fill()

    @property
    def spec(self) -> str:
        return self._spec

    def set_cameras(self, cameras: Sequence[int]) -> None:
        self._cameras = sorted(set(cameras))
        self._fill()

    def select_spec(self, spec: str) -> None:
        """Show `spec` as the current choice (without announcing it)."""
        self._spec = spec
        self._fill()

    def _fill(self) -> None:
        self._filling = True
        try:
            self.clear()
            cameras = list(self._cameras)
            if self._spec.isdigit() and int(self._spec) not in cameras:
                cameras.append(int(self._spec))
            for index in sorted(cameras):
                self.addItem(tr('Camera {index}').format(index=index), str(index))
            if self._spec.lower().startswith(self.FILE):
                path = self._spec[len(self.FILE):]
                self.addItem(tr('Video: {value}').format(value=path.rstrip('/').split('/')[-1] or path), self._spec)
            self.addItem(tr("Video file…"), self.FILE)
            self.addItem(tr("Off"), "none")
            found = self.findData(self._spec)
            self.setCurrentIndex(found if found >= 0 else self.count() - 1)
        finally:
            self._filling = False

    def _chosen(self, row: int) -> None:
        if self._filling or row < 0:
            return
        spec = str(self.itemData(row))
        if spec == self._spec:
            return
        if spec != self.FILE:
            self._spec = spec
        self.spec_chosen.emit(spec)  # "file:" alone asks the owner to pick a file

    def showPopup(self) -> None:
        self.popup_opening.emit()  # the owner looks for cameras again in the background
        super().showPopup()
