"""Every fault knob of the training gateway on every step of a code payment.

Whatever breaks, the sale must end final and the journal must agree with the gateway's book:
no payment lost, none doubled, nothing left pending.
"""

from __future__ import annotations

import pytest

from pos_app.engine import (
    Journal,
    NotSentError,
    Outcome,
    PaymentEngine,
    TxState,
    WalletTiming,
)
from pos_app.qfpay.client import QFPayClient
from pos_app.training.credentials import TRAINING_CLIENT_KEY
from pos_app.training.server import TrainingGateway

from .conftest import (
    NEVER_CODE,
    PAID_CODE,
    PASSWORD_CODE,
    WECHAT_CPM,
    EngineFactory,
    assert_agrees,
    assert_all_agree,
    gateway_order,
)

#: kind -> whether the gateway still carries out the request (from faults.py).
PROCESSED = {
    "latency": True,
    "timeout": False,
    "drop": False,
    "http_error": False,
    "rate_limit": False,
    "non_json": False,
    "bad_signature": True,
    "lost_reply": True,
}
FAULT_DELAY = {"latency": 0.05, "timeout": 0.7}


def arm(gateway: TrainingGateway, kind: str, endpoint: str, times: int | None = 1) -> None:
    delay = FAULT_DELAY.get(kind)
    gateway.faults.add(kind, endpoint=endpoint, times=times, delay=delay)


def pay(engine: PaymentEngine, code: str) -> Outcome:
    return engine.pay_cpm(txamt=500, currency="HKD", pay_type=WECHAT_CPM, auth_code=code)


@pytest.mark.parametrize("kind", sorted(set(PROCESSED) - {"rate_limit"}))
def test_fault_on_the_payment_request(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway, kind: str
) -> None:
    arm(gateway, kind, "/trade/v1/payment")
    outcome = pay(engine, PAID_CODE)
    rec = journal.get(outcome.out_trade_no)
    assert rec is not None
    if PROCESSED[kind]:
        assert outcome.state is TxState.PAID
    else:
        assert outcome.state is TxState.REVERSED
        assert gateway_order(gateway, outcome.out_trade_no) is None
        assert "never reached" in outcome.message
    payments = [e for e in journal.events(rec.out_trade_no) if e.detail.startswith("payment")]
    assert len([e for e in payments if e.kind == "request"]) == 1  # never re-sent
    assert_agrees(gateway, rec)


@pytest.mark.parametrize("kind", sorted(PROCESSED))
@pytest.mark.parametrize("times", [2, None])
def test_fault_on_every_enquiry(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway, kind: str, times: int | None
) -> None:
    arm(gateway, kind, "/trade/v1/query", times=times)
    outcome = pay(engine, PASSWORD_CODE)
    rec = journal.get(outcome.out_trade_no)
    assert rec is not None and rec.state.is_final
    if kind == "timeout":  # each hang outlasts the 0.6 s deadline: either end is right
        assert outcome.state in (TxState.PAID, TxState.REVERSED)
    elif times is not None or PROCESSED[kind]:
        # Either an enquiry got through, or the gateway processed the failed ones and the
        # customer finished paying: the reversal at the deadline is refused (1260), so PAID.
        assert outcome.state is TxState.PAID
    else:
        assert outcome.state is TxState.REVERSED
    assert_agrees(gateway, rec)


@pytest.mark.parametrize("kind", sorted(PROCESSED))
def test_fault_on_the_reversal(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway, kind: str
) -> None:
    arm(gateway, kind, "/trade/v1/reversal", times=2)
    outcome = pay(engine, NEVER_CODE)
    assert outcome.state is TxState.REVERSED
    order = gateway_order(gateway, outcome.out_trade_no)
    assert order is not None and order.cancel == 1
    rec = journal.get(outcome.out_trade_no)
    assert rec is not None
    assert_agrees(gateway, rec)


def test_reversal_that_never_gets_through_is_left_for_recovery(
    make_engine: EngineFactory, journal: Journal, gateway: TrainingGateway
) -> None:
    from .conftest import make_client

    client = make_client(gateway)
    engine = make_engine(client, cancel_give_up=0.2)
    gateway.faults.add("http_error", endpoint="/trade/v1/reversal", times=None)
    outcome = pay(engine, NEVER_CODE)
    assert outcome.state is TxState.CANCELLING and "not confirmed" in outcome.message
    assert [r.out_trade_no for r in journal.unfinished()] == [outcome.out_trade_no]
    gateway.faults.clear()
    (item,) = engine.recover().items
    assert item.after is TxState.REVERSED
    assert_all_agree(gateway, journal)
    client.close_client()


def test_http_429_on_the_payment_ends_at_once_as_not_sent(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway
) -> None:
    """Issue 7 #8: a 429 says the gateway processed nothing: no polling, no reversal."""
    arm(gateway, "rate_limit", "/trade/v1/payment")
    with pytest.raises(NotSentError) as info:
        pay(engine, PAID_CODE)
    assert info.value.cause == "busy"
    rec = journal.get(info.value.out_trade_no or "")
    assert rec is not None and rec.state is TxState.DECLINED
    requests = [e.detail for e in journal.events(rec.out_trade_no) if e.kind == "request"]
    assert requests == ["payment CPM"]  # neither queried nor reversed
    assert gateway.store.all() == []


def test_http_429_pauses_polling_through_the_budget(
    client: QFPayClient, journal: Journal, gateway: TrainingGateway, make_engine: EngineFactory
) -> None:
    """Three 429s on the enquiry pause polling; the sale still ends PAID on the gateway's word.

    The sale's deadline is long: the poll loop itself waits for the condition (the wallet
    paid after its enquiries), so a loaded machine, where the 429 round trips and pauses
    take longer than the fast config's 0.6 s, can no longer turn it into a reversal.
    """
    patient = WalletTiming(deadline=60.0, intervals=(0.01, 0.02))
    engine = make_engine(
        client, wallet_timings={"wechat": patient, "alipay": patient}, default_timing=patient
    )
    gateway.faults.add("rate_limit", endpoint="/trade/v1/query", times=3)
    # A loaded machine, on purpose: every enquiry answer takes 0.15 s.
    gateway.faults.add("latency", endpoint="/trade/v1/query", times=None, delay=0.15)
    outcome = pay(engine, PASSWORD_CODE)
    assert outcome.state is TxState.PAID
    notes = [e.detail for e in journal.events(outcome.out_trade_no) if e.kind == "note"]
    assert any("HTTP 429" in n for n in notes)


def test_no_secret_or_full_auth_code_reaches_the_journal_file(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway
) -> None:
    for kind in ("lost_reply", "bad_signature", "non_json"):
        arm(gateway, kind, "/trade/v1/payment")
        pay(engine, PAID_CODE)
    pay(engine, NEVER_CODE)
    pay(engine, PASSWORD_CODE)
    raw = b"".join(
        path.read_bytes()
        for path in journal.path.parent.iterdir()
        if path.name.startswith(journal.path.name)
    )
    assert TRAINING_CLIENT_KEY.encode() not in raw
    for code in (PAID_CODE, NEVER_CODE, PASSWORD_CODE):
        assert code.encode() not in raw
        assert code[:-4].encode() not in raw
    assert b"**************0000" in raw  # the masked form is what is kept
