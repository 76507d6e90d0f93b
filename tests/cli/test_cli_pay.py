"""``qfpay-pos pay`` as a subprocess against the training gateway: every exit code."""

from __future__ import annotations

import signal

import pytest
from clihelpers import CPM, DECLINED_CODE, MPM, NEVER_CODE, PAID_CODE, PASSWORD_CODE, Till

from pos_app.engine.core import R_CASHIER
from pos_app.engine.states import TxState
from pos_app.training.store import CANCEL_CPM_REVERSED, CANCEL_NONE


def test_cpm_paid_exits_0_and_journal_matches_gateway(till: Till) -> None:
    result = till.pay(PAID_CODE, "12.34", "--goods-name", "Milk tea", "--cashier", "amy")
    assert result.returncode == 0, result.stderr
    final = result.final
    assert final["event"] == "result"
    assert final["status"] == "PAID" and final["amount"] == "12.34"
    assert final["syssn"] and final["out_trade_no"]
    states = [e["state"] for e in result.events if e["event"] == "state"]
    assert states[:2] == ["CREATED", "SENT"] and states[-1] == "PAID"
    [row] = till.journal_rows()
    assert row.state is TxState.PAID and row.txamt == 1234 and row.cashier == "amy"
    assert row.auth_code is not None and row.auth_code.endswith("0001")
    assert PAID_CODE not in row.auth_code
    order = till.gateway.store.by_out_trade_no(final["out_trade_no"])
    assert order is not None and order.respcd == "0000" and order.txamt == 1234
    assert order.goods_name == "Milk tea"


def test_plain_output_is_readable(till: Till) -> None:
    result = till.run(
        "pay", "--amount", "3", "--pay-type", CPM, "--auth-code", PAID_CODE, json_mode=False
    )
    assert result.returncode == 0
    assert "PAID HKD 3.00" in result.stdout
    assert not result.stdout.lstrip().startswith("{")


def test_declined_exits_1(till: Till) -> None:
    result = till.pay(DECLINED_CODE)
    assert result.returncode == 1
    assert result.final["status"] == "DECLINED"
    [row] = till.journal_rows()
    assert row.state is TxState.DECLINED and row.respcd == "1201"


def test_password_wallet_is_polled_to_paid(till: Till) -> None:
    result = till.pay(PASSWORD_CODE)
    assert result.returncode == 0, result.stderr
    assert "IN_PROGRESS" in [e.get("state") for e in result.events]
    assert result.final["status"] == "PAID"


def test_deadline_reverses_and_exits_3(till: Till) -> None:
    result = till.pay(NEVER_CODE, "5.00", "--timeout", "0.5")
    assert result.returncode == 3, result.stdout + result.stderr
    assert result.final["status"] == "REVERSED"
    order = till.gateway.store.by_out_trade_no(result.final["out_trade_no"])
    assert order is not None and order.cancel == CANCEL_CPM_REVERSED


def test_unreachable_gateway_leaves_outcome_unknown_exit_4(till: Till) -> None:
    gw = till.gateway
    gw.faults.add("lost_reply", endpoint="/trade/v1/payment", times=1)
    for path in ("/trade/v1/query", "/trade/v1/reversal"):
        gw.faults.add("drop", endpoint=path, times=None)
    result = till.pay(PAID_CODE, "7.00", "--timeout", "0.5", "--http-timeout", "2")
    assert result.returncode == 4, result.stdout + result.stderr
    [row] = till.journal_rows()
    assert not row.state.is_final or row.state is TxState.NEEDS_ATTENTION
    # Once the network is back, recover settles it: the lost reply had been paid, but the
    # sale was being cancelled, so the reversal gives the money back.
    gw.faults.clear()
    recovered = till.run("recover", "--poll-interval", "0.05", "--timeout", "5")
    assert recovered.returncode == 0, recovered.stdout + recovered.stderr
    [row] = till.journal_rows()
    order = gw.store.by_out_trade_no(row.out_trade_no)
    assert order is not None
    if row.state is TxState.PAID:
        assert order.respcd == "0000" and order.cancel == CANCEL_NONE
    else:
        assert row.state is TxState.REVERSED and order.cancel == CANCEL_CPM_REVERSED


def test_mpm_emits_qrcode_then_paid_when_scanned(till: Till) -> None:
    cli = till.start("pay", "--amount", "8.80", "--pay-type", MPM, "--poll-interval", "0.05")
    event = cli.wait_for(lambda e: e["event"] == "qrcode")
    assert event["qrcode"].startswith("http") and event["out_trade_no"]
    till.gateway.simulate_scan(event["out_trade_no"])
    assert cli.finish() == 0
    final = cli.events[-1]
    assert final["status"] == "PAID" and final["out_trade_no"] == event["out_trade_no"]


def test_mpm_plain_mode_draws_the_code(till: Till) -> None:
    result = till.run(
        "pay", "--amount", "1", "--pay-type", MPM, "--timeout", "0.3", "--poll-interval", "0.05",
        json_mode=False,
    )  # fmt: skip
    assert result.returncode == 3
    assert "Ask the customer to scan: http" in result.stdout
    assert "█" in result.stdout or "▀" in result.stdout
    assert "CLOSED" in result.stdout


def test_ctrl_c_cancels_cooperatively(till: Till) -> None:
    # The deadline is far beyond finish()'s patience and the reason must be the cashier's:
    # with a 30 s deadline a lost Ctrl-C used to pass as a deadline reversal, or fail only
    # when the machine was slow.
    cli = till.start(
        "pay", "--amount", "2", "--pay-type", CPM, "--auth-code", NEVER_CODE,
        "--poll-interval", "0.05", "--timeout", "300",
    )  # fmt: skip
    cli.wait_for(lambda e: e.get("state") == "IN_PROGRESS")
    cli.proc.send_signal(signal.SIGINT)
    assert cli.finish() == 3
    final = cli.events[-1]
    assert final["status"] == "REVERSED"
    assert final["message"] == R_CASHIER
    order = till.gateway.store.by_out_trade_no(final["out_trade_no"])
    assert order is not None and order.cancel == CANCEL_CPM_REVERSED


BAD_INPUT = [
    (["--amount", "-1", "--pay-type", CPM, "--auth-code", PAID_CODE], "amount"),
    (["--amount", "12.345", "--pay-type", CPM, "--auth-code", PAID_CODE], "decimals"),
    (["--amount", "abc", "--pay-type", CPM, "--auth-code", PAID_CODE], "abc"),
    (["--amount", "0", "--pay-type", CPM, "--auth-code", PAID_CODE], "0"),
    (["--amount", "1e3", "--pay-type", CPM, "--auth-code", PAID_CODE], "1e3"),
    (["--amount", "9999999999999", "--pay-type", CPM, "--auth-code", PAID_CODE], ""),
    (["--amount", "1", "--currency", "XYZ", "--pay-type", CPM, "--auth-code", PAID_CODE], ""),
    (["--amount", "1", "--pay-type", CPM, "--auth-code", "13456789012345ABCD"], "payment code"),
    (["--amount", "1", "--pay-type", CPM, "--auth-code", "12345"], "payment code"),
    (["--amount", "1", "--pay-type", "999999", "--auth-code", PAID_CODE], "pay type"),
    (["--amount", "1", "--pay-type", CPM], "--auth-code"),
    (["--amount", "1", "--pay-type", MPM, "--auth-code", PAID_CODE], "QR code"),
    (["--amount", "1", "--pay-type", "800212"], "not a counter payment"),
    # Issue 7, smaller faults: 001's goods_name rule (20 letters/digits, no & = %).
    (
        ["--amount", "1", "--pay-type", CPM, "--auth-code", PAID_CODE, "--goods-name", "a&b=c"],
        "--goods-name",
    ),
    (
        ["--amount", "1", "--pay-type", CPM, "--auth-code", PAID_CODE, "--goods-name", "x" * 21],
        "longer than 20",
    ),
    # Issue 7 #9: a 100k-digit amount is bad input (exit 2), not a traceback.
    (["--amount", "1" * 100_000, "--pay-type", CPM, "--auth-code", PAID_CODE], "--amount"),
    (["--amount", "1", "--pay-type", CPM, "--auth-code", PAID_CODE, "--timeout", "-3"], ""),
    (["--amount", "1"], "--pay-type"),
]


@pytest.mark.parametrize(("args", "hint"), BAD_INPUT)
def test_bad_input_exits_2_and_sends_and_journals_nothing(
    till: Till, args: list[str], hint: str
) -> None:
    result = till.run("pay", *args, json_mode=False)
    assert result.returncode == 2, result.stdout + result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines, "expected an explanation on stderr"
    if not any(line.startswith("usage:") for line in lines):
        assert len(lines) == 1, lines
    assert hint in result.stderr
    assert till.journal_rows() == []
    assert till.gateway.store.all() == []
