"""Sell a day pass (F6): the visitor's name and phone (optional), the payment, then the pass's QR shown large, to
photograph, print on the receipt printer, or save as PNG or PDF."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reception.domain.models import PaymentMethod, Service
from reception.services.passes import PassService, SoldPass
from reception.ui.cards import GYM_NAME, qr_image
from reception.ui.context import DeskContext
from reception.ui.dialogs.base import Dialog
from reception.ui.i18n import day, digits, isolate, ltr, receipt_number, tr
from reception.ui.messages import describe
from reception.ui.words import payment_word

QR_SIDE = 360  # on screen: large enough for a phone to photograph from the counter
LINE_CHARS = 32


def pass_lines(sold: SoldPass, gym_name: str, branch_name: str, timezone: str) -> list[str]:
    """The pass's receipt as lines of at most 32 characters (printed above its QR)."""
    zone = ZoneInfo(timezone)
    issued = sold.day_pass.issued_at.astimezone(zone)
    until = sold.day_pass.expires_at.astimezone(zone)
    rule = "-" * LINE_CHARS

    def pair(left: str, right: str) -> str:
        return left + " " * max(1, LINE_CHARS - len(left) - len(right)) + right

    lines = [gym_name[:LINE_CHARS].center(LINE_CHARS).rstrip(), branch_name[:LINE_CHARS].center(LINE_CHARS).rstrip(),
             rule, pair(tr("Receipt no."), receipt_number(sold.payment)),
             pair(tr("Date"), digits(f"{issued:%d/%m/%Y %H:%M}")), rule, tr("DAY PASS").center(LINE_CHARS).rstrip()]
    if sold.day_pass.visitor_name:
        lines.append(sold.day_pass.visitor_name[:LINE_CHARS])
    lines += [tr("One entry, valid until"), digits(f"{until:%d/%m/%Y %H:%M}"), rule,
              pair(tr("TOTAL"), digits(f"{sold.payment.amount:,.2f} {sold.currency}")),
              pair(tr("Paid by"), payment_word(sold.payment.method)), rule]
    return lines


def paint_pass(sold: SoldPass, printer: QPrinter, lines: list[str]) -> None:
    """The receipt lines and the QR under them, on an 80 mm roll (or a PDF of that size)."""
    line_mm, qr_mm = 4.2, 60.0
    printer.setPageSize(QPageSize(QSizeF(80.0, 12 + line_mm * len(lines) + qr_mm), QPageSize.Unit.Millimeter,
                                  "Receipt"))
    printer.setPageMargins(QMarginsF(4, 4, 4, 4), QPageLayout.Unit.Millimeter)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(tr("The printer could not be opened."))
    dots = printer.resolution() / 25.4
    font = QFont("monospace")
    font.setStyleHint(QFont.StyleHint.TypeWriter)
    font.setPixelSize(max(1, int(72.0 * dots / LINE_CHARS / 0.62)))
    painter.setFont(font)
    step, width = line_mm * dots, 72.0 * dots
    for row, line in enumerate(lines):
        painter.drawText(QRectF(0, row * step, width, step), Qt.AlignmentFlag.AlignLeft, line)
    side = qr_mm * dots
    image = qr_image(sold.code, side=int(side), border=4)
    painter.drawImage(QRectF((width - side) / 2, len(lines) * step + 2 * dots, side, side), image)
    painter.end()


class DayPassDialog(Dialog):
    """Two steps in one window: the sale's form, then the sold pass (its QR and what to do with it)."""

    def __init__(self, ctx: DeskContext, passes: PassService, services: list[Service],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._passes = passes
        self.sold: SoldPass | None = None
        self.setWindowTitle(tr("Sell a day pass"))
        branch = ctx.desk.branch
        root = QVBoxLayout(self)
        self.steps = QStackedWidget()
        root.addWidget(self.steps)

        form_page = QWidget()
        form = QFormLayout(form_page)
        self.name = QLineEdit()
        self.name.setMaxLength(120)
        self.name.setPlaceholderText(tr("optional"))
        self.phone = QLineEdit()
        self.phone.setMaxLength(32)
        self.phone.setPlaceholderText(tr("optional"))
        self.method = QComboBox()
        for method in branch.rules.payment_methods:
            self.method.addItem(payment_word(method), method.value)
        self.service = services[0] if services else None
        price = (digits(f"{self.service.price:,.2f} {branch.rules.currency}") if self.service
                 else tr("No day pass in the catalogue"))
        self.price = QLabel(price)
        self.price.setObjectName("bigNumber")
        form.addRow(tr("Visitor's name"), self.name)
        form.addRow(tr("Phone"), self.phone)
        form.addRow(tr("Payment"), self.method)
        form.addRow(tr("Price"), self.price)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        form.addRow(self.error)
        buttons = QDialogButtonBox()
        self.sell_button = buttons.addButton(tr("Sell (Enter)"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.sell_button.setDefault(True)
        self.sell_button.setEnabled(self.service is not None)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel).setText(tr("Cancel"))
        buttons.accepted.connect(self.sell)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        if self.service is None:
            self.error.setText(tr("A manager adds a day pass to the catalogue first (Manage → Catalogue)."))
            self.error.show()
        self.steps.addWidget(form_page)

        done_page = QWidget()
        done = QVBoxLayout(done_page)
        self.title = QLabel()
        self.title.setObjectName("memberName")
        self.title.setWordWrap(True)
        self.qr = QLabel()
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr.setMinimumSize(QR_SIDE, QR_SIDE)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setObjectName("bigCaption")
        done.addWidget(self.title)
        done.addWidget(self.qr, 1)
        done.addWidget(self.facts)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.hide()
        done.addWidget(self.status)
        actions = QDialogButtonBox()
        self.print_button = QPushButton(tr("Print"))
        self.png_button = QPushButton(tr("Save PNG…"))
        self.pdf_button = QPushButton(tr("Save PDF…"))
        for button in (self.print_button, self.png_button, self.pdf_button):
            actions.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.done_button = actions.addButton(tr("Done"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.print_button.clicked.connect(self.print_pass)
        self.png_button.clicked.connect(lambda: self.save_png(self._ask(tr("Save the pass as PNG"), "png")))
        self.pdf_button.clicked.connect(lambda: self.save_pdf(self._ask(tr("Save the pass as PDF"), "pdf")))
        self.done_button.clicked.connect(self.accept)
        done.addWidget(actions)
        self.steps.addWidget(done_page)
        self.name.setFocus()

    # -- sale -------------------------------------------------------------------------------------------------

    def sell(self) -> None:
        if self.service is None or not self.sell_button.isEnabled():
            return
        self.sell_button.setEnabled(False)
        passes, desk, service = self._passes, self.ctx.desk, self.service
        name, phone = self.name.text(), self.phone.text()
        method = PaymentMethod(self.method.currentData())
        self.ctx.runner.run(lambda: passes.sell(desk, name=name, phone=phone, method=method, service_id=service.id),
                            self._sold, self._refused, write=True)

    def _refused(self, error: BaseException) -> None:
        self.sell_button.setEnabled(True)
        self.error.setText(describe(error))
        self.error.show()

    def _sold(self, sold: SoldPass) -> None:
        self.sold = sold
        zone = ZoneInfo(self.ctx.desk.branch.timezone)
        until = sold.day_pass.expires_at.astimezone(zone)
        self.title.setText(tr("Day pass sold · receipt {number}").format(
            number=receipt_number(sold.payment)))
        self.qr.setPixmap(QPixmap.fromImage(qr_image(sold.code, side=QR_SIDE, border=4)))
        self.facts.setText(tr("One entry until {time} on {day}. Photograph the code, or print or save it.").format(
            time=ltr(f"{until:%H:%M}"), day=day(until.date())))
        self.steps.setCurrentIndex(1)
        self.done_button.setDefault(True)
        self.done_button.setFocus()

    # -- the sold pass --------------------------------------------------------------------------------------

    def _lines(self) -> list[str]:
        assert self.sold is not None
        branch = self.ctx.desk.branch
        return pass_lines(self.sold, GYM_NAME, branch.name, branch.timezone)

    def _ask(self, title: str, suffix: str) -> str:
        assert self.sold is not None
        suggested = str(Path.home() / f"day-pass-{self.sold.payment.receipt_label}.{suffix}")
        path, _ = QFileDialog.getSaveFileName(self, title, suggested, f"{suffix.upper()} (*.{suffix})")
        return path

    def _said(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setProperty("error", error)
        self.status.show()

    def save_png(self, path: str) -> bool:
        if not path or self.sold is None:
            return False
        if not qr_image(self.sold.code, side=720, border=4).save(path, "PNG"):
            self._said(tr("The file could not be written: choose another folder."), error=True)
            return False
        self._said(tr("Saved {path}").format(path=ltr(path)))
        return True

    def save_pdf(self, path: str) -> bool:
        if not path or self.sold is None:
            return False
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(path)
        try:
            paint_pass(self.sold, printer, self._lines())
        except OSError:
            self._said(tr("The file could not be written: choose another folder."), error=True)
            return False
        if not Path(path).exists():
            self._said(tr("The file could not be written: choose another folder."), error=True)
            return False
        self._said(tr("Saved {path}").format(path=ltr(path)))
        return True

    def print_pass(self) -> bool:
        if self.sold is None:
            return False
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(tr("Print the day pass"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        try:
            paint_pass(self.sold, printer, self._lines())
        except OSError as error:
            self._said(tr("Printing did not work: {error}").format(error=isolate(error)), error=True)
            return False
        return True
