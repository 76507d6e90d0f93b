"""X and Z reports over real payments through the training gateway, and the journal's speed
structures (the open-items index) that they rely on."""

from __future__ import annotations

import sqlite3

import pytest

from pos_app.engine import Journal, PaymentEngine, TxMode, TxState
from pos_app.engine.day_reports import (
    DayNotReadyError,
    close_day,
    last_z_number,
    x_report,
    z_report,
)
from pos_app.engine.journal import OPEN_CLAUSE
from pos_app.engine.states import FINAL_STATES
from pos_app.training.server import TrainingGateway
from tests.engine.conftest import ALIPAY_CPM, BAD_CODE, PAID_CODE, WECHAT_CPM


def _pay(engine: PaymentEngine, txamt: int, pay_type: str = WECHAT_CPM, code: str = PAID_CODE):
    return engine.pay_cpm(txamt=txamt, currency="HKD", pay_type=pay_type, auth_code=code)


def test_open_clause_names_exactly_the_non_final_states() -> None:
    named = {s for s in TxState if f"'{s.value}'" in OPEN_CLAUSE}
    assert named == set(TxState) - set(FINAL_STATES)


def test_unfinished_searches_an_index_instead_of_scanning(journal: Journal) -> None:
    plan = journal.read(
        f"EXPLAIN QUERY PLAN SELECT out_trade_no FROM transactions WHERE {OPEN_CLAUSE} "
        "ORDER BY created_at"
    )
    # An index search (the partial index, or the state index on a file without statistics),
    # never a scan of every row: ``state NOT IN (...)`` scanned a million rows (211 ms).
    assert all("SCAN transactions" not in str(row) for row in plan), plan
    assert any("SEARCH transactions USING" in str(row) for row in plan), plan


def test_x_report_totals_per_wallet_and_currency(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway
) -> None:
    first = _pay(engine, 1234)
    _pay(engine, 766)
    _pay(engine, 500, pay_type=ALIPAY_CPM)
    _pay(engine, 999, code=BAD_CODE)  # declined: not money
    engine.managers.add("mei", "246810")
    assert first.syssn
    engine.refund(orig_syssn=first.syssn, txamt=234, manager="mei", pin="246810")
    report = x_report(journal, till_id="till-7")
    assert report.kind == "X" and report.number is None
    by_wallet = {line.wallet: line for line in report.lines}
    wechat = by_wallet["WeChat Pay"]
    assert (wechat.sales_count, wechat.sales_amount) == (2, 2000)
    assert (wechat.refund_count, wechat.refund_amount, wechat.net) == (1, 234, 1766)
    assert by_wallet["Alipay"].sales_amount == 500
    assert report.net_by_currency() == {"HKD": 2266}
    assert report.tx_count == 5
    assert not report.open_items and not report.attention_items


def test_x_report_for_one_cashier_and_shift(engine: PaymentEngine, journal: Journal) -> None:
    _pay(engine, 100)
    engine.cashier = "bob"
    _pay(engine, 300)
    bob = x_report(journal, till_id="till-7", cashier="bob")
    assert [line.sales_amount for line in bob.lines] == [300]
    nobody = x_report(journal, till_id="till-7", since=10**10)
    assert nobody.lines == () and nobody.tx_count == 0


def test_z_closes_the_day_numbered_and_sales_after_it_belong_to_the_next(
    engine: PaymentEngine, journal: Journal
) -> None:
    _pay(engine, 1000)
    z1 = close_day(journal, till_id="till-7", manager="mei", now=1_800_000_000.0)
    assert (z1.number, z1.closed_by, z1.closed_at) == (1, "mei", 1_800_000_000.0)
    assert z1.net_by_currency() == {"HKD": 1000}
    _pay(engine, 250)
    assert x_report(journal, till_id="till-7").net_by_currency() == {"HKD": 250}
    z2 = close_day(journal, till_id="till-7", manager="ann")
    assert z2.number == 2 and z2.net_by_currency() == {"HKD": 250}
    assert last_z_number(journal) == 2
    again = z_report(journal, 1)
    assert again == z1  # reprinted exactly as signed off
    assert z_report(journal, 3) is None


def test_a_z_report_cannot_be_reopened(engine: PaymentEngine, journal: Journal) -> None:
    _pay(engine, 1000)
    close_day(journal, till_id="till-7", manager="mei")
    with (
        pytest.raises(sqlite3.IntegrityError, match="cannot be reopened"),
        journal.transaction() as conn,
    ):
        conn.execute("UPDATE transactions SET z_number = NULL")
    with (
        pytest.raises(sqlite3.IntegrityError, match="cannot be reopened"),
        journal.transaction() as conn,
    ):
        conn.execute("DELETE FROM z_reports")
    with (
        pytest.raises(sqlite3.IntegrityError, match="cannot be reopened"),
        journal.transaction() as conn,
    ):
        conn.execute("UPDATE z_reports SET closed_by = 'x'")


def test_open_transactions_block_the_z_and_are_listed(journal: Journal) -> None:
    journal.create(
        out_trade_no="OPEN1", sale_id="S", mode=TxMode.CPM, till_id="T", cashier="amy",
        txamt=500, currency="HKD", pay_type=WECHAT_CPM,
    )  # fmt: skip
    journal.create(
        out_trade_no="ATT1", sale_id="S2", mode=TxMode.CPM, till_id="T", cashier="amy",
        txamt=700, currency="HKD", pay_type=WECHAT_CPM,
    )  # fmt: skip
    journal.transition("ATT1", TxState.NEEDS_ATTENTION, reason="two payments")
    report = x_report(journal, till_id="T")
    assert [i.out_trade_no for i in report.open_items] == ["OPEN1"]
    assert [i.out_trade_no for i in report.attention_items] == ["ATT1"]
    with pytest.raises(DayNotReadyError) as info:
        close_day(journal, till_id="T", manager="mei")
    assert info.value.open_items == ("OPEN1",)
    assert last_z_number(journal) is None  # nothing written
    journal.transition("OPEN1", TxState.DECLINED)
    z = close_day(journal, till_id="T", manager="mei")
    assert [i.out_trade_no for i in z.attention_items] == ["ATT1"]  # listed, day closed


def test_reversed_payments_count_as_reversals_not_money(journal: Journal) -> None:
    journal.create(
        out_trade_no="REV1", sale_id="S", mode=TxMode.CPM, till_id="T", cashier="amy",
        txamt=800, currency="HKD", pay_type=WECHAT_CPM,
    )  # fmt: skip
    journal.transition("REV1", TxState.REVERSED)
    (line,) = x_report(journal, till_id="T").lines
    assert (line.reversal_count, line.reversal_amount, line.net) == (1, 800, 0)
