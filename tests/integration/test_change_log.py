"""Events out: every committed write is in the change log, a reader following its cursor sees each record
once it is committed, and a transaction that commits late is never skipped."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from reception.bootstrap import App, open_app
from reception.domain.commands import ChangeCursor
from reception.domain.errors import ValidationError
from reception.domain.models import AttendanceAction
from reception.repository.sql import create_engine_for
from reception.repository.sql.repositories.changes import SqlChangeRepository, note
from reception.services.demo import build_demo
from tests.conftest import FakeClock, owner_desk


@pytest.fixture
def gym(database_url: str, clock: FakeClock) -> Iterator[App]:
    from reception.repository.sql.maintenance import upgrade

    upgrade(database_url)
    app = open_app(database_url, clock=clock)
    build_demo(app.uow, clock)
    yield app
    app.close()


def _drain(app: App, after: str | None = None) -> tuple[list[tuple[str, str]], str]:
    """Every change after `after`, page by page, as (entity, id), and the last cursor."""
    desk = owner_desk(app)
    seen: list[tuple[str, str]] = []
    cursor = after
    while True:
        page = app.changes.page(desk, cursor, limit=1000)
        seen += [(c.entity, c.entity_id) for c in page.changes]
        if str(page.cursor) == cursor or not page.changes:
            return seen, str(page.cursor)
        cursor = str(page.cursor)


def test_every_kind_of_write_is_in_the_change_log_and_reads_are_not(gym: App, clock: FakeClock) -> None:
    desk = owner_desk(gym)
    _, start = _drain(gym)
    pack = next(s for s in gym.catalogue.services(active_only=True) if s.kind.is_pack)

    member = gym.customers.register(desk, full_name="Hana Samir", phone="01055566677")
    sold = gym.subscriptions.activate(desk, member.id, pack.id)
    clock.advance(minutes=1)
    visit = gym.desk.check_in(desk, member.id, AttendanceAction.CHECK_IN_WITH_DEDUCTION,
                              subscription_id=sold.subscription.id)
    renewed = gym.customers.regenerate_card(desk, member.id)
    clock.advance(minutes=1)
    gym.attendance.reverse(desk, visit.attendance.id, "Scanned by mistake")

    changed, after = _drain(gym, start)
    expected = {("customer", str(member.id)), ("subscription", str(sold.subscription.id)),
                ("payment", str(sold.payment.id)), ("attendance", str(visit.attendance.id)),
                ("revoked_card", member.qr_code)}
    assert expected <= set(changed)
    kinds = [kind for kind, _ in changed]
    assert kinds.count("ledger") == 3  # the purchase, the visit's deduction, the reversal's credit back
    assert kinds.count("attendance") >= 3  # the visit, the reversal, the visit marked reversed
    assert renewed.qr_code != member.qr_code

    # looking things up writes nothing to the log
    gym.customers.search(desk, "Hana")
    gym.desk.decision_for(desk, member.id)
    gym.customers.profile(desk, member.id)
    assert _drain(gym, after) == ([], after)


def test_a_cursor_that_is_not_one_is_refused_in_words(gym: App) -> None:
    with pytest.raises(ValidationError, match="looks like"):
        gym.changes.page(owner_desk(gym), "yesterday")


@pytest.mark.postgres
def test_a_transaction_that_commits_late_is_read_after_it_commits_never_skipped(postgres_url: str) -> None:
    """Two server transactions: the first takes its place in the log first but commits last. A reader between
    the two commits must not move past it (a plain sequence cursor would, and lose the first forever)."""
    from reception.repository.sql.maintenance import upgrade

    upgrade(postgres_url)
    engine = create_engine_for(postgres_url)
    try:
        def read(after: ChangeCursor) -> list[str]:
            with Session(engine) as reader:
                return [c.entity_id for c in SqlChangeRepository(reader).after(after, 1000)]

        def last() -> ChangeCursor:
            with Session(engine) as reader:
                found = SqlChangeRepository(reader).after(ChangeCursor(), 1_000_000)
            return found[-1].cursor if found else ChangeCursor()

        start = last()
        early, late = str(uuid.uuid4()), str(uuid.uuid4())
        slow = Session(engine)
        slow.execute(sa.text("SELECT pg_current_xact_id()"))  # its first write gives it its id now: a check-in's
        note(slow, "customer", [(early, None)])  # log rows are written as it commits, below
        with Session(engine) as quick:
            note(quick, "customer", [(late, None)])
            quick.commit()
        seen_between = read(start)
        assert late not in seen_between and early not in seen_between  # held back while the first is open
        slow.commit()
        slow.close()
        assert read(start) == [early, late]  # both, each once, once both are committed
    finally:
        engine.dispose()


def test_a_busy_gym_read_in_small_pages_gives_every_change_once(gym: App, clock: FakeClock) -> None:
    desk = owner_desk(gym)
    _, start = _drain(gym)
    made = [gym.customers.register(desk, full_name=f"Member {n}", phone=f"0105555{n:04d}").id for n in range(25)]
    seen: list[str] = []
    cursor: str | None = start
    for _ in range(100):
        page = gym.changes.page(desk, cursor, limit=7)
        if not page.changes:
            break
        seen += [c.entity_id for c in page.changes if c.entity == "customer"]
        cursor = str(page.cursor)
        clock.advance(seconds=1)
    assert seen == [str(m) for m in made]


def test_a_savepoint_undone_takes_back_its_changes_and_a_commit_writes_the_rest_at_once(database_url: str) -> None:
    """A server request that is refused after it wrote (its savepoint rolled back) leaves no change behind; what
    was noted around it is written, once, when the transaction commits, in one statement."""
    from sqlalchemy import event

    from reception.repository.sql.maintenance import upgrade

    upgrade(database_url)
    engine = create_engine_for(database_url)
    inserts: list[str] = []
    event.listen(engine, "before_cursor_execute",
                 lambda _c, _cur, statement, *_: inserts.append(statement) if "INSERT INTO changes" in statement else None)
    try:
        with Session(engine) as reader:
            start = (SqlChangeRepository(reader).after(ChangeCursor(), 1_000_000) or [None])[-1]
        kept, undone, inner, later = (str(uuid.uuid4()) for _ in range(4))
        with Session(engine) as session:
            session.execute(sa.text("SELECT 1"))
            note(session, "customer", [(kept, None)])
            outer = session.begin_nested()
            note(session, "customer", [(undone, None)])
            nested = session.begin_nested()
            note(session, "customer", [(inner, None)])
            nested.commit()  # released into the savepoint around it, which is then undone
            outer.rollback()
            note(session, "attendance", [(later, None)])
            assert inserts == []  # nothing is written before the commit
            session.commit()
        assert len(inserts) == 1
        with Session(engine) as reader:
            found = SqlChangeRepository(reader).after(start.cursor if start else ChangeCursor(), 1000)
        assert [c.entity_id for c in found] == [kept, later]
    finally:
        engine.dispose()
