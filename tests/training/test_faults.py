"""Every fault knob, its scoping by endpoint and count, and whether the request took effect."""

from __future__ import annotations

import time

import httpx
import pytest

from pos_app.qfpay.signing import HEADER_SIGN, verify_body
from pos_app.training import TrainingGateway
from pos_app.training.faults import FAULT_KINDS, FaultPlan

from .conftest import KEY, PAID_CODE, Wire, new_out_trade_no, now_txdtm

PAYMENT = "/trade/v1/payment"


def _params() -> dict[str, object]:
    return {
        "txamt": 1000,
        "txcurrcd": "HKD",
        "pay_type": "800008",
        "out_trade_no": new_out_trade_no(),
        "txdtm": now_txdtm(),
        "auth_code": PAID_CODE,
    }


def _processed(gateway: TrainingGateway, params: dict[str, object]) -> bool:
    return gateway.store.by_out_trade_no(str(params["out_trade_no"])) is not None


def test_latency_delays_then_answers(wire: Wire, gateway: TrainingGateway) -> None:
    gateway.faults.add("latency", endpoint=PAYMENT, delay=0.2)
    params = _params()
    started = time.monotonic()
    response = wire.send(PAYMENT, params)
    assert time.monotonic() - started >= 0.2
    assert response.json()["respcd"] == "0000"
    # Used up: the next call is fast.
    started = time.monotonic()
    wire.send(PAYMENT, _params())
    assert time.monotonic() - started < 0.2


def test_timeout_hangs_then_drops_without_processing(wire: Wire, gateway: TrainingGateway) -> None:
    gateway.faults.add("timeout", endpoint=PAYMENT, delay=0.3)
    params = _params()
    with pytest.raises(httpx.ReadTimeout):
        wire.send(PAYMENT, params, timeout=0.1)
    time.sleep(0.3)
    assert not _processed(gateway, params)
    gateway.faults.add("timeout", endpoint=PAYMENT, delay=0.05)
    with pytest.raises(httpx.TransportError):
        wire.send(PAYMENT, _params(), timeout=2)


def test_drop_closes_without_processing(wire: Wire, gateway: TrainingGateway) -> None:
    gateway.faults.add("drop", endpoint=PAYMENT, times=1)
    params = _params()
    with pytest.raises(httpx.TransportError):
        wire.send(PAYMENT, params)
    assert not _processed(gateway, params)
    assert wire.send(PAYMENT, params).json()["respcd"] == "0000"


@pytest.mark.parametrize("status", [500, 502, 503])
def test_http_error(wire: Wire, gateway: TrainingGateway, status: int) -> None:
    gateway.faults.add("http_error", endpoint=PAYMENT, status=status)
    params = _params()
    response = wire.send(PAYMENT, params)
    assert response.status_code == status
    assert not _processed(gateway, params)


def test_rate_limit_answers_429_with_retry_after(wire: Wire, gateway: TrainingGateway) -> None:
    gateway.faults.add("rate_limit", retry_after=2)
    params = _params()
    response = wire.send(PAYMENT, params)
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "2"
    assert not _processed(gateway, params)


def test_non_json_answer(wire: Wire, gateway: TrainingGateway) -> None:
    gateway.faults.add("non_json", endpoint=PAYMENT)
    params = _params()
    response = wire.send(PAYMENT, params)
    assert response.status_code == 200
    with pytest.raises(ValueError):
        response.json()
    assert not _processed(gateway, params)


def test_bad_signature_processes_but_signs_wrongly(wire: Wire, gateway: TrainingGateway) -> None:
    gateway.faults.add("bad_signature", endpoint=PAYMENT)
    params = _params()
    response = wire.send(PAYMENT, params)
    assert response.json()["respcd"] == "0000"
    assert not verify_body(response.content, KEY, response.headers[HEADER_SIGN], "MD5")
    assert _processed(gateway, params)


def test_lost_reply_processes_then_drops(wire: Wire, gateway: TrainingGateway) -> None:
    gateway.faults.add("lost_reply", endpoint=PAYMENT)
    params = _params()
    with pytest.raises(httpx.TransportError):
        wire.send(PAYMENT, params)
    assert _processed(gateway, params)
    # The till's recovery: the query finds the payment.
    assert wire.record(str(params["out_trade_no"]))["respcd"] == "0000"


def test_knob_scoped_to_other_endpoint_does_not_hit(wire: Wire, gateway: TrainingGateway) -> None:
    gateway.faults.add("drop", endpoint="/trade/v1/refund")
    assert wire.send(PAYMENT, _params()).json()["respcd"] == "0000"
    assert len(gateway.faults.active()) == 1


def test_times_and_until_cleared(wire: Wire, gateway: TrainingGateway) -> None:
    gateway.faults.add("http_error", endpoint=PAYMENT, times=2)
    assert [wire.send(PAYMENT, _params()).status_code for _ in range(3)] == [503, 503, 200]
    gateway.faults.add("http_error", times=None)
    assert [wire.send(PAYMENT, _params()).status_code for _ in range(3)] == [503, 503, 503]
    assert wire.send("/trade/v1/query", {}).status_code == 503
    gateway.faults.clear()
    assert wire.send(PAYMENT, _params()).status_code == 200


def test_latency_combines_with_one_outcome(wire: Wire, gateway: TrainingGateway) -> None:
    gateway.faults.add("latency", delay=0.1)
    gateway.faults.add("http_error", status=502)
    started = time.monotonic()
    assert wire.send(PAYMENT, _params()).status_code == 502
    assert time.monotonic() - started >= 0.1
    assert gateway.faults.active() == []


def test_control_endpoints_are_never_faulted(gateway: TrainingGateway) -> None:
    gateway.faults.add("drop", times=None)
    response = httpx.get(f"{gateway.base_url}/training/v1/faults")
    assert response.status_code == 200
    assert response.json()["faults"][0]["kind"] == "drop"


def test_fault_plan_validation() -> None:
    plan = FaultPlan()
    with pytest.raises(ValueError, match="unknown fault kind"):
        plan.add("explode")
    with pytest.raises(ValueError):
        plan.add("drop", times=0)
    with pytest.raises(ValueError):
        plan.add("http_error", status=99)
    with pytest.raises(ValueError):
        plan.add("latency", delay=-1)
    assert set(FAULT_KINDS) == {
        "latency",
        "timeout",
        "drop",
        "http_error",
        "rate_limit",
        "non_json",
        "bad_signature",
        "lost_reply",
        "booked_http_error",
        "respcd",
        "async_refund",
        "enquiry_lag",
        "duplicate_2011",
        "unknown_1268",
        "strict_goods_name",
    }


def test_every_kind_is_documented() -> None:
    import pos_app.training.faults as faults

    assert faults.__doc__ is not None
    for kind in FAULT_KINDS:
        assert f"``{kind}``" in faults.__doc__


def test_documented_rate_limit_when_switched_on() -> None:
    with TrainingGateway(rate_limits=(100, 5)) as gw:
        w = Wire(gw)
        try:
            statuses = [w.send("/trade/v1/query", {}).status_code for _ in range(7)]
            assert statuses == [200] * 5 + [429] * 2
            refused = w.send("/trade/v1/query", {})
            assert 1 <= int(refused.headers["Retry-After"]) <= 60
        finally:
            w.close()


def test_request_budget_windows() -> None:
    from pos_app.training.budget import RequestBudget

    now = [0.0]
    budget = RequestBudget(2, 3, clock=lambda: now[0])
    assert budget.admit() is None
    assert budget.admit() is None
    assert budget.admit() == 1  # third within one second
    now[0] = 1.5
    assert budget.admit() is None
    now[0] = 2.0
    assert budget.admit() == 58  # four would exceed 3 per minute; oldest leaves at 60 s
    now[0] = 60.0
    assert budget.admit() is None
    with pytest.raises(ValueError):
        RequestBudget(0, 1)
