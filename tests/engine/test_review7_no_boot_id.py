"""Review7 (fixed: without a boot id the sending process judges its own rows on its own
monotonic clock, ``in_flight.clock_identity``; review6's clock step without a boot id is in
tests/engine/test_review6_clock_step.py): on a till with no boot id (Windows,
macOS: both supported by the README) a payment held up between its commit and its send
was still ended REVERSED "never arrived" while the gateway booked it: review6's ``within``
was not applied there.

``Clocks.time_left`` returns None unless the row was stamped on *this boot* as the boot id
says, and ``this_boot()`` reads ``/proc/sys/kernel/random/boot_id``, which exists only on
Linux.  So on Windows and macOS ``within`` is None, the request's deadline starts afresh when
it finally leaves (``QFPayClient._send``), and the row's ``in_flight_until`` (stamped before
the hold-up, on the wall clock: the only bound ``may_be_in_flight``, now ``in_flight_for``,
had without a boot id)
is already past when the request is still on its way.  That is exactly the scenario of
``tests/cli/test_review6_stalled_output.py`` (a stdout pipe not being read, a busy disk, a
paused VM: anything that holds the till between the intent's commit and the send), which
the fix closes on Linux only.  The process that stamped the row is the one sending it: it
needs no boot id to hold its own request to its own stamp (its own monotonic clock, or the
wall clock the bound was journaled on).

Scenario (in-process, the boot id made unavailable as on Windows/macOS; the listener that
prints the engine's progress is held for 3 s right after the intent's commit, as a blocked
stdout holds the CLI): the client's whole-call deadline is 1.5 s, ``index_lag`` 0.5 s.  After
the hold-up the request leaves, the gateway takes 0.8 s to book it (``latency``), and the
cashier cancels 0.3 s after it left.  The reversal is refused 1136 (not booked yet), the
enquiry shows nothing, the wall clock is past ``in_flight_until + index_lag``: REVERSED
"never arrived".  Then the gateway books the payment: the customer is charged, the journal
says nothing was.

Expected (as on Linux): the request does not leave after its journaled bound (the row ends
DECLINED "nothing sent", nothing at the gateway), or the cancel waits and the sale ends PAID;
either way the journal agrees with the gateway.
"""

from __future__ import annotations

import threading
import time

import httpx
import pytest

from pos_app.engine import CancelToken, EngineEvent, Journal, TxState, in_flight
from pos_app.training.server import TrainingGateway

from .conftest import (
    EngineFactory,
    assert_never_arrived_only_if_so,
    make_client,
    pay_or_refused,
)


def test_a_held_payment_on_a_till_without_boot_id_is_not_never_arrived(
    gateway: TrainingGateway,
    journal: Journal,
    make_engine: EngineFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(in_flight, "this_boot", lambda: None)  # Windows, macOS
    token = CancelToken()
    held = threading.Event()

    def listener(event: EngineEvent) -> None:
        if event.kind == "state" and event.state is TxState.SENT and not held.is_set():
            held.set()
            time.sleep(3.0)  # a stdout nobody reads, a busy disk: after the commit
            gateway.faults.add("latency", endpoint="/trade/v1/payment", delay=0.8)
            threading.Timer(0.3, token.cancel).start()  # 0.3 s after the request left

    with make_client(gateway, timeout=httpx.Timeout(1.0, connect=0.5)) as client:
        assert client.deadline == 1.5
        engine = make_engine(client, index_lag=0.5, cancel_give_up=4.0, on_event=listener)
        assert engine.clocks.boot.startswith("process:")  # this process's own clock
        number = pay_or_refused(engine, token)
        time.sleep(1.2)  # the gateway has booked it by now, if it was sent at all
        # Was: the gateway booked it (0000), the journal said REVERSED "never arrived".
        assert_never_arrived_only_if_so(gateway, journal, number)
