"""The desk window: navigation (Scan, Customers, Attendance), menus, lock (by hand or when idle), the status bar.

It is where the App's services are handed out: each page, dialog and menu is built here with just the
services it calls (tests/unit/test_ui_wiring.py keeps every other module off the App).
"""

from __future__ import annotations

import uuid
from zoneinfo import ZoneInfo

from PySide6.QtCore import QByteArray, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from reception.scanning.wedge import WedgeScan
from reception.services.context import Desk
from reception.sync.agent import SyncAgent
from reception.ui.context import UiContext
from reception.ui.dialogs.activate_dialog import SaleOpener
from reception.ui.idle_lock import IdleWatch
from reception.ui.login_dialog import LoginDialog
from reception.ui.pages.attendance_page import AttendancePage
from reception.ui.pages.customer_history import CustomerHistoryActions
from reception.ui.pages.customers_page import CustomersPage
from reception.ui.pages.scan_page import ScanPage
from reception.ui.pages.sync_page import SyncPage, error_words, sync_line
from reception.ui.resources import app_icon, icon
from reception.ui.settings import ui_settings
from reception.ui.sync_controller import SyncController
from reception.ui.settings_store import remember_setting, theme_in_force
from reception.ui.widgets.elided_label import ElidedLabel
from reception.ui.widgets.lock_overlay import LockOverlay
from reception.ui.widgets.wedge_filter import WedgeFilter
from PySide6.QtCore import QT_TR_NOOP
from reception.ui import i18n
from reception.ui.i18n import isolate, ltr, tr, weekday_clock
from reception.ui.words import database_words, role_word

# name, title, icon, shortcut
PAGES: tuple[tuple[str, str, str, str], ...] = (
    ("scan", QT_TR_NOOP("Scan"), "scan", "Ctrl+1"),
    ("customers", QT_TR_NOOP("Customers"), "customers", "Ctrl+2"),
    ("attendance", QT_TR_NOOP("Attendance"), "attendance", "Ctrl+3"),
    ("access", QT_TR_NOOP("Access log"), "access-log", "Ctrl+4"),
)
SYNC_PAGE = ("sync", QT_TR_NOOP("Sync"), "sync", "Ctrl+5")  # a branch desk connected to the chain's server
DEFAULT_SIZE = QSize(1280, 720)  # leaves room for the taskbar on a 1366×768 desk screen
FRAME_ALLOWANCE = QSize(8, 32)  # a window manager's borders and title bar


def connect_new_replica(server: str, username: str, password: str, branch: int | None, name: str) -> str:
    """A new file in the desk's data folder, connected to the chain's server; its database address."""
    from datetime import UTC, datetime

    from reception import paths
    from reception.bootstrap import open_app
    from reception.sync.agent import connect

    folder = paths.data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"branch-desk-{datetime.now(UTC):%Y%m%d-%H%M%S}.sqlite3"
    url = f"sqlite:///{path}"
    made = open_app(url)
    try:
        assert made.replica is not None
        connect(made.replica, made.clock, server, username, password, branch_no=branch, name=name)
    except BaseException:
        made.close()
        for suffix in ("", "-wal", "-shm"):  # a copy that did not finish is not a replica: nothing is kept
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        raise
    made.close()
    return url


class MainWindow(QMainWindow):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None, *, wedge: WedgeFilter | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.ctx = ctx
        self.setWindowIcon(app_icon())
        self.pages: dict[str, QWidget] = {}
        self.locked = False
        self._lock_actions: list[QAction] = []
        self.switch_dialog: LoginDialog | None = None
        self._shown_once = False

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(150)
        self.navigation.setIconSize(QSize(22, 22))
        self.navigation.setWordWrap(True)  # title and shortcut hint on two lines
        self.navigation.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.stack = QStackedWidget()
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.navigation)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        app = ctx.app
        self.sell = SaleOpener(ctx, catalogue=app.catalogue, subscriptions=app.subscriptions,
                               approve=app.staff.approve, clock=app.clock)
        self.scan_page = ScanPage(ctx, self, front_desk=app.desk, customers=app.customers, catalogue=app.catalogue,
                                  clock=app.clock, sell=self.sell, passes=app.passes)
        self.customers_page = CustomersPage(ctx, self, customers=app.customers, catalogue=app.catalogue,
                                            clock=app.clock, sell=self.sell)
        self.attendance_page = AttendancePage(ctx, self, attendance=app.attendance, catalogue=app.catalogue,
                                              clock=app.clock, approve=app.staff.approve)
        from reception.ui.pages.access_log_page import AccessLogPage

        self.access_page = AccessLogPage(ctx, self, access_log=app.access_log, catalogue=app.catalogue,
                                         clock=app.clock)
        built: dict[str, QWidget] = {"scan": self.scan_page, "customers": self.customers_page,
                                     "attendance": self.attendance_page, "access": self.access_page}
        pages = PAGES
        self.sync: SyncController | None = None
        if app.is_branch_desk and app.replica is not None:  # a desk of the chain: its sync, and the page showing it
            self.sync = SyncController(SyncAgent(app.replica, app.clock), self)
            ctx.events.photo_wanted.connect(self.sync.fetch_photo)  # a first copy has no photos
            self.sync.photo_arrived.connect(ctx.events.photo_arrived)
            self.sync_page = SyncPage(ctx, self, sync=self.sync, clock=app.clock)
            built["sync"] = self.sync_page
            pages = (*PAGES, SYNC_PAGE)
        for name, title, icon_name, shortcut in pages:
            page = built[name]
            self.pages[name] = page
            self.stack.addWidget(page)
            item = QListWidgetItem(icon(icon_name), f"{tr(title)}\n{ltr(shortcut)}")
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setToolTip(tr("{page} ({keys})").format(page=tr(title), keys=ltr(shortcut)))
            item.setSizeHint(QSize(136, 66))
            self.navigation.addItem(item)
        self.navigation.currentRowChanged.connect(self._navigated)
        self.navigation.setCurrentRow(0)

        self._build_menus()
        self._build_status_bar()
        self.lock_overlay = LockOverlay(app.staff, app.catalogue, ctx.runner, self)
        self.lock_overlay.unlocked.connect(self._unlocked)
        self._attach_history_actions()

        # No input anywhere in the app for the branch's idle minutes locks the desk (shift change).
        self.idle = IdleWatch(self)
        self.idle.idle.connect(self.lock)

        # USB scanners type into whatever has the focus: catch their bursts app-wide.
        self.wedge = wedge or WedgeFilter()
        self.wedge.setParent(self)  # removed from the application together with the window
        self.wedge.scanned.connect(self._wedge_scanned)
        qapp = QApplication.instance()
        if qapp is not None:
            qapp.installEventFilter(self.wedge)
            qapp.installEventFilter(self.idle)

        ctx.events.open_customer.connect(self.open_customer)
        ctx.events.desk_changed.connect(self._desk_changed)
        self._desk_changed(ctx.desk)
        self._restore_geometry()
        self.restore_path: str | None = None  # a backup chosen in Settings, restored after the window closes
        self.restart_language: tuple[str, bool] | None = None  # (language, Arabic digits) for the next window
        self.scan_page.focus_code_field()
        if self.sync is not None:
            self.sync.start()

    # -- pages -----------------------------------------------------------------------

    def _attach_history_actions(self) -> None:
        """Freeze, unfreeze, receipts and reversal under the member's history on the Customers page."""
        app, customers = self.ctx.app, self.customers_page
        self.history_actions = CustomerHistoryActions(
            self.ctx, customers.detail, customers, subscriptions=app.subscriptions, attendance=app.attendance,
            approve=app.staff.approve, clock=app.clock)
        notice = customers.notice
        self.history_actions.message.connect(lambda kind, text: notice.show_message(text, kind))

    def show_page(self, name: str) -> None:
        page = self.pages.get(name)
        if page is None or self.locked:
            return
        self.navigation.setCurrentRow(self.stack.indexOf(page))

    def open_customer(self, customer_id: uuid.UUID) -> None:
        """"Open profile": the Customers page showing that member, never the one it showed before."""
        if self.locked:
            return
        self.customers_page.show_customer(customer_id)
        self.show_page("customers")

    def current_page_name(self) -> str:
        current = self.stack.currentWidget()
        return next((name for name, page in self.pages.items() if page is current), "")

    def _navigated(self, row: int) -> None:
        item = self.navigation.item(row)
        if item is None:
            return
        page = self.pages[item.data(Qt.ItemDataRole.UserRole)]
        self.stack.setCurrentWidget(page)
        if page is self.scan_page:
            self.scan_page.focus_code_field()

    # -- menus and status bar ----------------------------------------------------------

    def _action(self, text: str, slot: object, shortcut: str | None = None, icon_name: str | None = None) -> QAction:
        action = QAction(text, self)
        if icon_name:
            action.setIcon(icon(icon_name))
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)  # type: ignore[arg-type]
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        desk = bar.addMenu(tr("&Desk"))
        self.switch_user_action = self._action(tr("&Switch user…"), self.switch_user, "Ctrl+Shift+U", "switch-user")
        self.lock_action = self._action(tr("&Lock"), self.lock, "Ctrl+L", "lock")
        quit_action = self._action(tr("&Quit"), self.close, "Ctrl+Q", "quit")
        self.settings_action = self._action(tr("S&ettings…"), self.open_settings, "Ctrl+,")
        desk.addActions([self.switch_user_action, self.lock_action])
        desk.addSeparator()
        desk.addAction(self.settings_action)
        desk.addSeparator()
        desk.addAction(quit_action)
        go = bar.addMenu(tr("&Go"))
        for name, title, icon_name, shortcut in (*PAGES, SYNC_PAGE):
            if name in self.pages:
                action = self._action(tr(title), lambda _checked=False, n=name: self.show_page(n), shortcut, icon_name)
                go.addAction(action)
                self._lock_actions.append(action)
        view = bar.addMenu(tr("&View"))
        self.dark_action = self._action(tr("&Dark theme"), self._toggle_theme)
        self.dark_action.setCheckable(True)
        self.dark_action.setChecked(theme_in_force() == "dark")
        self.sound_action = self._action(tr("&Sounds"), self._toggle_sounds)
        self.sound_action.setCheckable(True)
        self.sound_action.setChecked(bool(getattr(self.ctx.sounds, "enabled", False)))
        view.addActions([self.dark_action, self.sound_action])
        from reception.ui.manage.menu import ManageMenu

        app = self.ctx.app
        self.manage = ManageMenu(self.ctx, self, reports=app.reports, catalogue=app.catalogue, staff=app.staff,
                                 clock=app.clock)
        help_menu = bar.addMenu(tr("&Help"))
        help_menu.addAction(self._action(tr("&About Reception"), self.about, icon_name="info"))
        self._lock_actions += [self.switch_user_action, self.lock_action, self.settings_action]

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.staff_label = QLabel()
        self.branch_label = QLabel()
        self.database_label = ElidedLabel(database_words(self.ctx.app.description))
        self.database_label.setToolTip(tr("The database this desk uses: {database}").format(
            database=database_words(self.ctx.app.description)))
        self.clock_label = QLabel()
        self.sync_label = QLabel()
        self.sync_label.setObjectName("syncStatus")
        labels = [self.staff_label, self.branch_label, self.database_label, self.clock_label]
        if self.sync is not None:
            labels.insert(2, self.sync_label)
            self.sync.status_changed.connect(lambda _status: self._show_sync())
        for label in labels:
            label.setContentsMargins(8, 0, 8, 0)
            bar.addPermanentWidget(label)
        self.clock_timer = QTimer(self)
        self.clock_timer.setInterval(1000)
        self.clock_timer.timeout.connect(self._tick)
        self.clock_timer.start()
        self._tick()

    def _tick(self) -> None:
        now = self.ctx.app.clock.now().astimezone(ZoneInfo(self.ctx.desk.branch.timezone))
        self.clock_label.setText(weekday_clock(now))
        self._show_sync()
        if self.sync is not None and now.second % 5 == 0:
            self.sync.refresh()  # the queue grows with every change made here

    def _show_sync(self) -> None:
        status = self.sync.status if self.sync is not None else None
        if status is None:
            return
        self.sync_label.setText(sync_line(status, self.ctx.app.clock.now(), self.ctx.desk.branch.timezone))
        self.sync_label.setToolTip(error_words(status.last_error_code, status.last_error) if status.last_error
                                   else tr("The chain's server: {server}").format(server=ltr(status.server)))

    def _desk_changed(self, desk: Desk) -> None:
        staff = desk.staff
        self.staff_label.setText(tr("{name} ({role})").format(name=isolate(staff.full_name),
                                                               role=role_word(staff.role)))
        self.branch_label.setText(tr("Branch: {branch}").format(branch=isolate(desk.branch.name)))
        self.setWindowTitle(tr("Reception — {branch} — {name}").format(
            branch=isolate(desk.branch.name), name=isolate(staff.full_name)))
        self._tick()
        self.idle.set_minutes(desk.branch.rules.idle_lock_minutes)

    # -- scanner -----------------------------------------------------------------------

    def _wedge_scanned(self, scan: WedgeScan) -> None:
        if self.locked:  # nobody is signed in: a scan must not check anyone in
            from reception import trace

            trace.emit("scan_refused", reason="locked", code=scan.code)
            self.lock_overlay.show_notice(tr("Unlock the desk to scan."))
            return
        self.show_page("scan")
        self.scan_page.submit(scan.code, started_at=scan.started_at, source="wedge")

    # -- lock and switch user ------------------------------------------------------------

    def lock(self) -> None:
        if self.locked:
            return
        self.locked = True
        for action in self._lock_actions:
            action.setEnabled(False)
        self.menuBar().setEnabled(False)
        self.manage.set_enabled(False)
        self.idle.pause()
        self.lock_overlay.lock(self.ctx.desk)

    def _unlocked(self, desk: Desk) -> None:
        self.locked = False
        for action in self._lock_actions:
            action.setEnabled(True)
        self.menuBar().setEnabled(True)
        self.manage.set_enabled(True)
        if desk != self.ctx.desk:
            self.ctx.set_desk(desk)
        self.idle.resume()
        self.scan_page.focus_code_field()
        self._trace_ready()

    def _trace_ready(self) -> None:
        from reception import trace

        desk = self.ctx.desk
        trace.emit("ready", staff=desk.staff.username, branch_no=desk.branch.number)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            QTimer.singleShot(0, self._trace_ready)

    def switch_user(self) -> None:
        app = self.ctx.app
        dialog = LoginDialog(app.staff, app.catalogue, self.ctx.runner, database=app.description,
                             title=tr("Switch user"), parent=self)
        self.switch_dialog = dialog

        def finished(_code: int) -> None:
            self.switch_dialog = None
            if dialog.desk is not None:
                self.ctx.set_desk(dialog.desk)
            dialog.deleteLater()
            self.scan_page.focus_code_field()

        dialog.finished.connect(finished)
        dialog.open()

    # -- settings ----------------------------------------------------------------------

    def open_settings(self) -> None:
        from reception.ui.dialogs.settings_dialog import SettingsDialog
        from reception.ui.settings_store import QSettingsStore

        app = self.ctx.app
        dialog = SettingsDialog(QSettingsStore(), self.ctx.runner, desk=self.ctx.desk, catalogue=app.catalogue,
                                database_url=app.url, connect=None if app.is_branch_desk else connect_new_replica,
                                parent=self)
        dialog.saved.connect(lambda values: self._settings_saved(dialog, values))
        dialog.restore_requested.connect(self._restore_requested)
        dialog.finished.connect(lambda _code: (dialog.deleteLater(), self.scan_page.focus_code_field()))
        dialog.open()

    def _settings_saved(self, dialog: QWidget, values: object) -> None:
        """Theme, sounds and the scanner apply at once; a new database at the next start."""
        theme = str(getattr(values, "theme", "light"))
        self.dark_action.setChecked(theme == "dark")
        self._toggle_theme(theme == "dark")
        sounds_on = bool(getattr(values, "sounds", True))
        self.sound_action.setChecked(sounds_on)
        self._toggle_sounds(sounds_on)
        self.wedge.detector.prefix = str(getattr(values, "scanner_prefix", ""))
        self.wedge.detector.suffix = str(getattr(values, "scanner_suffix", ""))
        branch = getattr(dialog, "branch", None)
        if branch is not None and branch != self.ctx.desk.branch:
            self.ctx.set_desk(Desk(self.ctx.desk.staff, branch))  # the branch's rules changed
        language = str(getattr(values, "language", "system"))
        digits_on = bool(getattr(values, "arabic_digits", False))
        if (i18n.chosen_language(language), digits_on and i18n.chosen_language(language) == "ar") != (
                i18n.language(), i18n.arabic_digits()):
            # once the Settings dialog has closed, so only the forms still open count as unsaved input
            QTimer.singleShot(0, lambda: self.offer_restart(language, digits_on))

    def unsaved_input(self) -> list[str]:
        """Window titles of the forms open over the window (their typed input goes when the window restarts)."""
        return [w.windowTitle() for w in self.findChildren(QDialog)
                if w.isVisible() and w.objectName() != "SettingsDialog"]

    def offer_restart(self, language: str, arabic_digits: bool) -> bool:
        """A new language applies when the window restarts: offer it now; True when the restart was started."""
        box = QMessageBox(QMessageBox.Icon.Question, tr("Language"),
                          tr("The new language applies when the window restarts. You stay signed in."), parent=self)
        box.setObjectName("restartBox")
        now = box.addButton(tr("Restart now"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(tr("Later"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is not now:
            return False
        open_forms = self.unsaved_input()
        if open_forms:
            answer = QMessageBox.warning(
                self, tr("Restart now"),
                tr("What is typed in these open windows will be lost:\n{windows}\n\nRestart anyway?").format(
                    windows="\n".join(f"  • {title}" for title in open_forms)),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Yes:
                return False
        self.restart_language = (language, arabic_digits)
        self.close()
        QApplication.quit()
        return True

    def _restore_requested(self, path: object) -> None:
        """Restoring replaces the open database file, so the desk closes it and starts again."""
        answer = QMessageBox.question(
            self, tr("Restore a backup"),
            tr("Restore the database from {path}?\n\nEverything recorded after that backup is lost; the current "
               "file is kept aside. Reception closes the database, restores it and asks you to sign in again.").format(
                path=ltr(path)),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.restore_path = str(path)
        self.close()
        QApplication.quit()

    # -- view and help -------------------------------------------------------------------

    def _toggle_theme(self, dark: bool) -> None:
        from reception.ui.style import apply_theme

        theme = "dark" if dark else "light"
        remember_setting("theme", theme)  # under [desk], where start-up reads it
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, theme)

    def _toggle_sounds(self, on: bool) -> None:
        if self.ctx.sounds is not None:
            self.ctx.sounds.enabled = on  # type: ignore[attr-defined]
        remember_setting("sounds", on)

    def about(self) -> None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("reception")
        except PackageNotFoundError:  # a source checkout that was never installed
            number = tr("development build")
        QMessageBox.about(
            self,
            tr("About Reception"),
            tr("<h3>Reception</h3><p>Front-desk software for gyms — version {number}.</p><p>Database: "
               "{database}</p><p>Keys: Ctrl+1/2/3/4 pages · Enter check in · F6 day pass · F2 deduct · F9 override · "
               "Ctrl+L lock · Ctrl+Shift+R shift report</p>").format(number=ltr(number),
                                                              database=database_words(self.ctx.app.description)),
        )

    # -- geometry ------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        saved = ui_settings().value("geometry/MainWindow")
        if isinstance(saved, QByteArray) and not saved.isEmpty():
            self.restoreGeometry(saved)
        else:
            self.resize(DEFAULT_SIZE)

    def show_fitted(self) -> None:
        """Show the window; maximised when the screen is smaller than the window would be (1280×720, 125 %…)."""
        screen = self.screen() or QApplication.primaryScreen()
        if screen is None:
            self.show()
            return
        room = screen.availableGeometry()
        frame = self.frameGeometry()
        # Before the first show the frame is unknown: allow for a title bar and borders.
        extra_w = max(FRAME_ALLOWANCE.width(), frame.width() - self.width())
        extra_h = max(FRAME_ALLOWANCE.height(), frame.height() - self.height())
        too_big = self.width() + extra_w > room.width() or self.height() + extra_h > room.height()
        if too_big or self.isMaximized():
            self.showMaximized()
        else:
            self.show()

    def closeEvent(self, event: QCloseEvent) -> None:
        settings = ui_settings()
        settings.setValue("geometry/MainWindow", self.saveGeometry())
        settings.sync()
        self.clock_timer.stop()
        if self.sync is not None:
            self.sync.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.wedge)  # a closed window must not keep holding keys back
            app.removeEventFilter(self.idle)
        self.idle.pause()
        super().closeEvent(event)
