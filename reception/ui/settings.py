"""The desk's window settings (geometry, theme, sound) in one INI file under the app's config dir."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from reception import paths


def ui_settings() -> QSettings:
    """A QSettings on `config_dir()/desk.ini`, so RECEPTION_HOME (and tests) move it with everything else."""
    return QSettings(str(paths.config_dir() / "desk.ini"), QSettings.Format.IniFormat)
