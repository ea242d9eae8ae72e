"""A reprinted receipt saved as a PDF, laid out as on the 80 mm printer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QWidget

from reception.services.context import Receipt
from reception.ui.receipts import print_receipt_to
from reception.ui.i18n import tr


def save_receipt_pdf(receipt: Receipt, path: str | Path) -> str:
    """Write the receipt to `path` (a PDF 80 mm wide); returns the path written."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setDocName(tr("Receipt {number}").format(number=receipt.receipt_label))
    print_receipt_to(receipt, printer)
    return str(path)


def ask_receipt_path(receipt: Receipt, parent: QWidget | None = None) -> str:
    suggested = str(Path.home() / f"receipt-{receipt.receipt_label}.pdf")
    path, _ = QFileDialog.getSaveFileName(parent, tr("Save receipt as PDF"), suggested, tr("PDF (*.pdf)"))
    return path
