"""The access log keeps reasons as codes with their facts, so a desk filters it and shows it in its own language;
rows written before (English sentences) are turned into codes.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from reception.domain.reasons import headline_code, reasons_json, stored_reasons

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 5000


def upgrade() -> None:
    with op.batch_alter_table("access_log") as batch_op:
        batch_op.add_column(sa.Column("reason", sa.String(length=32), server_default="", nullable=False))
        batch_op.create_index("ix_access_log_reason_time", ["reason", "created_at"], unique=False)
    log = sa.table("access_log", sa.column("id", sa.Uuid()), sa.column("reasons", sa.Text()),
                   sa.column("reason", sa.String()))
    bind = op.get_bind()
    last = None
    while True:
        query = sa.select(log.c.id, log.c.reasons).order_by(log.c.id).limit(BATCH)
        if last is not None:
            query = query.where(log.c.id > last)
        rows = bind.execute(query).all()
        if not rows:
            break
        changed = []
        for row in rows:
            if not row.reasons.startswith("["):  # English lines, one reason each ("allowed" for an override)
                reasons = stored_reasons(row.reasons)
                changed.append({"key": row.id, "reasons": reasons_json(reasons), "reason": headline_code(reasons)})
        if changed:
            bind.execute(sa.update(log).where(log.c.id == sa.bindparam("key"))
                         .values(reasons=sa.bindparam("reasons"), reason=sa.bindparam("reason")), changed)
        last = rows[-1].id


def downgrade() -> None:
    log = sa.table("access_log", sa.column("id", sa.Uuid()), sa.column("reasons", sa.Text()))
    bind = op.get_bind()
    rows = bind.execute(sa.select(log.c.id, log.c.reasons)).all()
    back = [{"key": row.id, "reasons": "\n".join(r.message.replace("\n", " ") for r in stored_reasons(row.reasons))}
            for row in rows if row.reasons.startswith("[")]
    if back:
        bind.execute(sa.update(log).where(log.c.id == sa.bindparam("key")).values(reasons=sa.bindparam("reasons")),
                     back)
    with op.batch_alter_table("access_log") as batch_op:
        batch_op.drop_index("ix_access_log_reason_time")
        batch_op.drop_column("reason")
