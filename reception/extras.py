"""The parts of the install beyond the core: which command needs which extra, and the line saying what to install.

`pip install reception` is the core (storage, the rules, the scriptable commands); `reception[desk]` adds the
window, the camera and the QR decoders; `reception[server]` the chain's server. Nothing here imports them.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass


@dataclass(frozen=True)
class Need:
    what: str  # how the message names the thing that cannot run
    extra: str  # the extra that brings it
    modules: tuple[str, ...]  # the top-level modules it imports


DESK_MODULES = ("PySide6", "numpy", "cv2", "zxingcpp", "pyzbar", "qrcode", "PIL")
SERVER_MODULES = ("fastapi", "uvicorn", "starlette", "pydantic")

# By command (None: `reception` with no command, the window). pyzbar is left out: it is the desk's
# optional fallback decoder (libzbar may not load), so the desk starts without it.
NEEDS: dict[str | None, Need] = {
    None: Need("The desk window", "desk", ("PySide6", "numpy", "cv2", "zxingcpp", "qrcode", "PIL")),
    "decode": Need("`reception decode`", "desk", ("numpy", "cv2")),
    "serve": Need("`reception serve` (the chain's server)", "server", ("fastapi", "uvicorn")),
}


def install_command(extra: str) -> str:
    return f'pip install "reception[{extra}]"'


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):  # a finder that refuses it, or a half-removed package
        return False


def missing_for(command: str | None) -> str | None:
    """The one line to print when `command` cannot run on this install, else None."""
    need = NEEDS.get(command)
    if need is None:
        return None
    absent = [module for module in need.modules if not _installed(module)]
    if not absent:
        return None
    return (f"{need.what} needs the {need.extra} part of Reception, which is not installed here "
            f"(no {', '.join(absent)}). Install it with: {install_command(need.extra)}")


def absent_extra(error: ImportError) -> tuple[str, str] | None:
    """(extra, module) when `error` is the import of a library an extra brings that is not installed, else None.

    A library that is installed but fails to load is a bug to log, not a missing extra."""
    module = (error.name or "").split(".")[0]
    for extra, modules in (("desk", DESK_MODULES), ("server", SERVER_MODULES)):
        if module in modules and not _installed(module):
            return extra, module
    return None


def missing_from(error: ImportError) -> str | None:
    """The line to print when `error` is the import of a library of a missing extra, else None."""
    found = absent_extra(error)
    if found is None:
        return None
    extra, module = found
    return (f"This needs the {extra} part of Reception, which is not installed here (no {module}). "
            f"Install it with: {install_command(extra)}")
