"""Review of ``Journal.history(day)`` as a ``created_at`` range (review4).

It used to select ``local_day = day`` (the local date the row was written on); now it is a
range between two local midnights.  In zones whose clocks jump at midnight (Santiago, Havana,
Beirut), by half an hour (Lord Howe), at 01:00 (London) or over a whole day (Apia, 2011), both
must find the same rows.  Each zone runs in its own process (``TZ``), on a real journal file.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

_CHECK = r"""
import sys, time
from datetime import date, datetime, timedelta
from pathlib import Path
from pos_app.engine.journal import Journal
from pos_app.engine.states import TxMode

time.tzset()
path, first, last = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
now = [0.0]
with Journal(path, clock=lambda: now[0]) as journal:
    for n, t in enumerate(range(first, last, 599)):  # every ten minutes or so, for days
        now[0] = float(t)
        journal.create(out_trade_no=f"TZ{n:06d}", sale_id=f"S{n}", mode=TxMode.CPM,
                       till_id="T1", cashier="ann", txamt=100, currency="HKD",
                       pay_type="800208")
    rows = journal.read("SELECT out_trade_no, local_day FROM transactions")
    days = sorted({d for _, d in rows})
    bad = []
    day = date.fromisoformat(days[0]) - timedelta(days=1)
    while day <= date.fromisoformat(days[-1]) + timedelta(days=1):
        want = sorted(o for o, d in rows if d == day.isoformat())
        got = sorted(r.out_trade_no for r in journal.history(day))
        if want != got:
            bad.append((day.isoformat(), len(want), len(got)))
        day += timedelta(days=1)
    print(bad)
"""

# (zone, a UTC second a few days before a transition, the span in seconds)
_ZONES = [
    ("America/Santiago", 1_662_163_200 - 3 * 86_400, 6 * 86_400),  # 2022-09-11 00:00 -> 01:00
    ("America/Santiago", 1_680_393_600 - 3 * 86_400, 6 * 86_400),  # 2023-04-02 24:00 -> 23:00
    ("America/Havana", 1_678_597_200 - 3 * 86_400, 6 * 86_400),  # 2023-03-12 00:00 -> 01:00
    ("Asia/Beirut", 1_679_781_600 - 3 * 86_400, 6 * 86_400),  # 2023-03-26 00:00 -> 01:00
    ("Europe/London", 1_679_792_400 - 3 * 86_400, 6 * 86_400),  # 2023-03-26 01:00 -> 02:00
    ("Australia/Lord_Howe", 1_680_359_400 - 3 * 86_400, 6 * 86_400),  # half-hour shift
    ("Pacific/Apia", 1_325_239_200 - 3 * 86_400, 6 * 86_400),  # 2011-12-30 never happened
]


@pytest.mark.parametrize(("zone", "first", "span"), _ZONES, ids=[z[0] for z in _ZONES])
def test_history_of_a_day_is_the_rows_written_on_that_local_day(
    tmp_path: Path, zone: str, first: int, span: int
) -> None:
    if not Path("/usr/share/zoneinfo", zone).exists():
        pytest.fail(f"tzdata lacks {zone}")
    env = {**os.environ, "TZ": zone}
    done = subprocess.run(
        [sys.executable, "-c", _CHECK, str(tmp_path / "j.sqlite3"), str(first), str(first + span)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]", (zone, done.stdout)
