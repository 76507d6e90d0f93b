"""Sales carry the actual wallet: the pay type the gateway's own answer named.

A generic CPM sale (800008, "CPM for all wallets") is journaled by the till with the wallet
the gateway's evidence named (till schema step 6, ``transactions.wallet_pay_type``).  Head
office needs it too, or the chain's per-wallet totals would lump WeChat Pay and Alipay
together as "QR wallet" while every till's own report tells them apart.  NULL: no answer
named one (or the row was shipped by a till older than step 6); reports then use
``pay_type``, exactly as the till does.

Rows shipped before this revision lack the column's value, and the cursor would never send
them again, so ``tills.wallets_shipped`` starts false: the till's next sync round sees it,
ships its journal once more from the start (idempotent upserts, nothing doubles) and sets it.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the column (nullable: existing rows keep saying "not named")."""
    op.execute(
        "ALTER TABLE sales ADD COLUMN wallet_pay_type text;\n"
        "COMMENT ON COLUMN sales.wallet_pay_type IS\n"
        "    'the wallet the gateway''s evidence named; NULL: use pay_type';\n"
        "ALTER TABLE tills ADD COLUMN wallets_shipped boolean NOT NULL DEFAULT false;\n"
        "COMMENT ON COLUMN tills.wallets_shipped IS\n"
        "    'false: re-ship this till''s journal once so older rows get wallet_pay_type';"
    )


def downgrade() -> None:
    """Drop it again (the tills still hold it; a re-sync after upgrading restores it)."""
    op.execute(
        "ALTER TABLE tills DROP COLUMN wallets_shipped; "
        "ALTER TABLE sales DROP COLUMN wallet_pay_type"
    )
