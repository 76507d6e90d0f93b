"""Ctrl-C / SIGTERM while money moves: the flow must see the cancel, whatever else is stuck.

In-process checks pin the races of ``cancel_on_interrupt`` down deterministically; the
subprocess check makes sure ``recover`` sees a cancel too (the reason says "cashier", never
the deadline, so a lost Ctrl-C cannot pass as a slow one).
"""

from __future__ import annotations

import importlib
import io
import signal
import threading
from typing import Any

import pytest
from clihelpers import CPM, NEVER_CODE, Till

from pos_app.cli.exitcodes import Exit
from pos_app.cli.output import Reporter
from pos_app.cli.sales import cancel_on_interrupt
from pos_app.engine import CancelToken
from pos_app.engine.core import R_CASHIER
from pos_app.training.store import CANCEL_CPM_REVERSED

cli_main = importlib.import_module("pos_app.cli.main")  # the package re-exports main()


class StuckStream(io.StringIO):
    """A stderr nobody reads: every write blocks until the test lets go."""

    def __init__(self) -> None:
        super().__init__()
        self.entered = threading.Event()
        self.release = threading.Event()

    def write(self, text: str) -> int:
        self.entered.set()
        self.release.wait(10)
        return super().write(text)


def _signal_state() -> tuple[Any, Any]:
    wakeup = signal.set_wakeup_fd(-1)
    signal.set_wakeup_fd(wakeup)
    return signal.getsignal(signal.SIGINT), wakeup


def test_ctrl_c_cancels_even_when_stderr_blocks() -> None:
    """The watcher used to print its note *before* cancelling, holding the reporter's lock:
    a stderr that blocks (a full pipe nobody drains) swallowed the Ctrl-C for good and then
    froze every later progress line too."""
    err = StuckStream()
    rep = Reporter(json_mode=True, out=io.StringIO(), err=err)
    token = CancelToken()
    before = _signal_state()
    try:
        with cancel_on_interrupt(token, rep):
            signal.raise_signal(signal.SIGINT)
            assert token.wait(5), "Ctrl-C was not turned into a cancel"
            assert err.entered.wait(5)
            # The note is stuck on stderr, yet the flow's progress lines still get out.
            progress = threading.Thread(target=rep.event, args=("state", "CANCELLING"))
            progress.start()
            progress.join(5)
            assert not progress.is_alive(), "a stuck stderr froze stdout"
            err.release.set()
    finally:
        err.release.set()
    assert _signal_state() == before
    assert "Cancelling" in err.getvalue()


def test_sigterm_cancels_too_and_handlers_come_back() -> None:
    rep = Reporter(json_mode=True, out=io.StringIO(), err=io.StringIO())
    token = CancelToken()
    before = _signal_state()
    with cancel_on_interrupt(token, rep):
        signal.raise_signal(signal.SIGTERM)
        assert token.wait(5)
    assert _signal_state() == before


def test_ctrl_c_during_set_up_undoes_the_set_up(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Ctrl-C that lands half-way through installing the handlers still means "nothing
    sent": KeyboardInterrupt, with the wakeup fd and handlers as they were."""
    real_getsignal = signal.getsignal
    calls = []

    def interrupted_getsignal(sig: int) -> Any:
        calls.append(sig)
        if sig == signal.SIGTERM:
            raise KeyboardInterrupt
        return real_getsignal(sig)

    before = _signal_state()
    monkeypatch.setattr(signal, "getsignal", interrupted_getsignal)
    rep = Reporter(json_mode=True, out=io.StringIO(), err=io.StringIO())
    with pytest.raises(KeyboardInterrupt), cancel_on_interrupt(CancelToken(), rep):
        pytest.fail("the body must not run")
    monkeypatch.undo()
    assert calls == [signal.SIGINT, signal.SIGTERM]
    assert _signal_state() == before


def test_late_ctrl_c_does_not_rewrite_the_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    """Once the result line is out, a Ctrl-C must not add "interrupted" or change the exit
    status: a script would read a paid sale as cancelled."""

    def paid_then_interrupted(rt: Any, rep: Reporter) -> int:
        rep.result("PAID", status="PAID", exit_code=0)
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_main, "_dispatch", paid_then_interrupted)
    out, err = io.StringIO(), io.StringIO()
    monkeypatch.setattr("sys.stdout", out)
    monkeypatch.setattr("sys.stderr", err)
    assert cli_main.main(["--json", "history"]) == Exit.OK
    assert "Interrupted" not in out.getvalue() + err.getvalue()


# -- as a subprocess -------------------------------------------------------------------------


def _pay_never(till: Till) -> Any:
    # A deadline far beyond the test's patience: only the Ctrl-C can end this sale in time.
    return till.start(
        "pay", "--amount", "2", "--pay-type", CPM, "--auth-code", NEVER_CODE,
        "--poll-interval", "0.05", "--timeout", "300",
    )  # fmt: skip


def test_ctrl_c_stops_recover(till: Till) -> None:
    """``recover`` swallowed Ctrl-C and SIGTERM: it never passed its cancel token on, so a
    pending code payment was polled to its deadline (minutes) before the CLI exited."""
    cli = _pay_never(till)
    cli.wait_for(lambda e: e.get("state") == "IN_PROGRESS")
    cli.kill()
    rec = till.start("recover", "--poll-interval", "0.05", "--timeout", "300")
    rec.wait_for(lambda e: e.get("event") == "waiting")
    rec.proc.send_signal(signal.SIGINT)
    assert rec.finish(timeout=30) == Exit.OK
    [item] = [e for e in rec.events if e["event"] == "recovered"]
    assert item["status"] == "REVERSED" and item["message"] == R_CASHIER
    order = till.gateway.store.by_out_trade_no(item["out_trade_no"])
    assert order is not None and order.cancel == CANCEL_CPM_REVERSED
