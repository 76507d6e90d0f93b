"""Payments: each simulated wallet, MPM scan and expiry, and out_trade_no uniqueness."""

from __future__ import annotations

import time

import httpx
import pytest

from pos_app.training import TrainingGateway
from pos_app.training.wallets import suffix_table

from .conftest import Wire, new_out_trade_no


@pytest.mark.parametrize(
    "auth_code",
    ["134567890123450001", "281234567890123456", "6212345678901234567", "1234567890"],
)
def test_plausible_codes_pay_at_once(wire: Wire, gateway: TrainingGateway, auth_code: str) -> None:
    answer = wire.pay(auth_code=auth_code)
    assert answer["respcd"] == "0000"
    assert answer["paydtm"]
    assert len(answer["syssn"]) == 26
    stored = gateway.store.by_syssn(answer["syssn"])
    assert stored is not None
    # Only the masked code is kept.
    assert stored.auth_code_masked.endswith(auth_code[-4:])
    assert auth_code not in str(stored.to_dump())


@pytest.mark.parametrize("suffix", ["1143", "1145"])
def test_in_progress_wallet_pays_after_n_queries(wire: Wire, suffix: str) -> None:
    answer = wire.pay(auth_code=f"13456789012345{suffix}")
    assert answer["respcd"] == suffix
    for _ in range(3):
        record = wire.record(answer["out_trade_no"])
        assert record["respcd"] == suffix
        assert record["paydtm"] == ""
    record = wire.record(answer["out_trade_no"])
    assert record["respcd"] == "0000"
    assert record["paydtm"]
    assert wire.record(answer["out_trade_no"])["respcd"] == "0000"


def test_pending_query_count_is_configurable() -> None:
    with TrainingGateway(pending_queries=1) as gw:
        w = Wire(gw)
        try:
            answer = w.pay(auth_code="134567890123451143")
            assert w.record(answer["out_trade_no"])["respcd"] == "1143"
            assert w.record(answer["out_trade_no"])["respcd"] == "0000"
        finally:
            w.close()


@pytest.mark.parametrize("suffix", ["1201", "1202", "2005"])
def test_declining_wallets(wire: Wire, suffix: str) -> None:
    answer = wire.pay(auth_code=f"13456789012345{suffix}")
    assert answer["respcd"] == suffix
    assert answer["resperr"]
    assert wire.record(answer["out_trade_no"])["respcd"] == suffix


def test_malformed_code_is_declined_1202(wire: Wire) -> None:
    assert wire.pay(auth_code="12345")["respcd"] == "1202"
    assert wire.pay(auth_code="ABCDEFGHIJKL1143")["respcd"] == "1202"


def test_busy_forever_until_reversed(wire: Wire) -> None:
    answer = wire.pay(auth_code="134567890123459999")
    assert answer["respcd"] == "1145"
    for _ in range(10):
        assert wire.record(answer["out_trade_no"])["respcd"] == "1145"
    reversal = wire.cancel(out_trade_no=answer["out_trade_no"], txamt=1000)
    assert reversal["respcd"] == "0000"
    record = wire.record(answer["out_trade_no"])
    assert record["cancel"] == "1"
    assert record["respcd"] not in ("0000", "1143", "1145")


def test_duplicate_out_trade_no_is_refused_and_first_order_kept(
    wire: Wire, gateway: TrainingGateway
) -> None:
    first = wire.pay(txamt=500)
    again = wire.pay(out_trade_no=first["out_trade_no"], txamt=700)
    assert again["respcd"] == "1102"
    assert "syssn" not in again
    orders = gateway.store.all()
    assert [(o.out_trade_no, o.txamt) for o in orders] == [(first["out_trade_no"], 500)]


def test_refund_cannot_reuse_a_payment_out_trade_no_and_vice_versa(wire: Wire) -> None:
    paid = wire.pay(txamt=500)
    assert wire.refund(paid["syssn"], 100, out_trade_no=paid["out_trade_no"])["respcd"] == "1102"
    refund = wire.refund(paid["syssn"], 100)
    assert refund["respcd"] == "0000"
    assert wire.pay(out_trade_no=refund["out_trade_no"])["respcd"] == "1102"


def test_mpm_returns_unique_training_qr_and_waits_until_scanned(
    wire: Wire, gateway: TrainingGateway
) -> None:
    first = wire.mpm()
    second = wire.mpm()
    assert first["respcd"] == "1143"
    assert first["qrcode"].startswith(f"{gateway.base_url}/training/v1/qr/")
    assert first["qrcode"] != second["qrcode"]
    for _ in range(5):
        assert wire.record(first["out_trade_no"])["respcd"] == "1143"
    order = gateway.simulate_scan(first["out_trade_no"])
    assert order.respcd == "0000"
    record = wire.record(first["out_trade_no"])
    assert record["respcd"] == "0000"
    assert record["paydtm"]
    assert wire.record(second["out_trade_no"])["respcd"] == "1143"


def test_qr_url_serves_a_page_and_posting_it_pays(wire: Wire) -> None:
    answer = wire.mpm()
    page = httpx.get(answer["qrcode"])
    assert page.status_code == 200
    assert answer["out_trade_no"] in page.text
    assert httpx.post(answer["qrcode"]).json()["order"]["respcd"] == "0000"
    assert wire.record(answer["out_trade_no"])["respcd"] == "0000"


def test_mpm_expires_after_override_seconds() -> None:
    with TrainingGateway(mpm_expiry_seconds=0.15) as gw:
        w = Wire(gw)
        try:
            answer = w.mpm()
            assert w.record(answer["out_trade_no"])["respcd"] == "1143"
            time.sleep(0.2)
            assert w.record(answer["out_trade_no"])["respcd"] == "1181"
            with pytest.raises(ValueError, match="not waiting"):
                gw.simulate_scan(answer["out_trade_no"])
        finally:
            w.close()


def test_mpm_default_expiry_follows_expired_time(wire: Wire, gateway: TrainingGateway) -> None:
    answer = wire.mpm(pay_type="800101", expired_time="5")
    order = gateway.store.by_syssn(answer["syssn"])
    assert order is not None and order.expires_at is not None
    assert order.expires_at - order.created_at == pytest.approx(300)
    default = gateway.store.by_syssn(wire.mpm()["syssn"])
    assert default is not None and default.expires_at is not None
    assert default.expires_at - default.created_at == pytest.approx(1800)


def test_expire_ends_an_in_progress_order(wire: Wire, gateway: TrainingGateway) -> None:
    answer = wire.mpm()
    assert gateway.expire(answer["out_trade_no"]).respcd == "1181"
    assert wire.record(answer["out_trade_no"])["respcd"] == "1181"
    with pytest.raises(ValueError):
        gateway.expire(answer["out_trade_no"])
    with pytest.raises(LookupError):
        gateway.simulate_scan(new_out_trade_no())


def test_scan_refuses_a_cpm_order(wire: Wire, gateway: TrainingGateway) -> None:
    answer = wire.pay(auth_code="134567890123451143")
    with pytest.raises(ValueError, match="not a merchant-presented"):
        gateway.simulate_scan(answer["out_trade_no"])


def test_wallet_table_is_documented() -> None:
    suffixes = {row[0] for row in suffix_table()}
    assert {"1143", "1145", "1201", "1202", "2005", "9999", "other"} <= suffixes
    import pos_app.training.wallets as wallets

    assert wallets.__doc__ is not None
    for suffix in ("1143", "1145", "1201", "1202", "2005", "9999"):
        assert f"``{suffix}``" in wallets.__doc__
