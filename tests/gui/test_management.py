"""Day one at the desk through the window: Manage menu by role, reversal, freeze, receipts, shift report, idle lock."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from reception.domain.models import AttendanceAction, PaymentMethod, ServiceKind, SubscriptionStatus
from tests.gui.fixtures_pages import OFFSCREEN_NOISE, member
from tests.conftest import owner_desk

pytestmark = OFFSCREEN_NOISE


def _service(app, name):  # type: ignore[no-untyped-def]
    return next(s for s in app.catalogue.services() if s.name == name)


def _open_member(window, qtbot, customer):  # type: ignore[no-untyped-def]
    page = window.pages["customers"]
    with qtbot.waitSignal(page.profile_shown, timeout=5000):
        page.show_customer(customer.id)
    return page


def _reshown(page, qtbot, action):  # type: ignore[no-untyped-def]
    """Run `action` and wait for the profile to be shown again (after an event reloads it)."""
    with qtbot.waitSignal(page.profile_shown, timeout=5000) as shown:
        action()
    return shown.args[0]


# -- Manage menu by role ------------------------------------------------------------------------


def test_manage_menu_entries_follow_the_role(main_window, ui_context, desk_for):
    manage = main_window.manage
    assert manage.report_action.isVisible()
    assert not manage.catalogue_action.isVisible() and not manage.staff_action.isVisible()
    assert not manage.branches_action.isVisible()
    ui_context.set_desk(desk_for("manager"))
    assert manage.catalogue_action.isVisible() and manage.staff_action.isVisible()
    assert manage.branches_action.isVisible()
    ui_context.set_desk(desk_for("owner"))
    assert all(a.isVisible() for a in manage.actions)


def test_catalogue_dialog_creates_edits_and_deactivates(main_window, ui_context, desk_for, qtbot, app):
    ui_context.set_desk(desk_for("manager"))
    dialog = main_window.manage.open_catalogue()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 8, timeout=5000)
    dialog.new_service()
    dialog.name.setText("Sauna – 5 coins")
    dialog.kind.setCurrentIndex(dialog.kind.findData(ServiceKind.COINS.value))
    dialog.price.setText("250")
    dialog.months.setValue(2)
    dialog.units.setValue(5)
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        dialog.save()
    sauna = _service(app, "Sauna – 5 coins")
    assert (sauna.kind, sauna.price, sauna.units, sauna.validity_months) == (ServiceKind.COINS, Decimal("250.00"), 5, 2)
    assert dialog.current() == sauna and dialog.active_button.text() == "Deactivate"
    dialog.price.setText("abc")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.notice.kind == "error", timeout=5000)
    assert "price" in dialog.notice.message
    dialog.price.setText("275")
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        dialog.save()
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        dialog.toggle_active()
    sauna = _service(app, "Sauna – 5 coins")
    assert sauna.price == Decimal("275.00") and not sauna.is_active
    assert "no longer sold" in dialog.notice.message
    dialog.reject()


def test_staff_dialog_for_a_manager(main_window, ui_context, desk_for, qtbot, app, monkeypatch):
    from reception.ui.manage import staff_dialog

    ui_context.set_desk(desk_for("manager"))
    dialog = main_window.manage.open_staff()
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 0, timeout=5000)
    assert {p.username for p in dialog.people} == {"manager", "desk1"}
    assert dialog.role.count() == 1 and not dialog.branch.isEnabled()  # receptionists at their own branch only
    dialog.username.setText("aya")
    dialog.full_name.setText("Aya Nabil")
    dialog.password.setText("longenough")
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        dialog.add()
    assert app.staff.authenticate("aya", "longenough").full_name == "Aya Nabil"
    dialog.select("aya")
    monkeypatch.setattr(staff_dialog, "ask_password", lambda _parent, _who: "brandnew99")
    dialog.reset_password()
    qtbot.waitUntil(lambda: "password was changed" in dialog.notice.message, timeout=5000)
    assert app.staff.authenticate("aya", "brandnew99")
    dialog.select("aya")
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        dialog.toggle_active()
    assert "can no longer sign in" in dialog.notice.message
    dialog.reject()


def test_branch_rules_edited_by_the_owner_apply_to_the_desk(main_window, ui_context, desk_for, qtbot, app):
    ui_context.set_desk(desk_for("owner"))
    dialog = main_window.manage.open_branches()
    qtbot.waitUntil(lambda: len(dialog.branches) == 3, timeout=5000)
    assert dialog.name.text() == ui_context.desk.branch.name
    dialog.idle_lock.setValue(3)
    dialog.reversal.setValue(7)
    dialog.currency.setText("usd")
    dialog.methods[PaymentMethod.BANK_TRANSFER].setChecked(False)
    with qtbot.waitSignals([ui_context.events.desk_changed, dialog.loaded], timeout=5000):
        dialog.save()
    assert "saved" in dialog.notice.message
    stored = app.catalogue.branch(ui_context.desk.branch.id).rules
    assert (stored.idle_lock_minutes, stored.reversal_window_minutes, stored.currency) == (3, 7, "USD")
    assert PaymentMethod.BANK_TRANSFER not in stored.payment_methods
    assert main_window.idle.interval_ms == 3 * 60_000
    dialog.timezone.setCurrentText("Nowhere/City")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.notice.kind == "error", timeout=5000)
    assert "time zone" in dialog.notice.message
    dialog.reject()


# -- reversal ---------------------------------------------------------------------------------------


def test_reverse_from_the_attendance_page(main_window, ui_context, qtbot, app):
    page = main_window.pages["attendance"]
    qtbot.waitUntil(lambda: page._shown is not None, timeout=5000)
    layla = member(app, 2)
    done = app.desk.check_in(ui_context.desk, layla.id, AttendanceAction.CHECK_IN_WITH_DEDUCTION)
    with qtbot.waitSignal(page.row_added, timeout=5000):
        ui_context.events.checked_in.emit(done)
    page.table.selectRow(page.filtered.rowCount() - 1)
    assert page.reverse_button.isEnabled()
    dialog = page.open_reverse()
    assert not dialog.needs_approval and not dialog.approval_box.isVisible()
    dialog.reason.setText("Scanned the wrong card")
    with qtbot.waitSignal(page.row_added, timeout=5000):
        dialog.submit()
    qtbot.waitUntil(lambda: any(r.attendance.is_reversal for r in page.model.rows), timeout=5000)

    def original_marked() -> bool:
        original = next(r for r in page.model.rows if r.attendance.id == done.attendance.id)
        return original.attendance.reversed_by is not None

    qtbot.waitUntil(original_marked, timeout=5000)  # the original row is refreshed on its own
    ledger = app.subscriptions.ledger(owner_desk(app), done.subscription.id)
    assert sum(e.delta for e in ledger) == (done.remaining or 0) + 1


def test_reverse_from_history_needs_a_manager_after_the_window(main_window, ui_context, qtbot, app, clock):
    mohamed = member(app, 1)
    done = app.desk.check_in(ui_context.desk, mohamed.id, AttendanceAction.CHECK_IN_ONLY)
    clock.advance(minutes=6)
    page = _open_member(main_window, qtbot, mohamed)
    detail = page.detail
    detail.select_visit(done.attendance.id)
    assert detail.reverse_button.isEnabled()
    detail.reverse_button.click()
    dialog = main_window.history_actions.last_dialog
    assert dialog.needs_approval and dialog.approval_box.isVisible()
    dialog.reason.setText("Checked in the wrong member")
    dialog.submit()
    assert "manager must approve" in dialog.notice.message
    dialog.approval_box.username.setText("manager")
    dialog.approval_box.password.setText("demo1234")
    with qtbot.waitSignal(dialog.approval_box.approved, timeout=10_000):
        dialog.approval_box.approve()
    profile = _reshown(page, qtbot, dialog.submit)
    assert ui_context.desk.staff.username == "desk1"  # the receptionist stayed signed in
    visits = {v.id: v for v in profile.attendance}
    reversal = visits[visits[done.attendance.id].reversed_by]
    assert "approved by Nadia Fathy" in reversal.notes
    detail.select_visit(reversal.id)
    assert not detail.reverse_button.isEnabled()
    texts = [detail.visits.item(r, 2).text() for r in range(detail.visits.rowCount())]
    assert "Check-in (reversed)" in texts and "Reversal" in texts


# -- freeze, receipts -----------------------------------------------------------------------------


def test_freeze_shows_the_new_end_date_then_unfreeze_early(main_window, ui_context, desk_for, qtbot, app, clock):
    ui_context.set_desk(desk_for("manager"))
    mohamed = member(app, 1)
    page = _open_member(main_window, qtbot, mohamed)
    current = page.profile.current
    page.detail.select_subscription(current.id)
    assert page.detail.freeze_button.isEnabled() and not page.detail.unfreeze_button.isEnabled()
    page.detail.freeze_button.click()
    dialog = main_window.history_actions.last_dialog
    dialog.days.setValue(10)
    dialog.refresh_preview()
    new_end = current.subscription.end_date + timedelta(days=10)
    qtbot.waitUntil(lambda: dialog.plan is not None and dialog.plan.days == 10, timeout=5000)
    assert f"{new_end.day} {new_end:%b %Y}" in dialog.preview.text() and dialog.confirm.isEnabled()
    qtbot.waitUntil(lambda: "freeze days left" in dialog.allowance.text(), timeout=5000)
    profile = _reshown(page, qtbot, dialog.submit)
    frozen = next(v for v in profile.subscriptions if v.id == current.id)
    assert frozen.status is SubscriptionStatus.FROZEN and frozen.subscription.end_date == new_end

    clock.advance(days=3)
    page.detail.select_subscription(current.id)
    assert page.detail.unfreeze_button.isEnabled()
    page.detail.unfreeze_button.click()
    dialog = main_window.history_actions.last_dialog
    assert "gives back 7 unused days" in dialog.preview.text()
    profile = _reshown(page, qtbot, dialog.submit)
    thawed = next(v for v in profile.subscriptions if v.id == current.id)
    assert thawed.status is SubscriptionStatus.ACTIVE
    assert thawed.subscription.end_date == current.subscription.end_date + timedelta(days=3)


def test_receptionist_freeze_needs_a_managers_approval(main_window, ui_context, qtbot, app):
    mohamed = member(app, 1)
    page = _open_member(main_window, qtbot, mohamed)
    page.detail.select_subscription(page.profile.current.id)
    page.detail.freeze_button.click()
    dialog = main_window.history_actions.last_dialog
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=5000)
    assert dialog.needs_approval
    dialog.submit()
    assert "manager must approve" in dialog.notice.message
    dialog.approval_box.username.setText("desk2")
    dialog.approval_box.password.setText("demo1234")
    dialog.approval_box.approve()
    qtbot.waitUntil(lambda: "cannot approve" in dialog.approval_box.status.text(), timeout=10_000)
    dialog.approval_box.username.setText("manager")
    dialog.approval_box.password.setText("demo1234")
    with qtbot.waitSignal(dialog.approval_box.approved, timeout=10_000):
        dialog.approval_box.approve()
    profile = _reshown(page, qtbot, dialog.submit)
    assert profile.current is None  # frozen from today: nothing usable until it is unfrozen
    assert any(v.status is SubscriptionStatus.FROZEN for v in profile.subscriptions)


def test_reprint_a_receipt_as_pdf_from_the_history(main_window, ui_context, qtbot, app, tmp_path):
    customer = app.customers.register(ui_context.desk, full_name="Nour Adel", phone="01001234567")
    sold = app.subscriptions.activate(ui_context.desk, customer.id, _service(app, "12 sessions pack").id)
    page = _open_member(main_window, qtbot, customer)
    page.detail.select_subscription(sold.subscription.id)
    target = tmp_path / "receipt.pdf"
    main_window.history_actions.pdf_path = str(target)
    with qtbot.waitSignal(main_window.history_actions.receipt_saved, timeout=5000):
        page.detail.save_receipt_button.click()
    assert target.read_bytes()[:4] == b"%PDF"
    assert f"Receipt {sold.payment.receipt_no} saved" in page.notice.message


# -- shift report -----------------------------------------------------------------------------------


def test_shift_report_since_sign_in_with_csv_and_pdf(main_window, ui_context, qtbot, app, clock, tmp_path):
    at = ui_context.desk
    clock.advance(minutes=1)
    for name, phone, method in (("Nour Adel", "01001234567", PaymentMethod.CASH),
                                ("Omar Nabil", "01001234568", PaymentMethod.MOBILE_WALLET)):
        customer = app.customers.register(at, full_name=name, phone=phone)
        app.subscriptions.activate(at, customer.id, _service(app, "Monthly – 1 month").id, payment_method=method)
    app.desk.check_in(at, member(app, 1).id, AttendanceAction.CHECK_IN_ONLY)
    clock.advance(minutes=1)
    dialog = main_window.manage.open_report()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=5000)
    report = dialog.report
    assert report.start == main_window.manage.shift_start
    assert report.sales == 2 and report.total == sum(p.amount for p in report.payments) == Decimal("1200.00")
    assert report.taken_by(PaymentMethod.MOBILE_WALLET) == Decimal("600.00") and report.check_ins == 1
    assert dialog.payments.rowCount() == 2 and "1,200.00" in dialog.summary.text()
    assert not dialog.branch.isEnabled()  # a receptionist sees their own branch only
    csv_path, pdf_path = tmp_path / "shift.csv", tmp_path / "shift.pdf"
    with qtbot.waitSignal(dialog.exported, timeout=5000):
        dialog.export_csv(str(csv_path))
    assert "Total,1200.00" in csv_path.read_text(encoding="utf-8-sig")
    dialog.save_pdf(str(pdf_path))
    assert pdf_path.read_bytes()[:4] == b"%PDF"
    dialog.reject()


def test_owner_report_over_every_branch(main_window, ui_context, desk_for, qtbot, app):
    ui_context.set_desk(desk_for("owner"))
    dialog = main_window.manage.open_report()
    qtbot.waitUntil(lambda: dialog.branch.count() == 4, timeout=5000)
    dialog._set_start(dialog._midnight - timedelta(days=30))
    dialog.select_branch(None)
    with qtbot.waitSignal(dialog.shown, timeout=5000) as shown:
        dialog.run_report()
    report = shown.args[0]
    assert report.scope == "All branches" and len(report.branches) == 3
    assert report.total == sum(b.total for b in report.branches) == sum(p.amount for p in report.payments)
    assert dialog.breakdown.isVisible()
    dialog.reject()


# -- idle lock --------------------------------------------------------------------------------------------


def test_idle_lock_engages_and_the_attendance_list_keeps_running(main_window, ui_context, qtbot, app):
    page = main_window.pages["attendance"]
    qtbot.waitUntil(lambda: page._shown is not None, timeout=5000)
    assert main_window.idle.interval_ms == 15 * 60_000  # the branch's rule
    main_window.idle.set_interval_ms(150)
    qtbot.waitUntil(lambda: main_window.locked, timeout=5000)
    assert main_window.lock_overlay.isVisible() and not main_window.idle.running
    assert not main_window.manage.report_action.isEnabled()
    before = page.model.rowCount()
    done = app.desk.check_in(ui_context.desk, member(app, 1).id, AttendanceAction.CHECK_IN_ONLY)
    with qtbot.waitSignal(page.row_added, timeout=5000):
        ui_context.events.checked_in.emit(done)  # another desk's check-in arrives while this one is locked
    assert page.model.rowCount() == before + 1
    form = main_window.lock_overlay.form
    form.password.setText("demo1234")
    with qtbot.waitSignal(main_window.lock_overlay.unlocked, timeout=5000):
        form.button.click()
    assert not main_window.locked and main_window.idle.running


@pytest.mark.parametrize("keys", [6])
def test_input_keeps_the_desk_unlocked(main_window, qtbot, keys):
    from PySide6.QtCore import Qt

    main_window.idle.set_interval_ms(400)
    for _ in range(keys):
        qtbot.wait(150)
        qtbot.keyClick(main_window.scan_page.code_field, Qt.Key.Key_Shift)
    assert not main_window.locked  # 900 ms of typing, never 400 ms idle
    qtbot.waitUntil(lambda: main_window.locked, timeout=5000)
