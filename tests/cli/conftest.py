"""Fixtures for the CLI tests; the helpers themselves live in ``clihelpers.py``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from clihelpers import Till

from pos_app.training import TrainingGateway


@pytest.fixture
def gateway(tmp_path: Path) -> Iterator[TrainingGateway]:
    gw = TrainingGateway(store_path=tmp_path / "gateway.sqlite3", pending_queries=2)
    gw.start()
    try:
        yield gw
    finally:
        gw.stop()


@pytest.fixture
def till(tmp_path: Path, gateway: TrainingGateway) -> Till:
    return Till(tmp_path / "till", gateway)
