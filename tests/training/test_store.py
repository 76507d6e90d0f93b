"""The gateway's order book on its own: atomic steps, duplicates, reopening a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from pos_app.training.store import DuplicateOrderError, Order, OrderStore


def _order(out_trade_no: str, syssn: str) -> Order:
    return Order(
        out_trade_no=out_trade_no,
        order_type="payment",
        pay_type="800008",
        txamt=100,
        txcurrcd="HKD",
        txdtm="2026-11-21 10:00:00",
        sysdtm="2026-11-21 10:00:01",
        respcd="0000",
        errmsg="success",
        syssn=syssn,
    )


def test_failed_transaction_leaves_nothing_behind() -> None:
    store = OrderStore()
    with pytest.raises(RuntimeError), store.transaction():
        store.insert(_order("A", "1"))
        with store.transaction():  # joins the outer one
            store.insert(_order("B", "2"))
        raise RuntimeError("boom")
    assert store.all() == []
    with store.transaction(), store.transaction():
        store.insert(_order("C", "3"))
    assert [o.out_trade_no for o in store.all()] == ["C"]
    store.close()


def test_duplicate_out_trade_no_raises() -> None:
    store = OrderStore()
    store.insert(_order("A", "1"))
    with pytest.raises(DuplicateOrderError):
        store.insert(_order("A", "2"))
    with pytest.raises(ValueError):
        store.insert(_order("B", ""))
    store.close()


def test_file_store_reopens_with_orders_and_counters(tmp_path: Path) -> None:
    path = tmp_path / "orders.sqlite"
    first = OrderStore(path)
    first.insert(_order("A", "1"))
    assert [first.next_sequence() for _ in range(3)] == [1, 2, 3]
    first.close()
    with pytest.raises(RuntimeError):
        first.all()
    second = OrderStore(path)
    assert second.by_out_trade_no("A") == _order("A", "1")
    assert second.next_sequence() == 4
    second.close()
