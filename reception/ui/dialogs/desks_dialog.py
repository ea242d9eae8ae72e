"""The desks of this branch, as the chain's server has them, and disconnecting one (a desk lost, stolen or
replaced): from then on what it sends is held for a manager as a sync issue, not applied. Online only; every
call runs on the sync lane, so the window never waits for the network."""

from __future__ import annotations

import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reception.domain.models import Staff
from reception.ui.dialogs.base import Dialog
from reception.ui.i18n import day_and_time, ltr, tr
from reception.ui.sync_controller import SyncController
from reception.ui.widgets.notice import Notice
from reception.ui.words import field_text


class DesksDialog(Dialog):
    """`DesksDialog(sync, staff, timezone)`: loads the branch's desks when shown; `disconnect_button` acts on
    the selected row after a confirmation."""

    def __init__(self, sync: SyncController, staff: Staff, timezone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sync = sync
        self.staff = staff
        self.zone = ZoneInfo(timezone)
        self.desks: list[dict[str, object]] = []
        self._said = ""
        self.setWindowTitle(tr("Desks of this branch"))
        layout = QVBoxLayout(self)
        intro = QLabel(tr("Disconnect a desk that was lost, stolen or replaced. What it sends afterwards is held "
                          "for a manager as a sync issue, not applied. Connecting it again needs a manager."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([tr("Desk"), tr("Receipts"), tr("Last sync"), tr("State")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column in (0, 1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)
        self.notice = Notice(self)
        layout.addWidget(self.notice)
        row = QHBoxLayout()
        self.refresh_button = QPushButton(tr("Refresh"))
        self.refresh_button.clicked.connect(self.load)
        row.addWidget(self.refresh_button)
        self.disconnect_button = QPushButton(tr("Disconnect…"))
        self.disconnect_button.clicked.connect(self._disconnect)
        row.addWidget(self.disconnect_button)
        row.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row.addWidget(buttons)
        layout.addLayout(row)
        self.resize(780, 360)
        self._update_buttons()
        self.load()

    def load(self) -> None:
        self.refresh_button.setEnabled(False)
        self.notice.show_message(tr("Asking the chain's server…"))
        self.sync.run(self.sync.agent.desks, self._loaded, self._failed)

    def _loaded(self, desks: object) -> None:
        assert isinstance(desks, list)
        self.desks = desks
        self.refresh_button.setEnabled(True)
        if self._said:  # what was just done stays said over the fresh list
            self.notice.show_success(self._said)
            self._said = ""
        else:
            self.notice.clear_message()
        self.table.setRowCount(len(desks))
        for row, desk in enumerate(desks):
            name = str(desk.get("name") or "")
            if desk.get("this_desk"):
                name = tr("{name} (this desk)").format(name=name)
            state = (tr("Disconnected {time}").format(time=self._when(desk.get("disconnected_at")))
                     if desk.get("disconnected_at") else tr("Connected"))
            last = self._when(desk.get("last_push_at")) if desk.get("last_push_at") else tr("Never")
            for column, text in enumerate((name, ltr(str(desk.get("series") or "")), last, state)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self._update_buttons()

    def _when(self, text: object) -> str:
        return day_and_time(datetime.fromisoformat(str(text)).astimezone(self.zone))

    def _failed(self, error: object) -> None:
        self.refresh_button.setEnabled(True)
        self.disconnect_button.setEnabled(False)
        self.notice.show_error(error if isinstance(error, BaseException) else field_text(str(error)))

    def _selected(self) -> dict[str, object] | None:
        rows = self.table.selectionModel().selectedRows()
        return self.desks[rows[0].row()] if rows and rows[0].row() < len(self.desks) else None

    def _update_buttons(self) -> None:
        desk = self._selected()
        self.disconnect_button.setEnabled(desk is not None and not desk.get("this_desk")
                                          and not desk.get("disconnected_at"))

    def _disconnect(self) -> None:
        desk = self._selected()
        if desk is None:
            return
        answer = QMessageBox.question(
            self, tr("Disconnect the desk"),
            tr("Disconnect “{name}”? It keeps working offline, but nothing it sends is applied until a manager "
               "connects it again.").format(name=str(desk.get("name") or "")))
        if answer != QMessageBox.StandardButton.Yes:
            return
        device_id = uuid.UUID(str(desk["id"]))
        self.disconnect_button.setEnabled(False)
        self.sync.run(lambda: self.sync.agent.disconnect(device_id, self.staff), self._disconnected, self._failed)

    def _disconnected(self, desk: object) -> None:
        assert isinstance(desk, dict)
        self.load()
        self._said = tr("“{name}” is disconnected.").format(name=str(desk.get("name") or ""))
        self.notice.show_success(self._said)
