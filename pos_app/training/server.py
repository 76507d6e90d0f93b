"""The training gateway: a QFPay-compatible HTTP server on loopback.

Training mode and the tests run the till against this server instead of QFPay, with no
credentials and no network.  It speaks the wire protocol of the reference (form-encoded
requests signed with ``X-QF-SIGN``, flat JSON answers signed back), keeps its own orders
(``store.py``), simulates wallets (``wallets.py``) and fails on demand (``faults.py``).

Performance matters because the till's benchmark compares against a raw round trip: the
handler disables Nagle's algorithm, answers HTTP/1.1 keep-alive with ``Content-Length``,
writes each reply with a single ``send`` (``replies.py``), and logs requests only at DEBUG.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
from pathlib import Path
from typing import Any

from pos_app.training import codes, enquiry, wallets
from pos_app.training.budget import RequestBudget
from pos_app.training.credentials import TRAINING_CREDENTIALS
from pos_app.training.faults import FaultDecision, FaultPlan
from pos_app.training.handler import GatewayHTTPServer, parse_trade_params
from pos_app.training.notify import Notifier
from pos_app.training.params import SIGNATURE_ERROR, Refusal, check_goods_name_strict
from pos_app.training.replies import Reply, json_body
from pos_app.training.serving import ServedOnThread
from pos_app.training.signing import (
    HEADER_APPCODE,
    HEADER_SIGN,
    HEADER_SIGNTYPE,
    SignType,
    parse_sign_type,
    sign_body,
    verify_params,
)
from pos_app.training.store import Order, OrderStore
from pos_app.training.trade import DUPLICATE, NOT_FOUND, CredentialsLike, Quirks, TradeDesk

#: The documented codes the ``duplicate_2011`` and ``unknown_1268`` knobs answer with.
DUPLICATE_2011 = "2011"
UNKNOWN_1268 = "1268"
NO_DECISION = FaultDecision()

logger = logging.getLogger("pos_app.training")


class TrainingGateway(ServedOnThread):
    """The stand-in gateway; see the module docstring.  Use as a context manager."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        credentials: CredentialsLike = TRAINING_CREDENTIALS,
        store_path: str | Path | None = None,
        mpm_expiry_seconds: float | None = None,
        mchid: str | None = None,
        pending_queries: int = wallets.DEFAULT_PENDING_QUERIES,
        rate_limits: tuple[int, int] | None = None,
        notify_url: str | None = None,
        notify_time_scale: float = 1.0,
    ) -> None:
        self.host = host
        self.requested_port = port
        self.credentials = credentials
        self.mchid = mchid if mchid is not None else credentials.mchid
        self.mpm_expiry_seconds = mpm_expiry_seconds
        self.pending_queries = pending_queries
        self.store = OrderStore(store_path)
        self.faults = FaultPlan()
        #: Asynchronous notifications to a merchant URL (off until a URL is set).
        self.notifications = Notifier(
            credentials.client_key, mchid=self.mchid, url=notify_url, time_scale=notify_time_scale
        )
        #: The documented 100/s and 400/min budget, when switched on (see ``budget.py``).
        self.budget = RequestBudget(*rate_limits) if rate_limits is not None else None
        self._stop_event = threading.Event()
        self._server: GatewayHTTPServer | None = None
        self._desk: TradeDesk | None = None

    def __repr__(self) -> str:
        return f"TrainingGateway(base_url={self.base_url if self._server else None!r})"

    # -- life cycle --------------------------------------------------------------------

    def start(self) -> TrainingGateway:
        """Bind, and serve in a daemon thread; returns self for chaining."""
        if self._server is not None:
            raise RuntimeError("the training gateway is already running")
        if self._stop_event.is_set():
            raise RuntimeError("a stopped training gateway cannot be restarted; make a new one")
        self._server = GatewayHTTPServer((self.host, self.requested_port), self)
        self._desk = TradeDesk(
            self.store,
            app_code=self.credentials.app_code,
            mchid=self.mchid,
            base_url=self.base_url,
            mpm_expiry_seconds=self.mpm_expiry_seconds,
            pending_queries=self.pending_queries,
        )
        self._desk.on_success = self.notifications.order_succeeded
        self.notifications.start()
        self._serve(self._server, "training-gateway")
        logger.info("training gateway listening on %s", self.base_url)
        return self

    def stop(self) -> None:
        """Stop serving, cut open connections, and close the store (idempotent)."""
        self._stop_event.set()
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            with server.connections_lock:
                open_connections = list(server.connections)
            for connection in open_connections:
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)
            server.server_close()
        self._join()
        self.notifications.stop()
        self.store.close()

    @property
    def stopping(self) -> bool:
        """Whether :meth:`stop` has been called."""
        return self._stop_event.is_set()

    def wait_or_stop(self, seconds: float) -> bool:
        """Sleep for a fault's delay; True if the gateway is stopped meanwhile."""
        return self._stop_event.wait(seconds)

    @property
    def port(self) -> int:
        """The bound port (useful with ``port=0``)."""
        if self._server is None:
            raise RuntimeError("the training gateway is not running")
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>``, what the client is pointed at."""
        host = self.host if ":" not in self.host else f"[{self.host}]"
        return f"http://{host}:{self.port}"

    @property
    def desk(self) -> TradeDesk:
        """The business rules (available once started)."""
        if self._desk is None:
            raise RuntimeError("the training gateway is not running")
        return self._desk

    # -- trainer's controls ------------------------------------------------------------

    def simulate_scan(self, out_trade_no: str) -> Order:
        """The customer scans the MPM QR code of ``out_trade_no`` and pays."""
        return self.desk.simulate_scan(out_trade_no)

    def expire(self, out_trade_no: str) -> Order:
        """The in-progress order ``out_trade_no`` runs out of time now (1181)."""
        return self.desk.expire(out_trade_no)

    def info(self) -> dict[str, Any]:
        """What a trainee or another process needs to talk to this gateway."""
        return {
            "base_url": self.base_url,
            "app_code": self.credentials.app_code,
            "client_key": self.credentials.client_key,
            "mchid": self.mchid,
            "wallets": [
                {"suffix": suffix, "respcd": code, "behaviour": text}
                for suffix, code, text in wallets.suffix_table()
            ],
        }

    # -- the wire ------------------------------------------------------------------------

    def answer_trade(
        self, path: str, raw: bytes | str, headers: Any, decision: FaultDecision = NO_DECISION
    ) -> Reply:
        """Authenticate, carry out and sign the answer to one trade request.

        ``decision`` carries the fault knobs that bend the *answer* (``respcd``,
        ``async_refund``, ``enquiry_lag``, ``duplicate_2011``, ``unknown_1268``,
        ``strict_goods_name``); transport knobs are the handler's business.
        """
        sign_type: SignType = "MD5"
        outcome = decision.outcome
        forced = outcome.respcd if outcome is not None and outcome.kind == "respcd" else ""
        result: dict[str, Any] | tuple[str, bytes]
        try:
            try:
                sign_type = parse_sign_type(headers.get(HEADER_SIGNTYPE))
            except ValueError as exc:
                raise Refusal(SIGNATURE_ERROR, "unsupported X-QF-SIGNTYPE") from exc
            params = parse_trade_params(raw)
            self._authenticate(params, headers, sign_type)
            if "strict_goods_name" in decision.modifiers and path == "/trade/v1/payment":
                check_goods_name_strict(params)
            if forced and outcome is not None and not outcome.booked:
                raise Refusal(forced, codes.resperr(forced))
            result = self._route(path, params, self._quirks(decision))
        except Refusal as refusal:
            result = self._refusal(refusal, decision)
        if forced:  # booked: the work is done, but the answer says otherwise
            kept = result if isinstance(result, dict) else {}
            result = {**kept, "respcd": forced, "resperr": codes.resperr(forced), "respmsg": ""}
        if isinstance(result, tuple):
            filename, data = result
            reply = Reply(body=data, content_type="application/zip")
            reply.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
        else:
            reply = Reply(body=json_body(result))
        reply.headers[HEADER_SIGN] = sign_body(reply.body, self.credentials.client_key, sign_type)
        reply.headers[HEADER_SIGNTYPE] = sign_type
        return reply

    @staticmethod
    def _quirks(decision: FaultDecision) -> Quirks:
        outcome = decision.outcome
        if outcome is not None and outcome.kind == "async_refund":
            return Quirks(
                visible_after=decision.enquiry_lag,
                async_refund=outcome.respcd,
                refund_seconds=outcome.delay,
                refund_final=outcome.final,
            )
        return Quirks(visible_after=decision.enquiry_lag)

    @staticmethod
    def _refusal(refusal: Refusal, decision: FaultDecision) -> dict[str, Any]:
        respcd, resperr = refusal.respcd, refusal.resperr
        if respcd == DUPLICATE and "duplicate_2011" in decision.modifiers:
            respcd, resperr = DUPLICATE_2011, codes.resperr(DUPLICATE_2011)
        elif respcd == NOT_FOUND and "unknown_1268" in decision.modifiers:
            respcd, resperr = UNKNOWN_1268, codes.resperr(UNKNOWN_1268)
        return {"respcd": respcd, "resperr": resperr, "respmsg": ""}

    def _authenticate(self, params: dict[str, str], headers: Any, sign_type: SignType) -> None:
        if headers.get(HEADER_APPCODE, "") != self.credentials.app_code:
            raise Refusal(SIGNATURE_ERROR, "unknown X-QF-APPCODE")
        signature = headers.get(HEADER_SIGN, "")
        key = self.credentials.client_key
        if not signature or not verify_params(params, key, signature, sign_type):
            raise Refusal(SIGNATURE_ERROR, "signature error")

    def _route(
        self, path: str, params: dict[str, str], quirks: Quirks
    ) -> dict[str, Any] | tuple[str, bytes]:
        desk = self.desk
        if path == "/trade/v1/payment":
            return desk.payment(params, quirks)
        if path == "/trade/v1/query":
            return enquiry.query(desk, params)
        if path in ("/trade/v1/reversal", "/trade/v1/close"):
            return desk.cancel(params)
        if path == "/trade/v1/refund":
            return desk.refund(params, quirks)
        if path == "/trade/v1/add_note":
            return desk.add_note(params)
        return enquiry.statement(desk, params)
