"""Registering a member: inline messages, live BMI, shared phones, photo, and the temporary password + QR at the end."""

from __future__ import annotations

import io
import re

from PIL import Image

from reception.ui.dialogs.register_dialog import RegisterDialog
from tests.gui.fixtures_pages import OFFSCREEN_NOISE, member
from tests.conftest import owner_desk
from tests.gui.fixtures_pages import plain

pytestmark = OFFSCREEN_NOISE


def _dialog(register_dialog, qtbot, customer=None) -> RegisterDialog:  # type: ignore[no-untyped-def]
    dialog = register_dialog(customer)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _wait_idle(ui_context, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: ui_context.runner.pending == 0, timeout=5000)


def test_invalid_fields_get_a_message_each(register_dialog, ui_context, qtbot) -> None:
    dialog = _dialog(register_dialog, qtbot)
    qtbot.keyClicks(dialog.form.full_name, "A")
    qtbot.keyClicks(dialog.form.phone, "12345")
    qtbot.keyClicks(dialog.form.email, "not-an-email")
    qtbot.keyClicks(dialog.form.height_cm, "900")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.notice.kind == "error", timeout=5000)
    form = dialog.form
    assert form.error_text("full_name") == "Enter the member's full name."
    assert "Phone must be a mobile" in form.error_text("phone")
    assert "email address" in form.error_text("email")
    assert form.error_text("height_cm") == "Height (cm) must be between 50 and 250."
    assert form.error_text("weight_kg") == ""
    assert dialog.stack.currentIndex() == 0 and dialog.customer is None
    assert dialog.save_button.isEnabled()


def test_register_success_shows_temp_password_and_qr(register_dialog, ui_context, qtbot, app) -> None:
    dialog = _dialog(register_dialog, qtbot)
    changed: list[object] = []
    ui_context.events.customer_changed.connect(changed.append)
    qtbot.keyClicks(dialog.form.full_name, "Nour  El-Sayed")
    qtbot.keyClicks(dialog.form.phone, "01234567890")
    qtbot.keyClicks(dialog.form.height_cm, "165")
    with qtbot.waitSignal(dialog.registered, timeout=5000) as done:
        dialog.save_button.click()
    customer = done.args[0]
    assert customer.full_name == "Nour El-Sayed" and customer.branch_id == ui_context.desk.branch.id
    result = dialog.result_view
    assert dialog.stack.currentWidget() is result
    assert re.fullmatch(r"[A-Z]{2}\d{2}[A-Z]{2}", result.temp_password.text())
    assert result.temp_password.text() == customer.temp_password
    assert result.qr.property("code") == customer.qr_code and not result.qr.pixmap().isNull()
    assert f"member no. {customer.member_no}" in result.title.text()
    for button in (result.print_button, result.save_button, result.activate_button, result.close_button):
        assert not button.isHidden()
    assert changed == [customer.id]
    assert app.customers.get(owner_desk(app), customer.id).height_cm == 165


def test_save_card_from_the_result(register_dialog, ui_context, qtbot, tmp_path) -> None:
    dialog = _dialog(register_dialog, qtbot)
    qtbot.keyClicks(dialog.form.full_name, "Karim Adel")
    qtbot.keyClicks(dialog.form.phone, "01234567891")
    with qtbot.waitSignal(dialog.registered, timeout=5000):
        dialog.submit()
    dialog.save_card(str(tmp_path / "new.pdf"))
    qtbot.waitUntil(lambda: dialog.notice.kind == "success", timeout=5000)
    assert (tmp_path / "new.pdf").read_bytes().startswith(b"%PDF")


def test_bmi_is_computed_live(register_dialog, ui_context, qtbot) -> None:
    dialog = _dialog(register_dialog, qtbot)
    assert dialog.form.bmi.text() == "BMI: —"
    qtbot.keyClicks(dialog.form.height_cm, "180")
    assert dialog.form.bmi.text() == "BMI: —"
    qtbot.keyClicks(dialog.form.weight_kg, "81")
    assert dialog.form.bmi.text() == "BMI: 25.0 (overweight)"
    dialog.form.weight_kg.setText("72")
    assert dialog.form.bmi.text() == "BMI: 22.2 (normal)"
    dialog.form.height_cm.setText("abc")
    assert dialog.form.bmi.text() == "BMI: —"


def test_phone_in_use_asks_then_registers_a_family_member(register_dialog, ui_context, qtbot, app) -> None:
    dialog = _dialog(register_dialog, qtbot)
    qtbot.keyClicks(dialog.form.full_name, "Omar Salem")
    qtbot.keyClicks(dialog.form.phone, "01077827638")  # Mohamed Salem's phone
    dialog.submit()
    qtbot.waitUntil(lambda: not dialog.shared_phone.isHidden(), timeout=5000)
    assert "Mohamed Salem (member no. 1)" in plain(dialog.shared_phone_text.text())
    assert dialog.customer is None
    with qtbot.waitSignal(dialog.registered, timeout=5000) as done:
        dialog.confirm_shared.click()
    assert done.args[0].phone == member(app, 1).phone
    assert dialog.shared_phone.isHidden()


def test_photo_from_a_file_is_shrunk_below_50_kb(register_dialog, ui_context, qtbot, tmp_path) -> None:
    big = Image.effect_noise((1600, 1200), 90).convert("RGB")
    path = tmp_path / "me.png"
    big.save(path)
    assert path.stat().st_size > 50 * 1024
    dialog = _dialog(register_dialog, qtbot)
    dialog.load_photo(str(path))
    qtbot.waitUntil(lambda: dialog.form.photo_bytes is not None, timeout=10_000)
    assert len(dialog.form.photo_bytes) <= 50 * 1024
    assert Image.open(io.BytesIO(dialog.form.photo_bytes)).format == "JPEG"


def test_set_photo_bytes_and_a_bad_file(register_dialog, ui_context, qtbot, tmp_path) -> None:
    dialog = _dialog(register_dialog, qtbot)
    out = io.BytesIO()
    Image.new("RGB", (64, 64), "red").save(out, "JPEG")
    dialog.set_photo_bytes(out.getvalue())
    assert dialog.form.photo_bytes == out.getvalue() and dialog.form.remove_photo.isEnabled()
    bad = tmp_path / "not.jpg"
    bad.write_text("hello")
    dialog.load_photo(str(bad))
    qtbot.waitUntil(lambda: dialog.form.error_text("photo") != "", timeout=5000)
    assert "not a picture" in dialog.form.error_text("photo")


def test_edit_mode_updates_the_member(register_dialog, ui_context, qtbot, app) -> None:
    layla = member(app, 2)
    dialog = _dialog(register_dialog, qtbot, layla)
    assert dialog.form.phone.text() == layla.phone
    dialog.form.notes.setText("Prefers mornings")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.submit()
    assert app.customers.get(owner_desk(app), layla.id).notes == "Prefers mornings"
    assert not dialog.isVisible()
