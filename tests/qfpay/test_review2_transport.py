"""Review 2: a safe call (an enquiry) retried after an attempt that reached the gateway is
never reported as "not sent", whatever stops the retry.

``request_sent=False`` is the one certain non-event the engine acts on at once (a payment or
refund row made final without a query), so it must mean that *no* attempt of the call can
have reached QFPay.  A retry that is held back by the budget, finds the gateway gone, or
starts after the deadline says nothing about the attempt before it, which did reach it.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from pos_app.credentials import training_credentials
from pos_app.engine.evidence import Kind, classify
from pos_app.qfpay.client import QFPayClient
from pos_app.qfpay.environments import resolve_environment
from pos_app.qfpay.errors import TransportError
from pos_app.qfpay.ratelimit import RateLimiter
from pos_app.training import TrainingGateway

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
