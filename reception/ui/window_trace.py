"""With RECEPTION_TRACE set: every top-level window shown or hidden goes into the trace, by objectName.

So the desk tests find a dialog by what it is (`RegisterDialog`), not by its title's words, which
the Arabic translation changes; `wid` is the X window id for xdotool.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QWidget

from reception import trace


class WindowTrace(QObject):
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.Show, QEvent.Type.Hide) and isinstance(obj, QWidget) and obj.isWindow():
            name = obj.objectName() or type(obj).__name__
            wid = int(obj.winId()) if obj.testAttribute(Qt.WidgetAttribute.WA_WState_Created) else 0
            trace.emit("window", name=name, shown=kind == QEvent.Type.Show, wid=wid)
        return False


def install(app: QApplication) -> WindowTrace | None:
    if not trace.enabled():
        return None
    watcher = WindowTrace(app)
    app.installEventFilter(watcher)
    return watcher
