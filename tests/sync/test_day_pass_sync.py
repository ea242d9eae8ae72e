"""Day passes between branch desks and the chain's server, through a proxy that breaks the line: a pass sold at a
desk offline is verified at another desk once synced (its key certified by the server), first use wins once the
desks hear of it, and two desks that each let it in while offline meet on the server as one sync issue."""

from __future__ import annotations

import pytest

from reception.domain.models import PaymentMethod
from reception.domain.sync import IssueKind
from tests.sync.checks import assert_converged, desk_of
from tests.sync.conftest import Chain

pytestmark = [pytest.mark.server, pytest.mark.postgres]


def test_a_pass_sold_offline_is_checked_at_another_desk_and_two_offline_uses_are_one_issue(chain: Chain) -> None:
    north, gate = chain.desk("north", 1), chain.desk("north-gate", 1)
    chain.proxy.partition(True)
    sold = north.app.passes.sell(desk_of(north.app, "desk1"), name="Visitor", method=PaymentMethod.CASH)
    # the other desk has never heard of this desk's key: it cannot vouch for the pass yet
    unknown = gate.app.passes.verify(desk_of(gate.app, "desk1"), sold.code, admit=False)
    assert unknown.code == "pass_unknown_key"
    chain.proxy.partition(False)
    assert north.sync().ok and gate.sync().ok
    with chain.server.uow.reading() as uow:
        key = next(k for k in uow.passes.signing_keys() if k.key_id == sold.day_pass.key_id)
    assert key.holder == north.app.replica.state()["device_id"]  # the server took the key from its own desk
    # both desks offline: each lets the visitor in, neither can know of the other's admission
    chain.proxy.partition(True)
    assert north.app.passes.verify(desk_of(north.app, "desk1"), sold.code, admit=True).admitted
    assert gate.app.passes.verify(gate.app.kiosk_desk(desk_of(gate.app, "desk1").branch), sold.code,
                                  admit=True, station="gate").admitted
    chain.proxy.partition(False)
    assert north.sync().ok and gate.sync().ok and north.sync().ok
    twice = [i for i in chain.server.sync_server.issues() if i.kind is IssueKind.PASS_USED_TWICE]
    assert len(twice) == 1
    entries = twice[0].details["entries"]
    assert isinstance(entries, list) and len(entries) == 2
    assert {e["station"] for e in entries} == {"", "gate"}
    # once the desks have heard of it, a third try anywhere is denied "used"
    again = north.app.passes.verify(desk_of(north.app, "desk1"), sold.code, admit=True)
    assert again.code == "pass_used"
    assert north.sync().ok and gate.sync().ok
    assert_converged(chain.server, [north, gate])


def test_a_desk_connected_after_a_use_knows_the_pass_is_used(chain: Chain) -> None:
    north = chain.desk("north", 1)
    sold = north.app.passes.sell(desk_of(north.app, "desk1"), method=PaymentMethod.CARD)
    assert north.app.passes.verify(desk_of(north.app, "desk1"), sold.code, admit=True).admitted
    assert north.sync().ok
    later = chain.desk("later", 1)  # its first copy holds the passes still valid and their uses
    verdict = later.app.passes.verify(desk_of(later.app, "desk1"), sold.code, admit=True)
    assert verdict.code == "pass_used"
    assert later.sync().ok and north.sync().ok
