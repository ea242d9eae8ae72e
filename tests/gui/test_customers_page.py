"""The Customers page: search, the temporary password card, regenerating a card, live refresh, the lazy model."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt

from reception.domain.models import AttendanceAction
from reception.ui.models.customer_model import LOADING, CustomerTableModel
from reception.ui.pages import customers_page as page_module
from tests.conftest import owner_desk
from tests.gui.fixtures_pages import (  # noqa: F401
    OFFSCREEN_NOISE,
    plain,
    app_look,
    as_user,
    customers_page,
    member,
    shown_customer,
)

pytestmark = OFFSCREEN_NOISE


def test_empty_state_tells_what_to_do(customers_page) -> None:
    assert customers_page.right.currentWidget() is customers_page.empty
    assert customers_page.empty.text() == "Type a name, phone, member number or scan a card"


def test_search_as_you_type_lists_and_opens_a_member(customers_page, qtbot) -> None:
    with qtbot.waitSignal(customers_page.search_done, timeout=5000) as found:
        qtbot.keyClicks(customers_page.search, "Mohamed Sal")
    assert found.args == [1]
    qtbot.waitUntil(lambda: customers_page.model.is_cached(0))
    model = customers_page.model
    assert [plain(model.index(0, c).data()) for c in range(5)] == ["1", "Mohamed Salem", "01077827638", "Nasr City",
                                                                   "Active"]
    qtbot.waitUntil(lambda: customers_page.profile is not None)  # one result opens at once
    assert customers_page.detail.name.text() == "Mohamed Salem"


def test_typing_fast_searches_once(customers_page, app, qtbot, monkeypatch) -> None:
    calls: list[str] = []
    real = app.customers.search_ids
    monkeypatch.setattr(app.customers, "search_ids",
                        lambda desk, text, **kw: calls.append(text) or real(desk, text, **kw))
    with qtbot.waitSignal(customers_page.search_done, timeout=5000):
        qtbot.keyClicks(customers_page.search, "Hassan")
    assert calls == ["Hassan"]
    assert customers_page.model.rowCount() >= 2


def test_temporary_password_is_shown_in_the_orange_card(customers_page, shown_customer, app) -> None:
    shown_customer(1)
    detail = customers_page.detail
    assert not detail.temp_card.isHidden()
    assert detail.temp_password.text() == "RX04AF"
    assert "#ff9800" in detail.styleSheet() and detail.temp_card.objectName() == "tempPasswordCard"
    assert detail.qr.property("code") == member(app, 1).qr_code
    assert not detail.qr.pixmap().isNull()
    assert detail.subscriptions.rowCount() == 2
    assert detail.subscriptions.item(0, 0).text() == "Annual membership"
    assert detail.visits.rowCount() == 2
    assert "Annual membership" in detail.current.text()


def test_temporary_password_card_hidden_once_changed(customers_page, shown_customer, app) -> None:
    app.customers.mark_password_changed(owner_desk(app), member(app, 2).id)
    shown_customer(2)
    assert customers_page.detail.temp_card.isHidden()


def test_regenerate_shows_new_qr_at_once_and_old_card_is_denied(customers_page, shown_customer, app, qtbot,
                                                                monkeypatch) -> None:
    old = shown_customer(1)
    monkeypatch.setattr(page_module, "confirm", lambda *args: True)
    changed: list[uuid.UUID] = []
    customers_page._ctx.events.customer_changed.connect(changed.append)
    customers_page.regenerate_card()
    qtbot.waitUntil(lambda: customers_page.notice.kind == "success", timeout=5000)
    assert "New card made for Mohamed Salem" in plain(customers_page.notice.message)
    new_code = customers_page.detail.qr.property("code")
    assert new_code != old.qr_code and new_code.startswith("GYM-1-")
    assert changed == [old.id]
    assert member(app, 1).qr_code == new_code
    result = app.desk.scan(customers_page._ctx.desk, old.qr_code)
    assert not result.decision.allowed
    assert [r.code for r in result.decision.reasons] == ["revoked"]
    assert app.desk.scan(customers_page._ctx.desk, new_code).decision.allowed


def test_a_notice_goes_when_another_member_is_opened(customers_page, shown_customer, qtbot, monkeypatch) -> None:
    """"New card made for Mohamed Salem" belongs to him: it stays while his profile refreshes, not over Layla's."""
    shown_customer(1)
    monkeypatch.setattr(page_module, "confirm", lambda *args: True)
    customers_page.regenerate_card()
    qtbot.waitUntil(lambda: customers_page.notice.kind == "success", timeout=5000)
    qtbot.waitUntil(lambda: customers_page._ctx.runner.pending == 0, timeout=5000)  # his profile reloaded
    assert "Mohamed Salem" in customers_page.notice.message and customers_page.notice.isVisible()
    shown_customer(2)
    assert customers_page.notice.isHidden() and customers_page.notice.message == ""
    customers_page.notice.show_success("Saved for Layla")  # a notice shown while Layla is open is hers
    shown_customer(2)
    assert customers_page.notice.isVisible()
    shown_customer(3)
    assert customers_page.notice.isHidden()


def test_regenerate_cancelled_changes_nothing(customers_page, shown_customer, app, monkeypatch) -> None:
    old = shown_customer(1)
    monkeypatch.setattr(page_module, "confirm", lambda *args: False)
    customers_page.regenerate_card()
    assert customers_page._ctx.runner.pending == 0
    assert member(app, 1).qr_code == old.qr_code


def test_check_in_refreshes_only_the_member_shown(customers_page, shown_customer, app, qtbot) -> None:
    customer = shown_customer(1)
    assert customers_page.detail.visits.rowCount() == 2
    result = app.desk.check_in(customers_page._ctx.desk, customer.id, AttendanceAction.CHECK_IN_ONLY)
    with qtbot.waitSignal(customers_page.profile_shown, timeout=5000):
        customers_page._ctx.events.checked_in.emit(result)
    assert customers_page.detail.visits.rowCount() == 3


def test_another_member_changing_does_not_reload_the_profile(customers_page, shown_customer, app, qtbot) -> None:
    shown_customer(1)
    shown: list[object] = []
    customers_page.profile_shown.connect(shown.append)
    customers_page._ctx.events.subscription_changed.emit(member(app, 2).id)
    assert customers_page._ctx.runner.pending == 0 and shown == []


def test_customer_changed_repaints_one_row(customers_page, qtbot, app) -> None:
    with qtbot.waitSignal(customers_page.search_done, timeout=5000):
        qtbot.keyClicks(customers_page.search, "Layla Rashad")
    qtbot.waitUntil(lambda: customers_page.model.is_cached(0))
    layla = member(app, 2)
    app.customers.update(customers_page._ctx.desk, layla.id, full_name="Layla R. Rashad")
    with qtbot.waitSignal(customers_page.model.dataChanged, timeout=5000):
        customers_page._ctx.events.customer_changed.emit(layla.id)
    assert customers_page.model.index(0, 1).data() == "Layla R. Rashad"


def test_save_card_as_png_from_the_page(customers_page, shown_customer, qtbot, tmp_path) -> None:
    shown_customer(1)
    target = tmp_path / "card.png"
    customers_page.save_card(str(target))
    qtbot.waitUntil(lambda: customers_page.notice.kind == "success", timeout=5000)
    assert target.stat().st_size > 0


def test_errors_are_shown_as_words(customers_page, qtbot) -> None:
    customers_page.show_customer(uuid.uuid4())
    qtbot.waitUntil(lambda: customers_page.notice.kind == "error", timeout=5000)
    assert customers_page.notice.message == "That member no longer exists."


def test_register_and_activate_buttons_open_dialogs(customers_page, shown_customer, qtbot) -> None:
    from reception.ui.dialogs.activate_dialog import ActivateDialog
    from reception.ui.dialogs.register_dialog import RegisterDialog

    qtbot.keyClick(customers_page.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(customers_page.last_dialog, RegisterDialog)
    customers_page.last_dialog.close()
    shown_customer(1)
    customers_page.open_edit()
    assert customers_page.last_dialog.form.full_name.text() == "Mohamed Salem"
    customers_page.last_dialog.close()
    customers_page.open_activate()
    qtbot.waitUntil(lambda: isinstance(customers_page.last_dialog, ActivateDialog), timeout=5000)
    customers_page.last_dialog.close()


# -- the lazy model ------------------------------------------------------------------------------


def _model(ui_context, app, counter: list[int]) -> CustomerTableModel:
    def fetch(ids: list[uuid.UUID]):  # type: ignore[no-untyped-def]
        counter.append(len(ids))
        return app.customers.get_many(owner_desk(app), ids)

    return CustomerTableModel(ui_context.runner, fetch, {b.id: b.name for b in app.catalogue.branches()})


def test_customer_model_passes_the_model_tester(ui_context, app, qtmodeltester, qtbot) -> None:
    model = _model(ui_context, app, [])
    model.set_ids(app.customers.search_ids(owner_desk(app), "a", limit=500))
    qtmodeltester.check(model, force_py=True)
    qtbot.waitUntil(lambda: ui_context.runner.pending == 0, timeout=5000)
    qtmodeltester.check(model, force_py=True)


def test_customer_model_fetches_only_blocks_in_view(ui_context, app, qtbot) -> None:
    fetched: list[int] = []
    model = _model(ui_context, app, fetched)
    model.BLOCK = 10
    ids = app.customers.search_ids(owner_desk(app), "a", limit=500)
    assert len(ids) > 2 * model.BLOCK
    model.set_ids(ids)
    assert fetched == []  # nothing until a row is looked at
    assert model.index(0, 1).data() == LOADING
    model.index(5, 1).data()  # same block: no second request
    with qtbot.waitSignal(model.block_loaded, timeout=5000):
        pass
    assert fetched == [model.BLOCK]
    assert model.index(5, 1).data() == app.customers.get_many(owner_desk(app), [ids[5]])[0].full_name
    assert not model.is_cached(model.BLOCK + 1)
    with qtbot.waitSignal(model.block_loaded, timeout=5000) as block:
        model.index(model.BLOCK + 1, 0).data()
    assert block.args == [model.BLOCK] and fetched == [model.BLOCK, model.BLOCK]


def test_stale_blocks_from_an_old_search_are_dropped(ui_context, app, qtbot) -> None:
    model = _model(ui_context, app, [])
    model.set_ids(app.customers.search_ids(owner_desk(app), "a", limit=500))
    model.index(0, 0).data()
    mohamed = member(app, 1)
    model.set_ids([mohamed.id])
    qtbot.waitUntil(lambda: ui_context.runner.pending == 0, timeout=5000)
    assert model.rowCount() == 1 and not model.is_cached(0)
    with qtbot.waitSignal(model.block_loaded, timeout=5000):
        model.index(0, 1).data()
    assert model.index(0, 1).data() == "Mohamed Salem"


def test_columns_visible_without_scrolling_at_1280(app_look, customers_page, qtbot) -> None:
    """In a 1280×720 window (150 px of navigation) the list shows number, name, phone, branch and status."""
    page = customers_page
    page_width = 1280 - 150
    assert page.minimumSizeHint().width() <= page_width
    page.resize(page_width, 676)
    with qtbot.waitSignal(page.search_done, timeout=5000):
        qtbot.keyClicks(page.search, "Hassan")
    qtbot.waitUntil(lambda: page.model.is_cached(0), timeout=5000)
    with qtbot.waitSignal(page.profile_shown, timeout=5000):
        page.table.selectRow(0)  # a member is open beside the list
    assert page.width() == page_width and page.right.currentWidget() is page.detail_scroll
    table, header = page.table, page.table.horizontalHeader()
    assert not table.horizontalScrollBar().isVisible()
    viewport = table.viewport().width()
    for column in range(page.model.columnCount()):
        left, width = header.sectionViewportPosition(column), header.sectionSize(column)
        assert 0 <= left and left + width <= viewport, f"column {column} reaches {left + width} of {viewport}"
        if column != 1:  # a long name may be shortened; every other column is shown whole
            needed = max(table.sizeHintForColumn(column), header.sectionSizeHint(column))
            assert width >= needed, f"column {column} is {width} px, needs {needed}"
    assert header.sectionSize(1) >= 120  # room for a name


def test_another_branchs_member_shows_no_private_details_and_cannot_be_edited(shown_customer, customers_page) -> None:
    """desk1 works at branch 1; Hadeer (#4) belongs to branch 2: name, number and card yes, phone and
    temporary password no; Layla (#2) of branch 1 shows everything."""
    detail = customers_page.detail
    hadeer = shown_customer(4)
    assert detail.name.text() == "Hadeer Youssef"
    assert hadeer.phone not in detail.summary.text()
    assert detail.field_text("phone") == "Shown at the member's home branch"
    assert detail.field_text("health_notes") == "Shown at the member's home branch"
    assert detail.temp_card.isHidden() and detail.temp_password.text() == ""
    assert not detail.edit_button.isEnabled() and not detail.regenerate_button.isEnabled()
    assert detail.activate_button.isEnabled()  # a visiting member may still buy here

    layla = shown_customer(2)
    assert plain(detail.field_text("phone")) == layla.phone and layla.phone in plain(detail.summary.text())
    assert not detail.temp_card.isHidden() and detail.temp_password.text() == layla.temp_password
    assert detail.edit_button.isEnabled() and detail.regenerate_button.isEnabled()
