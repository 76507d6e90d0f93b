"""Review6 (design level, accepted): a gateway that books a payment long after the till's
request deadline is a limit of "no such order", and "check with QFPay" shows it.

"No such order" proves a payment never arrived once the request that opened the row can no
longer be with the gateway (its journaled whole-call deadline, ``engine.in_flight``) and
``index_lag`` more has passed: 30 s + 10 s in production.  Nothing the till does bounds the
gateway's own side: a gateway (or a proxy in the path) that holds a request it has read and
books it later still, with no order any enquiry can show in the meantime, is not something
the documents describe (001's slow-network answers 1295/1296/1298 are *answers*: the order
exists and is enquired).  So the bound is an accepted assumption, and this test pins down
both halves: the till acts on it, and a manager's "check with QFPay" (the day's
reconciliation) reports the late booking as a difference, so it is never silent.

Scenario (the training gateway's ``latency`` knob: it reads the request, waits, then books
it): the request's deadline is 1.5 s, ``index_lag`` 0.5 s, the gateway books after 3 s.
"""

from __future__ import annotations

import time
from datetime import date

import httpx

from pos_app.engine import Journal, TxState
from pos_app.engine.reconcile import DIFFERS, WHY, day_window, reconcile
from pos_app.training.server import TrainingGateway

from .conftest import PAID_CODE, WECHAT_CPM, EngineFactory, make_client


def test_a_payment_booked_after_the_till_gave_up_shows_in_check_with_qfpay(
    gateway: TrainingGateway, journal: Journal, make_engine: EngineFactory
) -> None:
    gateway.faults.add("latency", endpoint="/trade/v1/payment", delay=3.0)
    with make_client(gateway, timeout=httpx.Timeout(1.0, connect=0.5)) as client:
        assert client.deadline == 1.5
        engine = make_engine(client, index_lag=0.5, cancel_give_up=3.0)
        started = time.monotonic()
        outcome = engine.pay_cpm(
            txamt=500, currency="HKD", pay_type=WECHAT_CPM, auth_code=PAID_CODE
        )
        time.sleep(max(0.0, started + 3.5 - time.monotonic()))  # the gateway has booked it
        booked = gateway.store.by_out_trade_no(outcome.out_trade_no)
        assert booked is not None and booked.respcd == "0000", booked  # the customer paid
        rec = journal.get(outcome.out_trade_no)
        assert rec is not None and rec.state is TxState.REVERSED  # the accepted bound
        start, end = day_window(date.today())
        result = reconcile(journal, client, start, end, till_id="till-7", udid=None)
    [late] = [f for f in result.differences() if f.out_trade_no == outcome.out_trade_no]
    assert late.kind == DIFFERS and late.why == WHY["state"], late
