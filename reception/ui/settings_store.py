"""The desk's saved settings in QSettings (desk.ini in the app's config dir, group [desk]): a reception.settings store."""

from __future__ import annotations

import logging
from PySide6.QtCore import QSettings

from reception import settings as desk_settings
from reception.ui.settings import ui_settings

log = logging.getLogger(__name__)

GROUP = "desk"
# Keys the View menu of earlier versions wrote outside [desk], where start-up never read them.
LEGACY_KEYS: dict[str, str] = {"theme": "theme", "sounds": "sounds"}


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    return str(value)


def migrate_legacy_keys(settings: QSettings, group: str = GROUP) -> None:
    """Move values saved under the old keys into [desk] once (the old key is removed after).

    The old key wins over a [desk] value: the View menu wrote it after every change, the Settings
    dialog's save included, so it always holds the receptionist's latest choice.
    """
    moved = False
    for old, name in LEGACY_KEYS.items():
        value = settings.value(old)
        if value is None:
            continue
        moved = True
        settings.remove(old)
        try:
            parsed = desk_settings.parse(name, _text(value))
        except ValueError as error:
            log.warning("dropping the old saved setting %s=%r: %s", old, value, error)
            continue
        settings.setValue(f"{group}/{name}", desk_settings.to_text(name, parsed))
        log.info("moved the saved setting %s into [%s]", old, group)
    if moved:
        settings.sync()


class QSettingsStore:
    """Implements reception.settings.SettingsStore; every value is kept as text."""

    def __init__(self, settings: QSettings | None = None, group: str = GROUP) -> None:
        self._settings = settings if settings is not None else ui_settings()
        self._group = group
        if group == GROUP:
            migrate_legacy_keys(self._settings, group)

    def _key(self, key: str) -> str:
        return f"{self._group}/{key}"

    def get(self, key: str) -> str | None:
        value = self._settings.value(self._key(key))
        if value is None:
            return None
        if isinstance(value, bool):  # a hand-edited ini may hold true/false
            return "on" if value else "off"
        if isinstance(value, list):  # "a, b" in an ini reads back as a list
            return ", ".join(map(str, value))
        return str(value)

    def set(self, key: str, value: str) -> None:
        self._settings.setValue(self._key(key), value)

    def remove(self, key: str) -> None:
        self._settings.remove(self._key(key))

    def sync(self) -> None:
        self._settings.sync()

    @property
    def file_name(self) -> str:
        return self._settings.fileName()


def remember_setting(name: str, value: object) -> None:
    """Save one desk setting chosen outside the Settings dialog (the View menu) where start-up reads it."""
    store = QSettingsStore()
    store.set(name, desk_settings.to_text(name, value))
    store.sync()


def theme_in_force() -> str:
    """The theme on screen (set at start from flag > environment > saved, then by the menu), else the saved one."""
    from PySide6.QtWidgets import QApplication

    from reception.ui.style import THEME_PROPERTY

    app = QApplication.instance()
    shown = app.property(THEME_PROPERTY) if app is not None else None
    if isinstance(shown, str) and shown in desk_settings.THEMES:
        return shown
    return desk_settings.resolve(None, QSettingsStore()).settings.theme
