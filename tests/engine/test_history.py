"""History pages over a real journal file: keyset paging never skips or repeats a row,
whatever the sort, and the search box finds every kind of id, amounts and last digits."""

from __future__ import annotations

import pytest

from pos_app.engine import Journal, TxMode, TxState
from pos_app.engine.history import HistoryFilter, all_rows, count, page, where_clause


def _add(journal: Journal, n: int, **kw: object) -> str:
    otn = f"H{n:06d}"
    args: dict[str, object] = {
        "out_trade_no": otn, "sale_id": f"SALE{n:04d}", "mode": TxMode.CPM, "till_id": "T1",
        "cashier": "amy" if n % 2 else "bob", "txamt": 100 + n % 7, "currency": "HKD",
        "pay_type": "800208" if n % 3 else "800108", "auth_code": f"**************{n:04d}",
    }  # fmt: skip
    args.update(kw)
    journal.create(**args)  # type: ignore[arg-type]
    return otn


@pytest.fixture
def filled(journal: Journal) -> Journal:
    for n in range(57):
        _add(journal, n)
    journal.transition("H000003", TxState.PAID, syssn="20261130000000000042")
    journal.transition("H000004", TxState.DECLINED)
    _add(journal, 99, mode=TxMode.REFUND, orig_syssn="20261130000000000042", txamt=1234,
         currency="JPY", auth_code=None)  # fmt: skip
    return journal


@pytest.mark.parametrize("sort", ["time", "amount", "state", "cashier", "wallet", "mode"])
@pytest.mark.parametrize("descending", [False, True])
def test_keyset_pages_cover_every_row_once(filled: Journal, sort: str, descending: bool) -> None:
    flt = HistoryFilter(sort=sort, descending=descending)
    seen: list[str] = []
    key = None
    while True:
        chunk = page(filled, flt, after=key, limit=5)
        seen += [r.out_trade_no for r in chunk.rows]
        if chunk.next_key is None:
            break
        key = chunk.next_key
    assert len(seen) == len(set(seen)) == 58 == count(filled, flt)
    values = [getattr(r, {"time": "created_at", "amount": "txamt", "wallet": "pay_type"}
                      .get(sort, sort)) for r in all_rows(filled, flt)]  # fmt: skip
    assert values == sorted(values, reverse=descending)


def test_search_finds_ids_amounts_and_last_four(filled: Journal) -> None:
    def found(text: str, **kw: object) -> list[str]:
        return [r.out_trade_no for r in all_rows(filled, HistoryFilter(text=text, **kw))]  # type: ignore[arg-type]

    assert found("H000010") == ["H000010"]
    assert found("20261130000000000042") == ["H000003", "H000099"]  # payment and its refund
    assert found("SALE0012") == ["H000012"]
    assert found("0056") == ["H000056"]  # last four digits of the code
    assert found("1234") == ["H000099"]  # JPY 1234 (no decimals)
    assert found("1.05", cashier="bob") == ["H000012", "H000026", "H000040", "H000054"]
    assert found("nothing-like-this") == []
    assert found("1.05", state="declined") == []
    assert [r.out_trade_no for r in all_rows(filled, HistoryFilter(state="paid"))] == ["H000003"]
    alipay = all_rows(filled, HistoryFilter(wallet="Alipay"))
    assert alipay and all(r.pay_type == "800108" for r in alipay)


def test_bad_sort_and_page_size_are_refused(filled: Journal) -> None:
    with pytest.raises(ValueError):
        page(filled, HistoryFilter(sort="syssn; DROP TABLE transactions"))
    with pytest.raises(ValueError):
        page(filled, HistoryFilter(), limit=0)


def test_search_text_only_reaches_sql_as_parameters() -> None:
    where, params = where_clause(HistoryFilter(text="x' OR '1'='1", cashier="a'b"))
    assert "'1'" not in where and "a'b" in params
