"""The gateway's own reading of 001: currencies, pay-type modes, codes and signatures.

These facts come from the reference, not from the client's tables (the import-linter
contract in pyproject.toml keeps ``pos_app.training`` from importing ``pos_app.qfpay``).
"""

from __future__ import annotations

import hashlib

import pytest

from pos_app.training import TrainingGateway
from pos_app.training.codes import RESPERR, resperr
from pos_app.training.paytypes import PAY_TYPES, mode_of
from pos_app.training.signing import sign_params, string_to_sign

from .conftest import APP_CODE, KEY, Wire, new_out_trade_no, now_txdtm


@pytest.mark.parametrize("currency", ["AUD", "CAD", "GBP"])
def test_currencies_outside_001_are_refused(wire: Wire, currency: str) -> None:
    assert wire.pay(txcurrcd=currency)["respcd"] == "1104"


@pytest.mark.parametrize("currency", ["AED", "IDR", "JPY", "MMK", "USD"])
def test_currencies_001_lists_are_accepted(wire: Wire, currency: str) -> None:
    assert wire.pay(txcurrcd=currency)["respcd"] == "0000"


def test_pre_authorisation_modes_follow_001s_labels(wire: Wire) -> None:
    # 001 labels 801801 consumer-present and 801808 merchant-present.
    assert mode_of("801801") == "CPM" and mode_of("801808") == "MPM"
    assert wire.pay(pay_type="801801", auth_code=None)["respcd"] == "1104"
    assert "qrcode" in wire.mpm(pay_type="801808")


def test_card_types_and_unknown_types_are_refused(wire: Wire) -> None:
    assert PAY_TYPES["802808"] == "CARD"
    assert wire.pay(pay_type="802808")["respcd"] == "1104"
    assert wire.pay(pay_type="123456")["respcd"] == "1104"


def test_fps_cannot_be_refunded(wire: Wire, gateway: TrainingGateway) -> None:
    order = wire.mpm(pay_type="802001")
    gateway.simulate_scan(order["out_trade_no"])
    assert wire.refund(order["syssn"], 1000)["respcd"] == "1155"


def test_status_table_and_texts() -> None:
    assert len(RESPERR) == 52  # 001 l. 633-684: 0000 and 51 other codes
    assert resperr("0000") == "success"
    assert resperr("1143").endswith("(1143)")
    assert resperr("1136") == "The transaction does not exist or is not operational (1136)"


def test_request_signature_is_001s_recipe() -> None:
    params = {"txamt": "10", "abc": "x&y=z", "goods_name": "奶茶"}
    text = "abc=x&y=z&goods_name=奶茶&txamt=10"
    assert string_to_sign(params) == text
    assert sign_params(params, KEY) == hashlib.md5((text + KEY).encode()).hexdigest().upper()
    assert (
        sign_params(params, KEY, "SHA256")
        == hashlib.sha256((text + KEY).encode()).hexdigest().upper()
    )


def test_an_empty_value_is_signed_as_received(gateway: TrainingGateway, wire: Wire) -> None:
    params = {
        "txamt": "1000",
        "txcurrcd": "HKD",
        "pay_type": "800008",
        "out_trade_no": new_out_trade_no(),
        "txdtm": now_txdtm(),
        "auth_code": "134567890123450001",
        "udid": "",
    }
    headers = {"X-QF-APPCODE": APP_CODE}
    skipped = {k: v for k, v in params.items() if v}
    wrong = wire.http.post(
        "/trade/v1/payment",
        data=params,
        headers={**headers, "X-QF-SIGN": sign_params(skipped, KEY)},
    )
    assert wrong.json()["respcd"] == "1108"
    right = wire.http.post(
        "/trade/v1/payment", data=params, headers={**headers, "X-QF-SIGN": sign_params(params, KEY)}
    )
    assert right.json()["respcd"] == "0000"


def test_lower_case_hex_signatures_are_accepted(wire: Wire) -> None:
    params = {
        "txamt": 1000,
        "txcurrcd": "HKD",
        "pay_type": "800008",
        "out_trade_no": new_out_trade_no(),
        "txdtm": now_txdtm(),
        "auth_code": "134567890123450001",
    }
    text_params = {k: str(v) for k, v in params.items()}
    answer = wire.call("/trade/v1/payment", params, signature=sign_params(text_params, KEY).lower())
    assert answer["respcd"] == "0000"
