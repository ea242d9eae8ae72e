"""The Attendance page's table: visits as rows, one appended at a time as members check in."""

from __future__ import annotations

import uuid
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt

from reception.domain.models import AttendanceAction
from reception.domain.text import fold
from reception.services.context import AttendanceRow
from PySide6.QtCore import QT_TR_NOOP
from reception.ui.i18n import digits, number, tr

Index = QModelIndex | QPersistentModelIndex
COLUMNS = (QT_TR_NOOP("Time"), QT_TR_NOOP("Member no"), QT_TR_NOOP("Name"), QT_TR_NOOP("Branch"), QT_TR_NOOP("Action"),
           QT_TR_NOOP("Service"), QT_TR_NOOP("Staff"), QT_TR_NOOP("Notes"))


def action_words(row: AttendanceRow) -> str:
    visit = row.attendance
    if visit.is_reversal:
        return tr("Reversal")
    deducted = visit.action is AttendanceAction.CHECK_IN_WITH_DEDUCTION
    if visit.reversed_by:
        return tr("Check-in + deduction (reversed)") if deducted else tr("Check-in (reversed)")
    return tr("Check-in + deduction") if deducted else tr("Check-in")


class AttendanceTableModel(QAbstractTableModel):
    def __init__(self, timezone: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._zone = ZoneInfo(timezone)
        self.rows: list[AttendanceRow] = []
        self._index: dict[uuid.UUID, int] = {}

    def set_rows(self, rows: list[AttendanceRow], timezone: str | None = None) -> None:
        self.beginResetModel()
        if timezone:
            self._zone = ZoneInfo(timezone)
        self.rows = list(rows)
        self._index = {r.attendance.id: i for i, r in enumerate(self.rows)}
        self.endResetModel()

    def has(self, attendance_id: uuid.UUID) -> bool:
        return attendance_id in self._index

    def append_row(self, row: AttendanceRow) -> None:
        if row.attendance.id in self._index:
            self.replace_row(row)
            return
        at = len(self.rows)
        self.beginInsertRows(QModelIndex(), at, at)
        self.rows.append(row)
        self._index[row.attendance.id] = at
        self.endInsertRows()

    def replace_row(self, row: AttendanceRow) -> None:
        at = self._index.get(row.attendance.id)
        if at is None:
            return
        self.rows[at] = row
        self.dataChanged.emit(self.index(at, 0), self.index(at, len(COLUMNS) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
                   ) -> object:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr(COLUMNS[section]) if 0 <= section < len(COLUMNS) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return row
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        visit = row.attendance
        return (
            digits(visit.check_in_time.astimezone(self._zone).strftime("%Y-%m-%d %H:%M")), number(row.member_no),
            row.full_name, row.branch_name, action_words(row), row.service_name, row.staff_name, visit.notes,
        )[index.column()]


class CustomerFilter(QSortFilterProxyModel):
    """Keeps rows whose member number or name (folded: case, accents, Arabic variants) matches the text."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._needle = ""

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._needle = fold(text.strip().lstrip("#"))
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        if not self._needle:
            return True
        model = self.sourceModel()
        row = model.data(model.index(source_row, 0, source_parent), Qt.ItemDataRole.UserRole)
        if row is None:
            return False
        return self._needle == str(row.member_no) or self._needle in fold(row.full_name)

    def visible_rows(self) -> list[AttendanceRow]:
        return [self.data(self.index(r, 0), Qt.ItemDataRole.UserRole) for r in range(self.rowCount())]
