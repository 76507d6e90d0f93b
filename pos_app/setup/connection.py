""" "Test connection": one harmless signed call, and what its answer means for a shop owner.

The call is an enquiry for an order number that cannot exist (``CHECK`` + random hex, a
prefix the till never uses for sales), so nothing is created, changed or charged, and the
answer still proves the whole chain: host reachable, app code known, key right, mchid rule
kept.  Each failure is turned into one sentence naming the likely cause and the fix: wrong
key (1108), wrong or missing mchid (1104), unreachable host, wrong region, and a clock
that is off (read from the answer's HTTP ``Date`` header).
"""

from __future__ import annotations

import email.utils
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from pos_app.i18n import QT_TRANSLATE_NOOP
from pos_app.qfpay.client import QFPayClient
from pos_app.qfpay.errors import (
    ConfigurationError,
    GatewayError,
    QFPayError,
    ResponseError,
    SignatureError,
    TransportError,
)
from pos_app.qfpay.models import Credentials
from pos_app.qfpay.signing import SignType
from pos_app.setup.messages import Message

CONTEXT = "Connection"
#: More than this between the gateway's clock and ours is worth fixing.
CLOCK_SKEW_LIMIT_S = 120.0


@dataclass(frozen=True)
class Finding:
    """One conclusion of the test; ``kind`` is stable for scripts and tests."""

    ok: bool
    kind: str
    message: Message


class _DateRecorder(httpx.BaseTransport):
    """Remembers the ``Date`` header of the last answer (TLS verification stays on)."""

    def __init__(self, inner: httpx.BaseTransport | None = None) -> None:
        self._inner = inner or httpx.HTTPTransport()
        self.date: str | None = None

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self._inner.handle_request(request)
        self.date = response.headers.get("date") or self.date
        return response

    def close(self) -> None:
        self._inner.close()


def _msg(template: str, **args: object) -> Message:
    return Message(CONTEXT, template, {k: str(v) for k, v in args.items()})


def _explain_transport(exc: TransportError, host: str, region: str) -> Finding:
    text = exc.message.lower()
    if (
        "name or service not known" in text
        or "nodename nor servname" in text
        or ("getaddrinfo" in text)
    ):
        template = QT_TRANSLATE_NOOP(
            "Connection",
            "The address {host} does not exist for this computer (DNS). Check the region "
            "({region}), then the internet connection.",
        )
        return Finding(False, "wrong_region", _msg(template, host=host, region=region))
    if "certificate" in text or "ssl" in text:
        template = QT_TRANSLATE_NOOP(
            "Connection",
            "The connection to {host} is not trusted (certificate problem). Check the "
            "computer's date and time; a network that intercepts HTTPS must let QFPay through.",
        )
        return Finding(False, "tls", _msg(template, host=host))
    template = QT_TRANSLATE_NOOP(
        "Connection",
        "Cannot reach {host} ({reason}). Check the internet connection, a firewall or "
        "proxy, and the region ({region}).",
    )
    return Finding(
        False, "unreachable", _msg(template, host=host, reason=exc.message, region=region)
    )


def _wrong_key(credentials: Credentials, sign_type: str, env: str, region: str) -> Finding:
    other = "MD5" if sign_type == "SHA256" else "SHA256"
    template = QT_TRANSLATE_NOOP(
        "Connection",
        "QFPay refused the signature (1108): the client key does not belong to app code "
        "{app_code}, or these credentials are for another environment or region than "
        "{env}/{region}. Copy the key again from the QFPay portal; if it is right, try "
        "the {other} signature.",
    )
    return Finding(
        False,
        "wrong_key",
        _msg(template, app_code=credentials.app_code, env=env, region=region, other=other),
    )


def _explain_gateway(
    exc: GatewayError, credentials: Credentials, sign_type: str, env: str, region: str
) -> Finding:
    code = exc.respcd or ""
    if code == "1108":
        return _wrong_key(credentials, sign_type, env, region)
    if code == "1104" and "mchid" in exc.message.lower():
        if credentials.mchid:
            template = QT_TRANSLATE_NOOP(
                "Connection",
                "QFPay does not accept the merchant id {mchid} with this app code (1104). "
                "Check it, or leave it empty if QFPay gave you none.",
            )
            return Finding(False, "wrong_mchid", _msg(template, mchid=credentials.mchid))
        template = QT_TRANSLATE_NOOP(
            "Connection",
            "This app code needs a merchant id (mchid) (1104). QFPay sent it together with "
            "the app code: enter it with the credentials.",
        )
        return Finding(False, "missing_mchid", _msg(template))
    template = QT_TRANSLATE_NOOP(
        "Connection",
        "QFPay answered {code}: {reason}. Send this to QFPay support with the till's diagnostics.",
    )
    return Finding(False, "gateway", _msg(template, code=code or "?", reason=exc.message))


def clock_finding(date_header: str | None, now: float) -> Finding | None:
    """A warning when our clock and the gateway's differ by more than two minutes."""
    if not date_header:
        return None
    try:
        theirs = email.utils.parsedate_to_datetime(date_header).timestamp()
    except (TypeError, ValueError):
        return None
    skew = now - theirs
    if abs(skew) <= CLOCK_SKEW_LIMIT_S:
        return None
    # Two whole sentences, not one with "ahead of"/"behind" filled in: a translator must
    # see the sentence it translates.
    if skew > 0:
        template = QT_TRANSLATE_NOOP(
            "Connection",
            "This computer's clock is {minutes} minutes ahead of QFPay's. Set the date, time "
            "and time zone (turn on automatic time): order times and receipts use this clock.",
        )
    else:
        template = QT_TRANSLATE_NOOP(
            "Connection",
            "This computer's clock is {minutes} minutes behind QFPay's. Set the date, time "
            "and time zone (turn on automatic time): order times and receipts use this clock.",
        )
    return Finding(False, "clock_skew", _msg(template, minutes=round(abs(skew) / 60)))


def test_connection(
    credentials: Credentials,
    base_url: str,
    *,
    environment: str,
    region: str,
    sign_type: SignType = "SHA256",
    timeout: float = 10.0,
    transport: httpx.BaseTransport | None = None,
    now: Callable[[], float] = time.time,
) -> list[Finding]:
    """Run the check; the first finding says whether the credentials work."""
    host = urlsplit(base_url).netloc or base_url
    recorder = _DateRecorder(transport)
    findings: list[Finding] = []
    try:
        with QFPayClient(
            credentials,
            base_url,
            sign_type=sign_type,
            timeout=timeout,
            max_retries=0,
            transport=recorder,
        ) as client:
            client.query(out_trade_no="CHECK" + secrets.token_hex(10).upper())
        template = QT_TRANSLATE_NOOP(
            "Connection",
            "Connected: {host} accepted the signed request for app code {app_code} "
            "({env}/{region}, {sign_type}). Nothing was charged.",
        )
        findings.append(
            Finding(
                True,
                "ok",
                _msg(
                    template,
                    host=host,
                    app_code=credentials.app_code,
                    env=environment,
                    region=region,
                    sign_type=sign_type,
                ),
            )
        )
    except SignatureError:
        # A wrong key shows up here first: QFPay's answer (1108) is signed with the right
        # key, which ours cannot verify.  Same cause, same advice.
        findings.append(_wrong_key(credentials, sign_type, environment, region))
    except TransportError as exc:
        findings.append(_explain_transport(exc, host, region))
    except ResponseError as exc:
        # Not a QFPay answer at all (an HTML page, a 404): the address is wrong.
        template = QT_TRANSLATE_NOOP(
            "Connection",
            "{host} answers, but not as a QFPay gateway ({reason}). Check the region "
            "({region}) and any custom address in the settings.",
        )
        findings.append(
            Finding(
                False, "wrong_region", _msg(template, host=host, reason=exc.message, region=region)
            )
        )
    except GatewayError as exc:
        findings.append(_explain_gateway(exc, credentials, sign_type, environment, region))
    except (ConfigurationError, QFPayError) as exc:
        template = QT_TRANSLATE_NOOP(
            "Connection",
            "The request could not be made: {reason}",
        )
        findings.append(Finding(False, "setup", _msg(template, reason=exc.message)))
    skew = clock_finding(recorder.date, now())
    if skew is not None:
        findings.append(skew)
    return findings
