"""Members' photos at a branch desk: a first copy has none (100,000 members' photos would be gigabytes); a desk
fetches a member's photo from the chain's server when it first shows them, keeps it, and shows it."""

from __future__ import annotations

import io
import uuid

import pytest
import sqlalchemy as sa
from PIL import Image

from reception.repository.sql.tables import customers
from reception.sync.agent import SyncAgent
from reception.sync.client import Refused, Unreachable
from tests.server.helpers import owner_desk
from tests.sync.checks import assert_converged, desk_of, engine_of, pack_members, waiting
from tests.sync.conftest import Chain

pytestmark = [pytest.mark.server, pytest.mark.postgres]


def jpeg(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 64), colour).save(out, "JPEG")
    return out.getvalue()


def stored_photo(app: object, customer_id: uuid.UUID) -> bytes | None:
    with engine_of(app).connect() as connection:
        return connection.execute(sa.select(customers.c.photo).where(customers.c.id == customer_id)).scalar_one()


def with_photo(chain: Chain, photo: bytes) -> object:
    """A member of branch 1 with a pack, their photo taken at the server's side (another desk of the chain)."""
    (member,) = pack_members(chain.server, 1, 1, units=5)
    return chain.server.customers.update(owner_desk(chain.server, 1), member.id, photo=photo)


def test_a_first_copy_has_no_photos_and_a_desk_fetches_a_members_photo_once_and_keeps_it(chain: Chain) -> None:
    photo = jpeg((200, 40, 40))
    member = with_photo(chain, photo)
    (plain,) = pack_members(chain.server, 1, 1, units=5)
    one = chain.desk("north", 1)
    assert stored_photo(chain.server, member.id) == photo
    assert stored_photo(one.app, member.id) is None  # not in the first copy
    agent = SyncAgent(one.app.replica, one.app.clock, timeout=5)
    assert agent.fetch_photo(member.id) == photo
    assert stored_photo(one.app, member.id) == photo  # kept for the next time, offline too
    assert waiting(one.app) == 0  # keeping it is no change of this desk's to send
    assert agent.fetch_photo(plain.id) is None and stored_photo(one.app, plain.id) is None
    with pytest.raises(Refused):
        agent.fetch_photo(uuid.uuid4())  # no such member: the server says so
    chain.proxy.partition(True)
    with pytest.raises(Unreachable):
        agent.fetch_photo(member.id)
    chain.proxy.partition(False)
    # A new photo taken at another desk reaches this one with the member's row, as any change does.
    newer = jpeg((40, 200, 40))
    chain.server.customers.update(owner_desk(chain.server, 1), member.id, photo=newer)
    assert one.sync().ok
    assert stored_photo(one.app, member.id) == newer
    assert_converged(chain.server, [one])


def test_a_photo_taken_at_the_desk_before_it_was_pushed_is_not_replaced_by_a_fetch(chain: Chain) -> None:
    member = with_photo(chain, jpeg((10, 10, 200)))
    one = chain.desk("north", 1)
    mine = jpeg((250, 250, 0))
    one.app.customers.update(desk_of(one.app, "manager"), member.id, photo=mine)  # waits in the outbox
    chain.proxy.partition(True)
    one.sync()
    chain.proxy.partition(False)
    SyncAgent(one.app.replica, one.app.clock, timeout=5).fetch_photo(member.id)
    assert stored_photo(one.app, member.id) == mine and waiting(one.app) == 1
    assert one.sync().ok
    assert stored_photo(chain.server, member.id) == mine
    assert_converged(chain.server, [one])
