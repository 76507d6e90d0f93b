"""A real HTTP server on 127.0.0.1 that answers after ``?wait=`` seconds and notes each request
that reached it (path and ``time.monotonic()``), with a one-thread ``BoundedExchange`` on it:
a second call queues behind a slow first one, which is what the not-sent tests need."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import httpx

from pos_app.qfpay.transport import BoundedExchange, Interrupt, RawAnswer


class SlowHandler(BaseHTTPRequestHandler):
    seen: ClassVar[list[tuple[str, float]]] = []

    def do_GET(self) -> None:
        type(self).seen.append((self.path, time.monotonic()))
        if "wait=" in self.path:
            time.sleep(float(self.path.split("wait=", 1)[1]))
        body = b'{"respcd": "0000"}'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        del format, args


def seen_paths() -> list[str]:
    """The paths that reached the server, in order."""
    return [path for path, _ in SlowHandler.seen]


@contextmanager
def one_thread_exchange() -> Iterator[BoundedExchange]:
    """The server, and an exchange with one pool thread on it."""
    SlowHandler.seen = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), SlowHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        with httpx.Client(base_url=base, timeout=10.0) as http:
            one = BoundedExchange(http, max_workers=1)
            yield one
            one.close()
    finally:
        httpd.shutdown()
        httpd.server_close()


def run_get(
    exchange: BoundedExchange, path: str, deadline_at: float, cancel: Interrupt | None = None
) -> RawAnswer:
    request = exchange._http.build_request("GET", path)
    return exchange.run(request, deadline_at=deadline_at, max_bytes=1 << 20, cancel=cancel)


def occupy(exchange: BoundedExchange, seconds: float) -> threading.Thread:
    """Keep the one pool thread busy with a slow request that reached the server."""
    path = f"/busy?wait={seconds}"
    busy = threading.Thread(target=run_get, args=(exchange, path, time.monotonic() + 5.0))
    busy.start()
    while seen_paths() != [path]:
        time.sleep(0.01)
    return busy
