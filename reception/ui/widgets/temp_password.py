"""The orange card that shows a member's temporary password until they change it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

# Set on the card's parent page or dialog, so the card keeps its colours under either theme.
TEMP_CARD_STYLE = (
    "QFrame#tempPasswordCard { background:#ff9800; border-radius:8px; }"
    "QFrame#tempPasswordCard QLabel { color:#1a1a1a; background:transparent; }"
)


class TempPasswordCard(QFrame):
    """Heading, the password in large monospace (selectable), and what to tell the member."""

    def __init__(self, heading: str, hint: str, *, size: int, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="tempPasswordCard")
        self.password = QLabel(objectName="tempPassword")
        font = QFont("monospace")
        font.setPixelSize(size)
        font.setBold(True)
        self.password.setFont(font)
        self.password.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        for text in (heading, hint):
            label = QLabel(text)
            label.setWordWrap(True)  # in a narrow column the words wrap rather than widen the page
            layout.addWidget(label)
        layout.insertWidget(1, self.password, alignment=Qt.AlignmentFlag.AlignCenter)
