"""Alembic environment for head office's PostgreSQL schema.

Run through :func:`pos_app.chain.schema.migrate`, which hands over an open SQLAlchemy
connection (``config.attributes["connection"]``) made with the till's own credential lookup,
so no address or password is ever written to an ``alembic.ini``.  A session-level advisory
lock serialises back offices that start at the same moment.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

MIGRATION_LOCK = 0x51F9A7C4  # any constant: all back offices must agree on it

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run head-office migrations through pos_app.chain.schema.migrate()")

context.configure(connection=connection, target_metadata=None, transaction_per_migration=True)
connection.execute(text("SELECT pg_advisory_lock(:k)"), {"k": MIGRATION_LOCK})
connection.commit()
try:
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
finally:
    connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": MIGRATION_LOCK})
    connection.commit()
