"""Review 2: a safe call (an enquiry) retried after an attempt that reached the gateway is
never reported as "not sent", whatever stops the retry.

``request_sent=False`` is the one certain non-event the engine acts on at once (a payment or
refund row made final without a query), so it must mean that *no* attempt of the call can
have reached QFPay.  A retry that is held back by the budget, finds the gateway gone, or
starts after the deadline says nothing about the attempt before it, which did reach it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from pos_app.credentials import training_credentials
from pos_app.engine.evidence import Kind, classify
from pos_app.qfpay.client import QFPayClient
from pos_app.qfpay.environments import resolve_environment
from pos_app.qfpay.errors import TransportError
from pos_app.qfpay.ratelimit import RateLimiter
from pos_app.qfpay.transport import (
    Abandoned,
    BoundedExchange,
    DeadlineExceeded,
)
from pos_app.training import TrainingGateway

from .slow_server import SlowHandler, occupy, one_thread_exchange, run_get, seen_paths

QUERY = "/trade/v1/query"


@pytest.fixture
def gateway() -> Iterator[TrainingGateway]:
    with TrainingGateway(port=0) as gw:
        yield gw


def _client(gw: TrainingGateway, **options: object) -> QFPayClient:
    settings: dict[str, object] = {
        "rate_limiter": RateLimiter(1000, 1000),
        "timeout": 2.0,
        "backoff_base": 0.01,
        "backoff_cap": 0.02,
    }
    settings.update(options)
    return QFPayClient(
        training_credentials(),
        resolve_environment("training", "hk", gw.base_url),
        **settings,  # type: ignore[arg-type]
    )


def _query_error(client: QFPayClient) -> TransportError:
    with client, pytest.raises(TransportError) as info:
        client.query(out_trade_no="REVIEW2ORDER0001")
    return info.value


def test_a_retry_held_back_by_the_budget_still_says_the_first_attempt_was_sent(
    gateway: TrainingGateway,
) -> None:
    """The minute's only slot went to the first attempt (HTTP 503); the retry has none."""
    fault = gateway.faults.add("http_error", endpoint=QUERY, times=1)
    error = _query_error(_client(gateway, rate_limiter=RateLimiter(100, 1)))
    assert fault.remaining == 0  # the first attempt reached the gateway
    assert error.request_sent is True
    assert classify(error).kind is Kind.UNKNOWN


def test_a_retry_that_cannot_connect_still_says_the_first_attempt_was_sent(
    gateway: TrainingGateway,
) -> None:
    """The first attempt is answered HTTP 503, then the gateway goes away before the retry."""
    fault = gateway.faults.add("http_error", endpoint=QUERY, times=1)
    error = _query_error(_client(gateway, sleep=lambda _s: gateway.stop()))
    assert fault.remaining == 0
    assert error.request_sent is True
    assert classify(error).kind is Kind.UNKNOWN


def test_a_retry_that_starts_after_the_deadline_still_says_the_first_attempt_was_sent(
    gateway: TrainingGateway,
) -> None:
    """The back-off sleep overran the call's deadline (a loaded machine): the retry is never
    sent, but the attempt before it was."""
    fault = gateway.faults.add("http_error", endpoint=QUERY, times=1)
    error = _query_error(_client(gateway, deadline=0.5, sleep=lambda _s: time.sleep(0.6)))
    assert fault.remaining == 0
    assert error.request_sent is True
    assert classify(error).kind is Kind.UNKNOWN


# -- the bounded exchange: a pool thread that comes too late, a pool that is shut down ------


class _Descheduled:
    """A cancel flag that is never set, read by a caller thread the OS keeps off the CPU for
    ``pause`` seconds (a loaded two-core till): the deadline passes while it is away."""

    def __init__(self, pause: float) -> None:
        self.pause = pause

    def wait(self, timeout: float, /) -> bool:
        del timeout
        time.sleep(self.pause)
        return False


@pytest.fixture
def exchange() -> Iterator[BoundedExchange]:
    with one_thread_exchange() as one:
        yield one


def test_a_pool_thread_free_only_after_the_deadline_never_sends_the_request(
    exchange: BoundedExchange,
) -> None:
    """The pool thread frees up after the call's deadline, before its caller (off the CPU)
    notices the deadline.  Sent then, the payment would race the enquiry and reversal the
    engine starts for an unknown outcome; it must stay unsent, and be reported so."""
    busy = occupy(exchange, 0.3)
    deadline_at = time.monotonic() + 0.1
    with pytest.raises(DeadlineExceeded) as info:
        run_get(exchange, "/queued", deadline_at, _Descheduled(0.6))
    busy.join()
    time.sleep(0.2)
    late = [(p, round(at - deadline_at, 3)) for p, at in SlowHandler.seen if p == "/queued"]
    assert late == []  # never sent after its deadline
    assert info.value.sent is False


def test_a_call_queued_when_the_client_is_closed_is_reported_not_sent(
    exchange: BoundedExchange,
) -> None:
    """``close`` drops calls still queued for a pool thread (they never run): the caller gets
    the certain "not sent" rather than a bare ``CancelledError`` crashing the sale."""
    busy = occupy(exchange, 0.5)
    threading.Timer(0.1, exchange.close).start()
    with pytest.raises(Abandoned) as info:
        run_get(exchange, "/queued", time.monotonic() + 5.0)
    assert info.value.sent is False
    busy.join()
    time.sleep(0.2)
    assert seen_paths() == ["/busy?wait=0.5"]
    with pytest.raises(Abandoned) as after:  # and a call after close is not sent either
        run_get(exchange, "/closed", time.monotonic() + 5.0)
    assert after.value.sent is False
