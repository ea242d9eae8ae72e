"""The desk's saved settings in QSettings (desk.ini in the app's config dir, group [desk]): a reception.settings store."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from reception.ui.settings import ui_settings

GROUP = "desk"


class QSettingsStore:
    """Implements reception.settings.SettingsStore; every value is kept as text."""

    def __init__(self, settings: QSettings | None = None, group: str = GROUP) -> None:
        self._settings = settings if settings is not None else ui_settings()
        self._group = group

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
