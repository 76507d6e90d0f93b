"""The money path reviewer's CLI notes, each against the training gateway as a subprocess.

Note 4: an answer that proves nothing was done because of the till's setup (1104-1108) is
exit 5; any other merchant-class code says something about an order the caller must check
(1102 duplicate, 1136/1268 no such order, 1260-1264 the order's state, 2011): exit 4, never
5 ("fix your configuration") and never 1.  Note 7: ``pay --json`` names the actual wallet.
"""

from __future__ import annotations

import pytest
from clihelpers import CPM, PAID_CODE, Till

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
