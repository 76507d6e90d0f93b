"""Sending QFPay-style notifications the way 001 describes, and a back office to receive them."""

from __future__ import annotations

import hashlib
import json
import threading
import time
from typing import Any

import httpx

from pos_app.chain.backoffice import build_server, create_app
from pos_app.credentials import training_credentials

KEY = training_credentials().client_key


def notification(
    out_trade_no: str,
    txamt: int,
    *,
    syssn: str = "20261130000200020000000001",
    notify_type: str = "payment",
    txcurrcd: str = "HKD",
    **extra: Any,
) -> dict[str, Any]:
    """A body shaped like 001's example."""
    body = {
        "status": "1",
        "pay_type": "800208",
        "sysdtm": "2026-11-30 10:32:58",
        "paydtm": "2026-11-30 10:33:35",
        "goods_name": "",
        "txcurrcd": txcurrcd,
        "txdtm": "2026-11-30 10:32:58",
        "txamt": str(txamt),
        "exchange_rate": "",
        "chnlsn2": "",
        "out_trade_no": out_trade_no,
        "syssn": syssn,
        "cash_fee_type": "",
        "cancel": "0",
        "respcd": "0000",
        "goods_info": "",
        "cash_fee": "0",
        "notify_type": notify_type,
        "chnlsn": "2026113022001453561406303428",
        "cardcd": "2088032341453564",
    }
    body.update(extra)
    return body


def sign(raw: bytes, key: str = KEY) -> str:
    """001: MD5 over the raw body followed by the client key, upper-case hex."""
    return hashlib.md5(raw + key.encode()).hexdigest().upper()


def send(
    url: str,
    body: dict[str, Any] | bytes,
    *,
    key: str = KEY,
    signature: str | None = None,
    client: httpx.Client | None = None,
) -> httpx.Response:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    headers = {"Content-Type": "application/json", "X-QF-SIGN": signature or sign(raw, key)}
    if client is not None:
        return client.post(url, content=raw, headers=headers)
    return httpx.post(url, content=raw, headers=headers, timeout=10)


class RunningBackOffice:
    """The real ASGI app on a real uvicorn, in a thread, on a free loopback port."""

    def __init__(self, dsn: str, *, key: str = KEY, password: str | None = None) -> None:
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.base_url = f"http://127.0.0.1:{port}"
        self.url = self.base_url + "/qfpay/notify"
        self.server = build_server(create_app(dsn, key, password=password), f"127.0.0.1:{port}")
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> RunningBackOffice:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the back office did not start")
            time.sleep(0.01)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)
