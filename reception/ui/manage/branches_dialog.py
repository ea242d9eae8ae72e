"""Branches and their rules: the owner adds and edits any branch; a manager edits their own branch's rules."""

from __future__ import annotations

import uuid
from dataclasses import replace
from zoneinfo import available_timezones

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reception.domain.models import Branch, BranchRules, OtherBranchPolicy, PaymentMethod
from reception.domain.permissions import Permission, can
from reception.services.catalogue import CatalogueService
from reception.services.context import Desk
from reception.ui.dialogs.base import Dialog
from reception.ui.tasks import Runner
from reception.ui.widgets.notice import Notice
from reception.ui.i18n import isolate, tr
from reception.ui.words import payment_word


def _spin(low: int, high: int, suffix: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setSuffix(suffix)
    return box


class BranchesDialog(Dialog):
    saved = Signal(object)  # Branch
    loaded = Signal(int)

    def __init__(self, catalogue: CatalogueService, desk: Desk, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Branches and rules"))
        self._catalogue = catalogue
        self._desk = desk
        self._runner = runner
        self.is_owner = can(desk.staff, Permission.MANAGE_BRANCHES)
        self.branches: list[Branch] = []
        self.editing: Branch | None = None

        self.list = QListWidget()
        self.list.setFixedWidth(180)
        self.list.currentRowChanged.connect(self._selected)
        self.name = QLineEdit()
        self.address = QLineEdit()
        self.timezone = QComboBox()
        self.timezone.setEditable(True)
        self.timezone.addItems(sorted(z for z in available_timezones() if "/" in z and not z.startswith("Etc/")))
        self.policy = QComboBox()
        choices = ((OtherBranchPolicy.ALLOW, tr("Allow")), (OtherBranchPolicy.WARN, tr("Allow with a warning")),
                   (OtherBranchPolicy.DENY, tr("Deny")))
        for policy, words in choices:
            self.policy.addItem(words, policy.value)
        self.repeat = _spin(0, 1440, tr(" min"))
        self.low_balance = _spin(0, 100, tr(" session(s)", None, 2))
        self.ending_soon = _spin(0, 90, tr(" day(s)", None, 2))
        self.auto_commit = QCheckBox(tr("Check in at once when a scan is allowed"))
        self.currency = QLineEdit()
        self.currency.setMaxLength(3)
        self.methods = {m: QCheckBox(payment_word(m)) for m in PaymentMethod}
        methods_row = QHBoxLayout()
        for box in self.methods.values():
            methods_row.addWidget(box)
        self.freeze_days = _spin(0, 365, tr(" day(s)", None, 2))
        self.reversal = _spin(0, 1440, tr(" min"))
        self.idle_lock = _spin(0, 240, tr(" min"))
        self.idle_lock.setSpecialValueText(tr("Never"))

        form = QFormLayout()
        form.addRow(tr("Name:"), self.name)
        form.addRow(tr("Address:"), self.address)
        form.addRow(tr("Time zone:"), self.timezone)
        form.addRow(tr("Members of other branches:"), self.policy)
        form.addRow(tr("Second deduction within:"), self.repeat)
        form.addRow(tr("Warn when sessions left ≤:"), self.low_balance)
        form.addRow(tr("Warn when ending within:"), self.ending_soon)
        form.addRow("", self.auto_commit)
        form.addRow(tr("Currency:"), self.currency)
        form.addRow(tr("Payment methods:"), methods_row)
        form.addRow(tr("Freeze days per year:"), self.freeze_days)
        form.addRow(tr("Receptionist may reverse within:"), self.reversal)
        form.addRow(tr("Lock the desk after idle:"), self.idle_lock)

        self.new_button = QPushButton(tr("New branch"))
        self.new_button.setVisible(self.is_owner)
        self.new_button.clicked.connect(self.new_branch)
        self.save_button = QPushButton(tr("Save"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        close = QPushButton(tr("Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch()
        buttons.addWidget(close)
        self.notice = Notice()
        right = QVBoxLayout()
        right.addLayout(form)
        right.addStretch()
        top = QHBoxLayout()
        top.addWidget(self.list)
        top.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addWidget(self.notice)
        layout.addLayout(buttons)
        self.resize(820, 600)
        self.reload(select=desk.branch.id)

    def reload(self, select: uuid.UUID | None = None) -> None:
        def shown(branches: list[Branch]) -> None:
            visible = branches if self.is_owner else [b for b in branches if b.id == self._desk.staff.branch_id]
            self.branches = sorted(visible, key=lambda b: b.number)
            self.list.blockSignals(True)
            self.list.clear()
            for branch in self.branches:
                self.list.addItem(QListWidgetItem(f"{branch.number}. {branch.name}"))
            self.list.blockSignals(False)
            row = next((i for i, b in enumerate(self.branches) if b.id == select), 0)
            if self.branches:
                self.list.setCurrentRow(row)
                self._selected(row)
            self.loaded.emit(len(self.branches))

        self._runner.run(self._catalogue.branches, shown, self.notice.show_error)

    def _selected(self, row: int) -> None:
        if 0 <= row < len(self.branches):
            self.show_branch(self.branches[row])

    def show_branch(self, branch: Branch) -> None:
        if self.editing is None or branch.id != self.editing.id:
            self.notice.clear_message()  # a message about another branch would mislead
        self.editing = branch
        rules = branch.rules
        self.name.setText(branch.name)
        self.address.setText(branch.address)
        self.timezone.setCurrentText(branch.timezone)
        self.policy.setCurrentIndex(self.policy.findData(rules.other_branch_policy.value))
        self.repeat.setValue(rules.repeat_deduction_minutes)
        self.low_balance.setValue(rules.low_balance_threshold)
        self.ending_soon.setValue(rules.ending_soon_days)
        self.auto_commit.setChecked(rules.auto_commit_on_allow)
        self.currency.setText(rules.currency)
        for method, box in self.methods.items():
            box.setChecked(method in rules.payment_methods)
        self.freeze_days.setValue(rules.max_freeze_days_per_year)
        self.reversal.setValue(rules.reversal_window_minutes)
        self.idle_lock.setValue(rules.idle_lock_minutes)

    def new_branch(self) -> None:
        number = max((b.number for b in self.branches), default=0) + 1
        self.list.clearSelection()
        self.show_branch(Branch(uuid.uuid4(), number, "", timezone=self._desk.branch.timezone))
        self.name.setFocus()

    def branch_from_form(self) -> Branch:
        base = self.editing or Branch(uuid.uuid4(), len(self.branches) + 1, "")
        rules = replace(
            base.rules if base else BranchRules(),
            other_branch_policy=OtherBranchPolicy(self.policy.currentData()),
            repeat_deduction_minutes=self.repeat.value(), low_balance_threshold=self.low_balance.value(),
            ending_soon_days=self.ending_soon.value(), auto_commit_on_allow=self.auto_commit.isChecked(),
            currency=self.currency.text().strip().upper(),
            payment_methods=tuple(m for m, box in self.methods.items() if box.isChecked()),
            max_freeze_days_per_year=self.freeze_days.value(), reversal_window_minutes=self.reversal.value(),
            idle_lock_minutes=self.idle_lock.value(),
        )
        return replace(base, name=self.name.text().strip(), address=self.address.text().strip(),
                       timezone=self.timezone.currentText().strip(), rules=rules)

    def save(self) -> None:
        branch = self.branch_from_form()
        catalogue, desk = self._catalogue, self._desk
        self.save_button.setEnabled(False)

        def done(saved: Branch) -> None:
            self.save_button.setEnabled(True)
            self.notice.show_success(tr("{branch} saved.").format(branch=isolate(saved.name)))
            self.saved.emit(saved)
            self.reload(select=saved.id)

        def failed(error: BaseException) -> None:
            self.save_button.setEnabled(True)
            self.notice.show_error(error)

        self._runner.run(lambda: catalogue.save_branch(desk, branch), done, failed, write=True)
