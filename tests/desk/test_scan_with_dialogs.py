"""A scan while a dialog or the lock screen is open goes to the Scan page, never into the dialog's fields (DESIGN §4)."""

from __future__ import annotations

import time

import pytest

from tests.desk.harness import Card, Desk

pytestmark = pytest.mark.desk

PHOTO_CHOOSER = "QFileDialog"


def scan_and_see(desk: Desk, card: Card) -> dict[str, object]:
    """Scan a card; the decision card the Scan page painted for it."""
    mark = desk.trace.mark()
    desk.scan(card.code)
    shown = desk.trace.wait("card", after=mark, timeout=15)[0]
    assert (shown["code"], shown["member_no"], shown["source"]) == (card.code, card.member_no, "wedge")
    return shown


def denied_card(desk: Desk) -> Card:
    card = desk.db.unsubscribed(branch=1)[0]
    shown = scan_and_see(desk, card)
    assert shown["state"] == "deny", f"member {card.member_no} has no subscription, yet: {shown}"
    return card


def test_a_scan_during_registration_shows_the_member_and_leaves_the_form_alone(desk: Desk) -> None:
    member = desk.db.monthly_members(branch=1)[0]
    customers = desk.db.count("customers")
    desk.key("ctrl+2")
    desk.key("ctrl+n")
    desk.wait_window("RegisterDialog")

    scan_and_see(desk, member)
    time.sleep(0.5)  # long enough for a scanner's Enter to have pressed a button, if it reached the dialog
    assert not desk.has_window(PHOTO_CHOOSER), "the scanner's Enter opened the photo chooser"
    assert desk.has_window("RegisterDialog"), "the registration in progress was closed by a scan"

    # The receptionist finishes the registration: the name saved is exactly what they typed.
    desk.x.run("xdotool", "windowactivate", "--sync", desk.wait_window("RegisterDialog"), check=False)
    desk.type_text("Karim Nabil")
    desk.key("Tab")
    desk.type_text("01099900011")
    desk.key("ctrl+Return")
    deadline = time.monotonic() + 15
    while desk.db.count("customers") == customers and time.monotonic() < deadline:
        time.sleep(0.1)
    names = [row[0] for row in desk.db.rows("SELECT full_name FROM customers ORDER BY rowid DESC LIMIT 1")]
    assert desk.db.count("customers") == customers + 1
    assert names == ["Karim Nabil"]


def test_a_scan_while_overriding_is_not_taken_as_the_reason(start_desk) -> None:  # type: ignore[no-untyped-def]
    desk = start_desk(username="manager")  # a manager overrides without a second login
    member = desk.db.monthly_members(branch=1)[0]
    denied = denied_card(desk)
    logged = desk.db.access_mark()
    desk.key("F9")
    desk.wait_window("OverrideDialog")

    scan_and_see(desk, member)
    time.sleep(0.5)
    overrides = [row for row in desk.db.access_since(logged) if row[3]]
    assert overrides == [], f"the scan wrote an override: {overrides}"
    assert desk.has_window("OverrideDialog"), "the override in progress was closed by a scan"

    # The reason typed next is the only thing in the field.
    desk.x.run("xdotool", "windowactivate", "--sync", desk.wait_window("OverrideDialog"), check=False)
    desk.type_text("Paid at the bar")
    desk.key("Return")
    deadline = time.monotonic() + 15
    while not (overrides := [row for row in desk.db.access_since(logged) if row[3]]) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [(code, reason) for code, _allowed, _reasons, reason in overrides] == [(denied.code, "Paid at the bar")]


def test_a_scan_while_selling_a_subscription_does_not_touch_the_sale(desk: Desk) -> None:
    denied = denied_card(desk)
    member = desk.db.monthly_members(branch=1)[0]
    subscriptions, payments = desk.db.count("subscriptions"), desk.db.count("payments")
    desk.key("ctrl+b")  # right after "No active subscription"
    title = "ActivateDialog"
    desk.wait_window(title)

    scan_and_see(desk, member)
    time.sleep(0.5)
    assert desk.has_window(title), "the sale in progress was closed by a scan"
    assert (desk.db.count("subscriptions"), desk.db.count("payments")) == (subscriptions, payments)


def test_a_scan_on_the_lock_screen_is_refused_and_the_password_field_stays_clean(desk: Desk) -> None:
    member = desk.db.monthly_members(branch=1)[0]
    desk.key("ctrl+l")
    time.sleep(0.3)
    mark, logged = desk.trace.mark(), desk.db.access_mark()

    desk.scan(member.code)
    refused = desk.trace.wait("scan_refused", after=mark, timeout=15)[0]
    assert (refused["reason"], refused["code"]) == ("locked", member.code)
    desk.trace.quiet(0.5)
    assert desk.trace.since(mark, "card") == [], "a card was shown behind the lock screen"
    assert desk.db.access_since(logged) == [], "a scan on a locked desk was logged as a decision"

    # The password typed next is the only thing in the field: the desk unlocks at once.
    desk.type_text("demo1234")
    desk.key("Return")
    ready = desk.trace.wait("ready", after=mark, timeout=15)[0]
    assert ready["staff"] == "desk1"
