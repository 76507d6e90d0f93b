"""Review of the numbered budget slots (review4): a random model against the sliding windows.

Two stores on one file (two processes) share one clock that jumps back at a reboot; every
slot they grant is checked against the windows the gateway counts (never more than the
limits in any 1.05 s or 61 s of one boot), and a take the windows have room for is granted.
Limits include a fractional per-second rate and per-second >= per-minute.
"""

from __future__ import annotations

import math
import random
import sqlite3
from pathlib import Path

import pytest

from pos_app.engine.machine_budget import MINUTE, SECOND, SlotStore

LIMITS = [(3, 8), (2.5, 5), (10, 10), (12, 7), (1, 400), (100, 400)]


def _in_window(times: list[float], now: float, width: float) -> int:
    return sum(1 for t in times if now - width < t <= now)


@pytest.mark.parametrize("seed", range(6))
def test_random_takes_never_exceed_the_windows(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    clock = [5.0]
    path = tmp_path / "budget.sqlite3"
    stores = [SlotStore(path, clock=lambda: clock[0]) for _ in range(2)]
    keys = {f"k{i}": LIMITS[(seed + i) % len(LIMITS)] for i in range(2)}
    granted: dict[str, list[float]] = {k: [] for k in keys}  # this boot's slots
    old_rows: dict[str, list[float]] = {k: [] for k in keys}  # previous boots' slot times
    for step in range(2500):
        roll = rng.random()
        if roll < 0.002 and step > 200:  # reboot: CLOCK_MONOTONIC starts again
            for k in keys:
                old_rows[k] += granted[k]
                granted[k] = []
            clock[0] = rng.uniform(1.0, 80.0)
            continue
        clock[0] += rng.choice([0.0, 0.0, 0.001, 0.01, 0.05, 0.3, 1.06, 5.0, 30.0])
        key = rng.choice(list(keys))
        per_second, per_minute = keys[key]
        now = clock[0]
        ceiling = math.ceil(per_second)
        room = (
            _in_window(granted[key], now, SECOND) < ceiling
            and _in_window(granted[key], now, MINUTE) < per_minute
        )
        # Rows of an earlier boot whose times fall in this boot's windows may hold it back.
        ghosts = _in_window(old_rows[key], now, MINUTE + 1.0) + sum(
            1 for t in old_rows[key] if now < t <= now + 1.0
        )
        wait = rng.choice(stores).take(key, per_second, per_minute)
        if wait == 0.0:
            granted[key].append(now)
            assert _in_window(granted[key], now, SECOND) <= ceiling, (step, key)
            assert _in_window(granted[key], now, MINUTE) <= per_minute, (step, key)
        else:
            assert wait > 0
            if not ghosts:
                assert not room, (step, key, now)  # the windows had room: refused wrongly
    for store in stores:
        store.close()


_RACER = """
import sys, time
from pathlib import Path
from pos_app.engine.machine_budget import SlotStore
store = SlotStore(Path(sys.argv[1]))
start = float(sys.argv[2])
while time.monotonic() < start:
    time.sleep(0.001)
got = []
while time.monotonic() < start + 2.4:
    if store.take("all:APP/", float(sys.argv[3]), int(sys.argv[4])) == 0.0:
        got.append(time.monotonic())
print(" ".join(repr(t) for t in got))
"""


@pytest.mark.parametrize(("per_second", "per_minute"), [(5, 1000), (40, 12)])
def test_processes_racing_at_the_window_edges_stay_inside(
    tmp_path: Path, per_second: float, per_minute: int
) -> None:
    """Three real processes take as fast as they can for 2.4 s (so across two second-window
    edges); CLOCK_MONOTONIC is machine-wide, so their grant times can be merged and checked."""
    import subprocess
    import sys
    import time

    path = tmp_path / "request-budget.sqlite3"
    SlotStore(path).close()
    start = time.monotonic() + 1.5
    racers = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                _RACER,
                str(path),
                repr(start),
                str(per_second),
                str(per_minute),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    granted = [len(p.communicate(timeout=60)[0].split()) for p in racers]
    # The times the store judged by (read inside its transaction), not when take() returned.
    with sqlite3.connect(path) as conn:
        times = sorted(t for (t,) in conn.execute("SELECT at FROM slots WHERE key = 'all:APP/'"))
    assert len(times) == sum(granted)
    assert times
    ceiling = math.ceil(per_second)
    for t in times:
        assert _in_window(times, t, SECOND) <= ceiling
        assert _in_window(times, t, MINUTE) <= per_minute
