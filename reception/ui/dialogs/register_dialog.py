"""Register a new member (or edit one): inline messages, shared-phone confirmation, then password and card."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reception.clock import Clock
from reception.domain.errors import ValidationError
from reception.domain.models import Customer
from reception.domain.periods import local_today
from reception.domain.validation import MAX_PHOTO_BYTES, check_customer_fields
from reception.services.customers import CustomerService, PhoneInUse
from reception.ui.cards import CardFace, print_card, save_card_in_background
from reception.ui.context import DeskContext
from reception.ui.dialogs.activate_dialog import SaleOpener
from reception.ui.dialogs.base import Dialog
from reception.ui.dialogs.register_form import RegisterForm
from reception.ui.dialogs.register_result import RegisterResult
from reception.ui.widgets.notice import Notice
from reception.ui.widgets.photo import load_photo_file, shrink_photo
from PySide6.QtCore import QT_TR_NOOP
from reception.ui.i18n import isolate, number, tr
from reception.ui.words import field_text

PHOTO_FILTERS = QT_TR_NOOP("Pictures (*.jpg *.jpeg *.png *.bmp *.webp *.heic);;All files (*)")
CORRECT_FIELDS = QT_TR_NOOP("Please correct the fields marked below.")


class RegisterDialog(Dialog):
    """`RegisterDialog(ctx, …)` registers; `RegisterDialog(ctx, customer, …)` edits that member; `sell` offers
    a subscription to the member just registered."""

    registered = Signal(object)  # Customer
    saved = Signal(object)  # Customer, after an edit

    def __init__(self, ctx: DeskContext, customer: Customer | None = None, parent: QWidget | None = None, *,
                 customers: CustomerService, clock: Clock, sell: SaleOpener) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._customers = customers
        self._clock = clock
        self._sell = sell
        self._editing = customer
        self.customer: Customer | None = None
        self.setWindowTitle(tr("Edit {name}").format(name=isolate(customer.full_name)) if customer
                            else tr("Register a new member"))
        self.notice = Notice()
        self.form = RegisterForm()
        self.form.choose_photo.clicked.connect(self.choose_photo)
        self.form.take_photo.clicked.connect(self.take_photo)
        self.form.edited.connect(self._recheck)
        self.photo_dialog: QWidget | None = None
        if customer is not None:
            self.form.load(customer)

        self.shared_phone = QFrame(objectName="sharedPhone")
        self.shared_phone.setStyleSheet("QFrame#sharedPhone { background:#fff4e5; border:1px solid #f0c36d; }")
        self.shared_phone_text = QLabel()
        self.shared_phone_text.setWordWrap(True)
        self.confirm_shared = QPushButton(tr("Yes, they share this phone — save"))
        self.confirm_shared.clicked.connect(lambda: self.submit(shared_phone_ok=True))
        change_phone = QPushButton(tr("Change the phone"))
        change_phone.clicked.connect(self._change_phone)
        shared_layout = QVBoxLayout(self.shared_phone)
        shared_layout.addWidget(self.shared_phone_text)
        shared_buttons = QHBoxLayout()
        shared_buttons.addWidget(self.confirm_shared)
        shared_buttons.addWidget(change_phone)
        shared_buttons.addStretch()
        shared_layout.addLayout(shared_buttons)
        self.shared_phone.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.addButton(tr("Save changes") if customer else tr("Register"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setDefault(True)
        self.save_button.setShortcut(QKeySequence("Ctrl+Return"))
        self.save_button.setToolTip("Ctrl+Enter")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        form_page = QWidget()
        form_layout = QVBoxLayout(form_page)
        form_layout.setContentsMargins(0, 0, 0, 0)
        form_layout.addWidget(self.form, 1)
        form_layout.addWidget(self.shared_phone)
        form_layout.addWidget(self.buttons)
        self.result_view = RegisterResult()
        self.result_view.close_clicked.connect(self.accept)
        self.result_view.print_clicked.connect(self.print_card)
        self.result_view.save_clicked.connect(self.save_card)
        self.result_view.activate_clicked.connect(self.activate)
        self.stack = QStackedWidget()
        self.stack.addWidget(form_page)
        self.stack.addWidget(self.result_view)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(self.stack, 1)
        self.form.full_name.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- photo ---------------------------------------------------------------------------

    def set_photo_bytes(self, data: bytes) -> None:
        """Use this picture as the member's photo (the webcam capture calls this); shrunk to ≤ 50 KB."""
        if len(data) <= MAX_PHOTO_BYTES:
            self.form.set_photo(data)
            return
        self._ctx.runner.run(lambda: shrink_photo(data), self.form.set_photo, self._photo_failed)

    def choose_photo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Choose the member's photo"), "", tr(PHOTO_FILTERS))
        if path:
            self.load_photo(path)

    def take_photo(self) -> None:
        """The desk camera's picture (the same camera the Scan page reads cards with)."""
        from reception.ui.camera_controller import camera_for
        from reception.ui.dialogs.camera_photo_dialog import NO_CAMERA, CameraPhotoDialog

        camera = camera_for(self._ctx)
        if not camera.enabled:
            self.notice.show_error(NO_CAMERA)
            return
        dialog = CameraPhotoDialog(camera, self._ctx.runner, self)
        self.photo_dialog = dialog
        dialog.captured.connect(self.set_photo_bytes)
        dialog.finished.connect(lambda _code: (setattr(self, "photo_dialog", None), dialog.deleteLater()))
        dialog.open()

    def load_photo(self, path: str) -> None:
        self._ctx.runner.run(lambda: load_photo_file(path), self.form.set_photo, self._photo_failed)

    def _photo_failed(self, error: BaseException) -> None:
        if isinstance(error, ValidationError):
            self.form.show_errors(error.fields, replace=False)  # the other fields' messages still hold
        else:
            self.notice.show_error(error)

    # -- saving --------------------------------------------------------------------------

    def submit(self, shared_phone_ok: bool = False) -> None:
        values = self.form.values()
        customers, desk = self._customers, self._ctx.desk
        editing = self._editing
        self._set_busy(True)
        self.notice.clear_message()
        if editing is None:
            def work() -> Customer:
                return customers.register(desk, shared_phone_ok=shared_phone_ok, **values)  # type: ignore[arg-type]
        else:
            def work() -> Customer:
                return customers.update(desk, editing.id, shared_phone_ok=shared_phone_ok, **values)
        self._ctx.runner.run(work, self._saved, self._failed, write=True)

    def _saved(self, customer: Customer) -> None:
        self._set_busy(False)
        self.customer = customer
        self.form.clear_errors()
        self.shared_phone.hide()
        self._ctx.events.customer_changed.emit(customer.id)
        if self._editing is not None:
            self.saved.emit(customer)
            self.accept()
            return
        self.setWindowTitle(tr("Registered: {name}").format(name=isolate(customer.full_name)))
        self.result_view.show_customer(customer)
        self.stack.setCurrentWidget(self.result_view)
        self.result_view.activate_button.setFocus()
        self.registered.emit(customer)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, PhoneInUse):
            self.form.clear_errors()
            lines = "\n".join("  • " + tr("{name} (member no. {number})").format(name=isolate(c.full_name),
                                                                                  number=number(c.member_no))
                              for c in error.existing[:5])
            self.shared_phone_text.setText(
                tr("This phone number already belongs to:\n{lines}\nFamilies often share a phone. Save this member "
                   "with the same phone?").format(lines=lines))
            self.shared_phone.show()
            self.confirm_shared.setFocus()
            return
        self.shared_phone.hide()
        if isinstance(error, ValidationError):
            rest = self.form.show_errors(error.fields)
            self.notice.show_error(tr(CORRECT_FIELDS) if not rest else "; ".join(map(field_text, rest.values())))
            return
        self.notice.show_error(error)

    def _recheck(self, key: str) -> None:
        """A message goes as soon as its field is right again (or changes to the field's new problem)."""
        shown = self.form.shown_errors()
        if key not in shown:
            return
        values = self.form.values()
        try:
            check_customer_fields(
                full_name=str(values["full_name"]), phone=str(values["phone"]), email=str(values["email"]),
                date_of_birth=values["date_of_birth"], height_cm=values["height_cm"],  # type: ignore[arg-type]
                weight_kg=values["weight_kg"], photo=values["photo"],  # type: ignore[arg-type]
                today=local_today(self._clock.now(), self._ctx.desk.branch.timezone))
            problems: dict[str, str] = {}
        except ValidationError as error:
            problems = dict(error.fields)
        self.form.set_error(key, problems.get(key, ""))
        if not self.form.shown_errors() and self.notice.message == tr(CORRECT_FIELDS):
            self.notice.clear_message()

    def _change_phone(self) -> None:
        self.shared_phone.hide()
        self.form.phone.setFocus()
        self.form.phone.selectAll()

    def _set_busy(self, busy: bool) -> None:
        self.save_button.setEnabled(not busy)
        self.confirm_shared.setEnabled(not busy)
        self.save_button.setText(tr("Saving…") if busy
                                 else (tr("Save changes") if self._editing else tr("Register")))

    # -- after registering ----------------------------------------------------------------

    def card_face(self) -> CardFace | None:
        return CardFace.of(self.customer, self._ctx.desk.branch.name) if self.customer else None

    def print_card(self) -> None:
        face = self.card_face()
        if face is not None:
            print_card(face, self)

    def save_card(self, path: str | None = None) -> None:
        face = self.card_face()
        if face is not None:
            save_card_in_background(face, self, self._ctx.runner, self.notice, path)

    def activate(self) -> None:
        if self.customer is None:
            return
        self._sell(self.customer, self, on_error=self.notice.show_error)
