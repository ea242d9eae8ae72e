"""The catalogue for managers and the owner: services of the three kinds with prices; deactivate to stop selling."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reception.domain.errors import ValidationError
from reception.domain.models import Service, ServiceKind
from reception.services.catalogue import CatalogueService
from reception.services.context import Desk
from reception.ui.dialogs.base import Dialog
from reception.ui.tasks import Runner
from reception.ui.widgets.notice import Notice
from PySide6.QtCore import QT_TR_NOOP
from reception.ui.widgets.columns import select_row
from reception.ui.i18n import isolate, money, number, tr
from reception.ui.words import kind_word

HEADERS = [QT_TR_NOOP("Name"), QT_TR_NOOP("Kind"), QT_TR_NOOP("Price"), QT_TR_NOOP("Months"),
           QT_TR_NOOP("Sessions/coins"), QT_TR_NOOP("Sold?")]


def service_cells(service: Service, currency: str) -> list[str]:
    return [service.name, kind_word(service.kind), money(service.price, currency), number(service.months),
            number(service.units) if service.units else "—", tr("Yes") if service.is_active else tr("No (deactivated)")]


class CatalogueDialog(Dialog):
    """`CatalogueDialog(catalogue, desk, runner)`; `saved(Service)` after every change."""

    saved = Signal(object)
    loaded = Signal(int)

    def __init__(self, catalogue: CatalogueService, desk: Desk, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Catalogue — services and prices"))
        self._catalogue = catalogue
        self._desk = desk
        self._runner = runner
        self.services: list[Service] = []
        self.editing: uuid.UUID | None = None

        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels([tr(text) for text in HEADERS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selected)

        self.name = QLineEdit(placeholderText=tr("e.g. Monthly – 1 month"))
        self.kind = QComboBox()
        for kind in ServiceKind:
            self.kind.addItem(kind_word(kind), kind.value)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.price = QLineEdit(placeholderText="0.00")
        self.months = QSpinBox()
        self.months.setRange(1, 36)
        self.months.setSuffix(tr(" month(s)", None, 1))
        self.months.valueChanged.connect(lambda n: self.months.setSuffix(tr(" month(s)", None, n)))
        self.units = QSpinBox()
        self.units.setRange(1, 1000)
        self.units.setValue(12)
        form = QFormLayout()
        form.addRow(tr("Name:"), self.name)
        form.addRow(tr("Kind:"), self.kind)
        form.addRow(tr("Price ({currency}):").format(currency=desk.branch.rules.currency), self.price)
        form.addRow(tr("Duration / valid for:"), self.months)
        form.addRow(tr("Sessions or coins:"), self.units)

        self.new_button = QPushButton(tr("New service"))
        self.save_button = QPushButton(tr("Save"))
        self.save_button.setDefault(True)
        self.active_button = QPushButton(tr("Deactivate"))
        self.new_button.clicked.connect(self.new_service)
        self.save_button.clicked.connect(self.save)
        self.active_button.clicked.connect(self.toggle_active)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.save_button, self.active_button):
            buttons.addWidget(button)
        buttons.addStretch()
        close = QPushButton(tr("Close"))
        close.clicked.connect(self.accept)
        buttons.addWidget(close)

        self.notice = Notice()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.notice)
        layout.addLayout(buttons)
        self.resize(760, 560)
        self.new_service()
        self.reload()

    def reload(self, select: uuid.UUID | None = None) -> None:
        def shown(services: list[Service]) -> None:
            self.services = sorted(services, key=lambda s: (not s.is_active, s.kind.value, s.name))
            self.table.setRowCount(len(self.services))
            for r, service in enumerate(self.services):
                for c, text in enumerate(service_cells(service, self._desk.branch.rules.currency)):
                    self.table.setItem(r, c, QTableWidgetItem(text))
            self.table.resizeColumnsToContents()
            if select is not None:
                self.select(select)
            self.loaded.emit(len(self.services))

        self._runner.run(self._catalogue.services, shown, self.notice.show_error)

    def select(self, service_id: uuid.UUID) -> None:
        row = next((i for i, s in enumerate(self.services) if s.id == service_id), -1)
        if row >= 0:
            select_row(self.table, row)

    def _selected(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.services) or not self.table.selectionModel().hasSelection():
            return
        service = self.services[row]
        if service.id != self.editing:
            self.notice.clear_message()  # a message about another service would mislead
        self.editing = service.id
        self.name.setText(service.name)
        self.kind.setCurrentIndex(self.kind.findData(service.kind.value))
        self.price.setText(f"{service.price:.2f}")
        self.months.setValue(service.months)
        self.units.setValue(service.units or 1)
        self.active_button.setEnabled(True)
        self.active_button.setText(tr("Deactivate") if service.is_active else tr("Sell again"))

    def new_service(self) -> None:
        self.editing = None
        self.table.clearSelection()
        self.name.clear()
        self.price.clear()
        self.months.setValue(1)
        self.active_button.setEnabled(False)
        self.active_button.setText(tr("Deactivate"))
        self.name.setFocus()

    def _kind_changed(self) -> None:
        kind = ServiceKind(self.kind.currentData())
        self.units.setEnabled(kind.is_pack)
        self.months.setEnabled(kind.is_subscription)  # a day pass lasts 24 hours, whatever the months say

    def current(self) -> Service | None:
        return next((s for s in self.services if s.id == self.editing), None)

    def save(self) -> None:
        kind = ServiceKind(self.kind.currentData())
        existing = self.current()
        catalogue, desk = self._catalogue, self._desk
        values = {"name": self.name.text(), "kind": kind, "price": self.price.text() or "",
                  "months": self.months.value() if kind.is_subscription else 1, "units": self.units.value() if kind.is_pack else None,
                  "service_id": self.editing, "is_active": existing.is_active if existing else True}
        self.save_button.setEnabled(False)

        def done(service: Service) -> None:
            self.save_button.setEnabled(True)
            self.editing = service.id
            self.notice.show_success(tr("{service} saved at {price}.").format(
                service=isolate(service.name), price=money(service.price, desk.branch.rules.currency)))
            self.saved.emit(service)
            self.reload(select=service.id)

        def failed(error: BaseException) -> None:
            self.save_button.setEnabled(True)
            self.notice.show_error(error)
            if isinstance(error, ValidationError) and "price" in error.fields:
                self.price.setFocus()

        self._runner.run(lambda: catalogue.save_service(desk, **values), done, failed,  # type: ignore[arg-type]
                         write=True)

    def toggle_active(self) -> None:
        service = self.current()
        if service is None:
            return
        catalogue, desk, active = self._catalogue, self._desk, not service.is_active

        def done(changed: Service) -> None:
            if changed.is_active:
                self.notice.show_success(tr("{service} is sold again.").format(service=isolate(changed.name)))
            else:
                self.notice.show_success(tr("{service} is no longer sold (old subscriptions keep it).").format(
                    service=isolate(changed.name)))
            self.saved.emit(changed)
            self.reload(select=changed.id)

        self._runner.run(lambda: catalogue.set_service_active(desk, service.id, active), done,
                         self.notice.show_error, write=True)
