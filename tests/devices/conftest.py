"""Fixtures for device tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pty_cable import SocatPair


@pytest.fixture
def cable(tmp_path: Path) -> Iterator[SocatPair]:
    """A pty pair, not yet plugged in; unplugged again after the test."""
    pair = SocatPair(tmp_path)
    yield pair
    if pair.plugged:
        pair.unplug()


@pytest.fixture
def pair(cable: SocatPair) -> SocatPair:
    """A pty pair, plugged in."""
    cable.plug_in()
    return cable
