"""Review7 (fixed: the bound now travels as an instant, the client's ``not_after``):
``within`` was a *duration* read before the client call and anchored
only inside ``QFPayClient._send``: a till frozen in between sends the request after its
journaled bound, and a "no such order" is then believed while the gateway books it.

``_send_payment`` evaluates ``within=self.time_left(rec)`` (journaled monotonic bound minus
now) when it calls ``client.pay``; ``pay`` validates and builds the parameters, ``_send``
cleans and signs them, logs the request, and only then computes ``deadline_at =
time.monotonic() + min(deadline, within)``.  Whatever time passes between the two readings of
the monotonic clock is added to the journaled bound.  Review6's own docstring
(tests/cli/test_review6_stalled_output.py) says ``within`` now stops a till frozen (SIGSTOP, a
paused VM) between the commit and the send; a freeze (or a blocking log handler) that falls
*after* ``time_left`` was read is not stopped: the bound should travel as an absolute
monotonic instant (``in_flight_ticks``), not as seconds counted from an earlier moment.

Likelihood: the window is the few dozen microseconds of ``pay``/``_send`` before the
anchor, so a random freeze rarely lands in it; with the client's DEBUG log on, it includes
writing the request's log line (a stalled stderr/terminal blocks there, as review6's
stalled stdout did).  The test stands for the freeze with such a log handler.

Scenario (in-process, the machine's own boot id): client deadline 1.5 s, ``index_lag``
0.5 s.  The till is held 3 s at the request's DEBUG log line (after ``within`` was read as
~1.5 s), then the request leaves with a fresh 1.5 s; the gateway books it after 0.8 s
(``latency``), the cashier cancels 0.3 s after it left.  The reversal is refused 1136, the
enquiry shows nothing, the monotonic clock is past ``in_flight_ticks + index_lag``:
REVERSED "never arrived", then the gateway books it.  Expected: the request does not leave
after its journaled bound (DECLINED "nothing sent", nothing at the gateway), or the sale
ends PAID; either way the journal agrees with the gateway.
"""

from __future__ import annotations

import logging
import threading
import time

import httpx

from pos_app.engine import CancelToken, Journal
from pos_app.training.server import TrainingGateway

from .conftest import (
    EngineFactory,
    assert_never_arrived_only_if_so,
    make_client,
    pay_or_refused,
)


class StalledTerminal(logging.Handler):
    """A log handler whose output nobody reads for a while: the first payment line blocks."""

    def __init__(self, gateway: TrainingGateway, token: CancelToken) -> None:
        super().__init__(logging.DEBUG)
        self.gateway = gateway
        self.token = token
        self.held = False

    def emit(self, record: logging.LogRecord) -> None:
        if self.held or "/trade/v1/payment" not in record.getMessage():
            return
        self.held = True
        time.sleep(3.0)  # the till is held here (a frozen process, a blocked terminal)
        self.gateway.faults.add("latency", endpoint="/trade/v1/payment", delay=0.8)
        threading.Timer(0.3, self.token.cancel).start()  # 0.3 s after the request left


def test_a_till_held_after_within_was_read_does_not_end_never_arrived(
    gateway: TrainingGateway, journal: Journal, make_engine: EngineFactory
) -> None:
    token = CancelToken()
    handler = StalledTerminal(gateway, token)
    qfpay_log = logging.getLogger("pos_app.qfpay")
    level = qfpay_log.level
    qfpay_log.setLevel(logging.DEBUG)  # setLevel: also drops the loggers' cached levels
    qfpay_log.addHandler(handler)
    try:
        with make_client(gateway, timeout=httpx.Timeout(1.0, connect=0.5)) as client:
            assert client.deadline == 1.5
            engine = make_engine(client, index_lag=0.5, cancel_give_up=4.0)
            assert engine.clocks.boot is not None  # the monotonic bound is in force
            number = pay_or_refused(engine, token)
            assert handler.held
            time.sleep(1.2)  # the gateway has booked it by now, if it was sent at all
            # Was: the gateway booked it (0000), the journal said REVERSED "never arrived".
            assert_never_arrived_only_if_so(gateway, journal, number)
    finally:
        qfpay_log.removeHandler(handler)
        qfpay_log.setLevel(level)
