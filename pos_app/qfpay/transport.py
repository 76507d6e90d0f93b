"""One bounded HTTP exchange: a total deadline, a size cap, and a wait the caller can cancel.

httpx's timeouts apply per phase and per read, so a gateway (or a proxy) that dribbles one
byte every few seconds keeps a request alive for ever, and nothing limits how much it sends.
At a till that means a payment the cashier cannot stop and a process that runs out of
memory.  So every exchange here:

* reads the answer as a stream and stops once it exceeds ``max_bytes`` (the declared
  ``Content-Length`` is checked first), raising :class:`AnswerTooLarge`;
* has one deadline for the whole call (connect, send, every read), raising
  :class:`DeadlineExceeded`;
* runs on a small pool thread while the caller waits, so a cancel (``Interrupt``: a
  ``threading.Event`` or the engine's ``CancelToken``) ends the *wait* at once with
  :class:`Abandoned`; the pool thread notices between chunks and closes the connection.

Whether the request reached the gateway is not known in any of the three cases: the client
turns them into ``OutcomeUnknownError`` subclasses and the engine settles the transaction as
unknown (query, then reverse or close).  The one certain case is a request no pool thread
started before the caller gave up or the deadline passed (or that :meth:`BoundedExchange.close`
dropped): it is never sent, and :class:`DeadlineExceeded` / :class:`Abandoned` say so with
``sent=False``.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import CancelledError, Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Protocol

import httpx

#: Ample for any trade answer (a page of 100 enquiry records is a few tens of kB).
MAX_ANSWER_BYTES = 1 << 20
#: A day's statement zip for a busy merchant.
MAX_STATEMENT_BYTES = 64 << 20
#: How often a waiting caller looks at its cancel flag.
_CANCEL_CHECK = 0.05


class Interrupt(Protocol):
    """A cancel flag the caller may set from another thread (``threading.Event`` fits, and
    so does ``pos_app.engine.CancelToken``)."""

    def wait(self, timeout: float, /) -> bool: ...


class AnswerTooLarge(Exception):
    """The answer grew past the size cap."""


class _GaveUp(Exception):
    """The caller stopped waiting.  ``sent`` is False when the request had not yet been
    handed to the connection (it was still queued for a pool thread, or the deadline had
    passed before the call): then it never will be, and the gateway cannot have seen it."""

    def __init__(self, *, sent: bool = True) -> None:
        super().__init__()
        self.sent = sent


class DeadlineExceeded(_GaveUp):
    """No complete answer within the call's total deadline."""


class Abandoned(_GaveUp):
    """The caller cancelled while waiting for the answer."""


@dataclass(frozen=True, slots=True)
class RawAnswer:
    """What came back: status, headers and the whole (capped) body."""

    status_code: int
    headers: httpx.Headers
    content: bytes


class _Call:
    """Who moves first, the pool thread (starting to send) or the caller (giving up).

    Decided under one lock, so a caller that gives up can say for certain whether the request
    was handed to the connection: a request still queued behind busy pool threads is then
    never sent, and the caller may report a certain non-event rather than an unknown.
    """

    __slots__ = ("_deadline_at", "_lock", "_started", "stop")

    def __init__(self, deadline_at: float) -> None:
        self._deadline_at = deadline_at
        self._lock = threading.Lock()
        self._started = False
        self.stop = threading.Event()

    def start(self) -> _GaveUp | None:
        """The pool thread is about to send: None if it may, else why it must not.

        A pool thread that frees up only after the deadline must not send either, even if
        its caller (off the CPU) has not noticed the deadline yet: the request would leave
        unanswerable and race the enquiry and reversal that follow an unknown outcome.
        """
        with self._lock:
            if self.stop.is_set():
                return Abandoned(sent=False)
            if time.monotonic() >= self._deadline_at:
                return DeadlineExceeded(sent=False)
            self._started = True
            return None

    def give_up(self) -> bool:
        """The caller stops waiting; returns whether the request may have been sent."""
        with self._lock:
            self.stop.set()
            return self._started


class BoundedExchange:
    """Runs requests on ``http`` with a deadline, a cap and a cancellable wait."""

    def __init__(self, http: httpx.Client, *, max_workers: int = 8) -> None:
        self._http = http
        self._pool = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="qfpay-http")
        self._lock = threading.Lock()
        self._closed = False

    def close(self) -> None:
        """Stop taking work; a request still running ends at its own deadline.

        Requests still queued for a pool thread are dropped (never sent), and their callers,
        like any later ones, get :class:`Abandoned` with ``sent=False``.
        """
        with self._lock:
            self._closed = True
            self._pool.shutdown(wait=False, cancel_futures=True)

    def run(
        self,
        request: httpx.Request,
        *,
        deadline_at: float,
        max_bytes: int,
        cancel: Interrupt | None = None,
    ) -> RawAnswer:
        """Send ``request`` and read the answer; see the module docstring for the limits.

        ``deadline_at`` is a ``time.monotonic()`` instant.  Raises ``httpx.TransportError``
        as httpx does, or one of this module's three exceptions.
        """
        if deadline_at <= time.monotonic():
            raise DeadlineExceeded(sent=False)
        call = _Call(deadline_at)
        with self._lock:
            if self._closed:
                raise Abandoned(sent=False)
            try:
                future: Future[RawAnswer] = self._pool.submit(
                    self._fetch, request, deadline_at, max_bytes, call
                )
            except BaseException:
                call.give_up()  # perhaps queued (a pool thread failed to start): never send it
                raise
        try:
            while True:
                remaining = deadline_at - time.monotonic()
                if remaining <= 0:
                    raise DeadlineExceeded(sent=call.give_up())
                step = remaining if cancel is None else min(remaining, _CANCEL_CHECK)
                try:
                    return future.result(timeout=step)
                except TimeoutError:
                    if cancel is not None and cancel.wait(0):
                        raise Abandoned(sent=call.give_up()) from None
                except CancelledError:  # dropped by close() while still queued: it never ran
                    raise Abandoned(sent=False) from None
        finally:
            if not future.done():
                call.give_up()

    def _fetch(
        self, request: httpx.Request, deadline_at: float, max_bytes: int, call: _Call
    ) -> RawAnswer:
        refused = call.start()
        if refused is not None:
            raise refused  # the caller is gone, or it is too late: never send it
        stop = call.stop
        response = self._http.send(request, stream=True)
        try:
            declared = response.headers.get("Content-Length")
            if declared is not None and declared.strip().isdigit() and int(declared) > max_bytes:
                raise AnswerTooLarge
            size = 0
            chunks: list[bytes] = []
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise AnswerTooLarge
                if stop.is_set():
                    raise Abandoned
                if time.monotonic() > deadline_at:
                    raise DeadlineExceeded
                chunks.append(chunk)
            return RawAnswer(response.status_code, response.headers, b"".join(chunks))
        finally:
            response.close()


__all__ = [
    "MAX_ANSWER_BYTES",
    "MAX_STATEMENT_BYTES",
    "Abandoned",
    "AnswerTooLarge",
    "BoundedExchange",
    "DeadlineExceeded",
    "Interrupt",
    "RawAnswer",
]
