"""QFPay's asynchronous notifications at head office: check, store once, publish.

001 says a notification is a JSON POST signed as MD5(raw body + client key) in ``X-QF-SIGN``,
sent only for a *successful* payment or refund, and retried at 2 m, 10 m, 10 m, 60 m, 2 h,
6 h and 15 h until the receiver answers 200 ``SUCCESS``.  So:

* the signature is checked over the exact bytes received (:func:`verify_notification`);
* a notification is stored under ``(notify_type, out_trade_no, syssn)``: a retry only bumps
  ``deliveries``; a "retry" whose amount or currency differ from the stored one is logged as
  a conflict and changes nothing;
* the first copy of a success is published on the ``qfpay_orders`` channel with
  ``pg_notify`` *inside the same transaction*, so listeners hear of it exactly when it is
  committed, never before and never for a rolled-back row;
* the caller answers ``SUCCESS`` only after that commit.

Tills decide what a notification means for their own journal (see ``listener``); head office
only keeps the evidence.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

CHANNEL = "qfpay_orders"
MAX_BODY = 64 * 1024
NOTIFY_TYPES = ("payment", "refund")

_STORE = """
INSERT INTO notifications (notify_type, out_trade_no, syssn, txamt, txcurrcd, pay_type, respcd,
                           cancel, body, raw)
VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)
ON CONFLICT (notify_type, out_trade_no, syssn) DO UPDATE
    SET deliveries = notifications.deliveries + 1, last_received_at = clock_timestamp()
RETURNING id, (xmax = 0) AS inserted, txamt, txcurrcd
"""


class NotificationRefusedError(ValueError):
    """Not a usable notification; ``reason`` is logged (never the key, never the body)."""

    def __init__(self, reason: str, status: int = 400) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status


@dataclass(frozen=True, slots=True)
class Notification:
    """The fields head office and the tills rely on, checked for shape."""

    notify_type: str
    out_trade_no: str
    syssn: str
    txamt: int
    txcurrcd: str
    respcd: str
    pay_type: str
    cancel: str
    body: dict[str, Any]

    @property
    def success(self) -> bool:
        """001: notifications are sent for successes and carry respcd 0000."""
        return self.respcd == "0000"

    def payload(self, row_id: int) -> str:
        """What ``pg_notify`` carries to the tills (well under PostgreSQL's 8000 bytes)."""
        return json.dumps(
            {
                "id": row_id,
                "notify_type": self.notify_type,
                "out_trade_no": self.out_trade_no,
                "syssn": self.syssn,
                "txamt": self.txamt,
                "txcurrcd": self.txcurrcd,
                "respcd": self.respcd,
            },
            separators=(",", ":"),
        )


def _text(body: dict[str, Any], name: str, *, limit: int = 128) -> str:
    value = body.get(name)
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise NotificationRefusedError(f"field {name!r} missing or not text")
    text = str(value).strip()
    if not text or len(text) > limit or not text.isprintable():
        raise NotificationRefusedError(f"field {name!r} is empty or malformed")
    return text


def parse_notification(raw: bytes) -> Notification:
    """Read a *verified* body; raises NotificationRefusedError saying what is wrong."""
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise NotificationRefusedError("body is not JSON") from None
    if not isinstance(body, dict):
        raise NotificationRefusedError("body is not a JSON object")
    notify_type = _text(body, "notify_type").lower()
    if notify_type not in NOTIFY_TYPES:
        raise NotificationRefusedError(f"unknown notify_type {notify_type[:20]!r}")
    txamt_text = _text(body, "txamt", limit=12)
    if not txamt_text.isdigit() or int(txamt_text) <= 0:
        raise NotificationRefusedError("txamt is not a positive whole number of cents")
    currency = _text(body, "txcurrcd", limit=3).upper()
    if not (len(currency) == 3 and currency.isalpha()):
        raise NotificationRefusedError("txcurrcd is not a currency code")
    return Notification(
        notify_type=notify_type,
        out_trade_no=_text(body, "out_trade_no"),
        syssn=_text(body, "syssn"),
        txamt=int(txamt_text),
        txcurrcd=currency,
        respcd=_text(body, "respcd", limit=8),
        pay_type=str(body.get("pay_type") or "")[:16],
        cancel=str(body.get("cancel") or "0")[:4],
        body=body,
    )


@dataclass(frozen=True, slots=True)
class Stored:
    """What storing did: ``inserted`` (first copy), ``conflict`` (same key, other money)."""

    row_id: int
    inserted: bool
    conflict: bool


async def store(conn: Any, note: Notification, raw: bytes) -> Stored:
    """Insert or count a retry, and publish the first success, in one transaction."""
    from psycopg.types.json import Jsonb  # noqa: PLC0415

    async with conn.transaction():
        cur = await conn.execute(
            _STORE,
            (
                note.notify_type,
                note.out_trade_no,
                note.syssn,
                note.txamt,
                note.txcurrcd,
                note.pay_type,
                note.respcd,
                note.cancel,
                Jsonb(note.body),
                raw,
            ),
        )
        row = await cur.fetchone()
        row_id, inserted = int(row[0]), bool(row[1])
        conflict = (int(row[2]), str(row[3])) != (note.txamt, note.txcurrcd)
        if inserted and note.success:
            await conn.execute("SELECT pg_notify(%s, %s)", (CHANNEL, note.payload(row_id)))
    return Stored(row_id, inserted, conflict)
