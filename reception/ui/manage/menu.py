"""The desk window's Manage menu: each entry shown to the roles that may use it, each opening its dialog."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from reception.clock import Clock
from reception.domain.models import Role
from reception.domain.permissions import Permission, can
from reception.services.auth import StaffService
from reception.services.catalogue import CatalogueService
from reception.services.context import Desk
from reception.services.reports import ReportService
from reception.ui.context import DeskContext
from reception.ui.i18n import tr


class ManageMenu(QObject):
    """`ManageMenu(ctx, window, reports=…, catalogue=…, staff=…, clock=…)` adds the menu; `shift_start` is when
    the current staff member signed in."""

    def __init__(self, ctx: DeskContext, window: QMainWindow, *, reports: ReportService, catalogue: CatalogueService,
                 staff: StaffService, clock: Clock) -> None:
        super().__init__(window)
        self._ctx = ctx
        self._window = window
        self._reports = reports
        self._catalogue = catalogue
        self._staff = staff
        self._clock = clock
        self.shift_start: datetime = clock.now()
        self._staff_id = ctx.desk.staff.id
        self.last_dialog: QWidget | None = None
        self.menu: QMenu = window.menuBar().addMenu(tr("&Manage"))
        self.report_action = self._add(tr("End-of-shift &report…"), self.open_report, "Ctrl+Shift+R")
        self.menu.addSeparator()
        self.catalogue_action = self._add(tr("&Catalogue and prices…"), self.open_catalogue)
        self.staff_action = self._add(tr("&Staff…"), self.open_staff)
        self.branches_action = self._add(tr("&Branches and rules…"), self.open_branches)
        self.actions = [self.report_action, self.catalogue_action, self.staff_action, self.branches_action]
        ctx.events.desk_changed.connect(self.desk_changed)
        self.desk_changed(ctx.desk)

    def _add(self, text: str, slot: object, shortcut: str | None = None) -> QAction:
        action = QAction(text, self._window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)  # type: ignore[arg-type]
        self._window.addAction(action)
        self.menu.addAction(action)
        return action

    def desk_changed(self, desk: Desk) -> None:
        staff = desk.staff
        if staff.id != self._staff_id:  # someone else signed in: their shift starts now
            self._staff_id = staff.id
            self.shift_start = self._clock.now()
        self.catalogue_action.setVisible(can(staff, Permission.EDIT_CATALOGUE))
        self.staff_action.setVisible(can(staff, Permission.MANAGE_STAFF))
        # The owner edits every branch; a manager their own branch's rules.
        self.branches_action.setVisible(staff.role is Role.OWNER or
                                        (staff.role is Role.MANAGER and staff.branch_id == desk.branch.id))

    def set_enabled(self, enabled: bool) -> None:
        for action in self.actions:
            action.setEnabled(enabled)

    def _show(self, dialog: QWidget) -> QWidget:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _code: self._window.setFocus())  # type: ignore[attr-defined]
        dialog.open()  # type: ignore[attr-defined]
        self.last_dialog = dialog
        return dialog

    def open_report(self) -> QWidget:
        from reception.ui.manage.report_dialog import ReportDialog

        return self._show(ReportDialog(self._reports, self._catalogue, self._ctx.desk, self._ctx.runner,
                                       now=self._clock.now(), shift_start=self.shift_start, parent=self._window))

    def open_catalogue(self) -> QWidget:
        from reception.ui.manage.catalogue_dialog import CatalogueDialog

        return self._show(CatalogueDialog(self._catalogue, self._ctx.desk, self._ctx.runner, self._window))

    def open_staff(self) -> QWidget:
        from reception.ui.manage.staff_dialog import StaffDialog

        return self._show(StaffDialog(self._staff, self._catalogue, self._ctx.desk, self._ctx.runner, self._window))

    def open_branches(self) -> QWidget:
        from reception.ui.manage.branches_dialog import BranchesDialog

        dialog = BranchesDialog(self._catalogue, self._ctx.desk, self._ctx.runner, self._window)
        dialog.saved.connect(self._branch_saved)
        return self._show(dialog)

    def _branch_saved(self, branch: object) -> None:
        desk = self._ctx.desk
        if getattr(branch, "id", None) == desk.branch.id and branch != desk.branch:
            self._ctx.set_desk(Desk(desk.staff, branch))  # type: ignore[arg-type]  # new rules apply at once
