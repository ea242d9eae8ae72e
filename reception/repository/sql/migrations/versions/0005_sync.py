"""Branch desks and their sync: enrolled devices, leased number blocks and sync issues on the server; the
outbox, the rows a transaction touched and the sync's state on a desk's replica.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A pack's balance is its ledger's sum, and a visit made offline at two branches can take it to -1: the sync
    # records that (and opens an issue) instead of losing a visit. The services still never deduct below zero.
    with op.batch_alter_table("subscriptions") as batch_op:
        batch_op.drop_constraint(op.f("ck_subscriptions_remaining_not_negative"), type_="check")
    # Each branch desk numbers its receipts in a series of its own (N3-000001), so two desks offline never
    # hand out one number; the gym's own desks and the server keep the series "".
    with op.batch_alter_table("payments") as batch_op:
        batch_op.add_column(sa.Column("receipt_series", sa.String(length=16), server_default="", nullable=False))
        batch_op.drop_constraint(op.f("uq_payments_receipt_no"), type_="unique")
        batch_op.create_unique_constraint(op.f("uq_payments_receipt_series"), ["receipt_series", "receipt_no"])
    op.create_table(
        "devices",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("branch_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("enrolled_by", sa.Uuid(), nullable=True),
        sa.Column("enrolled_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seq", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("last_push_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("series_no", sa.Integer(), nullable=False),
        sa.UniqueConstraint("series_no", name="uq_devices_series_no"),
        sa.ForeignKeyConstraint(["branch_id"], ["branches.id"], name="fk_devices_branch_id_branches"),
        sa.ForeignKeyConstraint(["enrolled_by"], ["staff.id"], name="fk_devices_enrolled_by_staff"),
        sa.PrimaryKeyConstraint("id", name="pk_devices"),
    )
    op.create_table(
        "number_blocks",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("device_id", sa.Uuid(), nullable=False),
        sa.Column("counter", sa.String(length=32), nullable=False),
        sa.Column("first", sa.BigInteger(), nullable=False),
        sa.Column("last", sa.BigInteger(), nullable=False),
        sa.Column("leased_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["device_id"], ["devices.id"], name="fk_number_blocks_device_id_devices"),
        sa.PrimaryKeyConstraint("id", name="pk_number_blocks"),
    )
    op.create_index("ix_number_blocks_device_id", "number_blocks", ["device_id"])
    op.create_table(
        "sync_issues",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("branch_id", sa.Uuid(), nullable=True),
        sa.Column("customer_id", sa.Uuid(), nullable=True),
        sa.Column("subject", sa.String(length=64), nullable=False),
        sa.Column("device_id", sa.Uuid(), nullable=True),
        sa.Column("operation_id", sa.Uuid(), nullable=True),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_by", sa.Uuid(), nullable=True),
        sa.Column("resolution", sa.Text(), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sync_issues"),
    )
    op.create_index("ix_sync_issues_open", "sync_issues", ["kind", "subject", "resolved_at"])
    op.create_table(
        "outbox",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("operation_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("staff_id", sa.Uuid(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("pushed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("result", sa.Text(), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_outbox"),
        sa.UniqueConstraint("operation_id", name="uq_outbox_operation_id"),
    )
    op.create_table(
        "sync_touched",
        sa.Column("tbl", sa.String(length=32), nullable=False),
        sa.Column("row_id", sa.Integer(), nullable=False),
        sa.Column("old", sa.Text(), nullable=True),
        sa.Column("new", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("tbl", "row_id", name="pk_sync_touched"),
    )
    op.create_table(
        "sync_state",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_sync_state"),
    )


def downgrade() -> None:
    op.drop_table("sync_state")
    op.drop_table("sync_touched")
    op.drop_table("outbox")
    op.drop_index("ix_sync_issues_open", table_name="sync_issues")
    op.drop_table("sync_issues")
    op.drop_index("ix_number_blocks_device_id", table_name="number_blocks")
    op.drop_table("number_blocks")
    op.drop_table("devices")
    with op.batch_alter_table("payments") as batch_op:
        batch_op.drop_constraint(op.f("uq_payments_receipt_series"), type_="unique")
        batch_op.create_unique_constraint(op.f("uq_payments_receipt_no"), ["receipt_no"])
        batch_op.drop_column("receipt_series")
    with op.batch_alter_table("subscriptions") as batch_op:
        batch_op.create_check_constraint("remaining_not_negative", "remaining IS NULL OR remaining >= 0")
