"""Two real till processes on one data directory, racing payments and recoveries.

The probe found that a second process's ``recover`` reversed a sale the first was still
paying across a slow link (the gateway charged it), and that concurrent payments crashed
without a result line.  Here the first process is a real ``qfpay-pos pay`` whose payment is
held at the gateway by the ``latency`` fault; the second is another real CLI process.
"""

from __future__ import annotations

from clihelpers import CPM, PAID_CODE, Till

from pos_app.engine.states import TxState


def _wait_sent(live) -> str:  # type: ignore[no-untyped-def]
    event = live.wait_for(lambda e: e.get("state") == "SENT", timeout=30)
    return str(event["out_trade_no"])


def test_recover_in_a_second_process_names_the_running_sale_and_leaves_it(till: Till) -> None:
    # A slow link long enough that a second interpreter starts and lists the journal while
    # the payment is still out, even on a loaded two-core CI machine.
    till.gateway.faults.add("latency", endpoint="/trade/v1/payment", delay=8.0, times=1)
    live = till.start(
        "pay", "--amount", "50", "--pay-type", CPM, "--auth-code", PAID_CODE,
        "--poll-interval", "0.05", "--http-timeout", "20",
    )  # fmt: skip
    number = _wait_sent(live)
    recovered = till.run("recover", "--poll-interval", "0.05")
    assert recovered.returncode == 4, recovered.stderr
    busy = [e for e in recovered.events if e.get("event") == "recovered"]
    assert [e["action"] for e in busy] == ["busy"]
    assert "qfpay-pos pay (pid" in busy[0]["message"]
    assert recovered.final["pending"] == 1
    assert live.finish(timeout=60) == 0
    final = live.events[-1]
    assert final["status"] == "PAID" and final["out_trade_no"] == number
    (row,) = till.journal_rows()
    order = till.gateway.store.by_out_trade_no(number)
    assert row.state is TxState.PAID and order is not None and order.respcd == "0000"
    assert order.cancel == 0 and row.syssn == order.syssn
    # Now that the owner is gone, nothing is left to recover.
    again = till.run("recover")
    assert again.returncode == 0 and again.final["pending"] == 0


def test_parallel_payments_and_recoveries_all_end_with_a_result_line(till: Till) -> None:
    till.gateway.faults.add("latency", endpoint="/trade/v1/payment", delay=0.7, times=None)
    pay = ("--pay-type", CPM, "--auth-code", PAID_CODE, "--poll-interval", "0.05")
    payers = [till.start("pay", "--amount", f"{n + 1}.00", *pay) for n in range(5)]
    recoverers = [till.start("recover", "--poll-interval", "0.05") for _ in range(2)]
    codes = [p.finish(timeout=120) for p in payers]
    statuses = [p.events[-1].get("status") for p in payers]
    assert codes == [0] * 5, [p.events[-2:] for p in payers]
    assert statuses == ["PAID"] * 5
    for r in recoverers:
        assert r.finish(timeout=120) in (0, 4)
        assert r.events[-1]["event"] == "result"  # every process printed its result line
    rows = till.journal_rows()
    assert len(rows) == 5 and all(r.state is TxState.PAID for r in rows)
    for row in rows:
        order = till.gateway.store.by_out_trade_no(row.out_trade_no)
        assert order is not None and order.respcd == "0000" and order.cancel == 0
