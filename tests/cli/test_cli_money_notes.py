"""The money path reviewer's CLI notes, each against the training gateway as a subprocess.

Note 4: an answer that proves nothing was done because of the till's setup (1104-1108) is
exit 5; any other merchant-class code says something about an order the caller must check
(1102 duplicate, 1136/1268 no such order, 1260-1264 the order's state, 2011): exit 4, never
5 ("fix your configuration") and never 1.  Note 7: ``pay --json`` names the actual wallet.
"""

from __future__ import annotations

import time

import pytest
from clihelpers import CPM, PAID_CODE, Till

from pos_app.credentials import training_credentials
from pos_app.engine import EngineConfig, Journal, PaymentEngine, TxState, WalletTiming
from pos_app.qfpay.client import QFPayClient

FAST = ("--poll-interval", "0.05")


@pytest.mark.parametrize("code", ["1102", "1136", "1203", "1260", "1263", "1268", "2011"])
def test_a_query_refused_with_a_merchant_code_about_an_order_exits_4(till: Till, code: str) -> None:
    """Before: every merchant-class code (``MerchantError``) exited 5 "configuration", so a
    script would tell the cashier to fix the settings for a sale that may be paid."""
    paid = till.pay(PAID_CODE, "10.00", *FAST)
    assert paid.returncode == 0, paid.stdout + paid.stderr
    till.gateway.faults.add("respcd", endpoint="/trade/v1/query", respcd=code, times=None)
    result = till.run("query", "--out-trade-no", paid.final["out_trade_no"])
    assert result.returncode == 4, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("code", ["1104", "1105", "1108"])
def test_a_query_refused_for_the_tills_setup_exits_5(till: Till, code: str) -> None:
    """Pins the other side: the configuration codes (nothing done, fix the setup) stay 5."""
    till.gateway.faults.add("respcd", endpoint="/trade/v1/query", respcd=code, times=None)
    result = till.run("query", "--out-trade-no", "TILL0NOSUCHORDER")
    assert result.returncode == 5, result.stdout + result.stderr


def test_pay_json_result_names_the_actual_wallet(till: Till) -> None:
    """Before: the JSON result had ``pay_type`` (what was sent: the generic 800008) but not
    ``wallet_pay_type``, the wallet the gateway's evidence named (journal, migration 6)."""
    result = till.run(
        "pay", "--amount", "12.34", "--pay-type", "800008", "--auth-code", PAID_CODE, *FAST
    )
    assert result.returncode == 0, result.stdout + result.stderr
    final = result.final
    assert final["pay_type"] == "800008"
    assert final["wallet_pay_type"] == "800208"  # the training code 13... is WeChat Pay
    [row] = till.journal_rows()
    assert row.wallet_pay_type == final["wallet_pay_type"]
    wechat = till.run("pay", "--amount", "1.00", "--pay-type", CPM, "--auth-code", PAID_CODE)
    assert wechat.final["wallet_pay_type"] == CPM


def test_reconcile_settle_re_checks_a_refund_with_a_manager(till: Till) -> None:
    """Note 2 through the manager's existing path: ``reconcile --settle`` asks again about a
    refund recovery handed to a manager, and the gateway's success settles it REFUNDED.

    Before: NEEDS_ATTENTION was final, so ``reconcile`` listed the refund as differing and
    ``--settle`` left it there for ever, its amount "maybe refunded"."""
    paid = till.pay(PAID_CODE, "10.00", *FAST)
    assert paid.returncode == 0, paid.stdout + paid.stderr
    syssn = paid.final["syssn"]
    number = _refund_left_with_a_manager(till, syssn)
    deadline = time.monotonic() + 10
    while till.gateway.store.by_out_trade_no(number).respcd != "0000":  # type: ignore[union-attr]
        assert time.monotonic() < deadline
        with QFPayClient(training_credentials(), till.gateway.base_url) as asker:
            asker.query(out_trade_no=number)  # the gateway moves on when asked
        time.sleep(0.05)
    result = till.run("reconcile", "--settle")
    assert "Traceback" not in result.stderr
    [row] = [r for r in till.journal_rows() if r.out_trade_no == number]
    assert row.state is TxState.REFUNDED, result.stdout + result.stderr


def _refund_left_with_a_manager(till: Till, syssn: str) -> str:
    """In this process, on the till's own journal: a refund of 4.00 the gateway shows in
    progress for 1.5 s, handed to a manager by a recovery with a short attention time."""
    till.gateway.faults.add("async_refund", endpoint="/trade/v1/refund", delay=1.5)
    timing = WalletTiming(deadline=0.6, intervals=(0.01, 0.02))
    config = EngineConfig(
        wallet_timings={"wechat": timing}, default_timing=timing, refund_timeout=0.2,
        refund_intervals=(0.01, 0.02), refund_attention_after=0.3,
    )  # fmt: skip
    with (
        Journal(till.journal_path) as journal,
        QFPayClient(training_credentials(), till.gateway.base_url) as client,
    ):
        engine = PaymentEngine(client, journal, till_id="t", cashier="amy", config=config)
        engine.managers.add("Mei", "246813")
        outcome = engine.refund(orig_syssn=syssn, txamt=400, manager="Mei", pin="246813")
        assert not outcome.state.is_final
        time.sleep(0.35)  # the attention time is a wall-clock age by design
        (item,) = engine.recover().items
        assert item.after is TxState.NEEDS_ATTENTION
    return outcome.out_trade_no
