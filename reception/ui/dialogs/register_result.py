"""The last step of registering: the temporary password and the card's QR code, ready to print."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from reception.domain.models import Customer
from reception.ui.cards import qr_image
from reception.ui.widgets.temp_password import TEMP_CARD_STYLE, TempPasswordCard
from reception.ui.i18n import isolate, ltr, number, tr


class RegisterResult(QWidget):
    print_clicked = Signal()
    save_clicked = Signal()
    activate_clicked = Signal()
    close_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(TEMP_CARD_STYLE)
        self.title = QLabel()
        title_font = QFont()
        title_font.setPixelSize(20)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.title.setWordWrap(True)
        self.temp_card = TempPasswordCard(tr("Temporary password for the member app"),
                                          tr("Give it to the member; they change it at first login."), size=36)
        self.temp_password = self.temp_card.password
        self.qr = QLabel(objectName="cardQr")
        self.qr.setFixedSize(220, 220)
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_code = QLabel()
        middle = QHBoxLayout()
        middle.addWidget(self.temp_card, 1, Qt.AlignmentFlag.AlignVCenter)
        qr_box = QVBoxLayout()
        qr_box.addWidget(self.qr, alignment=Qt.AlignmentFlag.AlignCenter)
        qr_box.addWidget(self.qr_code, alignment=Qt.AlignmentFlag.AlignCenter)
        middle.addLayout(qr_box)

        self.print_button = QPushButton(tr("Print card…"))
        self.save_button = QPushButton(tr("Save card…"))
        self.activate_button = QPushButton(tr("Activate subscription…"))
        self.close_button = QPushButton(tr("Close"))
        buttons = QHBoxLayout()
        for button, signal in ((self.print_button, self.print_clicked), (self.save_button, self.save_clicked),
                               (self.activate_button, self.activate_clicked), (self.close_button, self.close_clicked)):
            button.clicked.connect(signal)
            buttons.addWidget(button)
        self.activate_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(middle, 1)
        layout.addLayout(buttons)

    def show_customer(self, customer: Customer) -> None:
        self.title.setText(tr("✔ {name} is registered as member no. {number}.").format(
            name=isolate(customer.full_name), number=number(customer.member_no)))
        self.temp_password.setText(customer.temp_password or "")
        self.temp_card.setVisible(bool(customer.temp_password))
        self.qr.setPixmap(QPixmap.fromImage(qr_image(customer.qr_code, 220)))
        self.qr.setProperty("code", customer.qr_code)
        self.qr_code.setText(ltr(customer.qr_code))
