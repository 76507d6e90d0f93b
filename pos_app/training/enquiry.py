"""The training gateway's read side: transaction enquiry and the daily statement.

An enquiry is also how the simulated wallets move on (a password-entry payment is paid after
a few enquiries, see ``wallets.py``), and how an unpaid MPM order notices it has expired:
the gateway needs no background thread, so a stopped-and-restarted gateway behaves the same.

The enquiry, as 001 documents it (l. 1294-1597):

* by ``syssn`` and/or ``out_trade_no`` (comma-separated lists); then ``start_time`` and
  ``end_time`` are ignored, even malformed;
* otherwise by a window on the *system* time ``sysdtm`` (not the till's ``txdtm``):
  ``start_time`` defaults to the start of the current month, ``end_time`` to its end, and the
  window "must be within one calendar month".  The gateway reads that strictly: both ends in
  the same calendar month (``2026-03-15`` to ``2026-04-14`` is refused with 1104).  A till
  that queries month by month works under either reading; one that queries any 31 days
  would fail in production if QFPay is strict, so training is;
* ``pay_type`` (list) and ``respcd`` narrow the result; ``page`` (Int(8), default 1) and
  ``page_size`` (default 10, at most 100) page it, after filtering, oldest first.  No total
  is returned: a till pages until a page comes back shorter than ``page_size``;
* ``udid`` is *not* an enquiry filter in 001: every record carries the ``udid`` it was paid
  with, and the gateway answers all of the merchant's records whatever ``udid`` is sent, so
  a till that wants only its own must filter them itself.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from pos_app.training import params as p
from pos_app.training.params import Refusal
from pos_app.training.store import Order
from pos_app.training.trade import SUCCESS, TradeDesk, meaning

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 10
#: Columns of the training statement CSV, in order.
STATEMENT_COLUMNS = (
    "syssn",
    "out_trade_no",
    "order_type",
    "pay_type",
    "txamt",
    "txcurrcd",
    "txdtm",
    "sysdtm",
    "paydtm",
    "respcd",
    "errmsg",
    "cancel",
    "origssn",
    "goods_name",
    "udid",
    "note",
)


def _month_bounds(now: datetime) -> tuple[datetime, datetime]:
    start = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    next_month = (start + timedelta(days=32)).replace(day=1)
    return start, next_month - timedelta(seconds=1)


def query(desk: TradeDesk, params: Mapping[str, str]) -> dict[str, Any]:
    """``/trade/v1/query``: by serial numbers and/or order numbers, else by time window."""
    p.check_mchid(params, desk.mchid)
    syssns = p.split_list(params.get("syssn", ""))
    out_trade_nos = p.split_list(params.get("out_trade_no", ""))
    pay_types = set(p.split_list(params.get("pay_type", "")))
    respcd_filter = params.get("respcd", "")
    page = p.positive_int(params, "page", 1, 10**8 - 1)
    page_size = p.positive_int(params, "page_size", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    p.optional(params, "txzone")
    with desk.store.transaction():
        if syssns or out_trade_nos:
            candidates = _by_numbers(desk, syssns, out_trade_nos)
        else:
            start, end = _window(desk, params)
            candidates = desk.store.between(start, end)
        now = desk.clock()
        # An order still hidden by the ``enquiry_lag`` knob is not there yet, as far as the
        # enquiry can tell; it neither shows nor moves along.
        visible = [order for order in candidates if order.is_visible(now)]
        orders = [desk.advance(order, counts_as_query=True) for order in visible]
    selected = [
        order
        for order in orders
        if (not pay_types or order.pay_type in pay_types)
        and (not respcd_filter or order.respcd == respcd_filter)
    ]
    first = (page - 1) * page_size
    return {
        "respcd": SUCCESS,
        "resperr": meaning(SUCCESS),
        "respmsg": "",
        "data": [order.to_record() for order in selected[first : first + page_size]],
        "page": str(page),
        "page_size": str(page_size),
    }


def _by_numbers(desk: TradeDesk, syssns: list[str], out_trade_nos: list[str]) -> list[Order]:
    found: dict[str, Order] = {}
    if syssns:
        for syssn in syssns:
            order = desk.store.by_syssn(syssn)
            if order is not None and (not out_trade_nos or order.out_trade_no in out_trade_nos):
                found[order.syssn] = order
    else:
        for number in out_trade_nos:
            order = desk.store.by_out_trade_no(number)
            if order is not None:
                found[order.syssn] = order
    return list(found.values())


def _window(desk: TradeDesk, params: Mapping[str, str]) -> tuple[str, str]:
    """The documented defaults (this calendar month); both ends in one calendar month."""
    default_start, default_end = _month_bounds(datetime.fromtimestamp(desk.clock()))
    raw_start = params.get("start_time", "")
    raw_end = params.get("end_time", "")
    start = p.parse_datetime("start_time", raw_start) if raw_start else default_start
    end = p.parse_datetime("end_time", raw_end) if raw_end else default_end
    if end < start:
        raise Refusal(p.PARAMETER_ERROR, "end_time is before start_time")
    if (start.year, start.month) != (end.year, end.month):
        raise Refusal(p.PARAMETER_ERROR, "the query window must be within one calendar month")
    return start.strftime(p.DATETIME_FORMAT), end.strftime(p.DATETIME_FORMAT)


def statement(desk: TradeDesk, params: Mapping[str, str]) -> tuple[str, bytes]:
    """``/download/v1/trade_bill``: a zip holding one CSV of the day's orders.

    Returns the file name and the zip bytes.  The zip is built with a fixed timestamp so the
    same orders always give the same bytes.
    """
    p.check_mchid(params, desk.mchid, allowed=False)
    day = p.trade_date(params)
    orders = desk.store.between(f"{day} 00:00:00", f"{day} 23:59:59")
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(STATEMENT_COLUMNS)
    for order in orders:
        writer.writerow([getattr(order, column) for column in STATEMENT_COLUMNS])
    buffer = io.BytesIO()
    csv_name = f"trade_bill_{day}.csv"
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo(csv_name, date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, text.getvalue().encode("utf-8"))
    return f"trade_bill_{day}.zip", buffer.getvalue()
