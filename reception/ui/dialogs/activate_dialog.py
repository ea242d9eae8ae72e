"""Sell a subscription: catalogue, price (changed only with a manager), payment, start, live preview, receipt."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reception.clock import Clock
from reception.domain.errors import AlreadyActive, ValidationError
from reception.domain.models import Branch, Customer, PaymentMethod, Service
from reception.domain.periods import local_today
from reception.domain.permissions import Permission, can
from reception.services.catalogue import CatalogueService
from reception.services.context import ActivationResult, Approval
from reception.services.subscriptions import Quote, SubscriptionService
from reception.ui.context import DeskContext
from reception.ui.dialogs.approval import ApprovalBox, Approve
from reception.ui.dialogs.base import Dialog
from reception.ui.receipts import print_receipt, receipt_lines
from reception.ui.widgets.notice import Notice
from reception.ui.i18n import day, isolate, money, number, receipt_number, tr
from reception.ui.messages import describe
from reception.ui.words import payment_word, unit_word


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class ActivateDialog(Dialog):
    """Built with what it shows already fetched (see `SaleOpener`)."""

    activated = Signal(object)  # ActivationResult

    def __init__(self, ctx: DeskContext, customer: Customer, services: list[Service], home_branch: Branch,
                 parent: QWidget | None = None, *, subscriptions: SubscriptionService, approve: Approve,
                 clock: Clock) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._subscriptions = subscriptions
        self._approve = approve
        self.customer = customer
        self.home_branch = home_branch
        self.services = [s for s in services if s.is_active]
        self.approval: Approval | None = None
        self.renew_from: date | None = None
        self.quote: Quote | None = None
        self.result: ActivationResult | None = None
        self._quote_generation = 0
        self.may_change_price = can(ctx.desk.staff, Permission.CHANGE_PRICE)
        self.setWindowTitle(tr("Activate a subscription — {name}").format(name=isolate(customer.full_name)))
        self.setMinimumWidth(520)
        currency = ctx.desk.branch.rules.currency

        self.notice = Notice()
        self.member = QLabel(tr("<b>{name}</b> · member no. {number}").format(
            name=isolate(customer.full_name), number=number(customer.member_no)))
        self.branch = QLabel(tr("{branch} (the member's home branch)").format(branch=isolate(home_branch.name)),
                             objectName="branchLabel")
        self.service = QComboBox()
        for service in self.services:
            self.service.addItem(f"{isolate(service.name)} — {money(service.price, currency)}", str(service.id))
        self.price = QLineEdit()
        self.price.setReadOnly(not self.may_change_price)
        self.change_price = QPushButton(tr("Change price (manager)…"))
        self.change_price.setVisible(not self.may_change_price)
        self.approval_box = ApprovalBox(ctx.runner, self._verify_approval, tr("A manager approves the price change"))
        self.approval_box.hide()
        self.approval_box.approved.connect(self._price_approved)
        self.change_price.clicked.connect(self._ask_approval)
        price_row = QHBoxLayout()
        price_row.addWidget(self.price, 1)
        price_row.addWidget(QLabel(currency))
        price_row.addWidget(self.change_price)
        self.method = QComboBox()
        for method in ctx.desk.branch.rules.payment_methods:
            self.method.addItem(payment_word(method), method.value)
        self.start = QDateEdit()
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("yyyy-MM-dd")
        self.today = local_today(clock.now(), ctx.desk.branch.timezone)
        self.start.setMinimumDate(_qdate(self.today))
        self.start.setDate(_qdate(self.today))
        self.preview = QLabel(objectName="preview")
        self.preview.setWordWrap(True)
        # Room for the validity line and a renewal hint even before the first quote arrives.
        self.preview.setMinimumHeight(4 * self.preview.fontMetrics().lineSpacing())

        form = QFormLayout()
        form.addRow(tr("Member:"), self.member)
        form.addRow(tr("Branch:"), self.branch)
        form.addRow(tr("Service:"), self.service)
        form.addRow(tr("Price:"), price_row)
        form.addRow("", self.approval_box)
        form.addRow(tr("Payment:"), self.method)
        form.addRow(tr("Starts:"), self.start)
        form.addRow("", self.preview)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.activate_button = self.buttons.addButton(tr("Activate"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.activate_button.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        sale = QWidget()
        sale_layout = QVBoxLayout(sale)
        sale_layout.setContentsMargins(0, 0, 0, 0)
        sale_layout.addLayout(form)
        sale_layout.addStretch()
        sale_layout.addWidget(self.buttons)

        self.receipt_text = QLabel(objectName="receiptSummary")
        self.receipt_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.receipt_text.setStyleSheet("font-family: monospace;")
        self.print_button = QPushButton(tr("Print receipt…"))
        self.print_button.clicked.connect(self.print_receipt)
        close = QPushButton(tr("Close"))
        close.clicked.connect(self.accept)
        done = QWidget()
        done_layout = QVBoxLayout(done)
        done_layout.addWidget(self.receipt_text, 1)
        done_buttons = QHBoxLayout()
        done_buttons.addStretch()
        done_buttons.addWidget(self.print_button)
        done_buttons.addWidget(close)
        done_layout.addLayout(done_buttons)

        self.stack = QStackedWidget()
        self.stack.addWidget(sale)
        self.stack.addWidget(done)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(self.stack, 1)

        self.service.currentIndexChanged.connect(self._service_changed)
        self.start.dateChanged.connect(self.refresh_quote)
        self.activate_button.setEnabled(bool(self.services))
        if not self.services:
            self.notice.show_message(tr("No services are on sale. A manager can add them to the catalogue."), "info")
        self._service_changed()

    # -- choices -----------------------------------------------------------------------

    def selected_service(self) -> Service | None:
        sid = self.service.currentData()
        return next((s for s in self.services if str(s.id) == sid), None)

    def select_service(self, service_id: uuid.UUID) -> None:
        self.service.setCurrentIndex(self.service.findData(str(service_id)))

    def select_method(self, method: PaymentMethod) -> None:
        self.method.setCurrentIndex(self.method.findData(method.value))

    def _service_changed(self) -> None:
        service = self.selected_service()
        if service is not None:
            self.price.setText(f"{service.price:.2f}")
        self.refresh_quote()

    def refresh_quote(self) -> None:
        service = self.selected_service()
        if service is None:
            self.preview.clear()
            return
        self._quote_generation += 1
        generation = self._quote_generation
        start = self.renew_from or _pydate(self.start.date())
        subs, desk, cid = self._subscriptions, self._ctx.desk, self.customer.id

        def shown(quote: Quote) -> None:
            if generation == self._quote_generation:
                self.quote = quote
                self.preview.setText(self._describe(quote))

        def failed(error: BaseException) -> None:
            if generation == self._quote_generation:
                self.preview.setText("")
                self.notice.show_error(error)

        self._ctx.runner.run(lambda: subs.quote(desk, cid, service.id, start), shown, failed)

    @staticmethod
    def _describe(quote: Quote) -> str:
        if quote.units:
            text = tr("Valid {start} to {end} inclusive · {units}.").format(
                start=day(quote.start_date), end=day(quote.end_date),
                units=unit_word(quote.service.kind.unit, quote.units))
        else:
            text = tr("Valid {start} to {end} inclusive.").format(start=day(quote.start_date), end=day(quote.end_date))
        if quote.current_end_date is not None:
            renewal = quote.current_end_date + timedelta(days=1)
            text += "\n" + tr("Already active until {end}: this sale can be a renewal from {renewal}.").format(
                end=day(quote.current_end_date), renewal=day(renewal))
        return text

    # -- price approval --------------------------------------------------------------------

    def _ask_approval(self) -> None:
        self.approval_box.show()
        self.approval_box.username.setFocus()

    def _verify_approval(self, approval: Approval):  # type: ignore[no-untyped-def]
        return self._approve(approval, Permission.CHANGE_PRICE, self._ctx.desk.branch.id)

    def _price_approved(self, approval: Approval, _staff: object) -> None:
        self.approval = approval
        self.price.setReadOnly(False)
        self.price.setFocus()
        self.price.selectAll()

    # -- selling ----------------------------------------------------------------------------

    def submit(self) -> None:
        service = self.selected_service()
        if service is None:
            return
        amount: str | None = self.price.text().strip()
        try:
            if Decimal(str(amount).replace(",", "")) == service.price:
                amount = None
        except ArithmeticError:
            pass  # the service says what is wrong with it
        method = PaymentMethod(self.method.currentData())
        start = self.renew_from or _pydate(self.start.date())
        renew = self.renew_from is not None
        approval = self.approval
        subs, desk, cid = self._subscriptions, self._ctx.desk, self.customer.id
        self.activate_button.setEnabled(False)
        self.notice.clear_message()

        def work() -> ActivationResult:
            return subs.activate(desk, cid, service.id, payment_method=method, start_date=start, amount=amount,
                                 renew=renew, approval=approval)

        self._ctx.runner.run(work, self._activated, self._failed, write=True)

    def _failed(self, error: BaseException) -> None:
        self.activate_button.setEnabled(True)
        if isinstance(error, AlreadyActive):
            self.renew_from = error.renewal_start  # type: ignore[assignment]
            self.activate_button.setText(tr("Renew from {day}").format(day=day(self.renew_from)))
            self.start.setEnabled(False)
            self.notice.show_message(describe(error), "info")
            self.refresh_quote()
            return
        if isinstance(error, ValidationError) and "amount" in error.fields:
            self.price.setFocus()
        self.notice.show_error(error)

    def _activated(self, result: ActivationResult) -> None:
        self.result = result
        receipt = result.receipt
        self.notice.show_success(
            tr("{service} activated for {name}. Receipt no. {number}: {amount} by {method}.").format(
                service=isolate(receipt.service_name), name=isolate(receipt.member_name),
                number=receipt_number(receipt), amount=money(receipt.amount, receipt.currency),
                method=payment_word(receipt.method)))
        self.receipt_text.setText("\n".join(receipt_lines(receipt)))
        self.stack.setCurrentIndex(1)
        self.print_button.setFocus()
        self._ctx.events.subscription_changed.emit(self.customer.id)
        self.activated.emit(result)

    def print_receipt(self) -> None:
        if self.result is not None:
            try:
                print_receipt(self.result.receipt, self)
            except OSError as error:
                self.notice.show_error(tr("Printing did not work: {error}").format(error=isolate(error)))


class SaleOpener:
    """`sell(customer, parent)`: fetch the catalogue and the member's branch in the background, then open the
    sale dialog filled. The window makes one with the services a sale uses; whatever sells is handed it."""

    def __init__(self, ctx: DeskContext, *, catalogue: CatalogueService, subscriptions: SubscriptionService,
                 approve: Approve, clock: Clock) -> None:
        self._ctx = ctx
        self._catalogue = catalogue
        self._subscriptions = subscriptions
        self._approve = approve
        self._clock = clock

    def __call__(
        self,
        customer: Customer,
        parent: QWidget | None = None,
        *,
        on_open: Callable[[ActivateDialog], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        catalogue, ctx = self._catalogue, self._ctx

        def load() -> tuple[list[Service], Branch]:
            return ([s for s in catalogue.services(active_only=True) if s.kind.is_subscription],
                    catalogue.branch(customer.branch_id))

        def show(loaded: tuple[list[Service], Branch]) -> None:
            services, branch = loaded
            dialog = ActivateDialog(ctx, customer, services, branch, parent, subscriptions=self._subscriptions,
                                    approve=self._approve, clock=self._clock)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.show()
            if on_open is not None:
                on_open(dialog)

        ctx.runner.run(load, show, on_error)
