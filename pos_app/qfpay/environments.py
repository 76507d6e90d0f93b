"""Where the gateway lives: environments and regions, chosen by name, never mixed.

The hosts come from the reference's environment table (001), which is authoritative:

* one general ``sandbox`` for every region;
* ``test`` and ``prod`` per region: Hong Kong, mainland China, Japan, Thailand, Dubai,
  Singapore, Indonesia, Europe.  001 lists a single Japanese host, named like a production
  host (no ``test-`` prefix): it is Japan's ``prod``, and Japan has no documented ``test``
  host, so ``test``/``jp`` needs an explicit ``base_url`` rather than silently sending test
  credentials and test sales to production.

The Chinese introduction (004) names a different Hong Kong sandbox (``openapi-int``, "for
simulating credit cards only"), and so does the summary (002); it is recorded in
:data:`DOC_004_VARIANTS` but not used unless given explicitly as ``base_url``.  The client
still knows it as a sandbox host, so production credentials are refused there too.

``training`` is the built-in stand-in gateway on loopback: it has no fixed host, so it
needs ``base_url``.  Any environment accepts a ``base_url`` override (an HTTPS proxy, or a
loopback relay).  Plain HTTP is refused except on loopback, because the requests carry
customers' payment codes.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from pos_app.qfpay.errors import ConfigurationError

EnvName = Literal["sandbox", "test", "prod", "training"]
ENVIRONMENTS: tuple[str, ...] = ("sandbox", "test", "prod", "training")
REGIONS: tuple[str, ...] = ("hk", "cn", "jp", "th", "ae", "sg", "id", "eu")

REGION_NAMES: dict[str, str] = {
    "hk": "Hong Kong",
    "cn": "China Mainland",
    "jp": "Japan",
    "th": "Thailand",
    "ae": "Dubai",
    "sg": "Singapore",
    "id": "Indonesia",
    "eu": "Europe",
}

SANDBOX_URL = "https://openapi-test.qfpay.com"

#: (environment, region) -> base URL, from 001's table.
HOSTS: dict[tuple[str, str], str] = {
    ("test", "cn"): "https://test-openapi.qfpay.com",
    ("prod", "cn"): "https://openapi.qfpay.com",
    ("test", "hk"): "https://test-openapi-hk.qfapi.com",
    ("prod", "hk"): "https://openapi-hk.qfapi.com",
    # 001 gives one Japanese host only, without a "test-" twin: production, no test host.
    ("prod", "jp"): "https://openapi-jp.qfapi.com",
    ("test", "th"): "https://test-openapi-th.qfapi.com",
    ("prod", "th"): "https://openapi-th.qfapi.com",
    ("test", "ae"): "https://test-openapi-db.qfapi.com",
    ("prod", "ae"): "https://openapi-db.qfapi.com",
    ("test", "sg"): "https://test-openapi-sg.qfapi.com",
    ("prod", "sg"): "https://openapi-sg.qfapi.com",
    ("test", "id"): "https://test-openapi-id.qfapi.com",
    ("prod", "id"): "https://openapi-id.qfapi.com",
    ("test", "eu"): "https://test-openapi-eur.qfapi.com",
    ("prod", "eu"): "https://openapi-eur.qfapi.com",
}

#: What 004 (Chinese introduction, Hong Kong) says instead, kept for reference only.
DOC_004_VARIANTS: dict[tuple[str, str], str] = {
    ("sandbox", "hk"): "https://openapi-int.qfapi.com",
    ("test", "hk"): "https://test-openapi-hk.qfapi.com",
    ("prod", "hk"): "https://openapi-hk.qfapi.com",
}


@dataclass(frozen=True, slots=True)
class Environment:
    """A resolved place to send requests; ``name`` is what credentials are checked against."""

    name: str
    region: str
    base_url: str

    @property
    def is_live(self) -> bool:
        """Production moves real money; the UI and CLI make that visible."""
        return self.name == "prod"


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_base_url(base_url: str) -> str:
    """Normalise a base URL and refuse ones that would leak requests in clear text."""
    if not isinstance(base_url, str) or not base_url.strip():
        raise ConfigurationError("base URL is empty")
    url = base_url.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ConfigurationError(f"base URL {url!r} is not an http(s) URL")
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        raise ConfigurationError(f"base URL {url!r} must use https (plain http only on loopback)")
    if parts.query or parts.fragment or parts.username or parts.password:
        raise ConfigurationError("base URL must not carry a query, fragment or user info")
    return url


def resolve_environment(env: str, region: str = "hk", base_url: str | None = None) -> Environment:
    """Pick the host for an environment and region by name (case-insensitive).

    ``base_url`` overrides the documented host (proxies) and is required for ``training``.
    """
    env_name = str(env).strip().lower()
    region_name = str(region).strip().lower()
    if env_name not in ENVIRONMENTS:
        raise ConfigurationError(
            f"unknown environment {env!r}; expected one of {', '.join(ENVIRONMENTS)}"
        )
    if region_name not in REGIONS:
        raise ConfigurationError(f"unknown region {region!r}; expected one of {', '.join(REGIONS)}")
    if base_url is not None:
        return Environment(env_name, region_name, check_base_url(base_url))
    if env_name == "training":
        raise ConfigurationError("the training environment needs a base URL (the local gateway)")
    if env_name == "sandbox":
        return Environment(env_name, region_name, SANDBOX_URL)
    host = HOSTS.get((env_name, region_name))
    if host is None:
        raise ConfigurationError(
            f"the reference documents no {env_name} host for {REGION_NAMES[region_name]}; "
            "give the base URL QFPay issued for it"
        )
    return Environment(env_name, region_name, host)
