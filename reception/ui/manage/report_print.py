"""The shift report as a printable page (HTML in a QTextDocument): to a printer or a PDF file."""

from __future__ import annotations

from html import escape
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtGui import QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from reception.services.reports import ShiftReport


def _money(amount: object, currency: str) -> str:
    return f"{amount:,.2f} {currency}".strip()


def report_html(report: ShiftReport) -> str:
    zone = ZoneInfo(report.timezone)
    cur = report.currency

    def when(moment: object) -> str:
        return moment.astimezone(zone).strftime("%d %b %Y %H:%M")  # type: ignore[attr-defined]

    def table(headers: list[str], rows: list[list[str]]) -> str:
        head = "".join(f"<th align='left'>{escape(h)}</th>" for h in headers)
        body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
        return f"<table border='1' cellspacing='0' cellpadding='3' width='100%'><tr>{head}</tr>{body}</table>"

    parts = [
        f"<h2>Shift report — {escape(report.scope)}</h2>",
        (f"<p>{when(report.start)} to {when(report.end)}<br>Printed by {escape(report.generated_by)} "
         f"at {when(report.generated_at)}</p>"),
        (f"<p><b>Total taken: {_money(report.total, cur)}</b> from {report.sales} sale(s) · "
         f"{report.check_ins} check-in(s) · {len(report.reversals)} reversal(s) · {report.denials} denied scan(s) · "
         f"{len(report.overrides)} override(s)</p>"),
        "<h3>Takings by payment method</h3>",
        table(["Method", "Amount"], [[m.label, _money(a, cur)] for m, a in report.takings]
              + [["Total", _money(report.total, cur)]]),
    ]
    if report.branch_id is None:
        parts += ["<h3>By branch</h3>", table(
            ["Branch", "Sales", "Total", "Check-ins", "Reversals", "Denied", "Overrides"],
            [[b.branch_name, str(b.sales), _money(b.total, b.currency), str(b.check_ins), str(b.reversals),
              str(b.denials), str(b.overrides)] for b in report.branches])]
    parts += ["<h3>Payments</h3>", table(
        ["Receipt", "Time", "Member", "Service", "Amount", "Method", "Staff"],
        [[str(p.receipt_no), when(p.time), f"#{p.member_no} {p.member_name}", p.service_name,
          _money(p.amount, cur), p.method.label, p.staff_name] for p in report.payments])]
    if report.reversals:
        parts += ["<h3>Reversals</h3>", table(
            ["Time", "Member", "Staff", "Notes"],
            [[when(r.time), f"#{r.member_no} {r.member_name}", r.staff_name, r.notes] for r in report.reversals])]
    if report.overrides:
        parts += ["<h3>Overrides</h3>", table(
            ["Time", "Member", "Approved by", "Reason"],
            [[when(o.time), f"#{o.member_no} {o.member_name}", o.approved_by, o.reason] for o in report.overrides])]
    return "<html><body style='font-family:sans-serif; font-size:9pt'>" + "".join(parts) + "</body></html>"


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
    printer.setDocName(f"Shift report {report.scope}")
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print shift report")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    print_report_to(report, printer)
    return True
