"""Member cards: the QR code as an image, a printable card (name, member no, photo or initials, QR), PDF/PNG/print."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import qrcode
from PySide6.QtCore import QMarginsF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from reception.domain.models import Customer
from reception.ui.widgets.photo import initials_image, photo_image
from PySide6.QtCore import QT_TR_NOOP
from reception.ui.i18n import ltr, number, tr

CARD_MM = QSizeF(85.6, 54.0)  # ISO/IEC 7810 ID-1, the size of a bank card
CARD_PIXELS = QSize(1012, 638)  # ID-1 at 300 dpi
GYM_NAME = "Reception Gym"


@dataclass(frozen=True)
class CardFace:
    """What is printed on a member's card."""

    full_name: str
    member_no: int
    qr_code: str
    initials: str
    photo: bytes | None = None
    branch_name: str = ""
    gym_name: str = GYM_NAME

    @classmethod
    def of(cls, customer: Customer, branch_name: str = "", gym_name: str = GYM_NAME) -> CardFace:
        return cls(customer.full_name, customer.member_no, customer.qr_code, customer.initials, customer.photo,
                   branch_name, gym_name)


def qr_image(code: str, side: int = 240, border: int = 2) -> QImage:
    """The card code as a black-on-white QR image of about `side` pixels, whole pixels per module."""
    qr = qrcode.QRCode(border=border, error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(code)
    qr.make(fit=True)
    matrix = qr.get_matrix()
    count = len(matrix)
    module = max(1, side // count)
    image = QImage(count * module, count * module, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("black"))
    for y, line in enumerate(matrix):
        for x, dark in enumerate(line):
            if dark:
                painter.drawRect(x * module, y * module, module, module)
    painter.end()
    return image


def paint_card(painter: QPainter, rect: QRectF, face: CardFace) -> None:
    """Draw the card into `rect`; every measure is a fraction of the card so it scales to any device."""
    w, h = rect.width(), rect.height()
    x0, y0 = rect.left(), rect.top()
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.setPen(QColor("#c8ced6"))
    painter.setBrush(QColor("white"))
    painter.drawRoundedRect(rect, w * 0.03, w * 0.03)
    band = QRectF(x0, y0, w, h * 0.18)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#1f4e79"))
    painter.drawRect(band)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(max(1, int(h * 0.09)))
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(band.adjusted(w * 0.04, 0, -w * 0.04, 0),
                     Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, face.gym_name)
    if face.branch_name:
        font.setBold(False)
        font.setPixelSize(max(1, int(h * 0.06)))
        painter.setFont(font)
        painter.drawText(band.adjusted(w * 0.04, 0, -w * 0.04, 0),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, face.branch_name)
    # left column: photo, name, number
    side = h * 0.42
    photo_rect = QRectF(x0 + w * 0.05, y0 + h * 0.25, side, side)
    picture = photo_image(face.photo)
    if picture is None:
        picture = initials_image(face.initials, max(16, int(side)))
    else:
        picture = picture.scaled(int(side), int(side), Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                                 Qt.TransformationMode.SmoothTransformation)
    painter.drawImage(photo_rect, picture, QRectF(0, 0, min(picture.width(), picture.height()),
                                                  min(picture.width(), picture.height())))
    text_left = x0 + w * 0.05
    text_width = w * 0.55
    font.setBold(True)
    font.setPixelSize(max(1, int(h * 0.085)))
    painter.setFont(font)
    painter.setPen(QColor("#111111"))
    name_rect = QRectF(text_left, y0 + h * 0.70, text_width, h * 0.13)
    name = painter.fontMetrics().elidedText(face.full_name, Qt.TextElideMode.ElideRight, int(text_width))
    painter.drawText(name_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, name)
    font.setBold(False)
    font.setPixelSize(max(1, int(h * 0.07)))
    painter.setFont(font)
    painter.setPen(QColor("#444444"))
    painter.drawText(QRectF(text_left, y0 + h * 0.83, text_width, h * 0.11),
                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, tr("Member no. {number}").format(
                         number=number(face.member_no)))
    # right column: the QR code, square, with its code written under it
    qr_side = h * 0.62
    qr_rect = QRectF(x0 + w - qr_side - w * 0.05, y0 + h * 0.22, qr_side, qr_side)
    painter.drawImage(qr_rect, qr_image(face.qr_code, int(qr_side)))
    font.setPixelSize(max(1, int(h * 0.045)))
    painter.setFont(font)
    painter.drawText(QRectF(qr_rect.left() - w * 0.03, qr_rect.bottom() + h * 0.01, qr_side + w * 0.06, h * 0.08),
                     Qt.AlignmentFlag.AlignCenter, face.qr_code)
    painter.restore()


def render_card(face: CardFace, size: QSize = CARD_PIXELS) -> QImage:
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.setDotsPerMeterX(11811)  # 300 dpi
    image.setDotsPerMeterY(11811)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    paint_card(painter, QRectF(0, 0, size.width(), size.height()), face)
    painter.end()
    return image


def save_card_png(face: CardFace, path: str | Path) -> Path:
    target = Path(path)
    if not render_card(face).save(str(target), "PNG"):
        raise OSError(f"could not write {target}")
    return target


def save_card_pdf(face: CardFace, path: str | Path) -> Path:
    """One page the size of the card, at 300 dpi, ready for a card printer."""
    target = Path(path)
    writer = QPdfWriter(str(target))
    writer.setResolution(300)
    writer.setPageSize(QPageSize(CARD_MM, QPageSize.Unit.Millimeter, "ID-1"))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    writer.setTitle(tr("Member card {number}").format(number=face.member_no))
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"could not write {target}")
    paint_card(painter, QRectF(painter.viewport()), face)
    painter.end()
    return target


def save_card(face: CardFace, path: str | Path) -> Path:
    """PDF or PNG by the file's extension (anything else is saved as PDF with .pdf added)."""
    target = Path(path)
    if target.suffix.lower() == ".png":
        return save_card_png(face, target)
    if target.suffix.lower() != ".pdf":
        target = target.with_name(target.name + ".pdf")
    return save_card_pdf(face, target)


def print_card(face: CardFace, parent: QWidget | None = None) -> bool:
    """Ask for a printer and print the card at its real size on the page's top-left."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(tr("Member card {number}").format(number=face.member_no))
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(tr("Print member card"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    print_card_to(face, printer)
    return True


def print_card_to(face: CardFace, printer: QPrinter) -> None:
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("The printer could not be opened.")
    dpi_x, dpi_y = printer.resolution(), printer.resolution()
    width = CARD_MM.width() / 25.4 * dpi_x
    height = CARD_MM.height() / 25.4 * dpi_y
    paint_card(painter, QRectF(0, 0, width, height), face)
    painter.end()


# -- the "Save card…" and "Print card…" buttons, shared by the Customers page and the register dialog ----------

CARD_FILTERS = QT_TR_NOOP("PDF document (*.pdf);;PNG image (*.png)")


def ask_card_path(face: CardFace, parent: QWidget | None = None) -> str | None:
    from PySide6.QtWidgets import QFileDialog

    suggested = str(Path.home() / f"member-{face.member_no}-card.pdf")
    path, chosen = QFileDialog.getSaveFileName(parent, tr("Save member card"), suggested, tr(CARD_FILTERS))
    if not path:
        return None
    if not Path(path).suffix and "png" in chosen.lower():
        path += ".png"
    return path


def save_card_in_background(face: CardFace, parent: QWidget, runner: object, notice: object,
                            path: str | None = None) -> None:
    """Ask where (unless given), write the card off the GUI thread, say where it went."""
    target = path or ask_card_path(face, parent)
    if not target:
        return
    runner.run(lambda: save_card(face, target),  # type: ignore[attr-defined]
               lambda saved: notice.show_success(tr("Card saved to {path}.").format(path=ltr(saved))),  # type: ignore[attr-defined]
               notice.show_error)  # type: ignore[attr-defined]
