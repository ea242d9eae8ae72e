"""The last scans beside the decision card: time, name, and the result as a colour, an icon and a word."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from reception.domain.scan import State
from reception.ui.resources import icon
from reception.ui.i18n import isolate, tr
from reception.ui.words import state_word

LIMIT = 20
# Darker than the banners: these are text on the list's light background.
COLOURS = {State.ALLOW: "#1b7a3d", State.ATTENTION: "#9a6700", State.DENY: "#c0262d"}


class RecentScans(QListWidget):
    """Newest first, at most LIMIT rows; activating a row with a member emits `member_chosen`."""

    member_chosen = Signal(object)  # uuid.UUID

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recentScans")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the code field keeps the keyboard
        self.setUniformItemSizes(True)
        self.setAlternatingRowColors(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)  # long names end in … (full text in the tooltip)
        self.setWordWrap(True)  # time and result above, the name below
        self.itemActivated.connect(self._activated)
        self.itemDoubleClicked.connect(self._activated)

    def add(self, time_text: str, name: str, state: State, customer_id: uuid.UUID | None = None) -> None:
        text = f"{time_text}  {state_word(state)}\n{isolate(name)}"
        item = QListWidgetItem(icon(state.value, COLOURS[state], 20), text)
        item.setForeground(QColor(COLOURS[state]))
        item.setData(Qt.ItemDataRole.UserRole, customer_id)
        item.setToolTip(tr("{name} — {result} at {time}").format(name=isolate(name), result=state_word(state),
                                                                   time=time_text))
        self.insertItem(0, item)
        while self.count() > LIMIT:
            self.takeItem(self.count() - 1)

    def _activated(self, item: QListWidgetItem) -> None:
        customer_id = item.data(Qt.ItemDataRole.UserRole)
        if customer_id is not None:
            self.member_chosen.emit(customer_id)
