"""What CI checks of the translations: every desk text extracted and translated, none obsolete, each .qm built
from its .ts.

`tools/translations.py check` is what runs here; the other tests make stale files on purpose and see it object.
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


@pytest.fixture
def copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The tool pointed at a copy of resources/translations, to spoil without touching the real files."""
    tool = _tool()
    folder = tmp_path / "translations"
    shutil.copytree(tool.FOLDER, folder)
    monkeypatch.setattr(tool, "FOLDER", folder)
    return tool


def test_the_committed_translations_are_complete_and_current() -> None:
    assert _tool().problems() == []


def test_arabic_and_english_are_both_shipped() -> None:
    tool = _tool()
    assert {"ar", "en"} <= set(tool.languages())
    for lang in ("ar", "en"):
        assert tool.qm_file(lang).stat().st_size > 0


def test_an_unfinished_entry_fails_the_check(copy: ModuleType) -> None:
    ts = copy.ts_file("ar")
    text = ts.read_text(encoding="utf-8")
    scan = "<source>Scan</source>\n        <translation>المسح</translation>"
    assert scan in text
    ts.write_text(text.replace(scan, '<source>Scan</source>\n        <translation type="unfinished"></translation>'),
                  encoding="utf-8")
    found = copy.problems()
    assert any("unfinished" in line and "'Scan'" in line for line in found), found


def test_an_obsolete_entry_fails_the_check(copy: ModuleType) -> None:
    ts = copy.ts_file("ar")
    extra = ("<message><source>A text no longer in the code</source><translation>نص قديم</translation></message>"
             "</context>")
    ts.write_text(ts.read_text(encoding="utf-8").replace("</context>", extra, 1), encoding="utf-8")
    found = copy.problems()
    assert any("obsolete" in line and "no longer in the code" in line for line in found), found


def test_a_qm_not_built_from_its_ts_fails_the_check(copy: ModuleType) -> None:
    ts = copy.ts_file("ar")
    ts.write_text(ts.read_text(encoding="utf-8").replace("<translation>المسح</translation>",
                                                         "<translation>المسح الضوئي</translation>", 1),
                  encoding="utf-8")
    found = copy.problems()
    assert any("reception_ar.qm is not built" in line for line in found), found
