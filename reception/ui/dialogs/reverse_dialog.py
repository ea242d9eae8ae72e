"""Reverse a mistaken check-in with a reason; a manager approves at the desk when the receptionist may not alone."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from reception.domain.authorization import Action
from reception.domain.models import Attendance, AttendanceAction
from reception.services.attendance import AttendanceService
from reception.services.context import Approval
from reception.ui.context import DeskContext
from reception.ui.dialogs.approval import ApprovalBox, Approve
from reception.ui.dialogs.base import Dialog
from reception.ui.widgets.notice import Notice
from reception.ui.i18n import clock, day, isolate, tr


class ReverseDialog(Dialog):
    """`reversed(Attendance)` carries the original visit, now marked reversed."""

    reversed = Signal(object)

    def __init__(self, ctx: DeskContext, visit: Attendance, member_name: str, parent: QWidget | None = None, *,
                 attendance: AttendanceService, approve: Approve) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._attendance = attendance
        self.visit = visit
        self.setWindowTitle(tr("Reverse a check-in"))
        desk = ctx.desk
        self.needs_approval = not attendance.may_reverse_alone(desk, visit)
        local = visit.check_in_time.astimezone(ZoneInfo(desk.branch.timezone))
        if visit.action is AttendanceAction.CHECK_IN_WITH_DEDUCTION and visit.subscription_id:
            question = tr("Reverse {name}'s check-in at {time} on {day}? One session goes back to the member's "
                          "pack.\nThe visit stays in the history, marked reversed.")
        else:
            question = tr("Reverse {name}'s check-in at {time} on {day}?\nThe visit stays in the history, "
                          "marked reversed.")
        what = QLabel(question.format(name=isolate(member_name), time=clock(local), day=day(local.date())))
        what.setWordWrap(True)
        self.reason = QLineEdit(placeholderText=tr("Why? e.g. scanned the wrong card"))
        self.notice = Notice()
        self.approval_box = ApprovalBox(
            ctx.runner, lambda a: approve(a, Action.REVERSE_ANY, visit.branch_id),
            tr("A manager approves (another person's check-in, or more than %n minute(s) ago)", None,
               desk.branch.rules.reversal_window_minutes))
        self.approval_box.setVisible(self.needs_approval)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.confirm = self.buttons.addButton(tr("Reverse"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addWidget(QLabel(tr("Reason:")))
        layout.addWidget(self.reason)
        layout.addWidget(self.approval_box)
        layout.addWidget(self.notice)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.reason.setFocus()

    def submit(self) -> None:
        reason = self.reason.text().strip()
        if len(reason) < 3:
            self.notice.show_error(tr("Write why this check-in is reversed."))
            self.reason.setFocus()
            return
        approval: Approval | None = None
        if self.needs_approval:
            approval = self.approval_box.require(self.notice)
            if approval is None:
                return
        self.confirm.setEnabled(False)
        attendance, desk, visit_id = self._attendance, self._ctx.desk, self.visit.id

        def done(original: Attendance) -> None:
            self.reversed.emit(original)
            self.accept()

        def failed(error: BaseException) -> None:
            self.confirm.setEnabled(True)
            self.notice.show_error(error)

        self._ctx.runner.run(lambda: attendance.reverse(desk, visit_id, reason, approval=approval), done, failed,
                             write=True)
