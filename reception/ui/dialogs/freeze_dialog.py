"""Freeze a subscription from a date for N days (the new end date shown first), or unfreeze it early."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import QDateEdit, QDialogButtonBox, QFormLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from reception.clock import Clock
from reception.domain.authorization import Action, Actor, allowed
from reception.domain.errors import DomainError
from reception.domain.models import Subscription
from reception.domain.periods import FreezePlan, local_today, plan_unfreeze
from reception.services.context import Approval
from reception.services.subscriptions import SubscriptionService
from reception.ui.context import DeskContext
from reception.ui.dialogs.approval import ApprovalBox, Approve
from reception.ui.dialogs.base import Dialog
from reception.ui.messages import describe
from reception.ui.widgets.notice import Notice
from reception.ui.i18n import day, isolate, number, tr

PREVIEW_DELAY_MS = 120


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class FreezeDialog(Dialog):
    """`FreezeDialog(ctx, sub, subscriptions=…, approve=…, clock=…)` freezes; with `unfreeze=True` it ends a
    freeze today.

    `done_with(Subscription)` carries the subscription as saved.
    """

    done_with = Signal(object)

    def __init__(self, ctx: DeskContext, sub: Subscription, *, subscriptions: SubscriptionService, approve: Approve,
                 clock: Clock, unfreeze: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._subscriptions = subscriptions
        self.sub = sub
        self.unfreeze = unfreeze
        self.plan: FreezePlan | None = None
        self._generation = 0
        desk = ctx.desk
        self.today = local_today(clock.now(), desk.branch.timezone)
        # a subscription belongs to the member's home branch: its manager (or the owner) approves
        self.needs_approval = not allowed(Actor(desk.staff, desk.branch.id), Action.FREEZE, sub.branch_id)
        self.setWindowTitle(tr("Unfreeze subscription") if unfreeze else tr("Freeze subscription"))

        self.start = QDateEdit(QDate(self.today.year, self.today.month, self.today.day))
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("yyyy-MM-dd")
        self.start.setMinimumDate(QDate(self.today.year, self.today.month, self.today.day))
        self.days = QSpinBox()
        self.days.setRange(1, max(1, desk.branch.rules.max_freeze_days_per_year))
        self.days.setValue(min(7, self.days.maximum()))
        self.days.setSuffix(tr(" day(s)", None, 2))
        self.preview = QLabel(objectName="freezePreview")
        self.preview.setWordWrap(True)
        self.allowance = QLabel()
        self.notice = Notice()
        self.approval_box = ApprovalBox(
            ctx.runner, lambda a: approve(a, Action.FREEZE, sub.branch_id),
            tr("A manager approves the freeze"))
        self.approval_box.setVisible(self.needs_approval)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.confirm = self.buttons.addButton(tr("Unfreeze now") if unfreeze else tr("Freeze"),
                                              QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(tr("Subscription:"), QLabel(tr("{service}, ends {end}").format(
            service=isolate(sub.service_name), end=day(sub.end_date))))
        if not unfreeze:
            form.addRow(tr("Freeze from:"), self.start)
            form.addRow(tr("For:"), self.days)
            form.addRow("", self.allowance)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        layout.addWidget(self.approval_box)
        layout.addWidget(self.notice)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

        self._debounce = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._debounce.timeout.connect(self.refresh_preview)
        self.start.dateChanged.connect(lambda _d: self._debounce.start())
        self.days.valueChanged.connect(lambda _v: self._debounce.start())
        if unfreeze:
            self._show_unfreeze_preview()
        else:
            self.refresh_preview()
            self._load_allowance()

    # -- preview --------------------------------------------------------------------------

    def refresh_preview(self) -> None:
        """Ask the service what the freeze would do; the button waits for an answer."""
        self._generation += 1
        generation = self._generation
        self.plan = None
        self.confirm.setEnabled(False)
        start, days = _pydate(self.start.date()), self.days.value()
        subs, desk, sub_id = self._subscriptions, self._ctx.desk, self.sub.id

        def shown(plan: FreezePlan) -> None:
            if generation != self._generation:
                return
            self.plan = plan
            self.preview.setStyleSheet("")
            self.preview.setText(
                tr("Frozen {start} – {until} (%n day(s)).\nNew end date: {end} (was {was}).", None, plan.days).format(
                    start=day(plan.frozen_from, year=False), until=day(plan.frozen_until), end=day(plan.new_end_date),
                    was=day(self.sub.end_date)))
            self.confirm.setEnabled(True)

        def refused(error: BaseException) -> None:
            if generation == self._generation:
                self.preview.setStyleSheet("color:#b3261e;")
                self.preview.setText(describe(error))

        self._ctx.runner.run(lambda: subs.freeze_preview(desk, sub_id, start=start, days=days), shown, refused)

    def _load_allowance(self) -> None:
        subs, desk, sub_id = self._subscriptions, self._ctx.desk, self.sub.id
        limit = desk.branch.rules.max_freeze_days_per_year
        self._ctx.runner.run(lambda: subs.freeze_days_left(desk, sub_id),
                             lambda left: self.allowance.setText(
                                 tr("{left} of {limit} freeze days left this year.").format(
                                     left=number(left), limit=number(limit))),
                             lambda _error: None)

    def _show_unfreeze_preview(self) -> None:
        sub = self.sub
        if sub.frozen_from is None or sub.frozen_until is None:
            self.preview.setText(tr("This subscription is not frozen."))
            self.confirm.setEnabled(False)
            return
        try:
            plan = plan_unfreeze(frozen_from=sub.frozen_from, frozen_until=sub.frozen_until, end_date=sub.end_date,
                                 today=self.today)
        except DomainError as error:
            self.preview.setText(describe(error))
            self.confirm.setEnabled(False)
            return
        self.plan = plan
        self.preview.setText(
            tr("Frozen since {start}, planned until {until}.\nUnfreezing today gives back %n unused day(s): "
               "the subscription then ends on {end}.", None, (sub.end_date - plan.new_end_date).days).format(
                start=day(sub.frozen_from), until=day(sub.frozen_until), end=day(plan.new_end_date)))

    # -- save -----------------------------------------------------------------------------

    def submit(self) -> None:
        if self.plan is None:
            return
        approval: Approval | None = None
        if self.needs_approval:
            approval = self.approval_box.require(self.notice)
            if approval is None:
                return
        self.confirm.setEnabled(False)
        subs, desk, sub_id = self._subscriptions, self._ctx.desk, self.sub.id
        start, days = _pydate(self.start.date()), self.days.value()
        if self.unfreeze:
            def call() -> Subscription:
                return subs.unfreeze(desk, sub_id, approval=approval)
        else:
            def call() -> Subscription:
                return subs.freeze(desk, sub_id, start=start, days=days, approval=approval)

        def saved(sub: Subscription) -> None:
            self.done_with.emit(sub)
            self.accept()

        def failed(error: BaseException) -> None:
            self.confirm.setEnabled(True)
            self.notice.show_error(error)

        self._ctx.runner.run(call, saved, failed, write=True)
