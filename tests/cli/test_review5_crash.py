"""Review5 (fixed): a payment request still being processed by the gateway was called
"never arrived" after a crash, and the customer was charged while the journal said REVERSED.

The CLI is killed while its payment request is with a slow gateway (the fault knob
``latency``: the gateway reads the request, waits, then books it).  ``recover`` then asks,
finds nothing, sends a reversal that is refused "no such order" (1136) and, once the order is
``index_lag`` seconds old, ends the row REVERSED "never reached the gateway; nothing was
charged".  But the request did reach the gateway, and the client itself would still have
waited for its answer (its deadline is connect + read, ~25 s): the gateway books it moments
later.  Absence is evidence only once the request can no longer be in flight (DESIGN.md:
"not found" right after a request is unknown).
"""

from __future__ import annotations

import time

import pytest
from clihelpers import CPM, PAID_CODE, Till
from test_cli_crash import FAST, _state, assert_consistent

from pos_app.engine.states import TxState

pytestmark = pytest.mark.slow


def _kill_while_the_gateway_books_slowly(till: Till, delay: float) -> str:
    till.gateway.faults.add("latency", endpoint="/trade/v1/payment", delay=delay)
    cli = till.start("pay", "--amount", "3.00", "--pay-type", CPM, "--auth-code", PAID_CODE, *FAST)
    event = cli.wait_for(_state("SENT"))
    time.sleep(0.3)  # the request is with the gateway
    cli.kill()
    return str(event["out_trade_no"])


def _settled(till: Till, out_trade_no: str, booked_by: float) -> None:
    """Let the gateway finish the request, run recover again and take the next sale."""
    while time.monotonic() < booked_by:
        time.sleep(0.2)
    assert till.gateway.store.by_out_trade_no(out_trade_no) is not None  # it was booked
    till.gateway.faults.clear()
    assert till.run("recover", *FAST, timeout=90).returncode == 0
    assert till.pay(PAID_CODE, "4.00").returncode == 0
    states = assert_consistent(till)  # was: REVERSED in the journal, paid at the gateway
    assert states[out_trade_no] is TxState.PAID


def test_recover_with_a_timeout_calls_a_slow_payment_never_arrived(till: Till) -> None:
    # recover --timeout 5 shrinks index_lag to 1.25 s (runtime/plan.py).
    started = time.monotonic()
    number = _kill_while_the_gateway_books_slowly(till, delay=3)
    result = till.run("recover", *FAST, "--timeout", "5", timeout=90)
    assert result.returncode == 0, result.stdout + result.stderr
    _settled(till, number, booked_by=started + 4.5)


def test_recover_with_the_default_index_lag_calls_a_slow_payment_never_arrived(
    till: Till,
) -> None:
    # The default index_lag (10 s) is shorter than the payment request's own deadline.
    started = time.monotonic()
    number = _kill_while_the_gateway_books_slowly(till, delay=13)
    time.sleep(9)  # a slow restart
    result = till.run("recover", *FAST, timeout=90)
    assert result.returncode == 0, result.stdout + result.stderr
    _settled(till, number, booked_by=started + 14.5)


def test_the_next_sale_right_after_the_kill_does_not_charge_the_customer_twice(
    till: Till,
) -> None:
    """The cashier takes the payment again at once.  The next pay settles the open one first
    (its --timeout shrinks index_lag to a quarter); it once called it never arrived and
    charged again while the gateway booked the first too.  Now the first is found PAID and
    the new sale is refused as a possible duplicate (exit 4, nothing sent): one charge."""
    number = _kill_while_the_gateway_books_slowly(till, delay=3)
    again = till.pay(PAID_CODE, "3.00", "--timeout", "4", *FAST)
    assert again.returncode == 4, again.stdout + again.stderr
    assert "may have paid already" in again.stdout + again.stderr
    booked = [o for o in till.gateway.store.all() if o.respcd == "0000" and not o.cancel]
    [first] = [r for r in till.journal_rows() if r.out_trade_no == number]
    assert len(booked) == 1 and first.state is TxState.PAID, (len(booked), first.state)
