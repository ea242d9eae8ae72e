"""Printing a sale's receipt: plain text lines laid out for an 80 mm receipt printer (or any page)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from reception.services.context import Receipt
from reception.ui.i18n import digits, number, receipt_number, right_to_left, tr
from reception.ui.words import payment_word, unit_word

PAPER_WIDTH_MM = 80.0
PRINTABLE_WIDTH_MM = 72.0  # what most 80 mm printers really print
LINE_CHARS = 32


def _pair(left: str, right: str, width: int = LINE_CHARS) -> str:
    space = max(1, width - len(left) - len(right))
    return left + " " * space + right


def receipt_lines(receipt: Receipt) -> list[str]:
    """The receipt as lines of at most 32 characters (a monospaced 80 mm layout)."""
    rule = "-" * LINE_CHARS
    period = f"{receipt.start_date:%d/%m/%Y} - {receipt.end_date:%d/%m/%Y}"
    issued = receipt.issued_at.astimezone(ZoneInfo(receipt.timezone))  # branch-local, as on the desk's clock
    lines = [
        receipt.gym_name[:LINE_CHARS].center(LINE_CHARS).rstrip(),
        receipt.branch_name[:LINE_CHARS].center(LINE_CHARS).rstrip(),
        rule,
        _pair(tr("Receipt no."), receipt_number(receipt)),
        _pair(tr("Date"), digits(f"{issued:%d/%m/%Y %H:%M}")),
        rule,
        tr("Member #{number}").format(number=number(receipt.member_no)),
        receipt.member_name[:LINE_CHARS],
        receipt.service_name[:LINE_CHARS],
        period,
    ]
    if receipt.units:
        lines.append(unit_word(receipt.unit_name, receipt.units))
    lines += [
        rule,
        _pair(tr("TOTAL"), digits(f"{receipt.amount:,.2f} {receipt.currency}")),
        _pair(tr("Paid by"), payment_word(receipt.method)),
        rule,
        tr("Served by {name}").format(name=receipt.staff_name)[:LINE_CHARS],
        tr("Thank you!").center(LINE_CHARS).rstrip(),
    ]
    return lines


def print_receipt_to(receipt: Receipt, printer: QPrinter) -> None:
    """Lay the lines out on a roll 80 mm wide (page length to fit) and paint them."""
    lines = receipt_lines(receipt)
    line_mm = 4.2
    height_mm = 8 + line_mm * len(lines)
    printer.setPageSize(QPageSize(QSizeF(PAPER_WIDTH_MM, height_mm), QPageSize.Unit.Millimeter, "Receipt"))
    printer.setPageMargins(QMarginsF(4, 4, 4, 4), QPageLayout.Unit.Millimeter)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("The printer could not be opened.")
    dots_per_mm = printer.resolution() / 25.4
    font = QFont("monospace")
    font.setStyleHint(QFont.StyleHint.TypeWriter)
    # 32 monospaced characters across the printable width
    font.setPixelSize(max(1, int(PRINTABLE_WIDTH_MM * dots_per_mm / LINE_CHARS / 0.62)))
    painter.setFont(font)
    if right_to_left():  # labels on the right, values on the left, as an Arabic receipt reads
        painter.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    step = line_mm * dots_per_mm
    width = PRINTABLE_WIDTH_MM * dots_per_mm
    for row, line in enumerate(lines):
        painter.drawText(QRectF(0, row * step, width, step), Qt.AlignmentFlag.AlignLeft, line)
    painter.end()


def print_receipt(receipt: Receipt, parent: QWidget | None = None) -> bool:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(tr("Receipt {number}").format(number=receipt.receipt_label))
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(tr("Print receipt"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    print_receipt_to(receipt, printer)
    return True
