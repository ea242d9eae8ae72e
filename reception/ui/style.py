"""The look: Qt's Fusion style, one palette per theme (light by default) and its stylesheet."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from reception.ui.resources import resource_path

THEMES = ("light", "dark")

_LIGHT = {
    QPalette.ColorRole.Window: "#f5f7fa",
    QPalette.ColorRole.WindowText: "#1f2933",
    QPalette.ColorRole.Base: "#ffffff",
    QPalette.ColorRole.AlternateBase: "#eef1f5",
    QPalette.ColorRole.Text: "#1f2933",
    QPalette.ColorRole.Button: "#e4e7eb",
    QPalette.ColorRole.ButtonText: "#1f2933",
    QPalette.ColorRole.Highlight: "#1f6feb",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.ToolTipBase: "#ffffff",
    QPalette.ColorRole.ToolTipText: "#1f2933",
    QPalette.ColorRole.PlaceholderText: "#7b8794",
    QPalette.ColorRole.Link: "#1f6feb",
}

_DARK = {
    QPalette.ColorRole.Window: "#1a2028",
    QPalette.ColorRole.WindowText: "#e4e7eb",
    QPalette.ColorRole.Base: "#11161c",
    QPalette.ColorRole.AlternateBase: "#222b35",
    QPalette.ColorRole.Text: "#e4e7eb",
    QPalette.ColorRole.Button: "#2b3541",
    QPalette.ColorRole.ButtonText: "#e4e7eb",
    QPalette.ColorRole.Highlight: "#388bfd",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.ToolTipBase: "#222b35",
    QPalette.ColorRole.ToolTipText: "#e4e7eb",
    QPalette.ColorRole.PlaceholderText: "#7b8794",
    QPalette.ColorRole.Link: "#58a6ff",
}


def palette(theme: str) -> QPalette:
    result = QPalette()
    for role, colour in (_DARK if theme == "dark" else _LIGHT).items():
        result.setColor(role, QColor(colour))
    # Disabled text must stay readable but clearly inactive (the Deduct button for monthly plans).
    result.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#9aa5b1"))
    result.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#9aa5b1"))
    return result


THEME_PROPERTY = "receptionTheme"


def apply_theme(app: QApplication, theme: str = "light") -> None:
    theme = theme if theme in THEMES else "light"
    app.setStyle("Fusion")
    app.setPalette(palette(theme))
    app.setStyleSheet(resource_path("style", f"{theme}.qss").read_text(encoding="utf-8"))
    app.setProperty(THEME_PROPERTY, theme)  # what is on screen, for the View menu's check mark
