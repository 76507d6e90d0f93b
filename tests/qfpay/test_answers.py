"""Reading answers from raw bytes, in every shape the documents show, and notifications."""

from __future__ import annotations

import hashlib
import json

import pytest

from pos_app.qfpay.errors import ResponseError, SignatureError
from pos_app.qfpay.models import Credentials, parse_answer, parse_notification, trade_record
from pos_app.qfpay.status import StatusClass

KEY = "NOTIFYKEY0000000000000000000000X"

FLAT_PAYMENT = b"""{
  "pay_type": "800108", "sysdtm": "2026-11-21 15:20:54", "txdtm": "2026-11-21 15:20:54",
  "txcurrcd": "HKD", "txamt": 10, "resperr": "ok", "respmsg": "OK",
  "out_trade_no": "T-1", "syssn": "20261121000300020081074842", "respcd": "0000"
}"""

WRAPPED_002 = b"""{"respcd": "0000", "respmsg": "success", "data": {
  "txamt": "100", "out_trade_no": "T-2", "txcurrcd": "HKD", "txstatus": "PENDING",
  "qf_trade_no": "9000020231101000001", "pay_type": "800101", "txdtm": "2023-11-01 10:00:00"}}"""

# The reference's query example, verbatim in shape: a bare 0000 (not valid JSON) and a list.
QUERY_DOC = b"""{
"respmsg": "", "resperr": "ok", "respcd": 0000,
"data": [{"cancel": "0", "pay_type": "800101", "order_type": "payment",
 "out_trade_no": "T-3", "syssn": "20191227000200020061752831", "txcurrcd": "EUR",
 "txamt": "10", "respcd": "0000", "errmsg": "success"},
 {"cancel": "0", "pay_type": "800101", "order_type": "payment",
 "out_trade_no": "T-3", "syssn": "20191227000200020061752832", "txamt": "10",
 "respcd": "1143"}],
"page": "1", "page_size": "10"
}"""


def test_flat_form() -> None:
    answer = parse_answer(FLAT_PAYMENT)
    respcd, record = answer.single()
    assert respcd == "0000"
    assert record["syssn"] == "20261121000300020081074842"
    assert record["txamt"] == 10


def test_wrapped_form_maps_002_names() -> None:
    respcd, record = parse_answer(WRAPPED_002).single()
    assert respcd == "1145"  # txstatus PENDING wins over the envelope's success
    assert record["syssn"] == "9000020231101000001"
    assert record["out_trade_no"] == "T-2"


def test_wrapped_list_with_bare_numeric_respcd() -> None:
    answer = parse_answer(QUERY_DOC)
    assert answer.respcd == "0000"
    records = [trade_record(r) for r in answer.records]
    assert [r.status.status_class for r in records] == [
        StatusClass.SUCCESS,
        StatusClass.IN_PROGRESS,
    ]
    assert records[0].order_type == "payment" and records[0].txamt == 10


@pytest.mark.parametrize(
    ("body", "respcd"),
    [
        (b'{"respcd": 1143}', "1143"),
        (b'{"respcd": 0}', "0000"),
        (b'{"respcd": "1202", "respmsg": "bad code"}', "1202"),
        (b'{"respcd": "0000", "data": {"txstatus": "FAILED"}}', "1205"),
        (b'{"respcd": "0000", "data": {"txstatus": "SUCCESS"}}', "0000"),
    ],
)
def test_respcd_forms(body: bytes, respcd: str) -> None:
    assert parse_answer(body).single()[0] == respcd


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"<html>502 Bad Gateway</html>", "not JSON"),
        (b"", "not JSON"),
        (b'{"respcd": 0000, ', "not JSON"),
        (b"\xff\xfe", "not UTF-8"),
        (b"[1, 2]", "not a JSON object"),
        (b'{"resperr": "success", "syssn": "1"}', "no respcd"),
        (b'{"respcd": null}', "unreadable"),
        (b'{"respcd": true}', "unreadable"),
        (b'{"respcd": "0000", "data": 5}', "neither object nor list"),
    ],
)
def test_unreadable_answers_raise(body: bytes, message: str) -> None:
    with pytest.raises(ResponseError, match=message) as info:
        parse_answer(body, endpoint="/trade/v1/payment", request_id="rid-1")
    assert info.value.endpoint == "/trade/v1/payment"
    assert info.value.request_id == "rid-1"


def test_notification_verified_then_parsed() -> None:
    body = json.dumps(
        {
            "status": "1",
            "pay_type": "800101",
            "txamt": "10",
            "out_trade_no": "T-9",
            "syssn": "20200514000300020093755455",
            "cancel": "0",
            "respcd": "0000",
            "notify_type": "payment",
        }
    ).encode()
    signature = hashlib.md5(body + KEY.encode()).hexdigest().upper()
    record = parse_notification(body, {"x-qf-sign": signature}, KEY)
    assert record.status.status_class is StatusClass.SUCCESS
    assert record.notify_type == "payment" and record.txamt == 10
    with pytest.raises(SignatureError):
        parse_notification(body.replace(b'"10"', b'"99"'), {"X-QF-SIGN": signature}, KEY)
    with pytest.raises(SignatureError, match="no signature"):
        parse_notification(body, {}, KEY)


def test_credentials_never_show_the_key() -> None:
    creds = Credentials("APPCODE123", KEY, mchid="", environment=" Prod ")
    assert KEY not in repr(creds) and KEY not in str(creds)
    assert creds.mchid is None and creds.environment == "prod"
    env = {"QFPAY_APPCODE": "A", "QFPAY_KEY": "K", "QFPAY_ENV": "test"}
    assert Credentials.from_environ(env).environment == "test"
