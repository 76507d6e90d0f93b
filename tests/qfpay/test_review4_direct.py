"""Review of the direct way (review4): the wire's edge cases against the client's guarantees.

A request that may have left is never "not sent"; no request leaves twice; every failure in
the answer's body is an httpx error the client turns into an unknown outcome; the
environment never redirects the till.  Real sockets on 127.0.0.1 (``raw_server``).
"""

from __future__ import annotations

import contextlib
import os
import socket
import ssl
import struct
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from httpcore._backends.sync import SyncStream

from pos_app.credentials import training_credentials
from pos_app.qfpay import transport as transport_module
from pos_app.qfpay.client import QFPayClient
from pos_app.qfpay.deadline_io import DeadlineStream, deadline_transport
from pos_app.qfpay.environments import resolve_environment
from pos_app.qfpay.errors import OutcomeUnknownError, SignatureError, TransportError
from pos_app.qfpay.ratelimit import RateLimiter
from pos_app.qfpay.transport import BoundedExchange, CallBudget, DeadlineExceeded, RawAnswer

from .raw_server import BODY, Peer, RawServer, answer, forwarder, quick, tls_files

PAID_CODE = "134567890123450000"


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ssl.SSLContext]:
    return tls_files(tmp_path_factory.mktemp("tls"))


def _client(base_url: str, **options: object) -> QFPayClient:
    settings: dict[str, object] = {"rate_limiter": RateLimiter(1000, 1000), "timeout": 5.0}
    settings.update(options)
    env = resolve_environment("training", "hk", base_url)
    return QFPayClient(training_credentials(), env, **settings)  # type: ignore[arg-type]


def _pay(client: QFPayClient) -> None:
    client.pay(
        out_trade_no=f"REVIEW{time.time_ns()}",
        txamt=100,
        txcurrcd="HKD",
        pay_type="800008",
        auth_code=PAID_CODE,
    )


def _exchange(base_url: str) -> BoundedExchange:
    transport, installed = deadline_transport(verify=True, proxy=None)
    assert installed
    http = httpx.Client(base_url=base_url, transport=transport, timeout=10.0, trust_env=False)
    return BoundedExchange(http, direct=transport)


def _post(exchange: BoundedExchange) -> RawAnswer:
    request = exchange._http.build_request("POST", "/trade", content=b"a=1&b=2")
    return exchange.run(request, deadline_at=time.monotonic() + 5.0, max_bytes=1 << 20)


def _payments(server: RawServer) -> list[bytes]:
    return [h for h in server.heads if h.startswith(b"POST /trade/v1/payment")]


# -- a kept-alive connection the server drops --------------------------------------------------


def test_a_payment_on_a_kept_alive_connection_the_server_drops_is_unknown_and_sent_once() -> None:
    """First request answered (kept alive); the second is read whole and the connection is
    dropped without an answer.  httpcore must not retry it on a new connection (a second
    payment), and the client must not call it "not sent"."""

    def answer_then_drop(server: RawServer, peer: Peer, head: bytes, body: bytes) -> bool:
        if len(server.heads) == 1:
            peer.send(answer())
            return True
        return False  # read, then closed: no answer

    with RawServer(answer_then_drop) as server, _client(server.url, max_retries=3) as client:
        _second_payment_is_unknown_and_sent_once(server, client)
        assert server.connections == 1


def _second_payment_is_unknown_and_sent_once(server: RawServer, client: QFPayClient) -> None:
    """The first payment is answered (unsigned); the second gets no answer: its outcome is
    unknown (it was sent), and it reached the server once (no silent re-send)."""
    with pytest.raises(SignatureError):  # the first answer is unsigned
        _pay(client)
    with pytest.raises(TransportError) as info:
        _pay(client)
    assert info.value.request_sent is True
    time.sleep(0.2)
    assert len(_payments(server)) == 2


def _rst_close(sock: socket.socket) -> None:
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def test_a_payment_the_server_resets_after_reading_is_unknown_and_sent_once() -> None:
    def reset_on_second(server: RawServer, peer: Peer, head: bytes, body: bytes) -> bool:
        if len(server.heads) == 1:
            peer.send(answer())
            return True
        _rst_close(peer.sock)
        return False

    with RawServer(reset_on_second) as server, _client(server.url) as client:
        _second_payment_is_unknown_and_sent_once(server, client)


def test_an_idle_connection_the_server_closed_is_not_reused() -> None:
    """The server closes (FIN, then RST) a kept-alive connection while it is idle: the next
    request goes on a new connection and is answered; it reaches the server once."""
    closed = threading.Event()

    def answer_then_close(server: RawServer, peer: Peer, head: bytes, body: bytes) -> bool:
        peer.send(answer())
        if len(server.heads) == 1:
            closed.set()
            return False  # closes while the client keeps the connection in its pool
        return True

    for closer in ("fin", "rst"):
        closed.clear()

        def handler(
            server: RawServer, peer: Peer, head: bytes, body: bytes, closer: str = closer
        ) -> bool:
            keep = answer_then_close(server, peer, head, body)
            if not keep and closer == "rst":
                _rst_close(peer.sock)
            return keep

        with RawServer(handler) as server:
            exchange = _exchange(server.url)
            assert _post(exchange).content == BODY
            assert closed.wait(5)
            time.sleep(0.1)
            assert _post(exchange).content == BODY
            assert len(server.heads) == 2
            assert server.connections == 2


# -- answers of every shape --------------------------------------------------------------------


def _scripted(reply: bytes, *, close: bool = False) -> RawServer:
    def handler(server: RawServer, peer: Peer, head: bytes, body: bytes) -> bool:
        peer.send(reply)
        return not close

    return RawServer(handler)


@pytest.mark.parametrize(
    ("reply", "close"),
    [
        (b"HTTP/1.1 100 Continue\r\n\r\n" + answer(), False),
        (
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
            b"5\r\n"
            + BODY[:5]
            + b"\r\n"
            + b"%x\r\n" % (len(BODY) - 5)
            + BODY[5:]
            + b"\r\n0\r\n\r\n",
            False,
        ),
        (b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + BODY, True),
        (b"HTTP/1.0 200 OK\r\n\r\n" + BODY, True),
        (answer(extra=b"Connection: close\r\n"), True),
    ],
    ids=["100-continue", "chunked", "close-delimited", "http10", "connection-close"],
)
def test_answers_of_every_shape_arrive_whole(reply: bytes, close: bool) -> None:
    with _scripted(reply, close=close) as server:
        exchange = _exchange(server.url)
        for _ in range(2):  # and a second request after it (same or a new connection)
            got = _post(exchange)
            assert (got.status_code, got.content) == (200, BODY)
        assert server.connections == (2 if close else 1)


@pytest.mark.parametrize(
    ("reply", "close"),
    [
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n", False),
        (b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + BODY, True),
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n" + BODY[:5], True),
        (b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 5\r\n\r\nnope!", False),
        (b"hello there\r\n\r\n", True),
        (b"", True),
        (b"HTTP/1.1 100 Continue\r\n\r\n", True),
        (b"HTTP/1.1 200 OK\r\nContent-Length: 18\r\nContent-Length: 19\r\n\r\n" + BODY, True),
    ],
    ids=[
        "bad-chunk",
        "short-body",
        "cut-chunk",
        "bad-gzip",
        "not-http",
        "nothing",
        "only-100",
        "two-lengths",
    ],
)
def test_a_broken_answer_to_a_payment_is_unknown_and_sent(reply: bytes, close: bool) -> None:
    """Whatever breaks in the head or the body (raised from httpcore, h11 or the decoder,
    in ``send_direct`` or in ``CoreAnswer.iter_bytes``): an unknown outcome, request sent,
    never a bare exception, never re-sent."""
    with _scripted(reply, close=close) as server, _client(server.url, max_retries=3) as client:
        assert client._exchange.direct
        with pytest.raises(OutcomeUnknownError) as info:
            _pay(client)
        assert getattr(info.value, "request_sent", True) is True
        assert len(_payments(server)) == 1


def test_a_refused_connect_is_certainly_not_sent() -> None:
    with RawServer(quick) as server:
        url = server.url
    with _client(url, max_retries=0) as client, pytest.raises(TransportError) as info:
        _pay(client)
    assert info.value.request_sent is False


# -- the environment never redirects the till -------------------------------------------------


def _env(**values: str) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def test_proxy_variables_in_the_environment_are_ignored() -> None:
    with RawServer(quick) as target, RawServer(forwarder(target.port)) as proxy:
        url = proxy.url
        gen = _env(HTTP_PROXY=url, http_proxy=url, ALL_PROXY=url, all_proxy=url, NO_PROXY="")
        next(gen)
        try:
            exchange = _exchange(target.url)
            assert _post(exchange).content == BODY
            with _client(target.url) as client, pytest.raises(SignatureError):
                _pay(client)  # unsigned: refused, but it went straight to the target
        finally:
            next(gen, None)
        assert proxy.heads == []
        assert len(target.heads) == 2


def test_ssl_cert_file_in_the_environment_does_not_make_a_gateway_trusted(
    tls: tuple[Path, ssl.SSLContext],
) -> None:
    """A server whose CA only ``SSL_CERT_FILE`` names: verification fails (not sent)."""
    ca, context = tls
    with RawServer(quick, tls=context) as server:
        gen = _env(SSL_CERT_FILE=str(ca), SSL_CERT_DIR=str(ca.parent))
        next(gen)
        try:
            with _client(server.url, max_retries=0) as client:
                with pytest.raises(TransportError) as info:
                    _pay(client)
                assert info.value.request_sent is False
                assert (
                    "CERTIFICATE_VERIFY_FAILED" in str(info.value)
                    or "certificate" in str(info.value).lower()
                )
        finally:
            next(gen, None)
        assert server.heads == []
        # ... and an explicit ca_bundle is what trusts it.
        with (
            _client(server.url, ca_bundle=str(ca), max_retries=0) as client,
            pytest.raises(SignatureError),
        ):
            _pay(client)
        assert len(server.heads) == 1


def test_a_deadline_running_out_at_an_unsliced_write_is_a_deadline_not_a_value_error() -> None:
    """A stream whose socket carries an outer TLS layer (an HTTPS proxy) is written in one
    call bounded by the time left.  When the deadline passes between the check and that
    write, the time left is negative and ``socket.settimeout`` raised a bare ValueError,
    which no caller maps (the payment would end in a crash, not an unknown).  Deadlines a
    few microseconds away hit that moment often; each write must end as sent or as
    ``DeadlineExceeded``."""
    left, right = socket.socketpair()
    right.setblocking(False)
    inner = SyncStream(left)
    outcomes: set[str] = set()
    try:
        for n in range(5000):
            stream = DeadlineStream(inner, None)
            transport_module._calls.budget = CallBudget(time.monotonic() + (n % 40) * 1e-6, None)
            try:
                stream.write(b"x", 5.0)
                outcomes.add("sent")
            except DeadlineExceeded:
                outcomes.add("deadline")
            finally:
                transport_module._calls.budget = None
            with contextlib.suppress(BlockingIOError):
                right.recv(65536)
    finally:
        left.close()
        right.close()
    assert outcomes <= {"sent", "deadline"}
