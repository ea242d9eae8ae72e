"""What the buttons under a member's subscriptions and visits do: freeze, unfreeze, reprint a receipt, reverse."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from reception.clock import Clock
from reception.domain.models import Attendance, Subscription
from reception.services.attendance import AttendanceService
from reception.services.context import Receipt, SubscriptionView
from reception.services.subscriptions import SubscriptionService
from reception.ui.context import DeskContext
from reception.ui.dialogs.approval import Approve
from reception.ui.dialogs.freeze_dialog import FreezeDialog
from reception.ui.dialogs.reverse_dialog import ReverseDialog
from reception.ui.messages import describe
from reception.ui.pages.customer_detail import CustomerDetail
from reception.ui.receipt_pdf import ask_receipt_path, save_receipt_pdf
from reception.ui.receipts import print_receipt
from reception.ui.i18n import day, isolate, ltr, number, receipt_number, tr


class CustomerHistoryActions(QObject):
    """Connects a CustomerDetail's history buttons to the services; reports through `message(kind, text)`."""

    message = Signal(str, str)  # "success" | "error", text
    receipt_saved = Signal(str)  # path of the PDF

    def __init__(self, ctx: DeskContext, detail: CustomerDetail, parent: QObject | None = None, *,
                 subscriptions: SubscriptionService, attendance: AttendanceService, approve: Approve,
                 clock: Clock) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._subscriptions = subscriptions
        self._attendance = attendance
        self._approve = approve
        self._clock = clock
        self.detail = detail
        self.last_dialog: QWidget | None = None
        self.pdf_path: str | None = None  # tests set where the next PDF goes instead of asking
        detail.freeze_clicked.connect(self.freeze)
        detail.unfreeze_clicked.connect(self.unfreeze)
        detail.print_receipt_clicked.connect(self.print_receipt)
        detail.save_receipt_clicked.connect(self.save_receipt)
        detail.reverse_clicked.connect(self.reverse)

    # -- freeze -----------------------------------------------------------------------------

    def freeze(self, view: SubscriptionView) -> FreezeDialog:
        return self._open_freeze(view.subscription, unfreeze=False)

    def unfreeze(self, view: SubscriptionView) -> FreezeDialog:
        return self._open_freeze(view.subscription, unfreeze=True)

    def _open_freeze(self, sub: Subscription, *, unfreeze: bool) -> FreezeDialog:
        dialog = FreezeDialog(self._ctx, sub, subscriptions=self._subscriptions, approve=self._approve,
                              clock=self._clock, unfreeze=unfreeze, parent=self.detail)
        dialog.done_with.connect(lambda saved: self._frozen(saved, unfreeze))
        dialog.finished.connect(lambda _code: dialog.deleteLater())
        dialog.open()
        self.last_dialog = dialog
        return dialog

    def _frozen(self, sub: Subscription, unfreeze: bool) -> None:
        if unfreeze:
            self.message.emit("success", tr("{service} is active again; it now ends on {end}.").format(
                service=isolate(sub.service_name), end=day(sub.end_date)))
        else:
            self.message.emit("success", tr("{service} frozen {start} – {until}; it now ends on {end}.").format(
                service=isolate(sub.service_name), start=day(sub.frozen_from, year=False),
                until=day(sub.frozen_until), end=day(sub.end_date)))
        self._ctx.events.subscription_changed.emit(sub.customer_id)

    # -- receipts -----------------------------------------------------------------------------

    def _with_receipt(self, view: SubscriptionView, use: object) -> None:
        subs, desk = self._subscriptions, self._ctx.desk
        self._ctx.runner.run(lambda: subs.receipt_for(desk, view.id), use,  # type: ignore[arg-type]
                             lambda error: self.message.emit("error", describe(error)))

    def print_receipt(self, view: SubscriptionView) -> None:
        def send(receipt: Receipt) -> None:
            try:
                if print_receipt(receipt, self.detail):
                    self.message.emit("success", tr("Receipt {number} sent to the printer.").format(
                        number=receipt_number(receipt)))
            except OSError as error:
                self.message.emit("error", tr("Printing did not work: {error}").format(error=isolate(error)))

        self._with_receipt(view, send)

    def save_receipt(self, view: SubscriptionView) -> None:
        def save(receipt: Receipt) -> None:
            path = self.pdf_path or ask_receipt_path(receipt, self.detail)
            self.pdf_path = None
            if not path:
                return
            try:
                written = save_receipt_pdf(receipt, path)
            except OSError as error:
                self.message.emit("error", tr("Printing did not work: {error}").format(error=isolate(error)))
                return
            self.message.emit("success", tr("Receipt {number} saved to {path}.").format(
                number=receipt_number(receipt), path=ltr(written)))
            self.receipt_saved.emit(written)

        self._with_receipt(view, save)

    # -- reversal -----------------------------------------------------------------------------

    def reverse(self, visit: Attendance) -> ReverseDialog:
        customer = self.detail.customer
        dialog = ReverseDialog(self._ctx, visit, customer.full_name if customer else tr("the member"), self.detail,
                               attendance=self._attendance, approve=self._approve)
        dialog.reversed.connect(self._reversed)
        dialog.finished.connect(lambda _code: dialog.deleteLater())
        dialog.open()
        self.last_dialog = dialog
        return dialog

    def _reversed(self, original: Attendance) -> None:
        self.message.emit("success", tr("Check-in reversed; it stays in the history marked reversed."))
        self._ctx.events.visit_reversed.emit(original)
        self._ctx.events.subscription_changed.emit(original.customer_id)
