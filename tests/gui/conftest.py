"""A demo gym per test (copied from one built per session) and a UI context signed in at a desk."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from reception.bootstrap import App, open_app
from tests.conftest import FakeClock

# The offscreen platform says this whenever a window's size hints change; it is not a fault of ours.
OFFSCREEN_NOISE = r"This plugin does not support propagateSizeHints\(\)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/gui/" in item.nodeid.replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(autouse=True)
def english(qapp):  # type: ignore[no-untyped-def]
    """The desk in English, as on a machine set to English (plural forms from the English translation file);
    a test that switches language is put back afterwards."""
    from reception.ui import i18n

    i18n.install(qapp, "en")
    yield
    i18n.install(qapp, "en")


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from reception.services.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    app = open_app(f"sqlite:///{path}", clock=FakeClock())
    try:
        build_demo(app.uow, app.clock)
    finally:
        app.close()
    return path


@pytest.fixture
def demo_url(demo_template: Path, tmp_path: Path) -> str:
    target = tmp_path / "demo.sqlite3"
    with sqlite3.connect(demo_template) as source, sqlite3.connect(target) as dest:
        source.backup(dest)
    return f"sqlite:///{target}"


@pytest.fixture
def app(demo_url: str, clock: FakeClock) -> Iterator[App]:
    application = open_app(demo_url, clock=clock)
    yield application
    application.close()


@pytest.fixture
def desk_for(app: App):  # type: ignore[no-untyped-def]
    """desk_for('desk1') -> Desk signed in as that demo login at their branch (the owner at branch 1)."""
    from reception.services.context import Desk

    def make(username: str = "desk1"):  # type: ignore[no-untyped-def]
        staff = app.staff.authenticate(username, "demo1234")
        branches = {b.id: b for b in app.catalogue.branches()}
        branch = branches[staff.branch_id] if staff.branch_id else min(branches.values(), key=lambda b: b.number)
        return Desk(staff, branch)

    return make


@pytest.fixture
def ui_context(app: App, desk_for, qtbot):  # type: ignore[no-untyped-def]
    from reception.ui.context import DeskEvents, UiContext
    from reception.ui.tasks import Runner

    runner = Runner()
    try:
        from reception.ui.sounds import Sounds

        sounds: object = Sounds(enabled=False)
    except ImportError:
        sounds = None
    context = UiContext(app=app, desk=desk_for("desk1"), runner=runner, events=DeskEvents(), sounds=sounds)
    yield context
    runner.wait(10_000)


@pytest.fixture
def sell(ui_context, app: App):  # type: ignore[no-untyped-def]
    """The sale dialog's opener with the services a sale uses, as the desk window wires it."""
    from reception.ui.dialogs.activate_dialog import SaleOpener

    return SaleOpener(ui_context, catalogue=app.catalogue, subscriptions=app.subscriptions, approve=app.staff.approve,
                      clock=app.clock)


@pytest.fixture
def register_dialog(ui_context, app: App, sell):  # type: ignore[no-untyped-def]
    """register_dialog() registers, register_dialog(customer) edits: built as the Customers page builds it."""
    from reception.ui.dialogs.register_dialog import RegisterDialog

    def make(customer=None):  # type: ignore[no-untyped-def]
        return RegisterDialog(ui_context, customer, customers=app.customers, clock=app.clock, sell=sell)

    return make


@pytest.fixture
def customer_no(app: App):  # type: ignore[no-untyped-def]
    """customer_no(1) -> the demo member with that member number."""
    from tests.conftest import owner_desk

    return lambda member_no: app.customers.by_member_no(owner_desk(app), member_no)


@pytest.fixture
def main_window(ui_context, qtbot):  # type: ignore[no-untyped-def]
    """The desk window signed in as desk1, shown (offscreen), with its scanner filter installed."""
    from reception.ui.main_window import MainWindow

    window = MainWindow(ui_context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()
