"""The Scan page: a code (scanner, camera or typed) or a typed name becomes a decision card and a check-in."""

from __future__ import annotations

import logging
import os
import time
import uuid
from collections.abc import Callable
from dataclasses import replace
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from reception.clock import Clock
from reception.domain.models import AttendanceAction, Customer
from reception.domain.periods import local_today
from reception.domain.passes import looks_like_pass
from reception.domain.qr import clean_code, looks_like_card
from reception import trace
from reception.domain.scan import State
from reception.services.catalogue import CatalogueService
from reception.services.context import CheckInResult, ScanResult
from reception.services.customers import CustomerService
from reception.services.desk import DeskService
from reception.services.passes import PassService, PassVerdict
from reception.ui.context import DeskContext
from reception.ui.dialogs.activate_dialog import SaleOpener
from reception.ui.messages import describe
from reception.ui.widgets.camera_preview import CameraPicker
from reception.ui.widgets.decision_card import CardView, DecisionCard
from reception.ui.widgets.member_picker import MemberPicker
from reception.ui.widgets.recent_scans import RecentScans
from PySide6.QtCore import QT_TR_NOOP
from reception.ui.i18n import clock, digits, isolate, tr
from reception.ui.words import check_in_text, reason_text

log = logging.getLogger(__name__)

MAX_TYPED = 256
PREVIEW_SIZE = (360, 270)  # 4:3, the webcam's shape
# The page reflows to its width, so the whole desk fits 1280×720 at 100 % and 1366×768 at 125 %:
# (preview width, Last scans beside the card rather than under the code field), widest first; the
# widest whose minimum fits the page is used. Previews narrower than COMPACT_BELOW get short labels.
LAYOUTS = ((360, True), (300, False), (240, False))
COMPACT_BELOW = 300
RECENT_WIDTH = 260
PLACEHOLDER = QT_TR_NOOP("Camera off — scan with the USB scanner or type a code")


def _is_name_query(text: str) -> bool:
    """A typed name, phone or member number (searched) rather than a card code (scanned)."""
    if looks_like_card(clean_code(text)) or clean_code(text).startswith("GYM-") or looks_like_pass(clean_code(text)):
        return False
    return len(text) <= 100 and any(ch.isalnum() for ch in text)


class ScanPage(QWidget):
    """Entry points: `submit(code, started_at=)` for a scanned code; the code field for typing.

    `front_desk` scans, decides and checks in; `customers` finds a typed name; `catalogue` names a member's
    home branch; `sell` opens a sale (Ctrl+B). `preview_container` / `preview_layout` hold the camera preview
    (`set_preview(widget)`).
    """

    latency_measured = Signal(float)  # ms from the scan (first key / capture) to the card's first paint

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None, *, front_desk: DeskService,
                 customers: CustomerService, catalogue: CatalogueService, clock: Clock, sell: SaleOpener,
                 passes: PassService | None = None) -> None:
        super().__init__(parent)
        self._passes = passes
        self.current_pass: PassVerdict | None = None  # a day pass on the card (then `current` is None)
        self._pass_code = ""  # its code, kept only while it is on the card, to admit it
        self.day_pass_dialog: QWidget | None = None
        self.ctx = ctx
        self._front_desk = front_desk
        self._customers = customers
        self._catalogue = catalogue
        self._clock = clock
        self._sell = sell
        self.last_latency_ms: float | None = None
        self.current: CardView | None = None
        self.override_dialog: QWidget | None = None
        self.activate_dialog: QWidget | None = None
        self._request = 0  # only the newest scan's answer is shown
        self._loading: int | None = None  # the request whose card is on its way
        # Enter / F2 / F3 / Ctrl+B pressed before a card arrived, with the request it is for.
        self._pending: tuple[int, Callable[[], None]] | None = None
        self._started: float | None = None
        self._shown: tuple[str, str] = ("", "")  # the code and source of the card on screen, for the trace
        self._acting = False
        # Test-only: a lag on the GUI thread per scan, to prove keys typed meanwhile keep order and meaning.
        self._lag_s = max(0, int(os.environ.get("RECEPTION_TEST_SCAN_LAG_MS") or 0)) / 1000
        self._build()
        self._connect()

    # -- layout ----------------------------------------------------------------------

    def _build(self) -> None:
        root = QHBoxLayout(self)
        root.setContentsMargins(12, 12, 12, 12)
        root.setSpacing(12)

        left = QVBoxLayout()
        left.setSpacing(8)
        self.left_column = left
        self.preview_container = QFrame()
        self.preview_container.setObjectName("previewArea")
        self.preview_container.setFixedSize(*PREVIEW_SIZE)
        self.preview_layout = QVBoxLayout(self.preview_container)
        self.preview_layout.setContentsMargins(0, 0, 0, 0)
        self.preview_placeholder = QLabel(tr(PLACEHOLDER))
        self.preview_placeholder.setObjectName("previewPlaceholder")
        self.preview_placeholder.setWordWrap(True)
        self.preview_placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview_placeholder.setMargin(24)
        self.preview_layout.addWidget(self.preview_placeholder)
        left.addWidget(self.preview_container)
        self.camera_picker = CameraPicker()
        self.camera_picker.setFixedWidth(PREVIEW_SIZE[0])
        left.addWidget(self.camera_picker)

        self.code_field = QLineEdit()
        self.code_field.setObjectName("codeField")
        self.code_field.setMaxLength(MAX_TYPED)
        self.code_field.setPlaceholderText(tr("Scan a card or type a name"))
        self.code_field.setClearButtonEnabled(True)
        self.code_field.setFixedWidth(PREVIEW_SIZE[0])
        left.addWidget(self.code_field)
        self.hint = QLabel(tr("Enter: look up, then check in · ↑↓ pick · F2 deduct · F3 check in only · "
                              "Ctrl+B sell · F6 day pass · F9 override"))
        self.hint.setObjectName("bigCaption")
        self.hint.setWordWrap(True)
        self.hint.setFixedWidth(PREVIEW_SIZE[0])
        left.addWidget(self.hint)
        self.picker = MemberPicker(self.code_field)
        self.picker.setFixedWidth(PREVIEW_SIZE[0])
        left.addWidget(self.picker, 1)
        root.addLayout(left)

        self.card = DecisionCard()
        root.addWidget(self.card, 1)

        # Last scans: a column of its own on a wide screen, folded under the code field on a narrow one.
        self.recent_box = QWidget()
        self.recent_box.setObjectName("recentBox")
        box = QVBoxLayout(self.recent_box)
        box.setContentsMargins(0, 0, 0, 0)
        title = QLabel(tr("Last scans"))
        title.setObjectName("sectionTitle")
        box.addWidget(title)
        self.recent = RecentScans()
        box.addWidget(self.recent, 1)
        self.recent_box.setFixedWidth(260)
        root.addWidget(self.recent_box)
        self.root_layout = root
        self.layout_mode: tuple[int, bool] = LAYOUTS[0]
        # Start narrow, so the window may be as small as the screen; a wider page then spreads out.
        self._apply_layout(LAYOUTS[-1])
        self.setFocusProxy(self.code_field)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        width = event.size().width()
        mode = next((m for m in LAYOUTS if width >= self._needed(m)), LAYOUTS[-1])
        if mode != self.layout_mode:
            self._apply_layout(mode)

    def _needed(self, mode: tuple[int, bool]) -> int:
        """The page width a layout needs: margins, preview, the card at its narrowest, Last scans if beside."""
        preview_width, beside = mode
        margins = self.root_layout.contentsMargins()
        spacing = self.root_layout.spacing()
        needed = margins.left() + margins.right() + preview_width + spacing
        needed += self.card.minimum_width(compact=preview_width < COMPACT_BELOW)
        return needed + (spacing + RECENT_WIDTH if beside else 0)

    def _apply_layout(self, mode: tuple[int, bool]) -> None:
        preview_width, beside = mode
        self.layout_mode = mode
        self.preview_container.setFixedSize(preview_width, preview_width * 3 // 4)
        for widget in (self.camera_picker, self.code_field, self.hint, self.picker):
            widget.setFixedWidth(preview_width)
        for layout in (self.root_layout, self.left_column):
            layout.removeWidget(self.recent_box)
        if beside:
            self.recent_box.setFixedWidth(RECENT_WIDTH)
            self.root_layout.addWidget(self.recent_box)
        else:
            self.recent_box.setFixedWidth(preview_width)
            self.left_column.addWidget(self.recent_box, 2)
        self.card.set_compact(preview_width < COMPACT_BELOW)

    def _connect(self) -> None:
        self.code_field.returnPressed.connect(self._on_enter)
        self.picker.member_chosen.connect(self.show_member)
        self.recent.member_chosen.connect(self.show_member)
        card = self.card
        card.check_in_button.clicked.connect(
            lambda: self.check_in(AttendanceAction.CHECK_IN_ONLY, confirm_repeat=self._is_repeat()))
        card.deduct_button.clicked.connect(lambda: self.check_in(AttendanceAction.CHECK_IN_WITH_DEDUCTION))
        card.profile_button.clicked.connect(self.open_profile)
        card.override_button.clicked.connect(self.override)
        card.painted.connect(self._card_painted)
        deduct = lambda: self.check_in(AttendanceAction.CHECK_IN_WITH_DEDUCTION)  # noqa: E731
        check_in_only = lambda: self.check_in(AttendanceAction.CHECK_IN_ONLY)  # noqa: E731
        for key, slot in (("F2", lambda: self._when_shown(deduct)),
                          ("F3", lambda: self._when_shown(check_in_only)),
                          ("Ctrl+Return", lambda: self.check_in(AttendanceAction.CHECK_IN_ONLY, confirm_repeat=True)),
                          ("Ctrl+B", self.sell),
                          ("F6", self.sell_day_pass),
                          ("F9", self.override)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)  # only while this page is shown
            shortcut.activated.connect(slot)
        events = self.ctx.events
        events.scanned.connect(self.submit)
        events.desk_changed.connect(lambda _desk: self.reset())
        events.customer_changed.connect(self._member_changed)
        events.subscription_changed.connect(self._member_changed)
        events.photo_arrived.connect(self._photo_arrived)
        from reception.ui.camera_controller import camera_for
        from reception.ui.scan_camera import ScanCamera

        self.camera = ScanCamera(self, camera_for(self.ctx), self.camera_picker)

    def set_preview(self, widget: QWidget) -> None:
        """For the camera: replace the placeholder with the live preview."""
        self.preview_placeholder.hide()
        self.preview_layout.addWidget(widget)

    def focus_code_field(self) -> None:
        self.code_field.setFocus(Qt.FocusReason.OtherFocusReason)

    def reset(self) -> None:
        self._request += 1
        self._loading = None
        self._pending = None
        self.current = None
        self.current_pass, self._pass_code = None, ""
        self.card.clear()
        self.picker.hide()
        self.code_field.clear()

    # -- input -----------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # The code field handles its own Enter (returnPressed) and then lets the key travel
            # up to this page; acting on it again would check in the member still on screen.
            if not self.code_field.hasFocus():
                self._on_enter()  # Enter elsewhere on the page does what Enter in the field does
            event.accept()
            return
        super().keyPressEvent(event)

    def _on_enter(self) -> None:
        text = self.code_field.text().strip()
        if self.picker.choose_current():
            return
        if text:
            started = time.perf_counter()
            self.code_field.clear()
            trace.emit("typed", text_len=len(text))
            if _is_name_query(text):
                self._search(text)
            else:
                self.submit(text, started_at=started, source="typed")
        else:
            self._when_shown(self.do_suggested_action)

    def _when_shown(self, action: Callable[[], None]) -> None:
        """Act on the member on screen; if a scan's card is still on its way, act on that one when it arrives.

        Keys pressed while the desk lags keep their order and meaning: an Enter after a scan is
        for the member just scanned, never for the one still showing, and never dropped.
        """
        if self._loading is not None:
            self._pending = (self._loading, action)
        else:
            action()

    def _take_pending(self, request: int) -> Callable[[], None] | None:
        pending = self._pending
        if pending is None or pending[0] != request:
            return None
        self._pending = None
        return pending[1]

    # -- scanning --------------------------------------------------------------------

    def submit(self, code: str, started_at: float | None = None, source: str = "camera") -> None:
        """A code read by a scanner or camera (started_at: its first key / capture, perf_counter)."""
        self._request += 1
        request = self._request
        self._loading = request  # a key pressed for an earlier card still waits for that card
        started = started_at if started_at is not None else time.perf_counter()
        self.picker.hide()
        front_desk, desk = self._front_desk, self.ctx.desk
        auto = desk.branch.rules.auto_commit_on_allow
        cleaned = clean_code(code[:1024])
        if self._passes is not None and looks_like_pass(cleaned):
            passes = self._passes

            def judged(verdict: PassVerdict) -> None:
                self._add_recent(None, State.ALLOW if verdict.allowed else State.DENY, tr("Day pass"))
                if request == self._request or (self._pending is not None and self._pending[0] == request):
                    self._shown = ("PASS", source)
                    self._show_pass(verdict, cleaned, started, request)

            self.ctx.runner.run(lambda: passes.verify(desk, cleaned, admit=auto), judged,
                                self._failed, write=True)
            return

        def done(result: ScanResult) -> None:
            # Every scan was logged, so every scan joins the list; only the newest fills the card.
            self._add_recent(result.customer, result.decision.state)
            awaited = self._pending is not None and self._pending[0] == request
            if request == self._request or awaited:  # an older card is shown if a key was pressed for it
                self._shown = (result.code, source)
                if result.attendance is not None and result.customer is not None:
                    self._take_pending(request)  # auto-commit already did what the key asked
                    self._show(CardView.from_scan(result), started, request, listed=True)
                    self._checked_in(_as_check_in(result))
                else:
                    self._show(CardView.from_scan(result), started, request, listed=True)
            elif self.ctx.sounds is not None:
                # A newer card was scanned before this one came back: it is in Last scans, and its
                # sound still plays, so a denial is heard even when it is never on the card.
                self.ctx.sounds.play(result.decision.state.value)  # type: ignore[attr-defined]

        # Every scan writes the access log: it runs on the write lane, in the order scans came.
        self.ctx.runner.run(lambda: front_desk.scan(desk, code, auto=auto), done, self._failed, write=True)
        if self._lag_s:
            time.sleep(self._lag_s)

    def show_member(self, customer_id: uuid.UUID, *, quiet: bool = False) -> int:
        """A member picked by name (or from the last scans): the decision without a card.

        `quiet` refreshes the member on screen after a change; it never replaces a scan in flight."""
        if not quiet:
            self._request += 1
            self._loading = self._request
        request = self._request
        started = time.perf_counter()
        self.picker.hide()
        front_desk, catalogue, clock, desk = self._front_desk, self._catalogue, self._clock, self.ctx.desk

        def load() -> CardView:
            decision = front_desk.decision_for(desk, customer_id)
            home = ""
            if decision.customer is not None:
                home = catalogue.branch(decision.customer.branch_id).name
            return CardView.from_decision(decision, home, local_today(clock.now(), desk.branch.timezone))

        def done(view: CardView) -> None:
            if request != self._request:
                return
            if quiet:
                shown = self.current
                if shown is None or shown.customer is None or view.customer is None \
                        or shown.customer.id != view.customer.id:
                    return  # another member is on screen by now
            else:
                self._shown = (view.customer.qr_code if view.customer else "", "picked")
            self._show(view, started, request, quiet=quiet)

        self.ctx.runner.run(load, done, self._failed)
        return request

    def _search(self, text: str) -> None:
        self._request += 1
        request = self._request
        self._loading = request
        customers, desk = self._customers, self.ctx.desk

        def done(found: list[Customer]) -> None:
            if request != self._request:
                return
            action = self._take_pending(request)
            if len(found) == 1:
                shown = self.show_member(found[0].id)
                if action is not None:
                    self._pending = (shown, action)  # an Enter typed after the name is for the member found
                return
            self._loading = None  # nobody to act on until a member is picked
            if not found:
                self.picker.hide()
                self.current = None
                self.card.clear(tr("No member matches “{text}”. Check the spelling, or scan the card.").format(
                    text=isolate(text)))
                self.focus_code_field()
                return
            self.picker.offer(found, text)
            self.card.clear(tr("%n members match “{text}”: pick one with ↑↓ and Enter, or click.", None,
                               len(found)).format(text=isolate(text)))
            self.focus_code_field()

        self.ctx.runner.run(lambda: customers.search(desk, text, limit=20), done, self._failed)

    def _member_changed(self, customer_id: object) -> None:
        """A narrow event: refresh the card only if it shows that member."""
        current = self.current
        if current is not None and current.customer is not None and current.customer.id == customer_id:
            self.show_member(current.customer.id, quiet=True)

    def _photo_arrived(self, customer_id: object, photo: object) -> None:
        """A photo fetched from the chain's server: shown if the card still shows that member."""
        current = self.current
        if (current is not None and current.customer is not None and current.customer.id == customer_id
                and isinstance(photo, bytes)):
            customer = replace(current.customer, photo=photo)
            self.current = replace(current, customer=customer)
            self.card.show_photo(customer)

    # -- showing ---------------------------------------------------------------------

    def _add_recent(self, customer: Customer | None, state: State, name: str = "") -> None:
        name = customer.full_name if customer else name or tr("Unknown card")
        self.recent.add(self._local_time(), name, state, customer.id if customer else None)

    def _show_pass(self, verdict: PassVerdict, code: str, started: float, request: int) -> None:
        pending = self._take_pending(request)
        if self._loading == request:
            self._loading = None
        self.current, self.current_pass = None, verdict
        self._pass_code = code if verdict.allowed and not verdict.admitted else ""
        self._acting = False
        self._started = started
        zone = ZoneInfo(self.ctx.desk.branch.timezone)
        until = clock(verdict.expires_at.astimezone(zone)) if verdict.expires_at else ""
        if verdict.allowed:
            words = tr("Day pass · valid until {time} · first use").format(time=until)
        else:
            words = reason_text(verdict.reason) if verdict.reason else tr("Denied")
        sold = verdict.day_pass
        currency = self.ctx.desk.branch.rules.currency
        line = tr("Sold at {time} · {amount}").format(
            time=clock(sold.issued_at.astimezone(zone)), amount=digits(f"{sold.amount:,.2f} {currency}")) if sold \
            else tr("Sold at another desk (not synced here yet)")
        self.card.show_pass(allowed=verdict.allowed and not verdict.admitted, headline=words,
                            visitor=sold.visitor_name if sold else "", sold_line=line, until=until)
        if verdict.admitted:
            self.card.show_message(tr("Day pass used: welcome"))
        elif verdict.clock_off_s:
            self.card.show_message(tr("This desk's clock is %n minute(s) off the chain's server: the pass was checked "
                                      "against the server's time. Set the computer's clock.", None,
                                      round(abs(verdict.clock_off_s) / 60)), error=True)
        if self.ctx.sounds is not None:
            self.ctx.sounds.play(State.ALLOW.value if verdict.allowed else State.DENY.value)  # type: ignore[attr-defined]
        self.card.arm_paint_signal()
        self.focus_code_field()
        trace.emit("pass", allowed=verdict.allowed, reason=verdict.code, admitted=verdict.admitted,
                   source=self._shown[1], length=len(code))
        if pending is not None:
            pending()

    def admit_pass(self) -> None:
        """Enter on an allowed day pass: this desk uses it (first use wins; a second use anywhere is denied)."""
        if self._passes is None or not self._pass_code or self._acting:
            return
        self._acting = True
        passes, desk, code = self._passes, self.ctx.desk, self._pass_code
        request = self._request

        def admitted(verdict: PassVerdict) -> None:
            self._acting = False
            if request != self._request:
                return
            self._pass_code = ""
            self.current_pass = verdict
            trace.emit("pass_admit", allowed=verdict.allowed, reason=verdict.code, admitted=verdict.admitted)
            if verdict.admitted:
                self.card.set_actions(check_in=False, deduct=False, profile=False, override=False)
                self.card.show_message(tr("Day pass used: welcome"))
            else:
                self._show_pass(verdict, code, time.perf_counter(), request)
            self.focus_code_field()

        self.ctx.runner.run(lambda: passes.verify(desk, code, admit=True), admitted,
                            self._failed, write=True)

    def sell_day_pass(self) -> None:
        """F6: sell a visitor a day pass and show its QR."""
        if self._passes is None:
            return
        from reception.ui.dialogs.day_pass_dialog import DayPassDialog

        passes = self._passes

        def opened(services: list) -> None:  # type: ignore[type-arg]
            dialog = DayPassDialog(self.ctx, passes, services, self)
            self.day_pass_dialog = dialog
            dialog.finished.connect(lambda _code: self.focus_code_field())
            dialog.open()

        self.ctx.runner.run(passes.day_pass_services, opened, self._failed)

    def _show(self, view: CardView, started: float, request: int, *, quiet: bool = False,
              listed: bool = False) -> None:
        pending = None if quiet else self._take_pending(request)
        if not quiet and self._loading == request:
            self._loading = None
        self.current_pass, self._pass_code = None, ""
        self.current = view
        self._acting = False
        self._started = started
        self.card.show_view(view)
        if view.customer is not None and not view.customer.photo:
            self.ctx.events.photo_wanted.emit(view.customer.id)  # a branch desk's first copy has no photos
        self._enable_actions(view)
        if not quiet:
            if self.ctx.sounds is not None:
                self.ctx.sounds.play(view.state.value)  # type: ignore[attr-defined]
            if not listed:
                self._add_recent(view.customer, view.state)
        self.card.arm_paint_signal()
        self.focus_code_field()
        if pending is not None:
            pending()

    def _is_repeat(self) -> bool:
        view = self.current
        return view is not None and view.decision.repeat_of is not None

    def _enable_actions(self, view: CardView, *, checked_in: bool = False) -> None:
        sub = view.subscription
        allowed = view.state is not State.DENY and view.customer is not None and not checked_in
        pack = sub is not None and sub.is_pack
        self.card.set_action_labels(
            unit=sub.subscription_type.unit if pack and sub else "session",
            enter_deducts=view.decision.suggested_action is AttendanceAction.CHECK_IN_WITH_DEDUCTION,
            repeat=view.decision.repeat_of is not None,
        )
        self.card.set_actions(
            check_in=allowed,
            deduct=allowed and pack,
            profile=view.customer is not None,
            override=view.state is State.DENY and view.customer is not None and not checked_in,
        )

    def _card_painted(self) -> None:
        if self._started is None:
            return
        self.last_latency_ms = (time.perf_counter() - self._started) * 1000
        self._started = None
        log.debug("scan → card painted in %.1f ms", self.last_latency_ms)
        if trace.enabled() and self.current is not None:
            view, (code, source) = self.current, self._shown
            trace.emit("card", code=code, member_no=view.customer.member_no if view.customer else None,
                       state=view.state.value, reasons=[r.code for r in view.decision.reasons],
                       warnings=[w.code for w in view.decision.warnings], source=source,
                       latency_ms=round(self.last_latency_ms, 2))
        self.latency_measured.emit(self.last_latency_ms)

    def _failed(self, error: BaseException) -> None:
        self._loading, self._pending = None, None
        self._acting = False
        self.card.show_message(describe(error), error=True)
        self.focus_code_field()

    def _local_time(self) -> str:
        now = self._clock.now().astimezone(ZoneInfo(self.ctx.desk.branch.timezone))
        return clock(now, seconds=True)

    # -- actions ---------------------------------------------------------------------

    def do_suggested_action(self) -> None:
        if self.current_pass is not None:
            self.admit_pass()
            return
        view = self.current
        if view is None or view.customer is None:
            return
        if view.state is State.DENY:
            self.card.show_message(tr("Denied: {reason}. A manager can override (F9).").format(
                reason=view.headline), error=True)
            return
        self.check_in(view.decision.suggested_action or AttendanceAction.CHECK_IN_ONLY)

    def check_in(self, action: AttendanceAction, *, confirm_repeat: bool = False) -> None:
        if self.current_pass is not None:  # the card's first button admits a day pass
            if action is AttendanceAction.CHECK_IN_ONLY:
                self.admit_pass()
            return
        view = self.current
        button = self.card.deduct_button if action is AttendanceAction.CHECK_IN_WITH_DEDUCTION else self.card.check_in_button
        if view is None or view.customer is None or self._acting or not button.isEnabled():
            return
        if confirm_repeat and view.decision.repeat_of is None:
            confirm_repeat = False
        self._acting = True  # one Enter, one check-in: a double press must not check in twice
        front_desk, desk, customer_id = self._front_desk, self.ctx.desk, view.customer.id
        self.ctx.runner.run(lambda: front_desk.check_in(desk, customer_id, action, confirm_repeat=confirm_repeat),
                            self._checked_in, self._failed, write=True)

    def _checked_in(self, result: CheckInResult) -> None:
        self._acting = False
        view = self.current
        if view is None or view.customer is None or view.customer.id != result.customer.id:
            view = None  # another member is on screen by now: the message would mislead
        if result.repeat:
            if view is not None:
                self.card.show_message(tr("{outcome}. To record a second visit: Ctrl+Enter.").format(
                    outcome=check_in_text(result.code, result.params, result.message)))
            self.focus_code_field()
            return
        if view is not None:
            self._enable_actions(view, checked_in=True)
            if result.subscription is not None and result.subscription.is_pack:
                self.card.set_remaining(result.remaining, result.subscription.subscription_type.unit)
            self.card.show_message(check_in_text(result.code, result.params, result.message))
        trace.emit("check_in", member_no=result.customer.member_no, attendance_id=str(result.attendance.id),
                   action=result.attendance.action.value, deducted=result.deducted)
        self.ctx.events.checked_in.emit(result)
        self.focus_code_field()

    def open_profile(self) -> None:
        view = self.current
        if view is not None and view.customer is not None:
            self.ctx.events.open_customer.emit(view.customer.id)

    def sell(self) -> None:
        """Ctrl+B: activate or renew a subscription for the member on the card (or the card on its way)."""
        self._when_shown(self._sell_now)

    def _sell_now(self) -> None:
        view = self.current
        if view is None or view.customer is None:
            return
        def opened(dialog: QWidget) -> None:
            self.activate_dialog = dialog

        self._sell(view.customer, self, on_open=opened,
                   on_error=lambda error: self.card.show_message(describe(error), error=True))

    def override(self) -> None:
        view = self.current
        if view is None or view.customer is None or not self.card.override_button.isEnabled():
            return
        from reception.ui.dialogs.override_dialog import OverrideDialog

        front_desk, desk, customer = self._front_desk, self.ctx.desk, view.customer
        dialog = OverrideDialog(
            desk=desk,
            customer=customer,
            headline=view.headline,
            override=lambda reason, approval: front_desk.override(desk, customer.id, reason=reason,
                                                                  approval=approval),
            runner=self.ctx.runner,
            parent=self,
        )
        self.override_dialog = dialog

        def finished(code: int) -> None:
            self.override_dialog = None
            if dialog.result_value is not None:
                self._checked_in(dialog.result_value)
            else:
                self.focus_code_field()
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()


def _as_check_in(result: ScanResult) -> CheckInResult:
    """An auto-committed scan, in the shape every other check-in is announced in."""
    assert result.attendance is not None and result.customer is not None
    sub = result.subscription.subscription if result.subscription else None
    deducted = result.attendance.action is AttendanceAction.CHECK_IN_WITH_DEDUCTION
    if result.check_in is not None:
        return result.check_in
    message = result.messages[0] if result.messages else "Checked in"
    return CheckInResult(result.attendance, result.customer, sub, result.remaining, deducted and not result.repeat,
                         message, repeat=result.repeat)
