"""The HTTP side of the training gateway: routing, fault injection, one-write replies.

Kept apart from :mod:`pos_app.training.server` (the gateway object and its life cycle) so each
stays small.  Each connection is served by :class:`GatewayHandler` in its own daemon thread;
it disables Nagle's algorithm, speaks HTTP/1.1 keep-alive and renders every reply as one
``bytes`` object (``replies.py``) so it leaves in a single ``send``.
"""

from __future__ import annotations

import contextlib
import ipaddress
import logging
import socket
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

from pos_app.training import control
from pos_app.training.params import FORMAT_ERROR, Refusal
from pos_app.training.replies import Reply, json_reply, text_reply
from pos_app.training.signing import HEADER_SIGN

if TYPE_CHECKING:
    from pos_app.training.server import TrainingGateway

logger = logging.getLogger("pos_app.training")

#: Trade endpoints and the HTTP methods each accepts.  The reference shows reversal/close as
#: GET in one place and POST in others, so both are served; payments and refunds are POST.
TRADE_ENDPOINTS: dict[str, frozenset[str]] = {
    "/trade/v1/payment": frozenset({"POST"}),
    "/trade/v1/query": frozenset({"GET", "POST"}),
    "/trade/v1/reversal": frozenset({"GET", "POST"}),
    "/trade/v1/close": frozenset({"GET", "POST"}),
    "/trade/v1/refund": frozenset({"POST"}),
    "/trade/v1/add_note": frozenset({"POST"}),
    "/download/v1/trade_bill": frozenset({"GET", "POST"}),
}
MAX_BODY_BYTES = 64 * 1024


class GatewayHTTPServer(ThreadingHTTPServer):
    """The threading server, knowing its gateway and its open connections (to cut on stop)."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], gateway: TrainingGateway) -> None:
        self.gateway = gateway
        self.connections: set[socket.socket] = set()
        self.connections_lock = threading.Lock()
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        super().__init__(address, GatewayHandler)


class GatewayHandler(BaseHTTPRequestHandler):
    """One connection: keep-alive, no Nagle, one write per reply, faults applied here."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server: GatewayHTTPServer

    # -- plumbing ----------------------------------------------------------------------

    def setup(self) -> None:
        super().setup()
        with self.server.connections_lock:
            self.server.connections.add(self.connection)

    def finish(self) -> None:
        with self.server.connections_lock:
            self.server.connections.discard(self.connection)
        super().finish()

    def log_message(self, format: str, *args: Any) -> None:
        """Per-request lines go to ``logging`` at DEBUG, never to stderr."""
        logger.debug("%s " + format, self.address_string(), *args)

    def do_GET(self) -> None:
        """Serve a GET."""
        self._dispatch("GET")

    def do_POST(self) -> None:
        """Serve a POST."""
        self._dispatch("POST")

    def _send(self, reply: Reply) -> None:
        self.wfile.write(reply.render(close=self.close_connection))
        self.log_message('"%s" %s %s', self.requestline, reply.status, len(reply.body))

    def _drop(self) -> None:
        """Close the connection without a word, as a failing network would."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)
        self.log_message('"%s" dropped', self.requestline)

    def _read_body(self) -> bytes | None:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            self.close_connection = True
            self._send(text_reply("chunked bodies are not supported", 411))
            return None
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_BODY_BYTES:
            self.close_connection = True
            self._send(text_reply("bad Content-Length", 400))
            return None
        return self.rfile.read(length) if length else b""

    # -- routing -----------------------------------------------------------------------

    def _dispatch(self, method: str) -> None:
        gateway = self.server.gateway
        body = self._read_body()
        if body is None:
            return
        if gateway.stopping:
            self._drop()
            return
        url = urllib.parse.urlsplit(self.path)
        try:
            if url.path.startswith(control.PREFIX):
                self._send(self._control(method, url.path, url.query, body))
            elif url.path in TRADE_ENDPOINTS:
                self._trade(method, url.path, url.query, body)
            else:
                self._send(json_reply({"error": f"no such endpoint {url.path}"}, 404))
        except Exception:
            if gateway.stopping:  # the store closed under a request: act like a dead server
                self._drop()
                return
            logger.exception("training gateway failed on %s %s", method, url.path)
            self.close_connection = True
            self._send(text_reply("internal error in the training gateway", 500))

    def _control(self, method: str, path: str, query: str, body: bytes) -> Reply:
        if not is_loopback_peer(str(self.client_address[0])):
            return json_reply({"ok": False, "error": "control endpoints are loopback-only"}, 403)
        try:
            params = control.parse_control_params(body, query, self.headers.get("Content-Type", ""))
        except ValueError as exc:
            return json_reply({"ok": False, "error": f"unreadable parameters: {exc}"}, 400)
        return control.handle(self.server.gateway, method, path, params)

    def _trade(self, method: str, path: str, query: str, body: bytes) -> None:
        gateway = self.server.gateway
        retry_after = gateway.budget.admit() if gateway.budget is not None else None
        if retry_after is not None:  # the real gateway's limiter sits in front of everything
            self._send(_too_many_requests(retry_after))
            return
        decision = gateway.faults.take(path)
        if decision.delay and gateway.wait_or_stop(decision.delay):
            self._drop()
            return
        fault = decision.outcome.kind if decision.outcome is not None else None
        if fault in ("timeout", "drop"):
            self._drop()
            return
        if decision.outcome is not None and fault == "http_error":
            status = decision.outcome.status
            self._send(text_reply(f"training gateway fault: HTTP {status}", status))
            return
        if decision.outcome is not None and fault == "rate_limit":
            self._send(_too_many_requests(decision.outcome.retry_after))
            return
        if fault == "non_json":
            page = "<html><body><h1>502 Bad Gateway</h1></body></html>"
            self._send(text_reply(page, 200, "text/html; charset=utf-8"))
            return
        if method not in TRADE_ENDPOINTS[path]:
            reply = text_reply("method not allowed", 405)
            reply.headers["Allow"] = ", ".join(sorted(TRADE_ENDPOINTS[path]))
            self._send(reply)
            return
        reply = gateway.answer_trade(
            path, self._trade_params(method, query, body), self.headers, decision
        )
        if fault == "lost_reply":
            self._drop()
            return
        if decision.outcome is not None and fault == "booked_http_error":
            status = decision.outcome.status
            self._send(text_reply(f"training gateway fault after booking: HTTP {status}", status))
            return
        if fault == "bad_signature":
            good = reply.headers.get(HEADER_SIGN, "")
            reply.headers[HEADER_SIGN] = ("0" if good[:1] != "0" else "1") + good[1:]
        self._send(reply)

    @staticmethod
    def _trade_params(method: str, query: str, body: bytes) -> bytes | str:
        return body if method == "POST" and body else query


def _too_many_requests(retry_after: int) -> Reply:
    reply = text_reply("Too Many Requests", 429)
    reply.headers["Retry-After"] = str(retry_after)
    return reply


def is_loopback_peer(host: str) -> bool:
    """Control endpoints answer only this machine, even if the gateway was bound wider."""
    try:
        address = ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return bool(address.is_loopback or (mapped is not None and mapped.is_loopback))


def parse_trade_params(raw: bytes | str) -> dict[str, str]:
    """Decode a form-encoded parameter string; malformed input is a format error (1103)."""
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        pairs = urllib.parse.parse_qsl(
            text, keep_blank_values=True, strict_parsing=bool(text), errors="strict"
        )
    except (UnicodeDecodeError, ValueError) as exc:
        raise Refusal(FORMAT_ERROR, "the request body is not form-encoded UTF-8") from exc
    params: dict[str, str] = {}
    for name, value in pairs:
        if name in params:
            raise Refusal(FORMAT_ERROR, f"parameter {name} is repeated")
        params[name] = value
    return params
