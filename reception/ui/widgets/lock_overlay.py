"""The lock screen: covers the whole window until the same or another staff member signs in."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from reception.services.auth import StaffService
from reception.services.catalogue import CatalogueService
from reception.services.context import Desk
from reception.ui.login_dialog import LoginForm
from reception.ui.tasks import Runner
from reception.ui.i18n import isolate, tr


class LockOverlay(QWidget):
    """A child of the main window, resized with it; `unlocked` carries the desk that signed in."""

    unlocked = Signal(object)  # services.context.Desk

    def __init__(self, staff: StaffService, catalogue: CatalogueService, runner: Runner, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("lockOverlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        outer = QVBoxLayout(self)
        outer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        panel = QFrame()
        panel.setObjectName("lockPanel")
        panel.setFixedWidth(400)
        inner = QVBoxLayout(panel)
        inner.setContentsMargins(24, 20, 24, 24)
        title = QLabel(tr("Desk locked"))
        title.setObjectName("lockTitle")
        inner.addWidget(title)
        self.who = QLabel()
        self.who.setWordWrap(True)
        inner.addWidget(self.who)
        self.notice = QLabel()
        self.notice.setObjectName("lockNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        inner.addWidget(self.notice)
        self.form = LoginForm(staff, catalogue, runner, parent=panel)
        inner.addWidget(self.form)
        outer.addWidget(panel)
        self.form.signed_in.connect(self._signed_in)
        parent.installEventFilter(self)
        self.hide()

    def lock(self, desk: Desk) -> None:
        self.who.setText(tr("{name} locked this desk at {branch}. Sign in to continue — the same or another "
                            "staff member.").format(name=isolate(desk.staff.full_name),
                                                    branch=isolate(desk.branch.name)))
        self.form.keep_branch = desk.branch
        self.form.username.setText(desk.staff.username)
        self.setGeometry(self.parentWidget().rect())
        self.notice.hide()
        self.show()
        self.raise_()
        self.form.reset()

    def show_notice(self, text: str) -> None:
        """A word for whoever stands at the locked desk (a card scanned before anyone signed in)."""
        self.notice.setText(text)
        self.notice.show()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False

    def _signed_in(self, desk: Desk) -> None:
        self.hide()
        self.unlocked.emit(desk)
