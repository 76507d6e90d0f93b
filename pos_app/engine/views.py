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
    #: A record names our order but another amount or currency: not evidence of anything.
    MISMATCH = "mismatch"


@dataclass(frozen=True, slots=True)
class View:
    """One verdict with the fields the engine journals."""

    verdict: Verdict
    syssn: str | None = None
    respcd: str | None = None
    message: str = ""
    cancel_flag: str = "0"
    count: int = 0
    #: The pay type the record that decided the verdict names (the actual wallet behind a
    #: generic CPM code); None when no record of this order was evidence.
    pay_type: str | None = None


def _field(record: Any, name: str) -> str:
    value = getattr(record, name, None)
    if value is None and isinstance(getattr(record, "raw", None), dict):
        value = record.raw.get(name)
    return "" if value is None else str(value).strip()


def _class(record: Any) -> StatusClass:
    return lookup_status(_field(record, "respcd") or "unknown").status_class


def _contradiction(record: Any, txamt: int | None, currency: str | None) -> str | None:
    """Why ``record`` is no evidence for the journal's amount and currency; None if it is.

    An enquiry record always carries both (001's query response); one that leaves either
    out names no amount, so it proves nothing about ours.
    """
    got_amount = _field(record, "txamt")
    if txamt is not None and got_amount != str(txamt):
        return f"txamt {got_amount or '(none)'} is not {txamt}"
    got_currency = _field(record, "txcurrcd").upper()
    if currency is not None and got_currency != currency.upper():
        return f"currency {got_currency or '(none)'} is not {currency}"
    return None


def read_view(
    records: Sequence[Any],
    out_trade_no: str,
    *,
    refund: bool = False,
    txamt: int | None = None,
    currency: str | None = None,
) -> View:
    """Fold the enquiry records for ``out_trade_no`` into one verdict.

    A record counts only if it names this order (a record without ``out_trade_no`` names
    none) with the right ``order_type``; one that names it with another ``txamt`` or currency,
    or without either (when the caller gives the journal's), makes the verdict ``MISMATCH``:
    proof of nothing.
    Success and in-progress come from the status table alone.
    """
    wanted = "refund" if refund else "payment"
    mine = [
        r
        for r in records
        if _field(r, "out_trade_no") == out_trade_no
        and _field(r, "order_type").lower() in ("", wanted)
    ]
    if not mine:
        return View(Verdict.NOT_FOUND)
    for r in mine:
        wrong = _contradiction(r, txamt, currency)
        if wrong is not None:
            return View(Verdict.MISMATCH, respcd=_field(r, "respcd") or None, message=wrong)
    successes = [r for r in mine if _class(r) is StatusClass.SUCCESS]
    if len(successes) > 1:
        syssns = ", ".join(_field(r, "syssn") for r in successes)
        code = _field(successes[0], "respcd")
        return View(Verdict.DOUBLE, message=syssns, count=len(successes), respcd=code)
    # 001's ``cancel`` 1 is "reversed *or refunded*": on a refund's own record it cannot mean
    # the refund was undone (a refund has no cancel call), so it never folds a refund into
    # CANCELLED, which would free an amount the gateway may have paid out.
    undone: frozenset[str] = frozenset() if refund else CANCELLED_FLAGS
    if successes:
        rec = successes[0]
        flag = _field(rec, "cancel") or "0"
        verdict = Verdict.CANCELLED if flag in undone else Verdict.PAID
        code = _field(rec, "respcd")
        return View(
            verdict,
            syssn=_field(rec, "syssn") or None,
            respcd=code,
            cancel_flag=flag,
            pay_type=_field(rec, "pay_type") or None,
        )
    # No success: every record is read, never just the last one the gateway happened to
    # list.  Any record still in progress (or unreadable) keeps the order pending: it may
    # yet be paid, so it is neither declined nor cancelled on another record's word.
    # Otherwise a record showing the order undone makes it CANCELLED; else it FAILED.
    for rec in mine:
        code = _field(rec, "respcd")
        flag = _field(rec, "cancel") or "0"
        status = lookup_status(code or "unknown")
        if flag not in undone and (
            status.status_class is StatusClass.IN_PROGRESS or code in ("", "unknown")
        ):
            # 001: in an enquiry every code but success and in-progress means the order
            # failed; a record without a readable code says nothing yet.
            return View(Verdict.PENDING, syssn=_field(rec, "syssn") or None, respcd=code or None)
    for rec in mine:
        flag = _field(rec, "cancel") or "0"
        if flag in undone:
            return View(
                Verdict.CANCELLED,
                syssn=_field(rec, "syssn") or None,
                respcd=_field(rec, "respcd"),
                cancel_flag=flag,
                pay_type=_field(rec, "pay_type") or None,
            )
    rec = mine[-1]
    code = _field(rec, "respcd")
    status = lookup_status(code)
    syssn = _field(rec, "syssn") or None
    return View(Verdict.FAILED, syssn=syssn, respcd=code, message=status.cashier_message)
