"""Refunds: manager PIN, limits kept locally and by the gateway, unknown answers resolved."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from pos_app.engine import (
    EngineEvent,
    InputRefusedError,
    Journal,
    ManagerAuthError,
    ManagerLockedError,
    NotSentError,
    Outcome,
    PaymentEngine,
    TxState,
)
from pos_app.engine.day_reports import x_report
from pos_app.qfpay.client import QFPayClient
from pos_app.training.server import TrainingGateway

from .conftest import (
    FPS_MPM,
    PAID_CODE,
    WECHAT_CPM,
    EngineFactory,
    assert_agrees,
    assert_all_agree,
    fast_config,
    gateway_order,
)


@dataclass(frozen=True)
class Paid:
    """The paid sale the refunds work on."""

    syssn: str
    out_trade_no: str


@pytest.fixture
def paid(engine: PaymentEngine) -> Paid:
    engine.managers.add("Mei", "246810")
    outcome = engine.pay_cpm(txamt=1000, currency="HKD", pay_type=WECHAT_CPM, auth_code=PAID_CODE)
    assert outcome.state is TxState.PAID and outcome.syssn
    return Paid(outcome.syssn, outcome.out_trade_no)


def refund(engine: PaymentEngine, syssn: str, txamt: int, pin: str = "246810") -> Outcome:
    return engine.refund(orig_syssn=syssn, txamt=txamt, manager="Mei", pin=pin)


def test_partial_refunds_add_up_to_the_original(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway, paid: Paid
) -> None:
    first = refund(engine, paid.syssn, 400)
    second = refund(engine, paid.syssn, 600)
    assert first.state is second.state is TxState.REFUNDED
    assert first.syssn and first.syssn != second.syssn
    assert journal.refundable_remaining(paid.syssn) == 0
    with pytest.raises(InputRefusedError, match="At most 0"):
        refund(engine, paid.syssn, 1)
    rec = journal.get(first.out_trade_no)
    assert rec is not None and rec.manager == "Mei" and rec.orig_syssn == paid.syssn
    assert any("manager Mei" in e.detail for e in journal.events(rec.out_trade_no))
    original = gateway.store.by_syssn(paid.syssn)
    assert original is not None and original.refunded == 1000 and original.cancel == 3
    assert_all_agree(gateway, journal)
    (line,) = x_report(journal, till_id="T1").lines
    assert line.net == 0 and line.refund_amount == 1000


def test_over_refund_is_refused_before_anything_is_sent(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway, paid: Paid
) -> None:
    before = len(gateway.store.all())
    with pytest.raises(InputRefusedError):
        refund(engine, paid.syssn, 1001)
    assert len(gateway.store.all()) == before and journal.refunds_of(paid.syssn) == []


def test_gateway_limit_1272_is_respected(
    tmp_path: Path,
    client: QFPayClient,
    gateway: TrainingGateway,
    paid: Paid,
    engine: PaymentEngine,
) -> None:
    """Another till (own journal) refunded already: the gateway's 1272 declines ours."""
    refund(engine, paid.syssn, 700)
    with Journal(tmp_path / "other.sqlite3") as other_journal:
        other = PaymentEngine(
            client, other_journal, till_id="till-8", cashier="bo", config=fast_config()
        )
        other.managers.add("Mei", "246810")
        outcome = other.refund(orig_syssn=paid.syssn, txamt=500, manager="Mei", pin="246810")
        assert outcome.state is TxState.DECLINED and outcome.respcd == "1272"
        rec = other_journal.get(outcome.out_trade_no)
        assert rec is not None
        assert_agrees(gateway, rec)
        # the original was found through the gateway, not the local journal
        assert other_journal.by_syssn(paid.syssn) is None


def test_fps_is_refused_up_front_and_nothing_is_journaled(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway, events: list[EngineEvent]
) -> None:
    engine.managers.add("Mei", "246810")

    def scan() -> None:
        while not any(e.kind == "qrcode" for e in events):
            threading.Event().wait(0.002)
        gateway.simulate_scan(next(e for e in events if e.kind == "qrcode").out_trade_no)

    helper = threading.Thread(target=scan)
    helper.start()
    paid = engine.start_mpm(txamt=300, currency="HKD", pay_type=FPS_MPM, timeout=30.0)
    helper.join()
    assert paid.state is TxState.PAID and paid.syssn
    rows = len(journal.history(date.today()))
    orders = len(gateway.store.all())
    with pytest.raises(InputRefusedError, match="cannot be refunded"):
        refund(engine, paid.syssn, 300)
    assert len(journal.history(date.today())) == rows
    assert len(gateway.store.all()) == orders


def test_wrong_pin_and_lockout_send_nothing(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway, paid: Paid
) -> None:
    for _ in range(4):
        with pytest.raises(ManagerAuthError):
            refund(engine, paid.syssn, 100, pin="000000")
    with pytest.raises(ManagerLockedError):
        refund(engine, paid.syssn, 100, pin="000000")
    with pytest.raises(ManagerLockedError):
        refund(engine, paid.syssn, 100)
    assert journal.refunds_of(paid.syssn) == []


def test_unknown_or_unpaid_original_is_refused(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway, paid: Paid
) -> None:
    with pytest.raises(InputRefusedError, match="No paid payment"):
        refund(engine, "20260101000000000000009999", 100)
    declined = engine.pay_cpm(
        txamt=50, currency="HKD", pay_type=WECHAT_CPM, auth_code="134567890123451201"
    )
    assert declined.state is TxState.DECLINED
    order = gateway_order(gateway, declined.out_trade_no)
    assert order is not None and order.syssn
    with pytest.raises(InputRefusedError, match="No paid payment"):
        refund(engine, order.syssn, 50)
    assert journal.unfinished() == []


@pytest.mark.parametrize("fault", ["lost_reply", "bad_signature", "timeout"])
def test_refund_answer_lost_is_resolved_by_enquiry(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway, paid: Paid, fault: str
) -> None:
    delay = 0.8 if fault == "timeout" else None
    gateway.faults.add(fault, endpoint="/trade/v1/refund", delay=delay)
    outcome = refund(engine, paid.syssn, 250)
    rec = journal.get(outcome.out_trade_no)
    assert rec is not None
    if fault == "timeout":  # not processed, but the till cannot know: it stays open
        assert gateway_order(gateway, rec.out_trade_no) is None
        assert outcome.state is TxState.UNKNOWN and "not known yet" in outcome.message
        assert journal.refundable_remaining(paid.syssn) == 750
    else:
        assert outcome.state is TxState.REFUNDED and outcome.syssn
    assert_agrees(gateway, rec)


@pytest.mark.parametrize("fault", ["drop", "http_error", "non_json"])
def test_refund_with_an_unknown_answer_stays_open_never_declined(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway, paid: Paid, fault: str
) -> None:
    """Issue 7 #2: an unknown refund is never DECLINED; its amount stays held back."""
    gateway.faults.add(fault, endpoint="/trade/v1/refund")
    outcome = refund(engine, paid.syssn, 250)
    assert outcome.state is TxState.UNKNOWN
    assert gateway_order(gateway, outcome.out_trade_no) is None
    assert journal.refundable_remaining(paid.syssn) == 750
    with pytest.raises(InputRefusedError):  # the held-back amount cannot be refunded twice
        refund(engine, paid.syssn, 751)
    report = engine.recover()  # recovery keeps asking; "not found" frees nothing
    assert [i.after for i in report.items] == [TxState.UNKNOWN]
    assert journal.refundable_remaining(paid.syssn) == 750


def test_refund_unseen_for_a_long_window_goes_to_a_manager(
    make_engine: EngineFactory, journal: Journal, gateway: TrainingGateway, paid: Paid
) -> None:
    from .conftest import make_client

    with make_client(gateway) as client:
        engine = make_engine(client, refund_attention_after=0.3)
        gateway.faults.add("drop", endpoint="/trade/v1/refund")
        outcome = refund(engine, paid.syssn, 250)
        assert outcome.state is TxState.UNKNOWN
        rec = journal.get(outcome.out_trade_no)
        assert rec is not None
        while engine.now() - rec.created_at < 0.3:
            engine.wait(None, 0.05)
        report = engine.recover()
    assert [i.after for i in report.items] == [TxState.NEEDS_ATTENTION]
    assert journal.refundable_remaining(paid.syssn) == 750  # still held back


def test_refund_refused_with_http_429_ends_at_once_as_not_sent(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway, paid: Paid
) -> None:
    """Issue 7 #8: a 429 is certain that nothing was processed: no wait, nothing held."""
    gateway.faults.add("rate_limit", endpoint="/trade/v1/refund")
    with pytest.raises(NotSentError) as info:
        refund(engine, paid.syssn, 250)
    assert info.value.cause == "busy"
    rec = journal.get(info.value.out_trade_no or "")
    assert rec is not None and rec.state is TxState.DECLINED
    assert journal.refundable_remaining(paid.syssn) == 1000
    again = refund(engine, paid.syssn, 250)
    assert again.state is TxState.REFUNDED
    assert_all_agree(gateway, journal)


def test_refund_still_unknown_stays_open_for_recovery(
    make_engine: EngineFactory, journal: Journal, gateway: TrainingGateway, paid: Paid
) -> None:
    from pos_app.qfpay.client import QFPayClient

    from .conftest import make_client

    client = make_client(gateway)
    engine = make_engine(client)
    gateway.faults.add("lost_reply", endpoint="/trade/v1/refund")
    gateway.faults.add("drop", endpoint="/trade/v1/query", times=None)
    outcome = engine.refund(orig_syssn=paid.syssn, txamt=100, manager="Mei", pin="246810")
    assert outcome.state is TxState.UNKNOWN and "not known yet" in outcome.message
    assert journal.refundable_remaining(paid.syssn) == 900  # the open refund counts
    gateway.faults.clear()
    report = engine.recover()
    assert [i.after for i in report.items] == [TxState.REFUNDED]
    rec = journal.get(outcome.out_trade_no)
    assert rec is not None
    assert_agrees(gateway, rec)
    assert isinstance(client, QFPayClient)
    client.close_client()
