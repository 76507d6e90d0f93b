"""Fixtures for the training gateway tests: a real gateway on 127.0.0.1 and a raw signed wire.

The tests talk to the gateway the way any QFPay client would, with httpx and the shared
signing helpers, and never through ``pos_app.qfpay.client`` (that pairing is tested by the
client's own integration tests).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import httpx
import pytest

from pos_app.qfpay.signing import (
    HEADER_APPCODE,
    HEADER_SIGN,
    HEADER_SIGNTYPE,
    SignType,
    sign,
    verify_body,
)
from pos_app.training import TRAINING_CREDENTIALS, TrainingGateway

KEY = TRAINING_CREDENTIALS.client_key
APP_CODE = TRAINING_CREDENTIALS.app_code
PAID_CODE = "134567890123450001"
_numbers = itertools.count(1)


def now_txdtm() -> str:
    return datetime.now().strftime("%Y-%m-%d %H:%M:%S")


def new_out_trade_no() -> str:
    return f"T01-{datetime.now():%H%M%S}-{next(_numbers):06d}"


class Wire:
    """Signed raw HTTP calls to a gateway, with the answer's signature checked."""

    def __init__(self, gateway: TrainingGateway) -> None:
        self.gateway = gateway
        self.http = httpx.Client(base_url=gateway.base_url, timeout=5.0)

    def send(
        self,
        path: str,
        params: dict[str, Any],
        *,
        method: str = "POST",
        sign_type: str | None = None,
        key: str = KEY,
        app_code: str = APP_CODE,
        signature: str | None = None,
        timeout: float | None = None,
    ) -> httpx.Response:
        clean = {k: str(v) for k, v in params.items() if v is not None and v != ""}
        headers = {
            HEADER_APPCODE: app_code,
            HEADER_SIGN: signature or sign(clean, key, sign_type or "MD5"),  # type: ignore[arg-type]
        }
        if sign_type is not None:
            headers[HEADER_SIGNTYPE] = sign_type
        extra: dict[str, Any] = {}
        if timeout is not None:
            extra["timeout"] = timeout
        if method == "GET":
            return self.http.get(path, params=clean, headers=headers, **extra)
        return self.http.post(path, data=clean, headers=headers, **extra)

    def call(self, path: str, params: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        response = self.send(path, params, **kwargs)
        assert response.status_code == 200, response.text
        sign_type: SignType = "SHA256" if kwargs.get("sign_type") == "SHA256" else "MD5"
        assert verify_body(response.content, KEY, response.headers[HEADER_SIGN], sign_type)
        answer = response.json()
        assert isinstance(answer["respcd"], str)
        return answer

    def pay(self, **overrides: Any) -> dict[str, Any]:
        params: dict[str, Any] = {
            "txamt": 1000,
            "txcurrcd": "HKD",
            "pay_type": "800008",
            "out_trade_no": new_out_trade_no(),
            "txdtm": now_txdtm(),
            "auth_code": PAID_CODE,
        }
        params.update(overrides)
        return self.call("/trade/v1/payment", params)

    def mpm(self, **overrides: Any) -> dict[str, Any]:
        overrides.setdefault("pay_type", "800201")
        overrides.setdefault("auth_code", None)
        return self.pay(**overrides)

    def query(self, **params: Any) -> dict[str, Any]:
        return self.call("/trade/v1/query", params)

    def record(self, out_trade_no: str) -> dict[str, Any]:
        data = self.query(out_trade_no=out_trade_no)["data"]
        assert len(data) == 1
        return data[0]

    def refund(self, syssn: str, txamt: int, **overrides: Any) -> dict[str, Any]:
        params: dict[str, Any] = {
            "syssn": syssn,
            "out_trade_no": new_out_trade_no(),
            "txamt": txamt,
            "txdtm": now_txdtm(),
        }
        params.update(overrides)
        return self.call("/trade/v1/refund", params)

    def cancel(self, endpoint: str = "reversal", **params: Any) -> dict[str, Any]:
        params.setdefault("txdtm", now_txdtm())
        method = params.pop("method", "POST")
        return self.call(f"/trade/v1/{endpoint}", params, method=method)

    def close(self) -> None:
        self.http.close()


@pytest.fixture
def gateway() -> Iterator[TrainingGateway]:
    with TrainingGateway() as gw:
        yield gw


@pytest.fixture
def wire(gateway: TrainingGateway) -> Iterator[Wire]:
    w = Wire(gateway)
    yield w
    w.close()
