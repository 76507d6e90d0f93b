"""The actual wallet: a generic CPM sale (800008) journals the pay type the gateway's answer
names, but only when that answer is evidence for the order (issue 10, "State")."""

from __future__ import annotations

import dataclasses
from typing import Any

from pos_app.engine import EngineEvent, Journal, PaymentEngine, TxState
from pos_app.engine.views import Verdict, read_view
from pos_app.qfpay.client import QFPayClient
from pos_app.qfpay.models import PaymentResult
from pos_app.training.server import TrainingGateway

from .conftest import EngineFactory, assert_agrees, make_client

GENERIC_CPM = "800008"
#: Training codes: WeChat Pay's leading digits (13), Alipay's (28), and digits no wallet uses.
WECHAT_PAID = "134567890123450000"
WECHAT_PASSWORD = "134567890123451143"
ALIPAY_PAID = "284567890123450000"
UNNAMED_PAID = "994567890123450000"


def sell(engine: PaymentEngine, code: str) -> Any:
    return engine.pay_cpm(txamt=1234, currency="HKD", pay_type=GENERIC_CPM, auth_code=code)


def test_the_payment_answer_names_the_wallet_and_it_is_journaled(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway, events: list[EngineEvent]
) -> None:
    outcome = sell(engine, WECHAT_PAID)
    assert outcome.state is TxState.PAID
    rec = journal.get(outcome.out_trade_no)
    assert rec is not None
    assert rec.pay_type == GENERIC_CPM  # what was sent stays as it was
    assert rec.wallet_pay_type == "800208" and rec.wallet_code == "800208"
    assert outcome.wallet_pay_type == "800208" and outcome.wallet_code == "800208"
    paid = [e for e in events if e.state is TxState.PAID]
    assert paid and paid[-1].wallet_pay_type == "800208"
    assert any("wallet pay type 800208" in e.detail for e in journal.events(rec.out_trade_no))
    assert_agrees(gateway, rec)


def test_alipay_code_and_unnamed_code(engine: PaymentEngine, journal: Journal) -> None:
    alipay = sell(engine, ALIPAY_PAID)
    assert alipay.wallet_code == "800108"
    unnamed = sell(engine, UNNAMED_PAID)
    assert unnamed.state is TxState.PAID
    assert unnamed.wallet_code == GENERIC_CPM  # no wallet named: the screen says "QR wallet"


def test_engine_events_carry_the_sale_id(engine: PaymentEngine, events: list[EngineEvent]) -> None:
    outcome = sell(engine, WECHAT_PAID)
    assert outcome.sale_id
    assert events and {e.sale_id for e in events} == {outcome.sale_id}


class SilentWallet(QFPayClient):
    """The payment answer leaves the pay type out; only the enquiry names it."""

    def pay(self, **kwargs: Any) -> PaymentResult:  # type: ignore[override]
        return dataclasses.replace(super().pay(**kwargs), pay_type=None)


def test_the_enquiry_record_names_the_wallet(
    gateway: TrainingGateway, journal: Journal, make_engine: EngineFactory
) -> None:
    with _client(SilentWallet, gateway) as c:
        engine = make_engine(c)
        outcome = sell(engine, WECHAT_PASSWORD)  # 1143, then the enquiry finds it paid
    assert outcome.state is TxState.PAID
    rec = journal.get(outcome.out_trade_no)
    assert rec is not None and rec.wallet_pay_type == "800208"


class AnotherOrdersAnswer(QFPayClient):
    """The payment answer names another order (a proxy mixing answers up) and Alipay."""

    def pay(self, **kwargs: Any) -> PaymentResult:  # type: ignore[override]
        real = super().pay(**kwargs)
        return dataclasses.replace(real, out_trade_no="SOMEONEELSE1", pay_type="800108")


def test_an_answer_for_another_order_names_no_wallet(
    gateway: TrainingGateway, journal: Journal, make_engine: EngineFactory
) -> None:
    with _client(AnotherOrdersAnswer, gateway) as c:
        engine = make_engine(c)
        outcome = sell(engine, UNNAMED_PAID)
    rec = journal.get(outcome.out_trade_no)
    assert rec is not None
    # The answer proved nothing; the enquiry found the order paid and named no wallet.
    assert rec.state is TxState.PAID
    assert rec.wallet_pay_type != "800108" and rec.wallet_code == GENERIC_CPM
    assert all("800108" not in e.detail for e in journal.events(rec.out_trade_no))


def _client(cls: type[QFPayClient], gateway: TrainingGateway) -> QFPayClient:
    """A real client with one answer doctored (the pattern of ``test_cpm.PaysDuringCancel``)."""
    client = make_client(gateway)
    client.__class__ = cls
    return client


def record(out_trade_no: str, **fields: str) -> dict[str, str]:
    base = {"out_trade_no": out_trade_no, "respcd": "0000", "txamt": "1234", "txcurrcd": "HKD"}
    base.update(fields)
    return base


class Rec:
    def __init__(self, raw: dict[str, str]) -> None:
        self.raw = raw


def test_view_names_the_wallet_only_from_a_record_of_this_order() -> None:
    mine = Rec(record("MINE1", pay_type="800208", syssn="S1"))
    theirs = Rec(record("THEIRS1", pay_type="800108", syssn="S2"))
    assert read_view([mine], "MINE1", txamt=1234, currency="HKD").pay_type == "800208"
    other = read_view([theirs], "MINE1", txamt=1234, currency="HKD")
    assert other.verdict is Verdict.NOT_FOUND and other.pay_type is None
    wrong_amount = Rec(record("MINE1", pay_type="800108", txamt="999"))
    mismatch = read_view([wrong_amount], "MINE1", txamt=1234, currency="HKD")
    assert mismatch.verdict is Verdict.MISMATCH and mismatch.pay_type is None
