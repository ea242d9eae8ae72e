"""Day passes at the desk through the real widgets: sell one (F6) and see its QR, scan it on the Scan page, admit
it with Enter, and a second scan is denied with the time of its use."""

from __future__ import annotations

from pathlib import Path

import cv2
import pytest
import zxingcpp
from PySide6.QtCore import Qt

from reception.domain.models import PaymentMethod
from reception.ui.dialogs.day_pass_dialog import DayPassDialog
from reception.ui.pages.scan_page import ScanPage


@pytest.fixture
def page(ui_context, app, sell, qtbot):  # type: ignore[no-untyped-def]
    widget = ScanPage(ui_context, front_desk=app.desk, customers=app.customers, catalogue=app.catalogue,
                      clock=app.clock, sell=sell, passes=app.passes)
    qtbot.addWidget(widget)
    widget.resize(1100, 680)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def scan(qtbot, page: ScanPage, code: str) -> None:  # type: ignore[no-untyped-def]
    page.code_field.setFocus()
    page.code_field.setText(code)  # a scanner's burst ends in Enter; the keys themselves are tested under Xvfb
    qtbot.keyClick(page.code_field, Qt.Key.Key_Return)


def test_a_scanned_pass_shows_its_validity_enter_admits_it_and_a_second_scan_is_denied(
        qtbot, page, app, ui_context, clock) -> None:  # type: ignore[no-untyped-def]
    sold = app.passes.sell(ui_context.desk, name="Visitor Amal", method=PaymentMethod.CASH)
    scan(qtbot, page, sold.code.lower())  # a scanner with Caps Lock on: the code is case-blind
    qtbot.waitUntil(lambda: page.current_pass is not None)
    card = page.card
    assert card.banner_text.text().startswith("ALLOWED — Day pass · valid until ")
    assert card.banner_text.text().endswith("· first use")
    assert card.name.text() == "Visitor Amal"
    assert card.check_in_button.isEnabled() and "Admit" in card.check_in_button.text()
    assert not card.deduct_button.isEnabled() and not card.override_button.isEnabled()

    qtbot.keyClick(page.code_field, Qt.Key.Key_Return)  # Enter admits
    qtbot.waitUntil(lambda: card.result_message.isVisible())
    assert card.result_message.text() == "Day pass used: welcome"
    assert not card.check_in_button.isEnabled()

    clock.advance(minutes=3)
    scan(qtbot, page, sold.code)
    qtbot.waitUntil(lambda: card.banner_text.text().startswith("DENIED"))
    assert "Already used at" in card.banner_text.text()
    assert not card.check_in_button.isEnabled()


def test_a_forged_pass_is_denied_in_words_not_an_error(qtbot, page, app, ui_context) -> None:  # type: ignore[no-untyped-def]
    sold = app.passes.sell(ui_context.desk, method=PaymentMethod.CASH)
    forged = sold.code[:60] + ("A" if sold.code[60] != "A" else "B") + sold.code[61:]
    scan(qtbot, page, forged)
    qtbot.waitUntil(lambda: page.current_pass is not None)
    assert page.card.banner_text.text() == "DENIED — This pass was altered or forged"
    scan(qtbot, page, sold.code[:90])
    qtbot.waitUntil(lambda: "incomplete" in page.card.banner_text.text())


def test_selling_a_pass_shows_a_qr_that_decodes_to_its_code_and_saves_png_and_pdf(
        qtbot, app, ui_context, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = DayPassDialog(ui_context, app.passes, app.passes.day_pass_services())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name, "Visitor Omar")
    assert "150.00" in dialog.price.text()
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.sold is not None and dialog.steps.currentIndex() == 1)
    assert dialog.sold is not None and dialog.sold.day_pass.visitor_name == "Visitor Omar"
    shown = tmp_path / "shown.png"
    assert dialog.qr.pixmap().save(str(shown))
    decoded = zxingcpp.read_barcodes(cv2.imread(str(shown)))
    assert [r.text for r in decoded] == [dialog.sold.code]
    assert dialog.save_png(str(tmp_path / "pass.png"))
    again = zxingcpp.read_barcodes(cv2.imread(str(tmp_path / "pass.png")))
    assert [r.text for r in again] == [dialog.sold.code]
    assert dialog.save_pdf(str(tmp_path / "pass.pdf"))
    assert (tmp_path / "pass.pdf").read_bytes()[:5] == b"%PDF-"
    assert not dialog.save_png(str(tmp_path / "missing-folder" / "pass.png"))
    assert "could not be written" in dialog.status.text()
