"""The direct way: the client's own requests run on the caller's thread, over the
deadline-aware network backend, with every guarantee of the pool way (a total deadline, the
size cap, a prompt cancel, a certain "not sent").  Real sockets on 127.0.0.1, plain and TLS.

Elapsed-time bounds below are correctness bounds (the server would hold the call ten times
longer), not speed targets.
"""

from __future__ import annotations

import gzip
import logging
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpcore
import httpx
import pytest

from pos_app.credentials import training_credentials
from pos_app.qfpay.client import QFPayClient
from pos_app.qfpay.deadline_io import CoreAnswer, DeadlineBackend, deadline_transport, send_direct
from pos_app.qfpay.environments import resolve_environment
from pos_app.qfpay.errors import TransportError
from pos_app.qfpay.ratelimit import RateLimiter
from pos_app.qfpay.transport import (
    Abandoned,
    AnswerTooLarge,
    BoundedExchange,
    DeadlineExceeded,
    RawAnswer,
)
from pos_app.training import TrainingGateway

from .raw_server import (
    BODY,
    Peer,
    RawServer,
    answer,
    dribbler,
    flood,
    forwarder,
    quick,
    stall_after_headers,
    tls_files,
)

PAID_CODE = "134567890123450000"


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ssl.SSLContext]:
    return tls_files(tmp_path_factory.mktemp("tls"))


def _exchange(base_url: str, verify: ssl.SSLContext | bool = True) -> BoundedExchange:
    transport, installed = deadline_transport(verify=verify, proxy=None)
    assert installed
    http = httpx.Client(base_url=base_url, transport=transport, timeout=10.0, trust_env=False)
    return BoundedExchange(http, direct=transport)


def _get(
    exchange: BoundedExchange, seconds: float, cancel: threading.Event | None = None
) -> RawAnswer:
    request = exchange._http.build_request("GET", "/trade")
    deadline_at = time.monotonic() + seconds
    return exchange.run(request, deadline_at=deadline_at, max_bytes=1 << 20, cancel=cancel)


def _client(base_url: str, **options: object) -> QFPayClient:
    settings: dict[str, object] = {"rate_limiter": RateLimiter(1000, 1000), "timeout": 5.0}
    settings.update(options)
    env = resolve_environment("training", "hk", base_url)
    return QFPayClient(training_credentials(), env, **settings)  # type: ignore[arg-type]


def _pay(client: QFPayClient, number: int) -> str:
    result = client.pay(
        out_trade_no=f"DIRECT{time.time_ns()}{number}",
        txamt=100,
        txcurrcd="HKD",
        pay_type="800008",
        auth_code=PAID_CODE,
    )
    return result.respcd


@pytest.fixture
def gateway() -> Iterator[TrainingGateway]:
    with TrainingGateway(port=0) as gw:
        yield gw


# -- the fast path is really taken -----------------------------------------------------------


def test_httpx_still_lets_the_deadline_backend_in() -> None:
    """Fails if an httpx/httpcore upgrade moves the pool's network backend: the client would
    then quietly fall back to the pool thread (correct, but the hand-off is back)."""
    for proxy in (None, "http://127.0.0.1:9"):
        transport, installed = deadline_transport(verify=True, proxy=proxy)
        assert installed
        backend = transport._pool._network_backend
        assert isinstance(backend, DeadlineBackend)
        assert isinstance(backend._inner, httpcore.SyncBackend)


def test_a_default_client_pays_on_the_callers_thread(gateway: TrainingGateway) -> None:
    with _client(gateway.base_url) as client:
        assert client._exchange.direct
        assert [_pay(client, n) for n in range(3)] == ["0000"] * 3
        # The pool way would have started a pool thread for each request.
        assert not client._exchange._pool._threads


def test_a_client_given_its_own_transport_keeps_the_pool_way(gateway: TrainingGateway) -> None:
    """A foreign transport cannot be bounded from inside: its I/O stays on a pool thread."""
    with _client(gateway.base_url, transport=httpx.HTTPTransport()) as client:
        assert not client._exchange.direct
        assert _pay(client, 0) == "0000"


def test_a_client_send_would_add_to_keeps_the_pool_way() -> None:
    """The direct way skips ``Client.send``; a client with auth, hooks or redirects to
    follow needs it, so such a client never takes the direct way."""
    for options in (
        {"auth": ("user", "secret")},
        {"follow_redirects": True},
        {"event_hooks": {"request": [print]}},
    ):
        transport, _ = deadline_transport(verify=True, proxy=None)
        http = httpx.Client(transport=transport, **options)
        assert not BoundedExchange(http, direct=transport).direct
        http.close()


def test_one_connection_serves_many_requests() -> None:
    with RawServer(quick) as server:
        exchange = _exchange(server.url)
        answers = [_get(exchange, 5.0).content for _ in range(20)]
        assert answers == [BODY] * 20
        assert server.connections == 1


def test_a_configured_proxy_still_carries_the_requests(gateway: TrainingGateway) -> None:
    port = int(gateway.base_url.rsplit(":", 1)[1])
    with RawServer(forwarder(port)) as proxy, _client(gateway.base_url, proxy=proxy.url) as client:
        assert client._exchange.direct
        assert _pay(client, 0) == "0000"
        assert proxy.heads[0].startswith(b"POST http://127.0.0.1:%d/trade/v1/payment " % port)


def test_the_direct_way_keeps_what_httpx_send_does(caplog: pytest.LogCaptureFixture) -> None:
    """``Client.send`` is skipped on the direct way; what it did for this client stays:
    a cookie the server sets goes back, httpx's request line reaches the log, and the
    answer knows its request."""

    def cookie_once(server: RawServer, peer: Peer, head: bytes, body: bytes) -> bool:
        extra = b"Set-Cookie: lb=node7; Path=/\r\n" if len(server.heads) == 1 else b""
        peer.send(answer(extra=extra))
        return True

    with RawServer(cookie_once) as server, caplog.at_level(logging.INFO, logger="httpx"):
        exchange = _exchange(server.url)
        request = exchange._http.build_request("GET", "/trade")
        exchange.run(request, deadline_at=time.monotonic() + 5.0, max_bytes=1 << 20)
        _get(exchange, 5.0)
        assert b"\r\ncookie: lb=node7" in server.heads[1].lower()
        lines = [r.getMessage() for r in caplog.records if r.name == "httpx"]
        assert lines[0] == f'HTTP Request: GET {server.url}/trade "HTTP/1.1 200 OK"'


def test_a_transport_error_on_the_direct_way_names_its_request() -> None:
    with RawServer(quick) as server:
        exchange = _exchange(server.url)
    with pytest.raises(httpx.ConnectError) as info:  # the server is gone: refused
        _get(exchange, 5.0)
    assert info.value.request.url == f"{server.url}/trade"


# -- the limits, kept on the caller's thread --------------------------------------------------


def test_a_dribbled_answer_ends_at_the_deadline() -> None:
    """Every byte comes well within any read timeout, so only the total deadline stops it,
    and it must do so inside httpcore's reads (the head is what is dribbled)."""
    with RawServer(dribbler(pieces=60, gap=0.1)) as server:
        exchange = _exchange(server.url)
        started = time.monotonic()
        with pytest.raises(DeadlineExceeded) as info:
            _get(exchange, 0.5)
        assert time.monotonic() - started < 3.0  # its head alone takes five seconds
        assert info.value.sent is True


def test_a_dribbled_answer_within_the_deadline_arrives_whole() -> None:
    with RawServer(dribbler(pieces=8, gap=0.07)) as server:
        exchange = _exchange(server.url)
        answer = _get(exchange, 10.0, threading.Event())  # short wait slices: many timeouts
        assert answer.content.startswith(b'{"respcd": "0000", "pad": "xxx')


def test_a_cancel_mid_answer_ends_the_wait() -> None:
    with RawServer(stall_after_headers) as server:
        exchange = _exchange(server.url)
        cancel = threading.Event()
        threading.Timer(0.3, cancel.set).start()
        started = time.monotonic()
        with pytest.raises(Abandoned) as info:
            _get(exchange, 20.0, cancel)
        assert time.monotonic() - started < 3.0  # the server would stall for 30 s
        assert info.value.sent is True


def test_a_huge_answer_is_capped() -> None:
    with RawServer(flood) as server:
        exchange = _exchange(server.url)
        with pytest.raises(AnswerTooLarge):
            _get(exchange, 20.0)


def test_a_deadline_already_passed_sends_nothing() -> None:
    with RawServer(quick) as server:
        exchange = _exchange(server.url)
        with pytest.raises(DeadlineExceeded) as info:
            _get(exchange, -1.0)
        assert info.value.sent is False
        time.sleep(0.1)
        assert server.heads == []


def test_a_closed_exchange_sends_nothing() -> None:
    with RawServer(quick) as server:
        exchange = _exchange(server.url)
        exchange.close()
        with pytest.raises(Abandoned) as info:
            _get(exchange, 5.0)
        assert info.value.sent is False
        assert server.connections == 0


# -- giving up while connecting: certainly not sent -----------------------------------------


def test_a_deadline_during_a_tcp_connect_is_not_sent() -> None:
    """The listener's backlog is full, so the connect hangs; the caller gives up at its
    deadline, and the connection the helper thread gets later carries not one byte."""
    with RawServer(quick, backlog=0, accepting=False) as server:
        filler = socket.create_connection(("127.0.0.1", server.port))
        with _client(server.url, deadline=0.4) as client, pytest.raises(TransportError) as info:
            _pay(client, 0)
        assert info.value.request_sent is False
        server.listener.settimeout(5.0)
        filler_side, _ = server.listener.accept()  # make room: the helper's connect lands
        late, _ = server.listener.accept()
        late.settimeout(5.0)
        assert late.recv(1024) == b""  # closed by the helper, never written to
        for sock in (filler, filler_side, late):
            sock.close()


def test_a_cancel_during_a_tls_handshake_is_not_sent(tls: tuple[Path, ssl.SSLContext]) -> None:
    """The server holds its side of the handshake for 3 s; the cancel ends the wait long
    before, and the connection the helper finishes later is closed unused."""
    ca_path, context = tls
    with RawServer(quick, tls=context, handshake_delay=3.0) as server:
        client = _client(server.url, ca_bundle=str(ca_path))
        cancel = threading.Event()
        threading.Timer(0.2, cancel.set).start()
        started = time.monotonic()
        with client, pytest.raises(TransportError) as info:
            client.pay(
                out_trade_no="DIRECTTLS0001",
                txamt=100,
                txcurrcd="HKD",
                pay_type="800008",
                auth_code=PAID_CODE,
                cancel=cancel,
            )
        assert time.monotonic() - started < 2.0
        assert info.value.request_sent is False
        server.wait_finished(1)  # the handshake completes, on a connection the helper closes
        assert server.heads == []


# -- TLS --------------------------------------------------------------------------------------


def test_tls_answers_cut_mid_record_are_read_whole(tls: tuple[Path, ssl.SSLContext]) -> None:
    """Each TLS record reaches the client in pieces, 70 ms apart, while the client's reads
    time out every 50 ms (a cancel flag is set up): a read resumed mid-record loses nothing."""
    ca_path, context = tls
    with RawServer(dribbler(pieces=8, gap=0.07), tls=context) as server:
        exchange = _exchange(server.url, ssl.create_default_context(cafile=ca_path))
        for _ in range(2):
            answer = _get(exchange, 10.0, threading.Event())
            assert answer.content.startswith(b'{"respcd": "0000", "pad": "xxx')
        assert server.connections == 1


def test_tls_verification_stays_on(tls: tuple[Path, ssl.SSLContext]) -> None:
    """Without the test CA the server's certificate is refused: nothing is sent."""
    _ca_path, context = tls
    with RawServer(quick, tls=context) as server:
        with _client(server.url) as client, pytest.raises(TransportError) as info:
            _pay(client, 0)
        assert info.value.request_sent is False
        assert server.heads == []


def test_a_dribbled_tls_answer_ends_at_the_deadline(tls: tuple[Path, ssl.SSLContext]) -> None:
    ca_path, context = tls
    with RawServer(dribbler(pieces=60, gap=0.1), tls=context) as server:
        exchange = _exchange(server.url, ssl.create_default_context(cafile=ca_path))
        started = time.monotonic()
        with pytest.raises(DeadlineExceeded) as info:
            _get(exchange, 0.8, threading.Event())
        assert time.monotonic() - started < 3.0
        assert info.value.sent is True


def test_a_plain_answer_skips_httpx_models_and_a_gzipped_one_is_decoded() -> None:
    """The direct way reads an answer without a content coding straight from httpcore; one
    with a coding (the client accepts gzip, as httpx does) is decoded exactly as before."""
    packed = gzip.compress(BODY)

    def gzip_second(server: RawServer, peer: Peer, head: bytes, body: bytes) -> bool:
        if len(server.heads) == 1:
            peer.send(answer())
        else:
            peer.send(answer(packed, extra=b"Content-Encoding: gzip\r\n"))
        return True

    with RawServer(gzip_second) as server:
        exchange = _exchange(server.url)
        request = exchange._http.build_request("GET", "/trade")
        plain = send_direct(exchange._transport, request)  # type: ignore[arg-type]
        assert isinstance(plain, CoreAnswer) and b"".join(plain.iter_bytes()) == BODY
        plain.close()
        assert _get(exchange, 5.0).content == BODY  # decoded
        assert len(packed) != len(BODY)
