"""Signing in at the desk: username and password; the owner also picks the branch this desk serves."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reception.domain.models import Branch, Role, Staff
from reception.services.auth import StaffService
from reception.services.catalogue import CatalogueService
from reception.services.context import Desk
from reception.ui.dialogs.base import Dialog
from reception.ui.messages import describe
from reception.ui.resources import app_icon
from reception.ui.settings import ui_settings
from reception.ui.tasks import Runner
from reception.ui.i18n import tr
from reception.ui.words import database_words


class LoginForm(QWidget):
    """The fields and the sign-in logic, shared by the login dialog and the lock screen.

    With `keep_branch`, an owner continues at that branch (unlocking a desk must not move it).
    """

    signed_in = Signal(object)  # services.context.Desk

    def __init__(
        self,
        staff: StaffService,
        catalogue: CatalogueService,
        runner: Runner,
        *,
        keep_branch: Branch | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._staff_service = staff
        self._catalogue = catalogue
        self._runner = runner
        self.keep_branch = keep_branch
        self._pending_staff: Staff | None = None
        self._busy = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.username = QLineEdit()
        self.username.setMaxLength(64)
        self.username.setText(str(ui_settings().value("login/username", "") or ""))
        self.password = QLineEdit()
        self.password.setMaxLength(256)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.branch = QComboBox()
        self.branch_label = QLabel(tr("&Branch:"))
        self.branch_label.setBuddy(self.branch)
        form.addRow(tr("&Username:"), self.username)
        form.addRow(tr("&Password:"), self.password)
        form.addRow(self.branch_label, self.branch)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.button = QPushButton(tr("Sign in"))
        self.button.setObjectName("primaryAction")
        self.button.setDefault(True)
        self.button.setAutoDefault(True)
        layout.addWidget(self.button)
        self._show_branch_choice(False)

        self.button.clicked.connect(self.submit)
        self.username.returnPressed.connect(self.submit)
        self.password.returnPressed.connect(self.submit)
        self.username.textEdited.connect(lambda _text: self._show_branch_choice(False))

    def focus_first_field(self) -> None:
        (self.password if self.username.text() else self.username).setFocus(Qt.FocusReason.OtherFocusReason)

    def reset(self) -> None:
        self.password.clear()
        self.error.hide()
        self._show_branch_choice(False)
        self.focus_first_field()

    def submit(self) -> None:
        if self._busy:
            return
        if self._pending_staff is not None:  # second step: the owner chose a branch
            branch = self.branch.currentData()
            if isinstance(branch, Branch):
                ui_settings().setValue("login/branch", str(branch.id))
                self._finish(Desk(self._pending_staff, branch))
            return
        username, password = self.username.text().strip(), self.password.text()
        if not username or not password:
            self._show_error(tr("Enter your username and password."))
            self.focus_first_field()
            return
        self._busy = True
        self.button.setEnabled(False)
        self.error.hide()
        staff_service, catalogue = self._staff_service, self._catalogue
        # argon2 takes ~50-100 ms (and longer after failures): never on the GUI thread.
        self._runner.run(
            lambda: (staff_service.authenticate(username, password), catalogue.branches()),
            self._authenticated,
            self._failed,
        )

    def _authenticated(self, found: tuple[Staff, list[Branch]]) -> None:
        self._busy = False
        self.button.setEnabled(True)
        staff, branches = found
        ui_settings().setValue("login/username", staff.username)
        active = [b for b in sorted(branches, key=lambda b: b.number) if b.is_active]
        if staff.role is Role.OWNER:
            if self.keep_branch is not None:
                self._finish(Desk(staff, self.keep_branch))
                return
            if len(active) == 1:
                self._finish(Desk(staff, active[0]))
                return
            self._offer_branches(staff, active)
            return
        branch = next((b for b in branches if b.id == staff.branch_id), None)
        if branch is None:
            self._show_error(tr("Your account is not linked to a branch. Ask the owner to set it."))
            return
        self._finish(Desk(staff, branch))

    def _offer_branches(self, staff: Staff, branches: list[Branch]) -> None:
        self._pending_staff = staff
        self.branch.clear()
        last = str(ui_settings().value("login/branch", "") or "")
        for branch in branches:
            self.branch.addItem(f"{branch.number} · {branch.name}", branch)
            if str(branch.id) == last:
                self.branch.setCurrentIndex(self.branch.count() - 1)
        self._show_branch_choice(True)
        self.branch.setFocus()

    def _show_branch_choice(self, visible: bool) -> None:
        if not visible:
            self._pending_staff = None
        self.branch.setVisible(visible)
        self.branch_label.setVisible(visible)
        self.button.setText(tr("Open this branch") if visible else tr("Sign in"))

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        self.button.setEnabled(True)
        self.password.clear()
        self.password.setFocus()
        self._show_error(describe(error))

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _finish(self, desk: Desk) -> None:
        self.password.clear()
        self.error.hide()
        self._show_branch_choice(False)
        self.signed_in.emit(desk)


class LoginDialog(Dialog):
    """Before the window opens, and for "Switch user". `desk` is set when it is accepted."""

    def __init__(
        self,
        staff: StaffService,
        catalogue: CatalogueService,
        runner: Runner,
        *,
        database: str = "",
        title: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        title = title or tr("Sign in")
        self.setWindowTitle(tr("{title} — Reception").format(title=title))
        self.setWindowIcon(app_icon())
        self.desk: Desk | None = None
        layout = QVBoxLayout(self)
        heading = QLabel(title)
        heading.setObjectName("lockTitle")
        layout.addWidget(heading)
        if database:
            where = QLabel(database_words(database))
            where.setObjectName("bigCaption")
            where.setWordWrap(True)
            layout.addWidget(where)
        self.form = LoginForm(staff, catalogue, runner, parent=self)
        layout.addWidget(self.form)
        self.form.signed_in.connect(self._signed_in)
        self.setMinimumWidth(380)
        self.form.focus_first_field()

    def _signed_in(self, desk: Desk) -> None:
        self.desk = desk
        self.accept()
