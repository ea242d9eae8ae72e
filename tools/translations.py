"""The desk's translations: `update` the .ts sources from the code, `build` the .qm files, `check` both are current.

    python tools/translations.py update   # after changing a visible text: new texts appear as unfinished
    python tools/translations.py build    # after translating (Qt Linguist or an editor): compile the .qm files
    python tools/translations.py check    # what CI runs (tests/unit/test_translations.py): exit 1 when stale

Each language has resources/translations/reception_<lang>.ts (a new language: `lupdate ... -ts` a new file, or copy
one and empty it); English holds only the plural forms (`-pluralonly`), the source texts being English already.
`check` fails when a text in the code is missing from a .ts, a .ts holds an unfinished or obsolete entry, or a .qm
differs from what lrelease makes of its .ts now.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "reception" / "ui"
FOLDER = ROOT / "resources" / "translations"
EXTRA = {"en": ["-pluralonly"]}  # lupdate options by language


def languages() -> list[str]:
    """English (plural forms only) and every language with a .ts file under resources/translations."""
    found = {path.stem.removeprefix("reception_") for path in FOLDER.glob("reception_*.ts")}
    return sorted(found | {"en"})


def _tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}")
    if found is None:
        raise SystemExit(f"pyside6-{name} not found: install the desk's libraries (pip install -e '.[desk]')")
    return found


def sources() -> list[str]:
    return sorted(str(path.relative_to(ROOT)) for path in SOURCES.rglob("*.py"))


def ts_file(lang: str) -> Path:
    return FOLDER / f"reception_{lang}.ts"


def qm_file(lang: str) -> Path:
    return FOLDER / f"reception_{lang}.qm"


def lupdate(lang: str, target: Path) -> None:
    args = [_tool("lupdate"), *sources(), "-locations", "none", "-no-obsolete", "-source-language", "en",
            "-target-language", lang, *EXTRA.get(lang, []), "-ts", str(target)]
    subprocess.run(args, cwd=ROOT, check=True, capture_output=True, text=True)


def lrelease(source: Path, target: Path) -> None:
    subprocess.run([_tool("lrelease"), "-silent", "-nounfinished", str(source), "-qm", str(target)], cwd=ROOT,
                   check=True, capture_output=True, text=True)


def _messages(path: Path) -> dict[tuple[str, str], str]:
    """(source, disambiguation) -> the translation's type ("" when finished)."""
    out: dict[tuple[str, str], str] = {}
    for message in ET.parse(path).getroot().iter("message"):
        key = (message.findtext("source") or "", message.findtext("comment") or "")
        translation = message.find("translation")
        kind = "" if translation is None else translation.get("type", "")
        if kind == "" and translation is not None:
            forms = [form.text or "" for form in translation.iter("numerusform")]
            if (forms and not all(forms)) or (not forms and not (translation.text or "")):
                kind = "empty"
        out[key] = kind
    return out


def update() -> None:
    FOLDER.mkdir(parents=True, exist_ok=True)
    for lang in languages():
        lupdate(lang, ts_file(lang))
        pending = [source for (source, _), kind in _messages(ts_file(lang)).items() if kind]
        print(f"{ts_file(lang).relative_to(ROOT)}: {len(pending)} to translate")


def build() -> None:
    for lang in languages():
        # written beside and renamed over: a desk running from this checkout maps the old file into memory
        fresh = qm_file(lang).with_suffix(".qm.new")
        lrelease(ts_file(lang), fresh)
        fresh.replace(qm_file(lang))
        print(f"{qm_file(lang).relative_to(ROOT)} written")


def problems() -> list[str]:
    found: list[str] = []
    with tempfile.TemporaryDirectory(prefix="reception-ts-") as folder:
        for lang in languages():
            committed = ts_file(lang)
            if not committed.exists():
                found.append(f"{committed.name} is missing: run `python tools/translations.py update`")
                continue
            fresh = Path(folder) / committed.name
            shutil.copy2(committed, fresh)
            lupdate(lang, fresh)
            have, need = _messages(committed), _messages(fresh)
            for source, _ in sorted(set(need) - set(have)):
                found.append(f"{committed.name}: not yet extracted: {source!r} (run update)")
            for (source, _), kind in sorted(have.items()):
                if (source, _) not in need:
                    found.append(f"{committed.name}: obsolete (no longer in the code): {source!r}")
                elif kind:
                    found.append(f"{committed.name}: {kind}: {source!r}")
            built = Path(folder) / qm_file(lang).name
            lrelease(committed, built)
            if not qm_file(lang).exists() or qm_file(lang).read_bytes() != built.read_bytes():
                found.append(f"{qm_file(lang).name} is not built from the current {committed.name} (run build)")
    return found


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    if command == "update":
        update()
    elif command == "build":
        build()
    elif command == "check":
        found = problems()
        for line in found:
            print(line)
        print("translations are current" if not found else f"{len(found)} problem(s)")
        return 1 if found else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
