"""The whole desk in Arabic: every page and dialog on the list below opened, every visible text read, none left in
English.

What is read: window titles, labels, buttons, check boxes, group and tab titles, placeholders, tooltips, combo box
items, table headers, list items, spin box suffixes, menu titles and items, and a message box. A text passes when,
with the names, codes and numbers it isolates (U+2066..U+2069) taken out, no English word is left apart from
ALLOWED. The layout is right to left and the Scan page still fits a 1366×768 screen.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QMessageBox,
    QSpinBox,
    QTabWidget,
    QWidget,
)

from reception.domain.scan import State
from tests.conftest import owner_desk
from tests.gui.fixtures_pages import OFFSCREEN_NOISE, app_look, member  # noqa: F401

pytestmark = OFFSCREEN_NOISE

# Every page and dialog of the desk, each opened below in Arabic.
SCREENS = (
    "main window: menus, page list, status bar",
    "Scan page: empty, a member allowed, a member denied",
    "Customers page: a member's profile with its three tabs",
    "Attendance page",
    "Settings dialog (Database, Scanning, Desk, Backups)",
    "Register dialog and its result",
    "Camera photo dialog",
    "Activate (sale) dialog",
    "Freeze dialog",
    "Reverse dialog",
    "Override dialog",
    "Sign-in dialog",
    "Lock overlay",
    "First start dialog",
    "End-of-shift report dialog",
    "Catalogue dialog",
    "Staff dialog",
    "Branches dialog",
    "Restart-now message box",
    "Sync page and its Desks of this branch dialog (a branch desk)",
)

# Words that stay as they are in Arabic: keys, file kinds, the currency, product and setting names, examples.
ALLOWED = {
    "OK", "EGP", "PDF", "CSV", "QR", "USB", "PNG", "Enter", "Ctrl", "Shift", "Esc", "Space", "Tab", "English",
    "PostgreSQL", "pg_dump", "none", "file", "PATH", "sqlite", "zxing", "cpp", "ZBar", "OpenCV", "db", "RECEPTION_DB",
    "jpg", "jpeg", "png", "bmp", "webp", "heic", "pdf", "csv", "name", "example", "com", "aya", "owner", "GYM",
}


# Words of the gym's own data (names, addresses, e-mails, passwords, services, the database's path): filled in by
# the `gym_data` fixture from the demo database, since the demo gym's people have English names too.
DATA: set[str] = set()


def english_words(text: str) -> list[str]:
    """The English words left in a text once its isolated parts (names, codes, numbers), the gym's data and markup
    are removed."""
    if re.fullmatch(r"[A-Z][A-Za-z_]+(/[A-Za-z_+\-0-9]+)+", text):  # a time zone's name (Africa/Cairo) is a code
        return []
    rest = re.sub("[\u2066\u2067\u2068][^\u2069]*\u2069", " ", text)
    rest = re.sub(r"<[^>]+>", " ", rest).replace("&", "")
    return [word for word in re.findall(r"[A-Za-z][A-Za-z_]+", rest)
            if word not in ALLOWED and word not in DATA and not re.fullmatch(r"F\d+", word)]


def texts_of(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every text a person can see on `root` and its visible children."""
    for widget in [root, *root.findChildren(QWidget)]:
        if widget is not root and not widget.isVisibleTo(root):
            continue
        where = f"{type(widget).__name__}#{widget.objectName()}"
        if widget.isWindow():
            yield where + " title", widget.windowTitle()
        yield where + " tooltip", widget.toolTip()
        if isinstance(widget, QLabel):
            yield where, widget.text()
        if isinstance(widget, QAbstractButton):
            yield where, widget.text()
        if isinstance(widget, QLineEdit):
            yield where + " placeholder", widget.placeholderText()
        if isinstance(widget, QGroupBox):
            yield where, widget.title()
        if isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                yield f"{where} tab {i}", widget.tabText(i)
        if isinstance(widget, QComboBox):
            for i in range(widget.count()):
                yield f"{where} item {i}", widget.itemText(i)
        if isinstance(widget, QSpinBox):
            yield where + " suffix", widget.suffix()
        if isinstance(widget, (QSpinBox, QDateTimeEdit)):
            yield where + " special", widget.specialValueText()
        if isinstance(widget, QAbstractItemView) and widget.model() is not None and not isinstance(widget, QListWidget):
            model = widget.model()
            for column in range(model.columnCount()):
                yield f"{where} header {column}", str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        if isinstance(widget, QListWidget) and widget.objectName() in ("navigation", "recentScans", "backups"):
            for i in range(widget.count()):
                yield f"{where} row {i}", widget.item(i).text()
                yield f"{where} row {i} tooltip", widget.item(i).toolTip()
    for menu in root.findChildren(QMenu):
        yield "menu", menu.title()
        for action in menu.actions():
            yield "menu item", action.text()


def still_english(root: QWidget) -> list[str]:
    return [f"{where}: {text!r} ({', '.join(words)})" for where, text in texts_of(root)
            if (words := english_words(text))]


@pytest.fixture
def gym_data(app):  # type: ignore[no-untyped-def]
    desk = owner_desk(app)
    texts = [app.url]
    for number in range(1, 151):  # the demo gym's members
        customer = app.customers.by_member_no(desk, number)
        texts += [customer.full_name, customer.email, customer.address, customer.temp_password or "", customer.initials]
    texts += [b.name for b in app.catalogue.branches()] + [s.name for s in app.catalogue.services()]
    staff = app.staff.list(desk)
    texts += [person.full_name for person in staff] + [person.username for person in staff]
    DATA.clear()
    DATA.update(word for text in texts for word in re.findall(r"[A-Za-z][A-Za-z_]+", text))
    yield DATA
    DATA.clear()


@pytest.fixture
def arabic(qapp, gym_data):  # type: ignore[no-untyped-def]
    """The desk in Arabic for one test (the English of the other tests is put back after)."""
    from reception.ui import i18n

    assert i18n.install(qapp, "ar") == "ar"
    yield qapp


@pytest.fixture
def window(arabic, ui_context, qtbot):  # type: ignore[no-untyped-def]
    from reception.ui.main_window import MainWindow

    built = MainWindow(ui_context)
    qtbot.addWidget(built)
    built.show()
    qtbot.waitExposed(built)
    yield built
    built.close()


def _wait_card(qtbot, page, customer) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: page.current is not None and page.current.customer is not None
                    and page.current.customer.id == customer.id, timeout=5000)


def _opened(qtbot, find) -> QDialog:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: find() is not None and find().isVisible(), timeout=5000)
    return find()


def test_the_screen_list_names_every_dialog_class_of_the_desk() -> None:
    """A new dialog must be added to SCREENS (and opened below) to be checked."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "reception" / "ui"
    classes = set()
    for path in root.rglob("*.py"):
        classes |= set(re.findall(r"^class (\w+Dialog)\(", path.read_text(encoding="utf-8"), flags=re.M))
    covered = {"ActivateDialog", "FreezeDialog", "ReverseDialog", "OverrideDialog", "RegisterDialog", "SettingsDialog",
               "FirstStartDialog", "LoginDialog", "ReportDialog", "CatalogueDialog", "StaffDialog", "BranchesDialog",
               "CameraPhotoDialog", "ConnectDialog", "DayPassDialog", "DesksDialog"}
    assert classes <= covered, f"not on the list: {sorted(classes - covered)}"


@pytest.mark.parametrize("screen", [QSize(1366 - 8, 768 - 40 - 32), QSize(int(1366 / 1.25), int(768 / 1.25) - 32)],
                         ids=["1366x768 at 100%", "1366x768 at 125%"])
def test_the_window_is_right_to_left_and_the_scan_page_fits_1366x768(app_look, window, qtbot, app, screen) -> None:
    assert QApplication.layoutDirection() is Qt.LayoutDirection.RightToLeft
    assert window.layoutDirection() is Qt.LayoutDirection.RightToLeft
    hint = window.minimumSizeHint()
    assert hint.width() <= screen.width() and hint.height() <= screen.height(), f"needs {hint.toTuple()}"
    window.resize(screen)
    qtbot.waitUntil(lambda: window.size() == screen)
    page = window.scan_page
    fullest = member(app, 4)  # a pack member with warnings and notes
    page.submit(fullest.qr_code)
    _wait_card(qtbot, page, fullest)
    qtbot.wait(50)
    card = page.card
    for widget in (card.check_in_button, card.deduct_button, card.override_button, card.profile_button,
                   card.banner, card.name, page.code_field, page.recent, page.preview_container, window.clock_label):
        top_left = widget.mapTo(window, QPoint(0, 0))
        assert QRect(QPoint(0, 0), window.size()).contains(QRect(top_left, widget.size())), widget.objectName()
    for button in (card.check_in_button, card.deduct_button):
        assert button.width() >= button.sizeHint().width(), f"{button.text()!r} is clipped"
    # right to left: the member's name starts at the card's right edge, the banner's icon sits right of its text
    assert card.banner_icon.mapTo(window, QPoint(0, 0)).x() > card.banner_text.mapTo(window, QPoint(0, 0)).x()
    assert QFontInfo(card.name.font()).pixelSize() >= 28


def test_a_member_found_by_a_search_opens_and_rows_select_right_to_left(window, qtbot, app) -> None:
    window.show_page("customers")
    customers = window.pages["customers"]
    sara = member(app, 1)
    with qtbot.waitSignal(customers.profile_shown, timeout=5000):
        customers.search.setText(sara.qr_code)  # one member found: the row is selected and the profile opens
    assert customers.current_id == sara.id and customers.table.selectionModel().hasSelection()
    detail = customers.detail
    detail.select_subscription(customers.profile.current.id)
    assert detail.selected_subscription() is not None and detail.freeze_button.isEnabled()


def test_every_page_of_the_window_is_in_arabic(window, qtbot, app, ui_context) -> None:
    page = window.scan_page
    problems = still_english(window)
    allowed, denied = member(app, 1), member(app, 3)  # 3: expired
    for customer in (allowed, denied):
        page.submit(customer.qr_code)
        _wait_card(qtbot, page, customer)
        problems += still_english(window)
    assert page.current.state is State.DENY
    window.show_page("customers")
    customers = window.pages["customers"]
    with qtbot.waitSignal(customers.profile_shown, timeout=5000):
        customers.show_customer(allowed.id)
    for tab in range(customers.detail.tabs.count()):
        customers.detail.tabs.setCurrentIndex(tab)
        problems += still_english(window)
    window.show_page("attendance")
    qtbot.wait(100)
    problems += still_english(window)
    access = window.pages["access"]
    with qtbot.waitSignal(access.loaded, timeout=5000):
        window.show_page("access")  # the two scans above, one allowed, one denied, with their reasons
    assert len(access.model.rows) >= 2
    problems += still_english(window)
    window.lock()
    problems += still_english(window)
    assert not problems, "\n".join(problems)


def test_every_dialog_is_in_arabic(window, qtbot, app, ui_context, desk_for, register_dialog, sell) -> None:
    from reception.ui.dialogs.first_start_dialog import FirstStartDialog
    from reception.ui.dialogs.settings_dialog import SettingsDialog
    from reception.ui.login_dialog import LoginDialog
    from reception.settings import MemoryStore

    problems: list[str] = []

    def check(dialog: QWidget, *, owned: bool = True) -> None:
        if owned:  # the history's dialogs delete themselves when closed
            qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.wait(50)
        problems.extend(still_english(dialog))
        dialog.close()

    ui_context.set_desk(desk_for("manager"))
    settings = SettingsDialog(MemoryStore(), ui_context.runner, desk=ui_context.desk, catalogue=app.catalogue,
                              database_url=app.url, find_cameras=lambda: [0], find_decoders=lambda: ["zxing"])
    for tab in range(settings.tabs.count()):
        settings.tabs.setCurrentIndex(tab)
        check(settings)
    check(register_dialog())
    check(LoginDialog(app.staff, app.catalogue, ui_context.runner, database=app.description))
    manage = window.manage
    for open_dialog in (manage.open_report, manage.open_catalogue, manage.open_staff, manage.open_branches):
        dialog = open_dialog()
        qtbot.wait(200)
        problems.extend(still_english(dialog))
        dialog.reject()

    customer = member(app, 1)
    sales: list[QWidget] = []
    sell(customer, window, on_open=sales.append)
    qtbot.waitUntil(lambda: bool(sales), timeout=5000)
    qtbot.wait(200)  # the price preview
    problems.extend(still_english(sales[0]))
    sales[0].close()

    from reception.ui.dialogs.register_result import RegisterResult
    result = RegisterResult()
    result.show_customer(customer)
    check(result)
    customers = window.pages["customers"]
    window.show_page("customers")
    with qtbot.waitSignal(customers.profile_shown, timeout=5000):
        customers.show_customer(customer.id)
    actions = window.history_actions
    check(actions._open_freeze(customers.profile.current.subscription, unfreeze=False), owned=False)
    visit = next(v for v in customers.profile.attendance if v.counts)
    check(actions.reverse(visit), owned=False)

    window.show_page("scan")
    page = window.scan_page
    denied = member(app, 3)
    page.submit(denied.qr_code)
    _wait_card(qtbot, page, denied)
    page.override()
    problems.extend(still_english(_opened(qtbot, lambda: page.override_dialog)))
    page.override_dialog.reject()

    # A day pass: the sale's form, the sold pass with its QR, and the pass's card on the Scan page.
    page.sell_day_pass()
    day_pass = _opened(qtbot, lambda: page.day_pass_dialog)
    problems.extend(still_english(day_pass))
    day_pass.sell()
    qtbot.waitUntil(lambda: day_pass.sold is not None, timeout=5000)
    problems.extend(still_english(day_pass))
    code = day_pass.sold.code
    day_pass.accept()
    page.submit(code)
    qtbot.waitUntil(lambda: page.current_pass is not None, timeout=5000)
    problems.extend(still_english(page.card))
    page.admit_pass()
    qtbot.waitUntil(lambda: page.card.result_message.isVisible(), timeout=5000)
    problems.extend(still_english(page.card))

    from reception.ui.camera_controller import CameraController
    from reception.ui.dialogs.camera_photo_dialog import CameraPhotoDialog
    camera = CameraController("none", ui_context.runner)
    check(CameraPhotoDialog(camera, ui_context.runner))

    from reception.bootstrap import open_app
    from reception.ui.tasks import Runner
    empty = open_app(f"sqlite:///{app.url.removeprefix('sqlite:///')}.empty.sqlite3", clock=app.clock)
    try:
        runner = Runner()
        check(FirstStartDialog(empty.uow, runner, database=empty.description, connect=lambda *_: None))
        from reception.ui.dialogs.connect_dialog import ConnectDialog
        check(ConnectDialog(lambda *_: None, runner))
        runner.wait(10_000)
    finally:
        empty.close()
    assert not problems, "\n".join(problems)


def test_the_restart_offer_is_in_arabic(window, qtbot) -> None:
    seen: list[str] = []

    def answer_later() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.extend(still_english(box))
        seen.extend(f"{b.text()!r}" for b in box.buttons() if english_words(b.text()))
        later = next(b for b in box.buttons() if b.text() == "لاحقًا")
        later.click()

    QTimer.singleShot(200, answer_later)
    assert window.offer_restart("en", False) is False
    assert not seen, "\n".join(seen)


def test_a_branch_desks_sync_page_and_status_line_are_in_arabic(arabic, qtbot, app, tmp_path) -> None:
    """The Sync page of a desk whose server is out of reach: offline, changes waiting, all in Arabic."""
    from reception.bootstrap import open_app
    from reception.domain.models import AttendanceAction
    from reception.repository.sql.replica_store import SqlReplicaStore
    from reception.services.demo import build_demo
    from reception.sync.agent import SyncAgent
    from reception.ui.context import DeskContext, DeskEvents
    from reception.ui.pages.sync_page import SyncPage, sync_line
    from reception.ui.sync_controller import SyncController
    from reception.ui.tasks import Runner
    from tests.sync.checks import desk_of

    replica_url = f"sqlite:///{tmp_path / 'replica.sqlite3'}"
    made = open_app(replica_url, clock=app.clock)
    build_demo(made.uow, made.clock)
    store = SqlReplicaStore(made.storage.engine)
    store.prepare()
    store.set_state(device_id="00000000-0000-0000-0000-000000000001", server="http://127.0.0.1:9",
                    token="dev1.00000000-0000-0000-0000-000000000001.x", branch_no="1")
    made.close()
    desk_app = open_app(replica_url, clock=app.clock)
    try:
        desk = desk_of(desk_app, "manager")
        for customer in desk_app.customers.search(desk, "a")[:2]:
            desk_app.desk.scan(desk, customer.qr_code, action=AttendanceAction.CHECK_IN_ONLY)
        controller = SyncController(SyncAgent(desk_app.replica, desk_app.clock, timeout=2))
        runner = Runner()
        page = SyncPage(DeskContext(desk=desk, runner=runner, events=DeskEvents(), sounds=None), sync=controller,
                        clock=desk_app.clock)
        qtbot.addWidget(page)
        page.show()
        controller.sync_now()
        qtbot.waitUntil(lambda: page.queue.rowCount() == 2 and page.error_label.text() != "", timeout=20_000)
        line = sync_line(controller.status, desk_app.clock.now(), desk.branch.timezone)
        assert line.startswith("غير متصل منذ") and "تغييران في الانتظار" in line
        problems = [p for p in still_english(page) if "syncError tooltip" not in p]  # the tooltip: the details
        assert not problems, "\n".join(problems)
        desks = page.open_desks()  # the server out of reach: said in Arabic
        qtbot.waitUntil(lambda: desks.notice.kind == "error", timeout=20_000)
        assert "خادم السلسلة" in desks.notice.message
        problems = still_english(desks)
        assert not problems, "\n".join(problems)
        desks.close()
        controller.stop()
        runner.wait(10_000)
    finally:
        desk_app.close()
