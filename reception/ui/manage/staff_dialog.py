"""Staff accounts: the owner manages everyone, a manager their own branch's receptionists."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reception.domain.models import Branch, Role, Staff
from reception.services.auth import StaffService
from reception.services.catalogue import CatalogueService
from reception.services.context import Desk
from reception.ui.dialogs.base import Dialog
from reception.ui.tasks import Runner
from reception.ui.widgets.notice import Notice
from PySide6.QtCore import QT_TR_NOOP
from reception.ui.widgets.columns import select_row
from reception.ui.i18n import isolate, ltr, tr
from reception.ui.words import role_word

HEADERS = [QT_TR_NOOP("Username"), QT_TR_NOOP("Full name"), QT_TR_NOOP("Role"), QT_TR_NOOP("Branch"),
           QT_TR_NOOP("Active")]


def ask_password(parent: QWidget, who: str) -> str:
    """The new password typed by the manager; tests replace it."""
    text, ok = QInputDialog.getText(parent, tr("Reset password"),
                                    tr("New password for {name} (8 characters or more):").format(name=isolate(who)),
                                    QLineEdit.EchoMode.Password)
    return text if ok else ""


class StaffDialog(Dialog):
    changed = Signal(object)  # Staff
    loaded = Signal(int)

    def __init__(self, staff: StaffService, catalogue: CatalogueService, desk: Desk, runner: Runner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Staff", "the window listing the staff"))
        self._staff = staff
        self._catalogue = catalogue
        self._desk = desk
        self._runner = runner
        self.people: list[Staff] = []
        self.branches: dict[uuid.UUID, Branch] = {desk.branch.id: desk.branch}
        is_owner = desk.staff.role is Role.OWNER

        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels([tr(text) for text in HEADERS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.reset_button = QPushButton(tr("Reset password…"))
        self.active_button = QPushButton(tr("Deactivate"))
        self.reset_button.clicked.connect(self.reset_password)
        self.active_button.clicked.connect(self.toggle_active)
        row_buttons = QHBoxLayout()
        row_buttons.addWidget(self.reset_button)
        row_buttons.addWidget(self.active_button)
        row_buttons.addStretch()

        self.username = QLineEdit(placeholderText=tr("e.g. aya.n"))
        self.full_name = QLineEdit()
        self.role = QComboBox()
        roles = [Role.RECEPTIONIST, Role.MANAGER, Role.OWNER] if is_owner else [Role.RECEPTIONIST]
        for role in roles:
            self.role.addItem(role_word(role), role.value)
        self.branch = QComboBox()
        self.branch.addItem(desk.branch.name, str(desk.branch.id))
        self.branch.setEnabled(is_owner)
        self.password = QLineEdit(placeholderText=tr("8 characters or more"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_button = QPushButton(tr("Add"))
        self.add_button.clicked.connect(self.add)
        add_box = QGroupBox(tr("Add a staff member"))
        form = QFormLayout(add_box)
        form.addRow(tr("Username:"), self.username)
        form.addRow(tr("Full name:"), self.full_name)
        form.addRow(tr("Role:"), self.role)
        form.addRow(tr("Branch:"), self.branch)
        form.addRow(tr("Password:"), self.password)
        form.addRow("", self.add_button)

        self.notice = Notice()
        close = QPushButton(tr("Close"))
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row_buttons)
        layout.addWidget(add_box)
        layout.addWidget(self.notice)
        layout.addWidget(close)
        self.resize(720, 600)
        self._update_buttons()
        if is_owner:
            runner.run(catalogue.branches, self._branches_loaded, self.notice.show_error)
        self.reload()

    def _branches_loaded(self, branches: list[Branch]) -> None:
        self.branches = {b.id: b for b in branches}
        self.branch.clear()
        for branch in sorted(branches, key=lambda b: b.number):
            self.branch.addItem(branch.name, str(branch.id))
        self.branch.setCurrentIndex(max(0, self.branch.findData(str(self._desk.branch.id))))
        self._fill()

    def reload(self) -> None:
        def shown(people: list[Staff]) -> None:
            self.people = sorted(people, key=lambda s: (s.role.value, s.username))
            self._fill()
            self.loaded.emit(len(self.people))

        self._runner.run(lambda: self._staff.list(self._desk), shown, self.notice.show_error)

    def _fill(self) -> None:
        self.table.setRowCount(len(self.people))
        for r, person in enumerate(self.people):
            branch = self.branches.get(person.branch_id) if person.branch_id else None
            cells = [person.username, person.full_name, role_word(person.role),
                     branch.name if branch else (tr("All branches") if person.role is Role.OWNER else ""),
                     tr("Yes") if person.is_active else tr("No")]
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self._update_buttons()

    def selected(self) -> Staff | None:
        row = self.table.currentRow()
        if not self.table.selectionModel().hasSelection() or not 0 <= row < len(self.people):
            return None
        return self.people[row]

    def select(self, username: str) -> None:
        row = next((i for i, s in enumerate(self.people) if s.username == username), -1)
        select_row(self.table, row)

    def _update_buttons(self) -> None:
        person = self.selected()
        self.reset_button.setEnabled(person is not None)
        self.active_button.setEnabled(person is not None and person.id != self._desk.staff.id)
        self.active_button.setText(tr("Activate") if person is not None and not person.is_active
                                   else tr("Deactivate"))

    def add(self) -> None:
        role = Role(self.role.currentData())
        branch_id = None if role is Role.OWNER else uuid.UUID(self.branch.currentData())
        staff, desk = self._staff, self._desk
        username, full_name, password = self.username.text(), self.full_name.text(), self.password.text()

        def done(person: Staff) -> None:
            self.notice.show_success(tr("{name} can now sign in as {username}.").format(
                name=isolate(person.full_name), username=ltr(person.username)))
            for field in (self.username, self.full_name, self.password):
                field.clear()
            self.changed.emit(person)
            self.reload()

        self._runner.run(lambda: staff.create(desk, username=username, full_name=full_name, role=role,
                                              password=password, branch_id=branch_id),
                         done, self.notice.show_error, write=True)

    def reset_password(self) -> None:
        person = self.selected()
        if person is None:
            return
        password = ask_password(self, person.full_name)
        if not password:
            return
        staff, desk = self._staff, self._desk
        self._runner.run(lambda: staff.reset_password(desk, person.id, password),
                         lambda _none: self.notice.show_success(f"{person.full_name}'s password was changed."),
                         self.notice.show_error, write=True)

    def toggle_active(self) -> None:
        person = self.selected()
        if person is None:
            return
        staff, desk, active = self._staff, self._desk, not person.is_active

        def done(changed: Staff) -> None:
            if changed.is_active:
                self.notice.show_success(tr("{name} can sign in again.").format(name=isolate(changed.full_name)))
            else:
                self.notice.show_success(tr("{name} can no longer sign in.").format(name=isolate(changed.full_name)))
            self.changed.emit(changed)
            self.reload()

        self._runner.run(lambda: staff.set_active(desk, person.id, active), done, self.notice.show_error,
                         write=True)
