"""Credentials, typed results, and the reading of the gateway's answers.

Answers come in two shapes.  The reference (001) shows a *flat* object for payments,
reversals and refunds (``{"respcd": "0000", "syssn": ..., ...}``) and a *wrapped* one for
queries and notes (``{"respcd": ..., "data": [...]}``).  The summary (002) wraps everything in
``{respcd, respmsg, data}`` and names fields differently (``qf_trade_no`` for ``syssn``,
``txstatus`` SUCCESS/PENDING/FAILED instead of a per-record ``respcd``).  :func:`parse_answer`
accepts all of them and hands the client one normalised view.

``respcd`` may be a string or a number.  The documents even print ``"respcd": 0000``, which
is not JSON; that exact defect (a bare run of digits after ``"respcd":``) is repaired, since
its meaning is unambiguous, and logged.  Anything else that is not JSON, is not an object, or
has no ``respcd`` raises ``ResponseError``: an unreadable answer must never look like success.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pos_app.qfpay.errors import ConfigurationError, ResponseError, SignatureError
from pos_app.qfpay.signing import HEADER_SIGN, verify_notification
from pos_app.qfpay.status import StatusCode, lookup_status, normalize_respcd

logger = logging.getLogger("pos_app.qfpay")


@dataclass(frozen=True, slots=True)
class Credentials:
    """One merchant's API credentials, bound (optionally) to the environment they belong to.

    The key is excluded from ``repr`` and ``str`` so that it cannot reach a log or a crash
    report through a stray ``%r``.  ``environment`` lets the client refuse to send sandbox
    credentials to production and vice versa.
    """

    app_code: str
    client_key: str = field(repr=False)
    mchid: str | None = None
    environment: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.app_code, str) or not self.app_code.strip():
            raise ConfigurationError("app code is missing")
        if not isinstance(self.client_key, str) or not self.client_key.strip():
            raise ConfigurationError("client key is missing")
        if self.mchid is not None and not self.mchid.strip():
            object.__setattr__(self, "mchid", None)
        if self.environment is not None:
            object.__setattr__(self, "environment", self.environment.strip().lower())

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> Credentials:
        """Read the variables 002 documents: QFPAY_APPCODE, QFPAY_KEY, QFPAY_MCHID, QFPAY_ENV."""
        return cls(
            app_code=environ.get("QFPAY_APPCODE", ""),
            client_key=environ.get("QFPAY_KEY", ""),
            mchid=environ.get("QFPAY_MCHID") or None,
            environment=environ.get("QFPAY_ENV") or None,
        )


def _text(raw: Mapping[str, Any], name: str) -> str | None:
    value = raw.get(name)
    if value is None or isinstance(value, dict | list):
        return None
    text = str(value)
    return text if text != "" else None


def _int(raw: Mapping[str, Any], name: str) -> int | None:
    value = raw.get(name)
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


@dataclass(frozen=True)
class PaymentResult:
    """Answer to ``/trade/v1/payment``: paid (0000) or still in progress (1143/1145...)."""

    respcd: str
    status: StatusCode
    raw: Mapping[str, Any]
    syssn: str | None = None
    out_trade_no: str | None = None
    txamt: int | None = None
    txcurrcd: str | None = None
    pay_type: str | None = None
    qrcode: str | None = None
    sysdtm: str | None = None
    txdtm: str | None = None
    paydtm: str | None = None
    chnlsn: str | None = None
    respmsg: str | None = None
    request_id: str | None = None


@dataclass(frozen=True)
class TradeRecord:
    """One transaction from ``/trade/v1/query`` or a notification; ``respcd`` is its own."""

    respcd: str
    status: StatusCode
    raw: Mapping[str, Any]
    syssn: str | None = None
    out_trade_no: str | None = None
    txamt: int | None = None
    txcurrcd: str | None = None
    pay_type: str | None = None
    sysdtm: str | None = None
    txdtm: str | None = None
    paydtm: str | None = None
    cancel: str | None = None
    order_type: str | None = None
    origssn: str | None = None
    errmsg: str | None = None
    goods_name: str | None = None
    notify_type: str | None = None


@dataclass(frozen=True)
class CancelResult:
    """Answer to ``/trade/v1/reversal`` or ``/trade/v1/close`` (``endpoint`` says which)."""

    respcd: str
    status: StatusCode
    raw: Mapping[str, Any]
    endpoint: str
    syssn: str | None = None
    orig_syssn: str | None = None
    out_trade_no: str | None = None
    txamt: int | None = None
    txcurrcd: str | None = None
    sysdtm: str | None = None
    request_id: str | None = None


@dataclass(frozen=True)
class RefundResult:
    """Answer to ``/trade/v1/refund``: ``syssn`` is the refund's, ``orig_syssn`` the payment's."""

    respcd: str
    status: StatusCode
    raw: Mapping[str, Any]
    syssn: str | None = None
    orig_syssn: str | None = None
    out_trade_no: str | None = None
    txamt: int | None = None
    txcurrcd: str | None = None
    sysdtm: str | None = None
    request_id: str | None = None


@dataclass(frozen=True)
class NoteResult:
    """Answer to ``/trade/v1/add_note``."""

    respcd: str
    status: StatusCode
    raw: Mapping[str, Any]
    syssn: str | None = None
    request_id: str | None = None


# 002's txstatus, mapped onto the reference's codes.  FAILED has no code of its own; 1205
# ("the transaction failed") is the documented code with that meaning.
TXSTATUS_TO_RESPCD: dict[str, str] = {"SUCCESS": "0000", "PENDING": "1145", "FAILED": "1205"}

_BARE_RESPCD = re.compile(r'("respcd"\s*:\s*)(\d+)(?=\s*[,}])')
_ENVELOPE_KEYS = frozenset({"data", "page", "page_size"})


@dataclass(frozen=True)
class Answer:
    """A parsed answer: the envelope's respcd, its top-level fields and its records."""

    respcd: str
    top: Mapping[str, Any]
    records: list[dict[str, Any]]

    def single(self) -> tuple[str, dict[str, Any]]:
        """The one transaction an answer to a payment, cancel, refund or note describes.

        Fields of a ``data`` object win over the envelope's; an envelope success with a
        record that says otherwise (002's ``txstatus``) takes the record's code.
        """
        merged = {k: v for k, v in self.top.items() if k not in _ENVELOPE_KEYS}
        if self.records:
            merged.update(self.records[0])
        respcd = self.respcd
        if respcd == "0000" and self.records and "respcd" in self.records[0]:
            respcd = self.records[0]["respcd"]
        merged["respcd"] = respcd
        return respcd, merged


def _normalise_record(record: Mapping[str, Any]) -> dict[str, Any]:
    """Map 002's field names onto 001's and render respcd as the table spells it."""
    out = dict(record)
    if "syssn" not in out and out.get("qf_trade_no"):
        out["syssn"] = out["qf_trade_no"]
    if "respcd" in out:
        try:
            out["respcd"] = normalize_respcd(out["respcd"])
        except ValueError:
            del out["respcd"]
    txstatus = out.get("txstatus")
    if "respcd" not in out and isinstance(txstatus, str):
        mapped = TXSTATUS_TO_RESPCD.get(txstatus.strip().upper())
        if mapped is not None:
            out["respcd"] = mapped
    return out


def _loads(text: str, endpoint: str | None, request_id: str | None) -> Any:
    try:
        return json.loads(text)
    except RecursionError:  # nested past the parser's depth: unreadable, not a crash
        raise ResponseError("the answer is nested too deeply", None, endpoint, request_id) from None
    except ValueError:
        pass
    repaired = _BARE_RESPCD.sub(lambda m: f'{m.group(1)}"{m.group(2)}"', text)
    if repaired != text:
        try:
            value = json.loads(repaired)
        except ValueError:
            pass
        else:
            logger.warning("answer had a bare numeric respcd; read it as a string [%s]", request_id)
            return value
    raise ResponseError("the answer is not JSON", None, endpoint, request_id)


def parse_answer(
    raw: bytes, *, endpoint: str | None = None, request_id: str | None = None
) -> Answer:
    """Read an answer body in either documented shape, or raise ``ResponseError``."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ResponseError("the answer is not UTF-8 text", None, endpoint, request_id) from None
    obj = _loads(text, endpoint, request_id)
    if not isinstance(obj, dict):
        raise ResponseError("the answer is not a JSON object", None, endpoint, request_id)
    if "respcd" not in obj:
        raise ResponseError("the answer has no respcd", None, endpoint, request_id)
    try:
        respcd = normalize_respcd(obj["respcd"])
    except ValueError:
        raise ResponseError(
            "the answer's respcd is unreadable", None, endpoint, request_id
        ) from None
    data = obj.get("data")
    records: list[dict[str, Any]]
    if isinstance(data, dict):
        records = [_normalise_record(data)]
    elif isinstance(data, list):
        if not all(isinstance(item, dict) for item in data):
            raise ResponseError(
                "the answer's data list holds non-objects", respcd, endpoint, request_id
            )
        records = [_normalise_record(item) for item in data]
    elif data is None or data == "":
        records = []
    else:
        raise ResponseError(
            "the answer's data is neither object nor list", respcd, endpoint, request_id
        )
    top = _normalise_record({k: v for k, v in obj.items() if k != "data"})
    top["respcd"] = respcd
    return Answer(respcd, top, records)


def payment_result(respcd: str, record: Mapping[str, Any], request_id: str | None) -> PaymentResult:
    """Build a ``PaymentResult`` from a normalised record."""
    return PaymentResult(
        respcd=respcd,
        status=lookup_status(respcd),
        raw=dict(record),
        syssn=_text(record, "syssn"),
        out_trade_no=_text(record, "out_trade_no"),
        txamt=_int(record, "txamt"),
        txcurrcd=_text(record, "txcurrcd"),
        pay_type=_text(record, "pay_type"),
        qrcode=_text(record, "qrcode"),
        sysdtm=_text(record, "sysdtm"),
        txdtm=_text(record, "txdtm"),
        paydtm=_text(record, "paydtm"),
        chnlsn=_text(record, "chnlsn"),
        respmsg=_text(record, "respmsg") or _text(record, "resperr"),
        request_id=request_id,
    )


def trade_record(record: Mapping[str, Any], default_respcd: str | None = None) -> TradeRecord:
    """Build a ``TradeRecord``; a record without its own code takes ``default_respcd``.

    A record with neither is given an unknown code, which classifies as SYSTEM_ERROR: a
    query result we cannot read must not count as paid.
    """
    respcd = _text(record, "respcd") or default_respcd or "unknown"
    return TradeRecord(
        respcd=respcd,
        status=lookup_status(respcd),
        raw=dict(record),
        syssn=_text(record, "syssn"),
        out_trade_no=_text(record, "out_trade_no"),
        txamt=_int(record, "txamt"),
        txcurrcd=_text(record, "txcurrcd"),
        pay_type=_text(record, "pay_type"),
        sysdtm=_text(record, "sysdtm"),
        txdtm=_text(record, "txdtm"),
        paydtm=_text(record, "paydtm"),
        cancel=_text(record, "cancel"),
        order_type=_text(record, "order_type"),
        origssn=_text(record, "origssn") or _text(record, "orig_syssn"),
        errmsg=_text(record, "errmsg"),
        goods_name=_text(record, "goods_name"),
        notify_type=_text(record, "notify_type"),
    )


def cancel_result(
    respcd: str, record: Mapping[str, Any], endpoint: str, request_id: str | None
) -> CancelResult:
    """Build a ``CancelResult`` from a normalised record."""
    return CancelResult(
        respcd=respcd,
        status=lookup_status(respcd),
        raw=dict(record),
        endpoint=endpoint,
        syssn=_text(record, "syssn"),
        orig_syssn=_text(record, "orig_syssn"),
        out_trade_no=_text(record, "out_trade_no"),
        txamt=_int(record, "txamt"),
        txcurrcd=_text(record, "txcurrcd"),
        sysdtm=_text(record, "sysdtm"),
        request_id=request_id,
    )


def refund_result(respcd: str, record: Mapping[str, Any], request_id: str | None) -> RefundResult:
    """Build a ``RefundResult`` from a normalised record."""
    return RefundResult(
        respcd=respcd,
        status=lookup_status(respcd),
        raw=dict(record),
        syssn=_text(record, "syssn"),
        orig_syssn=_text(record, "orig_syssn"),
        out_trade_no=_text(record, "out_trade_no"),
        txamt=_int(record, "txamt"),
        txcurrcd=_text(record, "txcurrcd"),
        sysdtm=_text(record, "sysdtm"),
        request_id=request_id,
    )


def parse_notification(body: bytes, headers: Mapping[str, str], key: str) -> TradeRecord:
    """Verify an asynchronous notification's signature, then read it as a ``TradeRecord``.

    The signature covers the exact body bytes, so ``body`` must be what arrived on the wire.
    """
    signature = next((v for k, v in headers.items() if k.lower() == HEADER_SIGN.lower()), None)
    if not signature:
        raise SignatureError("the notification carries no signature", endpoint="notification")
    if not verify_notification(body, key, signature):
        raise SignatureError(
            "the notification's signature does not verify", endpoint="notification"
        )
    try:
        obj = json.loads(body.decode("utf-8"))
    except ValueError:
        raise ResponseError("the notification is not JSON", endpoint="notification") from None
    if not isinstance(obj, dict) or "respcd" not in obj:
        raise ResponseError("the notification has no respcd", endpoint="notification")
    return trade_record(_normalise_record(obj))
