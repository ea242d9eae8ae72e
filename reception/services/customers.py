"""Registering, editing, finding customers, and replacing lost cards."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

from reception.clock import Clock
from reception.domain.authorization import Action, Actor, redact
from reception.domain.commands import Op, started
from reception.domain.errors import CustomerNotFound, DomainError, NotFound
from reception.domain.models import Customer, RevokedCard
from reception.domain.passwords import generate_temp_password
from reception.domain.periods import local_today
from reception.domain.qr import clean_code, generate_code, looks_like_card
from reception.domain.search import query_tokens
from reception.domain.text import plain_text
from reception.domain.scan import current_subscription
from reception.domain.validation import check_customer_fields
from reception.repository.ports import UnitOfWork
from reception.services.access import check
from reception.services.context import CustomerProfile, Desk, SubscriptionView

MAX_SEARCH_INPUT = 4096  # a 5 MB paste is cut here before anything looks at it
EDITABLE = (
    "full_name", "phone", "email", "date_of_birth", "height_cm", "weight_kg", "gender", "address",
    "national_id", "health_notes", "notes", "photo", "is_active",
)


class PhoneInUse(DomainError):
    """Families share phones: the desk shows who has it and asks to confirm."""

    code = "phone_in_use"

    def __init__(self, existing: list[Customer]) -> None:  # redacted by the caller
        names = ", ".join(f"{c.full_name} (#{c.member_no})" for c in existing[:3])
        super().__init__(f"This phone is already used by {names}. Register anyway?")
        self.existing = existing


class CustomerService:
    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    def register(
        self,
        desk: Desk,
        *,
        full_name: str,
        phone: str,
        branch_id: uuid.UUID | None = None,
        shared_phone_ok: bool = False,
        op: Op | None = None,
        card_secret: str = "",
        temp_password: str = "",
        **fields: object,
    ) -> Customer:
        """A new member with a card code and a temporary password (AB12CD).

        `card_secret` and `temp_password` are made with the operation (domain.commands.Register), so the
        same operation done again makes the same card; without them they are made here."""
        branch_id = branch_id or desk.branch.id
        op = started(op, "Register", self._clock.now(), desk.staff_id)
        now = op.at
        clean = self._validated(full_name=full_name, phone=phone, fields=fields, today=local_today(now, desk.branch.timezone))
        with self._uow as uow:
            actor = check(uow, desk, Action.REGISTER, branch_id)
            if uow.branches.get(branch_id) is None:
                raise NotFound("That branch does not exist.")
            existing = uow.customers.by_phone(str(clean["phone"]))
            if existing and not shared_phone_ok:
                raise PhoneInUse([redact(c, actor) for c in existing])
            member_no = uow.customers.next_member_no()
            customer = Customer(
                id=op.derive("customer"),
                member_no=member_no,
                branch_id=branch_id,
                qr_code=self._unused_code(uow, member_no, card_secret),
                created_at=now,
                updated_at=now,
                temp_password=temp_password or generate_temp_password(),
                **clean,  # type: ignore[arg-type]
            )
            uow.customers.add(customer)
            uow.commit()
        return customer

    def update(self, desk: Desk, customer_id: uuid.UUID, shared_phone_ok: bool = False, **changes: object) -> Customer:
        unknown = set(changes) - set(EDITABLE)
        if unknown:
            raise ValueError(f"not editable: {sorted(unknown)}")
        now = self._clock.now()
        with self._uow as uow:
            customer = self._get(uow, customer_id, lock=True)
            actor = check(uow, desk, Action.EDIT_MEMBER, customer.branch_id)
            merged = {key: changes.get(key, getattr(customer, key)) for key in EDITABLE}
            clean = self._validated(
                full_name=str(merged.pop("full_name")),
                phone=str(merged.pop("phone")),
                fields=merged,
                today=local_today(now, desk.branch.timezone),
            )
            if clean["phone"] != customer.phone and not shared_phone_ok:
                others = [c for c in uow.customers.by_phone(str(clean["phone"])) if c.id != customer.id]
                if others:
                    raise PhoneInUse([redact(c, actor) for c in others])
            updated = replace(customer, updated_at=now, **clean)  # type: ignore[arg-type]
            uow.customers.update(updated)
            uow.commit()
        return updated

    def mark_password_changed(self, desk: Desk, customer_id: uuid.UUID) -> Customer:
        """The member changed the temporary password in the member app: stop showing it."""
        with self._uow as uow:
            customer = self._get(uow, customer_id, lock=True)
            check(uow, desk, Action.EDIT_MEMBER, customer.branch_id)
            updated = replace(customer, temp_password=None, password_changed=True, updated_at=self._clock.now())
            uow.customers.update(updated)
            uow.commit()
        return updated

    def regenerate_card(self, desk: Desk, customer_id: uuid.UUID, *, op: Op | None = None,
                        card_secret: str = "") -> Customer:
        """A new card code; the old one is kept as revoked so its scan says 'card replaced'."""
        now = (started(op, "RegenerateCard", self._clock.now(), desk.staff_id)).at
        with self._uow as uow:
            customer = self._get(uow, customer_id, lock=True)
            check(uow, desk, Action.REGENERATE_CARD, customer.branch_id)
            uow.customers.revoke_card(RevokedCard(customer.qr_code, customer.id, now))
            updated = replace(customer, qr_code=self._unused_code(uow, customer.member_no, card_secret), updated_at=now)
            uow.customers.update(updated)
            uow.commit()
        return updated

    def search(self, desk: Desk, text: str, *, branch_id: uuid.UUID | None = None, limit: int = 50) -> list[Customer]:
        with self._uow.reading() as uow:
            actor = check(uow, desk, Action.VIEW_MEMBER)
            return _shown(uow.customers.get_many(self._search_ids(uow, text, branch_id, limit)), actor)

    def search_ids(self, desk: Desk, text: str, *, branch_id: uuid.UUID | None = None,
                   limit: int = 500) -> list[uuid.UUID]:
        """For the Customers page: ids first, rows fetched as they scroll into view."""
        with self._uow.reading() as uow:
            check(uow, desk, Action.VIEW_MEMBER)
            return self._search_ids(uow, text, branch_id, limit)

    def get_many(self, desk: Desk, ids: list[uuid.UUID]) -> list[Customer]:
        with self._uow.reading() as uow:
            actor = check(uow, desk, Action.VIEW_MEMBER)
            return _shown(uow.customers.get_many(ids), actor)

    def get(self, desk: Desk, customer_id: uuid.UUID) -> Customer:
        with self._uow.reading() as uow:
            actor = check(uow, desk, Action.VIEW_MEMBER)
            return redact(self._get(uow, customer_id), actor)

    def by_member_no(self, desk: Desk, member_no: int) -> Customer:
        with self._uow.reading() as uow:
            actor = check(uow, desk, Action.VIEW_MEMBER)
            customer = uow.customers.by_member_no(member_no)
        if customer is None:
            raise CustomerNotFound(f"No member with number {member_no}.")
        return redact(customer, actor)

    def home_branch_of_card(self, desk: Desk, code: str) -> uuid.UUID | None:
        """The home branch of a card's member, for a kiosk that serves whichever branch the card is from."""
        with self._uow.reading() as uow:
            check(uow, desk, Action.SCAN, desk.branch.id)
            clean = clean_code(code[:100])
            customer = uow.customers.by_code(clean) if looks_like_card(clean) else None
        return customer.branch_id if customer else None

    def profile(self, desk: Desk, customer_id: uuid.UUID, *, attendance_limit: int = 200) -> CustomerProfile:
        now = self._clock.now()
        with self._uow.reading() as uow:
            actor = check(uow, desk, Action.VIEW_MEMBER)
            customer = redact(self._get(uow, customer_id), actor)
            branch = uow.branches.get(customer.branch_id)
            today = local_today(now, branch.timezone if branch else "UTC")
            subs = uow.subscriptions.for_customer(customer.id)
            visits = uow.attendance.query(customer_id=customer.id, limit=attendance_limit)
        views = tuple(SubscriptionView(s, s.status_on(today)) for s in subs)
        current = current_subscription(subs, today)
        current_view = next((v for v in views if current and v.id == current.id), None)
        return CustomerProfile(customer, branch, views, current_view, tuple(visits))

    def page(self, desk: Desk, *, branch_id: uuid.UUID | None = None, limit: int = 50, offset: int = 0
             ) -> tuple[list[Customer], int]:
        """One page of members by member number, and how many there are in all."""
        with self._uow.reading() as uow:
            actor = check(uow, desk, Action.VIEW_MEMBER)
            return (_shown(uow.customers.page(branch_id=branch_id, limit=limit, offset=offset), actor),
                    uow.customers.count(branch_id))

    def count(self, branch_id: uuid.UUID | None = None) -> int:
        with self._uow.reading() as uow:
            return uow.customers.count(branch_id)

    # -- helpers -----------------------------------------------------------------

    @staticmethod
    def _search_ids(uow: UnitOfWork, text: str, branch_id: uuid.UUID | None, limit: int) -> list[uuid.UUID]:
        text = plain_text(text[:MAX_SEARCH_INPUT]) if isinstance(text, str) else ""
        code = clean_code(text[:100])
        if looks_like_card(code):
            customer = uow.customers.by_code(code)
            if customer is not None and (branch_id is None or customer.branch_id == branch_id):
                return [customer.id]
        tokens = query_tokens(text)
        if not tokens:
            return []
        return uow.customers.search_ids(tokens, branch_id=branch_id, limit=limit)

    @staticmethod
    def _get(uow: UnitOfWork, customer_id: uuid.UUID, *, lock: bool = False) -> Customer:
        customer = uow.customers.lock(customer_id) if lock else uow.customers.get(customer_id)
        if customer is None:
            raise CustomerNotFound("That member no longer exists.")
        return customer

    @staticmethod
    def _unused_code(uow: UnitOfWork, member_no: int, secret: str = "") -> str:
        """The card code with the operation's secret when it has one and it is free, else a new random one."""
        for attempt in range(20):
            code = generate_code(member_no, secret if attempt == 0 else "")
            if uow.customers.by_code(code) is None and uow.customers.revoked_card(code) is None:
                return code
        raise RuntimeError("could not generate a unique card code")

    @staticmethod
    def _validated(*, full_name: str, phone: str, fields: dict[str, object], today: date) -> dict[str, object]:
        extra = {k: v for k, v in fields.items() if k not in ("date_of_birth", "height_cm", "weight_kg", "email", "photo")}
        unknown = set(extra) - set(EDITABLE)
        if unknown:
            raise ValueError(f"unknown customer fields: {sorted(unknown)}")
        clean = check_customer_fields(
            full_name=plain_text(full_name),
            phone=plain_text(phone),
            email=plain_text(str(fields.get("email") or "")),
            date_of_birth=fields.get("date_of_birth"),  # type: ignore[arg-type]
            height_cm=fields.get("height_cm"),
            weight_kg=fields.get("weight_kg"),
            photo=fields.get("photo"),  # type: ignore[arg-type]
            today=today,
        )
        for key, value in extra.items():
            clean[key] = plain_text(value).strip() if isinstance(value, str) else value
        return clean


def _shown(customers: list[Customer], actor: Actor) -> list[Customer]:
    return [redact(c, actor) for c in customers]
