"""The hostile proxy: each mutation really happens, and nothing happens unless armed."""

from __future__ import annotations

import json
import socket
import urllib.parse
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from pos_app.training import TrainingGateway
from pos_app.training.hostile import MUTATIONS, HostileProxy
from pos_app.training.signing import HEADER_SIGN, sign_params, verify_body

from .conftest import APP_CODE, KEY, Wire

PAYMENT = "/trade/v1/payment"
QUERY = "/trade/v1/query"


@pytest.fixture
def proxy(gateway: TrainingGateway) -> Iterator[HostileProxy]:
    with HostileProxy(gateway.base_url, key=KEY) as hostile:
        yield hostile


@pytest.fixture
def via(gateway: TrainingGateway, proxy: HostileProxy) -> Iterator[Wire]:
    """A signed wire whose requests go through the proxy."""
    w = Wire(gateway)
    w.http.close()
    w.http = httpx.Client(base_url=proxy.base_url, timeout=10.0)
    yield w
    w.close()


def test_unarmed_proxy_relays_faithfully(via: Wire, wire: Wire, proxy: HostileProxy) -> None:
    paid = via.pay()
    assert paid["respcd"] == "0000"
    direct = wire.query(out_trade_no=paid["out_trade_no"])
    relayed = via.send(QUERY, {"out_trade_no": paid["out_trade_no"]})
    assert relayed.json() == direct
    assert verify_body(relayed.content, KEY, relayed.headers[HEADER_SIGN])
    assert proxy.applied == []


def test_foreign_record_from_an_order_seen_before(via: Wire, proxy: HostileProxy) -> None:
    other = via.pay(txamt=555)
    mine = via.pay()
    proxy.arm("foreign_record", endpoint=QUERY)
    data = via.query(out_trade_no=mine["out_trade_no"])["data"]  # still validly signed
    assert [r["out_trade_no"] for r in data] == [other["out_trade_no"], mine["out_trade_no"]]
    assert data[0]["txamt"] == "555"
    assert proxy.applied[-1].mutation == "foreign_record"
    assert len(via.query(out_trade_no=mine["out_trade_no"])["data"]) == 1  # used up


def test_foreign_record_given_by_the_test(via: Wire, proxy: HostileProxy) -> None:
    mine = via.pay()
    planted = {"syssn": "1", "out_trade_no": "PLANTED", "txamt": "1", "respcd": "0000"}
    proxy.arm("foreign_record", record=planted)
    data = via.query(out_trade_no=mine["out_trade_no"])["data"]
    assert data[0] == planted and data[1]["out_trade_no"] == mine["out_trade_no"]


def test_foreign_record_on_a_payment_answer(via: Wire, proxy: HostileProxy) -> None:
    other = via.pay()
    proxy.arm("foreign_record", endpoint=PAYMENT)
    answer = via.pay()
    assert answer["out_trade_no"] == other["out_trade_no"]
    assert answer["syssn"] == other["syssn"]


def test_other_order_turns_a_refusal_into_a_200(
    via: Wire, gateway: TrainingGateway, proxy: HostileProxy
) -> None:
    other = via.pay()
    mine = via.pay()
    proxy.arm("other_order", endpoint="/trade/v1/refund")
    answer = via.refund(mine["syssn"], 999_999)  # the gateway refuses this (1272)
    assert proxy.applied[-1].body_before and b'"1272"' in proxy.applied[-1].body_before
    assert answer["respcd"] == "0000"
    assert answer["out_trade_no"] == other["out_trade_no"]
    order = gateway.store.by_syssn(mine["syssn"])
    assert order is not None and order.refunded == 0


def test_other_order_even_over_an_http_error(
    via: Wire, gateway: TrainingGateway, proxy: HostileProxy
) -> None:
    via.pay()
    gateway.faults.add("http_error", endpoint=QUERY, status=503)
    proxy.arm("other_order", endpoint=QUERY)
    response = via.send(QUERY, {"out_trade_no": "whatever"})
    assert response.status_code == 200
    assert proxy.applied[-1].status_before == 503
    assert response.json()["data"][0]["respcd"] == "0000"


@pytest.mark.parametrize(
    ("mutation", "options", "field", "expected"),
    [
        ("amount", {}, "txamt", "1001"),
        ("amount", {"txamt": 1}, "txamt", "1"),
        ("currency", {}, "txcurrcd", "USD"),
        ("currency", {"txcurrcd": "CNY"}, "txcurrcd", "CNY"),
    ],
)
def test_amount_and_currency(
    via: Wire,
    proxy: HostileProxy,
    mutation: str,
    options: dict[str, Any],
    field: str,
    expected: str,
) -> None:
    mine = via.pay()
    proxy.arm(mutation, endpoint=QUERY, **options)
    assert via.record(mine["out_trade_no"])[field] == expected
    proxy.arm(mutation, endpoint=PAYMENT, **options)
    assert via.pay()[field] == expected


def test_unsigned(via: Wire, proxy: HostileProxy) -> None:
    proxy.arm("unsigned")
    response = via.send(QUERY, {})
    assert response.status_code == 200 and response.json()["respcd"] == "0000"
    assert HEADER_SIGN not in response.headers and "X-QF-SIGNTYPE" not in response.headers


def test_bad_signature(via: Wire, proxy: HostileProxy) -> None:
    proxy.arm("bad_signature")
    response = via.send(QUERY, {})
    assert response.json()["respcd"] == "0000"
    assert not verify_body(response.content, KEY, response.headers[HEADER_SIGN])


def test_body_change_without_resigning_breaks_the_signature(via: Wire, proxy: HostileProxy) -> None:
    mine = via.pay()
    proxy.arm("amount", resign=False)
    response = via.send(QUERY, {"out_trade_no": mine["out_trade_no"]})
    assert response.json()["data"][0]["txamt"] == "1001"
    assert not verify_body(response.content, KEY, response.headers[HEADER_SIGN])


def test_dribble_sends_the_answer_in_small_pieces(via: Wire, proxy: HostileProxy) -> None:
    mine = via.pay()
    proxy.arm("dribble", chunk=16, interval=0.05)
    params = {"out_trade_no": mine["out_trade_no"]}
    form = urllib.parse.urlencode(params).encode()
    head = (
        f"POST {QUERY} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-QF-APPCODE: {APP_CODE}\r\n"
        f"X-QF-SIGN: {sign_params(params, KEY)}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(form)}\r\nConnection: close\r\n\r\n"
    )
    port = int(proxy.base_url.rsplit(":", 1)[1])
    pieces: list[bytes] = []
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
        raw.sendall(head.encode("latin-1") + form)
        while chunk := raw.recv(65536):
            pieces.append(chunk)
    data = b"".join(pieces)
    # The reader sees the answer arrive in pieces of (about) the chunk size, never at once.
    assert len(pieces) > 3 and max(len(piece) for piece in pieces) < len(data) // 2
    body = data.split(b"\r\n\r\n", 1)[1]
    assert json.loads(body)["data"][0]["out_trade_no"] == mine["out_trade_no"]
    assert proxy.applied[-1].mutation == "dribble"


def test_huge_body(via: Wire, proxy: HostileProxy) -> None:
    proxy.arm("huge_body", size=3 * 1024 * 1024)
    response = via.send(QUERY, {})
    assert len(response.content) >= 3 * 1024 * 1024 - 64
    assert response.json()["respcd"] == "0000"
    assert verify_body(response.content, KEY, response.headers[HEADER_SIGN])


@pytest.mark.parametrize("status", [200, 502])
def test_html(via: Wire, proxy: HostileProxy, status: int) -> None:
    proxy.arm("html", status=status)
    response = via.send(QUERY, {})
    assert response.status_code == status
    assert response.headers["Content-Type"].startswith("text/html")
    assert response.text.startswith("<!doctype html>")


def test_no_out_trade_no(via: Wire, proxy: HostileProxy) -> None:
    mine = via.pay()
    proxy.arm("no_out_trade_no", times=2)
    assert "out_trade_no" not in via.query(out_trade_no=mine["out_trade_no"])["data"][0]
    assert "out_trade_no" not in via.pay()
    assert proxy.armed() == []


def test_scoping_times_control_and_validation(
    via: Wire, gateway: TrainingGateway, proxy: HostileProxy
) -> None:
    proxy.arm("html", endpoint="/trade/v1/refund", times=None)
    assert via.pay()["respcd"] == "0000"
    info = httpx.get(f"{proxy.base_url}/training/v1/info")  # control passes untouched
    assert info.json()["base_url"] == gateway.base_url
    assert len(proxy.armed()) == 1
    proxy.clear()
    assert proxy.armed() == []
    with pytest.raises(ValueError, match="unknown mutation"):
        proxy.arm("explode")
    with pytest.raises(ValueError):
        proxy.arm("html", times=0)
    with pytest.raises(ValueError):
        HostileProxy("https://example.com")


def test_every_mutation_is_documented() -> None:
    import pos_app.training.hostile as hostile

    assert hostile.__doc__ is not None
    for mutation in MUTATIONS:
        assert f"``{mutation}``" in hostile.__doc__
