"""Head office's PostgreSQL schema, managed by Alembic.

Why Alembic: it is the maintained migration tool of the Python/PostgreSQL world; revisions
are plain files under ``pos_app/chain/migrations/versions`` reviewed like code, the applied
revision is recorded in the database (``alembic_version``), and it upgrades an old head office
step by step.  The back office calls :func:`migrate` on every start, so deploying a new
version is "stop, install, start".  The SQL itself is written out by hand in each revision
(no ORM models): the schema is small and its constraints are the point.
"""

from __future__ import annotations

from typing import Any

from pos_app.chain.database import connect

SCRIPT_LOCATION = "pos_app.chain:migrations"


def _alembic_config(connection: Any) -> Any:
    from alembic.config import Config  # noqa: PLC0415

    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    config.attributes["connection"] = connection
    return config


def migrate(dsn: str, *, password: str | None = None) -> str:
    """Create or upgrade the schema at ``dsn`` to the newest revision; returns it."""
    from alembic import command  # noqa: PLC0415
    from sqlalchemy import create_engine  # noqa: PLC0415
    from sqlalchemy.pool import NullPool  # noqa: PLC0415

    engine = create_engine(
        "postgresql+psycopg://",
        creator=lambda: connect(dsn, password=password),
        poolclass=NullPool,
    )
    try:
        with engine.connect() as connection:
            command.upgrade(_alembic_config(connection), "head")
    finally:
        engine.dispose()
    return current_revision(dsn, password=password) or ""


def head_revision() -> str:
    """The newest revision this code knows."""
    from alembic.script import ScriptDirectory  # noqa: PLC0415

    script = ScriptDirectory.from_config(_alembic_config(None))
    return str(script.get_current_head())


def current_revision(dsn: str, *, password: str | None = None) -> str | None:
    """The revision applied at ``dsn`` (None for an empty database)."""
    with connect(dsn, password=password, autocommit=True) as conn:
        exists = conn.execute("SELECT to_regclass('alembic_version') IS NOT NULL").fetchone()
        if not exists or not exists[0]:
            return None
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return None if row is None else str(row[0])
