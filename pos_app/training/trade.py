"""What the training gateway does with money: payments, reversals and closes, refunds, notes.

This module is the gateway's side of the protocol, with the HTTP plumbing kept out (see
``handler.py``).  Each handler takes the request's parameters and returns the JSON object to
answer with, or raises :class:`~pos_app.training.params.Refusal`.

Rules the till relies on (all as the reference documents them; where it is silent, the
choice is written here):

* ``out_trade_no`` is one namespace for payments *and* refunds; a repeat is refused with
  ``1102`` (duplicate request) and changes nothing.
* Reversing or closing an order that is not paid (in progress, declined or expired) cancels
  it: its ``cancel`` becomes 1 (CPM) or 2 (MPM) and an in-progress ``respcd`` becomes final
  (``1263`` cancelled for CPM, ``1142`` closed for MPM), so enquiries stop saying "wait".
* A *paid* order can no longer be reversed or closed, as 001's reversal page says: the
  answer is ``1260`` (already paid: refund it instead) and nothing changes.  The engine reads
  that as "the customer paid before the cancellation arrived": the sale is PAID and a
  manager refunds it if the customer should not pay.  Repeating a reversal that already
  succeeded on an unpaid order succeeds again (safe to retry after a lost answer).
* A refund needs a paid, uncancelled, refundable original (``1261`` unpaid, ``1263``
  cancelled, ``1155`` for FPS 802001) and may not take the refunded total past the original
  amount (``1272``).  The original then shows ``cancel`` 5 (partly) or 3 (fully refunded).
* Unknown orders: ``1136``.
* Merchant-presented and online pay types get a training ``qrcode`` URL and wait (``1143``)
  for a simulated scan; card-present types are refused (``1104``).
* Reversal and close are served alike for every pay type: the documents disagree on which
  applies where (001's reversal page against its own samples), so the gateway accepts both
  and leaves the choice to the till.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from pos_app.training import codes, paytypes, wallets
from pos_app.training import params as p
from pos_app.training.params import Refusal
from pos_app.training.store import (
    CANCEL_CPM_REVERSED,
    CANCEL_MPM_CLOSED,
    CANCEL_NONE,
    CANCEL_PARTIALLY_REFUNDED,
    CANCEL_REFUNDED,
    Order,
    OrderStore,
)

SUCCESS = "0000"
DUPLICATE = "1102"
NOT_FOUND = "1136"
EXPIRED = "1181"
#: Default MPM QR lifetime in minutes, and the documented bounds of ``expired_time``.
DEFAULT_EXPIRED_MINUTES = 30
EXPIRED_TIME_MIN = 5
EXPIRED_TIME_MAX = 120
WAITING_FOR_CUSTOMER = "waiting for the customer to scan and pay"


class CredentialsLike(Protocol):
    """What the gateway needs of a credentials object (its own, or the client's)."""

    @property
    def app_code(self) -> str: ...

    @property
    def client_key(self) -> str: ...

    @property
    def mchid(self) -> str | None: ...


@dataclass(frozen=True)
class Quirks:
    """How the fault knobs bend one booking (see ``faults.py``); the default bends nothing.

    ``visible_after``: seconds the booked order stays invisible to enquiries.
    ``async_refund``: answer a refund with this 1143/1145 and let it become ``refund_final``
    after ``refund_seconds``.
    """

    visible_after: float = 0.0
    async_refund: str = ""
    refund_seconds: float = 0.0
    refund_final: str = SUCCESS


NO_QUIRKS = Quirks()


def meaning(respcd: str) -> str:
    """What a QFPay answer carries in ``resperr`` for a code (see ``codes.py``)."""
    return codes.resperr(respcd)


class TradeDesk:
    """The gateway's business rules over one :class:`OrderStore`."""

    def __init__(
        self,
        store: OrderStore,
        *,
        app_code: str,
        mchid: str | None,
        base_url: str,
        mpm_expiry_seconds: float | None = None,
        pending_queries: int = wallets.DEFAULT_PENDING_QUERIES,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.app_code = app_code
        self.mchid = mchid or None
        self.base_url = base_url
        self.mpm_expiry_seconds = mpm_expiry_seconds
        self.pending_queries = pending_queries
        self.clock = clock
        #: Called with every payment or refund that has just succeeded (notifications).
        self.on_success: Callable[[Order], object] | None = None

    # -- shared helpers --------------------------------------------------------------------

    def now_text(self) -> str:
        """Gateway time as QFPay writes it (local wall clock, 24-hour)."""
        return datetime.fromtimestamp(self.clock()).strftime(p.DATETIME_FORMAT)

    def new_syssn(self) -> str:
        """A 26-character serial number, unique across restarts of a persisted store."""
        day = datetime.fromtimestamp(self.clock()).strftime("%Y%m%d")
        return f"{day}{self.store.next_sequence():018d}"

    def advance(self, order: Order, *, counts_as_query: bool) -> Order:
        """Move an in-progress order along: expiry first, then the wallet's query counter.

        Asynchronous refunds that are due settle here too (a refund when it is looked at,
        and a payment's pending refunds when the payment is), so no background thread is
        needed and a restarted gateway behaves the same.
        """
        if order.order_type == "refund":
            self._settle_refund_if_due(order, None)
            return order
        if order.refunded > 0:
            for refund in self.store.refunds_of(order.syssn):
                self._settle_refund_if_due(refund, order)
        if order.order_type != "payment" or not order.is_in_progress():
            return order
        if order.expires_at is not None and self.clock() >= order.expires_at:
            order.respcd, order.errmsg = EXPIRED, meaning(EXPIRED)
            self.store.update(order)
            return order
        behaviour = wallets.behaviour_named(order.wallet)
        if counts_as_query and behaviour.counts_queries:
            if order.pending_queries > 0:
                order.pending_queries -= 1
            else:
                self._settle(order, behaviour.final_respcd)
            self.store.update(order)
        return order

    def _settle_refund_if_due(self, refund: Order, original: Order | None) -> None:
        """Make an asynchronous refund final once its time has come."""
        if refund.settles_at is None or refund.respcd not in codes.IN_PROGRESS:
            return
        if self.clock() < refund.settles_at:
            return
        final = refund.final_respcd or SUCCESS
        refund.respcd, refund.errmsg = final, meaning(final)
        if final == SUCCESS:
            refund.paydtm = self.now_text()
            self._succeeded(refund)
        else:  # the refund failed: its reserved amount goes back to the original
            if original is None:
                original = self.store.by_syssn(refund.origssn)
            if original is not None:
                original.refunded = max(0, original.refunded - refund.txamt)
                original.cancel = self._refund_flag(original)
                self.store.update(original)
        self.store.update(refund)

    @staticmethod
    def _refund_flag(original: Order) -> int:
        if original.refunded <= 0:
            return CANCEL_NONE
        if original.refunded >= original.txamt:
            return CANCEL_REFUNDED
        return CANCEL_PARTIALLY_REFUNDED

    def _succeeded(self, order: Order) -> None:
        if self.on_success is not None:
            self.on_success(order)

    def _settle(self, order: Order, respcd: str) -> None:
        order.respcd, order.errmsg = respcd, meaning(respcd)
        if respcd == SUCCESS:
            order.paydtm = self.now_text()
            self._succeeded(order)

    @staticmethod
    def _mode(code: str) -> paytypes.Mode:
        mode = paytypes.mode_of(code)
        if mode is None:
            raise Refusal(p.PARAMETER_ERROR, f"unknown pay_type {code}")
        return mode

    def _find(self, syssn: str, out_trade_no: str) -> Order:
        order = self.store.by_syssn(syssn) if syssn else self.store.by_out_trade_no(out_trade_no)
        if order is None or order.order_type != "payment":
            raise Refusal(NOT_FOUND, "the transaction does not exist")
        if syssn and out_trade_no and order.out_trade_no != out_trade_no:
            raise Refusal("1267", "syssn and out_trade_no belong to different orders")
        return order

    # -- payment ---------------------------------------------------------------------------

    def payment(self, params: Mapping[str, str], quirks: Quirks = NO_QUIRKS) -> dict[str, Any]:
        """``/trade/v1/payment``: CPM with ``auth_code``, MPM (a QR code URL) without."""
        p.check_mchid(params, self.mchid)
        txamt = p.txamt(params)
        txcurrcd = p.currency(params)
        pay_type = p.required(params, "pay_type")
        mode = self._mode(pay_type)
        out_trade_no = p.required(params, "out_trade_no")
        txdtm = p.txdtm(params)
        goods_name = p.optional(params, "goods_name")
        udid = p.optional(params, "udid")
        p.optional(params, "txzone")
        expiry_minutes = self._expired_time(params, pay_type)
        auth_code = p.optional(params, "auth_code")
        if mode == "CPM":
            if not auth_code:
                raise Refusal(p.PARAMETER_ERROR, "missing required parameter auth_code")
            behaviour = (
                wallets.behaviour_for(auth_code)
                if wallets.is_plausible_auth_code(auth_code)
                else wallets.BAD_CODE
            )
            # The answer names the customer's wallet, not the generic code (wallets.py).
            answered_type = wallets.actual_pay_type(pay_type, auth_code)
        elif mode == "CARD":
            raise Refusal(p.PARAMETER_ERROR, f"pay_type {pay_type} needs a card terminal")
        else:
            if auth_code:
                raise Refusal(p.PARAMETER_ERROR, "auth_code is only for customer-presented codes")
            behaviour = wallets.MPM_WAITING
            answered_type = pay_type
        now = self.clock()
        with self.store.transaction():
            if self.store.exists(out_trade_no):
                raise Refusal(DUPLICATE, "out_trade_no has been used before")
            order = Order(
                out_trade_no=out_trade_no,
                order_type="payment",
                pay_type=answered_type,
                txamt=txamt,
                txcurrcd=txcurrcd,
                txdtm=txdtm,
                sysdtm=self.now_text(),
                respcd=behaviour.first_respcd,
                errmsg=meaning(behaviour.first_respcd),
                syssn=self.new_syssn(),
                goods_name=goods_name,
                udid=udid,
                mchid=self.mchid or "",
                auth_code_masked=wallets.mask_auth_code(auth_code),
                mode="CPM" if mode == "CPM" else "MPM",
                wallet=behaviour.name,
                pending_queries=self.pending_queries if behaviour.counts_queries else 0,
                created_at=now,
                visible_at=now + quirks.visible_after if quirks.visible_after else None,
            )
            if order.respcd == SUCCESS:
                order.paydtm = order.sysdtm
            if order.mode == "MPM":
                order.errmsg = WAITING_FOR_CUSTOMER
                seconds = (
                    self.mpm_expiry_seconds
                    if self.mpm_expiry_seconds is not None
                    else expiry_minutes * 60
                )
                order.expires_at = now + seconds
                digest = hashlib.sha256(f"{order.syssn}/{out_trade_no}".encode()).hexdigest()
                order.qr_token = digest[:24]
            self.store.insert(order)
            if order.respcd == SUCCESS:
                self._succeeded(order)
        answer = self._order_answer(order)
        if order.qr_token:
            answer["qrcode"] = f"{self.base_url}/training/v1/qr/{order.qr_token}"
        return answer

    @staticmethod
    def _expired_time(params: Mapping[str, str], pay_type: str) -> int:
        raw = params.get("expired_time", "")
        if raw == "":
            return DEFAULT_EXPIRED_MINUTES
        if pay_type not in paytypes.EXPIRED_TIME_TYPES:
            raise Refusal(p.PARAMETER_ERROR, f"expired_time is not available for {pay_type}")
        if not (raw.isascii() and raw.isdigit()):
            raise Refusal(p.FORMAT_ERROR, "expired_time must be a whole number of minutes")
        minutes = int(raw)
        if not EXPIRED_TIME_MIN <= minutes <= EXPIRED_TIME_MAX:
            raise Refusal(
                p.PARAMETER_ERROR,
                f"expired_time must be {EXPIRED_TIME_MIN} to {EXPIRED_TIME_MAX} minutes",
            )
        return minutes

    def _order_answer(self, order: Order) -> dict[str, Any]:
        return {
            "respcd": order.respcd,
            "resperr": order.errmsg,
            "respmsg": "",
            "syssn": order.syssn,
            "out_trade_no": order.out_trade_no,
            "pay_type": order.pay_type,
            "txamt": str(order.txamt),
            "txcurrcd": order.txcurrcd,
            "txdtm": order.txdtm,
            "sysdtm": order.sysdtm,
            "paydtm": order.paydtm,
            "udid": order.udid,
            "chnlsn": "",
            "chnlsn2": "",
            "cardcd": "",
        }

    # -- reversal / close ------------------------------------------------------------------

    def cancel(self, params: Mapping[str, str]) -> dict[str, Any]:
        """``/trade/v1/reversal`` and ``/trade/v1/close`` (the gateway treats them alike)."""
        p.check_mchid(params, self.mchid)
        syssn = p.optional(params, "syssn")
        out_trade_no = p.optional(params, "out_trade_no")
        if not syssn and not out_trade_no:
            raise Refusal(p.PARAMETER_ERROR, "either syssn or out_trade_no is required")
        txamt = p.txamt(params)
        txdtm = p.txdtm(params)
        p.optional(params, "udid")
        with self.store.transaction():
            order = self.advance(self._find(syssn, out_trade_no), counts_as_query=False)
            if txamt != order.txamt:
                raise Refusal("1266", "txamt does not match the original transaction")
            if order.cancel in (CANCEL_CPM_REVERSED, CANCEL_MPM_CLOSED):
                pass  # already undone: answering success again makes retries safe
            elif order.respcd == SUCCESS:
                if order.refunded > 0 or order.cancel != CANCEL_NONE:
                    raise Refusal("1125", "the transaction has been refunded already")
                raise Refusal("1260", "the order has been paid: refund it instead")
            else:
                if order.mode == "CPM":
                    order.cancel = CANCEL_CPM_REVERSED
                    final = "1263"
                else:
                    order.cancel = CANCEL_MPM_CLOSED
                    final = "1142"
                if order.respcd in ("1143", "1145"):
                    order.respcd, order.errmsg = final, meaning(final)
                order.pending_queries = 0
            self.store.update(order)
            reversal_syssn = self.new_syssn()
        return {
            "respcd": SUCCESS,
            "resperr": meaning(SUCCESS),
            "respmsg": "",
            "syssn": reversal_syssn,
            "orig_syssn": order.syssn,
            "out_trade_no": order.out_trade_no,
            "txamt": str(order.txamt),
            "txcurrcd": order.txcurrcd,
            "txdtm": txdtm,
            "sysdtm": self.now_text(),
            "chnlsn": "",
            "cancel": str(order.cancel),
        }

    # -- refund ----------------------------------------------------------------------------

    def refund(self, params: Mapping[str, str], quirks: Quirks = NO_QUIRKS) -> dict[str, Any]:
        """``/trade/v1/refund``: partial refunds allowed up to the original amount."""
        p.check_mchid(params, self.mchid)
        syssn = p.required(params, "syssn")
        out_trade_no = p.required(params, "out_trade_no")
        txamt = p.txamt(params)
        txdtm = p.txdtm(params)
        udid = p.optional(params, "udid")
        p.optional(params, "txzone")
        with self.store.transaction():
            if self.store.exists(out_trade_no):
                raise Refusal(DUPLICATE, "out_trade_no has been used before")
            original = self.advance(self._find(syssn, ""), counts_as_query=False)
            if original.pay_type in paytypes.NOT_REFUNDABLE:
                raise Refusal("1155", f"pay_type {original.pay_type} does not support refunds")
            if original.cancel in (CANCEL_CPM_REVERSED, CANCEL_MPM_CLOSED):
                raise Refusal("1263", "the order has been cancelled")
            if original.respcd != SUCCESS:
                raise Refusal("1261", "the order has not been paid")
            if original.refunded + txamt > original.txamt:
                left = original.txamt - original.refunded
                raise Refusal("1272", f"at most {left} can still be refunded")
            now_text = self.now_text()
            now = self.clock()
            answered = quirks.async_refund or SUCCESS
            refund = Order(
                out_trade_no=out_trade_no,
                order_type="refund",
                pay_type=original.pay_type,
                txamt=txamt,
                txcurrcd=original.txcurrcd,
                txdtm=txdtm,
                sysdtm=now_text,
                paydtm=now_text if answered == SUCCESS else "",
                respcd=answered,
                errmsg=meaning(answered),
                syssn=self.new_syssn(),
                origssn=original.syssn,
                udid=udid,
                mchid=self.mchid or "",
                created_at=now,
                visible_at=now + quirks.visible_after if quirks.visible_after else None,
            )
            if quirks.async_refund:
                refund.settles_at = now + quirks.refund_seconds
                refund.final_respcd = quirks.refund_final
            self.store.insert(refund)
            # An asynchronous refund reserves its amount at once, so no second refund can
            # take the total past the original while it is in progress.
            original.refunded += txamt
            original.cancel = self._refund_flag(original)
            self.store.update(original)
            if answered == SUCCESS:
                self._succeeded(refund)
        return {
            "respcd": answered,
            "resperr": meaning(answered),
            "respmsg": "",
            "syssn": refund.syssn,
            "orig_syssn": original.syssn,
            "out_trade_no": out_trade_no,
            "txamt": str(txamt),
            "txcurrcd": refund.txcurrcd,
            "txdtm": txdtm,
            "sysdtm": refund.sysdtm,
            "paydtm": refund.paydtm,
            "udid": udid,
            "chnlsn": "",
            "cardcd": "",
        }

    # -- notes -----------------------------------------------------------------------------

    def add_note(self, params: Mapping[str, str]) -> dict[str, Any]:
        """``/trade/v1/add_note``: a remark shown in the merchant portal and the statement."""
        code = p.required(params, "code")
        if code != self.app_code:
            raise Refusal(p.PARAMETER_ERROR, "code is not this merchant's app code")
        sent_mchid = params.get("mchid", "")
        if sent_mchid and sent_mchid != self.mchid:
            raise Refusal(p.PARAMETER_ERROR, "mchid does not belong to this app code")
        syssn = p.required(params, "syssn")
        note = p.required(params, "note")
        with self.store.transaction():
            order = self.store.by_syssn(syssn)
            if order is None:
                raise Refusal(NOT_FOUND, "the transaction does not exist")
            order.note = note
            self.store.update(order)
        return {
            "respcd": SUCCESS,
            "resperr": meaning(SUCCESS),
            "respmsg": "",
            "syssn": syssn,
            "data": {"syssn": syssn},
        }

    # -- trainer's controls ----------------------------------------------------------------

    def simulate_scan(self, out_trade_no: str) -> Order:
        """The customer scans an MPM QR code and pays."""
        with self.store.transaction():
            order = self._control_target(out_trade_no)
            if order.mode != "MPM":
                raise ValueError(f"{out_trade_no} is not a merchant-presented (QR) order")
            self._settle(order, SUCCESS)
            order.pending_queries = 0
            self.store.update(order)
        return order

    def expire(self, out_trade_no: str) -> Order:
        """Let an in-progress order run out of time now (``1181``)."""
        with self.store.transaction():
            order = self._control_target(out_trade_no)
            order.respcd, order.errmsg = EXPIRED, meaning(EXPIRED)
            order.expires_at = self.clock()
            self.store.update(order)
        return order

    def _control_target(self, out_trade_no: str) -> Order:
        order = self.store.by_out_trade_no(out_trade_no)
        if order is None or order.order_type != "payment":
            raise LookupError(f"no payment with out_trade_no {out_trade_no!r}")
        self.advance(order, counts_as_query=False)
        if not order.is_in_progress():
            raise ValueError(f"{out_trade_no} is not waiting for the customer ({order.respcd})")
        return order
