"""Review5: "no such order" proved a payment never arrived while its request could still be
with the gateway.  A cashier's cancel (or a crash) while a slow gateway was still booking the
payment ended the row REVERSED "never arrived", then the gateway booked it: the customer was
charged and the journal said nothing was.

Scaled from production's figures: ``index_lag`` (10 s) is shorter than the payment request's
own deadline (connect + read, 30 s), here 1 s against ~3.5 s.  Absence now counts only after
the request's own deadline (journaled with the row: ``in_flight_until``) and the index lag.
"""

from __future__ import annotations

import threading
import time

import httpx
import pytest

from pos_app.engine import CancelToken, EngineEvent, Journal, TxState
from pos_app.engine.core import R_MAKING_SURE, R_NEVER_ARRIVED, R_NO_ANSWER
from pos_app.engine.in_flight import Clocks, this_boot
from pos_app.training.server import TrainingGateway

from .conftest import PAID_CODE, WECHAT_CPM, EngineFactory, assert_all_agree, make_client
from .test_recovery import row


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
        assert_all_agree(gateway, journal)
        assert rec.state is TxState.PAID


def test_the_row_carries_its_own_request_deadline(
    gateway: TrainingGateway, journal: Journal, make_engine: EngineFactory
) -> None:
    with make_client(gateway, timeout=httpx.Timeout(2.0, connect=0.5)) as client:
        outcome = make_engine(client).pay_cpm(
            txamt=500, currency="HKD", pay_type=WECHAT_CPM, auth_code=PAID_CODE
        )
    rec = journal.get(outcome.out_trade_no)
    assert rec is not None and rec.in_flight_until is not None and client.deadline == 2.5
    assert rec.in_flight_until - rec.created_at == pytest.approx(2.5, abs=0.05)
    assert rec.in_flight_boot == this_boot() is not None  # Linux: the boot's id
    assert rec.in_flight_ticks is not None
    assert rec.in_flight_ticks - time.monotonic() == pytest.approx(2.5, abs=1.0)


def test_recovery_waits_out_the_senders_deadline_not_its_own(
    gateway: TrainingGateway, journal: Journal, make_engine: EngineFactory
) -> None:
    """A till killed mid-request ran with a 3 s deadline; the process that recovers it runs
    with a 1 s one.  Until the sender's request can no longer be in flight, "no such order"
    proves nothing, whatever the recovering client's own deadline."""
    sent = Clocks.of(None)
    number = row(journal, state=TxState.SENT, in_flight=sent.stamp(3.0))
    with make_client(gateway) as client:  # deadline 1 s
        assert client.deadline == 1.0
        engine = make_engine(client, index_lag=0.05, cancel_give_up=1.2)
        engine.recover()
        early = journal.get(number)
        assert early is not None and early.state is TxState.CANCELLING, early
        time.sleep(max(0.0, early.created_at + 3.1 - time.time()))
        engine.recover()
    late = journal.get(number)
    assert late is not None and late.state is TxState.REVERSED and late.reason == R_NEVER_ARRIVED
    assert gateway.store.by_out_trade_no(number) is None


def test_a_cancel_that_waits_out_the_bound_says_why_and_not_no_network(
    gateway: TrainingGateway,
    journal: Journal,
    make_engine: EngineFactory,
    events: list[EngineEvent],
) -> None:
    """The cashier cancels while the payment request is unanswered; the gateway never booked
    it.  The screen must not blame the network for the wait the cancel itself cut short,
    and it must say why the cancel takes a while (QFPay has no record; the till waits until
    the payment can no longer arrive), once, with the time left."""
    gateway.faults.add("timeout", endpoint="/trade/v1/payment", delay=3.0)  # never booked
    with make_client(gateway) as client:  # deadline 1 s
        engine = make_engine(client, index_lag=0.3, cancel_give_up=5.0)
        token = CancelToken()
        threading.Timer(0.3, token.cancel).start()
        outcome = engine.pay_cpm(
            txamt=500, currency="HKD", pay_type=WECHAT_CPM, auth_code=PAID_CODE, cancel=token
        )
    assert outcome.state is TxState.REVERSED and outcome.message == R_NEVER_ARRIVED
    messages = [e for e in events if e.kind == "message"]
    assert R_NO_ANSWER not in [e.message for e in messages]
    [making_sure] = [e for e in messages if e.message == R_MAKING_SURE]
    assert making_sure.seconds_left is not None and 0 < making_sure.seconds_left <= 1.3
    assert gateway.store.by_out_trade_no(outcome.out_trade_no) is None
