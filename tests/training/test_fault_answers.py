"""The gateway-answer fault knobs: odd respcd codes, asynchronous refunds, enquiry lag,
booked-then-5xx, 2011/1268 and 001's goods_name rule, in-process and over the control API."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest

from pos_app.training import TRAINING_CREDENTIALS, TrainingGateway
from pos_app.training.codes import resperr
from pos_app.training.faults import FaultPlan
from pos_app.training.store import CANCEL_MPM_CLOSED, CANCEL_NONE, CANCEL_REFUNDED

from .conftest import PAID_CODE, Wire, new_out_trade_no, now_txdtm

PAYMENT = "/trade/v1/payment"
REFUND = "/trade/v1/refund"
QUERY = "/trade/v1/query"


def _pay_params(**overrides: Any) -> dict[str, Any]:
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


def _later(gateway: TrainingGateway, seconds: float) -> None:
    """Move the gateway's clock forward instead of sleeping (no timing in tests)."""
    offset = seconds
    gateway.desk.clock = lambda: time.time() + offset


# -- respcd: system and unlisted codes, booked or not -----------------------------------------


@pytest.mark.parametrize("code", ["1252", "1297", "1154", "9731"])
def test_payment_code_not_booked(wire: Wire, gateway: TrainingGateway, code: str) -> None:
    gateway.faults.add("respcd", endpoint=PAYMENT, respcd=code)
    params = _pay_params()
    answer = wire.call(PAYMENT, params)
    assert answer["respcd"] == code
    assert answer["resperr"] == resperr(code)
    assert "syssn" not in answer
    assert gateway.store.by_out_trade_no(params["out_trade_no"]) is None
    assert wire.query(out_trade_no=params["out_trade_no"])["data"] == []


@pytest.mark.parametrize("code", ["1252", "1297", "1154", "9731"])
def test_payment_code_booked(wire: Wire, gateway: TrainingGateway, code: str) -> None:
    gateway.faults.add("respcd", endpoint=PAYMENT, respcd=code, booked=True)
    params = _pay_params()
    answer = wire.call(PAYMENT, params)
    assert answer["respcd"] == code and answer["resperr"] == resperr(code)
    # Like 001's 1297 example: a serial number comes back although the code says failure.
    assert answer["syssn"] and answer["out_trade_no"] == params["out_trade_no"]
    record = wire.record(params["out_trade_no"])
    assert record["respcd"] == "0000" and record["syssn"] == answer["syssn"]


def test_documented_and_undocumented_texts() -> None:
    assert resperr("1252") == "System error when making the order request (1252)"
    assert resperr("1297").endswith("(1297)") and "banking system is busy" in resperr("1297")
    assert resperr("1154") == "Service temporarily unavailable (1154)"  # not in 001's table


@pytest.mark.parametrize("booked", [False, True])
@pytest.mark.parametrize("code", ["1252", "1297", "1154", "9731"])
def test_refund_code(wire: Wire, gateway: TrainingGateway, code: str, booked: bool) -> None:
    paid = wire.pay()
    gateway.faults.add("respcd", endpoint=REFUND, respcd=code, booked=booked)
    refund_no = new_out_trade_no()
    answer = wire.refund(paid["syssn"], 1000, out_trade_no=refund_no)
    assert answer["respcd"] == code and answer["resperr"] == resperr(code)
    original = gateway.store.by_syssn(paid["syssn"])
    assert original is not None
    refunds = wire.query(out_trade_no=refund_no)["data"]
    if booked:
        assert original.refunded == 1000 and original.cancel == CANCEL_REFUNDED
        assert [r["respcd"] for r in refunds] == ["0000"]
        assert answer["syssn"] == refunds[0]["syssn"]
    else:
        assert original.refunded == 0 and original.cancel == CANCEL_NONE
        assert refunds == []
        assert wire.refund(paid["syssn"], 1000)["respcd"] == "0000"


def test_respcd_knob_on_any_endpoint_defaults_to_1252(wire: Wire, gateway: TrainingGateway) -> None:
    gateway.faults.add("respcd")
    assert wire.query()["respcd"] == "1252"
    assert wire.query()["respcd"] == "0000"


# -- asynchronous refunds ----------------------------------------------------------------------


@pytest.mark.parametrize("code", ["1143", "1145"])
def test_async_refund_settles_later(wire: Wire, gateway: TrainingGateway, code: str) -> None:
    paid = wire.pay()
    gateway.faults.add("async_refund", respcd=code, delay=30)
    refund_no = new_out_trade_no()
    answer = wire.refund(paid["syssn"], 400, out_trade_no=refund_no)
    assert answer["respcd"] == code and answer["syssn"]
    assert wire.record(refund_no)["respcd"] == code
    # The amount is reserved: more than the rest cannot be refunded meanwhile.
    assert wire.refund(paid["syssn"], 700)["respcd"] == "1272"
    _later(gateway, 31)
    record = wire.record(refund_no)
    assert record["respcd"] == "0000" and record["syssn"] == answer["syssn"]
    assert wire.record(paid["out_trade_no"])["cancel"] == "5"


def test_async_refund_that_fails_gives_the_amount_back(
    wire: Wire, gateway: TrainingGateway
) -> None:
    paid = wire.pay()
    gateway.faults.add("async_refund", delay=5, final="1155")
    refund_no = new_out_trade_no()
    assert wire.refund(paid["syssn"], 1000, out_trade_no=refund_no)["respcd"] == "1143"
    _later(gateway, 6)
    # Looking at the payment settles its due refunds too.
    assert wire.record(paid["out_trade_no"])["cancel"] == "0"
    assert wire.record(refund_no)["respcd"] == "1155"
    assert wire.refund(paid["syssn"], 1000)["respcd"] == "0000"


def test_async_refund_only_hits_refunds(wire: Wire, gateway: TrainingGateway) -> None:
    gateway.faults.add("async_refund")
    assert wire.pay()["respcd"] == "0000"
    assert len(gateway.faults.active()) == 1


# -- enquiry lag ---------------------------------------------------------------------------------


def test_enquiry_lag_hides_a_booked_payment(wire: Wire, gateway: TrainingGateway) -> None:
    gateway.faults.add("enquiry_lag", delay=20)
    paid = wire.pay()
    assert paid["respcd"] == "0000"
    assert wire.query(out_trade_no=paid["out_trade_no"])["data"] == []
    assert wire.query(syssn=paid["syssn"])["data"] == []
    _later(gateway, 21)
    assert wire.record(paid["out_trade_no"])["respcd"] == "0000"


def test_enquiry_lag_with_async_refund(wire: Wire, gateway: TrainingGateway) -> None:
    paid = wire.pay()
    gateway.faults.add("enquiry_lag", delay=10)
    gateway.faults.add("async_refund", respcd="1145", delay=30)
    refund_no = new_out_trade_no()
    assert wire.refund(paid["syssn"], 1000, out_trade_no=refund_no)["respcd"] == "1145"
    assert wire.query(out_trade_no=refund_no)["data"] == []
    _later(gateway, 11)
    assert wire.record(refund_no)["respcd"] == "1145"
    _later(gateway, 31)
    assert wire.record(refund_no)["respcd"] == "0000"


# -- booked, then HTTP 5xx -----------------------------------------------------------------------


def test_booked_http_error_on_payment(wire: Wire, gateway: TrainingGateway) -> None:
    gateway.faults.add("booked_http_error", endpoint=PAYMENT, status=502)
    params = _pay_params()
    response = wire.send(PAYMENT, params)
    assert response.status_code == 502
    assert wire.record(params["out_trade_no"])["respcd"] == "0000"


def test_booked_http_error_on_refund(wire: Wire, gateway: TrainingGateway) -> None:
    paid = wire.pay()
    gateway.faults.add("booked_http_error", endpoint=REFUND, status=500)
    refund_no = new_out_trade_no()
    response = wire.send(
        REFUND,
        {"syssn": paid["syssn"], "out_trade_no": refund_no, "txamt": 1000, "txdtm": now_txdtm()},
    )
    assert response.status_code == 500
    assert wire.record(refund_no)["respcd"] == "0000"


@pytest.mark.parametrize("endpoint", ["reversal", "close"])
def test_booked_http_error_on_cancel(wire: Wire, gateway: TrainingGateway, endpoint: str) -> None:
    order = wire.mpm()
    gateway.faults.add("booked_http_error", status=504)
    response = wire.send(
        f"/trade/v1/{endpoint}",
        {"out_trade_no": order["out_trade_no"], "txamt": 1000, "txdtm": now_txdtm()},
    )
    assert response.status_code == 504
    stored = gateway.store.by_out_trade_no(order["out_trade_no"])
    assert stored is not None and stored.cancel == CANCEL_MPM_CLOSED


def test_booked_http_error_on_query_note_and_bill(wire: Wire, gateway: TrainingGateway) -> None:
    paid = wire.pay()
    gateway.faults.add("booked_http_error", times=3)
    assert wire.send(QUERY, {"out_trade_no": paid["out_trade_no"]}).status_code == 503
    note = {"code": TRAINING_CREDENTIALS.app_code, "syssn": paid["syssn"], "note": "table 7"}
    assert wire.send("/trade/v1/add_note", note).status_code == 503
    stored = gateway.store.by_syssn(paid["syssn"])
    assert stored is not None and stored.note == "table 7"
    bill = wire.send("/download/v1/trade_bill", {"trade_date": "2026-01-01"}, method="GET")
    assert bill.status_code == 503
    assert gateway.faults.active() == []


# -- 2011 and 1268 -------------------------------------------------------------------------------


def test_duplicate_out_trade_no_2011(wire: Wire, gateway: TrainingGateway) -> None:
    params = _pay_params()
    first = wire.call(PAYMENT, params)
    assert wire.call(PAYMENT, params)["respcd"] == "1102"  # the default answer
    gateway.faults.add("duplicate_2011", times=2)
    again = wire.call(PAYMENT, params)
    assert again["respcd"] == "2011"
    assert again["resperr"] == "Transaction serial number repeats (2011)"
    refund = wire.refund(first["syssn"], 100, out_trade_no=params["out_trade_no"])
    assert refund["respcd"] == "2011"
    order = gateway.store.by_out_trade_no(params["out_trade_no"])
    assert order is not None and order.refunded == 0


def test_unknown_order_1268(wire: Wire, gateway: TrainingGateway) -> None:
    assert wire.refund("20260101000000000000000001", 100)["respcd"] == "1136"
    gateway.faults.add("unknown_1268", times=None)
    answer = wire.refund("20260101000000000000000001", 100)
    assert answer["respcd"] == "1268"
    assert answer["resperr"] == "The order does not exist, please confirm the order status (1268)"
    assert wire.cancel(out_trade_no="nope", txamt=100)["respcd"] == "1268"
    assert wire.cancel("close", out_trade_no="nope", txamt=100)["respcd"] == "1268"
    # A known order is unaffected.
    assert wire.refund(wire.pay()["syssn"], 100)["respcd"] == "0000"


# -- goods_name per 001 --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("Milk tea", True),
        ("奶茶2", True),
        ("A" * 20, True),
        ("A" * 21, False),
        ("Tea & cake", False),
        ("coffee-latte", False),
        ("tea😀", False),
        ("tab\there", False),
    ],
)
def test_strict_goods_name(wire: Wire, gateway: TrainingGateway, name: str, ok: bool) -> None:
    gateway.faults.add("strict_goods_name")
    params = _pay_params(goods_name=name)
    answer = wire.call(PAYMENT, params)
    assert answer["respcd"] == ("0000" if ok else "1104")
    assert (gateway.store.by_out_trade_no(params["out_trade_no"]) is not None) == ok


def test_goods_name_is_lenient_without_the_knob(wire: Wire) -> None:
    assert wire.call(PAYMENT, _pay_params(goods_name="Tea & cake, large"))["respcd"] == "0000"


# -- the control interface and validation --------------------------------------------------------


def test_control_endpoint_arms_new_knobs(wire: Wire, gateway: TrainingGateway) -> None:
    url = f"{gateway.base_url}/training/v1/faults"
    response = httpx.post(
        url, json={"kind": "respcd", "respcd": "1297", "booked": "true", "endpoint": PAYMENT}
    )
    assert response.status_code == 200, response.text
    assert response.json()["fault"]["booked"] is True
    params = _pay_params()
    assert wire.call(PAYMENT, params)["respcd"] == "1297"
    assert wire.record(params["out_trade_no"])["respcd"] == "0000"
    response = httpx.post(url, data={"kind": "async_refund", "final": "1155", "delay": "0"})
    assert response.json()["fault"]["respcd"] == "1143"
    bad = httpx.post(url, data={"kind": "respcd", "booked": "perhaps"})
    assert bad.status_code == 409


def test_new_knob_validation() -> None:
    plan = FaultPlan()
    with pytest.raises(ValueError, match="failure"):
        plan.add("respcd", respcd="0000")
    with pytest.raises(ValueError, match="not a return code"):
        plan.add("respcd", respcd="12 52")
    with pytest.raises(ValueError, match="1143 or 1145"):
        plan.add("async_refund", respcd="1252")
    with pytest.raises(ValueError, match="final"):
        plan.add("async_refund", final="1145")
    with pytest.raises(ValueError, match="5xx"):
        plan.add("booked_http_error", status=404)
    assert plan.add("respcd").respcd == "1252"
    assert plan.add("enquiry_lag").delay == 2.0
