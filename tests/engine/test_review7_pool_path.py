"""Review7 (fixed: on the pool way no phase before the first byte, connect included, may
outlast the deadline): on the pool way a payment request still leaves after its journaled
bound: the pool thread is bounded only *before* it starts.

``BoundedExchange._run_on_pool`` hands the request to a pool thread; ``_Call.start`` refuses
to send once ``deadline_at`` (now ``min(deadline, within)``: the journaled bound) has passed,
but a thread that starts a moment before it then runs ``httpx.Client.send``, whose connect
(TCP, TLS) is bounded only by httpx's own connect timeout, and writes the request whenever
the connection is up, however late.  The caller gives up at ``deadline_at`` (outcome
unknown), the cancel follows, and once ``in_flight_ticks + index_lag`` has passed a reversal
refused 1136 with an empty enquiry ends the sale REVERSED "never arrived" while the request
is only now reaching the gateway.  ``within`` is documented (``engine.in_flight``,
``QFPayClient._send``) as "the request never leaves after its journaled bound"; on this way it
can leave up to a connect timeout later.

The pool way is what every handed-in transport uses, and what the till falls back to with
its own transport when ``deadline_io.install`` finds no network backend to wrap (a newer
httpcore): then every payment runs on it.  With production timings (connect 5 s,
``index_lag`` 10 s) the lag covers a slow connect; a CLI run with ``--timeout`` shrinks
``index_lag`` to a quarter of it (``runtime.plan``) and no longer does.

Scenario (training gateway over real HTTP, the client's own ``HTTPTransport`` handed in, its
network backend connecting in 1.2 s, inside the 2 s connect timeout): client deadline 3 s,
``index_lag`` 0.3 s.  The till is held 2.6 s between the intent's commit and the send (a
blocked stdout, as in review6), so 0.4 s of the window is left; the pool thread starts, the
connect takes 1.2 s, the request leaves 0.8 s after the bound and the gateway books it 0.8 s
later (``latency``).  Expected: no request leaves after the journaled bound (DECLINED
"nothing sent", or the connection is dropped unused), or the sale ends PAID; the journal
agrees with the gateway.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path

import httpcore
import httpx

from pos_app.engine import EngineEvent, Journal, PaymentEngine, TxState
from pos_app.training.server import TrainingGateway

from .conftest import (
    assert_never_arrived_only_if_so,
    fast_config,
    make_client,
    pay_or_refused,
)


class SlowFirstConnect(httpcore.NetworkBackend):
    """httpcore's own backend whose first connect takes 1.2 s (a slow SYN-ACK or TLS)."""

    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self.inner = inner
        self.slowed = False

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        if not self.slowed:
            self.slowed = True
            # As a real socket does: the connect ends at its timeout if it is not up by then.
            time.sleep(1.2 if timeout is None else min(1.2, timeout))
            if timeout is not None and timeout < 1.2:
                raise httpcore.ConnectTimeout("timed out")
        return self.inner.connect_tcp(host, port, timeout, local_address, socket_options)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        return self.inner.connect_unix_socket(path, timeout, socket_options)

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)


def test_a_payment_on_the_pool_way_never_leaves_after_its_bound(
    gateway: TrainingGateway, tmp_path: Path
) -> None:
    transport = httpx.HTTPTransport()
    pool = transport._pool
    assert isinstance(pool, httpcore.ConnectionPool)
    backend = SlowFirstConnect(pool._network_backend)
    pool._network_backend = backend
    held: list[float] = []

    def listener(event: EngineEvent) -> None:
        if event.kind == "state" and event.state is TxState.SENT and not held:
            held.append(time.monotonic())
            time.sleep(2.6)  # a stdout nobody reads: after the commit, before the send
            gateway.faults.add("latency", endpoint="/trade/v1/payment", delay=0.8)

    with (
        Journal(tmp_path / "journal.sqlite3") as journal,
        make_client(
            gateway, timeout=httpx.Timeout(1.0, connect=2.0), transport=transport
        ) as client,
    ):
        assert client.deadline == 3.0 and not client._exchange.direct  # the pool way
        engine = PaymentEngine(
            client,
            journal,
            till_id="till-7",
            cashier="amy",
            config=fast_config(index_lag=0.3, cancel_give_up=4.0),
            on_event=listener,
        )
        number = pay_or_refused(engine)
        assert backend.slowed
        time.sleep(max(0.0, held[0] + 6.5 - time.monotonic()))  # booked by now, if sent
        # Was: the gateway booked it (0000), the journal said REVERSED "never arrived".
        assert_never_arrived_only_if_so(gateway, journal, number)
