"""A dialog base that remembers its size and position between openings (QSettings)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QDialog, QWidget

from reception.ui.settings import ui_settings


class Dialog(QDialog):
    """Subclass it instead of QDialog; geometry is stored under `geometry/<settings_key>`.

    The key defaults to the class name, so every kind of dialog keeps its own place.
    Geometry is restored on the first show (not in __init__) so the subclass's layout
    has set its minimum size first, and saved whenever the dialog closes, however it closes.
    """

    settings_key: str = ""

    def __init__(self, parent: QWidget | None = None, *, settings_key: str | None = None) -> None:
        super().__init__(parent)
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
