"""The Sync page of a branch desk: online or not, the changes waiting, the last error in words, and the sync
issues, which a manager resolves."""

from __future__ import annotations

import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QT_TR_NOOP, Qt
from PySide6.QtGui import QKeySequence
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
from reception.domain.sync import APPLY, DISCARD
from reception.sync.agent import SyncReport, SyncStatus
from reception.ui.context import DeskContext
from reception.ui.dialogs.desks_dialog import DesksDialog
from reception.ui.i18n import clock as clock_text
from reception.ui.i18n import day_and_time, ltr, number, tr
from reception.ui.sync_controller import SyncController
from reception.ui.widgets.notice import Notice
from reception.ui.words import field_text

# What each kind of change and each kind of sync issue is called at the desk.
KIND_WORDS = {
    "Scan": QT_TR_NOOP("Scan"),
    "CheckIn": QT_TR_NOOP("Check-in"),
    "Deduct": QT_TR_NOOP("Session deducted"),
    "Activate": QT_TR_NOOP("Subscription sold"),
    "Register": QT_TR_NOOP("Member registered"),
    "RegenerateCard": QT_TR_NOOP("New card"),
    "Freeze": QT_TR_NOOP("Freeze"),
    "Unfreeze": QT_TR_NOOP("Unfreeze"),
    "Reverse": QT_TR_NOOP("Check-in reversed"),
    "Override": QT_TR_NOOP("Override"),
    "CorrectBalance": QT_TR_NOOP("Balance corrected"),
    "ResolveIssue": QT_TR_NOOP("Sync issue resolved"),
    "Change": QT_TR_NOOP("Change"),
}
ISSUE_WORDS = {
    "overdraft": QT_TR_NOOP("The balance went below zero: sell a pack or correct it with a reason."),
    "revoked_card_used": QT_TR_NOOP("A card that had been replaced was let in at a desk that was offline."),
    "duplicate_phone": QT_TR_NOOP("Two members were registered with the same phone at different branches."),
    "malformed": QT_TR_NOOP("An operation could not be applied; it is kept for a manager."),
    "revoked_device": QT_TR_NOOP("Operations arrived from a desk that was disconnected."),
    "sequence_gap": QT_TR_NOOP("Some of a desk's operations are missing."),
    "pass_used_twice": QT_TR_NOOP("A day pass was let in twice, at desks that were offline at the time."),
}


def error_words(code: str, text: str) -> str:
    """A sync that did not work, in the desk's words (the server's own words only for a refusal it explains)."""
    if code == "unreachable":
        return tr("The chain's server cannot be reached. The desk keeps working and sends its changes later.")
    if code == "server_failed":
        return tr("The chain's server had a problem. The desk tries again in a moment.")
    if code == "too_old":
        return tr("This desk is too old for the chain's server: update it. It keeps working offline meanwhile.")
    return field_text(text)


def _ago(seconds: int) -> str:
    if seconds < 60:
        return tr("synced %n s ago", "", seconds)
    if seconds < 3600:
        return tr("synced %n min ago", "", seconds // 60)
    return tr("synced %n h ago", "", seconds // 3600)


def sync_line(status: SyncStatus, now: datetime, timezone: str) -> str:
    """What the status bar says: "Online · synced 4 s ago" or "Offline since 10:42 · 37 changes waiting"."""
    if status.offline_since is not None:
        line = tr("Offline since {time}").format(time=clock_text(status.offline_since.astimezone(ZoneInfo(timezone))))
    elif status.last_sync is None:
        line = tr("Not synced yet")
    else:
        line = tr("Online · {ago}").format(ago=_ago(max(0, int((now - status.last_sync).total_seconds()))))
    if status.waiting:
        line = tr("{state} · {waiting}").format(state=line, waiting=tr("%n change(s) waiting", "", status.waiting))
    return line


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
        title = QLabel(tr("Sync with the chain's server"))
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
        self.sync_button = QPushButton(tr("Sync now"))
        self.sync_button.clicked.connect(self._sync_now)
        buttons.addWidget(self.sync_button)
        self.desks_button = QPushButton(tr("Desks of this branch…"))
        self.desks_button.clicked.connect(self.open_desks)
        self.desks_button.setShortcut(QKeySequence("Ctrl+Shift+D"))
        self.desks_button.setToolTip(tr("The desks connected at this branch; disconnect a lost one ({keys})").format(
            keys=ltr("Ctrl+Shift+D")))
        buttons.addWidget(self.desks_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.notice = Notice(self)
        layout.addWidget(self.notice)

        layout.addWidget(QLabel(tr("Changes waiting to be sent")))
        self.queue = QTableWidget(0, 3)
        self.queue.setHorizontalHeaderLabels([tr("No."), tr("Change"), tr("Made at")])
        self.queue.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.queue.verticalHeader().setVisible(False)
        header = self.queue.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.queue, 1)

        issues_row = QHBoxLayout()
        issues_row.addWidget(QLabel(tr("Sync issues to resolve")))
        issues_row.addStretch(1)
        self.resolve_button = QPushButton(tr("Resolve…"))
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
        self.state_label.setText(sync_line(status, self.clock.now(), self.ctx.desk.branch.timezone))
        words = [tr("Server: {server}").format(server=ltr(status.server))]
        if status.last_sync is not None:
            words.append(tr("Last successful sync: {time}").format(
                time=day_and_time(status.last_sync.astimezone(zone))))
        words.append(tr("%n member number(s) left on this desk", "", status.member_numbers_left))
        self.detail_label.setText(" · ".join(words))
        self.error_label.setText(tr("Last error: {error}").format(
            error=error_words(status.last_error_code, status.last_error)) if status.last_error else "")
        self.error_label.setToolTip(status.last_error)
        ops = self.sync.agent.queue(200) if status.waiting else []
        self.queue.setRowCount(len(ops))
        for row, op in enumerate(ops):
            kind = tr(KIND_WORDS.get(op.kind, KIND_WORDS["Change"]))
            for column, text in enumerate((number(op.seq), kind, day_and_time(op.at.astimezone(zone)))):
                self.queue.setItem(row, column, QTableWidgetItem(text))
        self.issues.clear()
        for issue in status.issues:
            words_for = ISSUE_WORDS.get(str(issue.get("kind")))
            text = tr(words_for) if words_for else str(issue.get("words", ""))
            item = QListWidgetItem(f"{text}\n{ltr(issue.get('subject', ''))}")
            item.setData(Qt.ItemDataRole.UserRole, issue.get("id"))
            item.setData(Qt.ItemDataRole.UserRole + 1, issue.get("kind"))
            self.issues.addItem(item)
        self._update_buttons()

    def _synced(self, report: object) -> None:
        assert isinstance(report, SyncReport)
        self.sync_button.setEnabled(True)
        if report.error:
            self.notice.show_error(tr("Not synced: {error}").format(error=error_words(report.error_code,
                                                                                           report.error)))
        else:
            self.notice.show_success(tr("Synced: {sent} sent, {received} received.").format(
                sent=number(report.pushed), received=number(report.pulled)))

    def _update_buttons(self) -> None:
        manager = can(self.ctx.desk.staff, Permission.CORRECT_BALANCE)
        self.resolve_button.setVisible(manager)
        self.resolve_button.setEnabled(manager and self.issues.currentItem() is not None)
        self.desks_button.setVisible(can(self.ctx.desk.staff, Permission.EDIT_BRANCH_RULES))

    # -- acting -------------------------------------------------------------------------------------------

    def _sync_now(self) -> None:
        self.sync_button.setEnabled(False)
        self.sync.sync_now()

    def open_desks(self) -> DesksDialog:
        dialog = DesksDialog(self.sync, self.ctx.desk.staff, self.ctx.desk.branch.timezone, self)
        dialog.open()
        return dialog

    def _resolve(self) -> None:
        item = self.issues.currentItem()
        if item is None:
            return
        # Read now: a sync while the dialogs are open refills the list, and this item goes with it.
        issue_id = uuid.UUID(str(item.data(Qt.ItemDataRole.UserRole)))
        kind = item.data(Qt.ItemDataRole.UserRole + 1)
        action = ""
        if kind == "revoked_device":
            choices = [tr("Apply what it sent"), tr("Discard what it sent")]
            chosen, accepted = QInputDialog.getItem(self, tr("Resolve the sync issue"),
                                                    tr("The desk was disconnected when it sent this:"), choices, 0,
                                                    False)
            if not accepted:
                return
            action = APPLY if chosen == choices[0] else DISCARD
        text, accepted = QInputDialog.getText(self, tr("Resolve the sync issue"),
                                              tr("What was done (e.g. a pack sold, a correction made):"))
        text = " ".join(text.split())
        if not accepted:
            return
        if len(text) < 3:
            self.notice.show_error(tr("Write what was done to resolve it."))
            return
        self.sync.resolve(issue_id, self.ctx.desk.staff, text, action,
                          lambda _s: self.notice.show_success(tr("The sync issue is resolved here; the chain's server "
                                                                  "gets it with the next sync.")),
                          lambda error: self.notice.show_error(tr("Not resolved: {error}").format(
                              error=field_text(str(error)))))
