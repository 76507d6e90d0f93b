"""'Check with QFPay' against the real training gateway: its date-range enquiry, pages of
100, this till's records only, and differences planted on the gateway's side."""

from __future__ import annotations

import dataclasses
from datetime import date

from pos_app.engine import Journal, PaymentEngine, TxMode, TxState
from pos_app.engine.reconcile import (
    DIFFERS,
    MATCHED,
    MISSING_HERE,
    MISSING_THERE,
    day_window,
    fetch_remote,
    reconcile,
    settle,
)
from pos_app.qfpay.client import QFPayClient
from pos_app.training.server import TrainingGateway
from tests.engine.conftest import BAD_CODE, PAID_CODE, WECHAT_CPM


def _today(journal: Journal, client: QFPayClient):
    start, end = day_window(date.today())
    return reconcile(journal, client, start, end, till_id="till-7", udid=None)


def test_everything_matches(engine: PaymentEngine, journal: Journal, client: QFPayClient) -> None:
    engine.pay_cpm(txamt=1000, currency="HKD", pay_type=WECHAT_CPM, auth_code=PAID_CODE)
    engine.pay_cpm(txamt=500, currency="HKD", pay_type=WECHAT_CPM, auth_code=BAD_CODE)
    result = _today(journal, client)
    assert result.ok and result.count(MATCHED) == 2


def test_differences_planted_at_the_gateway(
    engine: PaymentEngine, journal: Journal, client: QFPayClient, gateway: TrainingGateway
) -> None:
    good = engine.pay_cpm(txamt=1000, currency="HKD", pay_type=WECHAT_CPM, auth_code=PAID_CODE)
    bent = engine.pay_cpm(txamt=2000, currency="HKD", pay_type=WECHAT_CPM, auth_code=PAID_CODE)
    # Planted: QFPay's record of one sale shows another amount...
    order = gateway.store.by_out_trade_no(bent.out_trade_no)
    assert order is not None
    with gateway.store.transaction() as store:
        store.update(dataclasses.replace(order, txamt=2100))
    # ... QFPay has a payment of this till that the journal never saw ...
    client.pay(
        out_trade_no="TILL7GHOST0001", txamt=700, txcurrcd="HKD", pay_type=WECHAT_CPM,
        auth_code=PAID_CODE,
    )  # fmt: skip
    # ... another till's payment is not ours ...
    client.pay(
        out_trade_no="OTHERTILL0001", txamt=900, txcurrcd="HKD", pay_type=WECHAT_CPM,
        auth_code=PAID_CODE, udid="OTHER",
    )  # fmt: skip
    # ... and the journal holds money QFPay never saw.
    journal.create(
        out_trade_no="TILL7LOST0001", sale_id="S", mode=TxMode.CPM, till_id="till-7",
        cashier="amy", txamt=300, currency="HKD", pay_type=WECHAT_CPM,
    )  # fmt: skip
    journal.transition("TILL7LOST0001", TxState.PAID, syssn="99990001")
    result = _today(journal, client)
    kinds = {f.out_trade_no: f.kind for f in result.findings}
    assert kinds[good.out_trade_no] == MATCHED
    assert kinds[bent.out_trade_no] == DIFFERS
    assert kinds["TILL7GHOST0001"] == MISSING_HERE
    assert kinds["TILL7LOST0001"] == MISSING_THERE
    assert "OTHERTILL0001" not in kinds
    assert not result.ok
    assert (result.count(MATCHED), result.count(DIFFERS)) == (1, 1)


def test_open_rows_are_settled_through_recovery(
    engine: PaymentEngine, journal: Journal, client: QFPayClient
) -> None:
    paid = client.pay(
        out_trade_no="TILL7OPEN0001", txamt=400, txcurrcd="HKD", pay_type=WECHAT_CPM,
        auth_code=PAID_CODE,
    )  # fmt: skip
    journal.create(
        out_trade_no="TILL7OPEN0001", sale_id="S", mode=TxMode.CPM, till_id="till-7",
        cashier="amy", txamt=400, currency="HKD", pay_type=WECHAT_CPM,
    )  # fmt: skip
    journal.transition("TILL7OPEN0001", TxState.UNKNOWN)
    result = _today(journal, client)
    (finding,) = result.differences()
    assert finding.kind == DIFFERS and finding.settleable
    assert settle(engine, result) == ["TILL7OPEN0001"]
    rec = journal.get("TILL7OPEN0001")
    assert rec is not None and rec.state is TxState.PAID and rec.syssn == paid.syssn
    assert _today(journal, client).ok


def test_the_enquiry_is_read_in_pages_of_100(client: QFPayClient) -> None:
    for n in range(205):
        client.pay(
            out_trade_no=f"OTHER{n:06d}", txamt=100 + n, txcurrcd="HKD", pay_type=WECHAT_CPM,
            auth_code=PAID_CODE, udid="OTHER",
        )  # fmt: skip
    pages: list[int] = []
    start, end = day_window(date.today())
    records = fetch_remote(client, start, end, progress=lambda page, total: pages.append(page))
    assert len(records) == 205 and pages == [1, 2, 3]
    assert len({r.out_trade_no for r in records}) == 205
