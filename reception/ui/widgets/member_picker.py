"""The list of members matching a typed name, driven from the code field (↑↓ move, Enter picks, Esc closes)."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QWidget

from reception.domain.models import Customer


class MemberPicker(QListWidget):
    """Never takes the focus: the code field keeps it, so the next scan always lands there."""

    member_chosen = Signal(object)  # uuid.UUID

    def __init__(self, field: QLineEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("memberPicker")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._field = field
        self.query = ""
        field.installEventFilter(self)
        self.itemActivated.connect(self._choose)
        self.itemClicked.connect(self._choose)
        self.hide()

    def offer(self, customers: list[Customer], query: str) -> None:
        self.clear()
        for customer in customers:
            item = QListWidgetItem(f"{customer.full_name}  ·  #{customer.member_no}  ·  {customer.phone}")
            item.setData(Qt.ItemDataRole.UserRole, customer.id)
            self.addItem(item)
        self.query = query
        self.setCurrentRow(0)
        self.show()

    def choose_current(self) -> bool:
        """Enter in the code field while the list is open (and nothing new was typed)."""
        if self.isVisible() and self.currentItem() is not None and not self._field.text().strip():
            self._choose(self.currentItem())
            return True
        return False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self._field and event.type() == QEvent.Type.KeyPress and self.isVisible():
            assert isinstance(event, QKeyEvent)
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
            if step is not None and self.count():
                self.setCurrentRow(max(0, min(self.count() - 1, self.currentRow() + step)))
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.hide()
                return True
        return False

    def _choose(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            customer_id: uuid.UUID = item.data(Qt.ItemDataRole.UserRole)
            self.hide()
            self.member_chosen.emit(customer_id)
