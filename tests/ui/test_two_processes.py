"""The till window and a CLI process on one data directory (ownership across processes).

The probe saw the window's start-up recovery reverse a sale a running ``qfpay-pos pay`` was
still paying across a slow link.  Here the CLI is a real subprocess held at the gateway by
the ``latency`` fault while the window (pytest-qt) starts and recovers on the same journal;
then the roles swap: the window pays slowly while a CLI ``recover`` runs.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

from pos_app.credentials import training_credentials
from pos_app.engine.engine import PaymentEngine
from pos_app.engine.journal import Journal
from pos_app.engine.states import TxState
from pos_app.qfpay.client import QFPayClient
from pos_app.qfpay.environments import resolve_environment
from pos_app.ui.services import TillServices

from .conftest import PAID_CODE, fast_config
from .test_sale_flows import key_amount, wait_result


def _cli(tmp_path, gateway, *args: str) -> list[str]:
    return [
        sys.executable, "-m", "pos_app", "--env", "training", "--base-url", gateway.base_url,
        "--config-dir", str(tmp_path / "config"), "--data-dir", str(tmp_path / "data"),
        "--json", *args,
    ]  # fmt: skip


def _services(tmp_path, gateway) -> TillServices:
    env = resolve_environment("training", "hk", gateway.base_url)
    client = QFPayClient(training_credentials(), env, timeout=10.0, max_retries=1)
    (tmp_path / "data").mkdir(exist_ok=True)
    journal = Journal(tmp_path / "data" / "journal-training.sqlite3", label="till window")
    engine = PaymentEngine(client, journal, till_id="T1", cashier="Ann", config=fast_config())
    services = TillServices(
        engine=engine,
        journal=journal,
        managers=engine.managers,
        environment="training",
        base_url=gateway.base_url,
        till_id="T1",
        cashier="Ann",
        training_gateway=gateway,
    )
    services.closers += [journal.close, client.close_client]
    return services


def _rows(journal: Journal):
    with journal.transaction() as conn:
        keys = [r[0] for r in conn.execute("SELECT out_trade_no FROM transactions")]
    return [journal.get(k) for k in keys]


def test_window_start_up_recovery_leaves_a_running_cli_sale_alone(qtbot, tmp_path, gateway):
    from pos_app.ui.main_window import CLOSE_NOW, MainWindow

    # Long enough to outlast a loaded two-core machine's window start-up.
    gateway.faults.add("latency", endpoint="/trade/v1/payment", delay=8.0, times=1)
    services = _services(tmp_path, gateway)
    cli = subprocess.Popen(
        _cli(tmp_path, gateway, "pay", "--amount", "50", "--pay-type", "800208",
             "--auth-code", PAID_CODE, "--poll-interval", "0.05", "--http-timeout", "20"),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while not services.journal.unfinished() and time.monotonic() < deadline:
            time.sleep(0.02)
        (pending,) = services.journal.unfinished()
        window = MainWindow(services, sounds=False, ping_interval_ms=60_000, result_hold_ms=50)
        window.ask_close_while_busy = lambda: CLOSE_NOW
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.recovery_finished, timeout=20_000) as blocker:
            window.show()
        ((before, after),) = blocker.args[0]
        assert before.out_trade_no == pending.out_trade_no
        assert not after.state.is_final  # left to its owner, not reversed
        out, err = cli.communicate(timeout=60)
        assert cli.returncode == 0, err
        final = json.loads(out.strip().splitlines()[-1])
        assert final["status"] == "PAID"
        row = services.journal.get(pending.out_trade_no)
        order = gateway.store.by_out_trade_no(pending.out_trade_no)
        assert row is not None and row.state is TxState.PAID
        assert order is not None and order.respcd == "0000" and order.cancel == 0
        window.close()
    finally:
        if cli.poll() is None:
            cli.kill()
            cli.communicate()
        services.close()


def test_cli_recover_refuses_a_sale_the_window_is_paying(qtbot, tmp_path, gateway):
    from pos_app.ui.main_window import CLOSE_NOW, MainWindow

    services = _services(tmp_path, gateway)
    try:
        window = MainWindow(services, sounds=False, ping_interval_ms=60_000, result_hold_ms=50)
        window.ask_close_while_busy = lambda: CLOSE_NOW
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        # Long enough to outlast a loaded two-core machine's CLI start-up.
        gateway.faults.add("latency", endpoint="/trade/v1/payment", delay=8.0, times=1)
        key_amount(qtbot, window, "50")
        window.controller.scanned_auth_code(PAID_CODE)
        qtbot.waitUntil(lambda: bool(services.journal.unfinished()), timeout=10_000)
        recovered = subprocess.run(
            _cli(tmp_path, gateway, "recover", "--poll-interval", "0.05"),
            capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        events = [json.loads(x) for x in recovered.stdout.splitlines() if x.startswith("{")]
        assert recovered.returncode == 4, recovered.stderr
        busy = [e for e in events if e.get("event") == "recovered"]
        assert busy and busy[0]["action"] == "busy" and "till window" in busy[0]["message"]
        outcome = wait_result(qtbot, window)
        assert outcome.state is TxState.PAID
        order = gateway.store.by_out_trade_no(outcome.out_trade_no)
        assert order is not None and order.respcd == "0000" and order.cancel == 0
        window.close()
    finally:
        services.close()
