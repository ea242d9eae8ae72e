"""The shift report as a printable page (HTML in a QTextDocument): to a printer or a PDF file."""

from __future__ import annotations

from html import escape
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtGui import QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from reception.services.reports import ShiftReport
from reception.ui.i18n import clock, day, isolate, money, number, receipt_number, right_to_left, tr
from reception.ui.words import payment_word, report_counts


def _money(amount: object, currency: str) -> str:
    return money(amount, currency).strip()


def report_html(report: ShiftReport) -> str:
    zone = ZoneInfo(report.timezone)
    cur = report.currency

    def when(moment: object) -> str:
        local = moment.astimezone(zone)  # type: ignore[attr-defined]
        return f"{day(local.date())} {clock(local)}"

    def table(headers: list[str], rows: list[list[str]]) -> str:
        head = "".join(f"<th align='left'>{escape(h)}</th>" for h in headers)
        body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
        return f"<table border='1' cellspacing='0' cellpadding='3' width='100%'><tr>{head}</tr>{body}</table>"

    parts = [
        "<h2>" + tr("Shift report — {scope}").format(scope=escape(isolate(report.scope))) + "</h2>",
        "<p>" + tr("{start} to {end}").format(start=when(report.start), end=when(report.end)) + "<br>"
        + tr("Printed by {name} at {time}").format(name=escape(isolate(report.generated_by)),
                                                  time=when(report.generated_at)) + "</p>",
        "<p><b>" + tr("Total taken: {total}").format(total=_money(report.total, cur)) + "</b> · "
        + report_counts(report.sales, report.check_ins, len(report.reversals), report.denials, len(report.overrides))
        + "</p>",
        "<h3>" + tr("Takings by payment method") + "</h3>",
        table([tr("Method"), tr("Amount")], [[payment_word(m), _money(a, cur)] for m, a in report.takings]
              + [[tr("Total"), _money(report.total, cur)]]),
    ]
    if report.branch_id is None:
        parts += ["<h3>" + tr("By branch") + "</h3>", table(
            [tr("Branch"), tr("Sales"), tr("Total"), tr("Check-ins"), tr("Reversals"), tr("Denied"), tr("Overrides")],
            [[b.branch_name, number(b.sales), _money(b.total, b.currency), number(b.check_ins), number(b.reversals),
              number(b.denials), number(b.overrides)] for b in report.branches])]
    parts += ["<h3>" + tr("Payments") + "</h3>", table(
        [tr("Receipt"), tr("Time"), tr("Member"), tr("Service"), tr("Amount"), tr("Method"), tr("Staff")],
        [[receipt_number(p), when(p.time), f"#{number(p.member_no)} {isolate(p.member_name)}", p.service_name,
          _money(p.amount, cur), payment_word(p.method), p.staff_name] for p in report.payments])]
    if report.reversals:
        parts += ["<h3>" + tr("Reversals") + "</h3>", table(
            [tr("Time"), tr("Member"), tr("Staff"), tr("Notes")],
            [[when(r.time), f"#{number(r.member_no)} {isolate(r.member_name)}", r.staff_name, r.notes]
             for r in report.reversals])]
    if report.overrides:
        parts += ["<h3>" + tr("Overrides") + "</h3>", table(
            [tr("Time"), tr("Member"), tr("Approved by"), tr("Reason")],
            [[when(o.time), f"#{number(o.member_no)} {isolate(o.member_name)}", o.approved_by, o.reason]
             for o in report.overrides])]
    direction = "rtl" if right_to_left() else "ltr"
    return (f"<html><body dir='{direction}' style='font-family:sans-serif; font-size:9pt'>" + "".join(parts)
            + "</body></html>")


def print_report_to(report: ShiftReport, printer: QPrinter) -> None:
    document = QTextDocument()
    document.setHtml(report_html(report))
    document.print_(printer)


def save_report_pdf(report: ShiftReport, path: str | Path) -> str:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setOutputFileName(str(path))
    print_report_to(report, printer)
    return str(path)


def print_report(report: ShiftReport, parent: QWidget | None = None) -> bool:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(tr("Shift report {scope}").format(scope=report.scope))
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(tr("Print shift report"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    print_report_to(report, printer)
    return True
