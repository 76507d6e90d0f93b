"""The bounded exchange against a real slow server on 127.0.0.1: a request the caller gave up
on while it was still queued is never sent, and the caller can say so for certain."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import httpx
import pytest

from pos_app.qfpay.transport import Abandoned, BoundedExchange, DeadlineExceeded, RawAnswer


class _Slow(BaseHTTPRequestHandler):
    """Answers after ``?wait=`` seconds and counts the requests that reached it."""

    seen: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).seen.append(self.path)
        if "wait=" in self.path:
            time.sleep(float(self.path.split("wait=", 1)[1]))
        body = b'{"respcd": "0000"}'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        del format, args


@pytest.fixture
def server() -> Iterator[str]:
    _Slow.seen = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Slow)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def exchange(server: str) -> Iterator[BoundedExchange]:
    with httpx.Client(base_url=server, timeout=10.0) as http:
        one = BoundedExchange(http, max_workers=1)  # one pool thread: the second call queues
        yield one
        one.close()


def _get(
    exchange: BoundedExchange, path: str, deadline: float, cancel: threading.Event | None = None
) -> RawAnswer:
    request = exchange._http.build_request("GET", path)
    return exchange.run(
        request, deadline_at=time.monotonic() + deadline, max_bytes=1 << 20, cancel=cancel
    )


def test_an_answer_within_the_deadline_is_returned(exchange: BoundedExchange) -> None:
    assert _get(exchange, "/fast", 5.0).content == b'{"respcd": "0000"}'


def test_a_deadline_passed_while_queued_means_never_sent(exchange: BoundedExchange) -> None:
    busy = threading.Thread(target=_get, args=(exchange, "/busy?wait=1.0", 5.0))
    busy.start()
    while _Slow.seen != ["/busy?wait=1.0"]:
        time.sleep(0.01)
    with pytest.raises(DeadlineExceeded) as info:
        _get(exchange, "/queued", 0.2)
    assert info.value.sent is False
    busy.join()
    time.sleep(0.2)  # the pool thread is free now: it must not send the abandoned request
    assert _Slow.seen == ["/busy?wait=1.0"]


def test_a_cancel_while_queued_means_never_sent(exchange: BoundedExchange) -> None:
    busy = threading.Thread(target=_get, args=(exchange, "/busy?wait=1.0", 5.0))
    busy.start()
    while _Slow.seen != ["/busy?wait=1.0"]:
        time.sleep(0.01)
    cancel = threading.Event()
    threading.Timer(0.1, cancel.set).start()
    with pytest.raises(Abandoned) as info:
        _get(exchange, "/queued", 5.0, cancel)
    assert info.value.sent is False
    busy.join()
    time.sleep(0.2)
    assert _Slow.seen == ["/busy?wait=1.0"]


def test_a_deadline_passed_while_the_request_is_out_may_have_been_sent(
    exchange: BoundedExchange,
) -> None:
    with pytest.raises(DeadlineExceeded) as info:
        _get(exchange, "/slow?wait=0.6", 0.2)
    assert info.value.sent is True  # it reached the server: the outcome is unknown
    assert _Slow.seen == ["/slow?wait=0.6"]


def test_a_deadline_already_passed_sends_nothing(exchange: BoundedExchange) -> None:
    with pytest.raises(DeadlineExceeded) as info:
        _get(exchange, "/late", -1.0)
    assert info.value.sent is False
    time.sleep(0.1)
    assert _Slow.seen == []
