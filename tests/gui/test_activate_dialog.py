"""Selling a subscription from the desk: preview, price approval, renewal, other branches, receipt."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QLabel

from reception.domain.models import PaymentMethod
from reception.ui.dialogs.activate_dialog import ActivateDialog, SaleOpener
from reception.ui.receipts import LINE_CHARS, print_receipt_to, receipt_lines
from tests.gui.fixtures_pages import OFFSCREEN_NOISE, as_user, member  # noqa: F401
from tests.conftest import owner_desk
from tests.gui.fixtures_pages import plain

pytestmark = OFFSCREEN_NOISE


def _open(sell: SaleOpener, qtbot, customer) -> ActivateDialog:  # type: ignore[no-untyped-def]
    opened: list[ActivateDialog] = []
    sell(customer, on_open=opened.append)
    qtbot.waitUntil(lambda: bool(opened), timeout=5000)
    dialog = opened[0]
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.quote is not None, timeout=5000)
    return dialog


def _service(app, name: str):  # type: ignore[no-untyped-def]
    return next(s for s in app.catalogue.services(active_only=True) if s.name == name)


def test_preview_follows_the_service_and_start(sell, ui_context, qtbot, app) -> None:
    dialog = _open(sell, qtbot, member(app, 3))
    pack = _service(app, "12 sessions pack")
    dialog.select_service(pack.id)
    qtbot.waitUntil(lambda: dialog.quote is not None and dialog.quote.service.id == pack.id, timeout=5000)
    assert dialog.price.text() == "900.00"
    assert "21 Nov 2026 to 20 Jan 2027 inclusive · 12 sessions" in dialog.preview.text()
    dialog.start.setDate(dialog.start.date().addDays(3))
    qtbot.waitUntil(lambda: dialog.quote.start_date == date(2026, 11, 24), timeout=5000)
    assert "24 Nov 2026 to 23 Jan 2027" in dialog.preview.text()


def test_receptionist_cannot_change_the_price_without_a_manager(sell, ui_context, qtbot, app) -> None:
    dialog = _open(sell, qtbot, member(app, 3))
    monthly = _service(app, "Monthly – 1 month")
    dialog.select_service(monthly.id)
    assert dialog.price.isReadOnly() and not dialog.change_price.isHidden()
    dialog.change_price.click()
    box = dialog.approval_box
    assert not box.isHidden()
    qtbot.keyClicks(box.username, "manager")
    qtbot.keyClicks(box.password, "wrong-password")
    box.approve_button.click()
    qtbot.waitUntil(lambda: box.approve_button.isEnabled() and "Checking" not in box.status.text(), timeout=5000)
    assert "Wrong username or password" in box.status.text()
    assert dialog.price.isReadOnly()
    qtbot.keyClicks(box.password, "demo1234")
    with qtbot.waitSignal(box.approved, timeout=5000):
        box.approve_button.click()
    assert not dialog.price.isReadOnly() and "Approved by" in box.status.text()
    dialog.price.setText("450")
    dialog.select_method(PaymentMethod.CARD)
    with qtbot.waitSignal(dialog.activated, timeout=5000) as done:
        dialog.activate_button.click()
    result = done.args[0]
    assert result.payment.amount == Decimal("450.00") and result.approved_by.username == "manager"
    assert result.receipt.method == "Card"


def test_manager_edits_the_price_directly(sell, ui_context, qtbot, app, as_user) -> None:
    as_user("manager")
    dialog = _open(sell, qtbot, member(app, 3))
    assert not dialog.price.isReadOnly() and dialog.change_price.isHidden()
    dialog.price.setText("550")
    with qtbot.waitSignal(dialog.activated, timeout=5000) as done:
        dialog.submit()
    assert done.args[0].payment.amount == Decimal("550.00")


def test_already_active_offers_a_renewal_from_the_day_after(sell, ui_context, qtbot, app) -> None:
    mohamed = member(app, 1)  # annual membership until 29 Oct 2027
    dialog = _open(sell, qtbot, mohamed)
    dialog.select_service(_service(app, "Monthly – 1 month").id)
    qtbot.waitUntil(lambda: "Already active until 29 Oct 2027" in dialog.preview.text(), timeout=5000)
    dialog.activate_button.click()
    qtbot.waitUntil(lambda: dialog.renew_from is not None, timeout=5000)
    assert dialog.activate_button.text() == "Renew from 30 Oct 2027"
    assert "Renew from 30 Oct 2027 instead?" in dialog.notice.message
    changed: list[object] = []
    ui_context.events.subscription_changed.connect(changed.append)
    with qtbot.waitSignal(dialog.activated, timeout=5000) as done:
        dialog.activate_button.click()
    sub = done.args[0].subscription
    assert (sub.start_date, sub.end_date) == (date(2027, 10, 30), date(2027, 11, 29))
    assert changed == [mohamed.id]


def test_member_of_another_branch_gets_their_home_branch(sell, ui_context, qtbot, app, desk_for) -> None:
    hadeer = member(app, 4)  # branch 2 (Maadi); the desk is desk1 at branch 1
    for view in app.customers.profile(owner_desk(app), hadeer.id).subscriptions:
        app.subscriptions.cancel(desk_for("owner"), view.id)
    assert ui_context.desk.branch.id != hadeer.branch_id
    dialog = _open(sell, qtbot, hadeer)
    assert plain(dialog.branch.text()) == "Maadi (the member's home branch)"
    dialog.select_service(_service(app, "Monthly – 3 months").id)
    with qtbot.waitSignal(dialog.activated, timeout=5000) as done:
        dialog.submit()
    result = done.args[0]
    assert result.subscription.branch_id == hadeer.branch_id
    assert result.subscription.sold_at_branch == ui_context.desk.branch.id
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel)).lower()
    assert "mismatch" not in texts
    assert f"Receipt no. {result.receipt.receipt_no}" in dialog.notice.message
    assert "1,500.00 EGP" in dialog.receipt_text.text() and "Cash" in dialog.receipt_text.text()
    assert dialog.stack.currentIndex() == 1 and not dialog.print_button.isHidden()


def test_receipt_fits_80_mm_and_prints(sell, ui_context, qtbot, app, tmp_path) -> None:
    dialog = _open(sell, qtbot, member(app, 3))
    with qtbot.waitSignal(dialog.activated, timeout=5000) as done:
        dialog.submit()
    receipt = done.args[0].receipt
    lines = receipt_lines(receipt)
    assert all(len(line) <= LINE_CHARS for line in lines)
    assert any(line.startswith("Receipt no.") and line.endswith(str(receipt.receipt_no)) for line in lines)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "receipt.pdf"))
    print_receipt_to(receipt, printer)
    assert (tmp_path / "receipt.pdf").read_bytes().startswith(b"%PDF")
    assert abs(printer.pageLayout().fullRect().width() - 80) < 0.5  # millimetres


def test_receipt_prints_the_branch_local_time(sell, ui_context, qtbot, app, clock) -> None:
    """09:00 UTC is 11:00 in Cairo: the receipt shows the time on the desk's clock and in the shift report."""
    assert ui_context.desk.branch.timezone == "Africa/Cairo"
    dialog = _open(sell, qtbot, member(app, 3))
    with qtbot.waitSignal(dialog.activated, timeout=5000) as done:
        dialog.submit()
    receipt = done.args[0].receipt
    assert any(line.startswith("Date") and line.endswith("21/11/2026 11:00") for line in receipt_lines(receipt))
    assert "21/11/2026 11:00" in dialog.receipt_text.text()
    reprinted = app.subscriptions.receipt_for(ui_context.desk, done.args[0].subscription.id)
    assert "21/11/2026 11:00" in "\n".join(receipt_lines(reprinted))
