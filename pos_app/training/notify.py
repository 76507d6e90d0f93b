"""Asynchronous notifications: the training gateway tells a merchant URL about successes.

001 (l. 2171-2280) describes what QFPay does after a payment or a refund *succeeds*: it POSTs
a JSON message to the URL configured for the app code, signed in ``X-QF-SIGN`` as the MD5 of
the raw body followed by the client key (upper-case hex), and expects HTTP 200 with the body
``SUCCESS``.  Until it gets that, it tries again after 2m, 10m, 10m, 60m, 2h, 6h and 15h
(read here as the gaps between successive attempts: eight attempts in all), then gives up.

The training gateway does the same, so the back office (issue 13) can be tested against it:

* ``gw.notifications.configure(url=..., time_scale=0.001)`` (or ``TrainingGateway(notify_url=
  ..., notify_time_scale=...)``, or ``POST /training/v1/notifications`` with ``url``,
  ``time_scale`` and/or ``schedule``) turns it on; ``url=""`` turns it off.  ``time_scale``
  compresses the schedule for tests (0.001 makes 2 minutes 0.12 s); ``schedule`` replaces it
  (seconds, comma-separated over HTTP).
* ``gw.notifications.deliveries()`` (``GET /training/v1/notifications``) shows every message
  with its attempts, so a test can prove a retry happened, or that delivery stopped.

Differences from QFPay, on purpose: any ``http(s)`` URL and port is accepted (QFPay only
calls ports 80 and 443), and nothing is sent unless a URL is configured.  The body is
serialised as 001's sample does (Python's ``json.dumps`` defaults, with spaces), so a receiver
that re-serialises before checking the signature fails here as it would in production.
"""

from __future__ import annotations

import hashlib
import heapq
import itertools
import json
import logging
import threading
import time
import urllib.parse
from dataclasses import asdict, dataclass, field
from typing import Any

import httpx

from pos_app.training.signing import HEADER_SIGN
from pos_app.training.store import Order

logger = logging.getLogger("pos_app.training.notify")

#: 001's retry gaps after the first message, in seconds: 2m, 10m, 10m, 60m, 2h, 6h, 15h.
DEFAULT_SCHEDULE: tuple[float, ...] = (120, 600, 600, 3600, 7200, 21600, 54000)
SEND_TIMEOUT = 10.0


@dataclass
class Attempt:
    """One try at delivering a message."""

    at: float  # epoch seconds
    status: int | None  # HTTP status, None when no answer came
    outcome: str  # "delivered", or why not


@dataclass
class Delivery:
    """One notification and its fate: ``pending``, ``delivered`` or ``gave_up``."""

    number: int
    url: str
    notify_type: str
    syssn: str
    out_trade_no: str
    body: bytes = field(repr=False)
    signature: str
    state: str = "pending"
    attempts: list[Attempt] = field(default_factory=list)
    next_at: float | None = None  # epoch seconds of the next try while pending

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly form for the control endpoint."""
        data = asdict(self)
        data["body"] = self.body.decode("utf-8")
        return data


def notification_body(order: Order, mchid: str | None) -> dict[str, str]:
    """The message 001 documents for a successful payment or refund."""
    data = {
        "status": "1",
        "pay_type": order.pay_type,
        "sysdtm": order.sysdtm,
        "paydtm": order.paydtm or order.sysdtm,
        "goods_name": order.goods_name,
        "txcurrcd": order.txcurrcd,
        "txdtm": order.txdtm,
        "txamt": str(order.txamt),
        "exchange_rate": "",
        "chnlsn2": "",
        "out_trade_no": order.out_trade_no,
        "syssn": order.syssn,
        "cash_fee_type": "",
        "cancel": str(order.cancel),
        "respcd": "0000",
        "goods_info": "",
        "cash_fee": str(order.txamt),
        "notify_type": "refund" if order.order_type == "refund" else "payment",
        "chnlsn": "",
        "cardcd": "",
    }
    if mchid:  # 001: "only returned to agents", i.e. when a mchid is in play
        data["mchid"] = mchid
    if order.order_type == "refund":  # an extra field, as 001 warns may appear
        data["origssn"] = order.origssn
    return data


def sign_notification(body: bytes, key: str) -> str:
    """MD5 over the raw body followed by the key, upper-case hex (001 l. 2205-2222)."""
    return hashlib.md5(body + key.encode("utf-8"), usedforsecurity=False).hexdigest().upper()


class Notifier:
    """Queues notifications and delivers them on a background thread, with 001's retries."""

    def __init__(
        self,
        key: str,
        *,
        mchid: str | None = None,
        url: str | None = None,
        time_scale: float = 1.0,
        schedule: tuple[float, ...] = DEFAULT_SCHEDULE,
    ) -> None:
        self._key = key
        self._mchid = mchid
        self._lock = threading.Condition()
        self._queue: list[tuple[float, int, Delivery]] = []
        self._deliveries: list[Delivery] = []
        self._numbers = itertools.count(1)
        self._stopped = False
        self._thread: threading.Thread | None = None
        self.url = ""
        self.time_scale = 1.0
        self.schedule: tuple[float, ...] = DEFAULT_SCHEDULE
        self.configure(url=url or "", time_scale=time_scale, schedule=schedule)

    # -- configuration -----------------------------------------------------------------

    def configure(
        self,
        *,
        url: str | None = None,
        time_scale: float | None = None,
        schedule: tuple[float, ...] | None = None,
    ) -> None:
        """Change the URL ("" switches notifications off), the time scale or the schedule."""
        if url is not None and url != "":
            parts = urllib.parse.urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise ValueError(f"{url!r} is not an http(s) URL")
        if time_scale is not None and not time_scale > 0:
            raise ValueError("time_scale must be more than 0")
        if schedule is not None and any(gap < 0 for gap in schedule):
            raise ValueError("the retry schedule cannot hold negative gaps")
        with self._lock:
            if url is not None:
                self.url = url
            if time_scale is not None:
                self.time_scale = float(time_scale)
            if schedule is not None:
                self.schedule = tuple(float(gap) for gap in schedule)

    def settings(self) -> dict[str, Any]:
        """The current configuration."""
        with self._lock:
            return {"url": self.url, "time_scale": self.time_scale, "schedule": self.schedule}

    # -- life cycle --------------------------------------------------------------------

    def start(self) -> None:
        """Start the delivery thread."""
        with self._lock:
            if self._thread is not None:
                return
            self._thread = threading.Thread(target=self._run, name="training-notify", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        """Stop delivering (pending messages stay pending)."""
        with self._lock:
            self._stopped = True
            self._lock.notify_all()
        if self._thread is not None:
            self._thread.join(timeout=SEND_TIMEOUT + 5)
            self._thread = None

    # -- queueing ----------------------------------------------------------------------

    def order_succeeded(self, order: Order) -> Delivery | None:
        """Queue the notification for a payment or refund that has just succeeded."""
        with self._lock:
            url = self.url
        if not url:
            return None
        data = notification_body(order, self._mchid)
        body = json.dumps(data).encode("utf-8")
        delivery = Delivery(
            number=next(self._numbers),
            url=url,
            notify_type=data["notify_type"],
            syssn=order.syssn,
            out_trade_no=order.out_trade_no,
            body=body,
            signature=sign_notification(body, self._key),
            next_at=time.time(),
        )
        with self._lock:
            self._deliveries.append(delivery)
            heapq.heappush(self._queue, (time.monotonic(), delivery.number, delivery))
            self._lock.notify_all()
        return delivery

    def deliveries(self) -> list[Delivery]:
        """Every message queued so far, oldest first (live objects: read, do not change)."""
        with self._lock:
            return list(self._deliveries)

    def wait_until(self, predicate: Any, timeout: float) -> bool:
        """Block until ``predicate(deliveries)`` holds (tests), or ``timeout`` seconds pass."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while not predicate(list(self._deliveries)):
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._lock.wait(left)
            return True

    # -- the delivery thread -------------------------------------------------------------

    def _run(self) -> None:
        # trust_env=False: HTTPS_PROXY or SSL_CERT_FILE in the environment must not redirect
        # the notifications (issue 8), as they must not redirect the till's own client.
        with httpx.Client(timeout=SEND_TIMEOUT, follow_redirects=False, trust_env=False) as http:
            while True:
                with self._lock:
                    while not self._stopped and (
                        not self._queue or self._queue[0][0] > time.monotonic()
                    ):
                        wait = self._queue[0][0] - time.monotonic() if self._queue else None
                        self._lock.wait(wait)
                    if self._stopped:
                        return
                    _, _, delivery = heapq.heappop(self._queue)
                attempt = self._attempt(http, delivery)
                with self._lock:
                    delivery.attempts.append(attempt)
                    retries_done = len(delivery.attempts) - 1
                    if attempt.outcome == "delivered":
                        delivery.state, delivery.next_at = "delivered", None
                    elif retries_done >= len(self.schedule):
                        delivery.state, delivery.next_at = "gave_up", None
                    else:
                        gap = self.schedule[retries_done] * self.time_scale
                        delivery.next_at = time.time() + gap
                        due = time.monotonic() + gap
                        heapq.heappush(self._queue, (due, delivery.number, delivery))
                    self._lock.notify_all()

    def _attempt(self, http: httpx.Client, delivery: Delivery) -> Attempt:
        headers = {"Content-Type": "application/json", HEADER_SIGN: delivery.signature}
        started = time.time()
        try:
            response = http.post(delivery.url, content=delivery.body, headers=headers)
        except httpx.HTTPError as exc:
            return Attempt(started, None, f"no answer ({type(exc).__name__})")
        if response.status_code != 200:
            return Attempt(started, response.status_code, f"HTTP {response.status_code}")
        if response.content.strip() != b"SUCCESS":
            return Attempt(started, 200, "the answer was not SUCCESS")
        return Attempt(started, 200, "delivered")
