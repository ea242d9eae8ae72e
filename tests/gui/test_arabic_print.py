"""Printed in Arabic: the receipt and the end-of-shift report PDFs hold the Arabic words as text (shaped glyphs of an
embedded font, compared after NFKC as pdftotext gives presentation forms), not boxes; the CSV's headers in Arabic."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from reception.services.context import Receipt
from reception.ui import i18n
from tests.gui.fixtures_pages import OFFSCREEN_NOISE

pytestmark = [OFFSCREEN_NOISE, pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")]


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout
    # pdftotext wraps runs in directional embeddings (U+202A-U+202E): not part of what is printed
    return "".join(ch for ch in unicodedata.normalize("NFKC", out) if not "\u202a" <= ch <= "\u202e")


def pdf_fonts(path: Path) -> str:
    return subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout


@pytest.fixture
def arabic(qapp):  # type: ignore[no-untyped-def]
    i18n.install(qapp, "ar")
    yield


def test_an_arabic_receipt_pdf_holds_its_arabic_words(arabic, tmp_path: Path) -> None:
    from reception.ui.receipt_pdf import save_receipt_pdf

    receipt = Receipt(12, "Reception Gym", "مدينة نصر", 152, "سارة محمود", "12 sessions pack", date(2026, 3, 1),
                      date(2026, 4, 1), 12, "session", Decimal("1250"), "EGP", "Cash", "Omar Adel",
                      datetime(2026, 3, 1, 10, 0, tzinfo=timezone.utc), "Africa/Cairo")
    target = tmp_path / "receipt.pdf"
    save_receipt_pdf(receipt, target)
    text = pdf_text(target)
    for words in ("إيصال رقم", "الإجمالي", "طريقة الدفع", "مدينة نصر", "سارة محمود", "1,250.00"):
        assert words in text, f"{words!r} not in the PDF's text:\n{text}"
    assert " yes " in pdf_fonts(target).splitlines()[2]  # the font is embedded


def test_an_arabic_shift_report_pdf_holds_its_arabic_words(arabic, main_window, ui_context, qtbot, tmp_path, app,
                                                           clock) -> None:
    clock.advance(minutes=1)
    sara = app.customers.register(ui_context.desk, full_name="سارة محمود", phone="01001234567")
    monthly = next(s for s in app.catalogue.services() if s.name == "Monthly – 1 month")
    app.subscriptions.activate(ui_context.desk, sara.id, monthly.id)
    clock.advance(minutes=1)
    dialog = main_window.manage.open_report()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=5000)
    target = tmp_path / "report.pdf"
    dialog.save_pdf(str(target))
    qtbot.waitUntil(target.exists, timeout=10_000)
    text = pdf_text(target)
    for words in ("تقرير الوردية", "المحصل حسب طريقة الدفع", "المدفوعات", "سارة محمود", "نقد"):
        assert words in text, f"{words!r} not in the PDF's text:\n{text}"
    exported = tmp_path / "report.csv"
    with qtbot.waitSignal(dialog.exported, timeout=5000):
        dialog.export_csv(str(exported))
    raw = exported.read_bytes()
    assert raw.startswith("\ufeff".encode()), "no UTF-8 byte order mark: Excel would misread the Arabic"
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("تقرير الوردية,")
    assert any(line.startswith("إيصال رقم,الوقت,رقم العضو,العضو,الخدمة,المبلغ") for line in lines), lines
    assert any("سارة محمود" in line for line in lines)


def test_an_arabic_member_card_pdf_holds_its_arabic_words(arabic, app, tmp_path: Path) -> None:
    from dataclasses import replace

    from reception.ui.cards import CardFace, save_card_pdf
    from tests.gui.fixtures_pages import member

    sara = replace(member(app, 1), full_name="سارة محمود", member_no=152)
    target = save_card_pdf(CardFace.of(sara, "مدينة نصر"), tmp_path / "card.pdf")
    text = pdf_text(Path(target))
    for words in ("سارة محمود", "مدينة نصر"):
        assert words in text, f"{words!r} not in the card's text:\n{text}"
    # Where a number sits beside Arabic words in the text depends on how pdftotext guesses the line's direction
    # (the card's Latin code can share the line): the label and the number on one line is what is printed.
    assert any("عضو رقم" in line and "152" in line.split() for line in text.splitlines()), \
        f"no line holds 'عضو رقم' and 152:\n{text}"
