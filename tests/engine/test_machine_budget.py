"""The request budget holds per machine: every till process takes its slots from one file.

The probe: six CLI processes together sent 642 requests to the gateway in one minute.  Here
real processes race for slots in one ``request-budget.sqlite3`` and never get more than the
limit between them; a 429 seen by one pauses all.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pos_app.engine.machine_budget import (
    MachineRateLimiter,
    MachineRequestBudget,
    SlotStore,
    machine_store,
)

_TAKER = """
import sys
from pathlib import Path
from pos_app.engine.machine_budget import MachineRateLimiter, SlotStore
limiter = MachineRateLimiter(SlotStore(Path(sys.argv[1])), "APP/", 1000, 100)
print(sum(1 for _ in range(60) if limiter.try_acquire() == 0.0))
"""


def test_processes_share_one_minute_budget(tmp_path: Path) -> None:
    path = tmp_path / "request-budget.sqlite3"
    SlotStore(path).close()
    takers = [
        subprocess.Popen(
            [sys.executable, "-c", _TAKER, str(path)], stdout=subprocess.PIPE, text=True
        )
        for _ in range(4)
    ]
    taken = [int(p.communicate(timeout=60)[0]) for p in takers]
    assert sum(taken) == 100, taken  # 240 attempts, the minute allows 100 between them
    assert MachineRateLimiter(SlotStore(path), "APP/", 1000, 100).try_acquire() > 0


def test_per_second_window_and_separate_merchants(tmp_path: Path) -> None:
    now = [1000.0]
    store = SlotStore(tmp_path / "b.sqlite3", clock=lambda: now[0])
    one = MachineRateLimiter(store, "A/", per_second=3, per_minute=400)
    other = MachineRateLimiter(store, "B/", per_second=3, per_minute=400)
    assert [one.try_acquire() for _ in range(3)] == [0.0, 0.0, 0.0]
    assert one.try_acquire() > 0 and other.try_acquire() == 0.0
    now[0] += 1.06
    assert one.try_acquire() == 0.0


def test_a_429_pauses_every_process_polling(tmp_path: Path) -> None:
    first = MachineRequestBudget(SlotStore(tmp_path / "b.sqlite3"), "A/", backoff=5.0)
    second = MachineRequestBudget(SlotStore(tmp_path / "b.sqlite3"), "A/", backoff=5.0)
    assert second.try_acquire() == 0.0
    assert first.too_many_requests() == 5.0
    assert second.try_acquire() > 4.0  # another process's 429 holds this one too
    assert first.too_many_requests() == 10.0  # and the back-off escalates for everyone


def test_future_rows_from_a_previous_boot_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "b.sqlite3"
    before = SlotStore(path, clock=lambda: 1e9)
    limiter = MachineRateLimiter(before, "A/", per_second=1, per_minute=1)
    assert limiter.try_acquire() == 0.0
    after = MachineRateLimiter(SlotStore(path, clock=lambda: 5.0), "A/", 1, 1)
    assert after.try_acquire() == 0.0  # the monotonic clock restarted: old slots are void


def test_expired_slots_are_swept_so_the_file_stays_small(tmp_path: Path) -> None:
    now = [1000.0]
    store = SlotStore(tmp_path / "b.sqlite3", clock=lambda: now[0])
    limiter = MachineRateLimiter(store, "A/", per_second=100, per_minute=400)
    for _ in range(2000):  # a busy day compressed: one request every 0.5 s
        assert limiter.try_acquire() == 0.0
        now[0] += 0.5
    rows = store._conn.execute("SELECT COUNT(*) FROM slots").fetchone()[0]
    assert rows <= 2 * 61 + 256  # the last minute, plus at most one sweep interval
    assert store.sent_last_minute(limiter.key) == 119  # 1940.5 ... 1999.5


def test_every_key_is_swept_when_the_keys_take_turns(tmp_path: Path) -> None:
    """The hard ceiling and the polling budget take slots in turn: both must be swept."""
    now = [1000.0]
    store = SlotStore(tmp_path / "b.sqlite3", clock=lambda: now[0])
    ceiling = MachineRateLimiter(store, "A/", per_second=100, per_minute=400)
    polling = MachineRequestBudget(store, "A/", per_minute=400, per_second=100)
    for _ in range(2000):
        assert ceiling.try_acquire() == 0.0
        assert polling.try_acquire() == 0.0
        now[0] += 0.5
    for key in (ceiling.key, polling.key):
        rows = store._conn.execute("SELECT COUNT(*) FROM slots WHERE key = ?", (key,)).fetchone()
        assert rows[0] <= 2 * 61 + 256, key


def test_a_slot_is_refused_at_the_minute_limit_and_the_wait_is_exact(tmp_path: Path) -> None:
    now = [1000.0]
    store = SlotStore(tmp_path / "b.sqlite3", clock=lambda: now[0])
    limiter = MachineRateLimiter(store, "A/", per_second=100, per_minute=3)
    for _ in range(3):
        assert limiter.try_acquire() == 0.0
        now[0] += 1.0
    assert limiter.try_acquire() == 1000.0 + 61.0 - 1003.0 + 0.001
    assert store.sent_last_minute(limiter.key) == 3  # the refused take left no row
    now[0] = 1061.5
    assert limiter.try_acquire() == 0.0


def test_the_store_is_one_private_file_per_data_dir(tmp_path: Path) -> None:
    assert machine_store(tmp_path) is machine_store(tmp_path)
    assert (tmp_path / "request-budget.sqlite3").stat().st_mode & 0o077 == 0


def test_the_window_is_judged_by_the_slot_limit_places_back(tmp_path: Path) -> None:
    """Numbered slots: the minute is full when the slot ``per_minute`` places back is inside
    it, however many older slots the window or the file still holds."""
    now = [1000.0]
    store = SlotStore(tmp_path / "b.sqlite3", clock=lambda: now[0])
    limiter = MachineRateLimiter(store, "A/", per_second=2.5, per_minute=5)
    assert [limiter.try_acquire() for _ in range(3)] == [0.0, 0.0, 0.0]  # 2.5/s: 3 fit
    assert limiter.try_acquire() > 0
    now[0] += 30.0
    assert [limiter.try_acquire() for _ in range(2)] == [0.0, 0.0]
    assert limiter.try_acquire() > 0  # five in the minute
    now[0] += 31.5  # the first three left the minute; the two at 1030 did not
    assert [limiter.try_acquire() for _ in range(3)] == [0.0, 0.0, 0.0]
    assert limiter.try_acquire() > 0
    assert store.sent_last_minute(limiter.key) == 5


def test_a_budget_file_of_an_earlier_version_is_taken_over(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "request-budget.sqlite3"
    old = sqlite3.connect(path)
    old.executescript(
        "CREATE TABLE sent (key TEXT NOT NULL, at REAL NOT NULL);"
        "CREATE TABLE pauses (key TEXT PRIMARY KEY, until REAL NOT NULL, backoff REAL);"
    )
    old.close()
    store = SlotStore(path)
    assert MachineRateLimiter(store, "A/", 10, 10).try_acquire() == 0.0
    tables = {row[0] for row in store._conn.execute("SELECT name FROM sqlite_master")}
    assert "sent" not in tables and "slots" in tables
