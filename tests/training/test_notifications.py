"""Asynchronous notifications: 001's message, MD5(raw body + key) signature, retry schedule."""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest

from pos_app.training import TrainingGateway
from pos_app.training.notify import DEFAULT_SCHEDULE, Delivery

from .conftest import KEY, Wire, new_out_trade_no

FAST = 0.001  # 2 minutes -> 0.12 s


class Receiver:
    """A merchant endpoint on loopback that answers from a script and records every call."""

    def __init__(self) -> None:
        self.calls: list[tuple[dict[str, str], bytes]] = []
        self.script: list[tuple[int, bytes]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.calls.append((dict(self.headers.items()), body))
                status, answer = receiver.script.pop(0) if receiver.script else (200, b"SUCCESS")
                self.send_response(status)
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/qfpay/notify"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver()
    yield r
    r.close()


@pytest.fixture
def notifying(receiver: Receiver) -> Iterator[TrainingGateway]:
    with TrainingGateway(notify_url=receiver.url, notify_time_scale=FAST) as gw:
        yield gw


@pytest.fixture
def nwire(notifying: TrainingGateway) -> Iterator[Wire]:
    w = Wire(notifying)
    yield w
    w.close()


def _settled(gateway: TrainingGateway, count: int) -> list[Delivery]:
    def done(deliveries: list[Delivery]) -> bool:
        return len(deliveries) >= count and all(d.state != "pending" for d in deliveries)

    assert gateway.notifications.wait_until(done, timeout=20)
    return gateway.notifications.deliveries()


def test_a_payment_is_notified_signed_as_001_says(
    nwire: Wire, notifying: TrainingGateway, receiver: Receiver
) -> None:
    paid = nwire.pay(goods_name="奶茶")
    [delivery] = _settled(notifying, 1)
    assert delivery.state == "delivered" and len(delivery.attempts) == 1
    [(headers, body)] = receiver.calls
    assert headers["Content-Type"] == "application/json"
    assert headers["X-QF-SIGN"] == hashlib.md5(body + KEY.encode()).hexdigest().upper()
    message = json.loads(body)
    assert body == json.dumps(message).encode()  # 001's sample serialisation, spaces and all
    assert message["notify_type"] == "payment" and message["status"] == "1"
    assert message["respcd"] == "0000" and message["syssn"] == paid["syssn"]
    assert message["out_trade_no"] == paid["out_trade_no"] and message["txamt"] == "1000"
    assert message["goods_name"] == "奶茶" and message["cancel"] == "0"
    assert "mchid" not in message  # only for agents (a mchid in play)


def test_retries_until_200_success(
    nwire: Wire, notifying: TrainingGateway, receiver: Receiver
) -> None:
    receiver.script = [(500, b"oops"), (200, b"FAIL"), (200, b"SUCCESS")]
    nwire.pay()
    [delivery] = _settled(notifying, 1)
    assert [a.outcome for a in delivery.attempts] == [
        "HTTP 500",
        "the answer was not SUCCESS",
        "delivered",
    ]
    assert len(receiver.calls) == 3
    assert len({body for _, body in receiver.calls}) == 1  # the same message each time


def test_gives_up_after_the_seven_retries(notifying: TrainingGateway, receiver: Receiver) -> None:
    notifying.notifications.configure(schedule=(0.01,) * 7, time_scale=1.0)
    receiver.script = [(503, b"")] * 20
    w = Wire(notifying)
    try:
        w.pay()
    finally:
        w.close()
    [delivery] = _settled(notifying, 1)
    assert delivery.state == "gave_up"
    assert len(delivery.attempts) == 8 == len(receiver.calls)


def test_the_default_schedule_is_001s() -> None:
    assert DEFAULT_SCHEDULE == (120, 600, 600, 3600, 7200, 21600, 54000)


def test_unreachable_url_is_retried(receiver: Receiver) -> None:
    closed = receiver.url
    receiver.close()
    with TrainingGateway(notify_url=closed) as gw:
        gw.notifications.configure(schedule=(0.01, 0.01))
        w = Wire(gw)
        try:
            w.pay()
        finally:
            w.close()
        [delivery] = _settled(gw, 1)
        assert delivery.state == "gave_up"
        assert [a.status for a in delivery.attempts] == [None, None, None]
        assert delivery.attempts[0].outcome.startswith("no answer")


def test_only_successes_are_notified(
    nwire: Wire, notifying: TrainingGateway, receiver: Receiver
) -> None:
    nwire.pay(auth_code="134567890123451201")  # declined
    waiting = nwire.pay(auth_code="134567890123451143")  # password entry: 1143
    order = nwire.mpm()
    assert notifying.notifications.deliveries() == []
    notifying.simulate_scan(order["out_trade_no"])
    for _ in range(4):
        nwire.query(out_trade_no=waiting["out_trade_no"])
    deliveries = _settled(notifying, 2)
    assert {d.out_trade_no for d in deliveries} == {order["out_trade_no"], waiting["out_trade_no"]}


def test_refunds_are_notified_when_they_succeed(
    nwire: Wire, notifying: TrainingGateway, receiver: Receiver
) -> None:
    paid = nwire.pay()
    refund = nwire.refund(paid["syssn"], 400)
    notifying.faults.add("async_refund", delay=30)
    late_no = new_out_trade_no()
    nwire.refund(paid["syssn"], 600, out_trade_no=late_no)
    deliveries = _settled(notifying, 2)
    assert [d.notify_type for d in deliveries] == ["payment", "refund"]
    message = json.loads(receiver.calls[1][1])
    assert message["syssn"] == refund["syssn"] and message["origssn"] == paid["syssn"]
    assert message["txamt"] == "400" and message["notify_type"] == "refund"
    # The asynchronous refund is notified once it has become final.
    clock = notifying.desk.clock
    notifying.desk.clock = lambda: clock() + 31
    nwire.query(out_trade_no=late_no)
    deliveries = _settled(notifying, 3)
    assert deliveries[2].out_trade_no == late_no


def test_a_booked_failure_answer_is_still_notified(nwire: Wire, notifying: TrainingGateway) -> None:
    notifying.faults.add("respcd", respcd="1297", booked=True)
    answer = nwire.pay()
    assert answer["respcd"] == "1297"
    [delivery] = _settled(notifying, 1)
    assert delivery.syssn == answer["syssn"]


def test_no_url_no_notifications(wire: Wire, gateway: TrainingGateway) -> None:
    wire.pay()
    assert gateway.notifications.deliveries() == []


def test_control_endpoint_configures_and_reports(
    wire: Wire, gateway: TrainingGateway, receiver: Receiver
) -> None:
    url = f"{gateway.base_url}/training/v1/notifications"
    answer = httpx.post(url, data={"url": receiver.url, "time_scale": "0.001"}).json()
    assert answer["settings"]["url"] == receiver.url
    assert answer["settings"]["time_scale"] == 0.001
    receiver.script = [(502, b"")]
    paid = wire.pay()
    _settled(gateway, 1)
    state = httpx.get(url).json()
    [delivery] = state["deliveries"]
    assert delivery["syssn"] == paid["syssn"] and delivery["state"] == "delivered"
    assert [a["status"] for a in delivery["attempts"]] == [502, 200]
    assert json.loads(delivery["body"])["syssn"] == paid["syssn"]
    changed = httpx.post(url, data={"schedule": "1,2,3"}).json()
    assert changed["settings"]["schedule"] == [1.0, 2.0, 3.0]
    assert httpx.post(url, data={"url": "ftp://x"}).status_code == 409
    assert httpx.post(url, data={"time_scale": "0"}).status_code == 409
    assert httpx.post(url, data={"url": ""}).json()["settings"]["url"] == ""
    wire.pay()
    assert len(gateway.notifications.deliveries()) == 1


def test_the_environment_proxy_does_not_redirect_notifications(
    receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 8: HTTP(S)_PROXY in the environment is ignored by the sender (trust_env off)."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "all_proxy"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")  # nothing listens there
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    with TrainingGateway(notify_url=receiver.url, notify_time_scale=FAST) as gw:
        w = Wire(gw)
        w.http.close()
        w.http = httpx.Client(base_url=gw.base_url, timeout=5.0, trust_env=False)
        try:
            w.pay()
        finally:
            w.close()
        [delivery] = _settled(gw, 1)
    assert delivery.state == "delivered" and len(receiver.calls) == 1
