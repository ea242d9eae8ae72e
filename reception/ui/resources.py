"""Finding the bundled icons, sounds, stylesheets and translations, from a source checkout or an installed package."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer


@lru_cache(maxsize=1)
def resources_root() -> Path:
    """The resources folder: `reception/resources` once installed (wheel, bundle), the top-level `resources/` in a
    checkout (setup.py maps one onto the other, so both hold the same files)."""
    installed = Path(str(files("reception").joinpath("resources")))
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    return resources_root().joinpath(*parts)


def _text_colour() -> str:
    app = QGuiApplication.instance()
    if app is None:
        return "#1f2933"
    return QGuiApplication.palette().color(QPalette.ColorRole.WindowText).name()


@lru_cache(maxsize=128)
def _svg(name: str) -> str:
    return resource_path("icons", f"{name}.svg").read_text(encoding="utf-8")


def icon(name: str, colour: str | None = None, size: int = 48) -> QIcon:
    """A line icon painted in `colour` (default: the theme's text colour)."""
    return QIcon(pixmap(name, colour, size))


# Icons whose arrows point along the reading direction: drawn mirrored in a right-to-left layout.
DIRECTIONAL = frozenset({"check-in", "quit", "switch-user"})


def pixmap(name: str, colour: str | None = None, size: int = 48) -> QPixmap:
    # The icons draw with currentColor, which QtSvg does not resolve: substitute it here.
    svg = _svg(name).replace("currentColor", colour or _text_colour())
    if name in DIRECTIONAL and QGuiApplication.layoutDirection() is Qt.LayoutDirection.RightToLeft:
        svg = svg.replace('viewBox="0 0 24 24"', 'viewBox="0 0 24 24"><g transform="matrix(-1 0 0 1 24 0)"', 1)
        svg = svg.replace("</svg>", "</g></svg>")
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    ratio = QGuiApplication.instance().devicePixelRatio() if QGuiApplication.instance() else 1.0  # type: ignore[union-attr]
    image = QPixmap(int(size * ratio), int(size * ratio))
    image.fill(QColor(Qt.GlobalColor.transparent))
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, image.width(), image.height()))
    painter.end()
    image.setDevicePixelRatio(ratio)
    return image


def app_icon() -> QIcon:
    return QIcon(str(resource_path("icons", "app.svg")))
