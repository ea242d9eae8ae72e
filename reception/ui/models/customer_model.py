"""The Customers page's table: a model over search-result ids whose rows are fetched in blocks as they come into view."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from reception.domain.models import Customer
from reception.ui.tasks import Runner
from PySide6.QtCore import QT_TR_NOOP
from reception.ui.i18n import number, phone, tr

Index = QModelIndex | QPersistentModelIndex
COLUMNS = (QT_TR_NOOP("Member no"), QT_TR_NOOP("Name"), QT_TR_NOOP("Phone"), QT_TR_NOOP("Branch"),
           QT_TR_NOOP("Status"))
LOADING = "…"


class CustomerTableModel(QAbstractTableModel):
    """Holds ids only; `data()` for a row not yet cached asks the runner for its block of rows.

    A block arrives on the GUI thread, fills the cache and repaints just those rows. Results
    for an older search (a stale generation) are dropped.
    """

    BLOCK = 100
    block_loaded = Signal(int)  # first row of the block that arrived
    fetch_failed = Signal(object)  # the error

    def __init__(
        self,
        runner: Runner,
        fetch: Callable[[list[uuid.UUID]], list[Customer]],
        branch_names: dict[uuid.UUID, str] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._fetch = fetch
        self._branch_names = dict(branch_names or {})
        self._ids: list[uuid.UUID] = []
        self._rows: dict[uuid.UUID, int] = {}
        self._cache: dict[uuid.UUID, Customer] = {}
        self._pending: set[int] = set()
        self._generation = 0

    # -- contents -------------------------------------------------------------------

    def set_ids(self, ids: Sequence[uuid.UUID]) -> None:
        self.beginResetModel()
        self._generation += 1
        self._ids = list(dict.fromkeys(ids))
        self._rows = {cid: row for row, cid in enumerate(self._ids)}
        self._cache = {cid: c for cid, c in self._cache.items() if cid in self._rows}
        self._pending.clear()
        self.endResetModel()

    def set_branch_names(self, names: dict[uuid.UUID, str]) -> None:
        self._branch_names = dict(names)
        if self._ids:
            self.dataChanged.emit(self.index(0, 3), self.index(len(self._ids) - 1, 3))

    def id_at(self, row: int) -> uuid.UUID | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, customer_id: uuid.UUID) -> int | None:
        return self._rows.get(customer_id)

    def customer_at(self, row: int) -> Customer | None:
        cid = self.id_at(row)
        return self._cache.get(cid) if cid is not None else None

    def is_cached(self, row: int) -> bool:
        cid = self.id_at(row)
        return cid is not None and cid in self._cache

    def update_customer(self, customer: Customer) -> None:
        """A changed customer we already hold (after an edit or a new card): repaint one row."""
        row = self._rows.get(customer.id)
        if row is None:
            return
        self._cache[customer.id] = customer
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def refresh_customer(self, customer_id: uuid.UUID) -> None:
        """Fetch one row again (someone else changed it); nothing happens if it is not listed."""
        if customer_id not in self._rows:
            return
        generation = self._generation

        def arrived(found: list[Customer]) -> None:
            if generation == self._generation:
                for customer in found:
                    self.update_customer(customer)

        self._runner.run(lambda: self._fetch([customer_id]), arrived, self.fetch_failed.emit)

    # -- Qt model API -----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
                   ) -> object:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr(COLUMNS[section]) if 0 <= section < len(COLUMNS) else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        cid = self._ids[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return cid
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        customer = self._cache.get(cid)
        if customer is None:
            self._request_block(index.row())
            return LOADING if index.column() == 1 and role == Qt.ItemDataRole.DisplayRole else None
        return self._text(customer, index.column())

    # -- helpers -------------------------------------------------------------------------

    def _text(self, customer: Customer, column: int) -> str:
        if column == 0:
            return number(customer.member_no)
        if column == 1:
            return customer.full_name
        if column == 2:
            return phone(customer.phone)
        if column == 3:
            return self._branch_names.get(customer.branch_id, "")
        if column == 4:
            return tr("Active") if customer.is_active else tr("Deactivated")
        return ""

    def _request_block(self, row: int) -> None:
        start = row - row % self.BLOCK
        if start in self._pending:
            return
        self._pending.add(start)
        generation = self._generation
        ids = self._ids[start:start + self.BLOCK]

        def arrived(found: list[Customer]) -> None:
            if generation != self._generation:
                return
            self._pending.discard(start)
            for customer in found:
                self._cache[customer.id] = customer
            end = min(start + len(ids), len(self._ids)) - 1
            if end >= start:
                self.dataChanged.emit(self.index(start, 0), self.index(end, len(COLUMNS) - 1))
            self.block_loaded.emit(start)

        def failed(error: BaseException) -> None:
            if generation == self._generation:
                self._pending.discard(start)
                self.fetch_failed.emit(error)

        self._runner.run(lambda: self._fetch(ids), arrived, failed)
