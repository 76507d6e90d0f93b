"""Signatures (MD5 and SHA256), app code, the mchid rule and field validation."""

from __future__ import annotations

from typing import Any

import pytest

from pos_app.qfpay.signing import HEADER_SIGN, HEADER_SIGNTYPE, SignType, sign_body
from pos_app.training import TRAINING_CREDENTIALS, TrainingGateway

from .conftest import KEY, PAID_CODE, Wire, new_out_trade_no, now_txdtm


def _payment(**overrides: Any) -> dict[str, Any]:
    params: dict[str, Any] = {
        "txamt": 1000,
        "txcurrcd": "HKD",
        "pay_type": "800008",
        "out_trade_no": new_out_trade_no(),
        "txdtm": now_txdtm(),
        "auth_code": PAID_CODE,
    }
    params.update(overrides)
    return params


@pytest.mark.parametrize("sign_type", [None, "MD5", "SHA256"])
def test_good_signature_is_accepted_and_answer_signed_with_same_algorithm(
    wire: Wire, sign_type: str | None
) -> None:
    response = wire.send("/trade/v1/payment", _payment(), sign_type=sign_type)
    assert response.json()["respcd"] == "0000"
    algorithm: SignType = "SHA256" if sign_type == "SHA256" else "MD5"
    assert response.headers[HEADER_SIGN] == sign_body(response.content, KEY, algorithm)
    assert response.headers[HEADER_SIGNTYPE] == algorithm


@pytest.mark.parametrize("sign_type", ["MD5", "SHA256"])
def test_bad_signature_is_refused_with_1108_and_nothing_recorded(
    wire: Wire, gateway: TrainingGateway, sign_type: str | None
) -> None:
    params = _payment()
    answer = wire.call("/trade/v1/payment", params, sign_type=sign_type, key="not-the-key")
    assert answer["respcd"] == "1108"
    assert gateway.store.by_out_trade_no(params["out_trade_no"]) is None


def test_md5_signature_sent_as_sha256_is_refused(wire: Wire) -> None:
    from pos_app.qfpay.signing import sign

    params = _payment()
    md5 = sign(params, KEY, "MD5")
    answer = wire.call("/trade/v1/payment", params, sign_type="SHA256", signature=md5)
    assert answer["respcd"] == "1108"


def test_tampered_parameter_breaks_the_signature(wire: Wire) -> None:
    params = _payment()
    from pos_app.qfpay.signing import sign

    signature = sign(params, KEY, "MD5")
    params["txamt"] = 1
    assert wire.call("/trade/v1/payment", params, signature=signature)["respcd"] == "1108"


def test_unknown_app_code_and_unknown_sign_type_are_refused(wire: Wire) -> None:
    assert wire.call("/trade/v1/payment", _payment(), app_code="SOMEONE-ELSE")["respcd"] == "1108"
    params = _payment()
    from pos_app.qfpay.signing import sign

    response = wire.send(
        "/trade/v1/payment", params, sign_type="SHA1", signature=sign(params, KEY, "MD5")
    )
    assert response.json()["respcd"] == "1108"


def test_mchid_sent_when_none_was_issued_is_refused(wire: Wire) -> None:
    assert wire.pay(mchid="ZaMVg12345")["respcd"] == "1104"


def test_gateway_with_mchid_requires_it() -> None:
    with TrainingGateway(mchid="ZaMVg12345") as gw:
        w = Wire(gw)
        try:
            assert w.pay()["respcd"] == "1104"
            assert w.pay(mchid="OTHER")["respcd"] == "1104"
            assert w.pay(mchid="ZaMVg12345")["respcd"] == "0000"
            assert w.query(mchid="ZaMVg12345")["respcd"] == "0000"
            assert w.query()["respcd"] == "1104"
            # The statement never takes a mchid.
            bill = w.send("/download/v1/trade_bill", {"trade_date": "2026-01-01"}, method="GET")
            assert bill.headers["Content-Type"] == "application/zip"
        finally:
            w.close()


def test_credentials_mchid_is_used_when_not_given_explicitly() -> None:
    from pos_app.qfpay.models import Credentials

    creds = Credentials(
        app_code=TRAINING_CREDENTIALS.app_code, client_key=KEY, mchid="MCH1", environment="training"
    )
    with TrainingGateway(credentials=creds) as gw:
        w = Wire(gw)
        try:
            assert w.pay()["respcd"] == "1104"
            assert w.pay(mchid="MCH1")["respcd"] == "0000"
        finally:
            w.close()


@pytest.mark.parametrize(
    ("overrides", "respcd"),
    [
        ({"txamt": None}, "1104"),
        ({"txamt": 0}, "1104"),
        ({"txamt": 100_000_000_000}, "1104"),
        ({"txamt": "12.50"}, "1103"),
        ({"txamt": "-5"}, "1103"),
        ({"txcurrcd": "XYZ"}, "1104"),
        ({"txcurrcd": None}, "1104"),
        ({"pay_type": "123456"}, "1104"),
        ({"out_trade_no": None}, "1104"),
        ({"out_trade_no": "x" * 129}, "1104"),
        ({"txdtm": None}, "1104"),
        ({"txdtm": "2026-11-21 3:05:00 PM"}, "1103"),
        ({"txdtm": "2026/11/21 15:05:00"}, "1103"),
        ({"txdtm": "2026-02-30 15:05:00"}, "1103"),
        ({"goods_name": "g" * 65}, "1104"),
        ({"auth_code": None}, "1104"),
        ({"expired_time": "10"}, "1104"),  # CPM 800008 does not take expired_time
    ],
)
def test_invalid_payment_fields_get_documented_codes(
    wire: Wire, gateway: TrainingGateway, overrides: dict[str, Any], respcd: str
) -> None:
    params = _payment(**overrides)
    answer = wire.call("/trade/v1/payment", params)
    assert answer["respcd"] == respcd, answer
    assert answer["resperr"]
    assert gateway.store.all() == []


def test_amount_bounds_are_inclusive(wire: Wire) -> None:
    assert wire.pay(txamt=1)["respcd"] == "0000"
    assert wire.pay(txamt=99_999_999_999)["respcd"] == "0000"


def test_goods_name_of_64_characters_is_accepted(wire: Wire) -> None:
    assert wire.pay(goods_name="品" * 64)["respcd"] == "0000"


@pytest.mark.parametrize(("minutes", "respcd"), [("4", "1104"), ("121", "1104"), ("ten", "1103")])
def test_expired_time_outside_5_to_120_is_refused(wire: Wire, minutes: str, respcd: str) -> None:
    assert wire.mpm(pay_type="800201", expired_time=minutes)["respcd"] == respcd


@pytest.mark.parametrize("minutes", ["5", "120"])
def test_expired_time_bounds_accepted_for_types_that_support_it(wire: Wire, minutes: str) -> None:
    answer = wire.mpm(pay_type="800101", expired_time=minutes)
    assert answer["respcd"] == "1143"
    assert answer["qrcode"]


def test_expired_time_refused_for_mpm_type_without_it(wire: Wire) -> None:
    assert wire.mpm(pay_type="802001", expired_time="10")["respcd"] == "1104"


def test_auth_code_on_mpm_type_is_refused(wire: Wire) -> None:
    assert wire.pay(pay_type="800201")["respcd"] == "1104"


def test_repeated_parameter_is_a_format_error(wire: Wire) -> None:
    params = _payment()
    from urllib.parse import urlencode

    from pos_app.qfpay.signing import sign

    body = urlencode(params) + "&txamt=5"
    response = wire.http.post(
        "/trade/v1/payment",
        content=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "X-QF-APPCODE": TRAINING_CREDENTIALS.app_code,
            "X-QF-SIGN": sign(params, KEY),
        },
    )
    assert response.json()["respcd"] == "1103"


def test_payment_over_get_is_not_allowed(wire: Wire) -> None:
    response = wire.send("/trade/v1/payment", _payment(), method="GET")
    assert response.status_code == 405
    assert "POST" in response.headers["Allow"]


def test_unknown_path_is_404(wire: Wire) -> None:
    assert wire.http.post("/trade/v1/nothing").status_code == 404


def test_card_present_type_is_refused_and_online_type_gets_a_qr(wire: Wire) -> None:
    assert wire.pay(pay_type="802808", auth_code=None)["respcd"] == "1104"
    online = wire.mpm(pay_type="801512")
    assert online["respcd"] == "1143"
    assert "/training/v1/qr/" in online["qrcode"]


def test_body_that_is_not_utf8_form_is_a_format_error(wire: Wire) -> None:
    from pos_app.qfpay.signing import sign

    response = wire.http.post(
        "/trade/v1/query",
        content=b"syssn=\xff\xfe",
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "X-QF-APPCODE": TRAINING_CREDENTIALS.app_code,
            "X-QF-SIGN": sign({}, KEY),
        },
    )
    assert response.json()["respcd"] == "1103"
