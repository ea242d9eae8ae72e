"""The desk fits a 1280×720 screen at 100 % and a 1366×768 screen at 125 %: nothing off screen, on any page."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QWidget

# The window's client area on those screens, in logical pixels, after a title bar and a taskbar-free maximise.
SCREENS = {
    "1366x768 at 100%": QSize(1366 - 8, 768 - 40 - 32),
    "1280x720 at 100%": QSize(1280, 720 - 32),
    "1366x768 at 125%": QSize(int(1366 / 1.25), int(768 / 1.25) - 32),
}


def inside(window: QWidget, widget: QWidget) -> bool:
    top_left = widget.mapTo(window, QPoint(0, 0))
    return QRect(QPoint(0, 0), window.size()).contains(QRect(top_left, widget.size()))


@pytest.mark.parametrize("screen", SCREENS)
def test_every_page_fits_the_screen(qtbot, main_window, customer_no, screen):
    size = SCREENS[screen]
    hint = main_window.minimumSizeHint()
    assert hint.width() <= size.width() and hint.height() <= size.height(), f"needs {hint.toTuple()}"
    main_window.resize(size)
    qtbot.waitUntil(lambda: main_window.size() == size)
    page = main_window.scan_page
    page.submit(customer_no(4).qr_code)  # a pack member with warnings and notes: the fullest card
    qtbot.waitUntil(lambda: page.current is not None)
    qtbot.wait(50)
    card = page.card
    for widget in (card.check_in_button, card.deduct_button, card.override_button, card.profile_button,
                   card.banner, card.name, page.code_field, page.recent, page.preview_container,
                   main_window.clock_label):
        assert inside(main_window, widget), f"{widget.objectName() or type(widget).__name__} is off screen"
    assert card.check_in_button.width() >= card.check_in_button.sizeHint().width()  # no clipped label
    for name in ("customers", "attendance"):
        main_window.show_page(name)
        shown = main_window.pages[name]
        qtbot.waitUntil(lambda shown=shown: shown.isVisible())
        assert inside(main_window, shown)


def test_a_wide_window_puts_last_scans_beside_the_card(qtbot, main_window):
    main_window.resize(1600, 860)  # a 1600×900 desk screen
    page = main_window.scan_page

    def x(widget: QWidget) -> int:
        return widget.mapTo(main_window, QPoint(0, 0)).x()

    qtbot.waitUntil(lambda: x(page.recent_box) > x(page.card))  # a column of its own, right of the card
    assert page.preview_container.width() == 360
    assert main_window.minimumSizeHint().width() <= 1600
    main_window.resize(SCREENS["1366x768 at 125%"])
    qtbot.waitUntil(lambda: x(page.recent_box) < x(page.card))  # folded under the code field
    assert page.preview_container.width() < 360
