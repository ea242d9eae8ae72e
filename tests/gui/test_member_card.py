"""Member cards: the QR image decodes to the card code's layout, PNG and PDF files are written at the right size."""

from __future__ import annotations

import io

from PIL import Image
from PySide6.QtGui import QImage

from reception.ui.cards import CARD_PIXELS, CardFace, qr_image, render_card, save_card
from reception.ui.widgets.photo import initials_image, portrait
from tests.gui.fixtures_pages import member


def _face(app, with_photo: bool = False) -> CardFace:  # type: ignore[no-untyped-def]
    customer = member(app, 1)
    photo = None
    if with_photo:
        out = io.BytesIO()
        Image.new("RGB", (120, 160), "teal").save(out, "JPEG")
        photo = out.getvalue()
    face = CardFace.of(customer, "Nasr City")
    return CardFace(face.full_name, face.member_no, face.qr_code, face.initials, photo, face.branch_name)


def test_png_card_is_written_at_card_size(app, qapp, tmp_path) -> None:
    path = save_card(_face(app), tmp_path / "card.png")
    assert path.stat().st_size > 0
    image = QImage(str(path))
    assert not image.isNull() and image.size() == CARD_PIXELS


def test_pdf_card_is_written(app, qapp, tmp_path) -> None:
    path = save_card(_face(app, with_photo=True), tmp_path / "card.pdf")
    data = path.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 1000


def test_unknown_extension_becomes_pdf(app, qapp, tmp_path) -> None:
    path = save_card(_face(app), tmp_path / "card")
    assert path.name == "card.pdf" and path.stat().st_size > 0


def test_qr_image_is_square_black_and_white(qapp) -> None:
    image = qr_image("GYM-1-4E3C3382", 200)
    assert image.width() == image.height() and 150 <= image.width() <= 200
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)}
    assert colours == {"#000000", "#ffffff"}


def test_qr_image_decodes_when_a_decoder_is_installed(qapp) -> None:
    zxingcpp = __import__("pytest").importorskip("zxingcpp")
    image = qr_image("GYM-1-4E3C3382", 300)
    buffer = image.convertToFormat(QImage.Format.Format_Grayscale8)
    pil = Image.frombytes("L", (buffer.width(), buffer.height()), bytes(buffer.constBits()), "raw", "L",
                          buffer.bytesPerLine())
    assert [r.text for r in zxingcpp.read_barcodes(pil)] == ["GYM-1-4E3C3382"]


def test_card_shows_photo_or_initials(app, qapp) -> None:
    with_photo = render_card(_face(app, with_photo=True))
    without = render_card(_face(app))
    assert with_photo != without
    assert not initials_image("MS", 64).isNull()
    assert portrait(None, "MS", 48).width() == 48
