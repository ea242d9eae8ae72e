"""What both PyInstaller specs share: the app's data files, imports PyInstaller cannot see, and what to leave out."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from PyInstaller.utils.hooks import collect_data_files, collect_submodules

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "reception"
ENTRY = str(ROOT / "packaging" / "reception_main.py")
RESOURCES = ROOT / "resources"  # installed as reception/resources, as the wheel does (setup.py)
ICON_ICO = str(RESOURCES / "icons" / "app" / "reception.ico")


def datas() -> list[tuple[str, str]]:
    """Alembic runs the migrations from .py files on disk, so they ship as files; so do icons, sounds, styles."""
    found = [
        (str(PACKAGE / "repository" / "sql" / "migrations"), "reception/repository/sql/migrations"),
        (str(RESOURCES), "reception/resources"),
    ]
    found += collect_data_files("tzdata")  # Windows has no system time-zone database
    found += collect_data_files("alembic", includes=["templates/**/*"])
    return found


def hiddenimports(*, pyzbar: bool) -> list[str]:
    """Imported only by the migration scripts, by SQLAlchemy's dialect loader or by a driver at run time."""
    names = [
        "alembic.op",
        "alembic.ddl.sqlite",
        "alembic.ddl.postgresql",
        "alembic.runtime.migration",
        "sqlalchemy.dialects.sqlite.pysqlite",
        "sqlalchemy.dialects.postgresql.psycopg",
        "zxingcpp",
        "cv2",
        *collect_submodules("psycopg_binary"),
        *collect_submodules("tzdata"),
        *collect_submodules("reception"),
    ]
    if pyzbar:
        names += ["pyzbar", "pyzbar.pyzbar"]
    return names


# Qt modules the desk does not use (and their plugins, which PyInstaller then leaves out too).
QT_UNUSED = [
    "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "PySide6.QtWebEngineQuick", "PySide6.QtWebChannel",
    "PySide6.QtWebSockets", "PySide6.QtWebView", "PySide6.QtQuick", "PySide6.QtQuick3D", "PySide6.QtQuickWidgets",
    "PySide6.QtQuickControls2", "PySide6.QtQml", "PySide6.Qt3DCore", "PySide6.Qt3DRender", "PySide6.Qt3DInput",
    "PySide6.Qt3DLogic", "PySide6.Qt3DAnimation", "PySide6.Qt3DExtras", "PySide6.QtCharts", "PySide6.QtDataVisualization",
    "PySide6.QtGraphs", "PySide6.QtGraphsWidgets", "PySide6.QtPdf", "PySide6.QtPdfWidgets", "PySide6.QtBluetooth",
    "PySide6.QtNfc", "PySide6.QtPositioning", "PySide6.QtLocation", "PySide6.QtSensors", "PySide6.QtSerialPort",
    "PySide6.QtSerialBus", "PySide6.QtRemoteObjects", "PySide6.QtScxml", "PySide6.QtStateMachine", "PySide6.QtSql",
    "PySide6.QtTest", "PySide6.QtDesigner", "PySide6.QtHelp", "PySide6.QtUiTools", "PySide6.QtTextToSpeech",
    "PySide6.QtHttpServer", "PySide6.QtSpatialAudio", "PySide6.QtMultimediaWidgets", "PySide6.QtOpenGLWidgets",
    "PySide6.QtNetworkAuth", "PySide6.QtConcurrent", "PySide6.QtDBus", "PySide6.QtAxContainer", "PySide6.QtCanvasPainter",
]
PYTHON_UNUSED = ["yaml", "tkinter", "unittest", "pydoc", "pytest", "_pytest", "IPython", "matplotlib", "pandas", "scipy",
                 "setuptools", "pip", "PyQt5", "PyQt6", "mypy", "ruff"]


def excludes(*, pyzbar: bool) -> list[str]:
    return QT_UNUSED + PYTHON_UNUSED + ([] if pyzbar else ["pyzbar"])


# Files the PySide6 hooks still drag in through plugins we never load (checked against a built bundle):
# the GTK theme plugin pulls GTK/cairo from the build machine; Qt's own translations beyond English and Arabic.
PRUNE_PARTS = ("Qt6WebEngine", "Qt6Quick", "Qt6Qml", "Qt6Pdf", "Qt63D", "Qt6Charts", "Qt6Designer",
               "qtwebengine", "QtWebEngineProcess", "qmltooling", "/qml/", "platformthemes/libqgtk3")
KEEP_TRANSLATIONS = ("_ar.qm", "_en.qm")


def _unused(dest: str) -> bool:
    path = dest.replace("\\", "/")
    if any(part in path for part in PRUNE_PARTS):
        return True
    return "/translations/" in path and path.endswith(".qm") and not path.endswith(KEEP_TRANSLATIONS)


def prune(toc):  # type: ignore[no-untyped-def]
    """Drop entries of a binaries/datas TOC whose destination is an unused Qt part."""
    return [entry for entry in toc if not _unused(entry[0])]


def strip_libpython(toc, workdir: str):  # type: ignore[no-untyped-def]
    """Copies of the interpreter's own libraries (libpython, lib-dynload) without debug symbols.

    pyenv builds keep them (~34 MB -> ~9 MB). Only the interpreter's: `strip` on the wheels'
    bundled libraries (NumPy, OpenCV) breaks them."""
    if shutil.which("strip") is None:
        return toc
    base = str(Path(sys.base_prefix).resolve())
    out = []
    for dest, src, kind in toc:
        source = str(Path(src).resolve()) if src else ""
        if kind in ("BINARY", "EXTENSION") and source.startswith(base) and "site-packages" not in source:
            copy = Path(workdir) / "stripped" / dest
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, copy)
            subprocess.run(["strip", "--strip-debug", str(copy)], check=True)
            src = str(copy)
        out.append((dest, src, kind))
    return out
