"""The merchant-wide budget: one PostgreSQL bucket shared by several till processes."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pos_app.chain.budget import ChainBudget, bucket_shape, local_share
from pos_app.chain.database import connect

from .tcpcut import CuttableRelay


def wait_shared(budget: ChainBudget) -> None:
    deadline = time.monotonic() + 10
    while budget.source != "shared" and time.monotonic() < deadline:
        time.sleep(0.01)
    assert budget.source == "shared"


def test_the_bucket_shape_keeps_any_minute_under_the_ceiling():
    for ceiling in (400, 100, 20):
        for ttl in (1.0, 5.0, 10.0):
            capacity, rate = bucket_shape(ceiling, ttl)
            assert capacity + rate * (60 + ttl) / 60 <= ceiling


def test_leases_never_exceed_the_bucket(headoffice):
    budgets = [ChainBudget(headoffice.dsn, merchant="M1", till_id=f"T{i}") for i in range(3)]
    try:
        for b in budgets:
            wait_shared(b)
        taken = 0
        for _ in range(200):
            for b in budgets:
                if b.try_acquire() == 0.0:
                    taken += 1
        capacity, _ = bucket_shape(400, 5.0)
        # a full bucket plus what refilled during the loop, never more
        assert capacity <= taken <= capacity + 12
        assert all(b.source == "shared" for b in budgets)
        with connect(headoffice.dsn) as conn:
            (granted,) = conn.execute("SELECT granted FROM rate_budget").fetchone()
        assert granted >= taken
    finally:
        for b in budgets:
            b.close()


def test_several_till_processes_share_one_budget(headoffice, gateway, tmp_path):
    """Four processes hammer the gateway for 12 s: together they get the merchant's share."""
    here = Path(__file__).parent
    env = dict(os.environ, PYTHONPATH=str(here.parent))
    seconds = 12.0
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                str(here / "till_proc.py"),
                "spend",
                headoffice.dsn,
                f"T{i}",
                str(seconds),
                gateway.base_url,
            ],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        for i in range(4)
    ]
    sent, firsts, lasts = [], [], []
    for proc in procs:
        out, _ = proc.communicate(timeout=120)
        assert proc.returncode == 0
        _, count, first, last, _local = out.split()
        sent.append(int(count))
        firsts.append(float(first))
        lasts.append(float(last))
    total = sum(sent)
    capacity, rate = bucket_shape(400, 5.0)
    # Never more than a full bucket plus its refill over the span the requests went out in.
    span = max(lasts) - min(firsts)
    assert total <= capacity + rate * span / 60 + 1
    # And they really did share it, each getting some.
    assert min(sent) > 0 and total >= capacity


def test_a_till_cut_off_from_head_office_falls_back_to_a_local_share(headoffice):
    relay = CuttableRelay(headoffice.cluster.port)
    relay.plug()
    budget = ChainBudget(
        relay.dsn_for(headoffice.dsn),
        merchant="M1",
        till_id="T1",
        expected_tills=40,
        retry_every=0.1,
    )
    try:
        wait_shared(budget)
        assert budget.try_acquire() == 0.0
        relay.cut()
        taken = sum(budget.try_acquire() == 0.0 for _ in range(100))
        assert budget.source == "local"
        leased_left = budget.lease_size - 1
        assert taken <= leased_left + local_share(400, 40)  # 2 a minute (98 / 40)
        relay.plug()
        deadline = time.monotonic() + 10
        while budget.source != "shared" and time.monotonic() < deadline:
            budget.try_acquire()
            time.sleep(0.05)
        assert budget.source == "shared"
    finally:
        budget.close()
        relay.close()


def test_a_till_that_never_reached_head_office_never_waits_for_it():
    budget = ChainBudget(
        "postgresql://x@127.0.0.1:9/none", merchant="M1", till_id="T1", expected_tills=4
    )
    try:
        started = time.monotonic()
        assert budget.acquire(timeout=1.0) == 0.0
        assert time.monotonic() - started < 1.0  # not a timing figure: it must not block
        assert budget.source == "local"
    finally:
        budget.close()


@pytest.mark.parametrize("bad", [{"lease_size": 0}, {"expected_tills": 0}, {"ceiling": -1}])
def test_nonsense_sizes_are_refused(bad):
    with pytest.raises(ValueError, match="positive"):
        ChainBudget("postgresql://x@127.0.0.1:9/none", merchant="M", till_id="T", **bad)


def test_what_a_cut_off_till_spent_is_charged_to_the_shared_bucket(headoffice):
    relay = CuttableRelay(headoffice.cluster.port)
    relay.plug()
    clock = FakeClock()
    budget = ChainBudget(
        relay.dsn_for(headoffice.dsn),
        merchant="M1",
        till_id="T1",
        expected_tills=1,
        retry_every=0.1,
        clock=clock,
    )
    try:
        wait_shared(budget)
        relay.cut()
        while budget.source == "shared":  # leased tokens first
            if budget.try_acquire() > 0:
                clock.now += 0.5
        clock.now += 5.0  # the leases are gone; the rest goes out alone
        spent_alone = _drain_a_minute_alone(budget, clock)
        assert spent_alone >= 30
        relay.plug()
        deadline = time.monotonic() + 10
        while budget.source != "shared" and time.monotonic() < deadline:
            time.sleep(0.05)
            clock.now += 0.2
            budget.try_acquire()
        with connect(headoffice.dsn) as conn:
            (tokens,) = conn.execute("SELECT tokens FROM rate_budget").fetchone()
        assert tokens < 0  # in debt for what went out while head office was away
        assert budget.try_acquire() > 0  # and nobody may lease until it is paid back
    finally:
        budget.close()
        relay.close()


class FakeClock:
    """The cut-off tills' own clock, so a whole minute of their local share runs at once."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _worst_shared_minute(dsn: str) -> float:
    """What head office's bucket can hand out in any 60 s, leases included (its own row)."""
    with connect(dsn) as conn:
        capacity, per_minute = conn.execute(
            "SELECT capacity, per_minute FROM rate_budget"
        ).fetchone()
    return capacity + per_minute * (60 + 5.0) / 60


def _drain_a_minute_alone(budget: ChainBudget, clock: FakeClock) -> int:
    """Everything a cut-off till sends on its local share over 60 s of its own clock."""
    start = budget.spent_local
    end = clock.now + 60.0
    while clock.now < end:
        wait = budget.try_acquire()
        if wait > 0:
            clock.now += min(wait, end - clock.now)
    return budget.spent_local - start


def test_a_partial_outage_keeps_the_whole_chain_under_the_ceiling(headoffice):
    """Three tills; two lose head office.  The one still connected may take the whole
    shared bucket while the two alone spend their local shares: together, in any minute,
    never more than QFPay's 400 (002: "400 requests per minute per merchant")."""
    relay = CuttableRelay(headoffice.cluster.port)
    relay.plug()
    clock = FakeClock()
    connected = ChainBudget(headoffice.dsn, merchant="M1", till_id="T1", expected_tills=3)
    cut_off = [
        ChainBudget(
            relay.dsn_for(headoffice.dsn),
            merchant="M1",
            till_id=f"T{i}",
            expected_tills=3,
            retry_every=1.0,
            clock=clock,
        )
        for i in (2, 3)
    ]
    try:
        for b in (connected, *cut_off):
            wait_shared(b)
        relay.cut()
        alone = 0
        for b in cut_off:
            while b.source == "shared":  # spend leased tokens until the lost link shows
                if b.try_acquire() > 0:
                    clock.now += 0.5
            alone += _drain_a_minute_alone(b, clock)
        assert all(b.source == "local" for b in cut_off)
        assert alone > 0  # they do keep taking payments on their own
        assert _worst_shared_minute(headoffice.dsn) + alone <= 400
    finally:
        for b in (connected, *cut_off):
            b.close()
        relay.close()


def test_every_local_share_fits_in_what_the_shared_bucket_leaves():
    """The arithmetic behind the test above, for every chain size and lease time."""
    for ceiling in (400, 100, 20):
        for ttl in (1.0, 5.0, 10.0):
            capacity, rate = bucket_shape(ceiling, ttl)
            for tills in range(1, 201):
                shares = tills * local_share(ceiling, tills)
                assert capacity + rate * (60 + ttl) / 60 + shares <= ceiling


def test_every_process_of_one_till_shares_its_local_share(tmp_path):
    """The till window and a ``qfpay-pos`` command (two processes of till T1 on one data
    directory) are both cut off: together they get the till's one share, not one each."""
    import dataclasses

    from pos_app.runtime.options import RunOptions
    from pos_app.runtime.root import TillRuntime
    from pos_app.settings import ChainSettings, default_settings

    dead = f"postgresql://till@127.0.0.1:{_closed_port()}/shops"
    settings = dataclasses.replace(default_settings("T1"), chain=ChainSettings(database=dead))
    options = RunOptions(env="training", data_dir=str(tmp_path / "data"))
    tills = [TillRuntime(options, settings=settings, environ={}) for _ in range(2)]
    try:
        budgets = [rt.client()._limiter for rt in tills]
        assert all(isinstance(b, ChainBudget) and b.source == "local" for b in budgets)
        share = local_share(400, 60)  # the expected 60 tills: 1 a minute
        taken = 0
        for _ in range(20):
            taken += sum(b.try_acquire() == 0.0 for b in budgets)
        assert taken == share
    finally:
        for rt in tills:
            rt.close()


def _closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
