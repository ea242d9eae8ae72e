"""The Access log page through its real widgets: member cards and day passes, allowed and denied, filtered by
outcome, reason and branch, and exported as CSV."""

from __future__ import annotations

import csv
from pathlib import Path

from reception.domain.models import PaymentMethod
from reception.ui.pages.access_log_page import AccessLogPage


def page_for(ui_context, app, qtbot) -> AccessLogPage:  # type: ignore[no-untyped-def]
    page = AccessLogPage(ui_context, access_log=app.access_log, catalogue=app.catalogue, clock=app.clock)
    qtbot.addWidget(page)
    page.resize(1200, 600)
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.show()
    return page


def choose(qtbot, page: AccessLogPage, combo, value: object) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(page.loaded, timeout=5000):
        combo.setCurrentIndex(combo.findData(value))


def test_every_attempt_is_listed_with_its_reason_and_the_filters_narrow_it(qtbot, app, ui_context, customer_no, clock,
                                                                          tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    desk = ui_context.desk
    member = customer_no(1)
    app.desk.scan(desk, member.qr_code)
    clock.advance(seconds=20)  # the log lists the newest first: each attempt a little later than the one before
    app.desk.scan(desk, "GYM-999999-00000000")
    clock.advance(seconds=20)
    sold = app.passes.sell(desk, name="Visitor", method=PaymentMethod.CASH)
    app.passes.verify(desk, sold.code, admit=True, station="gate A")
    clock.advance(seconds=20)
    app.passes.verify(desk, sold.code, admit=True, station="gate A")
    page = page_for(ui_context, app, qtbot)
    cells = [page.model.cells(r) for r in page.model.rows]
    assert len(cells) == 4 and page.total == 4
    assert cells[0][1] == "DENIED" and cells[0][2].startswith("Already used at") and cells[0][4] == "gate A"
    assert cells[0][5] == desk.staff.full_name
    assert cells[1][1] == "ALLOWED" and cells[1][3].startswith("Day pass ")
    assert any(c[2] == "Card not recognised" for c in cells)
    assert any(member.full_name in c[3] for c in cells)

    choose(qtbot, page, page.outcome, "denied")
    assert {r.entry.allowed for r in page.model.rows} == {False} and len(page.model.rows) == 2
    choose(qtbot, page, page.reason, "pass_used")
    assert [r.entry.reason for r in page.model.rows] == ["pass_used"]
    assert "1 attempt" in page.summary.text()

    target = tmp_path / "log.csv"
    with qtbot.waitSignal(page.exported, timeout=5000):
        page.export_csv(str(target))
    rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][:3] == ["Time", "Result", "Reason"] and len(rows) == 2
    assert rows[1][-2] == "pass_used" and rows[1][-1] == str(sold.day_pass.id)
    assert sold.code[5:40] not in target.read_text(encoding="utf-8-sig")


def test_a_receptionist_sees_only_their_branch_and_the_owner_every_branch(qtbot, app, ui_context, desk_for
                                                                         ) -> None:  # type: ignore[no-untyped-def]
    page = page_for(ui_context, app, qtbot)
    assert not page.branch.isVisibleTo(page) and page.branch.findData("all") == -1
    ui_context.set_desk(desk_for("owner"))
    owner_page = page_for(ui_context, app, qtbot)
    assert owner_page.branch.findData("all") >= 0
    choose(qtbot, owner_page, owner_page.branch, "all")
