"""The Scan page acts on the member it shows: a lagging desk, the repeat rule, F3, Ctrl+B, Open profile, lock."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reception.domain.models import AttendanceAction
from reception.domain.scan import State
from tests.conftest import owner_desk


def visits_of(app, desk, member) -> int:  # type: ignore[no-untyped-def]
    return sum(1 for row in app.attendance.rows(desk, customer_id=member.id, branch_id=desk.branch.id) if row.attendance.counts)


def wait_card(qtbot, page, name: str):  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: page.current is not None and page.card.name.text() == name)


def test_enter_pressed_before_the_card_arrives_checks_in_the_member_just_scanned(qtbot, main_window, customer_no,
                                                                                  app, ui_context):
    page = main_window.scan_page
    first, second = customer_no(1), customer_no(4)
    page.submit(first.qr_code)
    wait_card(qtbot, page, first.full_name)
    before, before_first = visits_of(app, ui_context.desk, second), visits_of(app, ui_context.desk, first)
    # The next card is scanned and Enter pressed at once, while the desk is still fetching it.
    with qtbot.waitSignal(ui_context.events.checked_in, timeout=5000) as checked:
        page.submit(second.qr_code)
        qtbot.keyClick(page.code_field, Qt.Key.Key_Return)
    assert checked.args[0].customer.id == second.id  # not the member still on screen
    assert visits_of(app, ui_context.desk, second) == before + 1
    assert visits_of(app, ui_context.desk, first) == before_first


def test_a_second_scan_inside_the_repeat_window_records_no_second_visit_unless_confirmed(
        qtbot, main_window, customer_no, app, ui_context):
    page = main_window.scan_page
    member = customer_no(1)
    before = visits_of(app, ui_context.desk, member)
    page.submit(member.qr_code)
    wait_card(qtbot, page, member.full_name)
    with qtbot.waitSignal(ui_context.events.checked_in, timeout=5000):
        qtbot.keyClick(page.code_field, Qt.Key.Key_Return)
    page.submit(member.qr_code)  # the same card again, a minute later
    qtbot.waitUntil(lambda: page.current is not None and page.current.decision.repeat_of is not None)
    assert "second visit" in page.card.check_in_button.text()
    qtbot.keyClick(page.code_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "no second visit" in page.card.result_message.text())
    assert visits_of(app, ui_context.desk, member) == before + 1
    with qtbot.waitSignal(ui_context.events.checked_in, timeout=5000):
        qtbot.keyClick(page.code_field, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert visits_of(app, ui_context.desk, member) == before + 2  # the receptionist confirmed a real second visit


def test_f3_checks_a_pack_member_in_without_deducting(qtbot, main_window, customer_no, app, ui_context):
    page = main_window.scan_page
    layla = customer_no(2)
    before = app.customers.profile(owner_desk(app), layla.id).current.subscription.remaining
    page.submit(layla.qr_code)
    wait_card(qtbot, page, layla.full_name)
    assert "F3" in page.card.check_in_button.text()
    with qtbot.waitSignal(ui_context.events.checked_in, timeout=5000) as checked:
        qtbot.keyClick(page.code_field, Qt.Key.Key_F3)
    assert checked.args[0].attendance.action is AttendanceAction.CHECK_IN_ONLY
    assert app.customers.profile(owner_desk(app), layla.id).current.subscription.remaining == before


def test_ctrl_b_on_the_scan_page_sells_to_the_member_denied_for_no_subscription(qtbot, main_window, app,
                                                                                ui_context):
    from reception.ui.dialogs.activate_dialog import ActivateDialog

    page = main_window.scan_page
    lapsed = next(c for c in (app.customers.by_member_no(owner_desk(app), n) for n in range(6, 151))
                  if app.desk.decision_for(ui_context.desk, c.id).reasons
                  and app.desk.decision_for(ui_context.desk, c.id).reasons[0].code == "no_subscription"
                  and c.branch_id == ui_context.desk.branch.id)
    page.submit(lapsed.qr_code)
    wait_card(qtbot, page, lapsed.full_name)
    assert page.current.state is State.DENY
    qtbot.keyClick(page.code_field, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.activate_dialog is not None and page.activate_dialog.isVisible())
    dialog = page.activate_dialog
    assert isinstance(dialog, ActivateDialog)
    assert dialog.customer.id == lapsed.id
    dialog.reject()


def test_open_profile_opens_the_member_on_the_card(qtbot, main_window, customer_no):
    customers = main_window.pages["customers"]
    other, member = customer_no(3), customer_no(5)
    customers.show_customer(other.id)  # someone else was open on the Customers page before
    qtbot.waitUntil(lambda: customers.current_customer() is not None)
    main_window.show_page("scan")
    page = main_window.scan_page
    page.submit(member.qr_code)
    wait_card(qtbot, page, member.full_name)
    page.card.profile_button.click()
    assert main_window.current_page_name() == "customers"
    qtbot.waitUntil(lambda: customers.current_customer() is not None
                    and customers.current_customer().id == member.id)
    assert customers.detail.isVisible()


def test_a_denied_members_staff_notes_and_a_replaced_cards_owner_are_shown(qtbot, main_window, app, ui_context,
                                                                           customer_no):
    page = main_window.scan_page
    member = customer_no(3)  # Ibrahim Hassan: expired
    app.customers.update(ui_context.desk, member.id, notes="Owes 200 EGP from last month")
    page.submit(member.qr_code)
    wait_card(qtbot, page, member.full_name)
    assert page.current.state is State.DENY
    assert page.card.notes.isVisible() and "Owes 200 EGP" in page.card.notes.text()
    renewed = app.customers.regenerate_card(ui_context.desk, member.id)
    assert renewed.qr_code != member.qr_code
    page.submit(member.qr_code)  # the old card
    qtbot.waitUntil(lambda: page.current is not None and page.current.decision.reasons[0].code == "revoked")
    assert page.card.name.text() == member.full_name  # not "Unknown card"
    assert member.full_name in page.card.banner_text.text()


def test_a_scan_on_the_locked_desk_says_to_unlock_and_checks_nobody_in(qtbot, main_window, customer_no, app,
                                                                       ui_context):
    from reception.scanning.wedge import WedgeScan

    member = customer_no(1)
    before = visits_of(app, ui_context.desk, member)
    main_window.lock()
    main_window.wedge.scanned.emit(WedgeScan(member.qr_code, member.qr_code, 0.0, 0.0, len(member.qr_code)))
    assert main_window.lock_overlay.notice.isVisible()
    assert "Unlock the desk to scan" in main_window.lock_overlay.notice.text()
    assert main_window.scan_page.current is None
    qtbot.wait(200)
    assert visits_of(app, ui_context.desk, member) == before


def test_an_enter_for_a_card_still_coming_is_kept_when_the_next_card_is_scanned(qtbot, main_window, customer_no,
                                                                                app, ui_context):
    page = main_window.scan_page
    first, second = customer_no(1), customer_no(5)
    before = visits_of(app, ui_context.desk, first)
    with qtbot.waitSignal(ui_context.events.checked_in, timeout=5000) as checked:
        page.submit(first.qr_code)
        qtbot.keyClick(page.code_field, Qt.Key.Key_Return)  # for the first card, not yet on screen
        page.submit(second.qr_code)  # the next member's card, right behind
    assert checked.args[0].customer.id == first.id
    wait_card(qtbot, page, second.full_name)  # the newest card ends on screen
    assert visits_of(app, ui_context.desk, first) == before + 1
