"""Fixtures shared by the whole suite.

Every test runs with its own config and data directories and without the developer's QFPay
environment variables, so nothing a test does can touch a real till's settings, journal or
credentials.  Tests marked ``keyring`` need a real Secret Service (gnome-keyring in a
private D-Bus session, see ``tests/run-with-keyring.sh``); outside that wrapper they error
with a message saying how to run them, they are never skipped.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO_ROOT = Path(__file__).resolve().parent.parent

_LEAKY_ENV = ("QFPAY_APPCODE", "QFPAY_KEY", "QFPAY_MCHID", "QFPAY_ENV")

KEYRING_HELP = (
    "this test needs the real Secret Service keyring: run the suite through "
    "tests/run-with-keyring.sh (./run-tests.sh does), not plain pytest"
)


@pytest.fixture(autouse=True)
def _isolated_app_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Point the app's directories at scratch space and drop inherited QFPay variables."""
    base = tmp_path_factory.mktemp("appdirs")
    monkeypatch.setenv("QFPAY_POS_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("QFPAY_POS_DATA_DIR", str(base / "data"))
    for name in _LEAKY_ENV:
        monkeypatch.delenv(name, raising=False)


def _secret_service_problem() -> str | None:
    """None when the keyring in use is a working Secret Service, else what is wrong."""
    try:
        import keyring
        from keyring.backends import SecretService
    except ImportError as exc:  # pragma: no cover - dependency missing entirely
        return f"keyring is not installed ({exc})"
    backend = keyring.get_keyring()
    if not isinstance(backend, SecretService.Keyring):
        return f"the keyring backend is {type(backend).__name__}, not SecretService"
    try:
        backend.get_password("qfpay-pos-test/probe", "probe")
    except Exception as exc:
        return f"the Secret Service does not answer ({type(exc).__name__}: {exc})"
    return None


@pytest.fixture(autouse=True)
def _require_real_keyring(request: pytest.FixtureRequest) -> None:
    """Keyring tests error (never skip) when no real Secret Service is reachable."""
    if request.node.get_closest_marker("keyring") is None:
        return
    problem = _secret_service_problem()
    if problem is None:
        return
    if os.environ.get("QFPAY_POS_REQUIRE_KEYRING"):
        pytest.fail(f"Secret Service keyring expected but unusable: {problem}")
    raise RuntimeError(f"{KEYRING_HELP} ({problem})")


@pytest.fixture
def secret_service() -> Iterator[object]:
    """The real Secret Service backend, with every qfpay-pos entry removed afterwards."""
    import keyring

    backend = keyring.get_keyring()
    yield backend
    from keyring.errors import PasswordDeleteError

    from pos_app.settings import ENVIRONMENTS, REGIONS

    for env in ENVIRONMENTS:
        for region in REGIONS:
            for entry in ("credentials", "summary"):
                with contextlib.suppress(PasswordDeleteError):
                    backend.delete_password(f"qfpay-pos/{env}/{region}", entry)
