"""Each command to the service that does it: the same services the desk calls, so a rule lives once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reception.domain.commands import Activate, CheckIn, Command, Deduct, RegenerateCard, Register
from reception.domain.errors import NoSessionsLeft
from reception.domain.models import AttendanceAction
from reception.services.context import ActivationResult, CheckInResult, Desk

if TYPE_CHECKING:
    from reception.bootstrap import App
    from reception.domain.models import Customer


def handle(app: App, desk: Desk, command: Command) -> CheckInResult | ActivationResult | Customer:
    if isinstance(command, CheckIn):
        return app.desk.check_in(desk, command.customer_id, command.action, subscription_id=command.subscription_id)
    if isinstance(command, Deduct):
        sub = app.subscriptions.get(desk, command.subscription_id)
        if not sub.is_pack:
            raise NoSessionsLeft("A monthly subscription has no sessions or coins to deduct.")
        return app.desk.check_in(desk, sub.customer_id, AttendanceAction.CHECK_IN_WITH_DEDUCTION,
                                 subscription_id=sub.id)
    if isinstance(command, Activate):
        return app.subscriptions.activate(desk, command.customer_id, command.service_id,
                                          payment_method=command.payment_method, amount=command.amount,
                                          start_date=command.start_date,  # type: ignore[arg-type]
                                          branch_id=command.branch_id)
    if isinstance(command, Register):
        return app.customers.register(desk, full_name=command.full_name, phone=command.phone,
                                      branch_id=command.branch_id, shared_phone_ok=command.shared_phone_ok,
                                      **dict(command.fields))
    if isinstance(command, RegenerateCard):
        return app.customers.regenerate_card(desk, command.customer_id)
    raise TypeError(f"no handler for {type(command).__name__}")
