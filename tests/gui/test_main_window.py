"""The desk window: status bar, page shortcuts, switch user, lock, and USB scanner bursts routed to the Scan page."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout

from reception.scanning.wedge import WedgeDetector
from reception.ui.dialogs.base import Dialog
from reception.ui.widgets.wedge_filter import WedgeFilter
from tests.gui.fixtures_pages import plain


def test_status_bar_shows_staff_branch_and_database(main_window, ui_context, app):
    assert ui_context.desk.staff.full_name in main_window.staff_label.text()
    assert plain(main_window.staff_label.text()) == "Omar Adel (Receptionist)"
    assert ui_context.desk.branch.name in main_window.branch_label.text()
    assert plain(main_window.database_label.text()) == app.description
    assert main_window.clock_label.text()


def test_fits_a_1366x768_screen(main_window):
    hint = main_window.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 728


def test_ctrl_digits_switch_pages(qtbot, main_window):
    assert main_window.current_page_name() == "scan"
    for key, page in ((Qt.Key.Key_2, "customers"), (Qt.Key.Key_3, "attendance"), (Qt.Key.Key_1, "scan"),
                      (Qt.Key.Key_2, "customers")):
        qtbot.keyClick(main_window, key, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda page=page: main_window.current_page_name() == page, timeout=3000)
    assert main_window.navigation.currentRow() == 1  # the list on the left follows the shortcut


def test_switch_user_changes_the_desk(qtbot, main_window, ui_context):
    main_window.switch_user()
    dialog = main_window.switch_dialog
    dialog.form.username.setText("manager")
    dialog.form.password.setText("demo1234")
    with qtbot.waitSignal(ui_context.events.desk_changed, timeout=5000) as changed:
        dialog.form.button.click()
    assert changed.args[0].staff.username == "manager"
    assert "(Manager)" in main_window.staff_label.text()


def test_lock_needs_a_sign_in_to_continue(qtbot, main_window, ui_context):
    qtbot.keyClick(main_window.scan_page.code_field, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert main_window.locked and main_window.lock_overlay.isVisible()
    assert not main_window.switch_user_action.isEnabled()
    form = main_window.lock_overlay.form
    form.password.setText("wrong")
    form.button.click()
    qtbot.waitUntil(lambda: form.error.isVisible())
    assert main_window.locked and form.error.text() == "Wrong username or password."

    form.username.setText("desk2")
    form.password.setText("demo1234")
    with qtbot.waitSignal(ui_context.events.desk_changed, timeout=5000):
        form.button.click()
    assert not main_window.locked and not main_window.lock_overlay.isVisible()
    assert ui_context.desk.staff.username == "desk2"


def clock_ticking(step: float):  # type: ignore[no-untyped-def]
    """Each key `step` seconds after the previous one: 0.005 is a scanner, 0.2 a person."""
    ticks = itertools.count()
    return lambda: next(ticks) * step


@pytest.fixture
def wedge_with_clock(main_window):  # type: ignore[no-untyped-def]
    """Replace the window's scanner filter with one on a scripted clock (qtbot types faster than any person)."""
    installed = []

    def install(step: float) -> WedgeFilter:
        app = QApplication.instance()
        app.removeEventFilter(main_window.wedge)
        scripted = WedgeFilter(WedgeDetector(), clock=clock_ticking(step), parent=main_window)
        scripted.scanned.connect(main_window._wedge_scanned)
        app.installEventFilter(scripted)
        installed.append(scripted)
        return scripted

    yield install
    for scripted in installed:
        QApplication.instance().removeEventFilter(scripted)


def open_dialog_with_field(main_window, qtbot) -> tuple[Dialog, QLineEdit]:  # type: ignore[no-untyped-def]
    dialog = Dialog(main_window)
    field = QLineEdit(dialog)
    QVBoxLayout(dialog).addWidget(field)
    dialog.open()
    qtbot.waitExposed(dialog)
    field.setFocus()
    return dialog, field


def test_a_scanner_burst_while_a_dialog_is_open_goes_to_the_scan_page(qtbot, main_window, wedge_with_clock,
                                                                       customer_no):
    wedge_with_clock(0.005)
    dialog, field = open_dialog_with_field(main_window, qtbot)
    member = customer_no(1)
    qtbot.keyClicks(field, member.qr_code)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    page = main_window.scan_page
    qtbot.waitUntil(lambda: page.card.name.text() == member.full_name)
    assert field.text() == ""  # nothing of the code stayed in the dialog
    assert dialog.isVisible()  # the scanner's Enter did not press the dialog's button


def test_a_person_typing_is_not_a_scan(qtbot, main_window, wedge_with_clock):
    scripted = wedge_with_clock(0.2)
    scans: list[object] = []
    scripted.scanned.connect(scans.append)
    _dialog, field = open_dialog_with_field(main_window, qtbot)
    qtbot.keyClicks(field, "Ahmed Ali")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.text() == "Ahmed Ali" and scans == []


def test_a_short_fast_word_is_given_back_before_enter(qtbot, main_window, wedge_with_clock):
    wedge_with_clock(0.005)
    _dialog, field = open_dialog_with_field(main_window, qtbot)
    qtbot.keyClicks(field, "Ali")  # fast but too short for a card: held keys come back
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.text() == "Ali"


@pytest.fixture
def quiet_start(monkeypatch):  # type: ignore[no-untyped-def]
    """run_gui without modal boxes or global changes that would outlive the test."""
    import sys
    import threading

    from reception.ui import app as gui_app

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr("reception.ui.style.apply_theme", lambda *_args, **_kw: None)
    shown: list[str] = []
    monkeypatch.setattr(gui_app, "_storage_message", lambda text, title="": shown.append(text))
    return shown


def test_a_damaged_database_is_a_message_and_exit_2(tmp_path, quiet_start):
    import argparse

    from reception.ui.app import run_gui

    damaged = tmp_path / "gym.sqlite3"
    damaged.write_bytes(b"this is not a database" * 100)
    code = run_gui(argparse.Namespace(db=str(damaged), demo=False, camera=None))
    assert code == 2
    assert len(quiet_start) == 1 and "Traceback" not in quiet_start[0]


def test_demo_start_on_a_fresh_machine_builds_the_demo_gym(quiet_start, monkeypatch):
    import argparse

    from reception import paths
    from reception.bootstrap import open_app
    from reception.ui.app import run_gui
    from reception.ui.login_dialog import LoginDialog

    monkeypatch.setattr(LoginDialog, "exec", lambda self: 0)  # the person closes the sign-in
    assert run_gui(argparse.Namespace(db=None, demo=True, camera=None)) == 0
    assert quiet_start == []
    built = open_app(paths.demo_database_url())
    try:
        assert len(built.catalogue.branches()) == 3
    finally:
        built.close()


def test_settings_open_from_the_desk_menu(qtbot, main_window):
    from reception.ui.dialogs.settings_dialog import SettingsDialog

    main_window.settings_action.trigger()
    qtbot.waitUntil(lambda: any(isinstance(w, SettingsDialog) and w.isVisible() for w in main_window.children()))
    dialog = next(w for w in main_window.children() if isinstance(w, SettingsDialog))
    dialog.reject()
