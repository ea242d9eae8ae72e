"""The schema as SQLAlchemy Core tables; enums are plain strings so SQLite batch migrations stay simple."""

from __future__ import annotations

import sqlalchemy as sa

from reception.repository.sql.types import DecimalText, Money, UTCDateTime, search_term_type

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)

Uuid = sa.Uuid(as_uuid=True)


branches = sa.Table(
    "branches",
    metadata,
    sa.Column("id", Uuid, primary_key=True),
    sa.Column("number", sa.Integer, nullable=False, unique=True),
    sa.Column("name", sa.String(120), nullable=False),
    sa.Column("address", sa.Text, nullable=False, server_default=""),
    sa.Column("timezone", sa.String(64), nullable=False),
    sa.Column("is_active", sa.Boolean, nullable=False),
    sa.Column("other_branch_policy", sa.String(16), nullable=False),
    sa.Column("repeat_deduction_minutes", sa.Integer, nullable=False),
    sa.Column("low_balance_threshold", sa.Integer, nullable=False),
    sa.Column("ending_soon_days", sa.Integer, nullable=False),
    sa.Column("auto_commit_on_allow", sa.Boolean, nullable=False),
    sa.Column("currency", sa.String(8), nullable=False),
    sa.Column("payment_methods", sa.Text, nullable=False),
    sa.Column("max_freeze_days_per_year", sa.Integer, nullable=False),
    sa.Column("reversal_window_minutes", sa.Integer, nullable=False),
    sa.Column("idle_lock_minutes", sa.Integer, nullable=False),
)

staff = sa.Table(
    "staff",
    metadata,
    sa.Column("id", Uuid, primary_key=True),
    sa.Column("username", sa.String(64), nullable=False, unique=True),
    sa.Column("full_name", sa.String(120), nullable=False),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("branch_id", Uuid, sa.ForeignKey("branches.id"), nullable=True),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("is_active", sa.Boolean, nullable=False),
)

customers = sa.Table(
    "customers",
    metadata,
    sa.Column("id", Uuid, primary_key=True),
    sa.Column("member_no", sa.Integer, nullable=False, unique=True),
    sa.Column("full_name", sa.String(120), nullable=False),
    sa.Column("sort_name", sa.String(120), nullable=False),
    sa.Column("phone", sa.String(32), nullable=False),
    sa.Column("email", sa.String(254), nullable=False, server_default=""),
    sa.Column("branch_id", Uuid, sa.ForeignKey("branches.id"), nullable=False),
    sa.Column("qr_code", sa.String(64), nullable=False, unique=True),
    sa.Column("is_active", sa.Boolean, nullable=False),
    sa.Column("temp_password", sa.String(16), nullable=True),
    sa.Column("password_changed", sa.Boolean, nullable=False),
    sa.Column("height_cm", DecimalText, nullable=True),
    sa.Column("weight_kg", DecimalText, nullable=True),
    sa.Column("date_of_birth", sa.Date, nullable=True),
    sa.Column("gender", sa.String(16), nullable=False, server_default=""),
    sa.Column("address", sa.Text, nullable=False, server_default=""),
    sa.Column("national_id", sa.String(32), nullable=False, server_default=""),
    sa.Column("health_notes", sa.Text, nullable=False, server_default=""),
    sa.Column("notes", sa.Text, nullable=False, server_default=""),
    sa.Column("photo", sa.LargeBinary, nullable=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Index("ix_customers_sort", "sort_name", "member_no"),
    sa.Index("ix_customers_branch_sort", "branch_id", "sort_name", "member_no"),
    sa.Index("ix_customers_phone", "phone"),
)

# One row per search term of a customer. The customer's sort key and branch are copied
# in so a prefix search is answered from the term index alone (no join, no table read).
customer_terms = sa.Table(
    "customer_terms",
    metadata,
    sa.Column("customer_id", Uuid, sa.ForeignKey("customers.id"), primary_key=True),
    sa.Column("term", search_term_type(), primary_key=True),
    sa.Column("sort_name", sa.String(120), nullable=False),
    sa.Column("member_no", sa.Integer, nullable=False),
    sa.Column("branch_id", Uuid, nullable=False),
    sa.Index("ix_customer_terms_term", "term", "sort_name", "member_no", "customer_id", "branch_id"),
)

revoked_cards = sa.Table(
    "revoked_cards",
    metadata,
    sa.Column("code", sa.String(64), primary_key=True),
    sa.Column("customer_id", Uuid, sa.ForeignKey("customers.id"), nullable=False, index=True),
    sa.Column("revoked_at", UTCDateTime, nullable=False),
)

services = sa.Table(
    "services",
    metadata,
    sa.Column("id", Uuid, primary_key=True),
    sa.Column("name", sa.String(120), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("price", Money, nullable=False),
    sa.Column("duration_months", sa.Integer, nullable=True),
    sa.Column("units", sa.Integer, nullable=True),
    sa.Column("validity_months", sa.Integer, nullable=True),
    sa.Column("is_active", sa.Boolean, nullable=False),
)

subscriptions = sa.Table(
    "subscriptions",
    metadata,
    sa.Column("id", Uuid, primary_key=True),
    sa.Column("customer_id", Uuid, sa.ForeignKey("customers.id"), nullable=False, index=True),
    sa.Column("service_id", Uuid, sa.ForeignKey("services.id"), nullable=False),
    sa.Column("service_name", sa.String(120), nullable=False),
    sa.Column("branch_id", Uuid, sa.ForeignKey("branches.id"), nullable=False),
    sa.Column("sold_by", Uuid, sa.ForeignKey("staff.id"), nullable=True),
    sa.Column("sold_at_branch", Uuid, sa.ForeignKey("branches.id"), nullable=False),
    sa.Column("subscription_type", sa.String(16), nullable=False),
    sa.Column("start_date", sa.Date, nullable=False),
    sa.Column("end_date", sa.Date, nullable=False),
    sa.Column("amount", Money, nullable=False),
    sa.Column("payment_method", sa.String(16), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("total_units", sa.Integer, nullable=True),
    sa.Column("remaining", sa.Integer, nullable=True),
    sa.Column("frozen_from", sa.Date, nullable=True),
    sa.Column("frozen_until", sa.Date, nullable=True),
)

# attendance_id, reversed_by and reverses are plain columns, not foreign keys: a service
# may write a ledger row or mark a reversal before the attendance row it names.
ledger_entries = sa.Table(
    "ledger_entries",
    metadata,
    sa.Column("id", Uuid, primary_key=True),
    sa.Column("subscription_id", Uuid, sa.ForeignKey("subscriptions.id"), nullable=False, index=True),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("delta", sa.Integer, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("staff_id", Uuid, sa.ForeignKey("staff.id"), nullable=True),
    sa.Column("attendance_id", Uuid, nullable=True),
    sa.Column("reason", sa.Text, nullable=False, server_default=""),
)

freezes = sa.Table(
    "freezes",
    metadata,
    sa.Column("id", Uuid, primary_key=True),
    sa.Column("subscription_id", Uuid, sa.ForeignKey("subscriptions.id"), nullable=False, index=True),
    sa.Column("days", sa.Integer, nullable=False),
    sa.Column("at", UTCDateTime, nullable=False),
    sa.Column("staff_id", Uuid, sa.ForeignKey("staff.id"), nullable=True),
)

attendance = sa.Table(
    "attendance",
    metadata,
    sa.Column("id", Uuid, primary_key=True),
    sa.Column("customer_id", Uuid, sa.ForeignKey("customers.id"), nullable=False),
    sa.Column("branch_id", Uuid, sa.ForeignKey("branches.id"), nullable=False),
    sa.Column("subscription_id", Uuid, sa.ForeignKey("subscriptions.id"), nullable=True),
    sa.Column("check_in_time", UTCDateTime, nullable=False),
    sa.Column("check_out_time", UTCDateTime, nullable=True),
    sa.Column("action", sa.String(32), nullable=False),
    sa.Column("staff_id", Uuid, sa.ForeignKey("staff.id"), nullable=True),
    sa.Column("notes", sa.Text, nullable=False, server_default=""),
    sa.Column("reversed_by", Uuid, nullable=True),
    sa.Column("reverses", Uuid, nullable=True),
    sa.Index("ix_attendance_customer_time", "customer_id", "check_in_time"),
    sa.Index("ix_attendance_branch_time", "branch_id", "check_in_time"),
    sa.Index("ix_attendance_time", "check_in_time"),
)

access_log = sa.Table(
    "access_log",
    metadata,
    sa.Column("id", Uuid, primary_key=True),
    sa.Column("code", sa.Text, nullable=False),
    sa.Column("allowed", sa.Boolean, nullable=False),
    # The reasons as codes with their facts (JSON, reception.domain.reasons); `reason` is the first one's code,
    # "" for a plain welcome, so the log is filtered by it (revision 0006 turned older English rows into codes).
    sa.Column("reasons", sa.Text, nullable=False),
    sa.Column("reason", sa.String(32), nullable=False, server_default=""),
    sa.Column("branch_id", Uuid, sa.ForeignKey("branches.id"), nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("customer_id", Uuid, sa.ForeignKey("customers.id"), nullable=True),
    sa.Column("staff_id", Uuid, sa.ForeignKey("staff.id"), nullable=True),
    sa.Column("override_by", Uuid, sa.ForeignKey("staff.id"), nullable=True),
    sa.Column("override_reason", sa.Text, nullable=False, server_default=""),
    # A day pass's attempt: the pass's id (no reference: a pass sold at a desk offline may arrive after its use);
    # the first allowed row of a pass is its use (revision 0007).
    sa.Column("pass_id", Uuid, nullable=True),
    sa.Column("station", sa.String(64), nullable=False, server_default=""),  # the desk or turnstile
    sa.Index("ix_access_log_branch_time", "branch_id", "created_at"),
    sa.Index("ix_access_log_time", "created_at"),
    sa.Index("ix_access_log_reason_time", "reason", "created_at"),
    sa.Index("ix_access_log_pass", "pass_id", "allowed"),
)

payments = sa.Table(
    "payments",
    metadata,
    sa.Column("id", Uuid, primary_key=True),
    sa.Column("receipt_no", sa.Integer, nullable=False),
    # A branch desk's own series ("N3"): its receipts read N3-000001, N3-000002…; "" for the gym's one series.
    sa.Column("receipt_series", sa.String(16), nullable=False, server_default=""),
    sa.Column("amount", Money, nullable=False),
    sa.Column("method", sa.String(16), nullable=False),
    # A subscription's payment names it and its member; a day pass's names the pass only (revision 0007).
    sa.Column("subscription_id", Uuid, sa.ForeignKey("subscriptions.id"), nullable=True, index=True),
    sa.Column("customer_id", Uuid, sa.ForeignKey("customers.id"), nullable=True),
    sa.Column("pass_id", Uuid, nullable=True),
    sa.Column("staff_id", Uuid, sa.ForeignKey("staff.id"), nullable=True),
    sa.Column("branch_id", Uuid, sa.ForeignKey("branches.id"), nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("approved_by", Uuid, sa.ForeignKey("staff.id"), nullable=True),  # a manager who approved the price
    sa.Column("list_price", Money, nullable=True),  # the catalogue price when it was changed
    sa.Index("ix_payments_branch_time", "branch_id", "created_at"),
    sa.Index("ix_payments_time", "created_at"),
    sa.UniqueConstraint("receipt_series", "receipt_no"),
)

# Day passes (DESIGN §12): the pass as sold; its use is its first allowed row in the access log.
passes = sa.Table(
    "passes",
    metadata,
    sa.Column("id", Uuid, primary_key=True),
    sa.Column("key_id", sa.String(8), nullable=False),
    sa.Column("branch_id", Uuid, sa.ForeignKey("branches.id"), nullable=False),  # where it was sold
    sa.Column("scope", sa.Integer, nullable=False),  # the branch number it admits at; 0: any branch
    sa.Column("issued_at", UTCDateTime, nullable=False),
    sa.Column("expires_at", UTCDateTime, nullable=False),
    sa.Column("visitor_name", sa.String(120), nullable=False, server_default=""),
    sa.Column("visitor_phone", sa.String(32), nullable=False, server_default=""),
    sa.Column("service_id", Uuid, sa.ForeignKey("services.id"), nullable=True),
    sa.Column("amount", Money, nullable=False),
    sa.Column("method", sa.String(16), nullable=False),
    sa.Column("payment_id", Uuid, nullable=True),
    sa.Column("staff_id", Uuid, sa.ForeignKey("staff.id"), nullable=True),
    sa.Column("station", sa.String(64), nullable=False, server_default=""),
    sa.Column("voided_at", UTCDateTime, nullable=True),
    sa.Column("voided_by", Uuid, sa.ForeignKey("staff.id"), nullable=True),
    sa.Column("void_reason", sa.Text, nullable=False, server_default=""),
    sa.Index("ix_passes_branch_issued", "branch_id", "issued_at"),
)

# The public keys that sign passes: the server's, and each enrolled desk's (certified by the server when the
# desk pushes it); the private halves stay where they sign (server_secrets), never in a synced table.
pass_keys = sa.Table(
    "pass_keys",
    metadata,
    sa.Column("key_id", sa.String(8), primary_key=True),
    sa.Column("public_key", sa.String(64), nullable=False),  # hex of the 32-byte Ed25519 public key
    sa.Column("holder", sa.String(64), nullable=False, server_default=""),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("retired_at", UTCDateTime, nullable=True),
    sa.Column("revoked_at", UTCDateTime, nullable=True),
)

counters = sa.Table(
    "counters",
    metadata,
    sa.Column("name", sa.String(32), primary_key=True),
    sa.Column("value", sa.BigInteger, nullable=False),
)

# -- the chain's server ---------------------------------------------------------------------------

operations = sa.Table(
    "operations",
    metadata,
    sa.Column("id", Uuid, primary_key=True),  # the operation id a client sends as Idempotency-Key
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("request_hash", sa.String(64), nullable=False),
    sa.Column("reply", sa.Text, nullable=False),  # the first reply's JSON, replayed as it was
    sa.Column("status", sa.Integer, nullable=False),  # the first reply's HTTP status
    sa.Column("staff_id", Uuid, sa.ForeignKey("staff.id"), nullable=True),
    sa.Column("desk", sa.String(120), nullable=False, server_default=""),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Index("ix_operations_time", "created_at"),
)

staff_sessions = sa.Table(
    "staff_sessions",
    metadata,
    sa.Column("id", Uuid, primary_key=True),
    sa.Column("staff_id", Uuid, sa.ForeignKey("staff.id"), nullable=False, index=True),
    sa.Column("desk", sa.String(120), nullable=False, server_default=""),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("revoked_at", UTCDateTime, nullable=True),
)

refresh_tokens = sa.Table(
    "refresh_tokens",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),  # SHA-256 of the token; the token is never stored
    sa.Column("session_id", Uuid, sa.ForeignKey("staff_sessions.id"), nullable=False, index=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("expires_at", UTCDateTime, nullable=False),
    sa.Column("used_at", UTCDateTime, nullable=True),
)

server_secrets = sa.Table(
    "server_secrets",
    metadata,
    sa.Column("name", sa.String(32), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

# Every sign-in and manager approval tried at a desk (revision 0003): the login throttle reads it,
# so it holds across restarts and across desks. The text typed as a password is never stored.
login_attempts = sa.Table(
    "login_attempts",
    metadata,
    sa.Column("id", Uuid, primary_key=True),
    sa.Column("username_normalised", sa.String(128), nullable=False),  # the account's, or "?" when unknown
    sa.Column("desk_id", Uuid, nullable=False),
    sa.Column("at", UTCDateTime, nullable=False),
    sa.Column("ok", sa.Boolean, nullable=False),
    sa.Index("ix_login_attempts_username_at", "username_normalised", "at"),
    sa.Index("ix_login_attempts_desk_at", "desk_id", "at"),
)

# The change log ("events out", revision 0004): one row per record a change wrote, in the same transaction.
# A reader follows it by (txid, seq): on PostgreSQL txid is the writing transaction's id and a page holds only
# rows of transactions older than every one still running, so a row committed late is never skipped; on SQLite
# writers take turns and txid is 0 (DECISIONS.md "The change log").
changes = sa.Table(
    "changes",
    metadata,
    sa.Column("seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True, autoincrement=True),
    sa.Column("txid", sa.BigInteger, nullable=False, server_default="0"),
    sa.Column("entity", sa.String(24), nullable=False),
    sa.Column("entity_id", sa.String(64), nullable=False),
    sa.Column("branch_id", Uuid, nullable=True),
    sa.Column("at", UTCDateTime, nullable=False),
    sa.Index("ix_changes_txid_seq", "txid", "seq"),
)

# -- branch desks and their sync (revision 0005) ----------------------------------------------------
# On the chain's server: the desks enrolled at each branch, what each pushed, the sync issues a person resolves,
# and the blocks of member and receipt numbers leased to each desk.
devices = sa.Table(
    "devices",
    metadata,
    sa.Column("id", Uuid, primary_key=True),
    sa.Column("branch_id", Uuid, sa.ForeignKey("branches.id"), nullable=False),
    sa.Column("name", sa.String(120), nullable=False),
    sa.Column("token_hash", sa.String(64), nullable=False),  # SHA-256 of the desk's secret; the secret is never stored
    sa.Column("enrolled_by", Uuid, sa.ForeignKey("staff.id"), nullable=True),
    sa.Column("enrolled_at", UTCDateTime, nullable=False),
    sa.Column("last_seq", sa.BigInteger, nullable=False, server_default="0"),  # the last operation applied, in order
    sa.Column("last_push_at", UTCDateTime, nullable=True),
    sa.Column("revoked_at", UTCDateTime, nullable=True),
    sa.Column("series_no", sa.Integer, nullable=False, unique=True),  # its receipts' series: N1, N2…
)

number_blocks = sa.Table(
    "number_blocks",
    metadata,
    sa.Column("id", Uuid, primary_key=True),
    sa.Column("device_id", Uuid, sa.ForeignKey("devices.id"), nullable=False, index=True),
    sa.Column("counter", sa.String(32), nullable=False),  # member_no or receipt_no
    sa.Column("first", sa.BigInteger, nullable=False),
    sa.Column("last", sa.BigInteger, nullable=False),
    sa.Column("leased_at", UTCDateTime, nullable=False),
)

sync_issues = sa.Table(
    "sync_issues",
    metadata,
    sa.Column("id", Uuid, primary_key=True),
    sa.Column("kind", sa.String(32), nullable=False),  # overdraft, revoked_card_used, duplicate_phone, malformed, …
    sa.Column("branch_id", Uuid, nullable=True),
    sa.Column("customer_id", Uuid, nullable=True),
    sa.Column("subject", sa.String(64), nullable=False),  # what it is about (a subscription id, a phone, an op id)
    sa.Column("device_id", Uuid, nullable=True),
    sa.Column("operation_id", Uuid, nullable=True),
    sa.Column("details", sa.Text, nullable=False),  # JSON: the events it names, in words and ids
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("resolved_at", UTCDateTime, nullable=True),
    sa.Column("resolved_by", Uuid, nullable=True),
    sa.Column("resolution", sa.Text, nullable=False, server_default=""),
    # What was done (revision 0008): "apply" or "discard" for operations held from a disconnected desk, else "".
    sa.Column("action", sa.String(16), nullable=False, server_default=""),
    sa.Index("ix_sync_issues_open", "kind", "subject", "resolved_at"),
)

# On a branch desk's replica: every local change as the operation that made it, in the same transaction as the
# change (the outbox), what the triggers saw the transaction touch, and the sync's own state.
outbox = sa.Table(
    "outbox",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),  # this desk's operation sequence
    sa.Column("operation_id", Uuid, nullable=False, unique=True),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("body", sa.Text, nullable=False),  # JSON: the command (when there is one) and the rows it wrote
    sa.Column("staff_id", Uuid, nullable=True),
    sa.Column("at", UTCDateTime, nullable=False),  # the desk's clock when it happened
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("pushed_at", UTCDateTime, nullable=True),
    sa.Column("result", sa.Text, nullable=False, server_default=""),  # the server's answer (applied, issue, …)
)

sync_touched = sa.Table(
    "sync_touched",
    metadata,
    sa.Column("tbl", sa.String(32), primary_key=True),
    sa.Column("row_id", sa.Integer, primary_key=True),  # the row's rowid in its table
    sa.Column("old", sa.Text, nullable=True),  # JSON of the row before the transaction; NULL for a new row
    sa.Column("new", sa.Text, nullable=True),  # JSON of the row now; NULL once deleted
)

sync_state = sa.Table(
    "sync_state",
    metadata,
    sa.Column("name", sa.String(32), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)
