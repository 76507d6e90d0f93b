"""A generic CPM pay type (800008, "CPM for all wallets") is answered with the wallet the
customer's code belongs to, in the payment answer and in every enquiry record
(``pos_app/training/wallets.py``), as the real gateway names the actual wallet."""

from __future__ import annotations

import pytest

from pos_app.training.wallets import actual_pay_type

from .conftest import Wire


@pytest.mark.parametrize(
    ("code", "named"),
    [
        ("104567890123450000", "800208"),  # WeChat Pay: 10 to 15
        ("154567890123450000", "800208"),
        ("254567890123450000", "800108"),  # Alipay: 25 to 30
        ("304567890123450000", "800108"),
        ("624567890123450000", "800708"),  # UnionPay Quick Pass: 62
        ("994567890123450000", "800008"),  # no wallet's digits: left as sent
        ("164567890123450000", "800008"),
    ],
)
def test_generic_cpm_answers_name_the_codes_wallet(wire: Wire, code: str, named: str) -> None:
    answer = wire.pay(pay_type="800008", auth_code=code)
    assert answer["respcd"] == "0000" and answer["pay_type"] == named
    (record,) = wire.query(out_trade_no=answer["out_trade_no"])["data"]
    assert record["pay_type"] == named


def test_a_wallet_specific_type_is_answered_as_sent(wire: Wire) -> None:
    answer = wire.pay(pay_type="800108", auth_code="134567890123450000")
    assert answer["pay_type"] == "800108"
    assert actual_pay_type("800201", "134567890123450000") == "800201"
