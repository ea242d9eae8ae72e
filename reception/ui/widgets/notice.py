"""A one-line message strip for a page or dialog: errors and confirmations in words, never a traceback."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from reception.ui.messages import describe

_STYLES = {
    "error": "background:#fdecea; color:#8a1c12; border:1px solid #f5c2bd;",
    "success": "background:#e8f5e9; color:#1b5e20; border:1px solid #b9dfbb;",
    "info": "background:#e8f0fb; color:#0d3c78; border:1px solid #bcd0ee;",
}
_MARKS = {"error": "✖ ", "success": "✔ ", "info": "ℹ "}


class Notice(QLabel):
    """Hidden until there is something to say; `kind` is kept for tests and the stylesheet."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.kind = ""
        self.message = ""
        self.hide()

    def show_message(self, text: str, kind: str = "info") -> None:
        self.kind = kind
        self.message = text
        self.setObjectName(f"notice_{kind}")
        self.setStyleSheet(f"QLabel {{ {_STYLES.get(kind, '')} border-radius:4px; padding:6px 10px; }}")
        self.setText(_MARKS.get(kind, "") + text)
        self.show()

    def show_error(self, error: BaseException | str) -> None:
        self.show_message(error if isinstance(error, str) else describe(error), "error")

    def show_success(self, text: str) -> None:
        self.show_message(text, "success")

    def clear_message(self) -> None:
        self.kind = ""
        self.message = ""
        self.clear()
        self.hide()
