"""Recovery from every persisted state, built directly in the journal and the gateway."""

from __future__ import annotations

import contextlib
import time

import pytest

from pos_app.engine import Journal, PaymentEngine, TxMode, TxState
from pos_app.engine.ids import new_out_trade_no
from pos_app.engine.in_flight import Clocks
from pos_app.qfpay.client import QFPayClient
from pos_app.qfpay.errors import DeclinedError
from pos_app.training.server import TrainingGateway

from .conftest import (
    NEVER_CODE,
    PAID_CODE,
    PASSWORD_CODE,
    POOR_CODE,
    WECHAT_CPM,
    WECHAT_MPM,
    EngineFactory,
    assert_agrees,
    assert_all_agree,
    fast_config,
    gateway_order,
    make_client,
)


def row(
    journal: Journal,
    *,
    mode: TxMode = TxMode.CPM,
    pay_type: str = WECHAT_CPM,
    state: TxState = TxState.CREATED,
    deadline: float | None = None,
    txamt: int = 1000,
    **kw: object,
) -> str:
    otn = new_out_trade_no("till-7")
    journal.create(
        out_trade_no=otn,
        sale_id="S1",
        mode=mode,
        till_id="till-7",
        cashier="amy",
        txamt=txamt,
        currency="HKD",
        pay_type=pay_type,
        deadline=time.time() - 1 if deadline is None else deadline,
        # Its request's window is over (a crash some time ago), unless a test says otherwise.
        in_flight=kw.pop("in_flight", Clocks.of().stamp(0.0)),
        **kw,  # type: ignore[arg-type]
    )
    if state is not TxState.CREATED:
        journal.transition(otn, state)
    return otn


def send(client: QFPayClient, otn: str, code: str | None, pay_type: str = WECHAT_CPM) -> None:
    """Put the order at the gateway as if the till had sent it just before crashing."""
    with contextlib.suppress(DeclinedError):  # a declined order exists at the gateway too
        client.pay(out_trade_no=otn, txamt=1000, txcurrcd="HKD", pay_type=pay_type, auth_code=code)


def test_created_row_never_sent_is_reversed_by_number(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway
) -> None:
    otn = row(journal)
    report = engine.recover()
    (item,) = report.items
    assert item.before is TxState.CREATED and item.after is TxState.REVERSED
    assert "never reached" in item.reason
    assert gateway_order(gateway, otn) is None
    assert report.still_open == [] and report.needs_attention == []


@pytest.mark.parametrize("state", [TxState.CREATED, TxState.SENT, TxState.UNKNOWN])
def test_row_paid_at_the_gateway_becomes_paid(
    engine: PaymentEngine,
    journal: Journal,
    gateway: TrainingGateway,
    client: QFPayClient,
    state: TxState,
) -> None:
    otn = row(journal, state=state)
    send(client, otn, PAID_CODE)
    engine.recover()
    rec = journal.get(otn)
    assert rec is not None and rec.state is TxState.PAID and rec.syssn
    assert_agrees(gateway, rec)


def test_pending_past_deadline_is_reversed(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway, client: QFPayClient
) -> None:
    otn = row(journal, state=TxState.IN_PROGRESS)
    send(client, otn, NEVER_CODE)
    engine.recover()
    rec = journal.get(otn)
    assert rec is not None and rec.state is TxState.REVERSED
    assert_agrees(gateway, rec)


def test_pending_before_deadline_is_polled_to_paid(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway, client: QFPayClient
) -> None:
    otn = row(journal, state=TxState.SENT, deadline=time.time() + 5)
    send(client, otn, PASSWORD_CODE)
    (item,) = engine.recover().items
    assert item.action == "polled" and item.after is TxState.PAID
    rec = journal.get(otn)
    assert rec is not None
    assert_agrees(gateway, rec)


def test_cancelling_row_is_reversed(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway, client: QFPayClient
) -> None:
    otn = row(journal, state=TxState.CANCELLING)
    send(client, otn, NEVER_CODE)
    engine.recover()
    rec = journal.get(otn)
    assert rec is not None and rec.state is TxState.REVERSED
    assert_agrees(gateway, rec)


def test_mpm_nobody_can_see_is_closed(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway, client: QFPayClient
) -> None:
    otn = row(
        journal,
        mode=TxMode.MPM,
        pay_type=WECHAT_MPM,
        state=TxState.IN_PROGRESS,
        deadline=time.time() + 60,
    )
    send(client, otn, None, WECHAT_MPM)
    engine.recover()
    rec = journal.get(otn)
    assert rec is not None and rec.state is TxState.CLOSED
    order = gateway_order(gateway, otn)
    assert order is not None and order.cancel == 2
    assert_agrees(gateway, rec)


def test_refunds_are_found_or_declined_never_resent(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway, client: QFPayClient
) -> None:
    engine.managers.add("Mei", "246810")
    paid = engine.pay_cpm(txamt=1000, currency="HKD", pay_type=WECHAT_CPM, auth_code=PAID_CODE)
    assert paid.syssn
    found = row(
        journal,
        mode=TxMode.REFUND,
        state=TxState.UNKNOWN,
        txamt=300,
        orig_syssn=paid.syssn,
        manager="Mei",
    )
    client.refund(syssn=paid.syssn, out_trade_no=found, txamt=300)
    lost = row(
        journal,
        mode=TxMode.REFUND,
        state=TxState.CREATED,
        txamt=200,
        orig_syssn=paid.syssn,
        manager="Mei",
    )
    fresh = row(
        journal,
        mode=TxMode.REFUND,
        state=TxState.SENT,
        txamt=100,
        orig_syssn=paid.syssn,
        manager="Mei",
        deadline=time.time() + 60,
    )
    report = engine.recover()
    after = {i.out_trade_no: i.after for i in report.items}
    assert after == {found: TxState.REFUNDED, lost: TxState.DECLINED, fresh: TxState.SENT}
    assert [i.out_trade_no for i in report.still_open] == [fresh]
    refunds_at_gateway = gateway.store.refunds_of(paid.syssn)
    assert [o.out_trade_no for o in refunds_at_gateway] == [found]
    assert journal.refundable_remaining(paid.syssn) == 600  # 300 done, 100 maybe


def test_unreachable_gateway_leaves_rows_open(journal: Journal) -> None:
    client = QFPayClient(
        __import__("pos_app.credentials", fromlist=["x"]).training_credentials(),
        "http://127.0.0.1:9",
        max_retries=0,
        timeout=0.2,
    )
    engine = PaymentEngine(client, journal, till_id="t", cashier="c", config=fast_config())
    otn = row(journal, state=TxState.SENT)
    (item,) = engine.recover().items
    assert item.action == "gateway unreachable" and item.after is TxState.SENT
    rec = journal.get(otn)
    assert rec is not None and rec.state is TxState.SENT
    client.close_client()


class DoubleVision(QFPayClient):
    """The enquiry shows two successful payments for one order number."""

    def query(self, **kwargs):  # type: ignore[no-untyped-def]
        records = super().query(**kwargs)
        twins = [r for r in records if r.respcd == "0000"]
        if twins:
            import dataclasses

            records.append(dataclasses.replace(twins[0], syssn="20991231000000000000000001"))
        return records


def test_two_successes_for_one_order_need_a_manager(
    make_engine: EngineFactory, journal: Journal, gateway: TrainingGateway, client: QFPayClient
) -> None:
    otn = row(journal, state=TxState.UNKNOWN)
    send(client, otn, PAID_CODE)
    seeing_double = make_client(gateway)
    seeing_double.__class__ = DoubleVision
    report = make_engine(seeing_double).recover()
    (item,) = report.needs_attention
    assert item.out_trade_no == otn and "double charge" in item.reason
    rec = journal.get(otn)
    assert rec is not None and rec.state is TxState.NEEDS_ATTENTION
    seeing_double.close_client()


def test_recovery_after_real_flows_changes_nothing(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway
) -> None:
    engine.pay_cpm(txamt=10, currency="HKD", pay_type=WECHAT_CPM, auth_code=PAID_CODE)
    engine.pay_cpm(txamt=10, currency="HKD", pay_type=WECHAT_CPM, auth_code=NEVER_CODE)
    assert engine.recover().items == []
    assert_all_agree(gateway, journal)


def test_resolve_one(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway, client: QFPayClient
) -> None:
    otn = row(journal, state=TxState.SENT)
    send(client, otn, PAID_CODE)
    outcome = engine.resolve(otn)
    assert outcome.state is TxState.PAID and outcome.out_trade_no == otn


GATEWAY_SITUATIONS = ["absent", "pending", "paid", "declined"]
OPEN_STATES = [
    TxState.CREATED,
    TxState.SENT,
    TxState.IN_PROGRESS,
    TxState.UNKNOWN,
    TxState.CANCELLING,
]


@pytest.mark.parametrize("situation", GATEWAY_SITUATIONS)
@pytest.mark.parametrize("state", OPEN_STATES)
@pytest.mark.parametrize("mode", [TxMode.CPM, TxMode.MPM])
def test_every_open_state_against_every_gateway_situation(
    engine: PaymentEngine,
    journal: Journal,
    gateway: TrainingGateway,
    client: QFPayClient,
    situation: str,
    state: TxState,
    mode: TxMode,
) -> None:
    """A crash can leave any open state while the gateway is in any situation: recovery
    always ends final, agreeing with the gateway, with nothing left pending there."""
    pay_type = WECHAT_CPM if mode is TxMode.CPM else WECHAT_MPM
    otn = row(journal, mode=mode, pay_type=pay_type, state=state)
    if situation != "absent":
        if mode is TxMode.CPM:
            code = {"pending": NEVER_CODE, "paid": PAID_CODE, "declined": POOR_CODE}[situation]
            send(client, otn, code)
        else:
            send(client, otn, None, WECHAT_MPM)
            if situation == "paid":
                gateway.simulate_scan(otn)
            elif situation == "declined":
                gateway.expire(otn)
    (item,) = engine.recover().items
    rec = journal.get(otn)
    assert rec is not None and rec.state.is_final and item.after is rec.state
    expected = {
        "absent": {TxState.REVERSED, TxState.CLOSED},
        "pending": {TxState.REVERSED, TxState.CLOSED},
        "paid": {TxState.PAID},
        "declined": {TxState.DECLINED, TxState.CLOSED},
    }[situation]
    assert rec.state in expected
    assert_agrees(gateway, rec)


class BrokenFor(QFPayClient):
    """A client with a bug that only shows for one order number."""

    target = ""

    def query(self, **kwargs):  # type: ignore[no-untyped-def]
        if kwargs.get("out_trade_no") == self.target:
            raise RuntimeError("bug in the client")
        return super().query(**kwargs)


def test_one_broken_row_does_not_stop_the_others(
    make_engine: EngineFactory, journal: Journal, gateway: TrainingGateway, client: QFPayClient
) -> None:
    broken = row(journal, state=TxState.UNKNOWN)
    fine = row(journal, state=TxState.SENT)
    send(client, fine, PAID_CODE)
    buggy = make_client(gateway)
    buggy.__class__ = BrokenFor
    buggy.target = broken  # type: ignore[attr-defined]
    report = make_engine(buggy).recover()
    items = {i.out_trade_no: i for i in report.items}
    assert items[broken].action == "error: RuntimeError: bug in the client"
    assert items[broken].after is TxState.UNKNOWN
    assert items[fine].after is TxState.PAID
    assert [i.out_trade_no for i in report.still_open] == [broken]
    buggy.close_client()


def test_a_cancel_the_gateway_keeps_refusing_stays_open(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway
) -> None:
    otn = row(journal, state=TxState.CANCELLING)
    gateway.faults.add("http_error", endpoint="/trade/v1/reversal", times=None)
    (item,) = engine.recover().items
    assert item.after is TxState.CANCELLING and item.action == "cancel not confirmed"
    rec = journal.get(otn)
    assert rec is not None and rec.state is TxState.CANCELLING
