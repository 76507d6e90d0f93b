"""Credentials in the real Secret Service keyring, environment-variable overrides, training."""

from __future__ import annotations

import pytest
from keyring.backends import SecretService

from pos_app.credentials import CredentialStore, service_name, training_credentials
from pos_app.qfpay.errors import ConfigurationError
from pos_app.qfpay.models import Credentials

SECRET = "C0FFEE0123456789ABCDEF0123456789"
SANDBOX = Credentials(app_code="APPSANDBOX1", client_key=SECRET, mchid="MCH42")


@pytest.mark.keyring
def test_backend_is_the_real_secret_service(secret_service) -> None:
    assert isinstance(secret_service, SecretService.Keyring)


@pytest.mark.keyring
def test_save_load_clear_round_trip(secret_service) -> None:
    store = CredentialStore(environ={})
    store.save("sandbox", "hk", SANDBOX)
    loaded = store.load("sandbox", "hk")
    assert (loaded.app_code, loaded.client_key, loaded.mchid) == ("APPSANDBOX1", SECRET, "MCH42")
    assert loaded.environment == "sandbox"
    # Stored in the keyring under its own service, readable by any keyring client.
    assert SECRET in (secret_service.get_password(service_name("sandbox", "hk"), "credentials"))
    assert store.clear("sandbox", "hk") is True
    assert store.clear("sandbox", "hk") is False
    with pytest.raises(ConfigurationError, match="credentials set"):
        store.load("sandbox", "hk")


@pytest.mark.keyring
def test_environments_and_regions_never_mix(secret_service) -> None:
    store = CredentialStore(environ={})
    store.save("sandbox", "hk", SANDBOX)
    prod = Credentials(app_code="APPPROD", client_key="PRODKEY", mchid=None)
    store.save("prod", "hk", prod)
    assert store.load("prod", "hk").app_code == "APPPROD"
    assert store.load("sandbox", "hk").app_code == "APPSANDBOX1"
    for env, region in (("test", "hk"), ("prod", "sg")):
        with pytest.raises(ConfigurationError):
            store.load(env, region)


@pytest.mark.keyring
def test_environment_variables_win_over_keyring(secret_service) -> None:
    CredentialStore(environ={}).save("prod", "hk", SANDBOX)
    env = {"QFPAY_APPCODE": "ENVAPP", "QFPAY_KEY": "ENVKEY", "QFPAY_ENV": "prod"}
    store = CredentialStore(environ=env)
    creds = store.load("prod", "hk")
    assert (creds.app_code, creds.client_key, creds.mchid) == ("ENVAPP", "ENVKEY", None)
    summary = store.summary("prod", "hk")
    assert summary.source == "environment"
    assert "ENVKEY" not in summary.describe() and "(set)" in summary.describe()


@pytest.mark.keyring
def test_summary_from_keyring_never_shows_key(secret_service) -> None:
    store = CredentialStore(environ={})
    assert store.summary("sandbox", "hk").source == "none"
    store.save("sandbox", "hk", SANDBOX)
    summary = store.summary("sandbox", "hk")
    assert summary.source == "keyring" and summary.has_key and summary.mchid == "MCH42"
    assert SECRET not in summary.describe() and SECRET not in repr(summary)


@pytest.mark.keyring
def test_damaged_keyring_entry_is_a_configuration_error(secret_service) -> None:
    secret_service.set_password(service_name("test", "hk"), "credentials", "{broken")
    with pytest.raises(ConfigurationError, match="damaged"):
        CredentialStore(environ={}).load("test", "hk")


def test_qfpay_env_mismatch_is_refused() -> None:
    env = {"QFPAY_APPCODE": "A", "QFPAY_KEY": "K", "QFPAY_ENV": "prod"}
    with pytest.raises(ConfigurationError, match="refusing to mix"):
        CredentialStore(environ=env).load("sandbox", "hk")


def test_half_set_environment_variables_are_refused() -> None:
    with pytest.raises(ConfigurationError, match="QFPAY_KEY is not set"):
        CredentialStore(environ={"QFPAY_APPCODE": "A", "QFPAY_ENV": "sandbox"}).load(
            "sandbox", "hk"
        )


@pytest.mark.keyring
def test_implausible_key_is_refused_before_reaching_keyring(secret_service) -> None:
    store = CredentialStore(environ={})
    with pytest.raises(ConfigurationError, match="client key contains"):
        store.save("sandbox", "hk", Credentials("APP", "two words", None))
    assert store.summary("sandbox", "hk").source == "none"


def test_key_never_in_error_messages() -> None:
    env = {"QFPAY_APPCODE": "A", "QFPAY_KEY": SECRET, "QFPAY_ENV": "prod"}
    with pytest.raises(ConfigurationError) as caught:
        CredentialStore(environ=env).load("test", "hk")
    assert SECRET not in str(caught.value) and SECRET not in repr(caught.value)


def test_training_needs_nothing_and_ignores_env_vars() -> None:
    env = {"QFPAY_APPCODE": "A", "QFPAY_KEY": "K", "QFPAY_ENV": "prod"}
    assert CredentialStore(environ=env).load("training", "hk") == training_credentials()
    with pytest.raises(ConfigurationError):
        CredentialStore(environ={}).save("training", "hk", SANDBOX)
