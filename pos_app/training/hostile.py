"""A hostile proxy: sits between the till and the training gateway and corrupts answers.

The rules of evidence (DESIGN.md) say the engine believes an answer only when it is about
*this* order, for *this* amount and currency, and properly signed.  The gateway itself never
lies, so those rules need something that does: this proxy relays every request to the
gateway unchanged and, when armed, mutates the answer on its way back::

    with TrainingGateway() as gw, HostileProxy(gw.base_url, key=KEY) as proxy:
        client = QFPayClient(base_url=proxy.base_url, ...)
        proxy.arm("amount", endpoint="/trade/v1/query", times=1, txamt=1)
        ...
        assert proxy.applied[-1].mutation == "amount"

Control requests (``/training/v1/``) pass through untouched, so a test can still drive the
gateway through the proxy.  ``endpoint`` and ``times`` work as for fault knobs.

=====================  =========================================================================
mutation               what the till receives instead of the gateway's answer
=====================  =========================================================================
``foreign_record``     a query's ``data`` list gains another order's record (``record=`` a dict,
                       else one the proxy relayed earlier, else the genuine one renumbered);
                       a flat answer (payment, refund) keeps its ``respcd`` but carries
                       another order's fields
``other_order``        HTTP 200, ``respcd`` 0000 and another order's data, whatever the
                       gateway answered (even a refusal or an HTTP error)
``amount``             ``txamt`` changed (``txamt=``, default one minor unit more) in the
                       answer and in every record
``currency``           ``txcurrcd`` changed (``txcurrcd=``, default USD, or HKD if USD)
``unsigned``           the answer without ``X-QF-SIGN`` / ``X-QF-SIGNTYPE``
``bad_signature``      the answer with a corrupted ``X-QF-SIGN``
``dribble``            the genuine answer, sent ``chunk`` bytes (default 8) every
                       ``interval`` seconds (default 0.1), head included
``huge_body``          a 200 JSON answer padded to ``size`` bytes (default 16 MiB)
``html``               an HTML page with HTTP ``status`` (default 200)
``no_out_trade_no``    ``out_trade_no`` removed from the answer and from every record
=====================  =========================================================================

Body mutations are re-signed with ``key`` (when the proxy was given one and ``resign`` is not
False), as a gateway bug would be: the signature then proves nothing about the content, and
the till's own checks must catch the lie.  Without a key they keep the gateway's signature,
which then no longer matches.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import threading
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from pos_app.training.serving import ServedOnThread
from pos_app.training.signing import HEADER_SIGN, HEADER_SIGNTYPE, parse_sign_type, sign_body

MUTATIONS: tuple[str, ...] = (
    "foreign_record",
    "other_order",
    "amount",
    "currency",
    "unsigned",
    "bad_signature",
    "dribble",
    "huge_body",
    "html",
    "no_out_trade_no",
)
_BODY_MUTATIONS = frozenset(
    {"foreign_record", "other_order", "amount", "currency", "huge_body", "no_out_trade_no"}
)
_HOP_HEADERS = frozenset({"connection", "keep-alive", "transfer-encoding", "content-length"})
CONTROL_PREFIX = "/training/v1/"
QUERY_PATH = "/trade/v1/query"
MAX_REQUEST_BYTES = 1024 * 1024


@dataclass
class Mutation:
    """One armed mutation; ``remaining`` counts down (``None`` = until cleared)."""

    mutation: str
    endpoint: str | None = None
    remaining: int | None = 1
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Applied:
    """What the proxy did to one answer: the evidence a test checks."""

    mutation: str
    path: str
    status_before: int
    body_before: bytes
    status_after: int
    body_after: bytes
    headers_after: dict[str, str]


@dataclass
class _Answer:
    status: int
    headers: dict[str, str]
    body: bytes


class _ProxyServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], proxy: HostileProxy) -> None:
        self.proxy = proxy
        super().__init__(address, _ProxyHandler)


class _ProxyHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server: _ProxyServer

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: the proxy's record is :attr:`HostileProxy.applied`."""

    def do_GET(self) -> None:
        """Relay a GET."""
        self._relay("GET")

    def do_POST(self) -> None:
        """Relay a POST."""
        self._relay("POST")

    def _relay(self, method: str) -> None:
        proxy = self.server.proxy
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_REQUEST_BYTES:
            self.close_connection = True
            self._write(_Answer(400, {"Content-Type": "text/plain"}, b"bad Content-Length"))
            return
        body = self.rfile.read(length) if length else b""
        path = urllib.parse.urlsplit(self.path).path
        headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_HEADERS}
        try:
            answer = proxy.forward(method, self.path, headers, body)
        except OSError:
            self.close_connection = True
            self._write(_Answer(502, {"Content-Type": "text/plain"}, b"upstream unreachable"))
            return
        mutation = None if path.startswith(CONTROL_PREFIX) else proxy.take(path)
        if mutation is None:
            self._write(answer)
            return
        query = urllib.parse.urlsplit(self.path).query
        asked = {v for _, v in urllib.parse.parse_qsl(query)}
        with contextlib.suppress(UnicodeDecodeError, ValueError):
            asked |= {v for _, v in urllib.parse.parse_qsl(body.decode("utf-8"))}
        changed = proxy.mutate(mutation, path, answer, asked=frozenset(asked))
        if mutation.mutation == "dribble":
            self._dribble(changed, mutation.options)
        else:
            self._write(changed)

    def _head(self, answer: _Answer) -> bytes:
        phrase = self.responses.get(answer.status, ("Unknown",))[0]
        lines = [f"HTTP/1.1 {answer.status} {phrase}"]
        lines += [f"{k}: {v}" for k, v in answer.headers.items()]
        lines.append(f"Content-Length: {len(answer.body)}")
        lines.append("Connection: close" if self.close_connection else "Connection: keep-alive")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

    def _write(self, answer: _Answer) -> None:
        with contextlib.suppress(OSError):
            self.wfile.write(self._head(answer) + answer.body)

    def _dribble(self, answer: _Answer, options: dict[str, Any]) -> None:
        data = self._head(answer) + answer.body
        chunk = max(1, int(options.get("chunk", 8)))
        interval = float(options.get("interval", 0.1))
        stop = self.server.proxy.stop_event
        for start in range(0, len(data), chunk):
            if stop.is_set():
                self.close_connection = True
                return
            try:
                self.wfile.write(data[start : start + chunk])
                self.wfile.flush()
            except OSError:
                self.close_connection = True
                return
            stop.wait(interval)


class HostileProxy(ServedOnThread):
    """The proxy (see the module docstring).  Use as a context manager."""

    def __init__(
        self,
        upstream: str,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        key: str | None = None,
    ) -> None:
        parts = urllib.parse.urlsplit(upstream)
        if parts.scheme != "http" or parts.hostname is None:
            raise ValueError("the hostile proxy relays to a plain-HTTP gateway on this machine")
        self.upstream_host = parts.hostname
        self.upstream_port = parts.port or 80
        self.host = host
        self.requested_port = port
        self.key = key
        self.stop_event = threading.Event()
        self.applied: list[Applied] = []
        self._mutations: list[Mutation] = []
        self._seen: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()
        self._server: _ProxyServer | None = None

    # -- life cycle --------------------------------------------------------------------

    def start(self) -> HostileProxy:
        """Bind and serve in a daemon thread."""
        if self._server is not None:
            raise RuntimeError("the hostile proxy is already running")
        self._server = _ProxyServer((self.host, self.requested_port), self)
        self._serve(self._server, "hostile-proxy")
        return self

    def stop(self) -> None:
        """Stop serving (idempotent); a dribbling answer is cut short."""
        self.stop_event.set()
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()
        self._join()

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>``: point the client here instead of at the gateway."""
        if self._server is None:
            raise RuntimeError("the hostile proxy is not running")
        return f"http://{self.host}:{self._server.server_address[1]}"

    # -- programming -------------------------------------------------------------------

    def arm(
        self, mutation: str, *, endpoint: str | None = None, times: int | None = 1, **options: Any
    ) -> Mutation:
        """Mutate the next ``times`` answers from ``endpoint`` (``None``: any trade path)."""
        if mutation not in MUTATIONS:
            raise ValueError(f"unknown mutation {mutation!r}; expected one of {MUTATIONS}")
        if times is not None and times < 1:
            raise ValueError("times must be at least 1 (or None for 'until cleared')")
        armed = Mutation(mutation, endpoint or None, times, dict(options))
        with self._lock:
            self._mutations.append(armed)
        return armed

    def clear(self) -> None:
        """Disarm every mutation."""
        with self._lock:
            self._mutations.clear()

    def armed(self) -> list[Mutation]:
        """A snapshot of the armed mutations."""
        with self._lock:
            return list(self._mutations)

    def take(self, path: str) -> Mutation | None:
        """The oldest armed mutation matching ``path``, used up by one answer."""
        with self._lock:
            for armed in self._mutations:
                if armed.endpoint is not None and armed.endpoint != path:
                    continue
                if armed.remaining is not None:
                    armed.remaining -= 1
                    if armed.remaining <= 0:
                        self._mutations.remove(armed)
                return armed
        return None

    # -- the relay ---------------------------------------------------------------------

    def forward(self, method: str, target: str, headers: dict[str, str], body: bytes) -> _Answer:
        """Send the request to the gateway unchanged and read its whole answer."""
        connection = http.client.HTTPConnection(self.upstream_host, self.upstream_port, timeout=60)
        try:
            connection.request(method, target, body=body or None, headers=headers)
            response = connection.getresponse()
            data = response.read()
            kept = {k: v for k, v in response.getheaders() if k.lower() not in _HOP_HEADERS}
            answer = _Answer(response.status, kept, data)
        finally:
            connection.close()
        self._remember(answer.body)
        return answer

    def _remember(self, body: bytes) -> None:
        """Keep the records seen so far: the supply of "another order's data"."""
        loaded = _json(body)
        if loaded is None:
            return
        data = loaded.get("data")
        records: list[Any] = data if isinstance(data, list) else [loaded]
        with self._lock:
            for record in records:
                if isinstance(record, dict) and record.get("out_trade_no"):
                    self._seen[str(record["out_trade_no"])] = dict(record)

    def _foreign(
        self, genuine: dict[str, Any], options: dict[str, Any], asked: frozenset[str]
    ) -> dict[str, Any]:
        """Another order's record: given, else one seen before that is not the one asked about."""
        given = options.get("record")
        if isinstance(given, dict):
            return dict(given)
        mine = genuine.get("out_trade_no")
        ours = asked | {str(genuine.get("out_trade_no")), str(genuine.get("syssn"))}
        with self._lock:
            for number, record in reversed(self._seen.items()):
                if number not in ours and str(record.get("syssn")) not in ours:
                    return dict(record)
        twin = dict(genuine)
        twin["out_trade_no"] = f"FOREIGN-{mine or 'ORDER'}"
        syssn = str(genuine.get("syssn") or "20260101000000000000000000")
        twin["syssn"] = syssn[:-1] + ("1" if syssn[-1:] != "1" else "2")
        return twin

    def mutate(
        self, armed: Mutation, path: str, answer: _Answer, *, asked: frozenset[str] = frozenset()
    ) -> _Answer:
        """Apply one mutation to an answer and record the evidence.

        ``asked`` holds the request's parameter values, so "another order" is never the
        order the request was about.
        """
        kind, options = armed.mutation, armed.options
        headers = dict(answer.headers)
        status, body = answer.status, answer.body
        if kind == "unsigned":
            headers = {k: v for k, v in headers.items() if k.lower() not in _SIGN_HEADERS}
        elif kind == "bad_signature":
            good = _header(headers, HEADER_SIGN) or "0" * 32
            headers = {k: v for k, v in headers.items() if k.lower() != HEADER_SIGN.lower()}
            headers[HEADER_SIGN] = ("0" if good[:1] != "0" else "1") + good[1:]
        elif kind == "html":
            status = int(options.get("status", 200))
            body = b"<!doctype html><html><body><h1>Service Unavailable</h1></body></html>"
            headers = {"Content-Type": "text/html; charset=utf-8"}
        elif kind in _BODY_MUTATIONS:
            if kind == "other_order" and path == QUERY_PATH and _json(body) is None:
                body = _dump({"data": [], "page": "1", "page_size": "10"})
            status, body = self._mutate_body(kind, options, status, body, asked)
            headers = {k: v for k, v in headers.items() if k.lower() not in _SIGN_HEADERS}
            headers.setdefault("Content-Type", "application/json; charset=utf-8")
            headers = self._signed(headers, body, answer.headers, options)
        changed = _Answer(status, headers, body)
        with self._lock:
            self.applied.append(
                Applied(kind, path, answer.status, answer.body, status, body, dict(headers))
            )
        return changed

    def _mutate_body(
        self, kind: str, options: dict[str, Any], status: int, body: bytes, asked: frozenset[str]
    ) -> tuple[int, bytes]:
        loaded = _json(body) or {}
        records = loaded.get("data") if isinstance(loaded.get("data"), list) else None
        if kind == "other_order":
            genuine = records[0] if records else loaded
            foreign = self._foreign(genuine if isinstance(genuine, dict) else {}, options, asked)
            foreign.update({"respcd": "0000", "resperr": "success", "respmsg": ""})
            if records is not None:
                loaded["data"] = [foreign]
                loaded.update({"respcd": "0000", "resperr": "success", "respmsg": ""})
            else:
                loaded = foreign
            return 200, _dump(loaded)
        if kind == "huge_body":
            size = int(options.get("size", 16 * 1024 * 1024))
            base = _dump(loaded)
            padding = max(0, size - len(base) - len(',"padding":""'))
            loaded["padding"] = "x" * padding
            return status, _dump(loaded)
        targets = [r for r in records if isinstance(r, dict)] if records is not None else [loaded]
        if kind == "foreign_record":
            if records is None:  # a flat answer: its order fields become another order's
                foreign = self._foreign(loaded, options, asked)
                kept = {k: loaded[k] for k in ("respcd", "resperr", "respmsg") if k in loaded}
                return status, _dump({**foreign, **kept})
            genuine = targets[0] if targets else {}
            records.insert(0, self._foreign(genuine, options, asked))
        for record in targets:
            if kind == "amount":
                old = int(str(record.get("txamt") or 0))
                record["txamt"] = str(options.get("txamt", old + 1))
            elif kind == "currency":
                old_currency = record.get("txcurrcd")
                default = "HKD" if old_currency == "USD" else "USD"
                record["txcurrcd"] = str(options.get("txcurrcd", default))
            elif kind == "no_out_trade_no":
                record.pop("out_trade_no", None)
        return status, _dump(loaded)

    def _signed(
        self,
        headers: dict[str, str],
        body: bytes,
        original: dict[str, str],
        options: dict[str, Any],
    ) -> dict[str, str]:
        if self.key is not None and options.get("resign", True):
            sign_type = parse_sign_type(_header(original, HEADER_SIGNTYPE))
            headers[HEADER_SIGN] = sign_body(body, self.key, sign_type)
            headers[HEADER_SIGNTYPE] = sign_type
        else:
            for name in (HEADER_SIGN, HEADER_SIGNTYPE):
                value = _header(original, name)
                if value is not None:
                    headers[name] = value
        return headers


_SIGN_HEADERS = frozenset({HEADER_SIGN.lower(), HEADER_SIGNTYPE.lower()})


def _header(headers: dict[str, str], name: str) -> str | None:
    return next((v for k, v in headers.items() if k.lower() == name.lower()), None)


def _json(body: bytes) -> dict[str, Any] | None:
    try:
        loaded = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return loaded if isinstance(loaded, dict) else None


def _dump(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
