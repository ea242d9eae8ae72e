"""The settings dialog's tabs as plain widgets (layout only): database, scanning, desk, backups."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reception.domain.models import OtherBranchPolicy
from reception.settings import THEMES
from PySide6.QtCore import QT_TR_NOOP
from reception.ui.i18n import ltr, tr

POLICY_WORDS = {
    OtherBranchPolicy.ALLOW: QT_TR_NOOP("Allow members of other branches"),
    OtherBranchPolicy.WARN: QT_TR_NOOP("Allow, with an amber warning"),
    OtherBranchPolicy.DENY: QT_TR_NOOP("Deny members of other branches"),
}
THEME_WORDS = {"light": QT_TR_NOOP("Light"), "dark": QT_TR_NOOP("Dark")}
LANGUAGE_NAMES = {"en": "English", "ar": "العربية"}


def _hint(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setObjectName("hint")
    label.setStyleSheet("QLabel#hint { color: palette(placeholder-text); }")
    return label


class DatabaseTab(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.local = QRadioButton(tr("This computer (a local file)"))
        self.server = QRadioButton(tr("A server shared by several desks (PostgreSQL)"))
        self.kind = QButtonGroup(self)
        self.kind.addButton(self.local)
        self.kind.addButton(self.server)
        self.path = QLineEdit()
        self.path.setPlaceholderText(tr("Folder and file name of the database"))
        self.browse = QPushButton(tr("Browse…"))
        self.url = QLineEdit()
        self.url.setPlaceholderText(ltr("postgresql://user:password@server:5432/gym"))
        self.test = QPushButton(tr("&Test connection"))
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setObjectName("connectionResult")
        self.override = _hint()
        self.override.hide()

        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(self.browse)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test)
        test_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.local)
        layout.addLayout(path_row)
        layout.addWidget(self.server)
        layout.addWidget(self.url)
        layout.addLayout(test_row)
        layout.addWidget(self.result)
        layout.addWidget(self.override)
        layout.addWidget(_hint(tr("A different database takes effect the next time Reception starts. Several desks "
                               "sharing members need a server: a local file on a network folder is not safe.")))
        self.connect_chain = QPushButton(tr("Connect to the chain's server…"))
        self.connect_chain.setObjectName("connectChain")
        chain_row = QHBoxLayout()
        chain_row.addWidget(self.connect_chain)
        chain_row.addStretch(1)
        layout.addLayout(chain_row)
        self.chain_hint = _hint(tr("A branch of a chain: the desk gets a file of its own with the chain's data and "
                                   "works from it, online or not (a manager's or the owner's sign-in)."))
        layout.addWidget(self.chain_hint)
        layout.addStretch(1)
        self.local.toggled.connect(self._sync)
        self._sync()

    def _sync(self) -> None:
        local = self.local.isChecked()
        self.path.setEnabled(local)
        self.browse.setEnabled(local)
        self.url.setEnabled(not local)


class ScanningTab(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.camera = QComboBox()
        self.camera.setEditable(True)
        self.camera.setObjectName("camera")
        self.decoder = QComboBox()
        self.prefix = QLineEdit()
        self.suffix = QLineEdit()
        for edit in (self.prefix, self.suffix):
            edit.setPlaceholderText("none")
            edit.setMaxLength(8)
        self.cameras_found = _hint(tr("Looking for cameras…"))
        form = QFormLayout(self)
        form.addRow(tr("&Camera"), self.camera)
        form.addRow("", self.cameras_found)
        form.addRow("", _hint(tr("0, 1, … is a webcam; none turns the camera off; file:PATH replays a video or a "
                                 "folder.")))
        form.addRow(tr("QR &decoder"), self.decoder)
        form.addRow(tr("USB scanner &prefix"), self.prefix)
        form.addRow(tr("USB scanner &suffix"), self.suffix)
        form.addRow("", _hint(tr("Only if the scanner is set to add characters before or after each code "
                              "(most send the code and Enter, and need nothing here).")))


class DeskTab(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.sounds = QCheckBox(tr("Play a sound for allowed, check and denied scans"))
        self.theme = QComboBox()
        for theme in THEMES:
            self.theme.addItem(tr(THEME_WORDS[theme]), theme)
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.addItem(tr("The computer's language"), "system")
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)  # each language in its own words, so anyone can find theirs
        self.arabic_digits = QCheckBox(tr("Arabic-Indic digits (٠١٢٣٤٥٦٧٨٩) in Arabic; typing either kind works"))
        self.keep = QSpinBox()
        self.keep.setRange(1, 365)
        self.keep.setSuffix(tr(" day(s)", None, 2))
        self.policy = QComboBox()
        for policy, words in POLICY_WORDS.items():
            self.policy.addItem(tr(words), policy)
        self.policy_hint = _hint()
        form = QFormLayout(self)
        form.addRow("", self.sounds)
        form.addRow(tr("&Theme"), self.theme)
        form.addRow(tr("&Language"), self.language)
        form.addRow("", self.arabic_digits)
        form.addRow(tr("&Keep daily backups for"), self.keep)
        form.addRow(tr("&Other branches"), self.policy)
        form.addRow("", self.policy_hint)


class BackupsTab(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.list = QListWidget()
        self.list.setObjectName("backups")
        self.restore = QPushButton(tr("&Restore from backup…"))
        self.restore.setEnabled(False)
        self.hint = _hint()
        row = QHBoxLayout()
        row.addWidget(self.restore)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Backups of this desk's database, newest first:")))
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        layout.addWidget(self.hint)
