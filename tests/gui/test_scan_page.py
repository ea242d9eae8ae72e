"""The Scan page through its real widgets: scan, check in, deduct, deny, search by name, override, latency."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt

from reception.domain.periods import local_today
from reception.domain.scan import State
from reception.ui.pages.scan_page import ScanPage
from tests.conftest import owner_desk


@pytest.fixture
def page(ui_context, app, sell, qtbot):  # type: ignore[no-untyped-def]
    widget = ScanPage(ui_context, front_desk=app.desk, customers=app.customers, catalogue=app.catalogue,
                      clock=app.clock, sell=sell)
    qtbot.addWidget(widget)
    widget.resize(1100, 680)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def type_and_enter(qtbot, page: ScanPage, text: str) -> None:  # type: ignore[no-untyped-def]
    page.code_field.setFocus()
    qtbot.keyClicks(page.code_field, text)
    qtbot.keyClick(page.code_field, Qt.Key.Key_Return)


def wait_for_card(qtbot, page: ScanPage, name: str | None = None):  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: page.current is not None and (name is None or page.card.name.text() == name))
    return page.current


def test_monthly_member_shows_card_and_enter_checks_in(qtbot, page, customer_no, app, ui_context):
    member = customer_no(1)
    type_and_enter(qtbot, page, member.qr_code)
    view = wait_for_card(qtbot, page, "Mohamed Salem")
    card = page.card
    assert view.state is not State.DENY
    assert card.banner_text.text().startswith(("ALLOWED", "CHECK"))
    assert "active" in card.subscription_line.text()
    assert "Check in" in card.check_in_button.text() and card.check_in_button.isEnabled()
    assert "Deduct 1 session" in card.deduct_button.text() and not card.deduct_button.isEnabled()
    assert page.code_field.text() == "" and page.code_field.hasFocus()

    with qtbot.waitSignal(ui_context.events.checked_in, timeout=5000) as checked:
        qtbot.keyClick(page.code_field, Qt.Key.Key_Return)
    assert checked.args[0].customer.id == member.id
    qtbot.waitUntil(lambda: card.result_message.isVisible())
    assert card.result_message.text().startswith("Checked in")
    assert not card.check_in_button.isEnabled()  # one scan, one check-in
    visits = app.attendance.rows(ui_context.desk, customer_id=member.id, branch_id=ui_context.desk.branch.id)
    assert any(row.attendance.id == checked.args[0].attendance.id for row in visits)
    assert page.code_field.hasFocus()


def test_pack_deduct_with_f2_shows_and_stores_the_new_balance(qtbot, page, customer_no, app, ui_context):
    member = customer_no(2)
    before = app.customers.profile(owner_desk(app), member.id).current.subscription.remaining
    type_and_enter(qtbot, page, member.qr_code)
    wait_for_card(qtbot, page, "Layla Rashad")
    assert page.card.deduct_button.isEnabled()
    assert page.card.remaining_value.text() == str(before)

    with qtbot.waitSignal(ui_context.events.checked_in, timeout=5000):
        qtbot.keyClick(page.code_field, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: page.card.remaining_value.text() == str(before - 1))
    assert f"{before - 1} session" in page.card.result_message.text()
    assert app.customers.profile(owner_desk(app), member.id).current.subscription.remaining == before - 1


def test_garbage_is_denied_in_red_with_a_reason_and_the_deny_sound(qtbot, page, ui_context):
    page.submit("%%%garbage-from-a-broken-label%%%")
    view = wait_for_card(qtbot, page)
    assert view.state is State.DENY
    assert page.card.banner.property("state") == "deny"
    assert page.card.banner_text.text() == "DENIED — This is not a gym card"
    assert not page.card.check_in_button.isEnabled()
    assert ui_context.sounds.requested == ["deny"]
    assert page.recent.count() == 1 and "DENIED" in page.recent.item(0).text()


def test_a_replaced_card_says_card_replaced(qtbot, page, customer_no, app, ui_context):
    member = customer_no(1)
    app.customers.regenerate_card(ui_context.desk, member.id)
    page.submit(member.qr_code)
    view = wait_for_card(qtbot, page)
    assert view.state is State.DENY
    assert "Card replaced" in page.card.banner_text.text()


def test_sounds_follow_the_state(qtbot, page, customer_no, ui_context):
    for no in (1, 3):
        page.submit(customer_no(no).qr_code)
        qtbot.waitUntil(lambda n=no: page.current is not None and page.current.customer.member_no == n)
    states = [page.recent.item(i).text() for i in range(page.recent.count())]
    assert ui_context.sounds.requested[-1] == "deny" and "DENIED" in states[0]
    assert ui_context.sounds.requested[0] in ("allow", "attention")


def test_a_typed_name_lists_members_to_pick_from(qtbot, page):
    type_and_enter(qtbot, page, "Hassan")
    qtbot.waitUntil(lambda: page.picker.isVisible())
    names = [page.picker.item(i).text() for i in range(page.picker.count())]
    assert any("Ibrahim Hassan" in n for n in names) and any("Somaya Hassan" in n for n in names)
    target = next(i for i, n in enumerate(names) if "Somaya Hassan" in n)
    page.picker.setCurrentRow(0)
    for _ in range(target):
        qtbot.keyClick(page.code_field, Qt.Key.Key_Down)
    qtbot.keyClick(page.code_field, Qt.Key.Key_Return)
    wait_for_card(qtbot, page, "Somaya Hassan")
    assert not page.picker.isVisible()


def test_a_unique_name_opens_the_member_directly(qtbot, page):
    type_and_enter(qtbot, page, "Layla Rashad")
    wait_for_card(qtbot, page, "Layla Rashad")


def test_latency_from_scan_to_painted_card_is_recorded(qtbot, page, customer_no):
    with qtbot.waitSignal(page.latency_measured, timeout=5000):
        page.submit(customer_no(1).qr_code)
    assert page.last_latency_ms is not None and 0 < page.last_latency_ms < 5000


def test_override_needs_a_managers_password_at_a_receptionist_desk(qtbot, page, customer_no, ui_context):
    member = customer_no(3)  # expired
    page.submit(member.qr_code)
    view = wait_for_card(qtbot, page, member.full_name)
    assert view.state is State.DENY and page.card.override_button.isEnabled()

    qtbot.keyClick(page.code_field, Qt.Key.Key_F9)
    dialog = page.override_dialog
    assert dialog is not None and dialog.needs_approval
    dialog.reason.setText("Paid the renewal in cash, receipt follows")
    dialog.username.setText("manager")
    dialog.password.setText("wrong-password")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.error.isVisible())
    assert dialog.error.text() == "Wrong username or password."
    assert dialog.isVisible()

    dialog.password.setText("demo1234")
    with qtbot.waitSignal(ui_context.events.checked_in, timeout=5000) as checked:
        dialog.ok_button.click()
    assert "override" in checked.args[0].message.lower()
    qtbot.waitUntil(lambda: page.override_dialog is None)
    assert "override" in page.card.result_message.text().lower()


def test_the_next_scan_never_checks_in_the_member_still_on_screen(qtbot, page, customer_no, app, ui_context):
    layla, mohamed = customer_no(2), customer_no(1)
    before = app.customers.profile(owner_desk(app), layla.id).current.subscription.remaining
    type_and_enter(qtbot, page, layla.qr_code)
    wait_for_card(qtbot, page, "Layla Rashad")
    checked: list[object] = []
    ui_context.events.checked_in.connect(checked.append)
    type_and_enter(qtbot, page, mohamed.qr_code)  # the next member's card, typed while Layla is shown
    wait_for_card(qtbot, page, "Mohamed Salem")
    qtbot.waitUntil(lambda: ui_context.runner.pending == 0)  # every answer delivered
    assert checked == []
    assert app.customers.profile(owner_desk(app), layla.id).current.subscription.remaining == before
    assert not any(r.attendance.check_in_time >= app.clock.now() for r in app.attendance.rows(ui_context.desk, customer_id=layla.id,
                                                                             branch_id=ui_context.desk.branch.id))


def test_a_scan_during_a_long_write_waits_for_it(qtbot, page, customer_no, app, ui_context, monkeypatch):
    """Every scan writes the access log, so it queues behind a write already under way rather than racing it:
    a card scanned while the office saves the member's freeze is decided on the freeze and turned away."""
    member = customer_no(1)
    office = owner_desk(app)
    monthly = app.customers.profile(office, member.id).current.subscription
    scan_started = threading.Event()
    real_scan = app.desk.scan

    def scan(*args, **kwargs):  # type: ignore[no-untyped-def]
        scan_started.set()
        return real_scan(*args, **kwargs)

    monkeypatch.setattr(app.desk, "scan", scan)
    today = local_today(app.clock.now(), office.branch.timezone)

    def slow_freeze() -> bool:
        raced = scan_started.wait(1.0)  # a scan on another lane would start within this second
        app.subscriptions.freeze(office, monthly.id, start=today, days=7)
        return raced

    saved: list[bool] = []
    ui_context.runner.run(slow_freeze, saved.append, write=True)
    page.submit(member.qr_code)
    view = wait_for_card(qtbot, page, "Mohamed Salem")
    assert saved == [False]  # the freeze was written whole before the scan began
    assert view.state is State.DENY and page.card.banner_text.text().startswith("DENIED — Frozen until")
    assert not page.card.check_in_button.isEnabled()
