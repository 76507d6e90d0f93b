"""Reading the gateway's enquiry answer for one ``out_trade_no`` as one verdict.

The enquiry returns a *list*.  For a till's own order number it should hold at most one
payment; two successful payments under one number mean the customer may have been charged
twice, and the engine hands that to a manager rather than picking one.  The verdict also
folds the ``cancel`` indicator in, because a reversed CPM payment still shows ``respcd``
0000 with ``cancel`` 1: reading respcd alone would call a reversed payment paid.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from pos_app.qfpay.status import StatusClass, lookup_status

SUCCESS = "0000"
IN_PROGRESS_CODES = frozenset({"1143", "1145"})
#: ``cancel`` values meaning the payment was undone by a reversal (1) or close (2).
CANCELLED_FLAGS = frozenset({"1", "2"})


class Verdict(Enum):
    """What the gateway says happened to one order."""

    PAID = "paid"
    CANCELLED = "cancelled"
    PENDING = "pending"
    FAILED = "failed"
    NOT_FOUND = "not_found"
    DOUBLE = "double"


@dataclass(frozen=True, slots=True)
class View:
    """One verdict with the fields the engine journals."""

    verdict: Verdict
    syssn: str | None = None
    respcd: str | None = None
    message: str = ""
    cancel_flag: str = "0"
    count: int = 0


def _field(record: Any, name: str) -> str:
    value = getattr(record, name, None)
    if value is None and isinstance(getattr(record, "raw", None), dict):
        value = record.raw.get(name)
    return "" if value is None else str(value).strip()


def read_view(records: Sequence[Any], out_trade_no: str, *, refund: bool = False) -> View:
    """Fold the enquiry records for ``out_trade_no`` into one verdict."""
    wanted = "refund" if refund else "payment"
    mine = [
        r
        for r in records
        if _field(r, "out_trade_no") in ("", out_trade_no)
        and _field(r, "order_type").lower() in ("", wanted)
    ]
    if not mine:
        return View(Verdict.NOT_FOUND)
    successes = [r for r in mine if _field(r, "respcd") == SUCCESS]
    if len(successes) > 1:
        syssns = ", ".join(_field(r, "syssn") for r in successes)
        return View(Verdict.DOUBLE, message=syssns, count=len(successes), respcd=SUCCESS)
    if successes:
        rec = successes[0]
        flag = _field(rec, "cancel") or "0"
        verdict = Verdict.CANCELLED if flag in CANCELLED_FLAGS else Verdict.PAID
        return View(verdict, syssn=_field(rec, "syssn") or None, respcd=SUCCESS, cancel_flag=flag)
    rec = mine[-1]
    code = _field(rec, "respcd")
    flag = _field(rec, "cancel") or "0"
    syssn = _field(rec, "syssn") or None
    if flag in CANCELLED_FLAGS:
        return View(Verdict.CANCELLED, syssn=syssn, respcd=code, cancel_flag=flag)
    status = lookup_status(code)
    if code in IN_PROGRESS_CODES or status.status_class is StatusClass.IN_PROGRESS:
        return View(Verdict.PENDING, syssn=syssn, respcd=code)
    message = _field(rec, "errmsg") or status.cashier_message
    return View(Verdict.FAILED, syssn=syssn, respcd=code, message=status.cashier_message or message)
