"""The gateway client: typed calls for every endpoint a till needs, over one HTTP connection pool.

Every call follows the same path: validate locally (``RequestValidationError``, nothing sent),
drop empty values, sign, wait for the merchant's request budget, send with an ``X-Request-Id``,
then read the answer (:mod:`pos_app.qfpay.models`) and check its signature when one is sent.

Repeating a request is only done where repeating cannot move money: queries, notes and the
statement download are retried on HTTP 429/5xx and broken connections with capped, jittered
exponential backoff (honouring ``Retry-After``).  A payment, refund, reversal or close is
*never* re-sent by this layer: any doubt becomes ``TransportError`` (an ``OutcomeUnknownError``)
and the engine, which journals every step, decides what to query.

Secrets: the client key only ever feeds the signature; it is absent from logs, errors and
``repr``.  Auth codes are logged masked.
"""

from __future__ import annotations

import io
import json
import logging
import random
import re
import ssl
import time
import uuid
import zipfile
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from types import TracebackType
from typing import Any, Required, TypedDict, Unpack
from urllib.parse import quote_plus

import httpx

from pos_app.qfpay.authcode import mask_auth_code
from pos_app.qfpay.checks import (
    PAGE_SIZE_MAX,
    as_datetime,
    check_auth_code_for,
    check_expired_time,
    check_goods_name,
    check_id,
    check_page,
    check_query_window,
    check_text,
    check_trade_date,
    check_txzone,
    format_txdtm,
    join_ids,
)
from pos_app.qfpay.currencies import check_txamt, get_currency
from pos_app.qfpay.deadline_io import deadline_transport
from pos_app.qfpay.environments import (
    DOC_004_VARIANTS,
    HOSTS,
    SANDBOX_URL,
    Environment,
    check_base_url,
)
from pos_app.qfpay.errors import (
    BudgetExhaustedError,
    ConfigurationError,
    RequestValidationError,
    ResponseError,
    SignatureError,
    TooLateError,
    TransportError,
    gateway_error_for,
)
from pos_app.qfpay.models import (
    Answer,
    CancelResult,
    Credentials,
    NoteResult,
    PaymentResult,
    RefundResult,
    TradeRecord,
    cancel_result,
    parse_answer,
    payment_result,
    refund_result,
    trade_record,
)
from pos_app.qfpay.paytypes import CancelEndpoint, PayType, get_pay_type
from pos_app.qfpay.ratelimit import RateLimiter, shared_limiter
from pos_app.qfpay.signing import (
    HEADER_APPCODE,
    HEADER_SIGN,
    HEADER_SIGNTYPE,
    SIGN_TYPES,
    SignType,
    clean_params,
    parse_sign_type,
    sign,
    verify,
    verify_body,
)
from pos_app.qfpay.status import StatusClass, StatusCode, lookup_status
from pos_app.qfpay.transport import (
    MAX_ANSWER_BYTES,
    MAX_STATEMENT_BYTES,
    Abandoned,
    AnswerTooLarge,
    BoundedExchange,
    DeadlineExceeded,
    Interrupt,
    RawAnswer,
)

logger = logging.getLogger("pos_app.qfpay")

PAYMENT = "/trade/v1/payment"
QUERY = "/trade/v1/query"
REVERSAL = "/trade/v1/reversal"
CLOSE = "/trade/v1/close"
REFUND = "/trade/v1/refund"
ADD_NOTE = "/trade/v1/add_note"
STATEMENT = "/download/v1/trade_bill"
HEADER_REQUEST_ID = "X-Request-Id"
SIGNATURE_ERROR = "1108"

DEFAULT_TIMEOUT = httpx.Timeout(20.0, connect=5.0)
_OK = (StatusClass.SUCCESS, StatusClass.IN_PROGRESS)


def _retry_after(headers: httpx.Headers) -> float | None:
    value = headers.get("Retry-After")
    if value is None:
        return None
    try:
        seconds = float(value.strip())
    except ValueError:
        return None  # an HTTP date: fall back to our own backoff
    return max(0.0, seconds)


def _json_object(body: bytes) -> dict[str, Any] | None:
    """The answer as a JSON object; None when it is not one (parsing says why later)."""
    try:
        obj = json.loads(body.decode("utf-8"))
    except (ValueError, RecursionError):
        return None
    return obj if isinstance(obj, dict) else None


def _says_signature_error(body: bytes) -> bool:
    """Whether an answer is the gateway's "signature error" (1108) refusal."""
    obj = _json_object(body)
    return obj is not None and str(obj.get("respcd", "")).strip() == SIGNATURE_ERROR


def _total_deadline(phases: httpx.Timeout) -> float:
    """A whole call's deadline from httpx's per-phase timeouts: connect plus one read."""
    connect = phases.connect if phases.connect is not None else 5.0
    read = phases.read if phases.read is not None else 20.0
    return connect + read


def _signed_answer_fields(body: bytes) -> dict[str, str] | None:
    """The fields 002 says an answer's signature covers: its ``data`` object, else the answer.

    001 does not say how answers are signed; 002 signs them like requests (sorted ``k=v`` of
    the data fields plus the key), while the training gateway signs the raw body.  Both are
    accepted, since either proves the key holder wrote it, so a production answer signed the
    002 way is not mistaken for a forgery (which would leave every outcome unknown).
    """
    try:
        obj = json.loads(body.decode("utf-8"))
    except ValueError:
        return None
    if not isinstance(obj, dict):
        return None
    data = obj.get("data")
    source = data if isinstance(data, dict) else obj
    fields: dict[str, str] = {}
    for name, value in source.items():
        if value is None:
            continue
        if isinstance(value, str):
            fields[name] = value
        elif isinstance(value, int | float) and not isinstance(value, bool):
            fields[name] = str(value)
        else:
            fields[name] = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return fields


class CancelOrder(TypedDict, total=False):
    """Which unfinished payment to undo: its ``txamt`` and its ``syssn`` or ``out_trade_no``
    (``udid``: the till's device id, by default the client's)."""

    txamt: Required[int]
    syssn: str | None
    out_trade_no: str | None
    udid: str | None


_FORM = "application/x-www-form-urlencoded"
#: What ``quote_plus`` leaves as it is.
_FORM_SAFE = re.compile(r"[A-Za-z0-9_.~-]*")


def form_body(params: Mapping[str, str]) -> bytes:
    """``urlencode(params)``, quoting only what needs it (most values are digits and codes:
    a third of urlencode's cost on every request)."""
    return "&".join(
        (k if _FORM_SAFE.fullmatch(k) else quote_plus(k))
        + "="
        + (v if _FORM_SAFE.fullmatch(v) else quote_plus(v))
        for k, v in params.items()
    ).encode("utf-8")


class QFPayClient:
    """One merchant's connection to one QFPay environment (or the training gateway)."""

    def __init__(
        self,
        credentials: Credentials,
        base_url: str | Environment,
        *,
        sign_type: SignType = "MD5",
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        rate_limiter: RateLimiter | None = None,
        max_retries: int = 3,
        udid: str | None = None,
        txzone: str | None = None,
        transport: httpx.BaseTransport | None = None,
        backoff_base: float = 0.5,
        backoff_cap: float = 8.0,
        retry_after_cap: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
        now: Callable[[], datetime] = datetime.now,
        deadline: float | None = None,
        proxy: str | None = None,
        ca_bundle: str | None = None,
    ) -> None:
        if not isinstance(credentials, Credentials):
            raise ConfigurationError("credentials must be a Credentials object")
        if sign_type not in SIGN_TYPES:
            raise ConfigurationError(f"unsupported signature type {sign_type!r}")
        self.base_url, env_name = self._resolve(credentials, base_url)
        self.environment = env_name
        self._credentials = credentials
        self.sign_type: SignType = sign_type
        self.max_retries = max(0, int(max_retries))
        self.udid = check_text("udid", udid, 40)
        self.txzone = check_txzone(txzone)
        self._backoff_base = backoff_base
        self._backoff_cap = backoff_cap
        self._retry_after_cap = retry_after_cap
        self._sleep = sleep
        self._now = now
        merchant = f"{credentials.app_code}/{credentials.mchid or ''}"
        self._limiter = rate_limiter if rate_limiter is not None else shared_limiter(merchant)
        # The environment never redirects the till: HTTPS_PROXY / SSL_CERT_FILE pointing at
        # an attacker's proxy or certificate once produced a forged PAID.  Only an explicit
        # setting (``proxy``, ``ca_bundle``: shown in the status bar) changes the route or trust.
        self.proxy = proxy
        self.ca_bundle = ca_bundle
        phases = timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout)
        verify = ssl.create_default_context(cafile=ca_bundle) if ca_bundle else True
        direct: httpx.BaseTransport | None = None
        if transport is None:
            # Our own transport (the one httpx would build, proxy included) with the
            # deadline-aware backend: requests then run on the caller's thread.  A transport
            # handed in (a test's proxy, the setup wizard's recorder) cannot be bounded from
            # inside, so it keeps the pool thread.
            transport, installed = deadline_transport(verify=verify, proxy=proxy)
            direct = transport if installed else None
            proxy = None
        self._http = httpx.Client(
            base_url=self.base_url,
            timeout=phases,
            transport=transport,
            headers={"User-Agent": "qfpay-pos/0.1"},
            trust_env=False,
            proxy=proxy,
            verify=verify,
        )
        #: Seconds one call may take in all (connect, send, every read, retries).
        self.deadline = deadline if deadline is not None else _total_deadline(phases)
        self._exchange = BoundedExchange(self._http, direct=direct)
        self._urls: dict[str, httpx.URL] = {}
        self._timeouts = self._http.timeout.as_dict()
        self._post_headers = self._http.headers.copy()
        self._post_headers["Content-Type"] = _FORM

    @staticmethod
    def _resolve(credentials: Credentials, base_url: str | Environment) -> tuple[str, str | None]:
        """Refuse credentials meant for another environment: mixing them is never right."""
        bound = credentials.environment
        if isinstance(base_url, Environment):
            if bound is not None and bound != base_url.name:
                raise ConfigurationError(
                    f"credentials are for the {bound!r} environment, not {base_url.name!r}"
                )
            return check_base_url(base_url.base_url), base_url.name
        url = check_base_url(base_url)
        # 004's Hong Kong hosts count too: its sandbox is not 001's, but it is still a sandbox.
        documented = (*HOSTS.items(), *DOC_004_VARIANTS.items())
        known = {name for (name, _), host in documented if host == url}
        if url == SANDBOX_URL:
            known.add("sandbox")
        if bound is not None and known and bound not in known:
            raise ConfigurationError(f"credentials are for the {bound!r} environment, not {url}")
        return url, bound

    def __repr__(self) -> str:
        return (
            f"QFPayClient(base_url={self.base_url!r}, app_code={self._credentials.app_code!r}, "
            f"mchid={self._credentials.mchid!r}, sign_type={self.sign_type!r})"
        )

    # -- lifecycle -------------------------------------------------------------------------

    def close_client(self) -> None:
        """Release the connection pool; the client cannot be used afterwards."""
        self._exchange.close()
        self._http.close()

    def __enter__(self) -> QFPayClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close_client()

    # -- the wire --------------------------------------------------------------------------

    def _base_params(self) -> dict[str, object]:
        """``mchid`` goes out only when the merchant was given one (the reference forbids it
        otherwise); the empty value would be dropped anyway, this makes the rule explicit."""
        params: dict[str, object] = {}
        if self._credentials.mchid:
            params["mchid"] = self._credentials.mchid
        return params

    def _should_retry(
        self, *, safe: bool, attempt: int, failure: BaseException | None, status: int | None
    ) -> bool:
        """Whether to send again (stripe-python's ``_should_retry``).

        Only ``safe`` calls (queries, notes, statements) are repeated, at most
        ``max_retries`` times, after a broken exchange or an HTTP 429/5xx.  A payment,
        refund, reversal or close is never re-sent by this layer, and nothing is re-sent
        after the deadline, a cancel or an oversized answer.
        """
        if not safe or attempt >= self.max_retries:
            return False
        if failure is not None:
            return isinstance(failure, httpx.TransportError)
        return status is not None and (status == 429 or status >= 500)

    def _sleep_time_seconds(self, attempt: int, retry_after: float | None) -> float:
        """Capped, jittered exponential backoff; ``Retry-After`` wins, up to its own cap."""
        if retry_after is not None:
            return min(retry_after, self._retry_after_cap)
        ceiling = min(self._backoff_cap, self._backoff_base * (2**attempt))
        return random.uniform(ceiling / 2, ceiling)

    def _url(self, path: str) -> httpx.URL:
        """The endpoint's absolute URL, parsed once: httpx would otherwise parse and merge the
        base URL and the path on every request (~0.1 ms of a ~1 ms round trip)."""
        url = self._urls.get(path)
        if url is None:
            url = self._urls[path] = self._http.build_request("GET", path).url
        return url

    def _build(
        self, method: str, path: str, cleaned: Mapping[str, str], headers: dict[str, str]
    ) -> httpx.Request:
        url = self._url(path)
        if method == "GET":
            return self._http.build_request("GET", url, params=cleaned, headers=headers)
        body = form_body(cleaned)
        if self._http.cookies:  # httpx merges the jar's cookies; QFPay sets none
            headers = {**headers, "Content-Type": _FORM}
            return self._http.build_request("POST", url, content=body, headers=headers)
        # What build_request makes (the client's default headers under ours, its timeouts
        # as the request's), without its URL, cookie and parameter merging and its four
        # header normalisations: ~0.1 ms less on every trade request
        # (tests/qfpay/test_client_build.py holds the two equal).
        merged = self._post_headers.copy()
        merged.update(headers)
        return httpx.Request(
            "POST", url, content=body, headers=merged, extensions={"timeout": self._timeouts}
        )

    def _send(
        self,
        method: str,
        path: str,
        params: Mapping[str, object],
        *,
        safe: bool,
        cancel: Interrupt | None = None,
        max_bytes: int = MAX_ANSWER_BYTES,
        not_after: float | None = None,
    ) -> tuple[RawAnswer, str]:
        """Sign and send; retry only if ``safe``.  Returns the answer and its request id.

        The whole call, retries included, ends by ``deadline`` seconds, or at ``not_after``
        (a ``time.monotonic()`` instant) if that is sooner: the caller journaled until when
        this request may be with the gateway, and it must not leave later.  ``cancel`` ends
        the wait sooner.  Either way the outcome is unknown (``TransportError``), unless
        nothing had left.
        """
        cleaned = clean_params(params)
        request_id = uuid.uuid4().hex
        headers = {
            HEADER_APPCODE: self._credentials.app_code,
            HEADER_SIGN: sign(cleaned, self._credentials.client_key, self.sign_type),
            HEADER_REQUEST_ID: request_id,
        }
        if self.sign_type == "SHA256":
            headers[HEADER_SIGNTYPE] = "SHA256"
        if logger.isEnabledFor(logging.DEBUG):
            shown = {k: (mask_auth_code(v) if k == "auth_code" else v) for k, v in cleaned.items()}
            logger.debug("%s %s %s [request %s]", method, path, shown, request_id)
        started = time.monotonic()
        deadline_at = started + self.deadline
        if not_after is not None and not_after < deadline_at:
            if not_after <= started:  # held up since the caller journaled it: too late now
                logger.error("%s held up past its time: not sent [request %s]", path, request_id)
                raise TooLateError(path, request_id)
            deadline_at = not_after
        attempt = 0
        # Whether an earlier attempt of this call may have reached the gateway (a retried safe
        # call): then no later failure, however certain for its own attempt, is "not sent".
        reached = False
        while True:
            try:
                self._limiter.acquire(max(0.0, deadline_at - time.monotonic()))
            except TimeoutError as exc:
                # The merchant's 400/min was spent (perhaps by other tills): the request
                # is held back, and the caller learns for certain that nothing left.
                logger.error("%s held back: %s [request %s]", path, exc, request_id)
                if reached:  # ... but an earlier attempt of this call was not
                    raise TransportError(
                        f"no answer from the gateway (the retry was held back: {exc})",
                        None,
                        path,
                        request_id,
                    ) from None
                raise BudgetExhaustedError(
                    f"not sent: the merchant's request budget is spent ({exc})", path, request_id
                ) from None
            answer: RawAnswer | None = None
            failure: BaseException | None = None
            try:
                answer = self._exchange.run(
                    self._build(method, path, cleaned, headers),
                    deadline_at=deadline_at,
                    max_bytes=max_bytes,
                    cancel=cancel,
                )
            except httpx.TransportError as exc:
                failure = exc
            except DeadlineExceeded as exc:
                why = f"no complete answer in {deadline_at - started:.3g}s"
                raise self._unknown(path, request_id, why, sent=exc.sent or reached) from None
            except Abandoned as exc:
                why = "cancelled while waiting for the answer"
                # The cashier's cancel ended the wait; after a failed attempt of this call,
                # though, a real fault was seen and the screen must still say so.
                raise self._unknown(
                    path, request_id, why, sent=exc.sent or reached, cancelled=attempt == 0
                ) from None
            except httpx.DecodingError as exc:
                # Not an httpx.TransportError: the answer arrived but its content encoding is
                # broken.  An unreadable answer, so the outcome is unknown (never a bare crash).
                logger.error("%s: undecodable answer: %s [request %s]", path, exc, request_id)
                raise ResponseError(
                    "the answer's content encoding is broken", None, path, request_id
                ) from None
            except AnswerTooLarge:
                logger.error("%s: answer over %d bytes [request %s]", path, max_bytes, request_id)
                raise ResponseError(
                    f"the answer is larger than {max_bytes} bytes", None, path, request_id
                ) from None
            status = answer.status_code if answer is not None else None
            if answer is not None and status is not None and status < 500 and status != 429:
                self._check_signature(answer, path, request_id)
                return answer, request_id
            retry_after = _retry_after(answer.headers) if answer is not None else None
            reason = (
                f"{type(failure).__name__}: {failure}" if failure is not None else f"HTTP {status}"
            )
            # Only a refused connect, or an HTTP 429 (refused to process), left nothing behind.
            connected = not isinstance(failure, httpx.ConnectError | httpx.ConnectTimeout)
            reached = reached or (status != 429 and connected)
            if self._should_retry(safe=safe, attempt=attempt, failure=failure, status=status):
                delay = self._sleep_time_seconds(attempt, retry_after)
                if time.monotonic() + delay < deadline_at:
                    logger.warning(
                        "%s failed (%s); retry %d in %.2fs [request %s]",
                        path,
                        reason,
                        attempt + 1,
                        delay,
                        request_id,
                    )
                    self._sleep(delay)
                    attempt += 1
                    continue
            logger.error("%s failed: %s [request %s]", path, reason, request_id)
            if failure is not None:
                # A refused or timed-out *connect* (DNS, refused, TLS handshake) never
                # carried the request: certain that nothing was processed, unless an
                # earlier attempt of this (retried, safe) call got through.
                raise TransportError(
                    f"no answer from the gateway ({reason})",
                    None,
                    path,
                    request_id,
                    request_sent=reached,
                ) from None
            raise TransportError(
                f"the gateway answered HTTP {status}",
                None,
                path,
                request_id,
                http_status=status,
                retry_after=retry_after,
            )

    @staticmethod
    def _unknown(
        path: str, request_id: str, reason: str, *, sent: bool, cancelled: bool = False
    ) -> TransportError:
        if not sent:  # given up on while still queued for a pool thread: it never left
            reason += "; the request was not sent"
        logger.error("%s: %s [request %s]", path, reason, request_id)
        return TransportError(
            f"no answer from the gateway ({reason})",
            None,
            path,
            request_id,
            request_sent=sent,
            cancelled=cancelled,
        )

    def _check_signature(self, response: RawAnswer, path: str, request_id: str) -> None:
        """Verify ``X-QF-SIGN``; an answer without one proves nothing.

        000 tells integrators to verify the signature in the answer's header, so QFPay signs
        its answers: an unsigned trade answer is as suspect as a forged one (a proxy may have
        written it) and is *unknown*, queried like a lost reply.  The one exception is the
        gateway refusing our own signature (1108): it cannot sign with a key we disagree on,
        and that refusal is a certain non-event the cashier must see at once.
        """
        signature = response.headers.get(HEADER_SIGN)
        if signature is None:
            if response.status_code != 200 or path == STATEMENT:
                return
            if _json_object(response.content) is None:
                return  # not an answer at all: the parser reports it as unreadable
            if _says_signature_error(response.content):
                logger.error("%s: unsigned 1108 refusal [request %s]", path, request_id)
                return
            logger.error("%s answer is unsigned [request %s]", path, request_id)
            raise SignatureError("the answer is not signed", None, path, request_id)
        try:
            algorithm = parse_sign_type(response.headers.get(HEADER_SIGNTYPE) or self.sign_type)
        except ValueError:
            algorithm = self.sign_type
        key = self._credentials.client_key
        if verify_body(response.content, key, signature, algorithm):
            return
        fields = _signed_answer_fields(response.content)
        if fields is not None and verify(fields, key, signature, algorithm):
            return
        if _says_signature_error(response.content):
            # Both sides disagree on the key: the gateway refused our signature (1108) and
            # we cannot check its.  The refusal itself is what the caller must see.
            logger.error(
                "%s: 1108, and the answer's signature does not verify [request %s]",
                path,
                request_id,
            )
            return
        logger.error("%s answer signature does not verify [request %s]", path, request_id)
        raise SignatureError("the answer's signature does not verify", None, path, request_id)

    def _call(
        self,
        method: str,
        path: str,
        params: Mapping[str, object],
        *,
        safe: bool,
        cancel: Interrupt | None = None,
        not_after: float | None = None,
    ) -> tuple[Answer, str]:
        response, request_id = self._send(
            method, path, params, safe=safe, cancel=cancel, not_after=not_after
        )
        try:
            answer = parse_answer(response.content, endpoint=path, request_id=request_id)
        except ResponseError as exc:
            if response.status_code != 200:
                exc.message = f"{exc.message} (HTTP {response.status_code})"
            logger.error("%s: %s [request %s]", path, exc.message, request_id)
            raise
        logger.info("%s -> respcd %s [request %s]", path, answer.respcd, request_id)
        return answer, request_id

    @staticmethod
    def _raise_unless_ok(
        status: StatusCode, record: Mapping[str, Any], path: str, request_id: str
    ) -> None:
        if status.status_class in _OK:
            return
        detail = record.get("respmsg") or record.get("resperr") or None
        raise gateway_error_for(
            status,
            endpoint=path,
            request_id=request_id,
            detail=str(detail) if detail else None,
            record=record,
        )

    # -- endpoints -------------------------------------------------------------------------

    def pay(
        self,
        *,
        out_trade_no: str,
        txamt: int,
        txcurrcd: str,
        pay_type: str | PayType,
        auth_code: str | None = None,
        goods_name: str | None = None,
        expired_time: int | None = None,
        udid: str | None = None,
        txzone: str | None = None,
        cancel: Interrupt | None = None,
        not_after: float | None = None,
    ) -> PaymentResult:
        """Send a payment: CPM with the scanned ``auth_code``, or MPM returning ``qrcode``.

        Returns on success and on in-progress (query next); raises on anything else.
        ``cancel`` stops the wait for the answer (the outcome is then unknown); ``not_after``
        ends the call sooner (see ``_send``).
        """
        kind = get_pay_type(pay_type)
        auth_code = check_auth_code_for(kind, auth_code)
        params = self._base_params()
        params.update(
            out_trade_no=check_id("out_trade_no", out_trade_no),
            txamt=check_txamt(txamt),
            txcurrcd=get_currency(txcurrcd).code,
            pay_type=kind.code,
            txdtm=format_txdtm(self._now()),
            auth_code=auth_code,
            goods_name=check_goods_name(goods_name),
            expired_time=check_expired_time(kind, expired_time),
            udid=check_text("udid", udid, 40) or self.udid,
            txzone=check_txzone(txzone) or self.txzone,
        )
        answer, request_id = self._call(
            "POST", PAYMENT, params, safe=False, cancel=cancel, not_after=not_after
        )
        respcd, record = answer.single()
        # A wire-level sanity check: an answer naming another order is not an answer to this
        # request.  What an answer *proves* is decided by the engine's evidence.classify.
        sent_fields = (
            ("out_trade_no", out_trade_no),
            ("txamt", str(txamt)),
            ("txcurrcd", txcurrcd),
        )
        for name, sent in sent_fields:
            got = record.get(name)
            if got not in (None, "") and str(got).strip().upper() != str(sent).upper():
                raise ResponseError(
                    f"the answer is for another order ({name} {got!r})", respcd, PAYMENT, request_id
                )
        result = payment_result(respcd, record, request_id)
        self._raise_unless_ok(result.status, record, PAYMENT, request_id)
        return result

    def query(
        self,
        *,
        syssn: str | Sequence[str] | None = None,
        out_trade_no: str | Sequence[str] | None = None,
        pay_type: str | Sequence[str] | None = None,
        respcd: str | None = None,
        start_time: datetime | str | None = None,
        end_time: datetime | str | None = None,
        page: int | None = None,
        page_size: int | None = None,
        txzone: str | None = None,
        cancel: Interrupt | None = None,
    ) -> list[TradeRecord]:
        """Look transactions up; several ids at once are joined with commas.

        A query by ``out_trade_no`` returns a list: more than one success for one order is a
        double charge for the caller to flag, so nothing is collapsed here.
        """
        start = as_datetime("start_time", start_time)
        end = as_datetime("end_time", end_time)
        check_query_window(start, end)
        types = None
        if pay_type is not None:
            codes = [pay_type] if isinstance(pay_type, str) else list(pay_type)
            types = ",".join(get_pay_type(code).code for code in codes) or None
        params = self._base_params()
        params.update(
            syssn=join_ids("syssn", syssn),
            out_trade_no=join_ids("out_trade_no", out_trade_no),
            pay_type=types,
            respcd=respcd,
            start_time=format_txdtm(start) if start else None,
            end_time=format_txdtm(end) if end else None,
            page=check_page("page", page),
            page_size=check_page("page_size", page_size, PAGE_SIZE_MAX),
            txzone=check_txzone(txzone) or self.txzone,
        )
        answer, request_id = self._call("POST", QUERY, params, safe=True, cancel=cancel)
        status = lookup_status(answer.respcd)
        self._raise_unless_ok(status, answer.top, QUERY, request_id)
        return [trade_record(record) for record in answer.records]

    def _cancel(self, endpoint: CancelEndpoint, order: CancelOrder) -> CancelResult:
        """The one reversal/close request (``reverse``, ``close`` and ``cancel`` name it)."""
        path = REVERSAL if endpoint == "reversal" else CLOSE
        syssn, out_trade_no = order.get("syssn"), order.get("out_trade_no")
        if syssn is None and out_trade_no is None:
            raise RequestValidationError("give the syssn or the out_trade_no to cancel")
        params = self._base_params()
        params.update(
            syssn=check_id("syssn", syssn) if syssn is not None else None,
            out_trade_no=check_id("out_trade_no", out_trade_no) if out_trade_no else None,
            txamt=check_txamt(order["txamt"]),
            txdtm=format_txdtm(self._now()),
            udid=check_text("udid", order.get("udid"), 40) or self.udid,
        )
        # Sent as a POST form although one page of the reference shows GET.
        answer, request_id = self._call("POST", path, params, safe=False)
        respcd, record = answer.single()
        result = cancel_result(respcd, record, endpoint, request_id)
        self._raise_unless_ok(result.status, record, path, request_id)
        return result

    def reverse(self, **order: Unpack[CancelOrder]) -> CancelResult:
        """Undo an unfinished payment with ``/trade/v1/reversal``."""
        return self._cancel("reversal", order)

    def close(self, **order: Unpack[CancelOrder]) -> CancelResult:
        """Undo an unfinished payment with ``/trade/v1/close``."""
        return self._cancel("close", order)

    def cancel(self, pay_type: str | PayType, **order: Unpack[CancelOrder]) -> CancelResult:
        """Undo an unfinished payment with whichever endpoint the pay-type table names."""
        return self._cancel(get_pay_type(pay_type).cancel_endpoint, order)

    def refund(
        self,
        *,
        syssn: str,
        out_trade_no: str,
        txamt: int,
        pay_type: str | PayType | None = None,
        udid: str | None = None,
        txzone: str | None = None,
        cancel: Interrupt | None = None,
        not_after: float | None = None,
    ) -> RefundResult:
        """Refund (part of) a payment; ``out_trade_no`` is the refund's own, new number.

        Giving the original ``pay_type`` lets the client refuse types that cannot be refunded
        (FPS) without spending a request.
        """
        if pay_type is not None and not get_pay_type(pay_type).refundable:
            raise RequestValidationError(
                f"pay type {get_pay_type(pay_type).code} cannot be refunded"
            )
        params = self._base_params()
        params.update(
            syssn=check_id("syssn", syssn),
            out_trade_no=check_id("out_trade_no", out_trade_no),
            txamt=check_txamt(txamt),
            txdtm=format_txdtm(self._now()),
            udid=check_text("udid", udid, 40) or self.udid,
            txzone=check_txzone(txzone) or self.txzone,
        )
        answer, request_id = self._call(
            "POST", REFUND, params, safe=False, cancel=cancel, not_after=not_after
        )
        respcd, record = answer.single()
        result = refund_result(respcd, record, request_id)
        self._raise_unless_ok(result.status, record, REFUND, request_id)
        return result

    def add_note(self, *, syssn: str, note: str) -> NoteResult:
        """Attach a remark to a transaction (shown in the merchant portal and reports)."""
        text = check_text("note", note, 200)
        if not text:
            raise RequestValidationError("the note is empty")
        # The reference lists only code (the app code), syssn and note for this endpoint.
        params = {
            "code": self._credentials.app_code,
            "syssn": check_id("syssn", syssn),
            "note": text,
        }
        answer, request_id = self._call("POST", ADD_NOTE, params, safe=True)
        respcd, record = answer.single()
        status = lookup_status(respcd)
        self._raise_unless_ok(status, record, ADD_NOTE, request_id)
        syssn_back = record.get("syssn")
        return NoteResult(
            respcd, status, record, str(syssn_back) if syssn_back else None, request_id
        )

    def download_statement(self, trade_date: date | str) -> bytes:
        """Fetch one day's clearing statement: the zip file's bytes, checked to be a zip."""
        day = check_trade_date(trade_date)
        # The statement covers every merchant of the channel, so mchid is never sent.
        response, request_id = self._send(
            "GET", STATEMENT, {"trade_date": day}, safe=True, max_bytes=MAX_STATEMENT_BYTES
        )
        content = response.content
        if zipfile.is_zipfile(io.BytesIO(content)):
            logger.info("%s -> %d bytes [request %s]", STATEMENT, len(content), request_id)
            return content
        answer = parse_answer(content, endpoint=STATEMENT, request_id=request_id)
        respcd, record = answer.single()
        status = lookup_status(respcd)
        self._raise_unless_ok(status, record, STATEMENT, request_id)
        raise ResponseError("the statement is not a zip file", respcd, STATEMENT, request_id)
