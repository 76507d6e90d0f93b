"""Files, secrets and the environment on the till's own machine (issue 8).

Real processes, real files, the real Secret Service keyring and real HTTP to the training
gateway on 127.0.0.1.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from pos_app.credentials import CredentialStore, service_name, training_credentials
from pos_app.qfpay.client import QFPayClient
from pos_app.qfpay.errors import ConfigurationError
from pos_app.qfpay.models import Credentials
from pos_app.training import TrainingGateway

SECRET = "C0FFEE0123456789ABCDEF0123456789"
PAID_CODE = "134567890123450001"


def _cli(
    data: Path, config: Path, *args: str, umask: int = 0o022
) -> subprocess.CompletedProcess[str]:
    code = (
        f"import os, sys; os.umask({umask}); from pos_app.cli.main import main; "
        "sys.exit(main(sys.argv[1:]))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("QFPAY_")}
    return subprocess.run(
        [sys.executable, "-c", code, "--env", "training", "--data-dir", str(data),
         "--config-dir", str(config), "--json", *args],
        capture_output=True, text=True, timeout=120, env=env, check=False,
    )  # fmt: skip


def _modes(data: Path) -> dict[str, int]:
    """Every file and directory under ``data`` (backups included) with its mode."""
    return {str(p.relative_to(data)): stat.S_IMODE(p.stat().st_mode) for p in data.rglob("*")}


def _private(modes: dict[str, int], data: Path) -> bool:
    return all(mode == (0o700 if (data / name).is_dir() else 0o600) for name, mode in modes.items())


def test_every_file_the_till_creates_is_private(tmp_path: Path) -> None:
    data, config = tmp_path / "data", tmp_path / "config"
    paid = _cli(data, config, "pay", "--amount", "1", "--pay-type", "800208",
                "--auth-code", PAID_CODE, "--poll-interval", "0.05")  # fmt: skip
    assert paid.returncode == 0, paid.stderr
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    modes = _modes(data)
    assert {"journal-training.sqlite3", "till.log", "training-gateway.sqlite3"} <= set(modes)
    assert _private(modes, data), modes


def test_existing_readable_files_are_tightened_on_start(tmp_path: Path) -> None:
    data, config = tmp_path / "data", tmp_path / "config"
    data.mkdir(mode=0o755)
    data.chmod(0o755)
    for name in ("journal-training.sqlite3", "till.log", "journal-training.sqlite3-wal"):
        (data / name).write_bytes(b"")
        (data / name).chmod(0o644)
    result = _cli(data, config, "history")
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert _private(_modes(data), data), _modes(data)


def test_till_processes_never_write_core_dumps(tmp_path: Path) -> None:
    code = (
        "import resource, sys; from pos_app.cli.main import main; "
        f"main(['--env', 'training', '--data-dir', {str(tmp_path)!r}, '--config-dir', "
        f"{str(tmp_path)!r}, 'history']); print(resource.getrlimit(resource.RLIMIT_CORE))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "(0, 0)"


class RecordingBackend:
    """The real Secret Service keyring, noting which entries were read."""

    def __init__(self, real: object) -> None:
        self.real = real
        self.read: list[tuple[str, str]] = []

    def get_password(self, service: str, name: str) -> str | None:
        self.read.append((service, name))
        return self.real.get_password(service, name)  # type: ignore[attr-defined]

    def set_password(self, service: str, name: str, value: str) -> None:
        self.real.set_password(service, name, value)  # type: ignore[attr-defined]

    def delete_password(self, service: str, name: str) -> None:
        self.real.delete_password(service, name)  # type: ignore[attr-defined]


@pytest.mark.keyring
def test_credentials_show_never_reads_the_key(secret_service: object) -> None:
    CredentialStore(environ={}).save(
        "sandbox", "hk", Credentials(app_code="APP1", client_key=SECRET, mchid="M1")
    )
    backend = RecordingBackend(secret_service)
    summary = CredentialStore(backend=backend, environ={}).summary("sandbox", "hk")  # type: ignore[arg-type]
    assert summary.app_code == "APP1" and summary.mchid == "M1" and summary.has_key
    assert (service_name("sandbox", "hk"), "credentials") not in backend.read
    assert SECRET not in repr(summary)


def test_environment_credentials_must_name_their_environment() -> None:
    env = {"QFPAY_APPCODE": "A", "QFPAY_KEY": SECRET}
    with pytest.raises(ConfigurationError, match="QFPAY_ENV"):
        CredentialStore(environ=env).load("prod", "hk")
    with pytest.raises(ConfigurationError, match="QFPAY_ENV"):
        CredentialStore(environ=env).summary("prod", "hk")
    named = CredentialStore(environ={**env, "QFPAY_ENV": "prod"}).load("prod", "hk")
    assert named.app_code == "A"
    assert CredentialStore(environ=env).load("training", "hk") == training_credentials()


def test_the_environment_does_not_redirect_the_till(monkeypatch: pytest.MonkeyPatch) -> None:
    """HTTP(S)_PROXY and SSL_CERT_FILE from the environment are ignored (trust_env off)."""
    with TrainingGateway() as gw:
        for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "all_proxy"):
            monkeypatch.setenv(name, "http://127.0.0.1:9")  # nothing listens there
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        with QFPayClient(training_credentials(), gw.base_url) as client:
            assert client.query(out_trade_no="NOSUCHORDER1") == []
        # What the till did before: the environment's proxy was obeyed.
        with httpx.Client(trust_env=True) as leaky, pytest.raises(httpx.TransportError):
            leaky.get(f"{gw.base_url}/trade/v1/query")
    # An attacker's certificate file in the environment is not even read.
    monkeypatch.setenv("SSL_CERT_FILE", "/nonexistent/attacker.pem")
    sandbox = Credentials(app_code="APP1", client_key=SECRET, mchid=None)
    QFPayClient(sandbox, "https://openapi-hk.qfapi.com").close_client()
    with pytest.raises(OSError):
        httpx.Client(trust_env=True)
