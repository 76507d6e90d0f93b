"""The bounded exchange against a real slow server on 127.0.0.1: a request the caller gave up
on while it was still queued is never sent, and the caller can say so for certain."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from pos_app.qfpay.transport import Abandoned, BoundedExchange, DeadlineExceeded, RawAnswer

from .slow_server import occupy, one_thread_exchange, run_get, seen_paths


@pytest.fixture
def exchange() -> Iterator[BoundedExchange]:
    with one_thread_exchange() as one:
        yield one


def _get(
    exchange: BoundedExchange, path: str, deadline: float, cancel: threading.Event | None = None
) -> RawAnswer:
    return run_get(exchange, path, time.monotonic() + deadline, cancel)


def test_an_answer_within_the_deadline_is_returned(exchange: BoundedExchange) -> None:
    assert _get(exchange, "/fast", 5.0).content == b'{"respcd": "0000"}'


def test_a_deadline_passed_while_queued_means_never_sent(exchange: BoundedExchange) -> None:
    busy = occupy(exchange, 1.0)
    with pytest.raises(DeadlineExceeded) as info:
        _get(exchange, "/queued", 0.2)
    assert info.value.sent is False
    busy.join()
    time.sleep(0.2)  # the pool thread is free now: it must not send the abandoned request
    assert seen_paths() == ["/busy?wait=1.0"]


def test_a_cancel_while_queued_means_never_sent(exchange: BoundedExchange) -> None:
    busy = occupy(exchange, 1.0)
    cancel = threading.Event()
    threading.Timer(0.1, cancel.set).start()
    with pytest.raises(Abandoned) as info:
        _get(exchange, "/queued", 5.0, cancel)
    assert info.value.sent is False
    busy.join()
    time.sleep(0.2)
    assert seen_paths() == ["/busy?wait=1.0"]


def test_a_deadline_passed_while_the_request_is_out_may_have_been_sent(
    exchange: BoundedExchange,
) -> None:
    with pytest.raises(DeadlineExceeded) as info:
        _get(exchange, "/slow?wait=0.6", 0.2)
    assert info.value.sent is True  # it reached the server: the outcome is unknown
    assert seen_paths() == ["/slow?wait=0.6"]


def test_a_deadline_already_passed_sends_nothing(exchange: BoundedExchange) -> None:
    with pytest.raises(DeadlineExceeded) as info:
        _get(exchange, "/late", -1.0)
    assert info.value.sent is False
    time.sleep(0.1)
    assert seen_paths() == []
