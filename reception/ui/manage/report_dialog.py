"""The end-of-shift report dialog: a time range (since sign-in by default), totals, payments, CSV, print, PDF."""

from __future__ import annotations

import uuid
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, QTime, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reception.domain.models import Branch
from reception.domain.periods import local_today
from reception.domain.permissions import Permission, can
from reception.services.catalogue import CatalogueService
from reception.services.context import Desk
from reception.services.reports import ReportService, ShiftReport
from reception.ui.dialogs.base import Dialog
from reception.ui.tasks import Runner
from reception.ui.widgets.notice import Notice
from PySide6.QtCore import QT_TR_NOOP
from reception.ui.i18n import clock, isolate, ltr, money, number, receipt_number, tr
from reception.ui.words import csv_in_language, payment_word, report_counts

ALL = "all"
PAYMENT_HEADERS = [QT_TR_NOOP("Receipt"), QT_TR_NOOP("Time"), QT_TR_NOOP("Member"), QT_TR_NOOP("Service"),
                   QT_TR_NOOP("Amount"), QT_TR_NOOP("Method"), QT_TR_NOOP("Staff"), QT_TR_NOOP("Branch")]


def _to_qt(moment: datetime, zone: ZoneInfo) -> QDateTime:
    local = moment.astimezone(zone)
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute, local.second))


def _from_qt(value: QDateTime, zone: ZoneInfo) -> datetime:
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), t.second(), tzinfo=zone)


class ReportDialog(Dialog):
    """`ReportDialog(reports, catalogue, desk, runner, now, shift_start)`; `shown(ShiftReport)` after each run."""

    shown = Signal(object)
    exported = Signal(str)

    def __init__(self, reports: ReportService, catalogue: CatalogueService, desk: Desk, runner: Runner, *,
                 now: datetime, shift_start: datetime | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("End-of-shift report"))
        self._reports = reports
        self._desk = desk
        self._runner = runner
        self._zone = ZoneInfo(desk.branch.timezone)
        self._now = now
        self.report: ShiftReport | None = None
        self._generation = 0
        midnight = datetime.combine(local_today(now, self._zone), datetime.min.time(), tzinfo=self._zone)
        self._midnight = midnight
        self._shift_start = max(shift_start, midnight) if shift_start else midnight

        self.start = QDateTimeEdit(_to_qt(self._shift_start, self._zone))
        self.end = QDateTimeEdit(_to_qt(now, self._zone))
        for edit in (self.start, self.end):
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
            edit.setCalendarPopup(True)
        self.shift_button = QPushButton(tr("This shift"))
        self.shift_button.setToolTip(tr("Since you signed in"))
        self.shift_button.clicked.connect(lambda: self._set_start(self._shift_start))
        self.day_button = QPushButton(tr("Whole day"))
        self.day_button.clicked.connect(lambda: self._set_start(self._midnight))
        self.branch = QComboBox()
        self.branch.addItem(desk.branch.name, str(desk.branch.id))
        self.branch.setEnabled(can(desk.staff, Permission.VIEW_ALL_BRANCHES))
        self.run_button = QPushButton(tr("Show"))
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.run_report)
        bar = QHBoxLayout()
        for widget in (QLabel(tr("From")), self.start, QLabel(tr("to")), self.end, self.shift_button, self.day_button,
                       self.branch, self.run_button):
            bar.addWidget(widget)
        bar.addStretch()

        self.summary = QLabel(objectName="reportSummary")
        self.summary.setWordWrap(True)
        self.takings = QLabel(objectName="reportTakings")
        self.takings.setWordWrap(True)
        self.payments = QTableWidget(0, len(PAYMENT_HEADERS))
        self.payments.setHorizontalHeaderLabels([tr(text) for text in PAYMENT_HEADERS])
        self.payments.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.payments.verticalHeader().hide()
        self.payments.horizontalHeader().setStretchLastSection(True)
        self.breakdown = QLabel(objectName="reportBreakdown")
        self.breakdown.setWordWrap(True)
        self.notice = Notice()
        self.csv_button = QPushButton(tr("Export CSV…"))
        self.print_button = QPushButton(tr("Print…"))
        self.pdf_button = QPushButton(tr("Save as PDF…"))
        self.csv_button.clicked.connect(lambda: self.export_csv())
        self.print_button.clicked.connect(self.print_report)
        self.pdf_button.clicked.connect(lambda: self.save_pdf())
        close = QPushButton(tr("Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (self.csv_button, self.print_button, self.pdf_button):
            button.setEnabled(False)
            buttons.addWidget(button)
        buttons.addStretch()
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.notice)
        layout.addWidget(self.summary)
        layout.addWidget(self.takings)
        layout.addWidget(self.breakdown)
        layout.addWidget(self.payments, 1)
        layout.addLayout(buttons)
        self.resize(1000, 620)
        if can(desk.staff, Permission.VIEW_ALL_BRANCHES):
            runner.run(catalogue.branches, self._branches_loaded, self.notice.show_error)
        self.run_report()

    def _branches_loaded(self, branches: list[Branch]) -> None:
        self.branch.clear()
        self.branch.addItem(tr("All branches"), ALL)
        for branch in sorted(branches, key=lambda b: b.number):
            self.branch.addItem(branch.name, str(branch.id))
        self.branch.setCurrentIndex(max(0, self.branch.findData(str(self._desk.branch.id))))

    def _set_start(self, moment: datetime) -> None:
        self.start.setDateTime(_to_qt(moment, self._zone))
        self.run_report()

    def selected_branch(self) -> uuid.UUID | None:
        data = self.branch.currentData()
        return None if data == ALL else uuid.UUID(data)

    def select_branch(self, branch_id: uuid.UUID | None) -> None:
        self.branch.setCurrentIndex(self.branch.findData(ALL if branch_id is None else str(branch_id)))

    def range(self) -> tuple[datetime, datetime]:
        start = _from_qt(self.start.dateTime(), self._zone)
        end = _from_qt(self.end.dateTime(), self._zone)
        if end.replace(second=0) == self._now.astimezone(self._zone).replace(second=0, microsecond=0):
            end = self._now  # "now" means now, not the minute it was shown at
        return start, end

    def set_range(self, start: datetime, end: datetime) -> None:
        self._now = end
        self.start.setDateTime(_to_qt(start, self._zone))
        self.end.setDateTime(_to_qt(end, self._zone))

    def run_report(self) -> None:
        start, end = self.range()
        branch_id = self.selected_branch()
        self._generation += 1
        generation = self._generation
        reports, desk = self._reports, self._desk
        self.summary.setText(tr("Counting…"))

        def shown(report: ShiftReport) -> None:
            if generation == self._generation:
                self.show_report(report)

        def failed(error: BaseException) -> None:
            if generation == self._generation:
                self.summary.clear()
                self.notice.show_error(error)

        self._runner.run(lambda: reports.shift_report(desk, start, end, branch_id), shown, failed)

    def show_report(self, report: ShiftReport) -> None:
        self.report = report
        self.notice.clear_message()
        cur = report.currency
        self.summary.setText(
            tr("<b>{scope}</b>: <b>{total}</b> · {counts}").format(
                scope=isolate(report.scope), total=money(report.total, cur),
                counts=report_counts(report.sales, report.check_ins, len(report.reversals), report.denials,
                                     len(report.overrides))))
        self.takings.setText("  ·  ".join(f"{payment_word(m)}: {money(a, cur)}" for m, a in report.takings))
        if report.branch_id is None:
            self.breakdown.setText("<br>".join(
                f"{isolate(b.branch_name)}: {money(b.total, b.currency)} · {tr('%n sale(s)', None, b.sales)} · "
                f"{tr('%n check-in(s)', None, b.check_ins)}" for b in report.branches))
            self.breakdown.show()
        else:
            self.breakdown.hide()
        self.payments.setRowCount(len(report.payments))
        for r, p in enumerate(report.payments):
            cells = [receipt_number(p), clock(p.time.astimezone(self._zone)),
                     f"#{number(p.member_no)} {isolate(p.member_name)}", p.service_name, money(p.amount, cur),
                     payment_word(p.method),
                     p.staff_name, p.branch_name]
            for c, text in enumerate(cells):
                self.payments.setItem(r, c, QTableWidgetItem(text))
        self.payments.resizeColumnsToContents()
        for button in (self.csv_button, self.print_button, self.pdf_button):
            button.setEnabled(True)
        self.shown.emit(report)

    # -- output ------------------------------------------------------------------------------

    def _ask(self, title: str, suffix: str, kinds: str) -> str:
        day = self._now.astimezone(self._zone)
        suggested = str(Path.home() / f"shift-report-{day:%Y%m%d-%H%M}.{suffix}")
        path, _ = QFileDialog.getSaveFileName(self, title, suggested, kinds)
        return path

    def export_csv(self, path: str | None = None) -> None:
        report = self.report
        if report is None:
            return
        path = path or self._ask(tr("Export shift report"), "csv", tr("CSV file (*.csv)"))
        if not path:
            return
        target, reports = Path(path), self._reports

        def write() -> str:
            target.write_text(csv_in_language(reports.to_csv(report)), encoding="utf-8-sig", newline="")
            return str(target)

        def done(written: str) -> None:
            self.notice.show_success(tr("Report exported to {path}.").format(path=ltr(written)))
            self.exported.emit(written)

        self._runner.run(write, done, self.notice.show_error)

    def save_pdf(self, path: str | None = None) -> None:
        from reception.ui.manage.report_print import save_report_pdf

        if self.report is None:
            return
        path = path or self._ask(tr("Save shift report"), "pdf", tr("PDF (*.pdf)"))
        if not path:
            return
        try:
            written = save_report_pdf(self.report, path)
        except OSError as error:
            self.notice.show_error(tr("The file could not be saved: {error}").format(error=isolate(error)))
            return
        self.notice.show_success(tr("Report saved to {path}.").format(path=ltr(written)))
        self.exported.emit(written)

    def print_report(self) -> None:
        from reception.ui.manage.report_print import print_report

        if self.report is not None and print_report(self.report, self):
            self.notice.show_success(tr("Report sent to the printer."))
