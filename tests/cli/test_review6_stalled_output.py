"""Review6 (fixed): ``in_flight_until`` was stamped before the request's deadline started, so
a payment that left the till late was called "never arrived" while the gateway booked it.
Now the request never leaves later than its row says (the client's ``not_after``, from the
journaled bound): a till held up past it sends nothing, and the row ends "nothing sent".

``Journal.create`` stamps ``in_flight_until = now + client.deadline`` with ``now`` read
*before* the row's INSERT and fsync; then the engine tells its listener (the CLI prints the
CREATED and SENT lines to stdout), and only then does ``QFPayClient._send`` start the
request's own deadline (``time.monotonic() + deadline``).  Anything that holds the till
between the two (a stdout pipe or terminal that is not being read: ``pay | slow-consumer``,
a paused terminal, an fsync stalled on a busy disk) moves the real window in which the
gateway may book the payment past the journaled one.  ``_absence_proves_after`` then treats
"no such order" as proof while the request is still with the gateway.

Scenario (real CLI subprocess, ``--http-timeout 1`` so the request's deadline is 2 s,
``--timeout 4`` so ``index_lag`` is 1 s): the CLI's stdout is a pipe the reader has not
drained, so its first progress line (written right after the intent's commit) blocks for
4 s.  Then the reader catches up, the request leaves, and the gateway takes 0.8 s to book
it (``latency``, well inside the request's own deadline).  0.3 s after the request left, the
cashier presses Ctrl-C.  The reversal is refused 1136 (not booked yet), the enquiry shows
nothing, and since the wall clock is past the row's ``in_flight_until`` + ``index_lag``
(stamped 4 s before the request left) the CLI journals REVERSED "never reached the gateway;
nothing was charged".  Half a second later the gateway books it: the customer is charged.

DESIGN.md, rules of evidence: "not found" right after a request is unknown; final only on the
gateway's word.  The request left 0.3 s earlier.  Expected: the cancel keeps trying (or
leaves the row CANCELLING for recovery), and the payment ends PAID (1260 on the reversal);
or the till refuses to send a request whose journaled window is already over (then nothing
is charged and the row must not say PAID).  Either way the journal agrees with the gateway.
The same gap lets a till frozen (SIGSTOP, a paused VM) between the commit and the send lose
its claim after ``LEASE_SECONDS``; recovery elsewhere then ended the row "never arrived" and
the thawed till sent the payment anyway (not tested here: the lease is 30 s); the same
``not_after`` now stops that request too.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import subprocess
import threading
import time

import pytest
from clihelpers import CPM, PAID_CODE, Till, parse_events
from test_cli_crash import assert_consistent

from pos_app.engine.states import TxState

pytestmark = pytest.mark.slow

PIPE_FILL = b"#" * 4095 + b"\n"


def _fill(fd: int) -> int:
    """Fill a pipe's buffer so the next write to it blocks (a reader that fell behind)."""
    flags = fcntl.fcntl(fd, fcntl.F_GETFL)
    fcntl.fcntl(fd, fcntl.F_SETFL, flags | os.O_NONBLOCK)
    written = 0
    with contextlib.suppress(BlockingIOError):
        while True:
            written += os.write(fd, PIPE_FILL)
    fcntl.fcntl(fd, fcntl.F_SETFL, flags)
    return written


def test_a_payment_that_leaves_late_is_not_never_arrived(till: Till) -> None:
    read_end, write_end = os.pipe()
    _fill(write_end)
    argv = till.argv(
        "pay", "--amount", "3.00", "--pay-type", CPM, "--auth-code", PAID_CODE,
        "--poll-interval", "0.05", "--timeout", "4", "--http-timeout", "1",
    )  # fmt: skip
    proc = subprocess.Popen(
        argv,
        stdin=subprocess.DEVNULL,
        stdout=write_end,
        stderr=subprocess.PIPE,
        env=till.env(),
    )
    os.close(write_end)
    try:
        # The intent is committed (SENT) and the CLI is stuck printing its progress line.
        stuck_until = time.monotonic() + 15
        rows = till.journal_rows()
        while not rows and time.monotonic() < stuck_until:
            time.sleep(0.05)
            rows = till.journal_rows()
        [row] = rows
        assert row.state is TxState.SENT and row.in_flight_until is not None
        time.sleep(4.0)  # the reader is behind; nothing has left the till yet
        assert till.gateway.store.by_out_trade_no(row.out_trade_no) is None
        till.gateway.faults.add("latency", endpoint="/trade/v1/payment", delay=0.8)

        chunks: list[bytes] = []
        reader = threading.Thread(
            target=lambda: chunks.extend(iter(lambda: os.read(read_end, 65536), b"")),
            daemon=True,
        )
        reader.start()  # the reader catches up: the request leaves now
        time.sleep(0.3)
        proc.send_signal(signal.SIGINT)  # the cashier presses Ctrl-C
        proc.wait(timeout=30)
        reader.join(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(read_end)
    time.sleep(1.0)  # the gateway has booked the payment by now, if it was sent at all
    events = parse_events(b"".join(chunks).decode("utf-8", "replace"))
    [final] = till.journal_rows()
    order = till.gateway.store.by_out_trade_no(row.out_trade_no)
    if order is None:  # a fix may refuse to send a request whose journaled window is over
        assert final.state is not TxState.PAID, final
        return
    assert order.respcd == "0000", order  # the customer was charged
    # Fails: REVERSED "The order never reached the gateway; nothing was charged."
    assert final.state in (TxState.PAID, TxState.CANCELLING), (final, events[-3:])
    if final.state is TxState.PAID:
        assert_consistent(till)
