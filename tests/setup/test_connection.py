"""``Test connection`` against the real training gateway over HTTP, run with NON-training
credentials as a stand-in for a real QFPay host; each failure must be explained in words."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from pos_app.qfpay.models import Credentials
from pos_app.setup.connection import test_connection as check
from pos_app.setup.keyring_help import keyring_problem
from pos_app.training import TrainingGateway

GOOD = Credentials(app_code="SHOPAPPCODE01", client_key="SHOPKEY0123456789", mchid=None)


@pytest.fixture
def shop_gateway(tmp_path: Path) -> Iterator[TrainingGateway]:
    gw = TrainingGateway(store_path=tmp_path / "gw.sqlite3", credentials=GOOD)
    gw.start()
    try:
        yield gw
    finally:
        gw.stop()


def run(creds: Credentials, url: str, **kw: object):
    return check(creds, url, environment="sandbox", region="hk", **kw)  # type: ignore[arg-type]


def test_right_credentials_connect_and_nothing_is_created(shop_gateway) -> None:
    (first,) = run(GOOD, shop_gateway.base_url)
    assert first.ok and first.kind == "ok"
    assert "SHOPAPPCODE01" in first.message.text() and "Nothing was charged" in first.message.text()
    assert shop_gateway.store.all() == []
    # The key never appears in what is shown.
    assert GOOD.client_key not in first.message.text()


def test_md5_accounts_connect_too(shop_gateway) -> None:
    (first,) = run(GOOD, shop_gateway.base_url, sign_type="MD5")
    assert first.ok


def test_wrong_key_is_1108_in_plain_words(shop_gateway) -> None:
    wrong = Credentials(app_code=GOOD.app_code, client_key="NOTTHEKEY000", mchid=None)
    (first,) = run(wrong, shop_gateway.base_url)
    assert not first.ok and first.kind == "wrong_key"
    text = first.message.text()
    assert "1108" in text and "client key" in text and "region" in text
    assert "NOTTHEKEY000" not in text


def test_missing_and_wrong_mchid(tmp_path: Path) -> None:
    gw = TrainingGateway(store_path=tmp_path / "m.sqlite3", credentials=GOOD, mchid="MCH777")
    gw.start()
    try:
        (missing,) = run(GOOD, gw.base_url)
        assert missing.kind == "missing_mchid" and "mchid" in missing.message.text()
        other = Credentials(app_code=GOOD.app_code, client_key=GOOD.client_key, mchid="MCH000")
        (wrong,) = run(other, gw.base_url)
        assert wrong.kind == "wrong_mchid" and "MCH000" in wrong.message.text()
        right = Credentials(app_code=GOOD.app_code, client_key=GOOD.client_key, mchid="MCH777")
        assert run(right, gw.base_url)[0].ok
    finally:
        gw.stop()


def test_unreachable_host_says_so() -> None:
    (first,) = run(GOOD, "http://127.0.0.1:9", timeout=2.0)
    assert not first.ok and first.kind == "unreachable"
    assert "Cannot reach 127.0.0.1:9" in first.message.text()


class _NotAGateway(http.server.BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        body = b"<html>Not Found</html>"
        self.send_response(404)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_a_host_that_is_not_a_gateway_points_at_the_region() -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _NotAGateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        (first,) = run(GOOD, f"http://127.0.0.1:{server.server_port}")
    finally:
        server.shutdown()
        server.server_close()
    assert first.kind == "wrong_region" and "region" in first.message.text()


def test_clock_skew_is_reported_beside_a_working_connection(shop_gateway) -> None:
    first, skew = run(GOOD, shop_gateway.base_url, now=lambda: time.time() + 600)
    assert first.ok
    assert skew.kind == "clock_skew" and "10 minutes ahead of" in skew.message.text()
    assert len(run(GOOD, shop_gateway.base_url)) == 1  # our own clock: no warning


def test_keyring_help_names_the_package_or_the_session() -> None:
    linux = keyring_problem(
        "NoKeyringError", platform="linux", environ={"DBUS_SESSION_BUS_ADDRESS": "x"}
    )
    assert "apt-get install gnome-keyring" in linux.text()
    assert "never stores the key in a file" in linux.text()
    no_bus = keyring_problem("NoKeyringError", platform="linux", environ={})
    assert "D-Bus" in no_bus.text()
    assert "Keychain" in keyring_problem("KeyringError", platform="darwin").text()
    assert "Credential Manager" in keyring_problem("KeyringError", platform="win32").text()
    assert "locked" in keyring_problem("KeyringLocked", platform="linux").text()
