"""Issue 8: only the settings (``network.proxy``, ``network.ca_bundle``) route or re-trust the
till; the environment's HTTPS_PROXY / SSL_CERT_FILE never do.

The proxy here is a real, small forwarding HTTP proxy on 127.0.0.1 in front of the real
training gateway, and the client is the one the composition root builds.
"""

from __future__ import annotations

import http.client
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from pos_app.runtime.options import RunOptions
from pos_app.runtime.root import TillRuntime
from pos_app.settings import AppPaths, NetworkSettings, default_settings, save_settings
from pos_app.setup.edit import set_value

PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"


class _Forwarder(http.server.BaseHTTPRequestHandler):
    """Relays absolute-form requests (what a client sends to a proxy) and records them."""

    seen: list[str]

    def _relay(self) -> None:
        self.server.seen.append(self.path)  # type: ignore[attr-defined]
        target = urlsplit(self.path)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        conn = http.client.HTTPConnection(target.hostname or "", target.port, timeout=10)
        try:
            path = target.path + (f"?{target.query}" if target.query else "")
            headers = {k: v for k, v in self.headers.items() if k.lower() != "proxy-connection"}
            conn.request(self.command, path, body=body or None, headers=headers)
            answer = conn.getresponse()
            data = answer.read()
        finally:
            conn.close()
        self.send_response(answer.status)
        for key, value in answer.getheaders():
            if key.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = _relay

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the test reads ``seen``."""


@pytest.fixture
def proxy() -> Iterator[http.server.ThreadingHTTPServer]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Forwarder)
    server.seen = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def _url(server: http.server.ThreadingHTTPServer) -> str:
    return f"http://127.0.0.1:{server.server_address[1]}"


def _paths(tmp_path: Path) -> AppPaths:
    return AppPaths(tmp_path / "config", tmp_path / "data")


def _runtime(tmp_path: Path, network: NetworkSettings) -> TillRuntime:
    import dataclasses

    settings = dataclasses.replace(default_settings("T1"), network=network)
    options = RunOptions(env="training", data_dir=str(tmp_path / "data"))
    return TillRuntime(options, settings=settings, environ={})


def test_the_proxy_setting_routes_the_till_through_the_proxy(tmp_path: Path, proxy) -> None:
    rt = _runtime(tmp_path, NetworkSettings(proxy=_url(proxy)))
    try:
        client = rt.client()
        assert client.proxy == _url(proxy)
        assert client.query(out_trade_no="NOSUCHORDER1") == []
    finally:
        rt.close()
    assert any(path.endswith("/trade/v1/query") for path in proxy.seen), proxy.seen


def test_without_the_setting_the_environment_still_does_not_redirect(
    tmp_path: Path, proxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "all_proxy"):
        monkeypatch.setenv(name, _url(proxy))
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "attacker.pem"))  # missing on purpose
    rt = _runtime(tmp_path, NetworkSettings())
    try:
        client = rt.client()
        assert client.proxy is None and client.ca_bundle is None
        assert client.query(out_trade_no="NOSUCHORDER1") == []
    finally:
        rt.close()
    assert proxy.seen == []


def test_the_ca_bundle_setting_reaches_the_client(tmp_path: Path) -> None:
    bundle = tmp_path / "shop-ca.pem"
    import certifi

    bundle.write_bytes(Path(certifi.where()).read_bytes())
    rt = _runtime(tmp_path, NetworkSettings(ca_bundle=str(bundle)))
    try:
        assert rt.client().ca_bundle == str(bundle)
    finally:
        rt.close()


@pytest.mark.parametrize(
    ("key", "value", "reason"),
    [
        ("network.proxy", "proxy.example:3128", "must be an address like"),
        ("network.proxy", "socks5://127.0.0.1:1080", "must be an address like"),
        ("network.proxy", "http://", "must be an address like"),
        ("network.proxy", "http://u:secret@proxy.example:3128", "must not contain a password"),
        ("network.proxy", "http://proxy.example:port", "not a valid address"),
        ("network.ca_bundle", "relative.pem", "must be a full path"),
        ("network.ca_bundle", "/nonexistent/ca.pem", "cannot be read"),
    ],
)
def test_bad_network_values_are_refused_and_change_nothing(
    tmp_path: Path, key: str, value: str, reason: str
) -> None:
    paths = _paths(tmp_path)
    save_settings(default_settings("T1"), paths)
    before = paths.settings_file.read_bytes()
    with pytest.raises(ValueError, match=reason):
        set_value(paths, key, value)
    assert paths.settings_file.read_bytes() == before


def test_a_ca_bundle_must_be_a_pem_file_of_certificates(tmp_path: Path) -> None:
    paths = _paths(tmp_path)
    save_settings(default_settings("T1"), paths)
    before = paths.settings_file.read_bytes()
    not_pem = tmp_path / "key.txt"
    not_pem.write_text("hello")
    with pytest.raises(ValueError, match="not a PEM file"):
        set_value(paths, "network.ca_bundle", str(not_pem))
    assert paths.settings_file.read_bytes() == before


def test_good_network_values_are_saved_and_can_be_unset(tmp_path: Path) -> None:
    paths = _paths(tmp_path)
    save_settings(default_settings("T1"), paths)
    pem = tmp_path / "ca.pem"
    pem.write_text(PEM)
    set_value(paths, "network.proxy", "http://proxy.example:3128/")
    updated = set_value(paths, "network.ca_bundle", str(pem))
    assert updated.network == NetworkSettings("http://proxy.example:3128", str(pem))
    saved = json.loads(paths.settings_file.read_text())
    assert saved["network"] == {"proxy": "http://proxy.example:3128", "ca_bundle": str(pem)}
    assert set_value(paths, "network.proxy", "null").network.proxy is None
