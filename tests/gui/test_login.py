"""Signing in: the right password opens the desk, a wrong one says so without saying which part, owners pick a branch."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from reception.domain.models import Role
from reception.ui.login_dialog import LoginDialog


@pytest.fixture
def login(app, ui_context, qtbot):  # type: ignore[no-untyped-def]
    dialog = LoginDialog(app.staff, app.catalogue, ui_context.runner, database=app.description)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def sign_in(qtbot, dialog: LoginDialog, username: str, password: str) -> None:  # type: ignore[no-untyped-def]
    form = dialog.form
    form.username.setText(username)
    form.password.setText(password)
    qtbot.keyClick(form.password, Qt.Key.Key_Return)


def test_receptionist_signs_in_at_their_branch(qtbot, login, app):
    with qtbot.waitSignal(login.accepted, timeout=5000):
        sign_in(qtbot, login, "desk2", "demo1234")
    assert login.desk is not None
    assert login.desk.staff.username == "desk2"
    branches = {b.number: b for b in app.catalogue.branches()}
    assert login.desk.branch.id == branches[2].id


@pytest.mark.parametrize("username", ["desk1", "nobody"])
def test_wrong_password_or_unknown_user_gets_one_message(qtbot, login, username):
    sign_in(qtbot, login, username, "not-the-password")
    qtbot.waitUntil(lambda: login.form.error.isVisible())
    assert login.form.error.text() == "Wrong username or password."
    assert login.isVisible() and login.desk is None
    assert login.form.password.text() == ""


def test_repeated_failures_slow_down(qtbot, login):
    for _ in range(5):
        sign_in(qtbot, login, "desk3", "wrong")
        qtbot.waitUntil(lambda: login.form.button.isEnabled() and login.form.error.isVisible())
        assert login.form.error.text() == "Wrong username or password."
        login.form.error.hide()
    sign_in(qtbot, login, "desk3", "demo1234")  # even the right password waits now
    qtbot.waitUntil(lambda: login.form.button.isEnabled() and login.form.error.isVisible())
    assert login.form.error.text() == "Too many attempts; try again in 30 seconds."
    assert login.desk is None


def test_owner_picks_a_branch(qtbot, login, app):
    sign_in(qtbot, login, "owner", "demo1234")
    qtbot.waitUntil(lambda: login.form.branch.isVisible())
    assert login.form.branch.count() == 3 and login.desk is None
    login.form.branch.setCurrentIndex(1)
    with qtbot.waitSignal(login.accepted, timeout=5000):
        login.form.button.click()
    assert login.desk.staff.role is Role.OWNER
    assert login.desk.branch.number == 2
