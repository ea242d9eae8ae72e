"""The Customers page: search as you type, the member's profile and card, and the actions on them."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelection, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reception.clock import Clock
from reception.domain.authorization import Action, Actor, allowed
from reception.domain.models import Customer
from reception.services.catalogue import CatalogueService
from reception.services.context import CheckInResult, CustomerProfile
from reception.services.customers import CustomerService
from reception.ui.cards import CardFace, print_card, save_card_in_background
from reception.ui.context import DeskContext
from reception.ui.dialogs.activate_dialog import SaleOpener
from reception.ui.dialogs.register_dialog import RegisterDialog
from reception.ui.models.customer_model import CustomerTableModel
from reception.ui.pages.customer_detail import CustomerDetail
from reception.ui.widgets.columns import fit_column, select_row
from reception.ui.widgets.notice import Notice
from PySide6.QtCore import QT_TR_NOOP
from reception.ui.i18n import isolate, tr

SEARCH_DELAY_MS = 150
SEARCH_LIMIT = 5000
EMPTY_TEXT = QT_TR_NOOP("Type a name, phone, member number or scan a card")
NAME_MIN_WIDTH = 120  # enough for most names; a longer one is shortened, its tooltip has it whole


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Yes/No question; tests replace it."""
    answer = QMessageBox.question(parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


class MemberNotice(Notice):
    """The Customers page's notice belongs to one member: the one it names, else the one open when it appeared."""

    def __init__(self, current_member: Callable[[], uuid.UUID | None]) -> None:
        super().__init__()
        self._current_member = current_member
        self.about: uuid.UUID | None = None

    def show_message(self, text: str, kind: str = "info", about: uuid.UUID | None = None) -> None:
        self.about = about if about is not None else self._current_member()
        super().show_message(text, kind)

    def member_opened(self, customer_id: uuid.UUID) -> None:
        """Opening another member clears what was said about the last one (refreshing the same one keeps it)."""
        if self.message and self.about != customer_id:
            self.clear_message()


class CustomersPage(QWidget):
    """`CustomersPage(ctx, customers=…, catalogue=…, clock=…, sell=…)`; `show_customer(customer_id)` opens one
    member (e.g. from the Scan page)."""

    search_done = Signal(int)  # number of ids found
    profile_shown = Signal(object)  # CustomerProfile

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None, *, customers: CustomerService,
                 catalogue: CatalogueService, clock: Clock, sell: SaleOpener) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._customers = customers
        self._catalogue = catalogue
        self._clock = clock  # the registration dialog checks a date of birth against today
        self._sell = sell
        self.branch_names: dict[uuid.UUID, str] = {}
        self.profile: CustomerProfile | None = None
        self.current_id: uuid.UUID | None = None
        self.last_dialog: QWidget | None = None
        self._search_generation = 0
        self._profile_generation = 0

        self.search = QLineEdit(placeholderText=tr("{hint}   (Ctrl+F)").format(hint=tr(EMPTY_TEXT)))
        self.search.setClearButtonEnabled(True)
        self.register_button = QPushButton(tr("Register… (Ctrl+N)"))
        self.register_button.clicked.connect(self.open_register)
        self.count = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        top.addWidget(self.register_button)
        self.notice = MemberNotice(lambda: self.current_id)

        self.model = CustomerTableModel(ctx.runner, lambda ids: customers.get_many(ctx.desk, ids), parent=self)
        self.model.fetch_failed.connect(self.notice.show_error)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

        self.empty = QLabel(tr(EMPTY_TEXT), objectName="emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color:#666; font-size:16px;")
        self.detail = CustomerDetail()
        self.detail.edit_clicked.connect(self.open_edit)
        self.detail.activate_clicked.connect(self.open_activate)
        self.detail.regenerate_clicked.connect(self.regenerate_card)
        self.detail.save_card_clicked.connect(lambda: self.save_card())
        self.detail.print_card_clicked.connect(self.print_card)
        self.right = QStackedWidget()
        self.right.addWidget(self.empty)
        # The profile scrolls on a small screen instead of making the window taller than the screen.
        self.detail_scroll = QScrollArea()
        self.detail_scroll.setObjectName("profileScroll")
        self.detail_scroll.setWidgetResizable(True)
        self.detail_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.detail_scroll.setWidget(self.detail)
        self.right.addWidget(self.detail_scroll)

        self._size_columns()

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(splitter, 1)

        self._debounce = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.search.returnPressed.connect(self.run_search)
        QShortcut(QKeySequence("Ctrl+N"), self, self.open_register,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Ctrl+F"), self, self._focus_search,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Ctrl+B"), self, self.open_activate,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        events = ctx.events
        events.customer_changed.connect(self._customer_changed)
        events.subscription_changed.connect(self._subscription_changed)
        events.checked_in.connect(self._checked_in)
        events.photo_arrived.connect(self._photo_arrived)
        self._load_branches()

    # -- columns ------------------------------------------------------------------------

    def _size_columns(self) -> None:
        """Number, phone, branch and status as wide as their text; the name takes the rest. The list keeps
        room for all five, so nothing hides behind a horizontal scrollbar (measured, not read from the rows:
        the model fetches rows lazily)."""
        table = self.table
        fixed = (
            fit_column(table, 0, ["999999"])
            + fit_column(table, 2, ["+201012345678"])
            + fit_column(table, 3, list(self.branch_names.values()) or [tr("Branch")])
            + fit_column(table, 4, [tr("Active"), tr("Deactivated")])
        )
        chrome = 2 * table.frameWidth() + table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, table)
        table.setMinimumWidth(fixed + NAME_MIN_WIDTH + chrome)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):  # a theme or a font size
            self._size_columns()

    # -- search -------------------------------------------------------------------------

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _load_branches(self) -> None:
        def loaded(branches: list) -> None:  # type: ignore[type-arg]
            self.branch_names = {b.id: b.name for b in branches}
            self.model.set_branch_names(self.branch_names)
            self._size_columns()

        self._ctx.runner.run(self._catalogue.branches, loaded, self.notice.show_error)

    def run_search(self) -> None:
        self._debounce.stop()
        text = self.search.text().strip()
        self._search_generation += 1
        generation = self._search_generation
        if not text:
            self.model.set_ids([])
            self.count.clear()
            self.search_done.emit(0)
            return
        customers, desk = self._customers, self._ctx.desk

        def found(ids: list[uuid.UUID]) -> None:
            if generation != self._search_generation:
                return  # the receptionist kept typing
            self.model.set_ids(ids)
            if not ids:
                self.count.setText(tr("No member found"))
            elif len(ids) >= SEARCH_LIMIT:
                self.count.setText(tr("%n+ found", None, len(ids)))
            else:
                self.count.setText(tr("%n found", None, len(ids)))
            if len(ids) == 1:
                select_row(self.table, 0)
            self.search_done.emit(len(ids))

        self._ctx.runner.run(lambda: customers.search_ids(desk, text, limit=SEARCH_LIMIT), found, self.notice.show_error)

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = {index.row() for index in selected.indexes()}
        if rows:
            customer_id = self.model.id_at(min(rows))
            if customer_id is not None and customer_id != self.current_id:
                self.show_customer(customer_id)

    # -- one member ----------------------------------------------------------------------

    def show_customer(self, customer_id: uuid.UUID) -> None:
        """Open this member's profile (fetched in the background, then shown)."""
        self.notice.member_opened(customer_id)
        self.current_id = customer_id
        self._profile_generation += 1
        generation = self._profile_generation
        customers = self._customers

        def shown(profile: CustomerProfile) -> None:
            if generation != self._profile_generation:
                return
            self.profile = profile
            self._apply_rights(profile.customer)
            self.detail.show_profile(profile, self.branch_names)
            if not profile.customer.photo:
                self._ctx.events.photo_wanted.emit(profile.customer.id)  # a branch desk's first copy has none
            self.right.setCurrentWidget(self.detail_scroll)
            self.profile_shown.emit(profile)

        def failed(error: BaseException) -> None:
            if generation == self._profile_generation:
                self.notice.show_error(error)

        desk = self._ctx.desk
        self._ctx.runner.run(lambda: customers.profile(desk, customer_id), shown, failed)

    def _apply_rights(self, customer: Customer) -> None:
        """Hide what this desk may not see or do for the member (the services refuse it anyway)."""
        actor = Actor(self._ctx.desk.staff, self._ctx.desk.branch.id)
        self.detail.private_shown = allowed(actor, Action.VIEW_PRIVATE, customer.branch_id)
        self.detail.edit_button.setEnabled(allowed(actor, Action.EDIT_MEMBER, customer.branch_id))
        self.detail.regenerate_button.setEnabled(allowed(actor, Action.REGENERATE_CARD, customer.branch_id))

    def current_customer(self) -> Customer | None:
        return self.profile.customer if self.profile and self.profile.customer.id == self.current_id else None

    def _customer_changed(self, customer_id: uuid.UUID) -> None:
        self.model.refresh_customer(customer_id)
        if customer_id == self.current_id:
            self.show_customer(customer_id)

    def _subscription_changed(self, customer_id: uuid.UUID) -> None:
        if customer_id == self.current_id:
            self.show_customer(customer_id)

    def _checked_in(self, result: CheckInResult) -> None:
        if result.customer.id == self.current_id:
            self.show_customer(result.customer.id)

    def _photo_arrived(self, customer_id: object, photo: object) -> None:
        """A photo fetched from the chain's server: shown if this member's profile is still open."""
        shown = self.detail.customer
        if shown is not None and shown.id == customer_id and isinstance(photo, bytes):
            self.detail.show_photo(photo)

    # -- actions ---------------------------------------------------------------------------

    def _register_dialog(self, customer: Customer | None) -> RegisterDialog:
        return RegisterDialog(self._ctx, customer, self, customers=self._customers, clock=self._clock,
                              sell=self._sell)

    def open_register(self) -> RegisterDialog:
        dialog = self._register_dialog(None)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.registered.connect(lambda customer: self.show_customer(customer.id))
        dialog.show()
        self.last_dialog = dialog
        return dialog

    def open_edit(self) -> RegisterDialog | None:
        customer = self.current_customer()
        if customer is None:
            return None
        dialog = self._register_dialog(customer)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.last_dialog = dialog
        return dialog

    def open_activate(self) -> None:
        customer = self.current_customer()
        if customer is None:
            return

        def opened(dialog: QWidget) -> None:
            self.last_dialog = dialog

        self._sell(customer, self, on_open=opened, on_error=self.notice.show_error)

    def regenerate_card(self) -> None:
        customer = self.current_customer()
        if customer is None:
            return
        if not confirm(self, tr("Regenerate card"),
                       tr('Make a new card for {name}?\n\nThe old card stops working at once; its scans will '
                          'say "card replaced".').format(name=isolate(customer.full_name))):
            return
        self.detail.regenerate_button.setEnabled(False)
        customers, desk = self._customers, self._ctx.desk

        def done(updated: Customer) -> None:
            self.detail.regenerate_button.setEnabled(True)
            if updated.id == self.current_id:
                self.detail.show_customer(updated, self.branch_names.get(updated.branch_id, ""))
                if self.profile is not None:
                    self.profile = CustomerProfile(updated, self.profile.home_branch, self.profile.subscriptions,
                                                   self.profile.current, self.profile.attendance, self.profile.ledger)
            self.model.update_customer(updated)
            self.notice.show_message(tr("New card made for {name}. The old card no longer works; print or "
                                        "save the new one.").format(name=isolate(updated.full_name)),
                                     "success", about=updated.id)
            self._ctx.events.customer_changed.emit(updated.id)

        def failed(error: BaseException) -> None:
            self.detail.regenerate_button.setEnabled(True)
            self.notice.show_error(error)

        self._ctx.runner.run(lambda: customers.regenerate_card(desk, customer.id), done, failed, write=True)

    def card_face(self) -> CardFace | None:
        customer = self.current_customer()
        if customer is None:
            return None
        return CardFace.of(customer, self.branch_names.get(customer.branch_id, ""))

    def save_card(self, path: str | None = None) -> None:
        face = self.card_face()
        if face is not None:
            save_card_in_background(face, self, self._ctx.runner, self.notice, path)

    def print_card(self) -> None:
        face = self.card_face()
        if face is not None:
            try:
                print_card(face, self)
            except OSError as error:
                self.notice.show_error(tr("Printing did not work: {error}").format(error=isolate(error)))
