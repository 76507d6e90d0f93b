"""A network backend for httpcore that keeps the call's deadline and cancel flag in every wait.

Sync httpcore does all of a request's I/O on the thread that sends it.  So when
:class:`~pos_app.qfpay.transport.BoundedExchange` runs a request on the caller's own thread
(its *direct* way, which saves two thread wake-ups per request), the sockets themselves must
honour the call's limits: each read and write here waits at most a slice (the time left to
the deadline, and :data:`~pos_app.qfpay.transport._CANCEL_CHECK` when the call can be
cancelled), then looks at the deadline and the cancel flag before waiting again.  A
dribbled answer therefore ends at the deadline, and a cancel ends the wait promptly.

A socket wait that timed out can simply be repeated: a plain ``recv``/``send`` that timed out
moved nothing, and an ``SSLSocket`` keeps a partial TLS record (and a write to be retried
with the same bytes) inside OpenSSL, which is the non-blocking pattern the ``ssl`` module
uses underneath any timeout.

The connect phase (DNS, TCP connect, TLS handshake) has waits no socket timeout bounds (a
resolver that hangs) and happens once per kept-alive connection, so it runs on a helper
thread while the caller waits with the same checks.  A caller that gives up while connecting
has sent nothing (``sent=False``); the helper closes whatever connection it gets later.

``sent`` is set just before the first byte of a call is handed to a socket, so "not sent"
stays certain: nothing before that point can have reached the gateway.  (Through a proxy the
first byte is the proxy handshake, so a give-up during it is reported as perhaps sent: a
cautious answer, never a wrong one.)
"""

from __future__ import annotations

import contextlib
import logging
import socket
import ssl
import threading
import time
import typing
from collections.abc import Callable, Iterable

import httpcore
import httpx
from httpx._transports.default import map_httpcore_exceptions  # as HTTPTransport maps them

from pos_app.qfpay.transport import CallBudget, DeadlineExceeded, current_budget

logger = logging.getLogger("pos_app.qfpay")

#: Request bytes held to leave in one send (a trade request is well under 2 kB).
_JOIN_LIMIT = 64 * 1024


class _Connecting:
    """The hand-over between a helper thread that connects and a caller that may give up.

    Decided under one lock: either the caller takes the connection, or it has left and the
    helper closes it.
    """

    __slots__ = ("_lock", "abandoned", "done", "error", "stream")

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.done = threading.Event()
        self.stream: httpcore.NetworkStream | None = None
        self.error: BaseException | None = None
        self.abandoned = False

    def work(self, opener: Callable[[], httpcore.NetworkStream]) -> None:
        try:
            stream = opener()
        except BaseException as exc:  # handed to the caller, which re-raises it
            with self._lock:
                self.error = exc
                self.done.set()
            return
        with self._lock:
            if not self.abandoned:
                self.stream = stream
                self.done.set()
                return
        stream.close()  # the caller gave up meanwhile: nothing was sent on it

    def abandon(self) -> None:
        with self._lock:
            self.abandoned = True
            late, self.stream = self.stream, None
        if late is not None:
            late.close()


def _connect(
    budget: CallBudget | None, opener: Callable[[], httpcore.NetworkStream]
) -> httpcore.NetworkStream:
    """Run ``opener`` (which has its own phase timeout) on a helper thread, waiting with the
    call's deadline and cancel checks; outside a bounded call, just run it."""
    if budget is None:
        return opener()
    budget.check()
    box = _Connecting()
    threading.Thread(target=box.work, args=(opener,), name="qfpay-connect", daemon=True).start()
    try:
        while not box.done.wait(budget.check()):
            pass
    except BaseException:  # gave up (or interrupted): the helper closes what it gets
        box.abandon()
        raise
    if box.error is not None:
        raise box.error
    assert box.stream is not None
    return box.stream


class DeadlineStream(httpcore.NetworkStream):
    """One connection whose waits look at the calling thread's :class:`CallBudget`.

    ``sock`` is the socket the inner stream sends on when writes may go to it directly
    (then a blocked write is sliced like a read, and the writes of one request are joined:
    see :meth:`write`); None for a TLS-in-TLS stream, whose socket carries the outer TLS
    layer.
    """

    __slots__ = ("_inner", "_pending", "_pending_timeout", "_sock")

    def __init__(self, inner: httpcore.NetworkStream, sock: socket.socket | None) -> None:
        self._inner = inner
        self._sock = sock
        self._pending = b""
        self._pending_timeout: float | None = None

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        budget = current_budget()
        if budget is None:
            return self._inner.read(max_bytes, timeout)
        if self._pending:
            self._flush(budget)
        phase = _Phase(timeout)
        while True:
            wait = phase.slice(budget.check())
            if wait <= 0:
                raise httpcore.ReadTimeout("timed out")
            try:
                return self._inner.read(max_bytes, wait)
            except httpcore.ReadTimeout:
                continue  # a slice ran out: look at the deadline, the cancel and the phase

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        """Hand ``buffer`` to the connection, or keep it with the rest of the request.

        h11 writes a request's head and its body separately; on a socket with ``TCP_NODELAY``
        that is two segments, two system calls and two wake-ups of the gateway.  So bytes
        are held (up to ``_JOIN_LIMIT``) and leave together just before the answer is read,
        which an HTTP/1.1 client always does next.  ``sent`` is set only as they go to the
        socket: a give-up before that (or a request dropped with its connection) sent nothing.
        """
        budget = current_budget()
        if budget is None or not buffer:
            self._inner.write(buffer, timeout)
            return
        wait = _Phase(timeout).slice(budget.check())  # a give-up here: nothing has left yet
        if wait <= 0:
            raise httpcore.WriteTimeout("timed out")
        if self._sock is None:  # cannot be sliced: bounded by the deadline and the phase
            # The deadline may have passed since the check: a negative timeout would be a
            # bare ValueError from the socket, not the give-up it is (nothing has left yet).
            left = _Phase(timeout).slice(budget.deadline_at - time.monotonic())
            if left <= 0:
                raise DeadlineExceeded(sent=budget.sent)
            budget.sent = True
            self._inner.write(buffer, left)
            return
        self._pending += buffer
        self._pending_timeout = timeout
        if len(self._pending) > _JOIN_LIMIT:
            self._flush(budget)

    def _flush(self, budget: CallBudget) -> None:
        """Send the held bytes, each wait a slice that looks at the deadline and cancel."""
        sock = self._sock
        assert sock is not None
        view = memoryview(self._pending)
        self._pending = b""
        phase = _Phase(self._pending_timeout)
        try:
            while view:
                wait = phase.slice(budget.check())
                if wait <= 0:
                    raise httpcore.WriteTimeout("timed out")
                budget.sent = True  # from here on, bytes may be on their way
                sock.settimeout(wait)
                # A timed-out send moved nothing (TLS: OpenSSL wants the same bytes again).
                with contextlib.suppress(TimeoutError):
                    view = view[sock.send(view) :]
        except OSError as exc:
            raise httpcore.WriteError(str(exc)) from exc

    def close(self) -> None:
        self._pending = b""
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        budget = current_budget()
        if self._pending and budget is not None:
            self._flush(budget)  # never held here (a proxy's CONNECT was answered): defensive
        inner = self._inner
        over_tls = self._sock is None or isinstance(self._sock, ssl.SSLSocket)
        stream = _connect(budget, lambda: inner.start_tls(ssl_context, server_hostname, timeout))
        return DeadlineStream(stream, None if over_tls else _socket_of(stream))

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)


class _Phase:
    """httpcore's own per-phase timeout, kept across the slices of one read or write."""

    __slots__ = ("_end",)

    def __init__(self, timeout: float | None) -> None:
        self._end = None if timeout is None else time.monotonic() + timeout

    def slice(self, wait: float) -> float:
        return wait if self._end is None else min(wait, self._end - time.monotonic())


def _socket_of(stream: httpcore.NetworkStream) -> socket.socket | None:
    sock = stream.get_extra_info("socket")
    return sock if isinstance(sock, socket.socket) else None


class DeadlineBackend(httpcore.NetworkBackend):
    """Wraps httpcore's sync backend: connects on a helper thread, streams that keep the
    call's limits (see the module docstring)."""

    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner
        #: Whether the streams' sockets may be written directly (httpcore's own backend).
        self._direct_writes = isinstance(inner, httpcore.SyncBackend)

    def _wrap(self, stream: httpcore.NetworkStream) -> DeadlineStream:
        sock = _socket_of(stream) if self._direct_writes else None
        return DeadlineStream(stream, None if isinstance(sock, ssl.SSLSocket) else sock)

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        inner = self._inner
        return self._wrap(
            _connect(
                current_budget(),
                lambda: inner.connect_tcp(host, port, timeout, local_address, socket_options),
            )
        )

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        inner = self._inner
        return self._wrap(
            _connect(
                current_budget(), lambda: inner.connect_unix_socket(path, timeout, socket_options)
            )
        )

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class _CoreStream(httpx.SyncByteStream):
    """httpcore's body stream as httpx expects it, its errors mapped as httpx maps them."""

    def __init__(self, raw: httpcore.Response) -> None:
        self._raw = raw

    def __iter__(self) -> typing.Iterator[bytes]:
        with map_httpcore_exceptions():
            yield from typing.cast("Iterable[bytes]", self._raw.stream)

    def close(self) -> None:
        self._raw.close()


class CoreAnswer:
    """An answer without a content coding, read straight from httpcore.

    What ``httpx.Response`` adds to such an answer (its model, an identity decoder, a
    re-chunker) changes no byte; building it cost a trade request ~0.1 ms at the counter.
    An answer with a content coding is an ``httpx.Response`` instead, decoded as httpx does.
    """

    __slots__ = ("_stream", "extensions", "headers", "status_code")

    def __init__(self, raw: httpcore.Response, headers: httpx.Headers) -> None:
        self.status_code = raw.status
        self.headers = headers
        self.extensions = raw.extensions
        self._stream = _CoreStream(raw)

    @property
    def http_version(self) -> str:
        version = self.extensions.get("http_version", b"HTTP/1.1")
        return version.decode("ascii", errors="ignore")

    @property
    def reason_phrase(self) -> str:
        reason = self.extensions.get("reason_phrase")
        if isinstance(reason, bytes):
            return reason.decode("ascii", errors="ignore")
        return httpx.codes.get_reason_phrase(self.status_code)

    def iter_bytes(self) -> typing.Iterator[bytes]:
        return iter(self._stream)

    def close(self) -> None:
        self._stream.close()


def send_direct(
    transport: httpx.BaseTransport, request: httpx.Request
) -> httpx.Response | CoreAnswer:
    """``transport.handle_request(request)`` for a transport :func:`install` prepared, with
    the answer as a :class:`CoreAnswer` unless it has a content coding."""
    pool = typing.cast("httpcore.ConnectionPool", transport._pool)  # type: ignore[attr-defined]
    url = request.url
    core = httpcore.Request(
        method=request.method,
        url=httpcore.URL(
            scheme=url.raw_scheme, host=url.raw_host, port=url.port, target=url.raw_path
        ),
        headers=request.headers.raw,
        content=request.stream,
        extensions=request.extensions,
    )
    with map_httpcore_exceptions():
        raw = pool.handle_request(core)
    headers = httpx.Headers(raw.headers)
    coding = headers.get("content-encoding", "").strip().lower()
    if coding in ("", "identity"):
        return CoreAnswer(raw, headers)
    return httpx.Response(  # httpx decodes it, exactly as the pool way does
        status_code=raw.status,
        headers=headers,
        stream=_CoreStream(raw),
        extensions=raw.extensions,
        request=request,
    )


def install(transport: httpx.HTTPTransport) -> bool:
    """Put :class:`DeadlineBackend` under ``transport``'s connection pool; False if this
    httpx/httpcore no longer has the (private) place it goes, so the caller falls back to
    the pool thread rather than running unbounded I/O on the caller's thread."""
    pool = getattr(transport, "_pool", None)
    inner = getattr(pool, "_network_backend", None)
    if not isinstance(pool, httpcore.ConnectionPool) or not isinstance(
        inner, httpcore.NetworkBackend
    ):
        logger.warning("httpcore has no network backend to wrap; requests use a pool thread")
        return False
    if not isinstance(inner, DeadlineBackend):
        pool._network_backend = DeadlineBackend(inner)
    return True


def deadline_transport(
    *, verify: ssl.SSLContext | bool, proxy: str | None
) -> tuple[httpx.HTTPTransport, bool]:
    """The transport a ``httpx.Client(verify=..., proxy=..., trust_env=False)`` would build,
    with the deadline backend installed; the flag says whether it was (see :func:`install`).

    ``trust_env=False``: the environment never redirects the till (no ``HTTPS_PROXY``, no
    ``SSL_CERT_FILE``); only the explicit ``proxy`` and ``verify`` apply.
    """
    transport = httpx.HTTPTransport(verify=verify, trust_env=False, proxy=proxy)
    return transport, install(transport)


__all__ = [
    "CoreAnswer",
    "DeadlineBackend",
    "DeadlineStream",
    "deadline_transport",
    "install",
    "send_direct",
]
