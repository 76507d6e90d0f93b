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
unknown (query, then reverse or close).
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
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


class DeadlineExceeded(Exception):
    """No complete answer within the call's total deadline."""


class Abandoned(Exception):
    """The caller cancelled while waiting for the answer."""


@dataclass(frozen=True, slots=True)
class RawAnswer:
    """What came back: status, headers and the whole (capped) body."""

    status_code: int
    headers: httpx.Headers
    content: bytes


class BoundedExchange:
    """Runs requests on ``http`` with a deadline, a cap and a cancellable wait."""

    def __init__(self, http: httpx.Client, *, max_workers: int = 8) -> None:
        self._http = http
        self._pool = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="qfpay-http")

    def close(self) -> None:
        """Stop taking work; a request still running ends at its own deadline."""
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
        stop = threading.Event()
        future: Future[RawAnswer] = self._pool.submit(
            self._fetch, request, deadline_at, max_bytes, stop
        )
        try:
            while True:
                remaining = deadline_at - time.monotonic()
                if remaining <= 0:
                    raise DeadlineExceeded
                step = remaining if cancel is None else min(remaining, _CANCEL_CHECK)
                try:
                    return future.result(timeout=step)
                except TimeoutError:
                    if cancel is not None and cancel.wait(0):
                        raise Abandoned from None
        finally:
            if not future.done():
                stop.set()

    def _fetch(
        self, request: httpx.Request, deadline_at: float, max_bytes: int, stop: threading.Event
    ) -> RawAnswer:
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
