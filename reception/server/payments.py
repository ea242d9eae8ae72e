"""Payment providers for the visitor's day-pass page (seed 003).

A provider takes the visitor's payment for one pass and says whether it went through; the page sells the pass
only after it has. The test provider charges nothing and is on only when the server was started in demo mode
(`reception serve --demo`). A real provider (Paymob, Stripe, …) implements the same two members against its
documented API; none is written here, because this machine cannot reach one to test it (docs/DECISIONS.md).
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from reception.domain.models import PaymentMethod

DEMO_ENV = "RECEPTION_DEMO_PAYMENTS"  # set by `reception serve --demo` only
DECLINED_CARD = "4000000000000002"  # the test provider's card that is declined, as providers' test cards are


@dataclass(frozen=True)
class Charged:
    ok: bool
    reference: str = ""
    message: str = ""


class PaymentProvider(Protocol):
    name: str
    method: PaymentMethod

    def charge(self, amount: Decimal, currency: str, description: str, card: str) -> Charged:
        """Takes `amount` for one day pass; `card` is what the visitor typed for the provider (never stored)."""
        ...


class TestProvider:
    """The demo's provider: every card is accepted except the declined test card. No money moves."""

    name = "Test payment (demo: no money is taken)"
    method = PaymentMethod.CARD

    def charge(self, amount: Decimal, currency: str, description: str, card: str) -> Charged:
        digits = "".join(ch for ch in card if ch.isdigit())
        if digits == DECLINED_CARD:
            return Charged(False, message="The card was declined. Try another card, or buy the pass at the desk.")
        if len(digits) < 12:
            return Charged(False, message="Type the card number (12 digits or more).")
        return Charged(True, reference=f"test-{uuid.uuid4().hex[:12]}")


def configured() -> PaymentProvider | None:
    """The provider this server takes payments with: the test one in demo mode, else none (the page says so)."""
    return TestProvider() if os.environ.get(DEMO_ENV) == "1" else None
