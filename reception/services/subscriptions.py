"""Selling and looking after subscriptions: activation, renewal, deduction, freeze."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from reception.clock import Clock
from reception.domain.errors import (
    AlreadyActive,
    BranchMismatch,
    CustomerInactive,
    CustomerNotFound,
    NoSessionsLeft,
    NotAllowed,
    NotFound,
    PermissionDenied,
    ServiceNotFound,
    ServiceUnavailable,
    SubscriptionNotActive,
    SubscriptionNotFound,
    ValidationError,
)
from reception.domain.models import (
    Customer,
    LedgerEntry,
    LedgerKind,
    Payment,
    PaymentMethod,
    Service,
    Staff,
    Subscription,
    SubscriptionStatus,
)
from reception.domain.periods import FreezePlan, end_date_for, local_today, plan_freeze, plan_unfreeze, renewal_start
from reception.domain.authorization import Action, Actor, allowed
from reception.domain.commands import Op, started
from reception.repository.ports import UnitOfWork
from reception.services.access import check
from reception.services.auth import StaffService
from reception.services.context import ActivationResult, Approval, Desk, Receipt

GYM_NAME = "Reception Gym"


@dataclass(frozen=True)
class Quote:
    """What the activation dialog previews before the sale."""

    service: Service
    start_date: date
    end_date: date
    units: int | None
    price: Decimal
    is_renewal: bool
    current_end_date: date | None


class SubscriptionService:
    def __init__(self, uow: UnitOfWork, clock: Clock, staff: StaffService, gym_name: str = GYM_NAME) -> None:
        self._uow = uow
        self._clock = clock
        self._staff = staff
        self.gym_name = gym_name

    def quote(self, desk: Desk, customer_id: uuid.UUID, service_id: uuid.UUID, start: date | None = None) -> Quote:
        with self._uow.reading() as uow:
            check(uow, desk, Action.SELL, desk.branch.id)
            customer, service, blocking = self._load(uow, customer_id, service_id)
            today = self._today(desk)
            current_end = max((s.end_date for s in blocking), default=None)
            begin = start or (renewal_start(current_end, today) if current_end else today)
        return Quote(service, begin, end_date_for(begin, service.months), service.units, service.price,
                     current_end is not None, current_end)

    def activate(
        self,
        desk: Desk,
        customer_id: uuid.UUID,
        service_id: uuid.UUID,
        *,
        payment_method: PaymentMethod = PaymentMethod.CASH,
        start_date: date | None = None,
        amount: Decimal | str | None = None,
        renew: bool = False,
        approval: Approval | None = None,
        branch_id: uuid.UUID | None = None,
        op: Op | None = None,
    ) -> ActivationResult:
        """Sell a subscription at the customer's home branch: a payment row and a receipt.

        `branch_id`, when a caller names one (the REST contract does), must be the customer's home branch."""
        if payment_method not in desk.branch.rules.payment_methods:
            raise NotAllowed(f"{payment_method.label} is not accepted at this branch.")
        with self._uow.reading() as uow:
            listed = uow.services.get(service_id)
        price = self._price(listed, amount) if listed else Decimal(0)
        # Approval signs in a manager; it happens before the sale's transaction opens.
        approver = self._price_approver(desk, approval) if listed and price != listed.price else None
        op = started(op, "Activate", self._clock.now(), desk.staff_id)
        now = op.at
        today = self._today(desk, now)
        with self._uow as uow:
            check(uow, desk, Action.SELL, desk.branch.id)
            if approver is not None and approver.id == desk.staff.id:
                check(uow, desk, Action.CHANGE_PRICE, desk.branch.id)
            customer, service, blocking = self._load(uow, customer_id, service_id, lock=True)
            if branch_id is not None and branch_id != customer.branch_id:
                raise BranchMismatch("The subscription's branch must be the member's home branch.")
            if not customer.is_active:
                raise CustomerInactive("This member's account is deactivated; reactivate it first.")
            if service.price != (listed.price if listed else None):
                raise NotAllowed(f"The price of {service.name} changed just now; check it and try again.")
            start = start_date or today
            if blocking:
                current_end = max(s.end_date for s in blocking)
                begin = renewal_start(current_end, today)
                if not renew:
                    raise AlreadyActive(
                        f"{customer.full_name} already has an active subscription until {current_end:%d %b %Y}. "
                        f"Renew from {begin:%d %b %Y} instead?",
                        current_end,
                        begin,
                    )
                start = max(start, begin)
            elif start < today:
                raise ValidationError({"start_date": "A subscription cannot start in the past."})
            subscription = Subscription(
                id=op.derive("subscription"),
                customer_id=customer.id,
                service_id=service.id,
                service_name=service.name,
                branch_id=customer.branch_id,  # the home branch, so a mismatch cannot happen here
                sold_by=desk.staff_id,
                sold_at_branch=desk.branch.id,
                subscription_type=service.kind,
                start_date=start,
                end_date=end_date_for(start, service.months),
                amount=price,
                payment_method=payment_method,
                status=SubscriptionStatus.ACTIVE,
                created_at=now,
                total_units=service.units if service.kind.is_pack else None,
                remaining=service.units if service.kind.is_pack else None,
            )
            uow.subscriptions.add(subscription)
            if service.kind.is_pack:
                uow.subscriptions.add_ledger(
                    LedgerEntry(op.derive("ledger", subscription.id), subscription.id, LedgerKind.PURCHASE, service.units or 0, now,
                                desk.staff_id, reason=f"Bought {service.name}")
                )
            payment = Payment(op.derive("payment"), uow.payments.next_receipt_no(), price, payment_method, subscription.id,
                              customer.id, desk.staff_id, desk.branch.id, now,
                              approved_by=approver.id if approver else None,
                              list_price=service.price if approver else None,
                              receipt_series=uow.payments.receipt_series())
            uow.payments.add(payment)
            uow.commit()
        return ActivationResult(subscription, payment, self._receipt(desk, customer, subscription, payment), approver)

    def deduct_session(self, desk: Desk, subscription_id: uuid.UUID, *, reason: str = "", op: Op | None = None) -> int:
        """Take one session/coin without a visit; returns what is left."""
        op = started(op, "Deduct", self._clock.now(), desk.staff_id)
        now = op.at
        with self._uow as uow:
            check(uow, desk, Action.CHECK_IN, desk.branch.id)
            sub = self._get(uow, subscription_id, lock=True)
            if not sub.is_pack:
                raise NotAllowed("A monthly subscription has no sessions to deduct.")
            today = self._today(desk, now)
            if sub.remaining is not None and sub.remaining <= 0 and sub.status_on(today) is SubscriptionStatus.EXPIRED \
                    and sub.end_date >= today and sub.status is SubscriptionStatus.ACTIVE:
                raise NoSessionsLeft(f"No {sub.subscription_type.unit}s left.")
            if not sub.is_usable_on(today):
                raise SubscriptionNotActive(f"{sub.service_name} is {sub.status_on(today).value}.")
            left = uow.subscriptions.deduct_one(sub.id)
            if left is None:
                raise NoSessionsLeft(f"No {sub.subscription_type.unit}s left.")
            uow.subscriptions.add_ledger(
                LedgerEntry(op.derive("ledger", sub.id), sub.id, LedgerKind.VISIT, -1, now, desk.staff_id, reason=reason)
            )
            uow.commit()
        return left

    def correct_balance(self, desk: Desk, subscription_id: uuid.UUID, delta: int, reason: str, *,
                        op: Op | None = None) -> int:
        """A manager's ±N correction with a reason; the balance never goes below zero."""
        if not reason.strip():
            raise ValidationError({"reason": "Write why the balance is corrected."})
        op = started(op, "CorrectBalance", self._clock.now(), desk.staff_id)
        with self._uow as uow:
            sub = self._get(uow, subscription_id, lock=True)
            if not sub.is_pack:
                raise NotFound("That pack does not exist.")
            check(uow, desk, Action.CORRECT_BALANCE, sub.branch_id)
            if (sub.remaining or 0) + delta < 0:
                raise NotAllowed(f"Only {sub.remaining} left; the balance cannot go below zero.")
            left = uow.subscriptions.credit(sub.id, delta)
            uow.subscriptions.add_ledger(LedgerEntry(op.derive("ledger", sub.id), sub.id, LedgerKind.CORRECTION, delta,
                                                     op.at, desk.staff_id, reason=reason.strip()))
            uow.commit()
        return left

    def freeze_preview(self, desk: Desk, subscription_id: uuid.UUID, *, start: date, days: int) -> FreezePlan:
        """What a freeze would do (new end date), checked against the yearly limit; nothing is written."""
        with self._uow.reading() as uow:
            check(uow, desk, Action.VIEW_MEMBER)
            sub = self._get(uow, subscription_id)
            return self._plan_freeze(uow, desk, sub, start, days, self._clock.now())

    def freeze_days_left(self, desk: Desk, subscription_id: uuid.UUID) -> int:
        """Freeze days the member still has this year under the desk branch's limit."""
        with self._uow.reading() as uow:
            check(uow, desk, Action.VIEW_MEMBER)
            sub = self._get(uow, subscription_id)
            used = uow.subscriptions.freeze_days_used(sub.customer_id, self._clock.now() - timedelta(days=365))
        return max(0, desk.branch.rules.max_freeze_days_per_year - used)

    def freeze(self, desk: Desk, subscription_id: uuid.UUID, *, start: date, days: int,
               approval: Approval | None = None, op: Op | None = None) -> Subscription:
        """A manager freezes from `start` for `days` days; the end date moves by the frozen days."""
        now = (started(op, "Freeze", self._clock.now(), desk.staff_id)).at
        with self._uow.reading() as uow:
            home = self._get(uow, subscription_id).branch_id
        approver = self._freeze_approver(desk, approval, home)
        with self._uow as uow:
            sub = self._get(uow, subscription_id, lock=True)
            approver = self._confirm_approver(uow, desk, approver, Action.FREEZE, sub.branch_id)
            plan = self._plan_freeze(uow, desk, sub, start, days, now)
            frozen = replace(sub, status=SubscriptionStatus.FROZEN, frozen_from=plan.frozen_from,
                             frozen_until=plan.frozen_until, end_date=plan.new_end_date)
            uow.subscriptions.update(frozen)
            uow.subscriptions.record_freeze(sub.id, plan.days, now, approver.id)
            uow.commit()
        return frozen

    def unfreeze(self, desk: Desk, subscription_id: uuid.UUID, *, approval: Approval | None = None,
                 op: Op | None = None) -> Subscription:
        """End a freeze today; the days not used come off the moved end date again."""
        now = (started(op, "Unfreeze", self._clock.now(), desk.staff_id)).at
        with self._uow.reading() as uow:
            home = self._get(uow, subscription_id).branch_id
        approver = self._freeze_approver(desk, approval, home)
        with self._uow as uow:
            sub = self._get(uow, subscription_id, lock=True)
            approver = self._confirm_approver(uow, desk, approver, Action.FREEZE, sub.branch_id)
            if sub.status is not SubscriptionStatus.FROZEN or sub.frozen_from is None or sub.frozen_until is None:
                raise NotAllowed("This subscription is not frozen.")
            plan = plan_unfreeze(frozen_from=sub.frozen_from, frozen_until=sub.frozen_until,
                                 end_date=sub.end_date, today=self._today(desk, now))
            returned = (sub.frozen_until - plan.frozen_until).days
            thawed = replace(sub, status=SubscriptionStatus.ACTIVE, end_date=plan.new_end_date,
                             frozen_from=sub.frozen_from if plan.days else None,
                             frozen_until=plan.frozen_until if plan.days else None)
            uow.subscriptions.update(thawed)
            if returned:
                uow.subscriptions.record_freeze(sub.id, -returned, now, approver.id)
            uow.commit()
        return thawed

    def cancel(self, desk: Desk, subscription_id: uuid.UUID) -> Subscription:
        with self._uow as uow:
            sub = self._get(uow, subscription_id, lock=True)
            check(uow, desk, Action.CANCEL_SUBSCRIPTION, sub.branch_id)
            cancelled = replace(sub, status=SubscriptionStatus.CANCELLED)
            uow.subscriptions.update(cancelled)
            uow.commit()
        return cancelled

    def get(self, desk: Desk, subscription_id: uuid.UUID) -> Subscription:
        with self._uow.reading() as uow:
            check(uow, desk, Action.VIEW_MEMBER)
            return self._get(uow, subscription_id)

    def ledger(self, desk: Desk, subscription_id: uuid.UUID) -> list[LedgerEntry]:
        with self._uow.reading() as uow:
            check(uow, desk, Action.VIEW_MEMBER)
            return uow.subscriptions.ledger(subscription_id)

    def receipt_for(self, desk: Desk, subscription_id: uuid.UUID) -> Receipt:
        with self._uow.reading() as uow:
            check(uow, desk, Action.VIEW_MEMBER)
            sub = self._get(uow, subscription_id)
            customer = uow.customers.get(sub.customer_id)
            payments = uow.payments.for_subscription(sub.id)
            if customer is None or not payments:
                raise NotFound("No payment was recorded for this subscription.")
            seller = uow.staff.get(payments[0].staff_id) if payments[0].staff_id else None
            branch = uow.branches.get(payments[0].branch_id) or desk.branch
        return self._receipt(Desk(seller or desk.staff, branch), customer, sub, payments[0])

    # -- helpers -------------------------------------------------------------------

    def _receipt(self, desk: Desk, customer: Customer, sub: Subscription, payment: Payment) -> Receipt:
        return Receipt(
            receipt_no=payment.receipt_no, gym_name=self.gym_name, branch_name=desk.branch.name,
            member_no=customer.member_no, member_name=customer.full_name, service_name=sub.service_name,
            start_date=sub.start_date, end_date=sub.end_date, units=sub.total_units,
            unit_name=sub.subscription_type.unit, amount=payment.amount, currency=desk.branch.rules.currency,
            method=payment.method.label, staff_name=desk.staff.full_name, issued_at=payment.created_at,
            timezone=desk.branch.timezone, receipt_series=payment.receipt_series,
        )

    def _today(self, desk: Desk, now: datetime | None = None) -> date:
        return local_today(now or self._clock.now(), desk.branch.timezone)

    def _plan_freeze(self, uow: UnitOfWork, desk: Desk, sub: Subscription, start: date, days: int,
                     now: datetime) -> FreezePlan:
        today = self._today(desk, now)
        if sub.status is SubscriptionStatus.FROZEN:
            raise NotAllowed(f"This subscription already has a freeze from {sub.frozen_from:%d %b %Y}; "
                             "unfreeze it first.")
        if sub.status_on(today) is not SubscriptionStatus.ACTIVE:
            raise NotAllowed(f"Only an active subscription can be frozen; this one is {sub.status_on(today).value}.")
        used = uow.subscriptions.freeze_days_used(sub.customer_id, now - timedelta(days=365))
        return plan_freeze(start=start, days=days, end_date=sub.end_date, today=today, used_this_year=used,
                           max_per_year=desk.branch.rules.max_freeze_days_per_year)

    def _freeze_approver(self, desk: Desk, approval: Approval | None, home: uuid.UUID) -> Staff:
        """The desk's staff if their role may freeze (checked on the stored record in the transaction),
        else the manager of the member's home branch (or the owner) whose credentials were typed."""
        if approval is None or allowed(Actor(desk.staff, desk.branch.id), Action.FREEZE, home):
            return desk.staff
        return self._staff.approve(approval, Action.FREEZE, home)

    def _price_approver(self, desk: Desk, approval: Approval | None) -> Staff:
        if allowed(Actor(desk.staff, desk.branch.id), Action.CHANGE_PRICE, desk.branch.id):
            return desk.staff
        if approval is None:
            raise PermissionDenied("A manager must approve a price change.")
        return self._staff.approve(approval, Action.CHANGE_PRICE, desk.branch.id)

    @staticmethod
    def _confirm_approver(uow: UnitOfWork, desk: Desk, approver: Staff, action: Action,
                          branch_id: uuid.UUID) -> Staff:
        """In the write's transaction: the desk's staff is still active; if they approve themselves,
        their stored record may do this for that branch."""
        actor = check(uow, desk, action, branch_id) if approver.id == desk.staff.id else check(
            uow, desk, Action.VIEW_MEMBER)
        return actor.staff or approver

    @staticmethod
    def _price(service: Service, amount: Decimal | str | None) -> Decimal:
        if amount is None or amount == "":
            return service.price
        try:
            value = Decimal(str(amount).strip().replace(",", ""))
        except InvalidOperation:
            raise ValidationError({"amount": "The price must be a number."}) from None
        if not value.is_finite() or value < 0 or value > Decimal("1000000"):
            raise ValidationError({"amount": "The price must be between 0 and 1,000,000."})
        return value.quantize(Decimal("0.01"))

    def _load(self, uow: UnitOfWork, customer_id: uuid.UUID, service_id: uuid.UUID, *, lock: bool = False
              ) -> tuple[Customer, Service, list[Subscription]]:
        """With `lock`, the member is held first: "no second active subscription" holds for two desks at once."""
        customer = uow.customers.lock(customer_id) if lock else uow.customers.get(customer_id)
        if customer is None:
            raise CustomerNotFound("That member no longer exists.")
        service = uow.services.get(service_id)
        if service is None:
            raise ServiceNotFound("That service does not exist.")
        if not service.is_active:
            raise ServiceUnavailable(f"{service.name} is no longer sold.")
        if not service.kind.is_subscription:
            raise ServiceUnavailable(f"{service.name} is a day pass: sell it with Sell day pass, not as a subscription.")
        branch = uow.branches.get(customer.branch_id)
        today = local_today(self._clock.now(), branch.timezone if branch else "UTC")
        blocking = [
            s for s in uow.subscriptions.for_customer(customer.id)
            if s.status is not SubscriptionStatus.CANCELLED
            and s.status_on(today) in (SubscriptionStatus.ACTIVE, SubscriptionStatus.FROZEN)
            and s.end_date >= today
        ]
        return customer, service, blocking

    @staticmethod
    def _get(uow: UnitOfWork, subscription_id: uuid.UUID, *, lock: bool = False) -> Subscription:
        """With `lock`, its member is held first and the subscription read after (a write follows)."""
        sub = uow.subscriptions.get(subscription_id)
        if sub is not None and lock:
            uow.customers.lock(sub.customer_id)
            sub = uow.subscriptions.get(subscription_id)
        if sub is None:
            raise SubscriptionNotFound("That subscription does not exist.")
        return sub
