"""The Attendance page: today's visits, one row added live per check-in, filters, chart and CSV."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from reception.domain.models import AttendanceAction
from reception.ui.pages.attendance_page import AttendancePage
from tests.gui.fixtures_pages import OFFSCREEN_NOISE, app_look, as_user, member  # noqa: F401

pytestmark = OFFSCREEN_NOISE


def _page(ui_context, qtbot) -> AttendancePage:  # type: ignore[no-untyped-def]
    app = ui_context.app
    page = AttendancePage(ui_context, attendance=app.attendance, catalogue=app.catalogue, clock=app.clock,
                          approve=app.staff.approve)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page._shown is not None, timeout=5000)
    return page


def test_check_in_adds_one_row_live(ui_context, qtbot, app, monkeypatch) -> None:
    page = _page(ui_context, qtbot)
    before = page.model.rowCount()
    reloads: list[object] = []
    monkeypatch.setattr(app.attendance, "rows", lambda *a, **k: reloads.append(a) or [])
    customer = member(app, 1)
    result = app.desk.check_in(ui_context.desk, customer.id, AttendanceAction.CHECK_IN_ONLY)
    with qtbot.waitSignal(page.row_added, timeout=5000) as added:
        ui_context.events.checked_in.emit(result)
    assert added.args[0].attendance.id == result.attendance.id
    assert page.model.rowCount() == before + 1
    last = page.model.rows[-1]
    assert (last.member_no, last.full_name, last.staff_name) == (1, "Mohamed Salem", "desk1")
    assert reloads == []  # no full reload
    hour = result.attendance.check_in_time.astimezone(__import__("zoneinfo").ZoneInfo("Africa/Cairo")).hour
    assert page.chart.counts[hour] >= 1
    assert page.summary.text().startswith(f"{sum(page.chart.counts.values())} check-in")


def test_same_check_in_twice_is_one_row(ui_context, qtbot, app) -> None:
    page = _page(ui_context, qtbot)
    result = app.desk.check_in(ui_context.desk, member(app, 1).id, AttendanceAction.CHECK_IN_ONLY)
    with qtbot.waitSignal(page.row_added, timeout=5000):
        ui_context.events.checked_in.emit(result)
    count = page.model.rowCount()
    ui_context.events.checked_in.emit(result)
    qtbot.waitUntil(lambda: ui_context.runner.pending == 0, timeout=5000)
    assert page.model.rowCount() == count


def test_check_in_at_another_branch_is_not_added(ui_context, qtbot, app, desk_for) -> None:
    page = _page(ui_context, qtbot)
    before = page.model.rowCount()
    maadi = desk_for("desk2")
    result = app.desk.check_in(maadi, member(app, 5).id, AttendanceAction.CHECK_IN_ONLY)
    ui_context.events.checked_in.emit(result)
    assert ui_context.runner.pending == 0 and page.model.rowCount() == before


def test_date_range_and_customer_filter(ui_context, qtbot, app) -> None:
    page = _page(ui_context, qtbot)
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.set_range(date(2026, 11, 1), date(2026, 11, 21))
    everyone = page.model.rowCount()
    assert everyone > 0
    assert all(r.branch_name == "Nasr City" for r in page.model.rows)
    page.customer.setText("layla")
    shown = page.filtered.visible_rows()
    assert shown and all(r.full_name == "Layla Rashad" for r in shown)
    page.customer.setText("#2")
    assert page.filtered.visible_rows() == shown
    assert sum(page.chart.counts.values()) == sum(1 for r in shown if r.attendance.counts)
    page.customer.clear()
    assert page.filtered.rowCount() == everyone


def test_end_before_start_is_a_message(ui_context, qtbot) -> None:
    page = _page(ui_context, qtbot)
    page.set_range(date(2026, 11, 21), date(2026, 11, 1))
    qtbot.waitUntil(lambda: page.notice.kind == "error", timeout=5000)
    assert page.notice.message == "The end date is before the start date."


def test_owner_picks_a_branch_or_all(ui_context, qtbot, as_user) -> None:
    as_user("owner")
    page = _page(ui_context, qtbot)
    qtbot.waitUntil(lambda: page.branch.count() == 4, timeout=5000)
    assert not page.branch.isHidden()
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.set_range(date(2026, 11, 1), date(2026, 11, 21))
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.select_branch(None)
    assert len({r.branch_name for r in page.model.rows}) > 1
    assert "All branches" in page.summary.text()


def test_receptionist_has_no_branch_picker(ui_context, qtbot) -> None:
    page = _page(ui_context, qtbot)
    assert page.branch.isHidden() and page.branch.count() == 1


def test_csv_export_writes_the_rows_shown(ui_context, qtbot, tmp_path) -> None:
    page = _page(ui_context, qtbot)
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.set_range(date(2026, 11, 1), date(2026, 11, 21))
    page.customer.setText("Layla")
    target = tmp_path / "visits.csv"
    with qtbot.waitSignal(page.exported, timeout=5000):
        page.export_csv(str(target))
    text = target.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["check_in_time", "member_no", "full_name"]
    assert len(rows) - 1 == len(page.filtered.visible_rows())
    assert {r[2] for r in rows[1:]} == {"Layla Rashad"} and {r[1] for r in rows[1:]} == {"2"}
    assert page.notice.kind == "success"


def _bars(image) -> dict[int, int]:  # type: ignore[no-untyped-def]
    """x -> height in pixels of the bar colour in that column of a painted chart."""
    from reception.ui.widgets.hourly_chart import BAR

    bar = BAR.rgb()
    heights = {x: sum(1 for y in range(image.height()) if image.pixel(x, y) == bar) for x in range(image.width())}
    return {x: h for x, h in heights.items() if h}


def test_hourly_chart_paints_one_bar_per_busy_hour_in_proportion(ui_context, qtbot) -> None:
    page = _page(ui_context, qtbot)
    page.chart.set_counts({9: 4, 18: 10})
    page.chart.resize(700, 130)
    assert page.chart.hours() == range(6, 23)
    assert "18:00" in page.chart.toolTip()
    columns = _bars(page.chart.grab().toImage())
    groups: list[list[int]] = []
    for x in sorted(columns):
        if groups and x == groups[-1][-1] + 1:
            groups[-1].append(x)
        else:
            groups.append([x])
    assert len(groups) == 2  # two bars, nothing painted for the hours without visits
    slot = (page.chart.width() - 28 - 8) / len(page.chart.hours())  # the plot spans the width between margins
    under = [page.chart.hours()[int((sum(g) / len(g) - 28) // slot)] for g in groups]
    assert under == [9, 18]  # each bar stands over its own hour
    nine, eighteen = (max(columns[x] for x in g) for g in groups)
    assert eighteen / nine == pytest.approx(10 / 4, rel=0.1)  # heights in proportion to the counts
    page.chart.set_counts({})
    assert _bars(page.chart.grab().toImage()) == {}  # a quiet day draws no bars


def test_time_column_fits_its_text_and_notes_takes_the_rest(app_look, ui_context, qtbot, app) -> None:
    page = _page(ui_context, qtbot)
    page.resize(1130, 600)  # the page's width in a 1280-wide window
    page.show()
    qtbot.waitExposed(page)
    result = app.desk.check_in(ui_context.desk, member(app, 1).id, AttendanceAction.CHECK_IN_ONLY)
    with qtbot.waitSignal(page.row_added, timeout=5000):
        ui_context.events.checked_in.emit(result)
    table, header = page.table, page.table.horizontalHeader()
    assert header.sectionSize(0) >= table.sizeHintForColumn(0)  # "2026-11-21 11:00" is not elided
    notes = header.count() - 1
    assert header.sectionViewportPosition(notes) + header.sectionSize(notes) == table.viewport().width()
    assert header.sectionSize(notes) >= 100 and not table.horizontalScrollBar().isVisible()
