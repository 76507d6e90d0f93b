"""A generic CPM pay type (800008, "CPM for all wallets") is answered with the wallet the
customer's code belongs to, in the payment answer and in every enquiry record
(``pos_app/training/wallets.py``), as the real gateway names the actual wallet."""

from __future__ import annotations

import pytest

from pos_app.training.wallets import actual_pay_type, prefix_table

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


def test_the_prefix_table_shown_to_trainees_is_the_one_the_gateway_answers_with() -> None:
    """The training-codes panel reads prefix_table(); every two-digit start agrees with
    actual_pay_type, and starts outside the table keep the generic pay type."""
    rows = prefix_table()
    assert rows == [("10", "15", "800208"), ("25", "30", "800108"), ("62", "62", "800708")]
    listed = {
        str(prefix): pay_type
        for first, last, pay_type in rows
        for prefix in range(int(first), int(last) + 1)
    }
    for start in range(100):
        code = f"{start:02d}34567890123456"
        assert actual_pay_type("800008", code) == listed.get(f"{start:02d}", "800008")
