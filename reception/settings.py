"""The desk's settings and where each comes from: command-line flag > environment > saved value > default."""

from __future__ import annotations

import argparse
import json
import logging
import os
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from enum import Enum
from pathlib import Path
from typing import Any, Protocol

from reception.redact import mask_text

log = logging.getLogger(__name__)

THEMES = ("light", "dark")
LANGUAGES = ("system", "en", "ar")  # "system": the computer's language when the desk speaks it, else English
DECODER_AUTO = "auto"


@dataclass(frozen=True)
class DeskSettings:
    """What a desk PC is set to. `database_url` None means the gym's own local file."""

    database_url: str | None = None
    camera: str = "0"  # 0, 1, ... | file:PATH | none
    decoder: str = DECODER_AUTO  # auto | zxing | pyzbar | opencv
    scanner_prefix: str = ""
    scanner_suffix: str = ""
    sounds: bool = True
    theme: str = "light"
    backups_to_keep: int = 14
    language: str = "system"
    arabic_digits: bool = False  # show ٠١٢٣… in Arabic; typing either digit set always works


class Source(str, Enum):
    FLAG = "command line"
    ENV = "environment"
    SAVED = "saved"
    DEFAULT = "default"


# field -> environment variable. RECEPTION_DB is the one bootstrap.resolve_url reads too.
ENV_VARS: dict[str, str] = {
    "database_url": "RECEPTION_DB",
    "camera": "RECEPTION_CAMERA",
    "decoder": "RECEPTION_DECODER",
    "scanner_prefix": "RECEPTION_SCANNER_PREFIX",
    "scanner_suffix": "RECEPTION_SCANNER_SUFFIX",
    "sounds": "RECEPTION_SOUNDS",
    "theme": "RECEPTION_THEME",
    "backups_to_keep": "RECEPTION_BACKUPS_KEEP",
    "language": "RECEPTION_LANG",
    "arabic_digits": "RECEPTION_ARABIC_DIGITS",
}

# field -> argparse dest (only the flags cli.py defines; the rest are set in the dialog)
FLAG_DESTS: dict[str, str] = {"database_url": "db", "camera": "camera", "decoder": "decoder", "theme": "theme",
                               "language": "lang"}


class SettingsStore(Protocol):
    """Where saved values live (QSettings in the app, a dict in tests). Values are text."""

    def get(self, key: str) -> str | None: ...

    def set(self, key: str, value: str) -> None: ...

    def remove(self, key: str) -> None: ...

    def sync(self) -> None: ...


class MemoryStore:
    """A SettingsStore in a dict: for tests, the CLI and the self-test."""

    def __init__(self, values: Mapping[str, str] | None = None) -> None:
        self.values: dict[str, str] = dict(values or {})

    def get(self, key: str) -> str | None:
        return self.values.get(key)

    def set(self, key: str, value: str) -> None:
        self.values[key] = value

    def remove(self, key: str) -> None:
        self.values.pop(key, None)

    def sync(self) -> None:
        pass


def _parse_bool(text: str) -> bool:
    value = text.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"expected on/off, got {text!r}")


def _parse_keep(text: str) -> int:
    number = int(text.strip())
    if not 1 <= number <= 365:
        raise ValueError("backups to keep must be 1 to 365")
    return number


def _parse_theme(text: str) -> str:
    value = text.strip().lower()
    if value not in THEMES:
        raise ValueError(f"theme must be one of {', '.join(THEMES)}")
    return value


def _parse_language(text: str) -> str:
    value = text.strip().lower()
    if value not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}")
    return value


def _parse_camera(text: str) -> str:
    value = text.strip()
    low = value.lower()
    if not (value.isdigit() or low == "none" or (low.startswith("file:") and len(value) > 5)):
        raise ValueError("camera must be a number (0, 1, ...), file:PATH or none")
    return value


def _parse_decoder(text: str) -> str:
    value = text.strip().lower()
    if value not in (DECODER_AUTO, "zxing", "pyzbar", "opencv"):
        raise ValueError("decoder must be auto, zxing, pyzbar or opencv")
    return value


def _parse_url(text: str) -> str | None:
    value = text.strip()
    if not value:
        return None
    from reception.domain.errors import StorageError
    from reception.repository.urls import normalise_url

    try:
        return normalise_url(value)
    except StorageError as error:
        raise ValueError(error.message) from None


_PARSERS: dict[str, Callable[[str], Any]] = {
    "database_url": _parse_url,
    "camera": _parse_camera,
    "decoder": _parse_decoder,
    "scanner_prefix": str,  # kept exactly: a space or a tab can be a real prefix
    "scanner_suffix": str,
    "sounds": _parse_bool,
    "theme": _parse_theme,
    "backups_to_keep": _parse_keep,
    "language": _parse_language,
    "arabic_digits": _parse_bool,
}


def to_text(name: str, value: object) -> str:
    """How a value is written to the store and the environment."""
    if isinstance(value, bool):
        return "on" if value else "off"
    return "" if value is None else str(value)


def parse(name: str, text: str) -> Any:
    """Parse one field from text; ValueError with a readable message when it makes no sense."""
    return _PARSERS[name](text)


@dataclass(frozen=True)
class Resolved:
    """The settings in force and, per field, which level supplied it (for the dialog's hints)."""

    settings: DeskSettings
    sources: dict[str, Source]

    def source_of(self, name: str) -> Source:
        return self.sources[name]


def _flag_values(flags: argparse.Namespace | Mapping[str, Any] | None, env: Mapping[str, str]) -> dict[str, Any]:
    if flags is None:
        return {}
    given = vars(flags) if isinstance(flags, argparse.Namespace) else dict(flags)
    out: dict[str, Any] = {}
    for name, dest in FLAG_DESTS.items():
        for key in (dest, name):
            if given.get(key) not in (None, ""):
                out[name] = given[key]
                break
    # --demo means the demo's own file, unless RECEPTION_DB names the place (bootstrap.resolve_url).
    if "database_url" not in out and given.get("demo") and not env.get(ENV_VARS["database_url"], "").strip():
        from reception import paths

        out["database_url"] = paths.demo_database_url()
    return out


def resolve(
    flags: argparse.Namespace | Mapping[str, Any] | None = None,
    store: SettingsStore | None = None,
    environ: Mapping[str, str] | None = None,
) -> Resolved:
    """Each field from the first level that has a sensible value; a bad value is logged and skipped."""
    env = os.environ if environ is None else environ
    flag_values = _flag_values(flags, env)
    chosen: dict[str, Any] = {}
    sources: dict[str, Source] = {}
    for f in fields(DeskSettings):
        name = f.name
        levels: list[tuple[Source, str | None]] = [
            (Source.FLAG, None if name not in flag_values else str(flag_values[name])),
            (Source.ENV, env.get(ENV_VARS[name])),
            (Source.SAVED, store.get(name) if store is not None else None),
        ]
        for source, text in levels:
            if text is None or (text == "" and name not in ("scanner_prefix", "scanner_suffix")):
                continue
            try:
                chosen[name] = parse(name, text)
            except ValueError as error:
                log.warning("ignoring %s setting %s=%s: %s", source.value, name, mask_text(repr(text)), mask_text(str(error)))
                continue
            sources[name] = source
            break
        else:
            sources[name] = Source.DEFAULT
    return Resolved(replace(DeskSettings(), **chosen), sources)


def save(store: SettingsStore, settings: DeskSettings) -> None:
    """Write every field to the store (a None database URL removes the saved one)."""
    for f in fields(DeskSettings):
        value = getattr(settings, f.name)
        if value is None:
            store.remove(f.name)
        else:
            store.set(f.name, to_text(f.name, value))
    store.sync()


def database_url(resolved: Resolved) -> str:
    """The URL to open: the resolved one, or the gym's own local file."""
    from reception import paths

    return resolved.settings.database_url or paths.default_database_url()


DESK_ID_KEY = "desk_id"
KIOSK_FILE = "kiosk.json"


def desk_id(store: SettingsStore) -> uuid.UUID:
    """This desk's own id: made once on first start and kept in its saved settings.

    Sign-in attempts are counted per desk id (and later the offline sync uses it as the
    device id). Saving the Settings dialog never touches it: it is not a DeskSettings field.
    """
    saved = store.get(DESK_ID_KEY)
    if saved:
        try:
            return uuid.UUID(saved.strip())
        except ValueError:
            log.warning("the saved desk id %r is not readable; this desk takes a new one", saved[:64])
    made = uuid.uuid4()
    store.set(DESK_ID_KEY, str(made))
    store.sync()
    log.info("this desk's id is %s", made)
    return made


class FileStore:
    """A SettingsStore in a small JSON file, for the command line and kiosks (no Qt there)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._values: dict[str, str] = {}
        try:
            loaded = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            loaded = {}
        except (OSError, ValueError) as error:
            log.warning("ignoring the unreadable settings file %s: %s", path, error)
            loaded = {}
        if isinstance(loaded, dict):
            self._values = {str(k): str(v) for k, v in loaded.items()}

    def get(self, key: str) -> str | None:
        return self._values.get(key)

    def set(self, key: str, value: str) -> None:
        self._values[key] = value

    def remove(self, key: str) -> None:
        self._values.pop(key, None)

    def sync(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        partial.write_text(json.dumps(self._values, indent=1), encoding="utf-8")
        os.replace(partial, self.path)  # a crash leaves the old file or the new one, never half of one


def kiosk_desk_id() -> uuid.UUID:
    """The id of the command line / kiosk on this computer (its own, apart from the desk window's)."""
    from reception import paths

    return desk_id(FileStore(paths.config_dir() / KIOSK_FILE))
