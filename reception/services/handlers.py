"""Each command to the service that does it: the same services the desk calls, so a rule lives once.

A handler passes the command's operation (its id and start time) down, so whatever it creates takes its
ids and times from the command: the same command handled again makes the same rows, not a second set.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reception.domain.commands import (
    Activate,
    CheckIn,
    Command,
    CorrectBalance,
    Deduct,
    Freeze,
    Override,
    RegenerateCard,
    Register,
    Reverse,
    Unfreeze,
)
from reception.domain.errors import NoSessionsLeft
from reception.domain.models import AttendanceAction
from reception.services.context import ActivationResult, Approval, CheckInResult, Desk

if TYPE_CHECKING:
    from reception.bootstrap import App
    from reception.domain.models import Attendance, Customer, Subscription



def handle(app: App, desk: Desk, command: Command, *, approval: Approval | None = None
           ) -> CheckInResult | ActivationResult | Customer | Subscription | Attendance | int:
    """Does `command` at `desk`; `approval` is a manager's sign-in typed at a receptionist's desk (never part of
    the command, so no password is ever stored with an operation)."""
    op = command.op
    if isinstance(command, CheckIn):
        return app.desk.check_in(desk, command.customer_id, command.action, subscription_id=command.subscription_id,
                                 confirm_repeat=command.confirm_repeat, op=op)
    if isinstance(command, Deduct):
        sub = app.subscriptions.get(desk, command.subscription_id)
        if not sub.is_pack:
            raise NoSessionsLeft("A monthly subscription has no sessions or coins to deduct.")
        return app.desk.check_in(desk, sub.customer_id, AttendanceAction.CHECK_IN_WITH_DEDUCTION,
                                 subscription_id=sub.id, op=op)
    if isinstance(command, Activate):
        return app.subscriptions.activate(desk, command.customer_id, command.service_id,
                                          payment_method=command.payment_method, amount=command.amount,
                                          start_date=command.start_date, renew=command.renew,
                                          branch_id=command.branch_id, approval=approval, op=op)
    if isinstance(command, Register):
        return app.customers.register(desk, full_name=command.full_name, phone=command.phone,
                                      branch_id=command.branch_id, shared_phone_ok=command.shared_phone_ok,
                                      op=op, card_secret=command.card_secret, temp_password=command.temp_password,
                                      **dict(command.fields))
    if isinstance(command, RegenerateCard):
        return app.customers.regenerate_card(desk, command.customer_id, op=op, card_secret=command.card_secret)
    if isinstance(command, Freeze):
        return app.subscriptions.freeze(desk, command.subscription_id, start=command.start, days=command.days,
                                        approval=approval, op=op)
    if isinstance(command, Unfreeze):
        return app.subscriptions.unfreeze(desk, command.subscription_id, approval=approval, op=op)
    if isinstance(command, Reverse):
        return app.attendance.reverse(desk, command.attendance_id, command.reason, approval=approval, op=op)
    if isinstance(command, Override):
        return app.desk.override(desk, command.customer_id, reason=command.reason, approval=approval,
                                 action=command.action, op=op)
    if isinstance(command, CorrectBalance):
        return app.subscriptions.correct_balance(desk, command.subscription_id, command.delta, command.reason, op=op)
    raise TypeError(f"no handler for {type(command).__name__}")
