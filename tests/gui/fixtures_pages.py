"""Helpers and fixtures for the Customers / Attendance page and dialog tests (import them from the test modules)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from reception.bootstrap import App
from reception.domain.models import Customer
from tests.conftest import owner_desk


def plain(text: object) -> str:
    """What a person reads: the text without the invisible marks that keep names and codes in their direction."""
    return "".join(ch for ch in str(text) if ch not in "\u2066\u2067\u2068\u2069")


def member(app: App, member_no: int) -> Customer:
    return app.customers.by_member_no(owner_desk(app), member_no)


@pytest.fixture
def customers_page(ui_context, app, sell, qtbot):  # type: ignore[no-untyped-def]
    from reception.ui.pages.customers_page import CustomersPage

    page = CustomersPage(ui_context, customers=app.customers, catalogue=app.catalogue, clock=app.clock, sell=sell)
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    qtbot.waitUntil(lambda: bool(page.branch_names))
    return page


@pytest.fixture
def shown_customer(customers_page, app, qtbot) -> Callable[[int], Customer]:  # type: ignore[no-untyped-def]
    """shown_customer(1): open member #1 on the page and wait until the profile is on screen."""

    def show(member_no: int) -> Customer:
        customer = member(app, member_no)
        with qtbot.waitSignal(customers_page.profile_shown, timeout=5000):
            customers_page.show_customer(customer.id)
        return customer

    return show


@pytest.fixture
def as_user(ui_context, desk_for):  # type: ignore[no-untyped-def]
    """as_user('manager'): the desk is now signed in as that demo login."""

    def switch(username: str):  # type: ignore[no-untyped-def]
        ui_context.desk = desk_for(username)
        return ui_context.desk

    return switch


# The offscreen platform says this when a window is shown; it is not a problem of ours.
OFFSCREEN_NOISE = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def app_look(qapp):  # type: ignore[no-untyped-def]
    """The desk's own style, palette and stylesheet (its 14 px font), as the real app shows them; undone after."""
    from reception.ui.style import THEME_PROPERTY, apply_theme

    style, palette, sheet = qapp.style().name(), qapp.palette(), qapp.styleSheet()
    apply_theme(qapp, "light")
    yield qapp
    qapp.setProperty(THEME_PROPERTY, None)
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    qapp.setStyle(style)
