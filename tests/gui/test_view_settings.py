"""The View menu's dark theme and sounds are kept at the next start, and values saved by earlier versions are kept."""

from __future__ import annotations

import argparse

from reception.ui.main_window import MainWindow
from reception.ui.settings import ui_settings
from tests.gui.fixtures_pages import OFFSCREEN_NOISE, app_look  # noqa: F401

pytestmark = OFFSCREEN_NOISE


def _start_up_settings():  # type: ignore[no-untyped-def]
    """What `reception` resolves at start (command line given nothing)."""
    from reception.ui.app import _resolve

    flags = argparse.Namespace(db=None, demo=False, camera=None, decoder=None, theme=None)
    return _resolve(flags)[0]


def _window(ui_context, qtbot) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(ui_context)
    qtbot.addWidget(window)
    return window


def test_dark_theme_and_sounds_off_from_the_view_menu_survive_a_restart(app_look, ui_context, qtbot) -> None:
    ui_context.sounds.enabled = True
    window = _window(ui_context, qtbot)
    assert not window.dark_action.isChecked() and window.sound_action.isChecked()
    window.dark_action.trigger()
    window.sound_action.trigger()
    assert window.dark_action.isChecked() and not window.sound_action.isChecked()
    assert ui_context.sounds.enabled is False
    window.close()

    started = _start_up_settings()
    assert (started.theme, started.sounds) == ("dark", False)
    again = _window(ui_context, qtbot)
    assert again.dark_action.isChecked()
    again.dark_action.trigger()  # and back to light, kept too
    assert _start_up_settings().theme == "light"
    stray = [key for key in ui_settings().allKeys() if key in ("theme", "sounds")]
    assert stray == []


def test_values_saved_under_the_old_keys_are_moved_once() -> None:
    old = ui_settings()
    old.setValue("theme", "dark")  # what the View menu of earlier versions wrote
    old.setValue("sounds", False)
    old.setValue("desk/theme", "light")  # the Settings dialog's older choice; the menu's is the newer one
    old.sync()
    started = _start_up_settings()
    assert (started.theme, started.sounds) == ("dark", False)
    moved = ui_settings()
    assert moved.value("theme") is None and moved.value("sounds") is None
    assert (moved.value("desk/theme"), moved.value("desk/sounds")) == ("dark", "off")
    moved.setValue("desk/theme", "light")  # chosen later in Settings: no second migration undoes it
    moved.sync()
    assert _start_up_settings().theme == "light"


def test_an_unreadable_old_value_is_dropped_not_fatal() -> None:
    old = ui_settings()
    old.setValue("theme", "purple")
    old.sync()
    assert _start_up_settings().theme == "light"
    assert ui_settings().value("theme") is None
