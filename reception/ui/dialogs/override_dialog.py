"""A manager lets a denied member in: a reason, and at a receptionist's desk the manager's own login."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from reception.domain.models import Customer
from reception.domain.permissions import Permission, can
from reception.services.context import Approval, CheckInResult, Desk
from reception.ui.dialogs.base import Dialog
from reception.ui.messages import describe
from reception.ui.tasks import Runner
from reception.ui.i18n import isolate, number, tr

OverrideCall = Callable[[str, Approval | None], CheckInResult]


class OverrideDialog(Dialog):
    """Gets only what it needs: the desk, the member, and a function that performs the override."""

    def __init__(
        self,
        *,
        desk: Desk,
        customer: Customer,
        headline: str,
        override: OverrideCall,
        runner: Runner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Override a denial"))
        self._override = override
        self._runner = runner
        self.result_value: CheckInResult | None = None
        self._pending = False
        self._error_check: Callable[[], bool] | None = None  # True once what the error was about is corrected
        self.needs_approval = not can(desk.staff, Permission.OVERRIDE_DENIAL)

        layout = QVBoxLayout(self)
        intro = QLabel(tr("<b>{name}</b> (#{number}) was denied: {reason}.<br>Letting them in is logged "
                          "with your reason.").format(name=isolate(customer.full_name),
                                                      number=number(customer.member_no), reason=headline))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.reason = QLineEdit()
        self.reason.setMaxLength(200)
        self.reason.setPlaceholderText(tr("e.g. paid at the counter, renewal tomorrow"))
        form.addRow(tr("&Reason:"), self.reason)
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        if self.needs_approval:
            note = QLabel(tr("A manager must approve: manager, enter your own username and password."))
            note.setWordWrap(True)
            form.addRow(note)
            form.addRow(tr("Manager &username:"), self.username)
            form.addRow(tr("Manager &password:"), self.password)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.addButton(tr("Let in"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        for field in (self.reason, self.username, self.password):
            field.textChanged.connect(self._recheck)

    def submit(self) -> None:
        reason = self.reason.text().strip()
        if len(reason) < 3:
            self._show_error(tr("Write the reason for the override."), self._reason_given)
            self.reason.setFocus()
            return
        approval = None
        if self.needs_approval:
            if not self.username.text().strip() or not self.password.text():
                self._show_error(tr("A manager must enter their username and password."), self._login_given)
                (self.username if not self.username.text().strip() else self.password).setFocus()
                return
            approval = Approval(self.username.text().strip(), self.password.text())
        self._set_pending(True)
        self._clear_error()
        call = self._override
        self._runner.run(lambda: call(reason, approval), self._done, self._failed, write=True)

    def reject(self) -> None:
        if not self._pending:  # the override is being written: it finishes, then the dialog closes
            super().reject()

    def _set_pending(self, pending: bool) -> None:
        self._pending = pending
        self.buttons.setEnabled(not pending)

    def _done(self, result: CheckInResult) -> None:
        self._set_pending(False)
        self.result_value = result
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._set_pending(False)
        self.password.clear()
        field = self.password if self.needs_approval else self.reason
        typed = field.text()
        self._show_error(describe(error), lambda: field.text() != typed)  # retyped: the old answer no longer holds
        field.setFocus()

    def _reason_given(self) -> bool:
        return len(self.reason.text().strip()) >= 3

    def _login_given(self) -> bool:
        return bool(self.username.text().strip() and self.password.text())

    def _show_error(self, text: str, corrected: Callable[[], bool]) -> None:
        self._error_check = corrected
        self.error.setText(text)
        self.error.show()

    def _clear_error(self) -> None:
        self._error_check = None
        self.error.clear()
        self.error.hide()

    def _recheck(self) -> None:
        """An error goes as soon as the field it was about is put right."""
        if self._error_check is not None and self._error_check():
            self._clear_error()
