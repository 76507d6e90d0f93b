"""Names typed into the till are one line of printable text of a sensible length (issue 8).

The probe journaled a 120 KB cashier name; escape sequences in names reach terminals and
receipts.  Each refusal is exit 2 with nothing journaled and nothing sent.
"""

from __future__ import annotations

import pytest
from clihelpers import PAID_CODE, Till


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--cashier", "x" * 120_000),
        ("--cashier", "amy\x1b[31m"),
        ("--cashier", "amy\u202egnp"),
        ("--goods-name", "tea\x1b]52;c;aGk=\x07"),
        ("--goods-name", "y" * 65),
    ],
)
def test_bad_names_are_refused_before_anything_is_journaled(
    till: Till, option: str, value: str
) -> None:
    result = till.pay(PAID_CODE, "1.00", option, value)
    assert result.returncode == 2, result.stderr
    assert till.journal_rows() == [] and till.gateway.store.all() == []


def test_the_journal_itself_refuses_a_bad_cashier(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pos_app.engine import InputRefusedError, Journal, TxMode

    with Journal(tmp_path / "j.sqlite3") as journal, pytest.raises(InputRefusedError):
        journal.create(
            out_trade_no="T1A",
            sale_id="S",
            mode=TxMode.CPM,
            till_id="T1",
            cashier="c" * 41,
            txamt=1,
            currency="HKD",
            pay_type="800208",
        )
