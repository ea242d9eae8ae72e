"""The Attendance page: who came (today at this branch by default), live as members check in; reversal, CSV."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reception.clock import Clock
from reception.domain.models import Attendance, Branch
from reception.domain.periods import local_today
from reception.domain.permissions import Permission, can
from reception.services.attendance import AttendanceService
from reception.services.catalogue import CatalogueService
from reception.services.context import AttendanceRow, CheckInResult
from reception.ui.context import DeskContext
from reception.ui.dialogs.approval import Approve
from reception.ui.models.attendance_model import AttendanceTableModel, CustomerFilter
from reception.ui.widgets.columns import fit_column
from reception.ui.widgets.hourly_chart import HourlyChart
from reception.ui.widgets.notice import Notice
from reception.ui.i18n import day, isolate, ltr, tr
from reception.ui.words import csv_in_language

ALL_BRANCHES = "all"


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class AttendancePage(QWidget):
    """`AttendancePage(ctx, attendance=…, catalogue=…, clock=…, approve=…)`: loads today's visits at the desk's
    branch, then appends each new check-in."""

    loaded = Signal(int)  # rows shown after a (re)load
    row_added = Signal(object)  # AttendanceRow appended live
    exported = Signal(str)  # path of the CSV written

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None, *, attendance: AttendanceService,
                 catalogue: CatalogueService, clock: Clock, approve: Approve) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._attendance = attendance
        self._catalogue = catalogue
        self._clock = clock
        self._approve = approve
        self._generation = 0
        self._shown: tuple[date, date, uuid.UUID | None] | None = None
        today = self.today()

        self.start = QDateEdit(_qdate(today))
        self.end = QDateEdit(_qdate(today))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(self.reload)
        self.today_button = QPushButton(tr("Today"))
        self.today_button.clicked.connect(self.show_today)
        self.branch = QComboBox()
        self.branch.addItem(ctx.desk.branch.name, str(ctx.desk.branch.id))
        self.branch.setVisible(can(ctx.desk.staff, Permission.VIEW_ALL_BRANCHES))
        self.branch.currentIndexChanged.connect(self.reload)
        self.customer = QLineEdit(placeholderText=tr("Filter by name or member no."))
        self.customer.setClearButtonEnabled(True)
        self.export_button = QPushButton(tr("Export CSV…"))
        self.export_button.clicked.connect(lambda: self.export_csv())
        self.reverse_button = QPushButton(tr("Reverse…"))
        self.reverse_button.setToolTip(tr("Undo the selected mistaken check-in; the session is credited back"))
        self.reverse_button.setEnabled(False)
        self.reverse_button.clicked.connect(lambda: self.open_reverse())
        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("From")))
        bar.addWidget(self.start)
        bar.addWidget(QLabel(tr("to")))
        bar.addWidget(self.end)
        bar.addWidget(self.today_button)
        bar.addWidget(self.branch)
        bar.addWidget(self.customer, 1)
        bar.addWidget(self.reverse_button)
        bar.addWidget(self.export_button)

        self.notice = Notice()
        self.summary = QLabel(objectName="attendanceSummary")
        self.chart = HourlyChart()
        self.model = AttendanceTableModel(ctx.desk.branch.timezone, self)
        self.filtered = CustomerFilter(self)
        self.filtered.setSourceModel(self.model)
        self.customer.textChanged.connect(self._filter_changed)
        self.table = QTableView()
        self.table.setModel(self.filtered)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)  # Notes takes what is left
        self._size_columns()
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._update_reverse())
        self.last_dialog: QWidget | None = None

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.notice)
        layout.addWidget(self.summary)
        layout.addWidget(self.chart)
        layout.addWidget(self.table, 1)

        ctx.events.checked_in.connect(self._checked_in)
        ctx.events.visit_reversed.connect(self._visit_reversed)
        if can(ctx.desk.staff, Permission.VIEW_ALL_BRANCHES):
            self._load_branches()
        self.reload()

    def _size_columns(self) -> None:
        """Time and member number exactly as wide as their text (never elided); the name gets room."""
        fit_column(self.table, 0, ["2026-12-31 23:59"])
        fit_column(self.table, 1, ["999999"])
        self.table.setColumnWidth(2, 180)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):  # a theme or a font size
            self._size_columns()

    # -- what is shown -----------------------------------------------------------------

    @property
    def timezone(self) -> str:
        return self._ctx.desk.branch.timezone

    def today(self) -> date:
        return local_today(self._clock.now(), self.timezone)

    def selected_branch(self) -> uuid.UUID | None:
        data = self.branch.currentData()
        return None if data == ALL_BRANCHES else uuid.UUID(data)

    def select_branch(self, branch_id: uuid.UUID | None) -> None:
        self.branch.setCurrentIndex(self.branch.findData(ALL_BRANCHES if branch_id is None else str(branch_id)))

    def set_range(self, start: date, end: date) -> None:
        for edit, chosen in ((self.start, start), (self.end, end)):
            edit.blockSignals(True)
            edit.setDate(_qdate(chosen))
            edit.blockSignals(False)
        self.reload()

    def show_today(self) -> None:
        today = self.today()
        self.set_range(today, today)

    def _load_branches(self) -> None:
        def loaded(branches: list[Branch]) -> None:
            current = self.branch.currentData()
            self.branch.blockSignals(True)
            self.branch.clear()
            self.branch.addItem(tr("All branches"), ALL_BRANCHES)
            for branch in sorted(branches, key=lambda b: b.number):
                self.branch.addItem(branch.name, str(branch.id))
            self.branch.setCurrentIndex(max(0, self.branch.findData(current)))
            self.branch.blockSignals(False)

        self._ctx.runner.run(self._catalogue.branches, loaded, self.notice.show_error)

    def reload(self) -> None:
        start, end = _pydate(self.start.date()), _pydate(self.end.date())
        branch_id = self.selected_branch()
        self._generation += 1
        generation = self._generation
        attendance, desk = self._attendance, self._ctx.desk
        self.summary.setText(tr("Loading…"))

        def shown(rows: list[AttendanceRow]) -> None:
            if generation != self._generation:
                return
            self.notice.clear_message()
            self._shown = (start, end, branch_id)
            self.model.set_rows(rows, self.timezone)
            self._refresh_summary()
            self.loaded.emit(len(rows))

        def failed(error: BaseException) -> None:
            if generation == self._generation:
                self.summary.clear()
                self.notice.show_error(error)

        self._ctx.runner.run(
            lambda: attendance.rows(desk, start_day=start, end_day=end, branch_id=branch_id), shown, failed)

    def _filter_changed(self, text: str) -> None:
        self.filtered.set_text(text)
        self._refresh_summary()

    def _refresh_summary(self) -> None:
        rows = self.filtered.visible_rows()
        counts = self._attendance.hourly_counts(rows, self.timezone)
        self.chart.set_counts(counts)
        visits = sum(counts.values())
        start, end = _pydate(self.start.date()), _pydate(self.end.date())
        days = day(start) if start == end else f"{day(start, year=False)} – {day(end)}"
        self.summary.setText(" · ".join((tr("%n check-in(s)", None, visits), days, isolate(self.branch.currentText()))))

    # -- live -----------------------------------------------------------------------------

    def _wants(self, visit: Attendance) -> bool:
        if self._shown is None:
            return False
        start, end, branch_id = self._shown
        day = local_today(visit.check_in_time, self.timezone)
        return start <= day <= end and (branch_id is None or visit.branch_id == branch_id)

    def _checked_in(self, result: CheckInResult) -> None:
        visit = result.attendance
        if self._wants(visit) and not self.model.has(visit.id):
            self._fetch_row(visit.id)

    def _visit_reversed(self, visit: Attendance) -> None:
        if self.model.has(visit.id):
            self._fetch_row(visit.id)
        if visit.reversed_by is not None:
            self._fetch_row(visit.reversed_by)  # the reversal row, if it falls in the range shown

    def _fetch_row(self, attendance_id: uuid.UUID) -> None:
        generation = self._generation
        attendance, desk = self._attendance, self._ctx.desk

        def arrived(row: AttendanceRow) -> None:
            if generation == self._generation and (self.model.has(row.attendance.id) or self._wants(row.attendance)):
                self.model.append_row(row)
                self._refresh_summary()
                self._update_reverse()
                self.row_added.emit(row)

        self._ctx.runner.run(lambda: attendance.row(desk, attendance_id), arrived, self.notice.show_error)

    # -- reversal ---------------------------------------------------------------------------

    def selected_row(self) -> AttendanceRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        row = self.filtered.data(rows[0], Qt.ItemDataRole.UserRole)
        return row if isinstance(row, AttendanceRow) else None

    def _update_reverse(self) -> None:
        row = self.selected_row()
        self.reverse_button.setEnabled(row is not None and row.attendance.counts)

    def open_reverse(self) -> QWidget | None:
        """Reverse the selected visit with a reason (a manager approves when the receptionist may not alone)."""
        from reception.ui.dialogs.reverse_dialog import ReverseDialog

        row = self.selected_row()
        if row is None or not row.attendance.counts:
            return None
        dialog = ReverseDialog(self._ctx, row.attendance, row.full_name, self, attendance=self._attendance,
                               approve=self._approve)

        def reversed_(original: Attendance) -> None:
            self.notice.show_success(tr("{name}'s check-in was reversed.").format(name=isolate(row.full_name)))
            self._ctx.events.visit_reversed.emit(original)
            self._ctx.events.subscription_changed.emit(original.customer_id)

        dialog.reversed.connect(reversed_)
        dialog.finished.connect(lambda _code: dialog.deleteLater())
        dialog.open()
        self.last_dialog = dialog
        return dialog

    # -- export ----------------------------------------------------------------------------

    def export_csv(self, path: str | None = None) -> None:
        """The rows shown (after the name filter) as CSV; UTF-8 with a BOM so spreadsheets read Arabic names."""
        if path is None:
            start, end = _pydate(self.start.date()), _pydate(self.end.date())
            suggested = str(Path.home() / f"attendance-{start:%Y%m%d}-{end:%Y%m%d}.csv")
            path, _ = QFileDialog.getSaveFileName(self, tr("Export attendance"), suggested,
                                                  tr("CSV file (*.csv)"))
            if not path:
                return
        target = Path(path)
        rows = self.filtered.visible_rows()
        attendance, zone = self._attendance, self.timezone

        def write() -> str:
            target.write_text(csv_in_language(attendance.to_csv(rows, zone)), encoding="utf-8-sig", newline="")
            return str(target)

        def done(written: str) -> None:
            self.notice.show_success(tr("%n visit(s) exported to {path}.", None, len(rows)).format(path=ltr(written)))
            self.exported.emit(written)

        self._ctx.runner.run(write, done, self.notice.show_error)
