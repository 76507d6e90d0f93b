"""Review6 (fixed): a wall-clock step while a slow payment was with the gateway ended it
REVERSED "never arrived", then the gateway booked it.  Now timed on the monotonic clock.

Review5's fix bounds "no such order" by the row's ``in_flight_until`` (creation time + the
request's whole-call deadline) plus ``index_lag``, compared with the engine's *wall* clock
(``EngineCore.now``).  But the request's deadline is kept on the *monotonic* clock
(``QFPayClient._send``), and the gateway's booking happens in real time: a wall clock that
steps forward while the request is with the gateway (NTP correcting a till whose clock was
behind, a till with a flat RTC battery syncing after boot, a manager fixing the time) makes
the engine believe the request is long over when it left a fraction of a second ago.

Scenario: the gateway takes 1.6 s to book a paying code (``latency``), the request's deadline
is 3.5 s, ``index_lag`` 1 s.  0.3 s after sending, the clock is stepped forward two minutes
and the cashier presses cancel.  The reversal is refused 1136 ("no such order": the gateway
has not booked it yet), the enquiry shows nothing, and the engine, reading a wall clock two
minutes later, journals the sale REVERSED "the order never reached the gateway; nothing was
charged".  At 1.6 s the gateway books it: the customer is charged, the journal says not.

DESIGN.md, rules of evidence: "not found" right after a request is unknown; only a
confirmed reversal or an enquiry record may end the payment.  Less than a second of real time
after the request left is "right after", whatever the wall clock says.  Expected: the cancel
keeps trying until the request really cannot be in flight any more, then the reversal is
refused 1260 (paid) and the sale is PAID, as in review5's test without the clock step.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx
import pytest

from pos_app.engine import CancelToken, Journal, PaymentEngine, TxState, in_flight
from pos_app.training.server import TrainingGateway

from .conftest import PAID_CODE, WECHAT_CPM, assert_all_agree, fast_config, make_client


class SteppedClock:
    """The machine's wall clock, which an NTP step may move forward at any moment."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.time() + self.offset


@pytest.mark.parametrize("boot_id", [True, False], ids=["linux", "no-boot-id"])
def test_a_clock_step_during_a_slow_booking_is_not_never_arrived(
    gateway: TrainingGateway, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, boot_id: bool
) -> None:
    """Without a boot id (Windows, macOS; review7) the sending process judges its own row on
    its own monotonic clock, so the step changes nothing there either."""
    if not boot_id:
        monkeypatch.setattr(in_flight, "this_boot", lambda: None)
    wall = SteppedClock()
    gateway.faults.add("latency", endpoint="/trade/v1/payment", delay=1.6)
    with (
        Journal(tmp_path / "journal.sqlite3", clock=wall) as journal,
        make_client(gateway, timeout=httpx.Timeout(3.0, connect=0.5)) as client,
    ):
        engine = PaymentEngine(
            client,
            journal,
            till_id="till-7",
            cashier="amy",
            config=fast_config(index_lag=1.0, cancel_give_up=6.0),
            clock=wall,
        )
        assert engine.clocks.boot.startswith("process:") is not boot_id
        token = CancelToken()

        def step_then_cancel() -> None:
            wall.offset += 120.0  # NTP steps the till's clock forward two minutes
            token.cancel()  # and the cashier presses cancel

        threading.Timer(0.3, step_then_cancel).start()
        outcome = engine.pay_cpm(
            txamt=500, currency="HKD", pay_type=WECHAT_CPM, auth_code=PAID_CODE, cancel=token
        )
        time.sleep(max(0.0, 2.0 - 0.3))  # the gateway has booked it by now
        booked = gateway.store.by_out_trade_no(outcome.out_trade_no)
        assert booked is not None and booked.respcd == "0000", booked  # the customer paid
        rec = journal.get(outcome.out_trade_no)
        assert rec is not None
        assert_all_agree(gateway, journal)  # was: REVERSED "never arrived" in the journal
        assert rec.state is TxState.PAID, rec
