"""Many tills at once: the gateway's store must neither lose nor double an order or refund."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from pos_app.training import TrainingGateway

from .conftest import Wire


def test_concurrent_payments_get_unique_serial_numbers(gateway: TrainingGateway) -> None:
    def run(_: int) -> list[str]:
        w = Wire(gateway)
        try:
            return [w.pay()["syssn"] for _ in range(10)]
        finally:
            w.close()

    with ThreadPoolExecutor(max_workers=6) as pool:
        results = [syssn for batch in pool.map(run, range(6)) for syssn in batch]
    assert len(results) == 60
    assert len(set(results)) == 60
    assert len(gateway.store.all()) == 60


def test_concurrent_refunds_never_exceed_the_original(gateway: TrainingGateway) -> None:
    setup = Wire(gateway)
    paid = setup.pay(txamt=1000)

    def refund(_: int) -> str:
        w = Wire(gateway)
        try:
            return str(w.refund(paid["syssn"], 300)["respcd"])
        finally:
            w.close()

    with ThreadPoolExecutor(max_workers=6) as pool:
        answers = list(pool.map(refund, range(6)))
    assert sorted(answers) == ["0000"] * 3 + ["1272"] * 3
    refunds = gateway.store.refunds_of(paid["syssn"])
    assert sum(r.txamt for r in refunds) == 900
    original = gateway.store.by_syssn(paid["syssn"])
    assert original is not None and original.refunded == 900
    setup.close()


def test_concurrent_duplicates_accept_exactly_one(gateway: TrainingGateway) -> None:
    number = "T01-RACE-000001"

    def pay(_: int) -> str:
        w = Wire(gateway)
        try:
            return str(w.pay(out_trade_no=number)["respcd"])
        finally:
            w.close()

    with ThreadPoolExecutor(max_workers=6) as pool:
        answers = list(pool.map(pay, range(6)))
    assert sorted(answers) == ["0000"] + ["1102"] * 5
