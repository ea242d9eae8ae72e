"""The Sync page of a branch desk: online or not, the changes waiting, the last error in words, and the sync
issues, which a manager resolves."""

from __future__ import annotations

import uuid
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reception.clock import Clock
from reception.domain.permissions import Permission, can
from reception.sync.agent import SyncReport, SyncStatus
from reception.ui.context import DeskContext
from reception.ui.sync_controller import SyncController
from reception.ui.widgets.notice import Notice


class SyncPage(QWidget):
    """`SyncPage(ctx, sync=SyncController, clock=…)`: shows the controller's status as it changes."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None, *, sync: SyncController, clock: Clock) -> None:
        super().__init__(parent)
        self.setObjectName("SyncPage")
        self.ctx = ctx
        self.sync = sync
        self.clock = clock
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        title = QLabel(self.tr("Sync with the chain's server"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        self.state_label = QLabel()
        self.state_label.setObjectName("syncState")
        self.state_label.setStyleSheet("font-size: 20px; font-weight: 600;")
        layout.addWidget(self.state_label)
        self.detail_label = QLabel()
        self.detail_label.setWordWrap(True)
        layout.addWidget(self.detail_label)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setObjectName("syncError")
        layout.addWidget(self.error_label)
        buttons = QHBoxLayout()
        self.sync_button = QPushButton(self.tr("Sync now"))
        self.sync_button.clicked.connect(self._sync_now)
        buttons.addWidget(self.sync_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.notice = Notice(self)
        layout.addWidget(self.notice)

        layout.addWidget(QLabel(self.tr("Changes waiting to be sent")))
        self.queue = QTableWidget(0, 3)
        self.queue.setHorizontalHeaderLabels([self.tr("No."), self.tr("Change"), self.tr("Made at")])
        self.queue.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.queue.verticalHeader().setVisible(False)
        self.queue.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.queue, 1)

        issues_row = QHBoxLayout()
        issues_row.addWidget(QLabel(self.tr("Sync issues to resolve")))
        issues_row.addStretch(1)
        self.resolve_button = QPushButton(self.tr("Resolve…"))
        self.resolve_button.clicked.connect(self._resolve)
        issues_row.addWidget(self.resolve_button)
        layout.addLayout(issues_row)
        self.issues = QListWidget()
        self.issues.setWordWrap(True)
        self.issues.currentRowChanged.connect(lambda _row: self._update_buttons())
        layout.addWidget(self.issues, 1)

        sync.status_changed.connect(self.show_status)
        sync.synced.connect(self._synced)
        if sync.status is not None:
            self.show_status(sync.status)
        self._update_buttons()

    # -- showing ------------------------------------------------------------------------------------------

    def show_status(self, status: object) -> None:
        assert isinstance(status, SyncStatus)
        zone = ZoneInfo(self.ctx.desk.branch.timezone)
        self.state_label.setText(status.line(self.clock.now(), self.ctx.desk.branch.timezone))
        words = [self.tr("Server: %1").replace("%1", status.server)]
        if status.last_sync is not None:
            words.append(self.tr("Last successful sync: %1").replace(
                "%1", f"{status.last_sync.astimezone(zone):%d %b %H:%M:%S}"))
        words.append(self.tr("%n member number(s) left on this desk", "", status.member_numbers_left))
        self.detail_label.setText(" · ".join(words))
        self.error_label.setText(self.tr("Last error: %1").replace("%1", status.last_error) if status.last_error
                                 else "")
        ops = self.sync.agent.queue(200) if status.waiting else []
        self.queue.setRowCount(len(ops))
        for row, op in enumerate(ops):
            for column, text in enumerate((str(op.seq), op.kind, f"{op.at.astimezone(zone):%d %b %H:%M:%S}")):
                self.queue.setItem(row, column, QTableWidgetItem(text))
        self.issues.clear()
        for issue in status.issues:
            item = QListWidgetItem(f"{issue.get('words', '')}\n{issue.get('kind', '')} · {issue.get('subject', '')}")
            item.setData(Qt.ItemDataRole.UserRole, issue.get("id"))
            self.issues.addItem(item)
        self._update_buttons()

    def _synced(self, report: object) -> None:
        assert isinstance(report, SyncReport)
        self.sync_button.setEnabled(True)
        if report.error:
            self.notice.show_error(self.tr("Not synced: %1").replace("%1", report.error))
        else:
            self.notice.show_success(self.tr("Synced: %1 sent, %2 received.").replace("%1", str(report.pushed))
                                     .replace("%2", str(report.pulled)))

    def _update_buttons(self) -> None:
        manager = can(self.ctx.desk.staff, Permission.CORRECT_BALANCE)
        self.resolve_button.setVisible(manager)
        self.resolve_button.setEnabled(manager and self.issues.currentItem() is not None)

    # -- acting -------------------------------------------------------------------------------------------

    def _sync_now(self) -> None:
        self.sync_button.setEnabled(False)
        self.sync.sync_now()

    def _resolve(self) -> None:
        item = self.issues.currentItem()
        if item is None:
            return
        text, accepted = QInputDialog.getText(self, self.tr("Resolve the sync issue"),
                                              self.tr("What was done (e.g. a pack sold, a correction made):"))
        text = " ".join(text.split())
        if not accepted:
            return
        if len(text) < 3:
            self.notice.show_error(self.tr("Write what was done to resolve it."))
            return
        issue_id = uuid.UUID(str(item.data(Qt.ItemDataRole.UserRole)))
        self.sync.resolve(issue_id, self.ctx.desk.staff.id, text,
                          lambda _s: self.notice.show_success(self.tr("The sync issue is resolved.")),
                          lambda error: self.notice.show_error(self.tr("Not resolved: %1").replace("%1", str(error))))
