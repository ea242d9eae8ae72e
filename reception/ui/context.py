"""What every page and dialog is handed (who is at the desk, the runner, the events), and the wiring's context."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from reception.bootstrap import App
from reception.services.context import Desk
from reception.ui.tasks import Runner


class DeskEvents(QObject):
    """Narrow change events: a page updates the one row or customer that changed."""

    checked_in = Signal(object)  # services.context.CheckInResult
    visit_reversed = Signal(object)  # domain.models.Attendance (the original, now reversed)
    customer_changed = Signal(object)  # uuid.UUID of the customer
    subscription_changed = Signal(object)  # uuid.UUID of the customer whose subscriptions changed
    desk_changed = Signal(object)  # services.context.Desk after a sign-in / switch user
    scanned = Signal(str)  # a code read by the camera or a USB scanner, routed to the Scan page
    open_customer = Signal(object)  # uuid.UUID: show this member on the Customers page
    photo_wanted = Signal(object)  # uuid.UUID of a member shown without a photo (a branch desk fetches it)
    photo_arrived = Signal(object, object)  # uuid.UUID, bytes: that member's photo, fetched from the server


@dataclass
class DeskContext:
    """Who is at the desk now (it changes at a sign-in), the runner, the events, sounds and the shared camera.

    Pages and dialogs get this plus the services they call, each by name; never the whole App.
    """

    desk: Desk
    runner: Runner
    events: DeskEvents
    sounds: object  # ui.sounds.Sounds (kept loose to avoid an import cycle)
    settings: dict[str, object] = field(default_factory=dict)
    camera: object = None  # ui.camera_controller.CameraController, shared by the Scan page and photo dialogs

    def set_desk(self, desk: Desk) -> None:
        self.desk = desk
        self.events.desk_changed.emit(desk)

    @property
    def branch_id(self) -> uuid.UUID:
        return self.desk.branch.id


@dataclass
class UiContext(DeskContext):
    """The desk context with the App, for the wiring only (ui/app.py, ui/main_window.py): it hands each page
    and dialog the services it uses (tests/unit/test_ui_wiring.py keeps `.app` out of every other module)."""

    app: App = field(kw_only=True)
