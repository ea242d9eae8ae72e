"""The decision card of the Scan page: banner, member, subscription, warnings and the desk's actions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPaintEvent, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from reception.domain.models import Customer, Subscription, SubscriptionStatus
from reception.domain.scan import Reason, ScanDecision, State
from reception.services.context import ScanResult
from reception.ui.resources import icon, pixmap
from reception.ui.i18n import day, isolate, number, tr
from reception.ui.words import deduct_one, headline, kind_word, reason_text, state_word, status_word, units_caption

AVATAR = 120
AVATAR_COMPACT = 88
# Icon colours match the banner text so the symbol stays visible on its background.
BANNER_ICON_COLOURS = {State.ALLOW: "#ffffff", State.ATTENTION: "#1a1a1a", State.DENY: "#ffffff"}


@dataclass(frozen=True)
class CardView:
    """What the card shows, from a scan or from a member picked by name."""

    state: State
    headline: str
    customer: Customer | None
    home_branch_name: str
    subscription: Subscription | None
    status: SubscriptionStatus | None
    remaining: int | None
    warnings: tuple[Reason, ...]
    notes: tuple[Reason, ...]
    decision: ScanDecision

    @classmethod
    def from_scan(cls, result: ScanResult) -> CardView:
        view = result.subscription
        return cls(
            state=result.decision.state,
            headline=headline(result.decision.reasons, result.decision.warnings),
            customer=result.customer,
            home_branch_name=result.home_branch_name,
            subscription=view.subscription if view else None,
            status=view.status if view else None,
            remaining=result.remaining,
            warnings=result.decision.warnings,
            notes=result.decision.notes,
            decision=result.decision,
        )

    @classmethod
    def from_decision(cls, decision: ScanDecision, home_branch_name: str, today: date) -> CardView:
        sub = decision.subscription
        return cls(
            state=decision.state,
            headline=headline(decision.reasons, decision.warnings),
            customer=decision.customer,
            home_branch_name=home_branch_name,
            subscription=sub,
            status=sub.status_on(today) if sub else None,
            remaining=sub.remaining if sub and sub.is_pack else None,
            warnings=decision.warnings,
            notes=decision.notes,
            decision=decision,
        )


def _label(name: str, text: str = "", *, wrap: bool = False) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label


def _restyle(widget: QWidget) -> None:
    """Dynamic properties only take effect in the stylesheet after a re-polish."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class DecisionCard(QFrame):
    """A view: the Scan page fills it and connects its buttons. `painted` fires once after `arm_paint_signal()`."""

    painted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("decisionCard")
        self._armed = False
        self._compact = False
        self._labels: tuple[str, bool, bool] = ("session", False, False)
        self._min_widths: dict[bool, int] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 14, 14, 14)
        layout.setSpacing(10)

        # The banner is one full-width block: an icon and the words, so colour is never the only signal.
        self.banner = QFrame()
        self.banner.setObjectName("banner")
        self.banner.setProperty("state", "idle")
        self.banner.setMinimumHeight(58)
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.setContentsMargins(12, 6, 12, 6)
        banner_layout.setSpacing(12)
        self.banner_icon = _label("bannerIcon")
        self.banner_icon.setFixedSize(QSize(40, 40))
        self.banner_icon.hide()
        self.banner_text = _label("bannerText", wrap=True)
        self.banner_text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        banner_layout.addWidget(self.banner_icon)
        banner_layout.addWidget(self.banner_text, 1)
        layout.addWidget(self.banner)

        self.empty = _label("emptyState", tr("Scan a card or type a name"), wrap=True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.empty, 1)

        self.details = QWidget()
        details = QVBoxLayout(self.details)
        details.setContentsMargins(0, 0, 0, 0)
        details.setSpacing(8)
        person = QHBoxLayout()
        person.setSpacing(16)
        self.avatar = _label("avatar")
        self.avatar.setFixedSize(AVATAR, AVATAR)
        self.avatar.setAlignment(Qt.AlignmentFlag.AlignCenter)
        person.addWidget(self.avatar, 0, Qt.AlignmentFlag.AlignTop)
        who = QVBoxLayout()
        who.setSpacing(4)
        self.name = _label("memberName", wrap=True)
        self.meta = _label("memberMeta", wrap=True)
        self.subscription_line = _label("subscriptionLine", wrap=True)
        for widget in (self.name, self.meta, self.subscription_line):
            who.addWidget(widget)
        who.addStretch(1)
        person.addLayout(who, 1)
        details.addLayout(person)

        numbers = QGridLayout()
        numbers.setHorizontalSpacing(32)
        numbers.setVerticalSpacing(0)
        self.remaining_value = _label("bigNumber")
        self.remaining_caption = _label("bigCaption")
        self.end_value = _label("bigNumber")
        self.end_caption = _label("bigCaption", tr("valid through"))
        numbers.addWidget(self.remaining_value, 0, 0)
        numbers.addWidget(self.remaining_caption, 1, 0)
        numbers.addWidget(self.end_value, 0, 1)
        numbers.addWidget(self.end_caption, 1, 1)
        numbers.setColumnStretch(2, 1)
        details.addLayout(numbers)

        self.warnings = _label("warningLine", wrap=True)
        self.notes = _label("noteLine", wrap=True)
        details.addWidget(self.warnings)
        details.addWidget(self.notes)
        details.addStretch(1)
        layout.addWidget(self.details, 1)

        self.result_message = _label("resultMessage", wrap=True)
        self.result_message.setProperty("error", False)
        self.result_message.hide()
        layout.addWidget(self.result_message)

        # Two rows: the check-in pair above, the rarer actions below; one row would not fit 1366 px.
        actions = QGridLayout()
        actions.setSpacing(8)
        self.check_in_button = QPushButton(icon("check-in"), tr("Check in (Enter)"))
        self.deduct_button = QPushButton(icon("deduct"), tr("Deduct 1 session (F2)"))
        self.profile_button = QPushButton(icon("profile"), tr("Open profile"))
        self.override_button = QPushButton(icon("override"), tr("Override… (F9)"))
        buttons = (self.check_in_button, self.deduct_button, self.profile_button, self.override_button)
        for index, button in enumerate(buttons):
            # Buttons never keep the focus: the code field must always be ready for the next scan.
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            actions.addWidget(button, index // 2, index % 2)
        self.check_in_button.setObjectName("primaryAction")
        self.deduct_button.setObjectName("primaryAction")
        layout.addLayout(actions)
        self.clear()

    # -- filling -------------------------------------------------------------------

    def clear(self, text: str = "") -> None:
        self._set_banner(None, tr("Ready"))
        self.empty.setText(text or tr("Scan a card or type a name"))
        self.empty.show()
        self.details.hide()
        self.result_message.hide()
        self.set_actions(check_in=False, deduct=False, profile=False, override=False)

    def show_view(self, view: CardView) -> None:
        self._set_banner(view.state, tr("{result} — {reason}").format(result=state_word(view.state),
                                                                       reason=view.headline))
        self.empty.hide()
        self.details.show()
        self.result_message.hide()
        self.end_caption.setText(tr("valid through"))
        customer = view.customer
        if customer is None:
            self.name.setText(tr("Unknown card"))
            self.meta.setText(tr("No member has this code."))
            self._set_avatar(None)
        else:
            self.name.setText(customer.full_name)
            if view.home_branch_name:
                self.meta.setText(tr("Member #{number} · Home branch: {branch}").format(
                    number=number(customer.member_no), branch=isolate(view.home_branch_name)))
            else:
                self.meta.setText(tr("Member #{number}").format(number=number(customer.member_no)))
            self._set_avatar(customer)
        self._show_subscription(view)
        self.warnings.setText("\n".join(f"⚠ {reason_text(w)}" for w in view.warnings))
        self.warnings.setVisible(bool(view.warnings))
        self.notes.setText("\n".join(f"ℹ {reason_text(n)}" for n in view.notes))
        self.notes.setVisible(bool(view.notes))
        self.update()

    def show_pass(self, *, allowed: bool, headline: str, visitor: str, sold_line: str, until: str) -> None:
        """A day pass: green with its validity, or red with the reason; Enter admits an allowed one."""
        state = State.ALLOW if allowed else State.DENY
        self._set_banner(state, tr("{result} — {reason}").format(result=state_word(state), reason=headline))
        self.empty.hide()
        self.details.show()
        self.result_message.hide()
        self.name.setText(visitor or tr("Day pass"))
        self.meta.setText(sold_line)
        self.avatar.setPixmap(QPixmap())
        self.avatar.setText(tr("PASS"))
        self.subscription_line.setText(tr("Day pass · one entry within 24 hours of its sale"))
        self.remaining_value.hide()
        self.remaining_caption.hide()
        self.end_value.setText(until)
        self.end_value.setVisible(bool(until))
        self.end_caption.setText(tr("valid until"))
        self.end_caption.setVisible(bool(until))
        self.warnings.hide()
        self.notes.hide()
        self.set_action_labels(unit="session", enter_deducts=False)  # none of the last member's labels stay
        self.check_in_button.setText(tr("Admit (Enter)"))
        self.set_actions(check_in=allowed, deduct=False, profile=False, override=False)
        self.update()

    def set_remaining(self, remaining: int | None, unit: str) -> None:
        if remaining is None:
            return
        self.remaining_value.setText(number(remaining))
        self.remaining_caption.setText(units_caption(unit, remaining))
        self.remaining_value.show()
        self.remaining_caption.show()

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.result_message.setText(text)
        self.result_message.setProperty("error", error)
        _restyle(self.result_message)
        self.result_message.show()

    def set_actions(self, *, check_in: bool, deduct: bool, profile: bool, override: bool) -> None:
        self.check_in_button.setEnabled(check_in)
        self.deduct_button.setEnabled(deduct)
        self.profile_button.setEnabled(profile)
        self.override_button.setEnabled(override)

    def set_action_labels(self, *, unit: str, enter_deducts: bool, repeat: bool = False) -> None:
        """Show which button Enter presses: the suggested action carries the hint."""
        self._labels = (unit, enter_deducts, repeat)
        short = self._compact
        if repeat:  # inside the repeat window Enter records nothing; a second visit is asked for on purpose
            self.check_in_button.setText(tr("Second visit (Ctrl+Enter)") if short
                                         else tr("Record a second visit (Ctrl+Enter)"))
        elif enter_deducts:
            self.check_in_button.setText(tr("Check in only (F3)") if short else tr("Check in without deducting (F3)"))
        else:
            self.check_in_button.setText(tr("Check in (Enter)"))
        keys = tr("F2 · Enter") if enter_deducts else tr("F2")
        self.deduct_button.setText(tr("{action} ({keys})").format(action=deduct_one(unit), keys=keys))

    def minimum_width(self, compact: bool) -> int:
        """The narrowest this card can be with full (or short) button labels, measured on its own buttons."""
        cached = self._min_widths.get(compact)
        if cached is not None:
            return cached
        saved, keep = self._compact, self._labels
        self._compact = compact
        widest = 0
        for unit in ("session", "coin"):
            for enter_deducts, repeat in ((False, False), (True, False), (True, True)):
                self.set_action_labels(unit=unit, enter_deducts=enter_deducts, repeat=repeat)
                widest = max(widest, self.check_in_button.sizeHint().width(), self.deduct_button.sizeHint().width())
        self._compact = saved
        self.set_action_labels(unit=keep[0], enter_deducts=keep[1], repeat=keep[2])
        margins = self.layout().contentsMargins()
        width = 2 * widest + 8 + margins.left() + margins.right() + 2 * self.frameWidth()
        self._min_widths[compact] = width
        return width

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._min_widths.clear()  # a new theme or font changes what the labels need
        super().changeEvent(event)

    def set_compact(self, compact: bool) -> None:
        """A narrower, lower card on a small screen: a smaller photo and banner, the same words."""
        self._compact = compact
        self.set_action_labels(unit=self._labels[0], enter_deducts=self._labels[1], repeat=self._labels[2])
        size = AVATAR_COMPACT if compact else AVATAR
        self.avatar.setFixedSize(size, size)
        self.avatar.setProperty("compact", compact)
        _restyle(self.avatar)
        self.banner.setMinimumHeight(48 if compact else 58)
        self.layout().setSpacing(6 if compact else 10)

    # -- latency -------------------------------------------------------------------

    def arm_paint_signal(self) -> None:
        """The next paint of the card emits `painted` (scan → card on screen latency)."""
        self._armed = True
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._armed:
            self._armed = False
            self.painted.emit()

    # -- internals -----------------------------------------------------------------

    def _set_banner(self, state: State | None, text: str) -> None:
        self.banner_text.setText(text)
        self.banner.setProperty("state", state.value if state else "idle")
        _restyle(self.banner)
        _restyle(self.banner_text)
        if state is None:
            self.banner_icon.hide()
        else:
            self.banner_icon.setPixmap(pixmap(state.value, BANNER_ICON_COLOURS[state], 40))
            self.banner_icon.show()

    def show_photo(self, customer: Customer) -> None:
        """The member's photo, arrived after the card was painted."""
        self._set_avatar(customer)

    def _set_avatar(self, customer: Customer | None) -> None:
        image = QImage.fromData(customer.photo) if customer and customer.photo else QImage()
        if not image.isNull():
            self.avatar.setText("")
            side = self.avatar.width()
            self.avatar.setPixmap(
                QPixmap.fromImage(image).scaled(
                    side, side, Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self.avatar.setPixmap(QPixmap())
            self.avatar.setText(customer.initials if customer else "?")

    def _show_subscription(self, view: CardView) -> None:
        sub = view.subscription
        if sub is None:
            self.subscription_line.setText(tr("No subscription"))
            for widget in (self.remaining_value, self.remaining_caption, self.end_value, self.end_caption):
                widget.hide()
            return
        status = status_word(view.status if view.status else sub.status)
        self.subscription_line.setText(tr("{service} · {kind} · {status} · ends {day}").format(
            service=isolate(sub.service_name), kind=kind_word(sub.subscription_type), status=status,
            day=day(sub.end_date)))
        self.end_value.setText(day(sub.end_date))
        self.end_value.show()
        self.end_caption.show()
        if sub.is_pack:
            self.set_remaining(view.remaining if view.remaining is not None else sub.remaining or 0,
                               sub.subscription_type.unit)
        else:
            self.remaining_value.hide()
            self.remaining_caption.hide()
