"""Code payments (CPM) end to end against the training gateway, journal checked each time."""

from __future__ import annotations

import threading

import pytest

from pos_app.engine import (
    CancelToken,
    EngineEvent,
    InputRefusedError,
    Journal,
    Outcome,
    PaymentEngine,
    SaleUnresolvedError,
    TxState,
)
from pos_app.qfpay.client import QFPayClient
from pos_app.training.server import TrainingGateway

from .conftest import (
    ALIPAY_CPM,
    BAD_CODE,
    EXPIRED_CODE,
    NEVER_CODE,
    PAID_CODE,
    PASSWORD_CODE,
    POOR_CODE,
    PROCESSING_CODE,
    WECHAT_CPM,
    EngineFactory,
    assert_agrees,
    assert_all_agree,
    gateway_order,
    make_client,
)


def pay(engine: PaymentEngine, code: str = PAID_CODE, **kw: object) -> Outcome:
    args: dict[str, object] = {
        "txamt": 1234,
        "currency": "HKD",
        "pay_type": WECHAT_CPM,
        "auth_code": code,
    }
    args.update(kw)
    return engine.pay_cpm(**args)  # type: ignore[arg-type]


def test_paid_at_once_is_journaled_with_masked_code(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway, events: list[EngineEvent]
) -> None:
    outcome = pay(engine)
    assert outcome.state is TxState.PAID and outcome.paid
    rec = journal.get(outcome.out_trade_no)
    assert rec is not None and rec.state is TxState.PAID
    assert rec.auth_code == "*" * 14 + "0000"
    assert rec.syssn and rec.syssn == outcome.syssn
    assert rec.txamt == 1234 and rec.currency == "HKD" and rec.cashier == "amy"
    kinds = [e.kind for e in journal.events(rec.out_trade_no)]
    assert kinds[0] == "created" and "request" in kinds and "answer" in kinds
    states = [e.state for e in events if e.kind == "state"]
    assert states == [TxState.CREATED, TxState.SENT, TxState.PAID]
    assert_agrees(gateway, rec)
    assert PAID_CODE not in str(journal.events(rec.out_trade_no))


@pytest.mark.parametrize("code", [PASSWORD_CODE, PROCESSING_CODE])
def test_in_progress_is_polled_until_paid(
    engine: PaymentEngine,
    journal: Journal,
    gateway: TrainingGateway,
    events: list[EngineEvent],
    code: str,
) -> None:
    outcome = pay(engine, code, pay_type=ALIPAY_CPM)
    assert outcome.state is TxState.PAID
    rec = journal.get(outcome.out_trade_no)
    assert rec is not None
    queries = [
        e
        for e in journal.events(rec.out_trade_no)
        if e.kind == "request" and e.detail.startswith("query")
    ]
    assert len(queries) == 3  # pending_queries=2, the third finds it paid
    assert any(e.kind == "waiting" and e.seconds_left is not None for e in events)
    assert_agrees(gateway, rec)


@pytest.mark.parametrize(
    ("code", "respcd"), [(POOR_CODE, "1201"), (BAD_CODE, "1202"), (EXPIRED_CODE, "2005")]
)
def test_declined_ends_the_attempt_and_a_new_one_may_follow(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway, code: str, respcd: str
) -> None:
    sale = engine.new_sale_id()
    first = pay(engine, code, sale_id=sale)
    assert first.state is TxState.DECLINED and first.respcd == respcd and first.message
    second = pay(engine, PAID_CODE, sale_id=sale)
    assert second.state is TxState.PAID
    assert second.out_trade_no != first.out_trade_no
    assert [a.out_trade_no for a in journal.attempts(sale)] == [
        first.out_trade_no,
        second.out_trade_no,
    ]
    with pytest.raises(InputRefusedError):
        pay(engine, PAID_CODE, sale_id=sale)
    assert_all_agree(gateway, journal)


def test_wallet_that_never_answers_is_reversed_at_the_deadline(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway
) -> None:
    outcome = pay(engine, NEVER_CODE)
    assert outcome.state is TxState.REVERSED
    order = gateway_order(gateway, outcome.out_trade_no)
    assert order is not None and order.cancel == 1 and order.respcd == "1263"
    rec = journal.get(outcome.out_trade_no)
    assert rec is not None
    assert_agrees(gateway, rec)


def test_cashier_cancel_reverses_and_the_thread_ends(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway
) -> None:
    token = CancelToken()
    result: list[object] = []
    worker = threading.Thread(target=lambda: result.append(pay(engine, NEVER_CODE, cancel=token)))
    worker.start()
    while not journal.unfinished():
        threading.Event().wait(0.005)
    token.cancel()
    worker.join(5)
    assert not worker.is_alive()
    outcome = result[0]
    assert outcome.state is TxState.REVERSED  # type: ignore[attr-defined]
    rec = journal.get(outcome.out_trade_no)  # type: ignore[attr-defined]
    assert rec is not None and "cashier" in rec.reason
    assert_agrees(gateway, rec)


def test_cancel_before_the_first_poll_still_checks_then_reverses(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway
) -> None:
    token = CancelToken()
    token.cancel()
    outcome = pay(engine, PASSWORD_CODE, cancel=token)
    assert outcome.state is TxState.REVERSED
    assert "Paid then reversed" not in outcome.message
    rec = journal.get(outcome.out_trade_no)
    assert rec is not None
    kinds = [(e.kind, e.detail.split(":")[0]) for e in journal.events(rec.out_trade_no)]
    # the last enquiry comes before the reversal, so a paid order would have been kept
    assert kinds.index(("request", "query by out_trade_no")) < kinds.index(
        ("request", f"cancel ({WECHAT_CPM})")
    )
    assert_agrees(gateway, rec)


def test_cancel_after_the_customer_paid_keeps_it_paid(
    make_engine: EngineFactory, journal: Journal
) -> None:
    with TrainingGateway(pending_queries=0) as gw, make_client(gw) as client:
        engine = make_engine(client)
        token = CancelToken()
        token.cancel()
        outcome = pay(engine, PASSWORD_CODE, cancel=token)
        assert outcome.state is TxState.PAID
        order = gateway_order(gw, outcome.out_trade_no)
        assert order is not None and order.cancel == 0
        rec = journal.get(outcome.out_trade_no)
        assert rec is not None
        assert_agrees(gw, rec)


class PaysDuringCancel(QFPayClient):
    """The customer's wallet completes just before the reversal reaches the gateway."""

    gateway: TrainingGateway

    def cancel(self, pay_type, **kwargs):  # type: ignore[no-untyped-def]
        order = self.gateway.store.by_out_trade_no(kwargs["out_trade_no"])
        assert order is not None
        order.respcd, order.pending_queries = "0000", 0
        self.gateway.store.update(order)
        return super().cancel(pay_type, **kwargs)


def test_paid_just_before_the_reversal_is_paid(
    make_engine: EngineFactory, journal: Journal, gateway: TrainingGateway
) -> None:
    """The customer pays as the deadline passes: the reversal is refused (1260) and the sale
    is PAID, never silently lost; a manager refunds it if the customer should not pay."""
    client = make_client(gateway)
    client.__class__ = PaysDuringCancel
    client.gateway = gateway  # type: ignore[attr-defined]
    engine = make_engine(client)
    outcome = pay(engine, NEVER_CODE)
    assert outcome.state is TxState.PAID
    order = gateway_order(gateway, outcome.out_trade_no)
    assert order is not None and order.respcd == "0000" and order.cancel == 0
    rec = journal.get(outcome.out_trade_no)
    assert rec is not None
    assert_agrees(gateway, rec)
    client.close_client()


def test_refused_input_journals_nothing(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway
) -> None:
    for bad in (
        {"auth_code": "not a code"},
        {"txamt": 0},
        {"currency": "XXX"},
        {"pay_type": "800201"},  # an MPM type
        {"pay_type": "123456"},
    ):
        with pytest.raises(InputRefusedError) as info:
            pay(engine, **bad)
        assert info.value.message
    assert journal.unfinished() == [] and gateway.store.all() == []


def test_a_sale_with_an_open_attempt_refuses_another(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway
) -> None:
    sale = engine.new_sale_id()
    rec = journal.create(
        out_trade_no="TILL7OPEN1",
        sale_id=sale,
        mode="CPM",  # type: ignore[arg-type]
        till_id="till-7",
        cashier="amy",
        txamt=100,
        currency="HKD",
        pay_type=WECHAT_CPM,
    )
    # The earlier attempt is settled first (recovery); while the gateway cannot be asked it
    # stays open and the new payment is refused with nothing sent.
    gateway.faults.add("drop", endpoint="/trade/v1/query", times=None)
    with pytest.raises(SaleUnresolvedError) as info:
        pay(engine, sale_id=sale)
    assert info.value.out_trade_no == rec.out_trade_no
    assert not any(o.order_type == "payment" for o in gateway.store.all())
