"""The member shown on the Customers page: profile, card QR, subscriptions and visits with their actions."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reception.domain.authorization import PRIVATE_FIELDS
from reception.domain.models import Attendance, Customer, SubscriptionStatus
from reception.services.context import CustomerProfile, SubscriptionView
from reception.ui.cards import qr_image
from reception.ui.widgets.photo import portrait
from reception.ui.widgets.temp_password import TEMP_CARD_STYLE, TempPasswordCard
from PySide6.QtCore import QT_TR_NOOP
from reception.ui.widgets.columns import select_row
from reception.ui.i18n import day, digits, isolate, ltr, number, phone, tr
from reception.ui.words import gender_word, kind_word, status_word, units_left

QR_SIDE = 150


HOME_BRANCH_ONLY = QT_TR_NOOP("Shown at the member's home branch")

def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.setItem(r, c, QTableWidgetItem(value))
    table.resizeColumnsToContents()


def _with_buttons(table: QTableWidget, buttons: list[QPushButton]) -> QWidget:
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 4, 0, 0)
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch()
    column.addLayout(row)
    column.addWidget(table, 1)
    return holder


def subscription_cells(view: SubscriptionView) -> list[str]:
    sub = view.subscription
    if sub.is_pack:
        remaining = tr("{left} of {total}").format(left=number(sub.remaining or 0), total=number(sub.total_units or 0))
    else:
        remaining = "—"
    status = status_word(view.status)
    if sub.status is SubscriptionStatus.FROZEN and sub.frozen_from and sub.frozen_until:
        status = tr("{status} · freeze {start} – {until}").format(
            status=status, start=day(sub.frozen_from, year=False), until=day(sub.frozen_until, year=False))
    return [sub.service_name, kind_word(sub.subscription_type), status,
            digits(f"{sub.start_date:%Y-%m-%d}"), digits(f"{sub.end_date:%Y-%m-%d}"), remaining]


def visit_cells(visit: Attendance, branch_names: dict[uuid.UUID, str], zone: ZoneInfo) -> list[str]:
    local: datetime = visit.check_in_time.astimezone(zone)
    if visit.is_reversal:
        action = tr("Reversal")
    else:
        deducted = visit.action.value == "check_in_with_deduction"
        if visit.reversed_by:
            action = tr("Check-in + deduction (reversed)") if deducted else tr("Check-in (reversed)")
        else:
            action = tr("Check-in + deduction") if deducted else tr("Check-in")
    return [digits(f"{local:%Y-%m-%d %H:%M}"), branch_names.get(visit.branch_id, ""), action, visit.notes]


class CustomerDetail(QWidget):
    """Layout only; the page decides what the buttons do."""

    edit_clicked = Signal()
    activate_clicked = Signal()
    regenerate_clicked = Signal()
    save_card_clicked = Signal()
    print_card_clicked = Signal()
    freeze_clicked = Signal(object)  # SubscriptionView
    unfreeze_clicked = Signal(object)  # SubscriptionView
    print_receipt_clicked = Signal(object)  # SubscriptionView
    save_receipt_clicked = Signal(object)  # SubscriptionView
    reverse_clicked = Signal(object)  # Attendance

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.customer: Customer | None = None
        self.profile: CustomerProfile | None = None
        self.setStyleSheet(TEMP_CARD_STYLE)
        self.photo = QLabel()
        self.photo.setFixedSize(96, 96)
        self.name = QLabel()
        name_font = QFont()
        name_font.setPixelSize(24)
        name_font.setBold(True)
        self.name.setFont(name_font)
        self.name.setWordWrap(True)  # a long name takes two lines rather than widening the page
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.current = QLabel()
        self.current.setWordWrap(True)
        who = QVBoxLayout()
        who.addWidget(self.name)
        who.addWidget(self.summary)
        who.addWidget(self.current)
        self.temp_card = TempPasswordCard(tr("⚠ Temporary password (not changed yet)"),
                                          tr("Tell the member to change it in the member app."), size=30)
        self.temp_password = self.temp_card.password
        who.addWidget(self.temp_card)  # under the name, as wide as the column: the list keeps its room
        who.addStretch()

        self.qr = QLabel(objectName="cardQr")
        self.qr.setFixedSize(QR_SIDE, QR_SIDE)
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_code = QLabel()
        self.qr_code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        qr_box = QVBoxLayout()
        qr_box.addWidget(self.qr, alignment=Qt.AlignmentFlag.AlignCenter)
        qr_box.addWidget(self.qr_code, alignment=Qt.AlignmentFlag.AlignCenter)

        top = QHBoxLayout()
        top.addWidget(self.photo, alignment=Qt.AlignmentFlag.AlignTop)
        top.addLayout(who, 1)
        top.addLayout(qr_box)

        self.edit_button = QPushButton(tr("Edit…"))
        self.activate_button = QPushButton(tr("Activate subscription… (Ctrl+B)"))
        self.regenerate_button = QPushButton(tr("Regenerate card…"))
        self.save_card_button = QPushButton(tr("Save card…"))
        self.print_card_button = QPushButton(tr("Print card…"))
        buttons = QGridLayout()  # two rows, so the member list beside keeps room for its columns at 1280 px
        for slot, (button, signal) in enumerate((
            (self.activate_button, self.activate_clicked), (self.edit_button, self.edit_clicked),
            (self.regenerate_button, self.regenerate_clicked), (self.save_card_button, self.save_card_clicked),
            (self.print_card_button, self.print_card_clicked),
        )):
            button.clicked.connect(signal)
            buttons.addWidget(button, slot // 3, slot % 3)
        buttons.setColumnStretch(3, 1)

        self.fields = QFormLayout()
        self._field_labels: dict[str, QLabel] = {}
        for key, label in (("phone", tr("Phone")), ("email", tr("Email")), ("date_of_birth", tr("Date of birth")),
                           ("gender", tr("Gender")), ("height", tr("Height")), ("weight", tr("Weight")),
                           ("bmi", tr("BMI")),
                           ("address", tr("Address")), ("national_id", tr("National ID")),
                           ("health_notes", tr("Health notes")), ("notes", tr("Notes shown on scan"))):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._field_labels[key] = value
            self.fields.addRow(label + ":", value)
        profile_tab = QWidget()
        profile_tab.setLayout(self.fields)
        self.subscriptions = _table([tr("Service"), tr("Type"), tr("Status"), tr("Start"), tr("End"),
                                     tr("Remaining")])
        self.visits = _table([tr("Time"), tr("Branch"), tr("Action"), tr("Notes")])
        self.freeze_button = QPushButton(tr("Freeze…"))
        self.unfreeze_button = QPushButton(tr("Unfreeze"))
        self.print_receipt_button = QPushButton(tr("Print receipt…"))
        self.save_receipt_button = QPushButton(tr("Save receipt as PDF…"))
        self.reverse_button = QPushButton(tr("Reverse…"))
        self.reverse_button.setToolTip(tr("Undo a mistaken check-in; the session is credited back"))
        for button, signal in (
            (self.freeze_button, self.freeze_clicked), (self.unfreeze_button, self.unfreeze_clicked),
            (self.print_receipt_button, self.print_receipt_clicked),
            (self.save_receipt_button, self.save_receipt_clicked),
        ):
            button.clicked.connect(lambda _checked=False, sig=signal: self._emit_subscription(sig))
        self.reverse_button.clicked.connect(self._emit_visit)
        self.subscriptions.itemSelectionChanged.connect(self._update_buttons)
        self.visits.itemSelectionChanged.connect(self._update_buttons)
        self.tabs = QTabWidget()
        self.tabs.addTab(_with_buttons(self.subscriptions, [self.freeze_button, self.unfreeze_button,
                                                            self.print_receipt_button, self.save_receipt_button]),
                         tr("Subscriptions"))
        self.tabs.addTab(_with_buttons(self.visits, [self.reverse_button]), tr("Attendance"))
        self.tabs.addTab(profile_tab, tr("Profile"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.tabs, 1)

    def field_text(self, key: str) -> str:
        return self._field_labels[key].text()

    def show_profile(self, profile: CustomerProfile, branch_names: dict[uuid.UUID, str]) -> None:
        customer = profile.customer
        branch = profile.home_branch
        zone = ZoneInfo(branch.timezone if branch else "UTC")
        self.show_customer(customer, branch.name if branch else "")
        if profile.current is not None:
            sub = profile.current.subscription
            if sub.is_pack:
                self.current.setText(tr("Current: {service}, until {end}, {left}").format(
                    service=isolate(sub.service_name), end=day(sub.end_date),
                    left=units_left(sub.subscription_type.unit, sub.remaining or 0)))
            else:
                self.current.setText(tr("Current: {service}, until {end}").format(
                    service=isolate(sub.service_name), end=day(sub.end_date)))
        else:
            self.current.setText(tr("No active subscription."))
        self.profile = profile
        _fill(self.subscriptions, [subscription_cells(v) for v in profile.subscriptions])
        _fill(self.visits, [visit_cells(v, branch_names, zone) for v in profile.attendance])
        self._update_buttons()

    # -- history actions ------------------------------------------------------------------

    def selected_subscription(self) -> SubscriptionView | None:
        row = self.subscriptions.currentRow()
        views = self.profile.subscriptions if self.profile else ()
        return views[row] if 0 <= row < len(views) and self.subscriptions.selectionModel().hasSelection() else None

    def selected_visit(self) -> Attendance | None:
        row = self.visits.currentRow()
        visits = self.profile.attendance if self.profile else ()
        return visits[row] if 0 <= row < len(visits) and self.visits.selectionModel().hasSelection() else None

    def select_subscription(self, subscription_id: uuid.UUID) -> None:
        views = self.profile.subscriptions if self.profile else ()
        row = next((i for i, v in enumerate(views) if v.id == subscription_id), -1)
        self.tabs.setCurrentIndex(0)
        select_row(self.subscriptions, row)

    def select_visit(self, attendance_id: uuid.UUID) -> None:
        visits = self.profile.attendance if self.profile else ()
        row = next((i for i, v in enumerate(visits) if v.id == attendance_id), -1)
        self.tabs.setCurrentIndex(1)
        select_row(self.visits, row)

    def _emit_subscription(self, signal: Signal) -> None:
        view = self.selected_subscription()
        if view is not None:
            signal.emit(view)  # type: ignore[attr-defined]

    def _emit_visit(self) -> None:
        visit = self.selected_visit()
        if visit is not None:
            self.reverse_clicked.emit(visit)

    def _update_buttons(self) -> None:
        view = self.selected_subscription()
        status = view.status if view else None
        self.freeze_button.setEnabled(status is SubscriptionStatus.ACTIVE and view is not None
                                      and view.subscription.status is not SubscriptionStatus.FROZEN)
        self.unfreeze_button.setEnabled(view is not None and view.subscription.status is SubscriptionStatus.FROZEN)
        self.print_receipt_button.setEnabled(view is not None)
        self.save_receipt_button.setEnabled(view is not None)
        visit = self.selected_visit()
        self.reverse_button.setEnabled(visit is not None and visit.counts)

    # Set by the page for the member shown: False hides what only the home branch and the owner see.
    private_shown = True

    def show_photo(self, photo: bytes) -> None:
        """The member's photo, fetched after their profile was shown (and on their printed card from now on)."""
        if self.customer is not None:
            self.customer = replace(self.customer, photo=photo)
            self.photo.setPixmap(portrait(photo, self.customer.initials, 96))

    def show_customer(self, customer: Customer, branch_name: str) -> None:
        """The parts that come from the customer row alone (also used right after a new card is made)."""
        self.customer = customer
        self.photo.setPixmap(portrait(customer.photo, customer.initials, 96))
        self.name.setText(customer.full_name)
        parts = [tr("Member no. {number}").format(number=number(customer.member_no)), isolate(branch_name)]
        if self.private_shown:
            parts.append(phone(customer.phone))
        if not customer.is_active:
            parts.append(tr("ACCOUNT DEACTIVATED"))
        self.summary.setText(" · ".join(parts))
        showing = bool(customer.temp_password) and not customer.password_changed
        self.temp_card.setVisible(showing)
        self.temp_password.setText((customer.temp_password or "") if showing else "")
        self.show_qr(customer.qr_code)
        values = {
            "phone": phone(customer.phone) if customer.phone else "", "email": customer.email,
            "date_of_birth": day(customer.date_of_birth) if customer.date_of_birth else "",
            "gender": gender_word(customer.gender),
            "height": tr("{height} cm").format(height=number(customer.height_cm)) if customer.height_cm else "",
            "weight": tr("{weight} kg").format(weight=number(customer.weight_kg)) if customer.weight_kg else "",
            "bmi": digits(str(customer.bmi)) if customer.bmi else "", "address": customer.address,
            "national_id": customer.national_id, "health_notes": customer.health_notes, "notes": customer.notes,
        }
        for key, value in values.items():
            hidden = not self.private_shown and key in PRIVATE_FIELDS
            self._field_labels[key].setText(tr(HOME_BRANCH_ONLY) if hidden else value or "—")

    def show_qr(self, code: str) -> None:
        self.qr.setPixmap(QPixmap.fromImage(qr_image(code, QR_SIDE)))
        self.qr_code.setText(ltr(code))
        self.qr.setProperty("code", code)
