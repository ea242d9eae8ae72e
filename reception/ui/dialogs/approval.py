"""A manager approves an action at a receptionist's desk by typing their own username and password."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from reception.domain.authorization import Action
from reception.domain.models import Staff
from reception.services.context import Approval
from reception.ui.messages import describe
from reception.ui.tasks import Runner
from reception.ui.i18n import isolate, tr

# `StaffService.approve`: the approver for this action on something of that branch, or PermissionDenied.
Approve = Callable[[Approval, Action, uuid.UUID], Staff]


class ApprovalBox(QGroupBox):
    """Checks the credentials through `verify` (in the background) and emits `approved(Approval, Staff)`.

    The desk's own session never changes; the service checks the same Approval again when it acts.
    """

    approved = Signal(object, object)  # Approval, Staff

    def __init__(self, runner: Runner, verify: Callable[[Approval], Staff], title: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(title or tr("Manager approval"), parent)
        self._runner = runner
        self._verify = verify
        self.approval: Approval | None = None
        self.approver: Staff | None = None
        self.username = QLineEdit(placeholderText=tr("Manager username"))
        self.password = QLineEdit(placeholderText=tr("Password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.approve_button = QPushButton(tr("Approve"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.approve_button.clicked.connect(self.approve)
        self.password.returnPressed.connect(self.approve)
        row = QHBoxLayout(self)
        row.addWidget(self.username)
        row.addWidget(self.password)
        row.addWidget(self.approve_button)
        row.addWidget(self.status, 1)

    def approve(self) -> None:
        approval = Approval(self.username.text().strip(), self.password.text())
        if not approval.username or not approval.password:
            self._show(tr("Type a manager's username and password."), ok=False)
            return
        self.approve_button.setEnabled(False)
        self._show(tr("Checking…"), ok=True)

        def done(staff: Staff) -> None:
            self.approve_button.setEnabled(True)
            self.approval, self.approver = approval, staff
            self.password.clear()
            self._show(tr("✔ Approved by {name}.").format(name=isolate(staff.full_name)), ok=True)
            self.approved.emit(approval, staff)

        def failed(error: BaseException) -> None:
            self.approve_button.setEnabled(True)
            self.approval = self.approver = None
            self.password.clear()
            self._show(describe(error), ok=False)

        self._runner.run(lambda: self._verify(approval), done, failed)

    def require(self, notice: object) -> Approval | None:
        """The approval given so far; without one, say what to do (in `notice`) and focus the box."""
        if self.approval is None:
            notice.show_error(  # type: ignore[attr-defined]
                tr("A manager must approve first: their username and password, then Approve."))
            self.username.setFocus()
        return self.approval

    def reset(self) -> None:
        self.approval = self.approver = None
        self.password.clear()
        self.status.clear()

    def _show(self, text: str, *, ok: bool) -> None:
        self.status.setStyleSheet("" if ok else "color:#b3261e;")
        self.status.setText(text)
