"""An independent review of issue 7's money path: each hole found, against the real gateway.

Every test here drives the training gateway over real HTTP (through the hostile proxy where
an answer must lie) and failed before its fix.  The rule they hold the engine to: an answer
is evidence only for the order it names, *whatever its respcd*: a refusal naming another
order (or amount) proves nothing about ours, just as a success does not.
"""

from __future__ import annotations

import http.client
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest

from pos_app.engine import Journal, PaymentEngine, TxState
from pos_app.qfpay.client import QFPayClient
from pos_app.qfpay.models import Credentials
from pos_app.training.credentials import TRAINING_APP_CODE, TRAINING_CLIENT_KEY
from pos_app.training.hostile import HostileProxy
from pos_app.training.server import TrainingGateway

from .conftest import (
    NEVER_CODE,
    PAID_CODE,
    WECHAT_CPM,
    EngineFactory,
    assert_all_agree,
    gateway_order,
)

PAYMENT = "/trade/v1/payment"
REFUND = "/trade/v1/refund"
REVERSAL = "/trade/v1/reversal"


@pytest.fixture
def proxied(proxied_client: QFPayClient, make_engine: EngineFactory) -> PaymentEngine:
    engine = make_engine(proxied_client)
    engine.managers.add("Mei", "246813")
    return engine


def _pay(engine: PaymentEngine, code: str, txamt: int = 1000):
    return engine.pay_cpm(txamt=txamt, currency="HKD", pay_type=WECHAT_CPM, auth_code=code)


def test_a_refund_decline_naming_another_order_does_not_release_the_amount(
    proxied: PaymentEngine, proxy: HostileProxy, journal: Journal, gateway: TrainingGateway
) -> None:
    """A documented decline (1155) whose fields name another order proves nothing for ours.

    Before: the client raised the decline without looking at whose answer it was, so the
    refund was journaled DECLINED and its amount freed, while the gateway had refunded it.
    """
    paid = _pay(proxied, PAID_CODE)
    assert paid.state is TxState.PAID and paid.syssn
    gateway.faults.add("respcd", endpoint=REFUND, respcd="1155", booked=True, times=1)
    proxy.arm("foreign_record", endpoint=REFUND, times=1)
    outcome = proxied.refund(orig_syssn=paid.syssn, txamt=400, manager="Mei", pin="246813")
    assert outcome.state is not TxState.DECLINED
    assert outcome.state is TxState.REFUNDED  # the enquiry shows what the gateway did
    assert journal.refundable_remaining(paid.syssn, 1000) == 600
    assert_all_agree(gateway, journal)


def test_a_1260_naming_another_order_on_a_reversal_is_not_proof_of_payment(
    proxied: PaymentEngine, proxy: HostileProxy, journal: Journal, gateway: TrainingGateway
) -> None:
    """1260 ("already paid") is proof of payment only for the order it names.

    Before: a reversal refused 1260 with another order's fields made an unpaid sale PAID
    (its syssn came from the in-progress answer), so the goods went without the money.
    """
    gateway.faults.add("respcd", endpoint=REVERSAL, respcd="1260", booked=False, times=1)
    proxy.arm("foreign_record", endpoint=REVERSAL, times=1)
    outcome = _pay(proxied, NEVER_CODE)
    assert outcome.state is not TxState.PAID
    order = gateway_order(gateway, outcome.out_trade_no)
    assert order is not None
    assert_all_agree(gateway, journal)


class _BadEncodingRelay(BaseHTTPRequestHandler):
    """Relays to the gateway; the payment's answer claims gzip but is not (a broken middlebox)."""

    upstream: ClassVar[str] = ""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        host, port = self.upstream.removeprefix("http://").split(":")
        conn = http.client.HTTPConnection(host, int(port), timeout=5)
        headers = {k: v for k, v in self.headers.items() if k.lower() != "host"}
        conn.request("POST", self.path, body=body, headers=headers)
        answer = conn.getresponse()
        payload = answer.read()
        self.send_response(answer.status)
        for name, value in answer.getheaders():
            if name.lower() not in ("content-length", "connection", "transfer-encoding"):
                self.send_header(name, value)
        if self.path == PAYMENT:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)
        conn.close()


def test_an_answer_that_cannot_be_decoded_is_unknown_and_settled_by_enquiry(
    gateway: TrainingGateway, journal: Journal, make_engine: EngineFactory
) -> None:
    """A payment answer whose content encoding is broken is an unreadable answer: unknown.

    Before: ``httpx.DecodingError`` is not an ``httpx.TransportError``, so it escaped the
    client and the engine as a bare exception with the row left SENT, and the customer, who
    had paid, was shown an unexpected error instead of the enquiry's PAID.
    """
    handler = type("Relay", (_BadEncodingRelay,), {"upstream": gateway.base_url})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        with QFPayClient(
            Credentials(TRAINING_APP_CODE, TRAINING_CLIENT_KEY), url, timeout=1.0, deadline=1.5
        ) as client:
            outcome = _pay(make_engine(client), PAID_CODE)
    finally:
        server.shutdown()
        server.server_close()
    assert outcome.state is TxState.PAID
    assert_all_agree(gateway, journal)


def test_a_refund_record_flagged_cancel_1_is_refunded_not_declined(
    proxied: PaymentEngine, proxy: HostileProxy, journal: Journal, gateway: TrainingGateway
) -> None:
    """001 (query, ``cancel``): 1 means "reversed *or refunded* successfully".  A refund has
    no cancel call, so on a refund's own record a success with that flag cannot mean the
    refund was undone; 001 is silent, and the safe reading keeps its amount held.

    Before: the flag folded the record into CANCELLED, the refund was journaled DECLINED and
    its amount freed, while the gateway had refunded it.
    """
    paid = _pay(proxied, PAID_CODE)
    assert paid.syssn
    gateway.faults.add("respcd", endpoint=REFUND, respcd="1297", booked=True, times=1)
    gateway.faults.add("enquiry_lag", endpoint=REFUND, delay=30.0, times=1)
    opened = proxied.refund(orig_syssn=paid.syssn, txamt=400, manager="Mei", pin="246813")
    assert not opened.state.is_final  # unknown, held, invisible to enquiries for now
    [booked] = gateway.store.refunds_of(paid.syssn)
    record = {
        "out_trade_no": opened.out_trade_no,
        "syssn": booked.syssn,
        "orig_syssn": paid.syssn,
        "order_type": "refund",
        "respcd": "0000",
        "cancel": "1",
        "txamt": "400",
        "txcurrcd": "HKD",
        "pay_type": WECHAT_CPM,
    }
    proxy.arm("foreign_record", endpoint="/trade/v1/query", times=None, record=record)
    outcome = proxied.resolve(opened.out_trade_no)
    assert outcome.state is TxState.REFUNDED
    assert journal.refundable_remaining(paid.syssn, 1000) == 600


def _answers(journal: Journal, out_trade_no: str) -> list[str]:
    return [e.detail for e in journal.events(out_trade_no) if e.kind == "answer"]


def test_a_refund_answer_with_an_unreadable_amount_is_not_evidence(
    proxied: PaymentEngine, proxy: HostileProxy, journal: Journal, gateway: TrainingGateway
) -> None:
    """``txamt`` "4.5" is not the journal's 400: the answer names another amount.

    Before: the parsed answer held ``txamt=None`` for a value that is not whole digits, the
    check skipped the field, and the success was journaled as this refund's evidence.  Now
    it is unknown and the enquiry settles the refund.
    """
    paid = _pay(proxied, PAID_CODE)
    assert paid.syssn
    proxy.arm("amount", endpoint=REFUND, times=1, txamt="4.5")
    outcome = proxied.refund(orig_syssn=paid.syssn, txamt=400, manager="Mei", pin="246813")
    first = _answers(journal, outcome.out_trade_no)[0]
    assert first.startswith("refund: unknown") and "txamt" in first, first
    assert outcome.state is TxState.REFUNDED  # from the enquiry, not from the lie
    assert_all_agree(gateway, journal)


def test_an_enquiry_record_that_does_not_say_its_amount_is_not_evidence(
    proxied: PaymentEngine, proxy: HostileProxy, journal: Journal, gateway: TrainingGateway
) -> None:
    """A "paid" record naming our order but no ``txamt``/``txcurrcd`` proves no amount.

    Before: only fields that were present were compared, so such a record made a sale the
    customer never paid PAID.
    """
    gateway.faults.add("drop", endpoint="/trade/v1/reversal", times=None)
    gateway.faults.add("drop", endpoint="/trade/v1/query", times=None)
    opened = _pay(proxied, NEVER_CODE)
    assert opened.state is TxState.CANCELLING  # nothing could be confirmed
    gateway.faults.clear()
    record = {
        "out_trade_no": opened.out_trade_no,
        "syssn": "20260101000000000000000077",
        "order_type": "payment",
        "respcd": "0000",
        "cancel": "0",
        "pay_type": WECHAT_CPM,
    }
    proxy.arm("foreign_record", endpoint="/trade/v1/query", times=None, record=record)
    outcome = proxied.resolve(opened.out_trade_no)
    assert outcome.state is not TxState.PAID
    assert_all_agree(gateway, journal)
