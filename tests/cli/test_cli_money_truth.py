"""Issue 7 on the command line: refunds in the sale's currency, no new sale over an open one,
exit codes that never call an accident a decline, and quiet pipes.

Every test runs ``qfpay-pos`` as a real subprocess against the training gateway.
"""

from __future__ import annotations

import logging
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from clihelpers import CPM, NEVER_CODE, PAID_CODE, PASSWORD_CODE, Till

from pos_app.cli import sales
from pos_app.cli.main import main as cli_main
from pos_app.credentials import training_credentials
from pos_app.engine.journal import Journal
from pos_app.engine.states import TxMode, TxState
from pos_app.qfpay.client import QFPayClient
from pos_app.training import TrainingGateway

FAST = ("--poll-interval", "0.05")
TRAINING_CREDENTIALS = training_credentials()  # the client's view of the training account


def _state(name: str):
    return lambda e: e.get("event") == "state" and e.get("state") == name


# -- #3: a refund is parsed in the original sale's currency --------------------------------


def test_refund_of_another_tills_yen_sale_is_counted_in_yen(till: Till) -> None:
    """Issue 7 #3: "3" for a JPY 500 sale is 3 yen, not 300 (the till's HKD cents)."""
    with QFPayClient(TRAINING_CREDENTIALS, till.gateway.base_url) as other_till:
        sale = other_till.pay(
            out_trade_no="OTHERTILL1",
            txamt=500,
            txcurrcd="JPY",
            pay_type=CPM,
            auth_code=PAID_CODE,
        )
    assert sale.syssn
    till.add_manager("mei", "246813")
    result = till.run(
        "refund", "--syssn", sale.syssn, "--amount", "3", "--manager", "mei", *FAST,
        stdin="246813\n",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.final["currency"] == "JPY" and result.final["amount"] == "3"
    [refund] = till.gateway.store.refunds_of(sale.syssn)
    assert refund.txamt == 3


def test_refund_amount_too_precise_for_the_sales_currency_is_refused(till: Till) -> None:
    with QFPayClient(TRAINING_CREDENTIALS, till.gateway.base_url) as other_till:
        sale = other_till.pay(
            out_trade_no="OTHERTILL2", txamt=500, txcurrcd="JPY", pay_type=CPM, auth_code=PAID_CODE
        )
    assert sale.syssn
    till.add_manager("mei", "246813")
    result = till.run(
        "refund", "--syssn", sale.syssn, "--amount", "3.50", "--manager", "mei", *FAST,
        stdin="246813\n",
    )  # fmt: skip
    assert result.returncode == 2 and "--amount" in result.stderr
    assert till.gateway.store.refunds_of(sale.syssn) == []


def test_refund_of_a_sale_nobody_knows_says_so_and_sends_nothing(till: Till) -> None:
    till.add_manager("mei", "246813")
    result = till.run(
        "refund", "--syssn", "20261130000000000000000001", "--amount", "3", "--manager", "mei",
        stdin="246813\n",
    )  # fmt: skip
    assert result.returncode == 2
    assert "No paid payment" in result.stderr
    assert till.journal_rows() == []
    assert all(o.order_type != "refund" for o in till.gateway.store.all())


# -- #4: no new payment while an earlier one is unresolved ---------------------------------


def _killed_payment(till: Till, code: str, amount: str, timeout: float = 0.5) -> str:
    cli = till.start(
        "pay", "--amount", amount, "--pay-type", CPM, "--auth-code", code,
        "--poll-interval", "2", "--timeout", str(timeout),
    )  # fmt: skip
    event = cli.wait_for(_state("IN_PROGRESS"))  # answered 1143/1145, not yet queried
    cli.kill()
    if timeout < 1:
        time.sleep(timeout + 0.1)  # its deadline passes
    return str(event["out_trade_no"])


def test_pay_settles_a_killed_earlier_payment_first_and_reports_it(till: Till) -> None:
    earlier = _killed_payment(till, NEVER_CODE, "7.00")
    result = till.run("pay", "--amount", "3.00", "--pay-type", CPM, "--auth-code", PAID_CODE,
                      *FAST, "--timeout", "2")  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    reported = [e for e in result.events if e["event"] == "earlier"]
    assert [e["out_trade_no"] for e in reported] == [earlier]
    assert reported[0]["status"] == "REVERSED"
    rows = {r.out_trade_no: r.state for r in till.journal_rows()}
    assert rows[earlier] is TxState.REVERSED


def test_pay_is_refused_with_exit_4_while_an_earlier_payment_cannot_be_settled(
    till: Till,
) -> None:
    earlier = _killed_payment(till, NEVER_CODE, "7.00")
    till.gateway.faults.add("drop", endpoint="/trade/v1/query", times=None)
    till.gateway.faults.add("drop", endpoint="/trade/v1/reversal", times=None)
    result = till.run("pay", "--amount", "3.00", "--pay-type", CPM, "--auth-code", PAID_CODE,
                      *FAST, "--timeout", "1")  # fmt: skip
    assert result.returncode == 4, result.stdout + result.stderr
    assert "earlier payment" in result.stderr
    assert "Traceback" not in result.stderr
    assert [o.out_trade_no for o in till.gateway.store.all()] == [earlier]


def test_an_earlier_sale_found_paid_for_the_same_amount_stops_the_next(till: Till) -> None:
    """Issue 7 #4: the customer paid, the CLI was killed: do not charge them again."""
    earlier = _killed_payment(till, PASSWORD_CODE, "7.00", timeout=20)
    first = till.run("pay", "--amount", "7.00", "--pay-type", CPM, "--auth-code", PAID_CODE,
                     *FAST, "--timeout", "2")  # fmt: skip
    assert first.returncode == 4, first.stdout + first.stderr
    assert "may have paid already" in first.stderr
    [found] = [e for e in first.events if e["event"] == "earlier"]
    assert found["out_trade_no"] == earlier and found["status"] == "PAID"
    assert [o.out_trade_no for o in till.gateway.store.all()] == [earlier]
    second = till.run("pay", "--amount", "7.00", "--pay-type", CPM, "--auth-code", PAID_CODE,
                      *FAST, "--timeout", "2")  # fmt: skip
    assert second.returncode == 0, second.stdout + second.stderr


# -- #8 on the command line: configuration errors exit 5 at once ---------------------------


def test_wrong_mchid_exits_5_at_once_without_retrying(till: Till) -> None:
    """Issue 7, smaller faults: 1104 on every call is a configuration error, not exit 4."""
    with TrainingGateway(mchid="MCH1") as strict:
        argv = till.argv("pay", "--amount", "1.00", "--pay-type", CPM, "--auth-code", PAID_CODE)
        argv[argv.index("--base-url") + 1] = strict.base_url
        result = subprocess.run(
            argv, capture_output=True, text=True, timeout=60, env=till.env(), check=False
        )
        assert strict.store.all() == []
    assert result.returncode == 5, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    [row] = till.journal_rows()
    assert row.state is TxState.DECLINED and row.respcd == "1104"
    assert [e.detail for e in Journal(till.journal_path).events(row.out_trade_no)
            if e.kind == "request"] == ["payment CPM"]  # fmt: skip


def test_unreachable_gateway_exits_6_nothing_sent(till: Till) -> None:
    with TrainingGateway() as gone:
        url = gone.base_url
    result = subprocess.run(
        [
            *till.argv(gateway=False),
            "--base-url",
            url,
            "pay",
            "--amount",
            "1.00",
            "--pay-type",
            CPM,
            "--auth-code",
            PAID_CODE,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env=till.env(),
        check=False,
    )
    assert result.returncode == 6, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


# -- #9: exit 1 only for a decline; local problems exit 5, money in flight exits 4 ---------


def test_data_dir_that_is_a_file_exits_5_with_one_line(till: Till, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    argv = till.argv("history", json_mode=False)
    argv[argv.index("--data-dir") + 1] = str(blocker)
    result = subprocess.run(
        argv, capture_output=True, text=True, timeout=60, env=till.env(), check=False
    )
    assert result.returncode == 5, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert len([line for line in result.stderr.splitlines() if line.strip()]) == 1


def test_deeply_nested_settings_exit_5_without_a_traceback(till: Till) -> None:
    till.config_dir.mkdir(parents=True, exist_ok=True)
    (till.config_dir / "settings.json").write_text("[" * 200_000 + "]" * 200_000)
    result = till.run("history", json_mode=False)
    assert result.returncode == 5, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_a_storage_failure_after_the_payment_left_exits_4_and_logs_the_traceback(
    till: Till, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 7 #9: the disk filled after the customer was charged: never exit 1."""

    def pay_then_disk_full(rt, rep):  # type: ignore[no-untyped-def]
        rt.client()  # from here on a request may have left
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(sales, "cmd_pay", pay_then_disk_full)
    argv = till.argv("pay", "--amount", "1.00", "--pay-type", CPM, "--auth-code", PAID_CODE)
    monkeypatch.setenv("QFPAY_APPCODE", TRAINING_CREDENTIALS.app_code)
    monkeypatch.setenv("QFPAY_KEY", TRAINING_CREDENTIALS.client_key)
    monkeypatch.setenv("QFPAY_ENV", "training")
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        code = cli_main(argv[3:])
    finally:
        for handler in root.handlers[:]:
            if handler not in handlers:
                root.removeHandler(handler)
                handler.close()
        root.setLevel(level)
    err = capsys.readouterr().err
    assert code == 4
    assert "Traceback" not in err and "recover" in err
    log = (till.data_dir / "till.log").read_text(encoding="utf-8")
    assert "Traceback" in log and "disk is full" in log


# -- smaller fault: `qfpay-pos history | head` -----------------------------------------------


def test_history_into_a_closed_pipe_ends_quietly(till: Till) -> None:
    till.data_dir.mkdir(parents=True, exist_ok=True)
    with Journal(till.journal_path) as journal:
        for n in range(1500):
            journal.create(
                out_trade_no=f"HISTORYROW{n:05d}",
                sale_id=f"S{n}",
                mode=TxMode.CPM,
                till_id="t",
                cashier="c",
                txamt=100,
                currency="HKD",
                pay_type=CPM,
            )
    argv = " ".join(f"'{a}'" for a in till.argv("history", json_mode=False))
    result = subprocess.run(
        ["bash", "-c", f'{argv} | head -n 1; echo "status=${{PIPESTATUS[0]}}" >&2'],
        capture_output=True,
        text=True,
        timeout=60,
        env=till.env(),
        check=False,
    )
    assert "BrokenPipe" not in result.stderr and "Traceback" not in result.stderr
    assert "status=0" in result.stderr


def test_a_query_the_gateway_refuses_with_a_decline_code_never_exits_1(till: Till) -> None:
    """Review of issue 7: exit 1 says "nobody was charged"; a refused *enquiry* says nothing.

    Before: the query's top-level 1202 escaped as a ``DeclinedError`` and ``query`` exited 1
    for a sale that was paid.
    """
    paid = till.pay(PAID_CODE, "10.00", *FAST)
    assert paid.returncode == 0, paid.stdout + paid.stderr
    number = paid.final["out_trade_no"]
    till.gateway.faults.add("respcd", endpoint="/trade/v1/query", respcd="1202", times=None)
    result = till.run("query", "--out-trade-no", number)
    assert result.returncode == 4, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_a_configuration_refusal_after_the_payment_left_exits_4_not_5(till: Till) -> None:
    """Review of issue 7: once the payment request has left, a config refusal (1108 on the
    enquiry) cannot make the sale a non-event: the customer may be paying (exit 4).

    Before: the enquiry's 1108 escaped as "nothing was sent" and ``pay`` exited 5 with the
    sale still IN_PROGRESS.
    """
    till.gateway.faults.add("respcd", endpoint="/trade/v1/query", respcd="1108", times=None)
    result = till.run(
        "pay", "--amount", "4.00", "--pay-type", CPM, "--auth-code", PASSWORD_CODE, *FAST,
        "--timeout", "2",
    )  # fmt: skip
    [row] = till.journal_rows()
    assert not row.state.is_final
    assert result.returncode == 4, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
