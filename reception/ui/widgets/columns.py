"""Table column widths from the text a column must show, measured with the view's own style and font."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QItemSelectionModel, QSize
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem, QTableView


def cell_width(view: QTableView, text: str) -> int:
    """What the view's delegate needs to paint `text` in one cell without eliding it (grid line included)."""
    view.ensurePolished()  # the stylesheet's font is applied at polish time
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.font = view.font()
    option.fontMetrics = view.fontMetrics()
    option.text = text
    option.features = QStyleOptionViewItem.ViewItemFeature.HasDisplay
    size = view.style().sizeFromContents(QStyle.ContentsType.CT_ItemViewItem, option, QSize(), view)
    return size.width() + (1 if view.showGrid() else 0)


def fit_column(view: QTableView, column: int, samples: Iterable[str]) -> int:
    """Set `column` as wide as its header and the widest sample need; returns the width."""
    width = max([view.horizontalHeader().sectionSizeHint(column), *(cell_width(view, s) for s in samples)])
    view.setColumnWidth(column, width)
    return width


def select_row(view: QTableView, row: int) -> None:
    """Select a whole row, as `QTableView.selectRow` does, also in a right-to-left layout.

    `selectRow` picks the column under the viewport's far edge, which in right to left is one pixel past the last
    column: no index, so nothing was selected (and a member found by a search never opened in Arabic)."""
    model = view.model()
    if model is None or not 0 <= row < model.rowCount():
        return
    index = model.index(row, 0)
    view.selectionModel().setCurrentIndex(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
