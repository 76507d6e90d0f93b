"""The PostgreSQL fixture and the Alembic schema work against a real server."""

from __future__ import annotations

import psycopg
import pytest

from pos_app.chain import tempcluster
from pos_app.chain.database import ChainConfigError, check_dsn, connect
from pos_app.chain.schema import current_revision, head_revision, migrate


def test_schema_is_at_head_and_migrate_is_idempotent(headoffice):
    assert current_revision(headoffice.dsn) == head_revision()
    assert migrate(headoffice.dsn) == head_revision()  # a second start changes nothing
    with connect(headoffice.dsn) as conn:
        tables = {
            r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname='public'")
        }
    assert {"tills", "sales", "sale_events", "notifications", "rate_budget"} <= tables


def test_password_is_required_and_never_in_the_address(headoffice, monkeypatch):
    monkeypatch.delenv("PGPASSWORD")
    with pytest.raises(psycopg.OperationalError):
        connect(headoffice.dsn, environ={}, password="wrong")
    with pytest.raises(ChainConfigError, match="no password"):
        check_dsn(headoffice.dsn.replace("qfpay@", "qfpay:secret@"))
    with pytest.raises(ChainConfigError):
        check_dsn("mysql://x@h/db")


def test_missing_server_programs_give_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv("QFPAY_PG_BINDIR", str(tmp_path))
    monkeypatch.setattr(tempcluster, "_SEARCH", ())
    monkeypatch.setattr(tempcluster.shutil, "which", lambda name: None)
    with pytest.raises(tempcluster.ClusterUnavailableError, match="install the Debian package"):
        tempcluster.find_bindir()
