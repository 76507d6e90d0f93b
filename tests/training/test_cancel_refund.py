"""Reversal/close, refunds (partial, limits, FPS) and transaction notes."""

from __future__ import annotations

import pytest

from pos_app.training import TRAINING_CREDENTIALS, TrainingGateway

from .conftest import Wire, new_out_trade_no


@pytest.mark.parametrize("endpoint", ["reversal", "close"])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_cancel_accepts_get_and_post_by_syssn_or_out_trade_no(
    wire: Wire, endpoint: str, method: str
) -> None:
    by_syssn = wire.pay(auth_code="134567890123451143")
    answer = wire.cancel(endpoint, syssn=by_syssn["syssn"], txamt=1000, method=method)
    assert answer["respcd"] == "0000"
    assert answer["orig_syssn"] == by_syssn["syssn"]
    assert answer["syssn"] != by_syssn["syssn"]
    assert wire.record(by_syssn["out_trade_no"])["cancel"] == "1"

    by_number = wire.mpm()
    answer = wire.cancel(
        endpoint, out_trade_no=by_number["out_trade_no"], txamt=1000, method=method
    )
    assert answer["respcd"] == "0000"
    record = wire.record(by_number["out_trade_no"])
    assert record["cancel"] == "2"
    assert record["respcd"] == "1142"


def test_cancelled_in_progress_order_never_becomes_paid(
    wire: Wire, gateway: TrainingGateway
) -> None:
    answer = wire.pay(auth_code="134567890123451143")
    wire.cancel(out_trade_no=answer["out_trade_no"], txamt=1000)
    for _ in range(5):
        record = wire.record(answer["out_trade_no"])
        assert record["respcd"] == "1263"
        assert record["cancel"] == "1"
    mpm = wire.mpm()
    wire.cancel("close", out_trade_no=mpm["out_trade_no"], txamt=1000)
    with pytest.raises(ValueError):
        gateway.simulate_scan(mpm["out_trade_no"])


def test_a_paid_cpm_order_cannot_be_reversed(wire: Wire) -> None:
    """001: a transaction that succeeded can no longer be reversed; refund it instead."""
    paid = wire.pay()
    assert wire.cancel(syssn=paid["syssn"], txamt=1000)["respcd"] == "1260"
    record = wire.record(paid["out_trade_no"])
    assert (record["respcd"], record["cancel"]) == ("0000", "0")
    # It stays refundable, which is how a manager gives the money back.
    assert wire.refund(paid["syssn"], 100)["respcd"] == "0000"


def test_repeating_a_successful_reversal_is_safe(wire: Wire) -> None:
    busy = wire.pay(auth_code="134567890123459999")  # busy for ever
    assert wire.cancel(out_trade_no=busy["out_trade_no"], txamt=1000)["respcd"] == "0000"
    assert wire.cancel(out_trade_no=busy["out_trade_no"], txamt=1000)["respcd"] == "0000"
    assert wire.record(busy["out_trade_no"])["cancel"] == "1"


def test_paid_mpm_order_cannot_be_closed(wire: Wire, gateway: TrainingGateway) -> None:
    mpm = wire.mpm()
    gateway.simulate_scan(mpm["out_trade_no"])
    assert wire.cancel("close", out_trade_no=mpm["out_trade_no"], txamt=1000)["respcd"] == "1260"
    assert wire.record(mpm["out_trade_no"])["cancel"] == "0"


def test_cancel_of_unknown_order_is_1136(wire: Wire) -> None:
    assert wire.cancel(out_trade_no=new_out_trade_no(), txamt=1000)["respcd"] == "1136"
    assert wire.cancel("close", syssn="20260101000000000000000999", txamt=1)["respcd"] == "1136"


def test_cancel_needs_an_identifier_amount_and_time(wire: Wire) -> None:
    paid = wire.pay()
    assert wire.cancel(txamt=1000)["respcd"] == "1104"
    assert wire.cancel(syssn=paid["syssn"])["respcd"] == "1104"
    assert wire.cancel(syssn=paid["syssn"], txamt=1000, txdtm="yesterday")["respcd"] == "1103"
    assert wire.cancel(syssn=paid["syssn"], txamt=999)["respcd"] == "1266"


def test_reversing_a_refunded_payment_is_refused(wire: Wire) -> None:
    paid = wire.pay()
    wire.refund(paid["syssn"], 100)
    assert wire.cancel(syssn=paid["syssn"], txamt=1000)["respcd"] == "1125"


def test_partial_refunds_up_to_the_original_then_1272(wire: Wire) -> None:
    paid = wire.pay(txamt=1000)
    first = wire.refund(paid["syssn"], 300)
    assert first["respcd"] == "0000"
    assert first["orig_syssn"] == paid["syssn"]
    assert wire.record(paid["out_trade_no"])["cancel"] == "5"
    assert wire.refund(paid["syssn"], 701)["respcd"] == "1272"
    assert wire.refund(paid["syssn"], 700)["respcd"] == "0000"
    assert wire.record(paid["out_trade_no"])["cancel"] == "3"
    assert wire.refund(paid["syssn"], 1)["respcd"] == "1272"

    refund_record = wire.record(first["out_trade_no"])
    assert refund_record["order_type"] == "refund"
    assert refund_record["origssn"] == paid["syssn"]
    assert refund_record["txamt"] == "300"
    assert refund_record["respcd"] == "0000"
    assert "origssn" not in wire.record(paid["out_trade_no"])


def test_refund_larger_than_payment_is_1272(wire: Wire) -> None:
    paid = wire.pay(txamt=1000)
    assert wire.refund(paid["syssn"], 1001)["respcd"] == "1272"


def test_fps_is_not_refundable(wire: Wire, gateway: TrainingGateway) -> None:
    fps = wire.mpm(pay_type="802001")
    gateway.simulate_scan(fps["out_trade_no"])
    assert wire.refund(fps["syssn"], 100)["respcd"] == "1155"


@pytest.mark.parametrize("suffix", ["1143", "1201"])
def test_refund_of_unpaid_order_is_1261(wire: Wire, suffix: str) -> None:
    unpaid = wire.pay(auth_code=f"13456789012345{suffix}")
    assert wire.refund(unpaid["syssn"], 100)["respcd"] == "1261"


def test_refund_of_unknown_order_and_missing_fields(wire: Wire) -> None:
    assert wire.refund("20260101000000000000000999", 100)["respcd"] == "1136"
    paid = wire.pay()
    assert wire.refund(paid["syssn"], 100, txdtm=None)["respcd"] == "1104"
    assert wire.refund(paid["syssn"], 100, out_trade_no=None)["respcd"] == "1104"
    # A refund's syssn cannot itself be refunded.
    refund = wire.refund(paid["syssn"], 100)
    assert wire.refund(refund["syssn"], 50)["respcd"] == "1136"


def test_add_note_is_stored_and_shown(wire: Wire, gateway: TrainingGateway) -> None:
    paid = wire.pay()
    answer = wire.call(
        "/trade/v1/add_note",
        {"code": TRAINING_CREDENTIALS.app_code, "syssn": paid["syssn"], "note": "table 7"},
    )
    assert answer["respcd"] == "0000"
    assert answer["data"] == {"syssn": paid["syssn"]}
    assert wire.record(paid["out_trade_no"])["note"] == "table 7"
    order = gateway.store.by_syssn(paid["syssn"])
    assert order is not None and order.note == "table 7"


def test_add_note_refusals(wire: Wire) -> None:
    paid = wire.pay()
    code = TRAINING_CREDENTIALS.app_code
    note = "n"
    assert (
        wire.call("/trade/v1/add_note", {"code": "X", "syssn": paid["syssn"], "note": note})[
            "respcd"
        ]
        == "1104"
    )
    assert (
        wire.call("/trade/v1/add_note", {"code": code, "syssn": "1", "note": note})["respcd"]
        == "1136"
    )
    assert (
        wire.call("/trade/v1/add_note", {"code": code, "syssn": paid["syssn"], "note": "n" * 201})[
            "respcd"
        ]
        == "1104"
    )
