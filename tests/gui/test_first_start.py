"""First start on an empty database: create the gym through the form, or open the demo gym in its own file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from reception.bootstrap import App, open_app
from reception.domain.models import Role
from reception.services.setup import is_empty
from reception.ui.dialogs.first_start_dialog import FirstStartDialog
from reception.ui.tasks import Runner


@pytest.fixture
def empty_app(tmp_path: Path, clock) -> Iterator[App]:  # type: ignore[no-untyped-def]
    application = open_app(f"sqlite:///{tmp_path / 'reception.sqlite3'}", clock=clock)
    yield application
    application.close()


@pytest.fixture
def dialog(empty_app: App, qtbot) -> Iterator[FirstStartDialog]:  # type: ignore[no-untyped-def]
    runner = Runner()
    first = FirstStartDialog(empty_app.uow, runner, database=empty_app.description)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    yield first
    runner.wait(30_000)


def fill(qtbot, dialog: FirstStartDialog, **values: str) -> None:  # type: ignore[no-untyped-def]
    for key, text in values.items():
        field = dialog.inputs[key]
        field.clear()  # type: ignore[attr-defined]
        qtbot.keyClicks(field, text)


def test_opens_with_cairo_and_egp(dialog):
    assert dialog.timezone.currentText() == "Africa/Cairo"
    assert dialog.currency.text() == "EGP"
    assert dialog.timezone.findText("Europe/Berlin") >= 0


def test_creating_the_gym_makes_the_branch_and_an_owner_who_can_sign_in(qtbot, dialog, empty_app):
    fill(
        qtbot,
        dialog,
        branch_name="Dokki",
        address="12 Tahrir St",
        owner_full_name="Nadia Fahmy",
        owner_username="Nadia",
        password="s3cret-pass",
        password_confirm="s3cret-pass",
    )
    dialog.timezone.setCurrentText("Africa/Cairo")
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):
        qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.choice == "created" and dialog.created_username == "nadia"
    [branch] = empty_app.catalogue.branches()
    assert (branch.number, branch.name, branch.address, branch.timezone) == (1, "Dokki", "12 Tahrir St", "Africa/Cairo")
    assert branch.rules.currency == "EGP"
    owner = empty_app.staff.authenticate("nadia", "s3cret-pass")
    assert owner.role is Role.OWNER and owner.full_name == "Nadia Fahmy"


def test_invalid_input_is_shown_under_each_field_and_writes_nothing(qtbot, dialog, empty_app):
    fill(
        qtbot,
        dialog,
        branch_name="X",
        currency="EG",
        owner_full_name="",
        owner_username="no spaces",
        password="short",
        password_confirm="short",
    )
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog.error_text("branch_name")), timeout=5000)
    for key in ("branch_name", "currency", "owner_full_name", "owner_username", "password"):
        assert dialog.error_text(key), key
    assert dialog.error_text("address") == "" and dialog.error_text("timezone") == ""
    assert dialog.isVisible() and dialog.choice is None
    assert dialog.create_button.isEnabled()
    assert is_empty(empty_app.uow)


def test_passwords_that_differ_are_caught_before_anything_is_written(qtbot, dialog, empty_app):
    fill(
        qtbot,
        dialog,
        branch_name="Dokki",
        owner_full_name="Nadia Fahmy",
        owner_username="nadia",
        password="s3cret-pass",
        password_confirm="s3cret-pasS",
    )
    qtbot.keyClick(dialog.password_confirm, Qt.Key.Key_Return)
    assert dialog.error_text("password_confirm") == "The two passwords are not the same."
    assert dialog.choice is None and is_empty(empty_app.uow)


def test_open_the_demo_gym_builds_it_in_its_own_file(qtbot, dialog, empty_app, tmp_path, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("RECEPTION_HOME", str(home))
    with qtbot.waitSignal(dialog.accepted, timeout=120_000):
        qtbot.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton)
    assert dialog.choice == "demo"
    demo_file = home / "data" / "demo.sqlite3"
    assert demo_file.exists()
    demo = open_app(f"sqlite:///{demo_file}")
    try:
        with demo.uow.reading() as reading:
            assert reading.customers.count() == 150
    finally:
        demo.close()
    assert is_empty(empty_app.uow)  # the gym's own database is untouched
