"""A real PostgreSQL for the chain tests: one cluster per session, one database per test.

The cluster is started with ``initdb``/``pg_ctl`` in a temporary directory (as the
``postgres`` user when the suite runs as root).  Missing server programs are a failure with
the fix in the message, never a skip: a chain test that did not run proved nothing.

The database is migrated once per session and emptied before each test, so tests never see
each other's rows and the migration cost is paid once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from pos_app.chain.schema import migrate
from pos_app.chain.tempcluster import ClusterUnavailableError, TempCluster
from pos_app.training.server import TrainingGateway

_DATABASE = "headoffice"


@dataclass(frozen=True)
class HeadOffice:
    """One test's database: ``dsn`` has no password; ``password`` is what PGPASSWORD holds."""

    cluster: TempCluster
    dsn: str
    password: str
    name: str


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[TempCluster]:
    cluster = TempCluster(database=_DATABASE)
    try:
        cluster.start()
    except ClusterUnavailableError as exc:
        cluster.stop()
        pytest.fail(f"PostgreSQL is needed for the chain tests and is unusable: {exc}")
    try:
        migrate(cluster.dsn, password=cluster.password)
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def headoffice(pg_cluster: TempCluster, monkeypatch: pytest.MonkeyPatch) -> Iterator[HeadOffice]:
    """The session's database, emptied before each test (cheaper than a database per test)."""
    import psycopg

    with psycopg.connect(pg_cluster.dsn, password=pg_cluster.password, autocommit=True) as conn:
        conn.execute(
            "TRUNCATE tills, sales, sale_events, notifications, rate_budget, budget_tills "
            "RESTART IDENTITY"
        )
    monkeypatch.setenv("PGPASSWORD", pg_cluster.password)
    yield HeadOffice(pg_cluster, pg_cluster.dsn, pg_cluster.password, pg_cluster.database)


@pytest.fixture
def gateway() -> Iterator[TrainingGateway]:
    """A training gateway on 127.0.0.1 shared by the tills of one test."""
    with TrainingGateway(pending_queries=2) as gw:
        yield gw


@pytest.fixture(autouse=True)
def _restore_root_logging() -> Iterator[None]:
    """In-process CLI runs open the till log on the root logger: take it off again, so no
    later test finds a handler pointing at this test's scratch directory."""
    import logging

    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    filters = {h: list(h.filters) for h in before}
    yield
    for handler in root.handlers:
        if handler not in before:
            handler.close()
    root.handlers[:] = before
    for handler in before:
        handler.filters[:] = filters[handler]
    root.setLevel(level)
