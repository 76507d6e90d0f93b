"""The other subcommands as subprocesses: managers, refund, query, history, report,
recover, credentials, and configuration errors (exit 5)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest
from clihelpers import DECLINED_CODE, PAID_CODE, Till

from pos_app.engine.states import TxMode, TxState


def test_help_and_bad_usage(till: Till) -> None:
    ok = till.run("--help", json_mode=False)
    assert ok.returncode == 0 and "exit codes" in ok.stdout
    bad = till.run("pay", "--bogus", json_mode=False)
    assert bad.returncode == 2 and "usage:" in bad.stderr


def test_manager_add_list_remove(till: Till) -> None:
    till.add_manager("mei", "246810")
    listed = till.run("manager", "list")
    assert listed.returncode == 0
    assert [e["name"] for e in listed.events if e["event"] == "manager"] == ["mei"]
    unapproved = till.run("manager", "add", "tom", stdin="111111\n111111\n")
    assert unapproved.returncode == 2 and "only a manager" in unapproved.stderr
    wrong = till.run("manager", "add", "tom", "--by", "mei", stdin="000000\n111111\n111111\n")
    assert wrong.returncode == 2 and "Wrong manager name or PIN" in wrong.stderr
    mismatch = till.run("manager", "add", "tom", "--by", "mei", stdin="246810\n111111\n222222\n")
    assert mismatch.returncode == 2 and "differ" in mismatch.stderr
    short = till.run("manager", "add", "tom", "--by", "mei", stdin="246810\n1111\n1111\n")
    assert short.returncode == 2 and "6 to 12 digits" in short.stderr
    ok = till.run("manager", "add", "tom", "--by", "mei", stdin="246810\n135791\n135791\n")
    assert ok.returncode == 0, ok.stderr
    again = till.run("manager", "add", "mei", "--by", "tom", stdin="135791\n999999\n999999\n")
    assert again.returncode == 2 and "already a manager" in again.stderr
    assert till.run("manager", "remove", "tom", "--by", "mei", stdin="246810\n").returncode == 0
    last = till.run("manager", "remove", "mei", "--by", "mei", stdin="246810\n")
    assert last.returncode == 2 and "last manager" in last.stderr
    assert till.run("manager", "list").final["count"] == 1
    bad_name = till.run("manager", "add", "\x1b]52;c;aGk=\x07", "--by", "mei", stdin="246810\n")
    assert bad_name.returncode == 2 and "control characters" in bad_name.stderr
    audit = till.run("manager", "audit")
    kinds = [e["audit_kind"] for e in audit.events if e["event"] == "audit"]
    assert kinds == ["manager_added", "manager_added", "manager_removed"]


def test_parallel_wrong_pins_from_many_processes_lock_the_manager(till: Till) -> None:
    """A loop of parallel wrong guesses: every one is counted and the lockout holds."""
    till.add_manager("mei", "246810")
    guesses = [
        till.start("manager", "change-pin", "mei", stdin=f"{n:06d}\n111111\n111111\n")
        for n in range(12)
    ]
    codes = [g.finish(timeout=120) for g in guesses]
    assert codes == [2] * 12
    listed = till.run("manager", "list")
    (mei,) = [e for e in listed.events if e["event"] == "manager"]
    assert mei["locked"] is True
    right = till.run("manager", "change-pin", "mei", stdin="246810\n111111\n111111\n")
    assert right.returncode == 2 and "locked for" in right.stderr
    assert "Another manager can lift the lock" in right.stderr
    audit = till.run("manager", "audit")
    assert [e["audit_kind"] for e in audit.events if e["event"] == "audit"].count(
        "manager_locked"
    ) == 1  # the fifth wrong guess locks; the other seven meet the lock, uncounted


def test_refund_with_manager_pin(till: Till) -> None:
    paid = till.pay(PAID_CODE, "10.00")
    syssn = paid.final["syssn"]
    till.add_manager("mei", "246810")
    result = till.run(
        "refund", "--syssn", syssn, "--amount", "4.00", "--manager", "mei",
        "--poll-interval", "0.05", stdin="246810\n",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.final["status"] == "REFUNDED" and result.final["amount"] == "4.00"
    refunds = till.gateway.store.refunds_of(syssn)
    assert len(refunds) == 1 and refunds[0].txamt == 400 and refunds[0].respcd == "0000"
    rows = [r for r in till.journal_rows() if r.mode is TxMode.REFUND]
    assert len(rows) == 1 and rows[0].state is TxState.REFUNDED and rows[0].manager == "mei"


def test_refund_refusals_send_nothing(till: Till) -> None:
    syssn = till.pay(PAID_CODE, "10.00").final["syssn"]
    till.add_manager("mei", "246810")
    base = ["refund", "--syssn", syssn, "--manager", "mei"]
    wrong_pin = till.run(*base, "--amount", "1.00", stdin="9999\n")
    assert wrong_pin.returncode == 2 and "PIN" in wrong_pin.stderr
    too_much = till.run(*base, "--amount", "10.01", stdin="246810\n")
    assert too_much.returncode == 2
    bad_amount = till.run(*base, "--amount", "1.001", stdin="246810\n")
    assert bad_amount.returncode == 2
    no_pin = till.run(*base, "--amount", "1.00", stdin="")
    assert no_pin.returncode == 2
    assert till.gateway.store.refunds_of(syssn) == []
    assert [r.mode for r in till.journal_rows()] == [TxMode.CPM]


def test_query_by_out_trade_no_and_syssn(till: Till) -> None:
    paid = till.pay(PAID_CODE).final
    by_order = till.run("query", "--out-trade-no", paid["out_trade_no"])
    assert by_order.returncode == 0, by_order.stderr
    assert by_order.final["status"] == "paid" and by_order.final["syssn"] == paid["syssn"]
    assert any(e["event"] == "journal" and e["state"] == "PAID" for e in by_order.events)
    by_syssn = till.run("query", "--syssn", paid["syssn"])
    assert by_syssn.returncode == 0 and by_syssn.final["status"] == "success"
    declined = till.pay(DECLINED_CODE).final
    assert till.run("query", "--out-trade-no", declined["out_trade_no"]).returncode == 1
    missing = till.run("query", "--out-trade-no", "NOSUCHORDER123")
    # "Not found" is not a decline (it proves nothing right after a request): exit 4.
    assert missing.returncode == 4 and missing.final["status"] == "not_found"
    assert till.run("query", "--syssn", "bad syssn!", json_mode=False).returncode == 2


def test_history_and_report(till: Till) -> None:
    till.pay(PAID_CODE, "10.00")
    till.pay(PAID_CODE, "2.50")
    till.pay(DECLINED_CODE, "99.00")
    today = date.today().isoformat()
    history = till.run("history", "--date", today)
    assert history.returncode == 0
    rows = [e for e in history.events if e["event"] == "transaction"]
    assert [r["state"] for r in rows] == ["PAID", "PAID", "DECLINED"]
    assert history.final["count"] == 3
    report = till.run("report")
    assert report.returncode == 0
    assert report.final["net"] == [{"currency": "HKD", "amount": "12.50", "txamt": 1250}]
    [line] = report.final["lines"]
    assert line["wallet"] == "WeChat Pay"
    assert line["sales_count"] == 2 and line["sales"] == "12.50" and line["sales_txamt"] == 1250
    empty = till.run("history", "--date", "2001-01-01")
    assert empty.returncode == 0 and empty.final["count"] == 0
    assert till.run("history", "--date", "yesterday", json_mode=False).returncode == 2


def test_recover_with_nothing_to_do(till: Till) -> None:
    result = till.run("recover")
    assert result.returncode == 0 and result.final["pending"] == 0


def test_corrupt_settings_exit_5_and_file_untouched(till: Till) -> None:
    till.config_dir.mkdir(parents=True)
    settings = till.config_dir / "settings.json"
    settings.write_text('{"till_id": "T1", "environment": "moon"}', encoding="utf-8")
    result = till.pay(PAID_CODE)
    assert result.returncode == 5
    assert str(settings) in result.stderr and "unknown environment 'moon'" in result.stderr
    assert settings.read_text(encoding="utf-8") == '{"till_id": "T1", "environment": "moon"}'
    assert till.gateway.store.all() == []


def test_missing_credentials_exit_5_before_anything_is_sent(till: Till) -> None:
    # sandbox with no keyring entry and no variables: refused before any journal row.
    env = till.env(PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    result = till.run(
        "--env", "sandbox", "pay", "--amount", "1", "--pay-type", "800208",
        "--auth-code", PAID_CODE, env=env, gateway=False,
    )  # fmt: skip
    assert result.returncode == 5, result.stdout + result.stderr
    assert "credentials" in result.stderr.lower()
    assert list(till.data_dir.glob("journal-*")) == []


def test_qfpay_env_mismatch_exit_5(till: Till) -> None:
    env = till.env(QFPAY_ENV="prod", QFPAY_APPCODE="A", QFPAY_KEY="SECRETKEY123")
    result = till.run(
        "--env", "sandbox", "pay", "--amount", "1", "--pay-type", "800208",
        "--auth-code", PAID_CODE, env=env, gateway=False,
    )  # fmt: skip
    assert result.returncode == 5 and "refusing to mix" in result.stderr
    assert "SECRETKEY123" not in result.stdout + result.stderr


def test_credentials_for_training_need_nothing(till: Till) -> None:
    shown = till.run("credentials", "show")
    assert shown.returncode == 0 and shown.final["source"] == "training"
    refused = till.run("credentials", "set", stdin="A\nB\n")
    assert refused.returncode == 5


@pytest.mark.keyring
def test_credentials_set_show_clear_in_keyring(till: Till, secret_service) -> None:
    key = "K3Y0123456789ABCDEF"
    stored = till.run("--env", "sandbox", "credentials", "set", stdin=f"APP1\n{key}\n\n")
    assert stored.returncode == 0, stored.stderr
    shown = till.run("--env", "sandbox", "credentials", "show")
    assert shown.returncode == 0
    assert shown.final["source"] == "keyring" and shown.final["app_code"] == "APP1"
    assert shown.final.get("mchid") is None and shown.final["has_key"] is True
    assert key not in shown.stdout + shown.stderr
    assert json.dumps(shown.final).count("K3Y") == 0
    other = till.run("--env", "prod", "credentials", "show")
    assert other.returncode == 5 and other.final["source"] == "none"
    cleared = till.run("--env", "sandbox", "credentials", "clear")
    assert cleared.returncode == 0 and cleared.final["removed"] is True
    assert till.run("--env", "sandbox", "credentials", "show").returncode == 5


def test_no_command_without_a_window_explains_and_exits_5(till: Till) -> None:
    code = (
        "import sys; sys.modules['pos_app.ui.app'] = None\n"
        "from pos_app.cli import main\n"
        f"raise SystemExit(main(['--config-dir', {str(till.config_dir)!r}, "
        f"'--data-dir', {str(till.data_dir)!r}]))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 5, proc.stderr
    assert "till window is not available" in proc.stderr


def test_builtin_training_gateway_keeps_its_orders_between_runs(till: Till) -> None:
    paid = till.run(
        "pay", "--amount", "1.50", "--pay-type", "800208", "--auth-code", PAID_CODE,
        gateway=False,
    )  # fmt: skip
    assert paid.returncode == 0, paid.stderr
    assert "training gateway running at http://127.0.0.1:" in paid.stderr
    assert (till.data_dir / "training-gateway.sqlite3").exists()
    # A new run starts a new gateway on the same store: the order is still there.
    again = till.run("query", "--out-trade-no", paid.final["out_trade_no"], gateway=False)
    assert again.returncode == 0 and again.final["status"] == "paid"
    assert till.gateway.store.all() == []  # the test's own gateway was never used
