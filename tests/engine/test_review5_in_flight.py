"""Review5 FAILING test: a cashier's cancel while a slow gateway is still booking the payment
ends the row REVERSED "never arrived", then the gateway books it (the customer is charged).

Scaled from production's figures: ``index_lag`` (10 s) is shorter than the payment request's
own deadline (connect 5 s + read 20 s), here 1 s against ~3.5 s.  The reversal is refused
"no such order" (1136) while the request is still being processed, and once the order is
``index_lag`` old that refusal is taken as proof that nothing reached the gateway.  Absence
proves nothing while the till itself would still accept the request's answer.
"""

from __future__ import annotations

import threading
import time

import httpx

from pos_app.engine import CancelToken, Journal, TxState
from pos_app.training.server import TrainingGateway

from .conftest import PAID_CODE, WECHAT_CPM, EngineFactory, assert_all_agree, make_client


def test_a_cancel_during_a_slow_booking_is_not_never_arrived(
    gateway: TrainingGateway, journal: Journal, make_engine: EngineFactory
) -> None:
    gateway.faults.add("latency", endpoint="/trade/v1/payment", delay=1.6)
    with make_client(gateway, timeout=httpx.Timeout(3.0, connect=0.5)) as client:
        engine = make_engine(client, index_lag=1.0, cancel_give_up=5.0)
        token = CancelToken()
        threading.Timer(0.3, token.cancel).start()  # the cashier presses cancel
        outcome = engine.pay_cpm(
            txamt=500, currency="HKD", pay_type=WECHAT_CPM, auth_code=PAID_CODE, cancel=token
        )
        time.sleep(2.0)  # the gateway has booked it by now
        rec = journal.get(outcome.out_trade_no)
        assert rec is not None
        print(rec.state, rec.reason, gateway.store.by_out_trade_no(rec.out_trade_no))
        assert_all_agree(gateway, journal)
        assert rec.state is TxState.PAID
