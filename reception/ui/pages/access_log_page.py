"""The Access log page: every attempt at the door, member cards and day passes, allowed and denied, with the
reason, the desk or turnstile, the staff member and the time; filters by outcome, reason, branch and days; CSV."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QT_TR_NOOP, QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reception.clock import Clock
from reception.domain.periods import local_today
from reception.domain.permissions import Permission, can
from reception.domain.scan import State
from reception.services.access_log import AccessLogService, AccessRow
from reception.services.catalogue import CatalogueService
from reception.services.reports import spreadsheet_safe
from reception.ui.context import DeskContext
from reception.ui.i18n import clock, day, digits, ltr, number, tr
from reception.ui.widgets.notice import Notice
from reception.ui.words import reason_text, state_word

ALL = "all"
COLUMNS = (QT_TR_NOOP("Time"), QT_TR_NOOP("Result"), QT_TR_NOOP("Reason"), QT_TR_NOOP("Who"),
           QT_TR_NOOP("Desk or turnstile"), QT_TR_NOOP("Staff"), QT_TR_NOOP("Branch"))
# The reasons a row is filed under (its first reason's code), as the filter offers them.
REASONS = (
    ("", QT_TR_NOOP("Welcome (no reason)")),
    ("pass_used", QT_TR_NOOP("Day pass already used")),
    ("pass_expired", QT_TR_NOOP("Day pass expired")),
    ("pass_voided", QT_TR_NOOP("Day pass voided")),
    ("pass_forged", QT_TR_NOOP("Day pass altered or forged")),
    ("pass_unknown_key", QT_TR_NOOP("Day pass not issued by this gym")),
    ("pass_other_branch", QT_TR_NOOP("Day pass for another branch")),
    ("pass_truncated", QT_TR_NOOP("Day pass code incomplete")),
    ("pass_malformed", QT_TR_NOOP("Day pass code damaged")),
    ("pass_valid", QT_TR_NOOP("Day pass shown, not yet used")),
    ("unknown", QT_TR_NOOP("Card not recognised")),
    ("unreadable", QT_TR_NOOP("Not a gym card")),
    ("revoked", QT_TR_NOOP("Replaced card")),
    ("inactive", QT_TR_NOOP("Account deactivated")),
    ("expired", QT_TR_NOOP("Subscription expired")),
    ("frozen", QT_TR_NOOP("Subscription frozen")),
    ("no_subscription", QT_TR_NOOP("No active subscription")),
    ("no_sessions", QT_TR_NOOP("No sessions left")),
    ("other_branch", QT_TR_NOOP("Member of another branch")),
    ("repeat_visit", QT_TR_NOOP("Repeat scan")),
    ("low_balance", QT_TR_NOOP("Few sessions left")),
    ("ending_soon", QT_TR_NOOP("Ending soon")),
)
REASON_WORDS = dict(REASONS)


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class AccessLogModel(QAbstractTableModel):
    def __init__(self, timezone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.timezone = timezone
        self.rows: list[AccessRow] = []

    def set_rows(self, rows: list[AccessRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr(COLUMNS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.cells(self.rows[index.row()])[index.column()]

    def cells(self, row: AccessRow) -> list[str]:
        e = row.entry
        at = e.created_at.astimezone(ZoneInfo(self.timezone))
        reason = reason_text(e.reasons[0]) if e.reasons else (
            tr("Day pass admitted") if e.pass_id is not None else tr("Welcome"))
        if e.override_by is not None:
            reason = tr("{reason} (let in by a manager)").format(reason=reason)
        if row.member_no:
            who = tr("{name} #{number}").format(name=row.member_name, number=number(row.member_no))
        elif e.pass_id is not None:
            who = tr("Day pass {id}").format(id=ltr(str(e.pass_id)[:8]))
        else:
            who = ltr(e.code[:40])
        return [f"{day(at.date())} {clock(at, seconds=True)}", state_word(State.ALLOW if e.allowed else State.DENY),
                reason, who, e.station or tr("desk"), row.staff_name or tr("turnstile or script"), row.branch_name]


class AccessLogPage(QWidget):
    """`AccessLogPage(ctx, access_log=…, catalogue=…, clock=…)`: today's attempts at the desk's branch first."""

    loaded = Signal(int)
    exported = Signal(str)

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None, *, access_log: AccessLogService,
                 catalogue: CatalogueService, clock: Clock) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._access_log = access_log
        self._catalogue = catalogue
        self._clock = clock
        self._generation = 0
        today = local_today(clock.now(), ctx.desk.branch.timezone)
        self.start = QDateEdit(_qdate(today))
        self.end = QDateEdit(_qdate(today))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(self.reload)
        self.outcome = QComboBox()
        for label, value in ((QT_TR_NOOP("Allowed and denied"), ALL), (QT_TR_NOOP("Allowed"), "allowed"),
                             (QT_TR_NOOP("Denied"), "denied")):
            self.outcome.addItem(tr(label), value)
        self.reason = QComboBox()
        self.reason.addItem(tr("Every reason"), ALL)
        for code, label in REASONS:
            self.reason.addItem(tr(label), code)
        self.branch = QComboBox()
        self.branch.addItem(ctx.desk.branch.name, str(ctx.desk.branch.id))
        every = can(ctx.desk.staff, Permission.VIEW_ALL_BRANCHES)
        if every:
            self.branch.addItem(tr("All branches"), ALL)
        self.branch.setVisible(every)
        for combo in (self.outcome, self.reason, self.branch):
            combo.currentIndexChanged.connect(self.reload)
        self.export_button = QPushButton(tr("Export CSV…"))
        self.export_button.clicked.connect(lambda: self.export_csv())
        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("From")))
        bar.addWidget(self.start)
        bar.addWidget(QLabel(tr("to")))
        bar.addWidget(self.end)
        bar.addWidget(self.outcome)
        bar.addWidget(self.reason, 1)
        bar.addWidget(self.branch)
        bar.addWidget(self.export_button)
        self.notice = Notice()
        self.summary = QLabel(objectName="attendanceSummary")
        self.model = AccessLogModel(ctx.desk.branch.timezone, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        root = QVBoxLayout(self)
        root.setContentsMargins(12, 12, 12, 12)
        root.addLayout(bar)
        root.addWidget(self.notice)
        root.addWidget(self.summary)
        root.addWidget(self.table, 1)
        self.total = 0
        ctx.events.desk_changed.connect(lambda _desk: self.reload())

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.reload()  # fresh each time the page is opened

    def _filters(self) -> dict[str, Any]:
        branch = self.branch.currentData()
        outcome = self.outcome.currentData()
        reason = self.reason.currentData()
        return {"start_day": _pydate(self.start.date()), "end_day": _pydate(self.end.date()),
                "branch_id": None if branch == ALL else uuid.UUID(str(branch)),
                "allowed": None if outcome == ALL else outcome == "allowed",
                "reason": None if reason == ALL else str(reason)}

    def reload(self) -> None:
        self._generation += 1
        generation, access_log, desk, filters = self._generation, self._access_log, self._ctx.desk, self._filters()

        def done(found: tuple[list[AccessRow], int]) -> None:
            if generation != self._generation:
                return
            rows, total = found
            self.total = total
            self.model.set_rows(rows)
            denied = sum(1 for r in rows if not r.entry.allowed)
            if total > len(rows):
                self.summary.setText(tr("The newest {shown} of {total} attempts · {denied} denied among them").format(
                    shown=number(len(rows)), total=number(total), denied=number(denied)))
            else:
                self.summary.setText(tr("%n attempt(s)", None, total) + " · " +
                                     tr("{denied} denied").format(denied=number(denied)))
            self.notice.hide()
            self.loaded.emit(len(rows))

        self._ctx.runner.run(lambda: access_log.rows(desk, **filters), done, self.notice.show_error)

    def export_csv(self, path: str | None = None) -> None:
        """Every attempt matching the filters (not only the page shown), UTF-8 with a BOM for spreadsheets."""
        if path is None:
            start, end = _pydate(self.start.date()), _pydate(self.end.date())
            suggested = str(Path.home() / f"access-log-{start:%Y%m%d}-{end:%Y%m%d}.csv")
            path, _ = QFileDialog.getSaveFileName(self, tr("Export the access log"), suggested,
                                                  tr("CSV file (*.csv)"))
            if not path:
                return
        target, access_log, desk, filters, model = Path(path), self._access_log, self._ctx.desk, self._filters(), \
            self.model

        def write() -> int:
            rows, _total = access_log.rows(desk, **filters, limit=1_000_000)
            out = io.StringIO()
            writer = csv.writer(out)
            writer.writerow([tr(c) for c in COLUMNS] + [tr("Reason code"), tr("Pass")])
            for row in rows:
                cells = [_plain(cell) for cell in model.cells(row)]
                writer.writerow([spreadsheet_safe(c) for c in cells] + [row.entry.reason, str(row.entry.pass_id or "")])
            target.write_text(out.getvalue(), encoding="utf-8-sig", newline="")
            return len(rows)

        def done(count: int) -> None:
            self.notice.show_success(tr("%n attempt(s) exported to {path}.", None, count).format(path=ltr(str(target))))
            self.exported.emit(str(target))

        self._ctx.runner.run(write, done, self.notice.show_error)


def _plain(text: str) -> str:
    """A cell without the direction marks the screen uses (a spreadsheet shows them as boxes)."""
    return digits(text).translate({0x2066: None, 0x2067: None, 0x2068: None, 0x2069: None})
