"""What CI checks of the translations: every desk text extracted and translated, none obsolete, each .qm built
from its .ts.

`tools/translations.py check` is what runs here.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytest.importorskip("PySide6")
if shutil.which("pyside6-lupdate") is None or shutil.which("pyside6-lrelease") is None:
    pytest.skip("pyside6-lupdate / pyside6-lrelease are not installed", allow_module_level=True)


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("translations_tool", ROOT / "tools" / "translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_the_committed_translations_are_complete_and_current() -> None:
    assert _tool().problems() == []
