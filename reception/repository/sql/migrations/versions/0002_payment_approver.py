"""Payments remember the manager who approved a changed price.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("payments") as batch_op:
        batch_op.add_column(sa.Column("approved_by", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("list_price", sa.BigInteger(), nullable=True))
        batch_op.create_foreign_key("fk_payments_approved_by_staff", "staff", ["approved_by"], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("payments") as batch_op:
        batch_op.drop_constraint("fk_payments_approved_by_staff", type_="foreignkey")
        batch_op.drop_column("list_price")
        batch_op.drop_column("approved_by")
