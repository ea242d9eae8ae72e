"""Where the app keeps its files: platform dirs by default, RECEPTION_HOME to move them all."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "Reception"


def _base(kind: str) -> Path:
    home = os.environ.get("RECEPTION_HOME")
    if home:
        return Path(home) / kind
    if kind == "data":
        return Path(platformdirs.user_data_dir(APP, appauthor=False))
    if kind == "config":
        return Path(platformdirs.user_config_dir(APP, appauthor=False))
    if kind == "logs":
        return Path(platformdirs.user_log_dir(APP, appauthor=False))
    raise ValueError(kind)


def data_dir() -> Path:
    path = _base("data")
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    path = _base("config")
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    path = _base("logs")
    path.mkdir(parents=True, exist_ok=True)
    return path


def backup_dir() -> Path:
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_url() -> str:
    """The gym's own database: a local SQLite file in the user data dir."""
    return f"sqlite:///{data_dir() / 'reception.sqlite3'}"


def demo_database_url() -> str:
    """The demo gym lives in its own file and never mixes with real data."""
    return f"sqlite:///{data_dir() / 'demo.sqlite3'}"
