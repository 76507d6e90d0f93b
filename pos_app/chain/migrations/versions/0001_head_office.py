"""Head office: tills and their sync cursors, synced journal rows and events, QFPay
notifications, and the merchant-wide request budget.

Revision ID: 0001
Revises:
Create Date: 2026-11-30
"""

from __future__ import annotations

from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

UPGRADE = """
CREATE TABLE tills (
    till_id       text NOT NULL,
    environment   text NOT NULL,
    shop          text NOT NULL DEFAULT '',
    last_event_id bigint NOT NULL DEFAULT 0,
    journal_key   text NOT NULL DEFAULT '',
    last_sync_at  timestamptz,
    first_seen    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (till_id, environment)
);
COMMENT ON COLUMN tills.last_event_id IS
    'sync cursor: the highest journal event id of this till committed here';
COMMENT ON COLUMN tills.journal_key IS
    'which journal file the cursor belongs to (its first event); another file restarts at 0';

CREATE TABLE sales (
    out_trade_no text PRIMARY KEY,
    environment  text NOT NULL,
    till_id      text NOT NULL,
    shop         text NOT NULL DEFAULT '',
    sale_id      text NOT NULL,
    mode         text NOT NULL,
    cashier      text NOT NULL,
    txamt        bigint NOT NULL CHECK (txamt > 0),
    currency     text NOT NULL,
    pay_type     text NOT NULL,
    state        text NOT NULL,
    syssn        text,
    respcd       text,
    reason       text NOT NULL DEFAULT '',
    orig_syssn   text,
    manager      text,
    created_at   double precision NOT NULL,
    updated_at   double precision NOT NULL,
    local_day    date NOT NULL,
    synced_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sales_day ON sales (environment, local_day);
CREATE INDEX sales_syssn ON sales (syssn);
CREATE INDEX sales_till ON sales (till_id, local_day);

CREATE TABLE sale_events (
    till_id      text NOT NULL,
    environment  text NOT NULL,
    id           bigint NOT NULL,
    out_trade_no text NOT NULL,
    at           double precision NOT NULL,
    kind         text NOT NULL,
    state        text,
    respcd       text,
    detail       text NOT NULL DEFAULT '',
    PRIMARY KEY (till_id, environment, id)
);
CREATE INDEX sale_events_otn ON sale_events (out_trade_no);

CREATE TABLE notifications (
    id               bigserial PRIMARY KEY,
    notify_type      text NOT NULL CHECK (notify_type IN ('payment', 'refund')),
    out_trade_no     text NOT NULL,
    syssn            text NOT NULL,
    txamt            bigint NOT NULL,
    txcurrcd         text NOT NULL,
    pay_type         text NOT NULL DEFAULT '',
    respcd           text NOT NULL,
    cancel           text NOT NULL DEFAULT '0',
    body             jsonb NOT NULL,
    raw              bytea NOT NULL,
    received_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    last_received_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    deliveries       integer NOT NULL DEFAULT 1,
    UNIQUE (notify_type, out_trade_no, syssn)
);
CREATE INDEX notifications_otn ON notifications (out_trade_no);

CREATE TABLE rate_budget (
    merchant     text PRIMARY KEY,
    tokens       double precision NOT NULL,
    capacity     double precision NOT NULL CHECK (capacity > 0),
    per_minute   double precision NOT NULL CHECK (per_minute > 0),
    refreshed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    granted      bigint NOT NULL DEFAULT 0
);

CREATE TABLE budget_tills (
    merchant      text NOT NULL REFERENCES rate_budget (merchant),
    till_id       text NOT NULL,
    first_lease_at timestamptz NOT NULL DEFAULT now(),
    last_lease_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (merchant, till_id)
);
COMMENT ON TABLE budget_tills IS
    'tills sharing a budget: their count sizes the local share a cut-off till falls back to';
"""

DOWNGRADE = """
DROP TABLE budget_tills;
DROP TABLE rate_budget;
DROP TABLE notifications;
DROP TABLE sale_events;
DROP TABLE sales;
DROP TABLE tills;
"""


def upgrade() -> None:
    """Create the first head-office schema."""
    op.execute(UPGRADE)


def downgrade() -> None:
    """Drop it again (only for a database holding nothing worth keeping)."""
    op.execute(DOWNGRADE)
