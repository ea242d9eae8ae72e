"""Schema migrations: fresh databases reach head; a local file behind head is backed up, then
upgraded; PostgreSQL is never upgraded behind the administrator's back."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url as sa_url
import sqlalchemy as sa

from reception import paths
from reception.domain.errors import StorageError
from reception.repository.sql import SqlUnitOfWork, create_engine_for, maintenance
from reception.repository.sql.engine import sqlite_path
from tests.integration.helpers_gym import seed_gym_at_old_revision, seed_gym

HEAD = maintenance.head_revision()  # the newest revision this release ships

SECOND_REVISION = '''"""Test-only revision: members get a locker number."""

import sqlalchemy as sa
from alembic import op

revision = "9001"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("customers") as batch_op:
        batch_op.add_column(sa.Column("locker_no", sa.String(8), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("customers") as batch_op:
        batch_op.drop_column("locker_no")
'''


@pytest.fixture
def next_release(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Pretends a newer Reception shipped one more revision (a batch ALTER on customers)."""
    scripts = tmp_path / "migrations"
    shutil.copytree(maintenance.MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "9001_locker_no.py").write_text(SECOND_REVISION.replace("{head}", HEAD))
    monkeypatch.setattr(maintenance, "MIGRATIONS", scripts)
    return "9001"


def _tables(url: str) -> set[str]:
    engine = create_engine_for(url)
    try:
        return set(sa.inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_empty_database_upgrades_to_head(database_url: str) -> None:
    assert maintenance.current_revision(database_url) is None
    assert maintenance.upgrade(database_url) is None  # nothing to back up
    assert maintenance.current_revision(database_url) == maintenance.head_revision() == HEAD
    assert {"customers", "customer_terms", "subscriptions", "attendance", "payments", "counters"} <= _tables(
        database_url
    )
    assert maintenance.upgrade(database_url) is None  # a second run changes nothing


def test_new_sqlite_file_is_created_at_start(sqlite_url: str) -> None:
    path = sqlite_path(sqlite_url)
    assert path is not None and not path.exists()
    assert maintenance.ensure_schema(sqlite_url, auto_upgrade=True) is None
    assert path.exists() and maintenance.current_revision(sqlite_url) == HEAD
    assert list(paths.backup_dir().iterdir()) == []


def test_sqlite_file_behind_head_is_backed_up_then_upgraded(sqlite_url: str, next_release: str) -> None:
    maintenance_head = maintenance.head_revision()
    assert maintenance_head == next_release
    # The gym's file as the previous release left it: at this release's head, with members and a pack.
    engine = create_engine_for(sqlite_url)
    with engine.begin() as connection:
        from alembic.command import upgrade

        config = maintenance._config(sqlite_url)
        config.attributes["connection"] = connection
        upgrade(config, HEAD)
    gym = seed_gym(SqlUnitOfWork(engine))
    engine.dispose()

    saved = maintenance.ensure_schema(sqlite_url, auto_upgrade=True)

    assert saved is not None and saved.parent == paths.backup_dir()
    assert "before-9001" in saved.name
    with sqlite3.connect(saved) as old:  # the backup is the file as it was, data included
        assert old.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD,)
        assert old.execute("SELECT full_name FROM customers").fetchall() == [("Mohamed Salem",)]
    assert maintenance.current_revision(sqlite_url) == "9001"
    with sqlite3.connect(sqlite_path(sqlite_url)) as new:  # type: ignore[arg-type]
        assert new.execute("SELECT full_name, locker_no FROM customers").fetchall() == [("Mohamed Salem", "")]
        assert new.execute("PRAGMA foreign_key_check").fetchall() == []
    uow = SqlUnitOfWork(create_engine_for(sqlite_url))
    with uow.reading():
        assert uow.subscriptions.get(gym.pack.id) == gym.pack
    uow.engine.dispose()


def test_postgresql_mismatch_is_refused_with_the_command_to_run(postgres_url: str) -> None:
    with pytest.raises(StorageError, match=r"reception db upgrade --db postgresql\+psycopg://reception:\*\*\*@") as err:
        maintenance.ensure_schema(postgres_url, auto_upgrade=True)
    assert "has no Reception tables yet" in str(err.value)
    password = sa_url(postgres_url).password
    assert password and password not in str(err.value)  # the password is not shown
    assert maintenance.current_revision(postgres_url) is None  # nothing was changed


def test_postgresql_behind_head_is_refused_until_upgraded(postgres_url: str, next_release: str) -> None:
    engine = create_engine_for(postgres_url)
    with engine.begin() as connection:
        from alembic.command import upgrade

        config = maintenance._config(postgres_url)
        config.attributes["connection"] = connection
        upgrade(config, HEAD)
    engine.dispose()
    with pytest.raises(StorageError, match=rf"revision {HEAD}.*needs revision 9001.*reception db upgrade"):
        maintenance.ensure_schema(postgres_url, auto_upgrade=True)
    assert maintenance.upgrade(postgres_url) is None  # what `reception db upgrade` does
    maintenance.ensure_schema(postgres_url, auto_upgrade=False)


def test_database_from_a_newer_release_is_refused(sqlite_url: str) -> None:
    maintenance.upgrade(sqlite_url)
    with sqlite3.connect(sqlite_path(sqlite_url)) as connection:  # type: ignore[arg-type]
        connection.execute("UPDATE alembic_version SET version_num = '0099'")
    before = sqlite_path(sqlite_url).read_bytes()  # type: ignore[union-attr]
    with pytest.raises(StorageError, match="newer version of Reception"):
        maintenance.ensure_schema(sqlite_url, auto_upgrade=True)
    assert sqlite_path(sqlite_url).read_bytes() == before  # type: ignore[union-attr]


def test_payments_of_a_0001_file_survive_the_upgrade_that_adds_the_approver(sqlite_url: str) -> None:
    from datetime import UTC, datetime
    from decimal import Decimal

    from reception.domain.models import Payment, PaymentMethod, new_id
    from reception.repository.sql import tables

    engine = create_engine_for(sqlite_url)
    with engine.begin() as connection:
        from alembic.command import upgrade

        config = maintenance._config(sqlite_url)
        config.attributes["connection"] = connection
        upgrade(config, "0001")
    gym = seed_gym_at_old_revision(engine)  # 0002 changed only payments, so the rest is written as today
    sold = datetime(2026, 11, 1, 8, 30, tzinfo=UTC)
    taken = [
        Payment(new_id(), 1, Decimal("1200.50"), PaymentMethod.CASH, gym.pack.id, gym.customer.id, gym.staff.id,
                gym.branch.id, sold),
        Payment(new_id(), 2, Decimal("0.05"), PaymentMethod.MOBILE_WALLET, gym.pack.id, gym.customer.id, None,
                gym.branch.id, sold.replace(hour=19)),
    ]
    with engine.begin() as connection:  # the payments a 0001 desk wrote: no approver, no list price columns
        for p in taken:
            connection.execute(sa.insert(tables.payments).values(
                id=p.id, receipt_no=p.receipt_no, amount=p.amount, method=p.method.value,
                subscription_id=p.subscription_id, customer_id=p.customer_id, staff_id=p.staff_id,
                branch_id=p.branch_id, created_at=p.created_at))
    engine.dispose()
    with sqlite3.connect(sqlite_path(sqlite_url)) as old:  # type: ignore[arg-type]
        assert "approved_by" not in [row[1] for row in old.execute("PRAGMA table_info(payments)")]
        assert old.execute("SELECT count(*) FROM payments").fetchone() == (2,)

    saved = maintenance.ensure_schema(sqlite_url, auto_upgrade=True)

    assert saved is not None  # backed up before the change
    with sqlite3.connect(saved) as backup:
        assert backup.execute("SELECT count(*) FROM payments").fetchone() == (2,)
    with sqlite3.connect(sqlite_path(sqlite_url)) as new:  # type: ignore[arg-type]
        columns = [row[1] for row in new.execute("PRAGMA table_info(payments)")]
        assert {"approved_by", "list_price"} <= set(columns)
        assert new.execute("PRAGMA foreign_key_check").fetchall() == []
    uow = SqlUnitOfWork(create_engine_for(sqlite_url))
    with uow.reading():
        assert uow.payments.query() == taken  # every amount, method, staff and time as it was; no approver
        assert uow.payments.for_subscription(gym.pack.id) == taken
        assert uow.payments.next_receipt_no() == 3  # the receipt series carries on
    uow.engine.dispose()


def test_english_access_log_rows_of_a_0005_database_become_reason_codes_on_upgrade(database_url: str) -> None:
    """The log page filters and translates by code, so the sentences older desks stored are read back as codes
    with their facts; a sentence no rule knows is kept word for word."""
    import uuid
    from datetime import UTC, date, datetime

    from alembic.command import upgrade

    engine = create_engine_for(database_url)
    with engine.begin() as connection:
        config = maintenance._config(database_url)
        config.attributes["connection"] = connection
        upgrade(config, "0005")
    gym = seed_gym(SqlUnitOfWork(engine))
    at = datetime(2026, 11, 1, 8, 30, tzinfo=UTC)
    old = {  # what 0005 desks wrote: one English sentence per line, "allowed" for a manager's override
        "Expired on 30 Oct 2026": (False, None),
        "Card replaced on 20 Oct 2026: an old card of Sara Mahmoud; use the new card": (False, None),
        "Member of Maadi; not allowed at this branch": (False, None),
        "Only 1 session left\nEnds in 2 days (03 Nov 2026)": (True, None),
        "No coins left on Climbing 10": (False, None),
        "allowed": (True, gym.staff.id),
        "The manager's own words": (False, None),
        "": (True, None),
    }
    ids = {}
    with engine.begin() as connection:
        for n, (text, (allowed, override)) in enumerate(old.items()):
            ids[text] = uuid.uuid4()
            connection.execute(sa.text(
                "INSERT INTO access_log (id, code, allowed, reasons, branch_id, created_at, override_by, "
                "override_reason) VALUES (:id, 'GYM-1-0A1B2C3D', :allowed, :reasons, :branch, :at, :by, '')"),
                {"id": ids[text] if database_url.startswith("postgresql") else ids[text].hex, "allowed": allowed,
                 "reasons": text, "branch": gym.branch.id if database_url.startswith("postgresql") else
                 gym.branch.id.hex, "at": at.replace(minute=n), "by": (override if database_url.startswith(
                     "postgresql") else override.hex) if override else None})
    engine.dispose()

    maintenance.upgrade(database_url)

    uow = SqlUnitOfWork(create_engine_for(database_url))
    with uow.reading():
        rows = {e.id: e for e in uow.access_log.query()}
        assert len(rows) == len(old)
        seen = {text: [(r.code, dict(r.params)) for r in rows[ids[text]].reasons] for text in old}
        assert uow.access_log.count(reason="revoked") == 1 and uow.access_log.count(reason="") == 2
        assert [e.id for e in uow.access_log.query(reason="expired")] == [ids["Expired on 30 Oct 2026"]]
    uow.engine.dispose()
    assert seen == {
        "Expired on 30 Oct 2026": [("expired", {"end": date(2026, 10, 30)})],
        "Card replaced on 20 Oct 2026: an old card of Sara Mahmoud; use the new card":
            [("revoked", {"when": date(2026, 10, 20), "owner": "Sara Mahmoud"})],
        "Member of Maadi; not allowed at this branch": [("other_branch", {"home": "Maadi"})],
        "Only 1 session left\nEnds in 2 days (03 Nov 2026)":
            [("low_balance", {"remaining": 1, "unit": "session"}), ("ending_soon", {"days": 2, "end": date(2026, 11, 3)})],
        "No coins left on Climbing 10": [("no_sessions", {"unit": "coin"})],
        "allowed": [],
        "The manager's own words": [("other", {})],
        "": [],
    }
