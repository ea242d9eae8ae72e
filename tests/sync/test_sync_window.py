"""The window of a branch desk: the status bar says whether it is online and what waits, the Sync page shows
the queue and the sync issues, and the window never waits for the network."""

from __future__ import annotations

import pytest

from tests.sync.checks import check_in, desk_of, overdraw_offline, pack_members
from tests.sync.conftest import Chain

pytestmark = [pytest.mark.server, pytest.mark.postgres]


def test_the_status_bar_and_the_sync_page_follow_the_line(chain: Chain, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from reception.ui import i18n
    from reception.ui.context import DeskEvents, UiContext
    from reception.ui.main_window import MainWindow
    from reception.ui.tasks import Runner

    i18n.install(QApplication.instance(), "en")  # the desk in English, with English plural forms

    members = pack_members(chain.server, 1, 3, units=5)
    one = chain.desk("north", 1)
    chain.proxy.partition(True)
    for member in members:
        check_in(one.app, desk_of(one.app, "desk1"), member.qr_code)
    runner = Runner()
    ctx = UiContext(app=one.app, desk=desk_of(one.app, "desk1"), runner=runner, events=DeskEvents(), sounds=None)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    assert window.sync is not None
    qtbot.waitUntil(lambda: window.sync_label.text().startswith("Offline since "), timeout=20_000)
    assert window.sync_label.toolTip().startswith("The chain's server cannot be reached.")
    assert "3 changes waiting" in window.sync_label.text()
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)  # Go → Sync (Ctrl+5)
    page = window.sync_page
    qtbot.waitUntil(lambda: window.current_page_name() == "sync", timeout=5_000)
    assert page.queue.rowCount() == 3 and page.queue.item(0, 1).text() == "Scan"
    assert "cannot be reached" in page.error_label.text()
    chain.proxy.partition(False)
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.sync_label.text().startswith("Online · synced "), timeout=20_000)
    assert "waiting" not in window.sync_label.text()
    assert page.queue.rowCount() == 0 and page.error_label.text() == ""
    window.close()
    runner.wait(10_000)


def test_the_desk_tries_a_failing_server_less_often_and_a_silent_line_every_period(  # type: ignore[no-untyped-def]
        chain: Chain, qtbot) -> None:
    """While the server answers 500 the window's sync waits longer after each failure, up to two minutes; while
    the line gives no answer it still tries at least every 15 s; once a sync goes through it is 15 s again."""
    from reception.sync.agent import SyncAgent
    from reception.ui.sync_controller import INTERVAL_MS, SyncController

    one = chain.desk("north", 1)
    controller = SyncController(SyncAgent(one.app.replica, one.app.clock, timeout=2))
    waits = []

    def sync() -> object:
        with qtbot.waitSignal(controller.synced, timeout=20_000) as done:
            controller.sync_now()
        waits.append(controller.timer.interval())
        assert controller.timer.isActive()
        return done.args[0]

    chain.proxy.fail_requests(1000)
    with qtbot.waitSignal(controller.synced, timeout=20_000):
        controller.start()  # syncs at once: the first failure
    for _ in range(6):
        assert sync().error_code == "server_failed"  # type: ignore[attr-defined]
    assert controller.failures == 7
    assert waits[:5] == sorted(waits[:5]) and waits[0] <= 10_000  # 10 s, 20 s, 40 s … (less a random fifth)
    assert all(96_000 <= wait <= 120_000 for wait in waits[4:])  # two minutes at the most
    chain.proxy.fail_requests(0)
    chain.proxy.partition(True)
    assert sync().error_code == "unreachable"  # type: ignore[attr-defined]
    assert waits[-1] <= INTERVAL_MS
    chain.proxy.partition(False)
    assert sync().ok  # type: ignore[attr-defined]
    assert waits[-1] == INTERVAL_MS and controller.failures == 0
    controller.stop()


def test_a_fresh_desk_connects_from_the_first_start_dialog_and_opens_as_a_branch_desk(  # type: ignore[no-untyped-def]
        chain: Chain, qtbot, tmp_path) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from reception.bootstrap import open_app
    from reception.ui import i18n
    from reception.ui.app import _ensure_gym
    from reception.ui.dialogs.connect_dialog import ConnectDialog
    from reception.ui.dialogs.first_start_dialog import FirstStartDialog

    i18n.install(QApplication.instance(), "en")
    url = f"sqlite:///{tmp_path / 'fresh-desk.sqlite3'}"
    app = open_app(url)
    seen: list[str] = []

    def drive() -> None:  # what the manager does in the two dialogs, one step at a time
        active = QApplication.activeModalWidget()
        if isinstance(active, ConnectDialog):
            if not active.server.text():
                active.server.setText(chain.base)
                active.username.setText("manager")
                active.password.setText("demo1234")
                seen.append("connect")
                active.connect_button.click()
        elif isinstance(active, FirstStartDialog) and "first" not in seen:
            seen.append("first")
            QTimer.singleShot(0, active.connect_button.click)
        if "connect" not in seen:  # done once the manager clicked Connect: no timer outlives the test
            QTimer.singleShot(100, drive)

    QTimer.singleShot(100, drive)
    try:
        outcome = _ensure_gym(app, demo=False)
    finally:
        app.close()
    assert outcome == ("connected", None) and seen == ["first", "connect"]
    desk = open_app(url)
    try:
        assert desk.is_branch_desk
        with chain.server.uow.reading() as uow:
            on_server = uow.customers.count()
        assert desk.replica.customer_count() == on_server > 0
    finally:
        desk.close()


def test_settings_connect_a_desk_with_its_own_gym_to_a_new_replica_of_the_chain(  # type: ignore[no-untyped-def]
        chain: Chain, qtbot) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from reception.bootstrap import open_app
    from reception.settings import MemoryStore
    from reception.ui import i18n
    from reception.ui.dialogs.connect_dialog import ConnectDialog
    from reception.ui.dialogs.settings_dialog import SettingsDialog
    from reception.ui.main_window import connect_new_replica
    from reception.ui.tasks import Runner

    i18n.install(QApplication.instance(), "en")
    runner = Runner()
    dialog = SettingsDialog(MemoryStore(), runner, database_url="sqlite:///somewhere/gym.sqlite3",
                            find_cameras=lambda: [], find_decoders=lambda: ["zxing"], connect=connect_new_replica)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.database.connect_chain.isVisible()
    typed: list[bool] = []

    refused: list[str] = []

    def drive() -> None:
        active = QApplication.activeModalWidget()
        if isinstance(active, ConnectDialog) and not typed:
            typed.append(True)
            active.server.setText(chain.base)
            active.username.setText("owner")
            active.password.setText("demo1234")
            active.branch.setValue(2)
            active.connect_button.click()
        elif isinstance(active, ConnectDialog) and active.connect_button.isEnabled():  # refused: say why, close
            refused.append(active.notice.text())
            active.reject()
            return
        QTimer.singleShot(100, drive)

    QTimer.singleShot(100, drive)
    dialog.connect_to_chain()
    assert not refused, refused
    path = dialog.database.path.text()
    assert dialog.database.local.isChecked() and "branch-desk-" in path
    assert dialog.database.result.text().startswith("Connected.")
    desk = open_app(f"sqlite:///{path}")
    try:
        assert desk.is_branch_desk and desk.replica.state()["branch_no"] == "2"
    finally:
        desk.close()
    runner.wait(10_000)


def _sync_window(app, username: str, qtbot):  # type: ignore[no-untyped-def]
    """The branch desk's window in English with `username` signed in, on its Sync page's lane; (window, runner)."""
    from PySide6.QtWidgets import QApplication

    from reception.ui import i18n
    from reception.ui.context import DeskEvents, UiContext
    from reception.ui.main_window import MainWindow
    from reception.ui.tasks import Runner

    i18n.install(QApplication.instance(), "en")
    runner = Runner()
    window = MainWindow(UiContext(app=app, desk=desk_of(app, username), runner=runner, events=DeskEvents(),
                                  sounds=None))
    qtbot.addWidget(window)
    window.show()
    return window, runner


def test_a_manager_resolves_a_sync_issue_on_the_sync_page_with_the_line_down(  # type: ignore[no-untyped-def]
        chain: Chain, qtbot) -> None:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QInputDialog

    one, two = chain.desk("north", 1), chain.desk("south", 2)
    overdraw_offline(chain, one, two)  # one overdraft issue, at both desks
    chain.proxy.partition(True)
    window, runner = _sync_window(one.app, "manager", qtbot)
    window.show_page("sync")
    page = window.sync_page
    qtbot.waitUntil(lambda: window.current_page_name() == "sync", timeout=5_000)
    qtbot.waitUntil(lambda: window.sync_label.text().startswith("Offline since "), timeout=20_000)
    assert page.issues.count() == 1 and page.issues.item(0).text().startswith("The balance went below zero")
    page.issues.setCurrentRow(0)
    assert page.resolve_button.isVisible() and page.resolve_button.isEnabled()

    def answer() -> None:  # the manager types what was done in the dialog and presses OK
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog):
            QTimer.singleShot(50, answer)
            return
        dialog.setTextValue("Sold a 10-session pack")
        dialog.accept()

    QTimer.singleShot(50, answer)
    qtbot.mouseClick(page.resolve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.issues.count() == 0, timeout=10_000)
    qtbot.waitUntil(lambda: page.queue.rowCount() == 1, timeout=10_000)
    assert page.queue.item(0, 1).text() == "Sync issue resolved"
    assert page.notice.isVisible() and "resolved" in page.notice.text()
    chain.proxy.partition(False)
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.queue.rowCount() == 0 and window.sync_label.text().startswith("Online"),
                    timeout=20_000)
    assert chain.server.sync_server.issues() == []
    window.close()
    runner.wait(10_000)


def test_a_manager_sees_the_branchs_desks_and_disconnects_one_from_the_sync_page(  # type: ignore[no-untyped-def]
        chain: Chain, qtbot) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    front, spare = chain.desk("front", 1), chain.desk("spare", 1)
    window, runner = _sync_window(front.app, "manager", qtbot)
    window.show_page("sync")
    page = window.sync_page
    assert page.desks_button.isVisible()
    dialog = page.open_desks()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2, timeout=10_000)
    names = [dialog.table.item(row, 0).text() for row in range(2)]
    assert sorted(names) == ["front (this desk)", "spare"]
    dialog.table.selectRow(names.index("front (this desk)"))
    assert not dialog.disconnect_button.isEnabled()  # not itself
    dialog.table.selectRow(names.index("spare"))
    assert dialog.disconnect_button.isEnabled()

    def confirm() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, confirm)
            return
        assert "spare" in box.text()
        box.button(QMessageBox.StandardButton.Yes).click()

    QTimer.singleShot(50, confirm)
    dialog.disconnect_button.click()
    qtbot.waitUntil(lambda: dialog.notice.kind == "success", timeout=10_000)
    assert dialog.notice.message == "“spare” is disconnected."
    qtbot.waitUntil(lambda: any(dialog.table.item(r, 3) is not None
                                and dialog.table.item(r, 3).text().startswith("Disconnected")
                                for r in range(dialog.table.rowCount())), timeout=10_000)
    assert spare.sync().error_code == "disconnected"
    chain.proxy.partition(True)
    dialog.load()  # offline: said in words, nothing else changes
    qtbot.waitUntil(lambda: dialog.notice.kind == "error", timeout=20_000)
    assert "needs the desk online" in dialog.notice.message
    chain.proxy.partition(False)
    dialog.close()
    window.close()
    runner.wait(10_000)
    window.sync.stop()


def test_a_receptionist_sees_no_desks_button(chain: Chain, qtbot) -> None:  # type: ignore[no-untyped-def]
    front = chain.desk("front", 1)
    window, runner = _sync_window(front.app, "desk1", qtbot)
    window.show_page("sync")
    assert not window.sync_page.desks_button.isVisible() and not window.sync_page.resolve_button.isVisible()
    window.close()
    runner.wait(10_000)


def test_a_manager_applies_what_a_disconnected_desk_sent_from_the_sync_page(  # type: ignore[no-untyped-def]
        chain: Chain, qtbot) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QInputDialog

    from reception.sync.agent import SyncAgent
    from tests.sync.test_sync import visits_of

    (member,) = pack_members(chain.server, 1, 1, units=5)
    front, lost = chain.desk("front", 1), chain.desk("lost", 1)
    agent = SyncAgent(front.app.replica, front.app.clock)
    agent.disconnect(next(d["id"] for d in agent.desks() if d["name"] == "lost"), desk_of(front.app, "manager").staff)
    check_in(lost.app, desk_of(lost.app, "desk1"), member.qr_code)
    assert lost.sync().error_code == "disconnected" and front.sync().ok
    window, runner = _sync_window(front.app, "manager", qtbot)
    window.show_page("sync")
    page = window.sync_page
    qtbot.waitUntil(lambda: page.issues.count() >= 1, timeout=20_000)
    rows = [r for r in range(page.issues.count())
            if page.issues.item(r).text().startswith("Operations arrived from a desk that was disconnected")]
    assert rows
    page.issues.setCurrentRow(rows[0])
    seen: list[str] = []

    def answer() -> None:  # first what is done with it, then the words
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog):
            QTimer.singleShot(50, answer)
            return
        if dialog.comboBoxItems():
            seen.append("choice")
            assert dialog.comboBoxItems() == ["Apply what it sent", "Discard what it sent"]
            dialog.setTextValue("Apply what it sent")
            dialog.accept()
            QTimer.singleShot(50, answer)
        else:
            seen.append("words")
            page.show_status(window.sync.status)  # a sync ends while the manager types: the list is filled again
            dialog.setTextValue("The laptop was found: the visit was real")
            dialog.accept()

    QTimer.singleShot(50, answer)
    page.resolve_button.click()
    qtbot.waitUntil(lambda: seen == ["choice", "words"], timeout=10_000)
    qtbot.waitUntil(lambda: visits_of(chain.server, member.id) == 1, timeout=30_000)  # sent at once, applied
    window.close()
    runner.wait(10_000)


def test_the_scan_card_and_the_profile_show_a_members_photo_fetched_from_the_server(  # type: ignore[no-untyped-def]
        chain: Chain, qtbot) -> None:
    """A branch desk's first copy has no photos: the card shows the initials at once, then the photo as soon
    as the server sends it; a profile opened on the Customers page gets its photo the same way."""
    from tests.sync.test_photos import jpeg, stored_photo, with_photo

    scanned, opened = with_photo(chain, jpeg((200, 40, 40))), with_photo(chain, jpeg((40, 40, 200)))
    one = chain.desk("north", 1)
    window, runner = _sync_window(one.app, "desk1", qtbot)
    card = window.scan_page.card
    window.scan_page.submit(scanned.qr_code, source="scanner")  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not card.avatar.pixmap().isNull(), timeout=10_000)
    assert card.avatar.text() == "" and window.scan_page.current.customer.id == scanned.id  # type: ignore[attr-defined]
    assert stored_photo(one.app, scanned.id) == stored_photo(chain.server, scanned.id)  # type: ignore[attr-defined]
    window.show_page("customers")
    page = window.customers_page
    page.show_customer(opened.id)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: page.detail.customer is not None and page.detail.customer.id == opened.id  # type: ignore[attr-defined]
                    and page.detail.customer.photo is not None, timeout=10_000)
    assert page.detail.customer.photo == stored_photo(chain.server, opened.id)  # type: ignore[attr-defined]
    window.close()
    runner.wait(10_000)
