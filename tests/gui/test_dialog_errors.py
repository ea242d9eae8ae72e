"""Register and Override dialogs after errors: every message and button stays on screen, and a corrected field's
message goes away at once."""

from __future__ import annotations

from PySide6.QtCore import QDate, QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QLabel, QWidget

from reception.domain.models import Customer
from reception.ui.dialogs.override_dialog import OverrideDialog
from reception.ui.dialogs.register_dialog import RegisterDialog
from tests.gui.fixtures_pages import OFFSCREEN_NOISE, member

pytestmark = OFFSCREEN_NOISE

LONG_REASON = ("The manager's account was switched off by the owner this morning, so it cannot approve an override; "
               "ask another manager or the owner to enter their own username and password.")


def clipped(dialog: QDialog) -> list[str]:
    """Every visible button and label that is not wholly inside the dialog or is smaller than its content needs."""
    QApplication.processEvents()  # let the layout settle (a pending LayoutRequest resizes the dialog)
    inside = dialog.rect()
    problems: list[str] = []
    for widget in dialog.findChildren(QWidget):
        if not isinstance(widget, (QAbstractButton, QLabel)) or not widget.isVisibleTo(dialog):
            continue
        name = f"{type(widget).__name__} {widget.objectName() or getattr(widget, 'text', lambda: '')()[:40]!r}"
        where = QRect(widget.mapTo(dialog, QPoint(0, 0)), widget.size())
        if not inside.contains(where):
            problems.append(f"{name} at {where.getRect()} outside {inside.getRect()}")
            continue
        hint = widget.sizeHint()
        if isinstance(widget, QLabel) and widget.wordWrap() and widget.text():
            needed_height = widget.heightForWidth(widget.width())
            if widget.height() < needed_height:
                problems.append(f"{name} {widget.height()} px high, needs {needed_height}")
        elif widget.width() < hint.width() or widget.height() < hint.height():
            problems.append(f"{name} {widget.width()}x{widget.height()} < hint {hint.width()}x{hint.height()}")
    return problems


def assert_fits(dialog: QDialog, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A window manager answers a resize asynchronously: give it a moment, then every widget must fit."""
    try:
        qtbot.waitUntil(lambda: not clipped(dialog), timeout=2000)
    except AssertionError:
        pass
    assert clipped(dialog) == []


def _register(register_dialog, qtbot, customer: Customer | None = None) -> RegisterDialog:  # type: ignore[no-untyped-def]
    dialog = register_dialog(customer)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _fill_wrongly(dialog: RegisterDialog, qtbot) -> None:  # type: ignore[no-untyped-def]
    form = dialog.form
    qtbot.keyClicks(form.full_name, "A")
    qtbot.keyClicks(form.phone, "12345")
    qtbot.keyClicks(form.email, "not-an-email")
    form.date_of_birth.setDate(QDate(2030, 1, 1))
    qtbot.keyClicks(form.height_cm, "900")
    qtbot.keyClicks(form.weight_kg, "heavy")


def test_register_errors_leave_every_message_and_button_visible(register_dialog, ui_context, qtbot, tmp_path) -> None:
    dialog = _register(register_dialog, qtbot)
    assert_fits(dialog, qtbot)
    _fill_wrongly(dialog, qtbot)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.notice.kind == "error", timeout=5000)
    assert_fits(dialog, qtbot)
    not_a_picture = tmp_path / "member.jpg"
    not_a_picture.write_text("a shopping list, not a photo")
    dialog.load_photo(str(not_a_picture))
    qtbot.waitUntil(lambda: bool(dialog.form.error_text("photo")), timeout=5000)
    shown = [key for key in dialog.form.errors if dialog.form.error_text(key)]
    assert shown == ["full_name", "phone", "email", "date_of_birth", "height_cm", "weight_kg", "photo"]
    assert_fits(dialog, qtbot)
    assert dialog.save_button.isVisible()


def test_register_errors_fit_a_dialog_remembered_small(register_dialog, ui_context, qtbot) -> None:
    """A size remembered from an earlier opening must not hide what the errors add."""
    first = _register(register_dialog, qtbot)
    first.resize(first.minimumSize())
    first.reject()
    dialog = _register(register_dialog, qtbot)
    _fill_wrongly(dialog, qtbot)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.notice.kind == "error", timeout=5000)
    assert_fits(dialog, qtbot)


def test_shared_phone_question_is_fully_visible(register_dialog, ui_context, qtbot, app) -> None:
    dialog = _register(register_dialog, qtbot)
    qtbot.keyClicks(dialog.form.full_name, "Omar Salem")
    qtbot.keyClicks(dialog.form.phone, member(app, 1).phone)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.shared_phone.isVisible(), timeout=5000)
    assert_fits(dialog, qtbot)


def test_a_corrected_field_loses_its_message_at_once(register_dialog, ui_context, qtbot) -> None:
    dialog = _register(register_dialog, qtbot)
    _fill_wrongly(dialog, qtbot)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.notice.kind == "error", timeout=5000)
    form = dialog.form
    form.full_name.setText("Amina Farouk")
    assert form.error_text("full_name") == ""
    assert form.error_text("phone")  # the others are still wrong
    form.phone.setText("0101234")  # still not a phone: the message stays
    assert "Phone must be a mobile" in form.error_text("phone")
    form.phone.setText("01012345678")
    form.email.clear()
    form.date_of_birth.setDate(QDate(1990, 5, 1))
    form.height_cm.setText("170")
    assert dialog.notice.kind == "error"  # weight is still wrong
    form.weight_kg.setText("65")
    assert [key for key in form.errors if form.error_text(key)] == []
    assert dialog.notice.isHidden()
    assert_fits(dialog, qtbot)


def _override_dialog(ui_context, qtbot, app, call) -> OverrideDialog:  # type: ignore[no-untyped-def]
    dialog = OverrideDialog(desk=ui_context.desk, customer=member(app, 2), headline="Subscription expired",
                            override=call, runner=ui_context.runner)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_override_error_messages_are_fully_visible(ui_context, qtbot, app) -> None:
    from reception.domain.errors import NotAllowed

    def refuse_in_words(_reason, _approval):  # type: ignore[no-untyped-def]
        raise NotAllowed(LONG_REASON)

    dialog = _override_dialog(ui_context, qtbot, app, refuse_in_words)
    assert dialog.needs_approval  # desk1 is a receptionist
    assert_fits(dialog, qtbot)
    dialog.submit()  # no reason
    assert dialog.error.isVisible()
    assert_fits(dialog, qtbot)
    qtbot.keyClicks(dialog.reason, "paid at the counter")
    qtbot.keyClicks(dialog.username, "manager")
    qtbot.keyClicks(dialog.password, "demo1234")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.error.text() == LONG_REASON, timeout=5000)
    assert dialog.error.isVisible()
    assert_fits(dialog, qtbot)
    qtbot.keyClicks(dialog.password, "demo1234")  # typed again: the old answer no longer holds
    assert dialog.error.isHidden()


def test_override_error_goes_when_the_field_is_corrected(ui_context, qtbot, app) -> None:
    dialog = _override_dialog(ui_context, qtbot, app, lambda reason, approval: None)
    dialog.submit()
    assert dialog.error.text() == "Write the reason for the override."
    qtbot.keyClicks(dialog.reason, "paid at the counter")
    assert dialog.error.isHidden()
    dialog.submit()
    assert dialog.error.text() == "A manager must enter their username and password."
    qtbot.keyClicks(dialog.username, "manager")
    assert dialog.error.isVisible()  # the password is still missing
    qtbot.keyClicks(dialog.password, "x")
    assert dialog.error.isHidden()
