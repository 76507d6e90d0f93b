"""What the client puts on the wire, against a stand-in for the (unreachable) QFPay hosts.

Only the hosted QFPay environment is replaced here (httpx.MockTransport); everything the
client does before and after the socket is real.  The end-to-end behaviour runs against the
training gateway in test_client_gateway.py.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from urllib.parse import parse_qsl

import httpx
import pytest

from pos_app.qfpay.client import QFPayClient, format_txdtm
from pos_app.qfpay.environments import resolve_environment
from pos_app.qfpay.errors import (
    ConfigurationError,
    DeclinedError,
    MerchantError,
    OutcomeUnknownError,
    QFPayError,
    RequestValidationError,
    ResponseError,
    SignatureError,
    TransportError,
)
from pos_app.qfpay.models import Credentials
from pos_app.qfpay.ratelimit import RateLimiter
from pos_app.qfpay.signing import sign, sign_body

KEY = "SECRETKEY0123456789ABCDEFSECRETK"
AUTH = "134567890123455678"


class Host:
    """Records requests and answers with a programmable body (a fake QFPay host)."""

    def __init__(self, answer: dict[str, object] | None = None) -> None:
        self.requests: list[httpx.Request] = []
        self.answer = answer or {"respcd": "0000", "syssn": "S1", "out_trade_no": "T-1"}
        self.status = 200
        self.headers: dict[str, str] = {}
        self.sign_answers = (
            True  # QFPay signs its answers (000); tests of unsigned ones turn it off
        )

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        body = json.dumps(self.answer).encode()
        headers = dict(self.headers)
        if self.sign_answers and "X-QF-SIGN" not in headers:  # a test's own signature wins
            algorithm = request.headers.get("X-QF-SIGNTYPE", "MD5")
            headers["X-QF-SIGN"] = sign_body(body, KEY, algorithm)  # type: ignore[arg-type]
        return httpx.Response(self.status, content=body, headers=headers)

    def form(self, index: int = -1) -> dict[str, str]:
        return dict(parse_qsl(self.requests[index].content.decode(), keep_blank_values=True))


def make_client(host: Host, creds: Credentials | None = None, **kwargs: object) -> QFPayClient:
    env = resolve_environment("prod", "hk")
    return QFPayClient(
        creds or Credentials("APPCODE0001", KEY, mchid="MCH123", environment="prod"),
        env,
        transport=httpx.MockTransport(host),
        rate_limiter=RateLimiter(1000, 1000),
        now=lambda: datetime(2026, 11, 21, 15, 4, 5),
        sleep=lambda s: None,
        **kwargs,  # type: ignore[arg-type]
    )


def test_payment_request_shape_and_signature() -> None:
    host = Host()
    with make_client(host) as client:
        result = client.pay(
            out_trade_no="T-1",
            txamt=1234,
            txcurrcd="HKD",
            pay_type="800208",
            auth_code=f" {AUTH}\n",
            goods_name="奶茶 蛋撻 2",
        )
    assert result.syssn == "S1" and result.status.code == "0000"
    request = host.requests[0]
    assert str(request.url) == "https://openapi-hk.qfapi.com/trade/v1/payment"
    assert request.method == "POST"
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    assert request.headers["x-qf-appcode"] == "APPCODE0001"
    assert "x-qf-signtype" not in request.headers
    assert len(request.headers["x-request-id"]) == 32
    form = host.form()
    assert form == {
        "mchid": "MCH123",
        "out_trade_no": "T-1",
        "txamt": "1234",
        "txcurrcd": "HKD",
        "pay_type": "800208",
        "txdtm": "2026-11-21 15:04:05",
        "auth_code": AUTH,
        "goods_name": "奶茶 蛋撻 2",
    }
    text = "&".join(f"{k}={form[k]}" for k in sorted(form)) + KEY
    assert request.headers["x-qf-sign"] == hashlib.md5(text.encode()).hexdigest().upper()


def test_sha256_and_no_mchid_when_merchant_has_none() -> None:
    host = Host({"respcd": "0000", "qrcode": "https://qr.example/x"})
    creds = Credentials("APPCODE0001", KEY, environment="prod")
    with make_client(host, creds, sign_type="SHA256") as client:
        result = client.pay(
            out_trade_no="T-1", txamt=5, txcurrcd="HKD", pay_type="800201", expired_time=5
        )
    assert result.qrcode == "https://qr.example/x"
    request = host.requests[0]
    assert request.headers["x-qf-signtype"] == "SHA256"
    form = host.form()
    assert "mchid" not in form and "auth_code" not in form and form["expired_time"] == "5"
    assert request.headers["x-qf-sign"] == sign(form, KEY, "SHA256")


def test_txdtm_is_24_hour_local_time() -> None:
    for hour in range(13, 24):
        text = format_txdtm(datetime(2026, 11, 21, hour, 7, 9))
        assert text == f"2026-11-21 {hour}:07:09"
    assert format_txdtm(datetime(2026, 1, 2, 3, 4, 5)) == "2026-01-02 03:04:05"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"pay_type": "800208"}, "needs the customer's code"),
        ({"pay_type": "800208", "auth_code": "4006123456789"[:9]}, "not a payment code"),
        ({"pay_type": "800201", "auth_code": AUTH}, "takes no code"),
        ({"pay_type": "800210"}, "not a counter payment"),
        ({"pay_type": "802001", "expired_time": 10}, "does not support expired_time"),
        ({"pay_type": "800201", "expired_time": 4}, "between 5 and 120"),
        ({"pay_type": "800201", "expired_time": 121}, "between 5 and 120"),
        ({"pay_type": "800201", "goods_name": "x" * 21}, "longer than 20"),
        ({"pay_type": "800201", "goods_name": "tea & cake"}, "letters, digits and spaces"),
        ({"pay_type": "800201", "goods_name": "a=1"}, "letters, digits and spaces"),
        ({"pay_type": "800201", "goods_name": "100%"}, "letters, digits and spaces"),
        ({"pay_type": "800201", "txamt": 0}, "more than zero"),
        ({"pay_type": "800201", "txamt": 1.5}, "integer"),
        ({"pay_type": "800201", "out_trade_no": "A,B"}, "commas"),
        ({"pay_type": "800201", "txcurrcd": "XYZ"}, "not a currency"),
    ],
)
def test_payment_validation_sends_nothing(kwargs: dict[str, object], message: str) -> None:
    host = Host()
    args: dict[str, object] = {"out_trade_no": "T-1", "txamt": 100, "txcurrcd": "HKD"}
    args.update(kwargs)
    with make_client(host) as client, pytest.raises(RequestValidationError, match=message):
        client.pay(**args)  # type: ignore[arg-type]
    assert host.requests == []


def test_query_joins_ids_and_validates_dates() -> None:
    host = Host({"respcd": "0000", "data": [{"syssn": "S1", "respcd": "0000"}]})
    with make_client(host) as client:
        records = client.query(
            out_trade_no=["A-1", "A-2"],
            page_size=100,
            start_time="2026-02-01 00:00:00",
            end_time="2026-02-28 23:59:59",
        )
        assert records[0].syssn == "S1"
        form = host.form()
        assert form["out_trade_no"] == "A-1,A-2" and form["page_size"] == "100"
        with pytest.raises(RequestValidationError, match="within one calendar month"):
            client.query(start_time=datetime(2026, 1, 1), end_time=datetime(2026, 2, 2))
        # 001: "within one calendar month": a short window across a month end is two.
        with pytest.raises(RequestValidationError, match="within one calendar month"):
            client.query(start_time=datetime(2026, 1, 31), end_time=datetime(2026, 2, 1))
        with pytest.raises(RequestValidationError, match="before"):
            client.query(start_time=datetime(2026, 1, 2), end_time=datetime(2026, 1, 1))
        with pytest.raises(RequestValidationError, match="at most 100"):
            client.query(syssn="S1", page_size=101)
    assert len(host.requests) == 1


def test_credentials_for_another_environment_are_refused() -> None:
    test_creds = Credentials("APPCODE0001", KEY, environment="test")
    with pytest.raises(ConfigurationError, match="'test' environment"):
        QFPayClient(test_creds, resolve_environment("prod", "hk"))
    with pytest.raises(ConfigurationError, match="'test' environment"):
        QFPayClient(test_creds, "https://openapi-hk.qfapi.com")
    with pytest.raises(ConfigurationError):
        QFPayClient(test_creds, "http://openapi-hk.qfapi.com")
    with pytest.raises(ConfigurationError):
        QFPayClient(test_creds, resolve_environment("test", "hk"), sign_type="SHA1")  # type: ignore[arg-type]
    client = QFPayClient(test_creds, resolve_environment("test", "eu"))
    assert client.base_url == "https://test-openapi-eur.qfapi.com"
    assert KEY not in repr(client)
    client.close_client()


def test_hosts_named_only_by_004_or_only_for_prod_still_refuse_other_credentials() -> None:
    prod_creds = Credentials("APPCODE0001", KEY, environment="prod")
    with pytest.raises(ConfigurationError, match="'prod' environment"):
        QFPayClient(prod_creds, "https://openapi-int.qfapi.com")  # 004's sandbox
    test_creds = Credentials("APPCODE0001", KEY, environment="test")
    with pytest.raises(ConfigurationError, match="'test' environment"):
        QFPayClient(test_creds, "https://openapi-jp.qfapi.com")  # Japan's only host is prod
    QFPayClient(prod_creds, "https://openapi-jp.qfapi.com").close_client()


def test_answer_signature_checked_when_present() -> None:
    host = Host()
    host.sign_answers = True
    with make_client(host) as client:
        assert client.query(syssn="S1") == []
        host.sign_answers = False
        host.headers = {"X-QF-SIGN": "0" * 32}
        with pytest.raises(SignatureError) as info:
            client.pay(
                out_trade_no="T-1", txamt=1, txcurrcd="HKD", pay_type="800208", auth_code=AUTH
            )
    assert info.value.request_id == host.requests[-1].headers["x-request-id"]


def test_answer_signed_the_002_way_over_sorted_data_fields_is_accepted() -> None:
    data = {"txamt": "100", "out_trade_no": "T-1", "txstatus": "SUCCESS", "qf_trade_no": "Q9"}
    answer = {"respcd": "0000", "respmsg": "success", "data": data}
    host = Host(answer)
    text = "out_trade_no=T-1&qf_trade_no=Q9&txamt=100&txstatus=SUCCESS" + KEY
    host.headers = {"X-QF-SIGN": hashlib.md5(text.encode()).hexdigest().upper()}
    with make_client(host) as client:
        result = client.pay(
            out_trade_no="T-1", txamt=100, txcurrcd="HKD", pay_type="800208", auth_code=AUTH
        )
        assert result.respcd == "0000" and result.syssn == "Q9"
        host.answer = {**answer, "data": {**data, "txamt": "1"}}  # same signature, other data
        with pytest.raises(SignatureError):
            client.query(out_trade_no="T-1")


def test_declined_raises_and_answer_for_other_order_is_refused() -> None:
    host = Host({"respcd": "1202", "respmsg": "bad code"})
    with make_client(host) as client:
        with pytest.raises(DeclinedError) as info:
            client.pay(
                out_trade_no="T-1", txamt=1, txcurrcd="HKD", pay_type="800208", auth_code=AUTH
            )
        assert info.value.respcd == "1202" and info.value.endpoint == "/trade/v1/payment"
        host.answer = {"respcd": "0000", "out_trade_no": "OTHER"}
        with pytest.raises(Exception, match="another order"):
            client.pay(
                out_trade_no="T-2", txamt=1, txcurrcd="HKD", pay_type="800208", auth_code=AUTH
            )


def test_payment_is_never_resent_on_503() -> None:
    host = Host()
    host.status = 503
    with make_client(host) as client, pytest.raises(TransportError) as info:
        client.pay(out_trade_no="T-1", txamt=1, txcurrcd="HKD", pay_type="800208", auth_code=AUTH)
    assert len(host.requests) == 1
    assert info.value.http_status == 503


def test_non_json_error_page_names_the_http_status() -> None:
    def host(request: httpx.Request) -> httpx.Response:
        return httpx.Response(404, content=b"<html>Not Found</html>")

    client = QFPayClient(
        Credentials("APPCODE0001", KEY, environment="prod"),
        resolve_environment("prod", "sg"),
        transport=httpx.MockTransport(host),
        rate_limiter=RateLimiter(1000, 1000),
    )
    with client, pytest.raises(ResponseError, match=r"not JSON \(HTTP 404\)") as info:
        client.query(syssn="S1")
    assert isinstance(info.value, OutcomeUnknownError)


def test_statement_must_be_a_zip() -> None:
    host = Host({"respcd": "1104", "respmsg": "bad date"})
    with make_client(host) as client:
        with pytest.raises(MerchantError) as info:
            client.download_statement("2026-11-20")
        assert info.value.respcd == "1104"
        assert host.requests[0].method == "GET"
        assert host.requests[0].url.params["trade_date"] == "2026-11-20"
        assert "mchid" not in host.requests[0].url.params
        host.answer = {"respcd": "0000"}
        with pytest.raises(ResponseError, match="not a zip"):
            client.download_statement("2026-11-20")
        with pytest.raises(RequestValidationError):
            client.download_statement("20/11/2026")


def test_an_unsigned_answer_is_never_evidence_even_as_the_first_answer() -> None:
    """000 tells integrators to verify the answer's signature: QFPay signs what it says.

    A CLI ``pay`` is often a process's first exchange, so "accept unsigned until the gateway
    has signed once" let a proxy's unsigned "paid" through; it is unknown now (and queried).
    """
    host = Host({"respcd": "0000", "syssn": "S1", "out_trade_no": "T-1", "txamt": "1"})
    host.sign_answers = False
    with make_client(host) as client, pytest.raises(SignatureError, match="not signed"):
        client.pay(out_trade_no="T-1", txamt=1, txcurrcd="HKD", pay_type="800208", auth_code=AUTH)


def test_an_unsigned_signature_refusal_is_still_the_refusal() -> None:
    """A gateway that rejects our signature cannot sign with a key we disagree on."""
    host = Host({"respcd": "1108", "respmsg": "signature error"})
    host.sign_answers = False
    with make_client(host) as client, pytest.raises(QFPayError) as info:
        client.pay(out_trade_no="T-1", txamt=1, txcurrcd="HKD", pay_type="800208", auth_code=AUTH)
    assert info.value.respcd == "1108"
    assert not isinstance(info.value, SignatureError)
