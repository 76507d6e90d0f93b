"""A till in chain mode learns "paid" from QFPay's notification, and only for its own orders."""

from __future__ import annotations

import logging
import threading
import time

import pytest

from pos_app.chain.budget import ChainBudget
from pos_app.chain.evidence import EvidenceBoard
from pos_app.chain.listener import NotificationListener
from pos_app.chain.sync import SyncWorker
from pos_app.engine import CancelToken, TxState

from .notify_kit import RunningBackOffice, notification, send
from .tillkit import Till, fast_config

SLOW = fast_config(mpm_intervals=(30.0,), mpm_timeout=120.0)


@pytest.fixture
def backoffice(headoffice):
    with RunningBackOffice(headoffice.dsn) as bo:
        yield bo


@pytest.fixture
def chain_till(gateway, tmp_path, headoffice):
    till = Till(gateway, tmp_path, config=SLOW)
    board = EvidenceBoard()
    till.engine.evidence = board
    listener = NotificationListener(headoffice.dsn, till.journal, board).start()
    assert listener.wait_live()
    yield till, listener
    listener.stop()
    till.close()


def mpm_in_background(till: Till, cents: int, token=None):
    result: dict = {}
    qr = threading.Event()

    def on_event(event):
        if event.kind == "qrcode":
            result["otn"] = event.out_trade_no
            qr.set()

    till.engine.on_event = on_event
    thread = threading.Thread(
        target=lambda: result.setdefault("outcome", till.start_mpm(cents, cancel=token))
    )
    thread.start()
    assert qr.wait(10)
    return result, thread


def trail(till: Till, otn: str) -> list[str]:
    return [f"{e.kind}:{e.detail}" for e in till.journal.events(otn)]


def test_a_notification_settles_the_tills_own_order_without_waiting_for_a_poll(
    chain_till, gateway, backoffice
):
    till, listener = chain_till
    result, thread = mpm_in_background(till, 2500)
    order = gateway.simulate_scan(result["otn"])  # the wallet confirms
    answer = send(backoffice.url, notification(result["otn"], 2500, syssn=order.syssn))
    assert answer.text == "SUCCESS"
    thread.join(10)  # polling alone would wait 30 s for its first query
    assert not thread.is_alive()
    outcome = result["outcome"]
    assert outcome.state is TxState.PAID and outcome.syssn == order.syssn
    steps = trail(till, result["otn"])
    assert any(s.startswith("answer:notification: success") for s in steps)
    assert not any(s == "request:query by out_trade_no" for s in steps)
    assert listener.matched == 1


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"txamt": "2501"}, "2501 HKD notified, 2500 HKD journaled"),
        ({"txcurrcd": "CNY"}, "2500 CNY notified"),
        ({"notify_type": "refund"}, "a refund notification for a payment"),
    ],
)
def test_a_notification_that_does_not_match_the_journal_is_ignored(
    chain_till, gateway, backoffice, caplog, change, why
):
    caplog.set_level(logging.WARNING, "pos_app.chain.listener")
    till, listener = chain_till
    token = CancelToken()
    result, thread = mpm_in_background(till, 2500, token)
    body = {**notification(result["otn"], 2500), **change}
    assert send(backoffice.url, body).text == "SUCCESS"  # head office keeps the evidence
    deadline = time.monotonic() + 10
    while why not in caplog.text and time.monotonic() < deadline:
        time.sleep(0.02)
    assert why in caplog.text
    assert till.journal.get(result["otn"]).state is not TxState.PAID
    assert listener.matched == 0
    assert thread.is_alive()
    gateway.simulate_scan(result["otn"])
    token.cancel()  # the cashier gives up: the engine asks the gateway, which says paid
    thread.join(10)
    assert result["outcome"].state is TxState.PAID
    assert not any("notification" in s for s in trail(till, result["otn"]))


def test_notifications_for_orders_this_till_never_journaled_are_ignored(chain_till, backoffice):
    till, listener = chain_till
    before = listener.ignored
    for i in range(3):
        assert send(backoffice.url, notification(f"OTHERTILL{i}", 100)).text == "SUCCESS"
    deadline = time.monotonic() + 10
    while listener.ignored < before + 3 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert listener.ignored == before + 3
    assert listener.matched == 0
    assert till.engine.evidence.posted == 0


def test_a_notification_stored_while_the_till_was_away_is_caught_up(
    gateway, tmp_path, headoffice, backoffice
):
    till = Till(gateway, tmp_path, config=SLOW)
    board = EvidenceBoard()
    till.engine.evidence = board
    try:
        result, thread = mpm_in_background(till, 900)
        order = gateway.simulate_scan(result["otn"])
        send(backoffice.url, notification(result["otn"], 900, syssn=order.syssn))
        listener = NotificationListener(headoffice.dsn, till.journal, board).start()
        try:
            thread.join(10)
            assert result["outcome"].state is TxState.PAID
        finally:
            listener.stop()
    finally:
        till.close()


def test_every_till_keeps_taking_payments_with_head_office_unreachable(gateway, tmp_path):
    dead = "postgresql://qfpay@127.0.0.1:9/headoffice"  # nothing listens on port 9
    board = EvidenceBoard()
    budget = ChainBudget(dead, merchant="M1", till_id="T1", expected_tills=2)
    till = Till(gateway, tmp_path, client={"rate_limiter": budget})
    till.engine.evidence = board
    listener = NotificationListener(dead, till.journal, board).start()
    worker = SyncWorker(till.journal_path, dead, till_id="T1", environment="training").start()
    try:
        outcomes = [till.pay(100 + i) for i in range(5)]
        assert all(o.paid for o in outcomes)
        result, thread = mpm_in_background(till, 700)
        gateway.simulate_scan(result["otn"])
        thread.join(10)
        assert result["outcome"].state is TxState.PAID  # found by polling
        assert not board.live and not worker.status().connected
        assert worker.status().pending > 0
        assert budget.source == "local"
    finally:
        worker.stop()
        listener.stop()
        budget.close()
        till.close()
