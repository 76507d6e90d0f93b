"""A real PostgreSQL for the chain tests: one cluster per session, one database per test.

The cluster is started with ``initdb``/``pg_ctl`` in a temporary directory (as the
``postgres`` user when the suite runs as root).  Missing server programs are a failure with
the fix in the message, never a skip: a chain test that did not run proved nothing.

Each test gets a fresh database cloned from a template that was migrated once, so tests never
see each other's rows and the migration cost is paid once.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from pos_app.chain.schema import migrate
from pos_app.chain.tempcluster import ClusterUnavailableError, TempCluster
from pos_app.training.server import TrainingGateway

_TEMPLATE = "headoffice_template"
_counter = itertools.count(1)


@dataclass(frozen=True)
class HeadOffice:
    """One test's database: ``dsn`` has no password; ``password`` is what PGPASSWORD holds."""

    cluster: TempCluster
    dsn: str
    password: str
    name: str


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[TempCluster]:
    cluster = TempCluster(database=_TEMPLATE)
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
    import psycopg

    name = f"ho_{next(_counter)}"
    admin = f"postgresql://{pg_cluster.user}@127.0.0.1:{pg_cluster.port}/postgres"
    with psycopg.connect(admin, password=pg_cluster.password, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{_TEMPLATE}"')
    monkeypatch.setenv("PGPASSWORD", pg_cluster.password)
    dsn = f"postgresql://{pg_cluster.user}@127.0.0.1:{pg_cluster.port}/{name}"
    yield HeadOffice(pg_cluster, dsn, pg_cluster.password, name)
    with psycopg.connect(admin, password=pg_cluster.password, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def gateway() -> Iterator[TrainingGateway]:
    """A training gateway on 127.0.0.1 shared by the tills of one test."""
    with TrainingGateway(pending_queries=2) as gw:
        yield gw
