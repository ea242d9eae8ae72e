"""The fields of the register / edit member form, with a message under each field and a live BMI."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reception.domain.errors import ValidationError
from reception.domain.models import Customer
from reception.domain.validation import bmi, parse_decimal
from PySide6.QtCore import QT_TR_NOOP
from reception.ui.i18n import digits, tr
from reception.ui.words import field_text

NO_DATE = QDate(1900, 1, 1)
GENDERS = (("", "—"), ("male", QT_TR_NOOP("Male")), ("female", QT_TR_NOOP("Female")))
ERROR_STYLE = "color:#b3261e;"


def bmi_words(value: float) -> str:
    if value < 18.5:
        return tr("underweight")
    if value < 25:
        return tr("normal")
    if value < 30:
        return tr("overweight")
    return tr("obese")


class RegisterForm(QWidget):
    """Widgets only: `values()` reads them, `show_errors()` puts each message under its field.

    `edited(key)` says which field the receptionist just changed (the dialog re-checks it).
    """

    edited = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.inputs: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.photo_bytes: bytes | None = None

        self.full_name = QLineEdit(placeholderText=tr("First and last name"))
        self.phone = QLineEdit(placeholderText="01012345678")
        self.email = QLineEdit(placeholderText=tr("name@example.com"))
        self.date_of_birth = QDateEdit()
        self.date_of_birth.setDisplayFormat("yyyy-MM-dd")
        self.date_of_birth.setCalendarPopup(True)
        self.date_of_birth.setMinimumDate(NO_DATE)
        self.date_of_birth.setSpecialValueText(tr("Not given"))
        self.date_of_birth.setDate(NO_DATE)
        self.date_of_birth.calendarWidget().setCurrentPage(1995, 1)  # "not given" must not open on 1900
        self.gender = QComboBox()
        for value, label in GENDERS:
            self.gender.addItem(tr(label) if value else label, value)
        self.national_id = QLineEdit()
        self.address = QLineEdit()
        self.height_cm = QLineEdit(placeholderText=tr("e.g. 175"))
        self.weight_kg = QLineEdit(placeholderText=tr("e.g. 72.5"))
        self.bmi = QLabel(tr("BMI: —"), objectName="bmi")
        self.health_notes = QLineEdit(placeholderText=tr("Injuries, conditions the coach should know"))
        self.notes = QLineEdit(placeholderText=tr("Shown to the desk on every scan"))
        self.photo = QLabel(tr("No photo"), objectName="photoPreview")
        self.photo.setFixedSize(96, 96)
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo.setStyleSheet("QLabel#photoPreview { border:1px dashed #999; }")
        self.choose_photo = QPushButton(tr("Choose photo…"))
        self.take_photo = QPushButton(tr("Take photo…"))
        self.remove_photo = QPushButton(tr("Remove photo"))
        self.remove_photo.clicked.connect(lambda: self.set_photo(None))
        self.remove_photo.setEnabled(False)
        self.height_cm.textChanged.connect(self._update_bmi)
        self.weight_kg.textChanged.connect(self._update_bmi)

        left = QFormLayout()
        right = QFormLayout()
        for form, key, label, widget in (
            (left, "full_name", tr("Full name *"), self.full_name),
            (left, "phone", tr("Phone *"), self.phone),
            (left, "email", tr("Email"), self.email),
            (left, "date_of_birth", tr("Date of birth"), self.date_of_birth),
            (left, "gender", tr("Gender"), self.gender),
            (left, "national_id", tr("National ID"), self.national_id),
            (left, "address", tr("Address"), self.address),
            (right, "height_cm", tr("Height (cm)"), self.height_cm),
            (right, "weight_kg", tr("Weight (kg)"), self.weight_kg),
            (right, "health_notes", tr("Health notes"), self.health_notes),
            (right, "notes", tr("Notes"), self.notes),
        ):
            self._add(form, key, label, widget)
            if key == "weight_kg":
                right.addRow("", self.bmi)
        photo_buttons = QVBoxLayout()
        photo_buttons.addWidget(self.choose_photo)
        photo_buttons.addWidget(self.take_photo)
        photo_buttons.addWidget(self.remove_photo)
        photo_buttons.addStretch()
        photo_row = QHBoxLayout()
        photo_row.addWidget(self.photo)
        photo_row.addLayout(photo_buttons)
        photo_box = QWidget()
        photo_box.setLayout(photo_row)
        self._add(right, "photo", tr("Photo"), photo_box)
        for field in (self.full_name, self.phone, self.email, self.national_id, self.address):
            field.setMinimumWidth(260)  # names, emails and addresses readable without scrolling
        for key, widget in self.inputs.items():
            if isinstance(widget, QLineEdit):
                widget.textChanged.connect(lambda _text, k=key: self.edited.emit(k))
        self.date_of_birth.dateChanged.connect(lambda _date: self.edited.emit("date_of_birth"))
        self.gender.currentIndexChanged.connect(lambda _index: self.edited.emit("gender"))
        columns = QHBoxLayout(self)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addLayout(left, 1)
        columns.addSpacing(16)
        columns.addLayout(right, 1)

    def _add(self, form: QFormLayout, key: str, label: str, widget: QWidget) -> None:
        error = QLabel(objectName=f"error_{key}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        box = QVBoxLayout()
        box.setSpacing(1)
        box.addWidget(widget)
        box.addWidget(error)
        form.addRow(label + ":", box)
        self.inputs[key] = widget
        self.errors[key] = error

    # -- values -----------------------------------------------------------------------

    def values(self) -> dict[str, object]:
        born = self.date_of_birth.date()
        return {
            "full_name": self.full_name.text(),
            "phone": self.phone.text(),
            "email": self.email.text(),
            "date_of_birth": None if born == NO_DATE else date(born.year(), born.month(), born.day()),
            "gender": str(self.gender.currentData() or ""),
            "national_id": self.national_id.text(),
            "address": self.address.text(),
            "height_cm": self.height_cm.text(),
            "weight_kg": self.weight_kg.text(),
            "health_notes": self.health_notes.text(),
            "notes": self.notes.text(),
            "photo": self.photo_bytes,
        }

    def load(self, customer: Customer) -> None:
        self.full_name.setText(customer.full_name)
        self.phone.setText(customer.phone)
        self.email.setText(customer.email)
        born = customer.date_of_birth
        self.date_of_birth.setDate(QDate(born.year, born.month, born.day) if born else NO_DATE)
        self.gender.setCurrentIndex(max(0, self.gender.findData(customer.gender)))
        self.national_id.setText(customer.national_id)
        self.address.setText(customer.address)
        self.height_cm.setText(f"{customer.height_cm.normalize():f}" if customer.height_cm else "")
        self.weight_kg.setText(f"{customer.weight_kg.normalize():f}" if customer.weight_kg else "")
        self.health_notes.setText(customer.health_notes)
        self.notes.setText(customer.notes)
        self.set_photo(customer.photo)

    def set_photo(self, data: bytes | None) -> None:
        self.photo_bytes = data or None
        self.remove_photo.setEnabled(self.photo_bytes is not None)
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.photo.setPixmap(pixmap.scaled(96, 96, Qt.AspectRatioMode.KeepAspectRatio,
                                               Qt.TransformationMode.SmoothTransformation))
        else:
            self.photo.setPixmap(QPixmap())
            self.photo.setText(tr("No photo"))
        self.edited.emit("photo")

    # -- messages -----------------------------------------------------------------------

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()

    def set_error(self, key: str, message: str) -> None:
        """One field's message ("" removes it)."""
        label = self.errors[key]
        label.setText(message)
        label.setVisible(bool(message))

    def shown_errors(self) -> dict[str, str]:
        return {key: label.text() for key, label in self.errors.items() if not label.isHidden()}

    def show_errors(self, fields: dict[str, str], *, replace: bool = True) -> dict[str, str]:
        """Put each message under its field (dropping the old ones unless `replace` is False); returns those
        that have no field here."""
        if replace:
            self.clear_errors()
        rest: dict[str, str] = {}
        first: QWidget | None = None
        for key, message in fields.items():
            label = self.errors.get(key)
            if label is None:
                rest[key] = message
                continue
            label.setText(field_text(message))
            label.show()
            first = first or self.inputs[key]
        if first is not None:
            first.setFocus()
        return rest

    def error_text(self, key: str) -> str:
        label = self.errors[key]
        return label.text() if not label.isHidden() else ""

    def _update_bmi(self) -> None:
        try:
            height = parse_decimal(self.height_cm.text(), field="height_cm", label="Height", low=50, high=250)
            weight = parse_decimal(self.weight_kg.text(), field="weight_kg", label="Weight", low=20, high=300)
        except ValidationError:
            self.bmi.setText(tr("BMI: —"))
            return
        value = bmi(height, weight)
        if value is None:
            self.bmi.setText(tr("BMI: —"))
        else:
            self.bmi.setText(tr("BMI: {value} ({words})").format(value=digits(str(value)),
                                                                 words=bmi_words(float(value))))
