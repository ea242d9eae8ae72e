"""A sync issue's resolution names what was done with it (`action`): for operations held from a disconnected desk,
"apply" (the server applies them as they were sent) or "discard"; for every other kind, "" (words only).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("sync_issues") as batch_op:
        batch_op.add_column(sa.Column("action", sa.String(length=16), server_default="", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("sync_issues") as batch_op:
        batch_op.drop_column("action")
