"""Check-ins per hour as a bar chart drawn with QPainter (no QtCharts needed)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget
from reception.ui.i18n import digits, ltr, tr

BAR = QColor("#2e7d32")
AXIS = QColor("#888888")
TEXT = QColor("#333333")


class HourlyChart(QWidget):
    """`set_counts({hour: count})`; hours without visits before the first and after the last are trimmed
    to the gym's usual day (6:00-23:00) so the bars stay wide enough to read."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.counts: dict[int, int] = {hour: 0 for hour in range(24)}
        self.setMinimumHeight(110)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Check-ins per hour")

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(600, 130)

    def set_counts(self, counts: dict[int, int]) -> None:
        self.counts = {hour: int(counts.get(hour, 0)) for hour in range(24)}
        busiest = max(self.counts.values())
        peak = max(self.counts, key=lambda h: self.counts[h]) if busiest else None
        if peak is None:
            self.setToolTip(tr("No check-ins"))
        else:
            self.setToolTip(tr("Busiest hour: {hour} (%n check-in(s))", None, busiest).format(
                hour=ltr(digits(f"{peak:02d}:00"))))
        self.update()

    def hours(self) -> range:
        used = [h for h, n in self.counts.items() if n]
        first = min([6, *used])
        last = max([22, *used])
        return range(first, last + 1)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(28, 16, -8, -18)
        hours = self.hours()
        top = max(1, max(self.counts.values()))
        slot = rect.width() / len(hours)
        metrics = painter.fontMetrics()
        painter.setPen(AXIS)
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.setPen(TEXT)
        painter.drawText(QRectF(0, rect.top() - 8, 24, 16), Qt.AlignmentFlag.AlignRight, str(top))
        if not any(self.counts.values()):
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, tr("No check-ins yet"))
        for i, hour in enumerate(hours):
            x = rect.left() + i * slot
            count = self.counts[hour]
            if count:
                height = rect.height() * count / top
                bar = QRectF(x + slot * 0.15, rect.bottom() - height, slot * 0.7, height)
                painter.fillRect(bar, BAR)
                if slot >= metrics.horizontalAdvance("000"):
                    painter.setPen(TEXT)
                    painter.drawText(QRectF(x, bar.top() - 15, slot, 14), Qt.AlignmentFlag.AlignCenter, str(count))
            if slot >= metrics.horizontalAdvance("00") or hour % 3 == 0:
                painter.setPen(TEXT)
                painter.drawText(QRectF(x, rect.bottom() + 2, slot, 16), Qt.AlignmentFlag.AlignCenter, f"{hour:02d}")
        painter.end()
