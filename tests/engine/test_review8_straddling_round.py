"""Review8 (fixed: the round must begin after the bound): a cancel round that *straddles* the
in-flight bound decided "never arrived" on evidence gathered while the payment could still
arrive.

``EngineCore._cancel_once`` sends the reversal, then the enquiry, and only *afterwards* asks
``Clocks.in_flight_for(rec)`` whether the payment may still be in flight.  Once that is 0 it
believes the round's "no such order" (1136 + an empty enquiry) and ends the sale REVERSED
"never arrived".  But the reversal and the enquiry snapshot of that round may both have been
taken *before* the bound: the round started while the payment could still arrive, and only
its enquiry *answer* came in after ``in_flight_until + index_lag`` (a slow answer: a loaded
gateway, a slow link, a dribbling proxy).  The 1136 and the empty list are then exactly the
"not found right after a request" that DESIGN's rules of evidence call unknown, and the
module's own promise ("'No such order' proves a payment never arrived only once the request
... can no longer be on its way", ``engine.in_flight``) is broken: the clock is read at the
end of the round instead of at its *start*.

Scenario (training gateway behind the hostile proxy, real HTTP, direct transport): client
deadline 5 s, ``index_lag`` 0.2 s.  The gateway takes 2.5 s to book the payment (``latency``:
well inside the journaled bound, so not the accepted "books after deadline + index_lag"
limit).  The cashier presses cancel at 2.0 s.  Round 1: 1136 + empty enquiry, the till says
it waits (R_MAKING_SURE).  Round 2 starts at ~2.05 s: the reversal is refused 1136 (not booked
yet) and the enquiry is answered at once by the gateway (empty: not booked yet) but the
answer reaches the till slowly (``dribble``, ~4 s, inside the enquiry's own 5 s deadline), so
it arrives after bound + index_lag.  The till ends the sale REVERSED "never arrived"; the
gateway booked it at 2.5 s: the customer is charged, the journal says nothing was.

Expected: "no such order" counts only from a round that *started* after the bound (or the
deciding round is re-run once it has passed), so the sale ends PAID or REVERSED by a confirmed
reversal, and the journal agrees with the gateway.  (Checked: reading ``in_flight_for`` before
the round's reversal, and deciding only when both readings are 0, makes this test pass.)

Production scale: deadline 30 s, ``index_lag`` 10 s; a cancel round whose reversal goes out
at 26 s (payment booked at 28 s, inside its deadline) and whose enquiry answer takes 14 s to
arrive (inside the enquiry's own 30 s) decides the same way.  A slow link does the same
without any hostile party (any time that passes between the enquiry's snapshot and the end of
the round counts against the bound).  Here the till and the gateway run on a mid-month
day (shifted clocks) so that each round asks one enquiry window: near a month's end a second
window is asked after the slow answer, and the training gateway (which looks numbers up
whatever the window) shows the order in it, a later snapshot that happens to hide the flaw.
"""

from __future__ import annotations

import threading
import time
from datetime import datetime
from pathlib import Path

import httpx

from pos_app.engine import CancelToken, EngineEvent, Journal, PaymentEngine
from pos_app.engine.core import R_MAKING_SURE, R_NEVER_ARRIVED
from pos_app.qfpay.client import QFPayClient
from pos_app.qfpay.models import Credentials
from pos_app.qfpay.ratelimit import RateLimiter
from pos_app.training.credentials import TRAINING_APP_CODE, TRAINING_CLIENT_KEY
from pos_app.training.hostile import HostileProxy
from pos_app.training.server import TrainingGateway

from .conftest import (
    PAID_CODE,
    WECHAT_CPM,
    assert_all_agree,
    fast_config,
)


def test_a_round_that_straddles_the_bound_does_not_prove_never_arrived(
    gateway: TrainingGateway, proxy: HostileProxy, tmp_path: Path
) -> None:
    gateway.faults.add("latency", endpoint="/trade/v1/payment", delay=2.5)
    client = QFPayClient(
        Credentials(TRAINING_APP_CODE, TRAINING_CLIENT_KEY),
        proxy.base_url,
        timeout=httpx.Timeout(4.5, connect=0.5),
        max_retries=0,
        rate_limiter=RateLimiter(per_second=10_000, per_minute=1_000_000),
    )
    armed: list[float] = []

    def listener(event: EngineEvent) -> None:
        if event.kind == "message" and event.message == R_MAKING_SURE and not armed:
            armed.append(time.monotonic())
            # The next enquiry is answered at once upstream but reaches the till slowly.
            proxy.arm("dribble", endpoint="/trade/v1/query", times=1, chunk=40, interval=0.45)

    # Mid-month on both sides: one enquiry window per round (near a month's end the till
    # asks the neighbouring month too, a second and later snapshot that hides the flaw).
    today = datetime.now()
    mid = today.replace(day=15, hour=12, minute=0, second=0, microsecond=0)
    offset = mid.timestamp() - time.time()

    def clock() -> float:
        return time.time() + offset

    desk = gateway._desk  # the gateway's books and enquiries run on the same shifted day
    assert desk is not None
    desk.clock = clock
    journal = Journal(tmp_path / "journal.sqlite3", clock=clock)
    try:
        assert client.deadline == 5.0
        engine = PaymentEngine(
            client,
            journal,
            till_id="till-7",
            cashier="amy",
            config=fast_config(index_lag=0.2, cancel_give_up=12.0),
            on_event=listener,
            clock=clock,
        )
        token = CancelToken()
        threading.Timer(2.0, token.cancel).start()  # the cashier presses cancel
        started = time.monotonic()
        outcome = engine.pay_cpm(
            txamt=500, currency="HKD", pay_type=WECHAT_CPM, auth_code=PAID_CODE, cancel=token
        )
        ended = time.monotonic()
    finally:
        client.close_client()
        journal.close()
    print(f"told to wait at {armed[0] - started:.2f}s, cancel ended at {ended - started:.2f}s")
    time.sleep(max(0.0, started + 3.0 - time.monotonic()))  # booked by now (at 2.5 s)
    with Journal(tmp_path / "journal.sqlite3") as reread:
        rec = reread.get(outcome.out_trade_no)
        assert rec is not None
        booked = gateway.store.by_out_trade_no(outcome.out_trade_no)
        assert booked is not None and booked.respcd == "0000"  # the customer was charged
        # Was: REVERSED "The order never reached the gateway; nothing was charged." while
        # the gateway's book shows the payment paid and not reversed.
        assert rec.reason != R_NEVER_ARRIVED, rec
        assert_all_agree(gateway, reread)
