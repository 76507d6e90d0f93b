"""The server itself: persistence, control endpoints, keep-alive/TCP_NODELAY, logging, CLI."""

from __future__ import annotations

import logging
import os
import select
import socket
import socketserver
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest

from pos_app.qfpay.signing import sign
from pos_app.training import TRAINING_CREDENTIALS, TrainingGateway
from pos_app.training.handler import GatewayHandler, is_loopback_peer

from .conftest import KEY, Wire, new_out_trade_no, now_txdtm


def test_orders_survive_a_restart_with_store_path(tmp_path: Path) -> None:
    store = tmp_path / "gateway.sqlite"
    with TrainingGateway(store_path=store) as first:
        w = Wire(first)
        paid = w.pay(txamt=800)
        pending = w.pay(auth_code="134567890123451143")
        qr = w.mpm()
        w.refund(paid["syssn"], 300)
        w.close()
    with TrainingGateway(store_path=store) as second:
        w = Wire(second)
        try:
            assert w.record(paid["out_trade_no"])["cancel"] == "5"
            assert w.refund(paid["syssn"], 501)["respcd"] == "1272"
            # The wallet simulation carries on where it was.
            assert [w.record(pending["out_trade_no"])["respcd"] for _ in range(4)] == [
                "1143",
                "1143",
                "1143",
                "0000",
            ]
            assert second.simulate_scan(qr["out_trade_no"]).respcd == "0000"
            assert w.pay(out_trade_no=paid["out_trade_no"])["respcd"] == "1102"
            # Serial numbers keep counting: no collision with the first run's.
            fresh = w.pay()
            assert fresh["syssn"] not in {paid["syssn"], pending["syssn"], qr["syssn"]}
            assert len(second.store.all()) == 5
        finally:
            w.close()


def test_in_memory_store_forgets(gateway: TrainingGateway) -> None:
    assert gateway.store.path is None
    with TrainingGateway() as other:
        assert other.store.all() == []


def test_control_endpoints(wire: Wire, gateway: TrainingGateway) -> None:
    base = gateway.base_url
    qr = wire.mpm()
    scan = httpx.post(f"{base}/training/v1/scan", json={"out_trade_no": qr["out_trade_no"]})
    assert scan.status_code == 200
    assert scan.json()["order"]["respcd"] == "0000"
    assert wire.record(qr["out_trade_no"])["respcd"] == "0000"

    other = wire.mpm()
    expire = httpx.post(f"{base}/training/v1/expire", data={"out_trade_no": other["out_trade_no"]})
    assert expire.json()["order"]["respcd"] == "1181"
    again = httpx.post(f"{base}/training/v1/expire", data={"out_trade_no": other["out_trade_no"]})
    assert again.status_code == 409
    missing = httpx.post(f"{base}/training/v1/scan", data={"out_trade_no": "nope"})
    assert missing.status_code == 404

    added = httpx.post(
        f"{base}/training/v1/faults",
        json={"action": "add", "kind": "http_error", "endpoint": "/trade/v1/query", "times": 2},
    )
    assert added.json()["fault"]["remaining"] == 2
    assert wire.send("/trade/v1/query", {}).status_code == 503
    listed = httpx.get(f"{base}/training/v1/faults").json()["faults"]
    assert listed[0]["remaining"] == 1
    httpx.post(f"{base}/training/v1/faults", data={"action": "clear"})
    assert gateway.faults.active() == []
    bad = httpx.post(f"{base}/training/v1/faults", json={"action": "add", "kind": "boom"})
    assert bad.status_code == 409

    orders = httpx.get(f"{base}/training/v1/orders").json()["orders"]
    assert {o["out_trade_no"] for o in orders} == {qr["out_trade_no"], other["out_trade_no"]}
    info = httpx.get(f"{base}/training/v1/info").json()
    assert info["app_code"] == TRAINING_CREDENTIALS.app_code
    assert info["base_url"] == base
    assert any(row["suffix"] == "9999" for row in info["wallets"])
    assert httpx.get(f"{base}/training/v1/unknown").status_code == 404


def test_loopback_only_rule() -> None:
    assert is_loopback_peer("127.0.0.1")
    assert is_loopback_peer("::1")
    assert is_loopback_peer("::ffff:127.0.0.1")
    assert not is_loopback_peer("192.168.1.20")
    assert not is_loopback_peer("not-an-address")


def _raw_request(params: dict[str, str]) -> bytes:
    body = urlencode(params).encode()
    head = (
        "POST /trade/v1/query HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"X-QF-APPCODE: {TRAINING_CREDENTIALS.app_code}\r\nX-QF-SIGN: {sign(params, KEY)}\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


def _complete(data: bytes) -> bool:
    head, sep, body = data.partition(b"\r\n\r\n")
    if not sep:
        return False
    length = next(
        int(line.split(b":", 1)[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    return len(body) >= length


def test_keep_alive_single_write_and_no_nagle_stall(wire: Wire, gateway: TrainingGateway) -> None:
    assert GatewayHandler.disable_nagle_algorithm is True
    assert GatewayHandler.protocol_version == "HTTP/1.1"
    paid = wire.pay()
    request = _raw_request({"syssn": paid["syssn"]})
    timings = []
    with socket.create_connection(("127.0.0.1", gateway.port)) as conn:
        for _ in range(20):
            started = time.perf_counter()
            conn.sendall(request)
            ready, _, _ = select.select([conn], [], [], 2)
            assert ready
            time.sleep(0.002)  # let a second segment arrive, if there were one
            chunk = conn.recv(65536)
            timings.append(time.perf_counter() - started)
            # Headers and body arrived together: one write on the server side.
            assert chunk.startswith(b"HTTP/1.1 200 OK")
            assert b"Connection: keep-alive" in chunk
            assert _complete(chunk), chunk
        # The accepted socket on the server side has TCP_NODELAY set.
        server_sockets = list(gateway._server.connections)  # type: ignore[union-attr]
        assert server_sockets
        for accepted in server_sockets:
            assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
    # A sanity check, not a benchmark: a Nagle/delayed-ACK stall would add ~40 ms to every
    # round trip, so even the fastest one would be slow.
    assert min(timings) < 0.04


def test_connection_close_is_honoured(gateway: TrainingGateway) -> None:
    with socket.create_connection(("127.0.0.1", gateway.port)) as conn:
        conn.sendall(b"GET /training/v1/info HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    assert b"Connection: close" in data
    assert _complete(data)


def test_stop_cuts_keep_alive_connections_and_refuses_new_ones() -> None:
    gw = TrainingGateway().start()
    port = gw.port
    client = httpx.Client(base_url=gw.base_url)
    assert client.get("/training/v1/info").status_code == 200
    gw.stop()
    with pytest.raises(httpx.TransportError):
        client.get("/training/v1/info")
    client.close()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    with pytest.raises(RuntimeError):
        gw.start()
    gw.stop()  # idempotent


def test_no_request_logging_on_stderr(
    capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture, wire: Wire
) -> None:
    with caplog.at_level(logging.DEBUG, logger="pos_app.training"):
        wire.pay()
        wire.query()
    captured = capfd.readouterr()
    assert captured.err == ""
    assert any("/trade/v1/payment" in record.getMessage() for record in caplog.records)
    assert all(KEY not in record.getMessage() for record in caplog.records)


def test_key_not_in_reprs(gateway: TrainingGateway) -> None:
    assert KEY not in repr(gateway)
    assert KEY not in repr(TRAINING_CREDENTIALS)


def test_module_runs_alone_and_prints_url_and_credentials(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pos_app.training",
            "--port",
            "0",
            "--store",
            str(tmp_path / "s.db"),
            "--mpm-expiry-seconds",
            "60",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert proc.stdout is not None
        lines = [proc.stdout.readline() for _ in range(3)]
        base_url = lines[0].split(": ", 1)[1].strip()
        assert base_url.startswith("http://127.0.0.1:")
        assert TRAINING_CREDENTIALS.app_code in lines[1]
        assert TRAINING_CREDENTIALS.client_key in lines[2]
        params = {
            "txamt": "100",
            "txcurrcd": "HKD",
            "pay_type": "800201",
            "out_trade_no": new_out_trade_no(),
            "txdtm": now_txdtm(),
        }
        answer = httpx.post(
            f"{base_url}/trade/v1/payment",
            data=params,
            headers={"X-QF-APPCODE": TRAINING_CREDENTIALS.app_code, "X-QF-SIGN": sign(params, KEY)},
        ).json()
        assert answer["respcd"] == "1143"
        orders = httpx.get(f"{base_url}/training/v1/orders").json()["orders"]
        assert orders[0]["expires_at"] - orders[0]["created_at"] == pytest.approx(60)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert proc.returncode == 0
    assert proc.stderr is not None and proc.stderr.read() == ""


def test_each_reply_is_one_write(monkeypatch: pytest.MonkeyPatch, wire: Wire) -> None:
    writes: list[int] = []
    original = socketserver._SocketWriter.write  # type: ignore[attr-defined]

    def counting(self: Any, data: bytes) -> int:
        writes.append(len(data))
        return int(original(self, data))

    monkeypatch.setattr(socketserver._SocketWriter, "write", counting)  # type: ignore[attr-defined]
    paid = wire.pay()
    wire.query(syssn=paid["syssn"])
    wire.send("/download/v1/trade_bill", {"trade_date": "2026-01-01"}, method="GET")
    assert len(writes) == 3
    assert all(size > 100 for size in writes)
