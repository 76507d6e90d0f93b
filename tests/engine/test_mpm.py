"""Merchant-presented QR payments (MPM): the code is announced, then polled to an end."""

from __future__ import annotations

import threading

from pos_app.engine import CancelToken, EngineEvent, Journal, Outcome, PaymentEngine, TxState
from pos_app.training.server import TrainingGateway

from .conftest import WECHAT_MPM, EngineFactory, assert_agrees, gateway_order, make_client


def start(engine: PaymentEngine, **kw: object) -> Outcome:
    args: dict[str, object] = {"txamt": 880, "currency": "HKD", "pay_type": WECHAT_MPM}
    args.update(kw)
    return engine.start_mpm(**args)  # type: ignore[arg-type]


def scan_when_shown(
    gateway: TrainingGateway, events: list[EngineEvent], action: str = "scan"
) -> threading.Thread:
    """Play the customer: wait for the qrcode event, then scan (or expire) the order."""

    def run() -> None:
        for _ in range(2000):
            shown = [e for e in events if e.kind == "qrcode"]
            if shown:
                if action == "scan":
                    gateway.simulate_scan(shown[0].out_trade_no)
                else:
                    gateway.expire(shown[0].out_trade_no)
                return
            threading.Event().wait(0.002)

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_qrcode_is_announced_then_paid_when_scanned(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway, events: list[EngineEvent]
) -> None:
    customer = scan_when_shown(gateway, events)
    outcome = start(engine, timeout=30.0)
    customer.join()
    assert outcome.state is TxState.PAID
    shown = [e for e in events if e.kind == "qrcode"]
    assert len(shown) == 1 and shown[0].qrcode and shown[0].qrcode.startswith("http")
    rec = journal.get(outcome.out_trade_no)
    assert rec is not None and rec.qrcode == shown[0].qrcode and rec.mode == "MPM"
    assert_agrees(gateway, rec)


def test_nobody_scans_so_the_order_is_closed(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway
) -> None:
    outcome = start(engine)
    assert outcome.state is TxState.CLOSED
    order = gateway_order(gateway, outcome.out_trade_no)
    assert order is not None and order.cancel == 2
    rec = journal.get(outcome.out_trade_no)
    assert rec is not None
    assert_agrees(gateway, rec)


def test_cashier_cancel_closes(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway, events: list[EngineEvent]
) -> None:
    token = CancelToken()

    def cancel_when_shown() -> None:
        while not any(e.kind == "qrcode" for e in events):
            threading.Event().wait(0.002)
        token.cancel()

    helper = threading.Thread(target=cancel_when_shown)
    helper.start()
    outcome = start(engine, cancel=token, timeout=30.0)
    helper.join()
    assert outcome.state is TxState.CLOSED
    rec = journal.get(outcome.out_trade_no)
    assert rec is not None and "cashier" in rec.reason
    assert_agrees(gateway, rec)


def test_expired_at_the_gateway_ends_closed(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway, events: list[EngineEvent]
) -> None:
    customer = scan_when_shown(gateway, events, action="expire")
    outcome = start(engine, timeout=30.0)
    customer.join()
    assert outcome.state is TxState.CLOSED and outcome.respcd == "1181"
    rec = journal.get(outcome.out_trade_no)
    assert rec is not None
    assert_agrees(gateway, rec)


def test_lost_create_answer_closes_the_unseen_order(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway, events: list[EngineEvent]
) -> None:
    gateway.faults.add("lost_reply", endpoint="/trade/v1/payment")
    outcome = start(engine)
    assert outcome.state is TxState.CLOSED
    assert not [e for e in events if e.kind == "qrcode"]
    order = gateway_order(gateway, outcome.out_trade_no)
    assert order is not None and order.cancel == 2  # closed, nothing left pending
    rec = journal.get(outcome.out_trade_no)
    assert rec is not None
    assert_agrees(gateway, rec)


def test_scan_racing_the_close_is_kept_paid(
    make_engine: EngineFactory,
    journal: Journal,
    gateway: TrainingGateway,
    events: list[EngineEvent],
) -> None:
    """A paid MPM order cannot be closed (1260): the sale is paid."""
    from pos_app.qfpay.client import QFPayClient

    class ScansDuringClose(QFPayClient):
        def cancel(self, pay_type, **kwargs):  # type: ignore[no-untyped-def]
            gateway.simulate_scan(kwargs["out_trade_no"])
            return super().cancel(pay_type, **kwargs)

    client = make_client(gateway)
    client.__class__ = ScansDuringClose
    engine = make_engine(client)
    outcome = start(engine)
    assert outcome.state is TxState.PAID
    rec = journal.get(outcome.out_trade_no)
    assert rec is not None and rec.syssn
    assert_agrees(gateway, rec)
    client.close_client()


def test_expired_time_is_sent_within_the_documented_range(
    engine: PaymentEngine, gateway: TrainingGateway
) -> None:
    outcome = start(engine)  # 0.6 s locally -> the 5-minute minimum at the gateway
    order = gateway_order(gateway, outcome.out_trade_no)
    assert order is not None and order.expires_at is not None
    assert 290 <= order.expires_at - order.created_at <= 310
