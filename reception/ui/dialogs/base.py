"""A dialog base that remembers its size and position between openings (QSettings)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QDialog, QWidget

from reception.ui.settings import ui_settings


class Dialog(QDialog):
    """Subclass it instead of QDialog; geometry is stored under `geometry/<settings_key>`.

    The key defaults to the class name, so every kind of dialog keeps its own place.
    Geometry is restored on the first show (not in __init__) so the subclass's layout
    has set its minimum size first, and saved whenever the dialog closes, however it closes.

    When its content grows (an error under a field, a message that wraps) the dialog grows
    with it and stays on the screen: Qt gives a window whose text wraps no minimum size.
    """

    settings_key: str = ""

    def __init__(self, parent: QWidget | None = None, *, settings_key: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(type(self).__name__)  # how the desk's trace (and its tests) name this window
        self._settings_key = settings_key or self.settings_key or type(self).__name__
        self._restored = False

    @property
    def geometry_key(self) -> str:
        return f"geometry/{self._settings_key}"

    def showEvent(self, event: QShowEvent) -> None:
        if not self._restored:
            self._restored = True
            saved = ui_settings().value(self.geometry_key)
            if isinstance(saved, QByteArray) and not saved.isEmpty():
                self.restoreGeometry(saved)
        super().showEvent(event)

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.Resize):  # content or width changed
            self.fit_contents()
        return handled

    def fit_contents(self) -> None:
        """Hold the minimum size at what the content needs at this width, so the dialog grows with an error
        under a field or a message that wraps (Qt leaves a window whose text wraps without a minimum height),
        and keep the frame on the screen."""
        layout = self.layout()
        if layout is None or not self.isVisible():
            return
        least = layout.totalMinimumSize()
        if least.width() > self.minimumWidth():
            self.setMinimumWidth(least.width())
        width = max(self.width(), least.width())
        needed = max(least.height(), layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else 0)
        if needed != self.minimumHeight():
            self.setMinimumHeight(needed)  # a taller minimum resizes the dialog at once
            self._keep_on_screen()

    def _keep_on_screen(self) -> None:
        screen = self.screen()
        if screen is None:
            return
        area = screen.availableGeometry()
        frame = self.frameGeometry()
        dx = min(0, area.right() - frame.right()) or max(0, area.left() - frame.left())
        dy = min(0, area.bottom() - frame.bottom()) or max(0, area.top() - frame.top())
        if dx or dy:
            self.move(self.x() + dx, self.y() + dy)

    def done(self, result: int) -> None:
        self._save_geometry()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._save_geometry()
        super().closeEvent(event)

    def _save_geometry(self) -> None:
        if self._restored:  # never shown: nothing worth remembering
            settings = ui_settings()
            settings.setValue(self.geometry_key, self.saveGeometry())
            settings.sync()
