"""The shipped migrations form one line (one head), match the tables the code uses, and carry a
0002 database with its data to head on SQLite and PostgreSQL."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.command import upgrade as alembic_upgrade
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from reception.bootstrap import open_app
from reception.domain.errors import AuthenticationFailed
from reception.repository.sql import SqlUnitOfWork, create_engine_for, maintenance
from reception.repository.sql.tables import metadata
from tests.integration.helpers_gym import engine_of, seed_gym_at_old_revision


def heads(scripts: Path) -> list[str]:
    config = maintenance._config()
    config.set_main_option("script_location", str(scripts))
    return list(ScriptDirectory.from_config(config).get_heads())


def test_the_migrations_have_a_single_head() -> None:
    assert heads(maintenance.MIGRATIONS) == [maintenance.head_revision()]


def test_a_second_revision_on_the_same_parent_is_caught(tmp_path: Path) -> None:
    """The check above can fail: two revisions made in parallel on one parent are two heads."""
    scripts = tmp_path / "migrations"
    shutil.copytree(maintenance.MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    parent = maintenance.head_revision()
    (scripts / "versions" / "9002_fork.py").write_text(
        f'revision = "9002"\ndown_revision = "{ScriptDirectory.from_config(maintenance._config()).get_revision(parent).down_revision}"\n'
        "branch_labels = None\ndepends_on = None\n\n\ndef upgrade() -> None:\n    pass\n\n\n"
        "def downgrade() -> None:\n    pass\n"
    )
    assert len(heads(scripts)) == 2


def test_head_matches_the_tables_the_code_uses(database_url: str) -> None:
    maintenance.upgrade(database_url)
    engine = create_engine_for(database_url)
    try:
        with engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), metadata)
    finally:
        engine.dispose()
    assert differences == []


def test_a_0002_database_with_data_upgrades_to_head(database_url: str, tmp_path: Path) -> None:
    engine = create_engine_for(database_url)
    with engine.begin() as connection:
        config = maintenance._config(database_url)
        config.attributes["connection"] = connection
        alembic_upgrade(config, "0002")
    gym = seed_gym_at_old_revision(engine)
    assert "login_attempts" not in sa.inspect(engine).get_table_names()
    engine.dispose()

    maintenance.upgrade(database_url, backup_dir=tmp_path)  # what `reception db upgrade` (or a desk's start) does

    assert maintenance.current_revision(database_url) == maintenance.head_revision()
    app = open_app(database_url, migrate=False)
    try:
        with app.uow.reading() as uow:
            assert uow.customers.get(gym.customer.id) == gym.customer
            assert uow.subscriptions.get(gym.pack.id) == gym.pack
        with pytest.raises(AuthenticationFailed):  # the new table takes the attempt
            app.staff.authenticate(gym.staff.username, "not-the-password")
        with engine_of(app).connect() as connection:
            assert connection.execute(sa.text("SELECT count(*) FROM login_attempts")).scalar_one() == 1
    finally:
        app.close()
