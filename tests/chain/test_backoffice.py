"""The back office over real HTTP and a real PostgreSQL: verify, store once, publish."""

from __future__ import annotations

import json
import logging

import httpx
import pytest

from pos_app.chain.database import connect
from pos_app.chain.notifications import CHANNEL

from .notify_kit import KEY, RunningBackOffice, notification, send, sign
from .tcpcut import CuttableRelay


@pytest.fixture
def backoffice(headoffice):
    with RunningBackOffice(headoffice.dsn) as bo:
        yield bo


@pytest.fixture
def listening(headoffice):
    conn = connect(headoffice.dsn, autocommit=True)
    conn.execute(f"LISTEN {CHANNEL}")
    yield conn
    conn.close()


def heard(conn, timeout=0.5):
    return [json.loads(n.payload) for n in conn.notifies(timeout=timeout, stop_after=None)]


def stored(dsn):
    with connect(dsn) as conn:
        return conn.execute(
            "SELECT notify_type, out_trade_no, txamt, deliveries FROM notifications ORDER BY id"
        ).fetchall()


def test_a_good_notification_is_stored_published_and_answered_success(
    backoffice, headoffice, listening
):
    answer = send(backoffice.url, notification("T1ABC", 1234))
    assert (answer.status_code, answer.text) == (200, "SUCCESS")
    assert stored(headoffice.dsn) == [("payment", "T1ABC", 1234, 1)]
    (event,) = heard(listening)
    assert event["out_trade_no"] == "T1ABC" and event["txamt"] == 1234
    assert event["txcurrcd"] == "HKD" and event["notify_type"] == "payment"


@pytest.mark.parametrize(
    ("signature", "key", "why"),
    [
        ("0" * 32, None, "signature does not match"),
        ("", None, "no X-QF-SIGN"),
        (None, "another-merchants-key", "signature does not match"),
    ],
)
def test_bad_signatures_are_refused_with_a_logged_reason(
    backoffice, headoffice, listening, caplog, signature, key, why
):
    caplog.set_level(logging.WARNING, "pos_app.chain.backoffice")
    body = json.dumps(notification("T1ABC", 1234)).encode()
    raw_sig = signature if signature is not None else sign(body, key)
    answer = httpx.post(
        backoffice.url, content=body, headers={"X-QF-SIGN": raw_sig} if raw_sig else {}
    )
    assert answer.status_code == 401 and answer.text == "FAIL"
    assert stored(headoffice.dsn) == []
    assert heard(listening, 0.2) == []
    assert why in caplog.text
    assert KEY not in caplog.text


def test_a_signature_over_reserialised_json_is_refused(backoffice, headoffice):
    body = notification("T1ABC", 1234)
    raw = json.dumps(body, separators=(",", ":")).encode()
    other = json.dumps(body).encode()  # same data, other bytes
    answer = httpx.post(backoffice.url, content=raw, headers={"X-QF-SIGN": sign(other)})
    assert answer.status_code == 401
    assert stored(headoffice.dsn) == []


def test_duplicates_are_stored_once_and_published_once(backoffice, headoffice, listening):
    body = notification("T1DUP", 500)
    for _ in range(3):  # QFPay retrying because an earlier SUCCESS got lost
        assert send(backoffice.url, body).text == "SUCCESS"
    assert stored(headoffice.dsn) == [("payment", "T1DUP", 500, 3)]
    assert len(heard(listening)) == 1


def test_a_conflicting_repeat_keeps_the_first_copy(backoffice, headoffice, caplog):
    caplog.set_level(logging.WARNING, "pos_app.chain.backoffice")
    assert send(backoffice.url, notification("T1X", 500)).text == "SUCCESS"
    assert send(backoffice.url, notification("T1X", 900)).text == "SUCCESS"
    assert stored(headoffice.dsn) == [("payment", "T1X", 500, 2)]
    assert "another amount" in caplog.text


def test_out_of_order_refund_before_payment_are_both_kept(backoffice, headoffice, listening):
    refund = notification("T1R", 200, notify_type="refund", syssn="2026113000020002000000R1")
    payment = notification("T1P", 1000)
    assert send(backoffice.url, refund).text == "SUCCESS"
    assert send(backoffice.url, payment).text == "SUCCESS"
    assert [r[:2] for r in stored(headoffice.dsn)] == [("refund", "T1R"), ("payment", "T1P")]
    assert [e["notify_type"] for e in heard(listening)] == ["refund", "payment"]


def test_notifications_for_orders_no_till_knows_are_kept_as_evidence(backoffice, headoffice):
    assert send(backoffice.url, notification("NOT-A-TILL-ORDER", 77)).text == "SUCCESS"
    assert stored(headoffice.dsn) == [("payment", "NOT-A-TILL-ORDER", 77, 1)]


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[1,2]",
        json.dumps(notification("T1", 0)).encode(),
        json.dumps(notification("T1", 5, notify_type="refundish")).encode(),
        json.dumps({"notify_type": "payment"}).encode(),
    ],
)
def test_signed_but_unreadable_bodies_are_refused(backoffice, headoffice, body):
    answer = send(backoffice.url, body)
    assert answer.status_code == 400 and answer.text == "FAIL"
    assert stored(headoffice.dsn) == []


def test_no_success_before_the_row_is_committed(headoffice):
    relay = CuttableRelay(headoffice.cluster.port)
    relay.plug()
    try:
        with RunningBackOffice(relay.dsn_for(headoffice.dsn)) as bo:
            relay.cut()  # the database goes away under a running back office
            answer = send(bo.url, notification("T1DOWN", 300))
            assert answer.status_code == 503 and answer.text != "SUCCESS"
            assert httpx.get(bo.base_url + "/health").status_code == 503
            relay.plug()
            answer = send(bo.url, notification("T1DOWN", 300))  # QFPay's retry
            assert answer.text == "SUCCESS"
    finally:
        relay.close()
    assert stored(headoffice.dsn) == [("payment", "T1DOWN", 300, 1)]
