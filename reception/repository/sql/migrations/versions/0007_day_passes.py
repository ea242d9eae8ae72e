"""Day passes: the passes sold, the keys that sign them, payments without a member or subscription (a pass's),
and the access log's pass and station of each attempt.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "passes",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("key_id", sa.String(length=8), nullable=False),
        sa.Column("branch_id", sa.Uuid(), nullable=False),
        sa.Column("scope", sa.Integer(), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("visitor_name", sa.String(length=120), server_default="", nullable=False),
        sa.Column("visitor_phone", sa.String(length=32), server_default="", nullable=False),
        sa.Column("service_id", sa.Uuid(), nullable=True),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("payment_id", sa.Uuid(), nullable=True),
        sa.Column("staff_id", sa.Uuid(), nullable=True),
        sa.Column("station", sa.String(length=64), server_default="", nullable=False),
        sa.Column("voided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("voided_by", sa.Uuid(), nullable=True),
        sa.Column("void_reason", sa.Text(), server_default="", nullable=False),
        sa.ForeignKeyConstraint(["branch_id"], ["branches.id"], name=op.f("fk_passes_branch_id_branches")),
        sa.ForeignKeyConstraint(["service_id"], ["services.id"], name=op.f("fk_passes_service_id_services")),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"], name=op.f("fk_passes_staff_id_staff")),
        sa.ForeignKeyConstraint(["voided_by"], ["staff.id"], name=op.f("fk_passes_voided_by_staff")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_passes")),
    )
    op.create_index("ix_passes_branch_issued", "passes", ["branch_id", "issued_at"], unique=False)
    op.create_table(
        "pass_keys",
        sa.Column("key_id", sa.String(length=8), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("holder", sa.String(length=64), server_default="", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("key_id", name=op.f("pk_pass_keys")),
    )
    with op.batch_alter_table("access_log") as batch_op:
        batch_op.add_column(sa.Column("pass_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("station", sa.String(length=64), server_default="", nullable=False))
        batch_op.create_index("ix_access_log_pass", ["pass_id", "allowed"], unique=False)
    with op.batch_alter_table("payments") as batch_op:
        batch_op.add_column(sa.Column("pass_id", sa.Uuid(), nullable=True))
        batch_op.alter_column("subscription_id", existing_type=sa.Uuid(), nullable=True)
        batch_op.alter_column("customer_id", existing_type=sa.Uuid(), nullable=True)


def downgrade() -> None:
    bind = op.get_bind()
    # A day pass's payment has no subscription: it cannot stay in the older schema, which requires one.
    bind.execute(sa.text("DELETE FROM payments WHERE subscription_id IS NULL OR customer_id IS NULL"))
    with op.batch_alter_table("payments") as batch_op:
        batch_op.alter_column("customer_id", existing_type=sa.Uuid(), nullable=False)
        batch_op.alter_column("subscription_id", existing_type=sa.Uuid(), nullable=False)
        batch_op.drop_column("pass_id")
    with op.batch_alter_table("access_log") as batch_op:
        batch_op.drop_index("ix_access_log_pass")
        batch_op.drop_column("station")
        batch_op.drop_column("pass_id")
    op.drop_table("pass_keys")
    op.drop_index("ix_passes_branch_issued", table_name="passes")
    op.drop_table("passes")
