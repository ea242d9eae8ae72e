"""First start on a database with no gym: create the first branch and the owner, or open the demo gym."""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reception.domain.errors import ValidationError
from reception.domain.models import Staff
from reception.repository.ports import UnitOfWork
from reception.services.auth import MIN_PASSWORD
from reception.services.setup import create_gym
from reception.ui.dialogs.base import Dialog
from reception.ui.dialogs.connect_dialog import Connect, ConnectDialog
from reception.ui.messages import describe
from reception.ui.resources import app_icon
from reception.ui.tasks import Runner
from reception.ui.i18n import tr
from reception.ui.words import database_words, field_text

DEFAULT_TIMEZONE = "Africa/Cairo"
DEFAULT_CURRENCY = "EGP"


def time_zones() -> list[str]:
    """IANA names a branch can use (tzdata is a dependency, so the list is never empty on Windows)."""
    names = {name for name in zoneinfo.available_timezones() if "/" in name and not name.startswith("Etc/")}
    names.add(DEFAULT_TIMEZONE)
    return sorted(names)


def open_demo_gym() -> int:
    """Build the demo gym in its own file if it has none yet; returns its number of members."""
    from reception import paths
    from reception.bootstrap import open_app
    from reception.services.demo import build_demo

    demo = open_app(paths.demo_database_url())
    try:
        return build_demo(demo.uow, demo.clock).customers
    finally:
        demo.close()


class FirstStartDialog(Dialog):
    """Accepted with `choice` "created" (then `created_username` is set) or "demo" (the demo gym is ready)."""

    FIELDS = (
        "branch_name",
        "address",
        "timezone",
        "currency",
        "owner_full_name",
        "owner_username",
        "password",
        "password_confirm",
    )

    def __init__(
        self,
        uow: UnitOfWork,
        runner: Runner,
        *,
        database: str = "",
        prepare_demo: Callable[[], object] = open_demo_gym,
        connect: Connect | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._uow = uow
        self._runner = runner
        self._prepare_demo = prepare_demo
        self.choice: str | None = None
        self.created_username: str | None = None
        self.setWindowTitle(tr("Welcome — Reception"))
        self.setWindowIcon(app_icon())
        self.inputs: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}

        layout = QVBoxLayout(self)
        heading = QLabel(tr("Welcome to Reception"))
        heading.setObjectName("lockTitle")
        layout.addWidget(heading)
        intro = QLabel(
            tr("This database has no gym yet. Create your gym to start working at the desk, "
               "or open the demo gym to look around first.")
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        if database:
            where = QLabel(database_words(database))
            where.setObjectName("bigCaption")
            where.setWordWrap(True)
            layout.addWidget(where)

        layout.addWidget(self._build_form())
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.create_button = QPushButton(tr("Create the gym"))
        self.create_button.setObjectName("primaryAction")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.submit)
        layout.addWidget(self.create_button)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        layout.addWidget(line)
        demo_row = QHBoxLayout()
        demo_note = QLabel(
            tr("Just trying Reception? The demo gym lives in its own file and never mixes with your gym's data.")
        )
        demo_note.setWordWrap(True)
        self.demo_button = QPushButton(tr("Open the demo gym"))
        self.demo_button.clicked.connect(self.open_demo)
        demo_row.addWidget(demo_note, 1)
        demo_row.addWidget(self.demo_button)
        layout.addLayout(demo_row)
        self._connect = connect
        if connect is not None:  # a branch desk of a chain: its data comes from the chain's server
            chain_row = QHBoxLayout()
            chain_note = QLabel(tr("A branch of a chain with its own server? Connect this desk to it instead."))
            chain_note.setWordWrap(True)
            self.connect_button = QPushButton(tr("Connect to the chain's server…"))
            self.connect_button.clicked.connect(self.open_connect)
            chain_row.addWidget(chain_note, 1)
            chain_row.addWidget(self.connect_button)
            layout.addLayout(chain_row)
        self.setMinimumWidth(520)
        self.branch_name.setFocus(Qt.FocusReason.OtherFocusReason)

    def _build_form(self) -> QGroupBox:
        box = QGroupBox(tr("Create your gym"))
        form = QFormLayout(box)
        self.branch_name = QLineEdit(placeholderText=tr("e.g. Nasr City"))
        self.address = QLineEdit(placeholderText=tr("Street, area, city"))
        self.timezone = QComboBox()
        self.timezone.addItems(time_zones())
        self.timezone.setCurrentText(DEFAULT_TIMEZONE)
        self.timezone.setMaxVisibleItems(20)
        self.currency = QLineEdit(DEFAULT_CURRENCY)
        self.currency.setMaxLength(3)
        self.currency.setMaximumWidth(80)
        self.owner_full_name = QLineEdit(placeholderText=tr("First and last name"))
        self.owner_username = QLineEdit(placeholderText=tr("e.g. owner"))
        self.owner_username.setMaxLength(64)
        self.password = QLineEdit(placeholderText=tr("At least %n characters", None, MIN_PASSWORD))
        self.password_confirm = QLineEdit()
        for field in (self.password, self.password_confirm):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setMaxLength(256)
            field.returnPressed.connect(self.submit)
        for key, label, widget in (
            ("branch_name", tr("&First branch *"), self.branch_name),
            ("address", tr("&Address"), self.address),
            ("timezone", tr("&Time zone"), self.timezone),
            ("currency", tr("C&urrency"), self.currency),
            ("owner_full_name", tr("Owner's &full name *"), self.owner_full_name),
            ("owner_username", tr("Owner's user&name *"), self.owner_username),
            ("password", tr("&Password *"), self.password),
            ("password_confirm", tr("&Confirm password *"), self.password_confirm),
        ):
            self._add(form, key, label, widget)
        return box

    def _add(self, form: QFormLayout, key: str, label: str, widget: QWidget) -> None:
        error = QLabel()
        error.setObjectName(f"error_{key}")
        error.setStyleSheet("color:#b3261e;")
        error.setWordWrap(True)
        error.hide()
        column = QVBoxLayout()
        column.setSpacing(1)
        column.addWidget(widget)
        column.addWidget(error)
        caption = QLabel(label + ":")
        caption.setBuddy(widget)
        form.addRow(caption, column)
        self.inputs[key] = widget
        self.errors[key] = error

    # -- messages -----------------------------------------------------------------------

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()
        self.error.hide()

    def show_errors(self, fields: dict[str, str]) -> None:
        """Each message under its field; any without a field goes above the buttons."""
        self.clear_errors()
        rest: list[str] = []
        first: QWidget | None = None
        for key, message in fields.items():
            label = self.errors.get(key)
            if label is None:
                rest.append(message)
                continue
            label.setText(field_text(message))
            label.show()
            first = first or self.inputs[key]
        if rest:
            self._show_error(" ".join(rest))
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def error_text(self, key: str) -> str:
        label = self.errors[key]
        return label.text() if not label.isHidden() else ""

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    # -- actions ------------------------------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        self.create_button.setEnabled(not busy)
        self.demo_button.setEnabled(not busy)

    def submit(self) -> None:
        if not self.create_button.isEnabled():
            return
        if self.password.text() != self.password_confirm.text():
            self.show_errors({"password_confirm": tr("The two passwords are not the same.")})
            return
        values = {
            "branch_name": self.branch_name.text(),
            "address": self.address.text(),
            "timezone": self.timezone.currentText(),
            "currency": self.currency.text(),
            "owner_full_name": self.owner_full_name.text(),
            "owner_username": self.owner_username.text(),
            "password": self.password.text(),
        }
        self.clear_errors()
        self._set_busy(True)
        uow = self._uow
        # Hashing the password takes a moment: never on the GUI thread.
        self._runner.run(lambda: create_gym(uow, **values), self._created, self._failed, write=True)

    def _created(self, result: object) -> None:
        self._set_busy(False)
        assert isinstance(result, tuple)
        owner = result[1]
        assert isinstance(owner, Staff)
        self.created_username = owner.username
        self.choice = "created"
        self.password.clear()
        self.password_confirm.clear()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, ValidationError):
            self.show_errors(error.fields)
        else:
            self._show_error(describe(error))

    def open_connect(self) -> None:
        """The connect dialog; once connected, this desk's database is the chain's replica (choice "connected")."""
        assert self._connect is not None
        dialog = ConnectDialog(self._connect, self._runner, self)
        self.connect_dialog = dialog
        if dialog.exec() == ConnectDialog.DialogCode.Accepted:
            self.choice = "connected"
            self.accept()

    def open_demo(self) -> None:
        self.clear_errors()
        self._set_busy(True)
        self.demo_button.setText(tr("Preparing the demo gym…"))
        self._runner.run(self._prepare_demo, self._demo_ready, self._demo_failed, write=True)

    def _demo_ready(self, _result: object) -> None:
        self._set_busy(False)
        self.choice = "demo"
        self.accept()

    def _demo_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.demo_button.setText(tr("Open the demo gym"))
        self._show_error(describe(error))
