"""Connect this desk to the chain's server: its address and a manager's (or the owner's) sign-in. The desk is
enrolled as a device of its branch and its replica is copied; from then on it works from that file."""

from __future__ import annotations

import socket
from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reception.ui.dialogs.base import Dialog
from reception.ui.i18n import ltr, tr
from reception.ui.messages import describe
from reception.ui.tasks import Runner
from reception.ui.widgets.notice import Notice

Connect = Callable[[str, str, str, int | None, str], object]  # (server, username, password, branch, name) -> status


class ConnectDialog(Dialog):
    """`ConnectDialog(connect, runner)`: accepted once `connect(...)` succeeded on the runner's write lane."""

    def __init__(self, connect: Connect, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._connect = connect
        self._runner = runner
        self.status: object = None
        self.setWindowTitle(tr("Connect to the chain's server"))
        layout = QVBoxLayout(self)
        intro = QLabel(tr("A manager of this branch, or the owner, connects the desk once. The desk then works from "
                          "its own copy of the chain's data, online or not, and sends its changes when it can."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.server = QLineEdit()
        self.server.setPlaceholderText(tr("e.g. {address}").format(address=ltr("https://gym.example.com")))
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.branch = QSpinBox()
        self.branch.setRange(0, 9999)
        self.branch.setSpecialValueText(tr("The manager's own branch"))
        self.desk_name = QLineEdit(socket.gethostname())
        form.addRow(tr("Server address"), self.server)
        form.addRow(tr("Username"), self.username)
        form.addRow(tr("Password"), self.password)
        form.addRow(tr("Branch number"), self.branch)
        form.addRow(tr("This desk's name"), self.desk_name)
        layout.addLayout(form)
        self.notice = Notice(self)
        layout.addWidget(self.notice)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.connect_button = self.buttons.addButton(tr("Connect"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self._start)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _start(self) -> None:
        server, username, password = self.server.text().strip(), self.username.text().strip(), self.password.text()
        if not server or not username or not password:
            self.notice.show_error(tr("Type the server's address, a username and its password."))
            return
        branch = self.branch.value() or None
        name = " ".join(self.desk_name.text().split()) or socket.gethostname()
        self.connect_button.setEnabled(False)
        self.notice.show_message(tr("Connecting and copying the chain's data… this takes a minute for a large gym."))
        self._runner.run(lambda: self._connect(server, username, password, branch, name), self._done, self._failed,
                         write=True)

    def _done(self, status: object) -> None:
        self.status = status
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.connect_button.setEnabled(True)
        self.password.clear()
        self.notice.show_error(describe(error))
