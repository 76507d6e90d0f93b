"""Issue 7, "Money truth at the edges": each finding against the real training gateway.

The gateway's answer knobs (``respcd``, ``async_refund``, ``enquiry_lag``, ...) and the hostile
proxy make it say exactly what a real gateway or a broken network can say; the journal must
end equal to the gateway's truth, or with a manager, and never final without evidence.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from pos_app.engine import (
    CancelToken,
    EarlierUnresolvedError,
    InputRefusedError,
    Journal,
    NotSentError,
    PaymentEngine,
    PossibleDuplicateError,
    TxState,
)
from pos_app.engine.states import TxMode
from pos_app.qfpay.client import QFPayClient
from pos_app.qfpay.models import Credentials
from pos_app.qfpay.ratelimit import RateLimiter
from pos_app.training.credentials import TRAINING_APP_CODE, TRAINING_CLIENT_KEY
from pos_app.training.hostile import HostileProxy
from pos_app.training.server import TrainingGateway

from .conftest import (
    NEVER_CODE,
    PAID_CODE,
    PASSWORD_CODE,
    WECHAT_CPM,
    WECHAT_MPM,
    EngineFactory,
    assert_agrees,
    assert_all_agree,
    fast_config,
    gateway_order,
)

PAYMENT = "/trade/v1/payment"
QUERY = "/trade/v1/query"
REFUND = "/trade/v1/refund"


def pay(engine: PaymentEngine, code: str = PAID_CODE, txamt: int = 500, **kw: object):
    return engine.pay_cpm(
        txamt=txamt,
        currency="HKD",
        pay_type=WECHAT_CPM,
        auth_code=code,
        **kw,  # type: ignore[arg-type]
    )


def requests_of(journal: Journal, out_trade_no: str) -> list[str]:
    return [e.detail for e in journal.events(out_trade_no) if e.kind == "request"]


def answers_of(journal: Journal, out_trade_no: str) -> list[str]:
    return [e.detail for e in journal.events(out_trade_no) if e.kind == "answer"]


# -- #1: a system code on a payment the gateway booked anyway ------------------------------


@pytest.mark.parametrize("code", ["1252", "1297", "1154", "9999"])
def test_system_or_unlisted_code_on_a_booked_payment_ends_paid(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway, code: str
) -> None:
    """Issue 7 #1: the customer paid, so the till must say PAID, never DECLINED."""
    gateway.faults.add("respcd", endpoint=PAYMENT, respcd=code, booked=True)
    gateway.faults.add("enquiry_lag", endpoint=PAYMENT, delay=0.2)
    outcome = pay(engine)
    assert outcome.state is TxState.PAID and outcome.syssn
    rec = journal.get(outcome.out_trade_no)
    assert rec is not None
    assert_agrees(gateway, rec)


def test_system_code_on_a_payment_not_booked_is_cancelled_not_declined(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway
) -> None:
    gateway.faults.add("respcd", endpoint=PAYMENT, respcd="1252", booked=False)
    outcome = pay(engine)
    assert outcome.state is TxState.REVERSED  # queried, then reversed by out_trade_no
    assert any(r.startswith("cancel") for r in requests_of(journal, outcome.out_trade_no))
    assert gateway_order(gateway, outcome.out_trade_no) is None


def test_booked_then_http_5xx_on_the_payment_is_paid(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway
) -> None:
    gateway.faults.add("booked_http_error", endpoint=PAYMENT, status=502)
    outcome = pay(engine)
    assert outcome.state is TxState.PAID
    assert_all_agree(gateway, journal)


# -- #2: refunds with unknown answers, asynchronous refunds ---------------------------------


@pytest.fixture
def paid(engine: PaymentEngine) -> str:
    engine.managers.add("Mei", "246813")
    outcome = pay(engine, txamt=1000)
    assert outcome.state is TxState.PAID and outcome.syssn
    return outcome.syssn


def refund(engine: PaymentEngine, syssn: str, txamt: int):
    return engine.refund(orig_syssn=syssn, txamt=txamt, manager="Mei", pin="246813")


@pytest.mark.parametrize("code", ["1154", "1297"])
def test_refund_with_an_unlisted_code_booked_is_found_by_enquiry(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway, paid: str, code: str
) -> None:
    """Issue 7 #2: 1154/1297 are not declines; the enquiry shows the refund went out."""
    gateway.faults.add("respcd", endpoint=REFUND, respcd=code, booked=True)
    outcome = refund(engine, paid, 400)
    assert outcome.state is TxState.REFUNDED
    # The second refund can only take what is really left.
    with pytest.raises(InputRefusedError):
        refund(engine, paid, 700)
    assert_all_agree(gateway, journal)


def test_refund_with_an_unlisted_code_not_booked_stays_open_and_held(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway, paid: str
) -> None:
    gateway.faults.add("respcd", endpoint=REFUND, respcd="1154", booked=False)
    outcome = refund(engine, paid, 400)
    assert outcome.state is TxState.UNKNOWN
    assert journal.refundable_remaining(paid) == 600
    with pytest.raises(InputRefusedError):  # a second refund cannot take the held amount
        refund(engine, paid, 700)


def test_asynchronous_refund_visible_later_is_refunded_by_recovery(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway, paid: str
) -> None:
    """Issue 7 #2: a lost reply the enquiry cannot see yet is not "nothing was charged"."""
    gateway.faults.add("lost_reply", endpoint=REFUND)
    gateway.faults.add("enquiry_lag", endpoint=REFUND, delay=1.0)
    outcome = refund(engine, paid, 300)
    assert outcome.state is TxState.UNKNOWN  # past its 0.5 s deadline, still unseen
    assert journal.refundable_remaining(paid) == 700
    early = engine.recover()
    assert [i.after.is_final for i in early.items] == [False]
    rec = journal.get(outcome.out_trade_no)
    assert rec is not None
    while engine.now() - rec.created_at < 1.1:
        engine.wait(None, 0.05)
    late = engine.recover()
    assert [i.after for i in late.items] == [TxState.REFUNDED]
    assert_all_agree(gateway, journal)


def test_refund_answered_in_progress_then_final_later(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway, paid: str
) -> None:
    gateway.faults.add("async_refund", endpoint=REFUND, respcd="1145", delay=0.8)
    outcome = refund(engine, paid, 250)
    assert not outcome.state.is_final
    rec = journal.get(outcome.out_trade_no)
    assert rec is not None
    while engine.now() - rec.created_at < 0.9:
        engine.wait(None, 0.05)
    assert [i.after for i in engine.recover().items] == [TxState.REFUNDED]
    assert_all_agree(gateway, journal)


# -- #5: 1260 with an enquiry that cannot find the order; the order's own window -----------


def test_reversal_refused_1260_while_the_enquiry_cannot_find_the_order_is_never_reversed(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway
) -> None:
    """Issue 7 #5: 1260 is proof of payment; "not found" must not win over it."""
    gateway.faults.add("respcd", endpoint=PAYMENT, respcd="1252", booked=True)
    gateway.faults.add("enquiry_lag", endpoint=PAYMENT, delay=2.5)
    outcome = pay(engine)
    assert outcome.state is TxState.CANCELLING  # paid at the gateway, syssn not yet known
    assert any("1260" in a for a in answers_of(journal, outcome.out_trade_no))
    rec = journal.get(outcome.out_trade_no)
    assert rec is not None
    while engine.now() - rec.created_at < 2.6:
        engine.wait(None, 0.05)
    (item,) = engine.recover().items
    assert item.after is TxState.PAID
    assert_all_agree(gateway, journal)


class RecordingClient(QFPayClient):
    """A real client that also remembers the enquiry windows it sent."""

    windows: list[tuple[datetime | str | None, datetime | str | None]]

    def query(self, **kwargs):  # type: ignore[no-untyped-def, override]
        self.windows.append((kwargs.get("start_time"), kwargs.get("end_time")))
        return super().query(**kwargs)


def test_enquiries_send_the_orders_own_window_across_a_month_end(
    tmp_path: Path, gateway: TrainingGateway
) -> None:
    """Issue 7 #5: a sale journaled at 23:59 on Oct 31 is looked for on Nov 1 too."""
    month_end = datetime(2026, 10, 31, 23, 59, 50).timestamp()
    with Journal(tmp_path / "j.sqlite3", clock=lambda: month_end) as journal:
        rec = journal.create(
            out_trade_no="TILL7MONTHEND",
            sale_id="S",
            mode=TxMode.CPM,
            till_id="till-7",
            cashier="amy",
            txamt=100,
            currency="HKD",
            pay_type=WECHAT_CPM,
        )
        client = RecordingClient(TRAINING_CREDENTIALS_, gateway.base_url, max_retries=0)
        client.windows = []
        engine = PaymentEngine(
            client, journal, till_id="till-7", cashier="amy", config=fast_config()
        )
        view = engine.query_view(rec)
        client.close_client()
    assert view is not None  # the gateway accepted the window
    # Not found in October's part of the window, so November's is asked too; each window
    # stays within one calendar month (001), together they cover the day either side.
    (o_start, o_end), (n_start, n_end) = client.windows
    assert isinstance(o_start, datetime) and isinstance(n_end, datetime)
    assert (o_start.month, o_end.month, n_start.month, n_end.month) == (10, 10, 11, 11)
    assert o_start <= datetime.fromtimestamp(month_end) <= o_end


TRAINING_CREDENTIALS_ = Credentials(TRAINING_APP_CODE, TRAINING_CLIENT_KEY)


# -- #6: answers are evidence only for the order, amount and currency they name ------------


@pytest.fixture
def proxy(gateway: TrainingGateway) -> Iterator[HostileProxy]:
    with HostileProxy(gateway.base_url, key=TRAINING_CLIENT_KEY) as p:
        yield p


@pytest.fixture
def proxied(
    proxy: HostileProxy, journal: Journal, make_engine: EngineFactory
) -> Iterator[PaymentEngine]:
    client = QFPayClient(
        TRAINING_CREDENTIALS_,
        proxy.base_url,
        timeout=1.0,
        max_retries=0,
        deadline=1.5,
    )
    yield make_engine(client)
    client.close_client()


def test_an_enquiry_record_without_out_trade_no_is_not_ours(
    proxied: PaymentEngine, proxy: HostileProxy, journal: Journal, gateway: TrainingGateway
) -> None:
    """Issue 7 #6: a foreign paid record that names no order must not make a sale PAID."""
    foreign = {
        "syssn": "20260101000000000000000042",
        "respcd": "0000",
        "txamt": "500",
        "txcurrcd": "HKD",
        "pay_type": WECHAT_CPM,
        "order_type": "payment",
        "cancel": "0",
    }
    proxy.arm("foreign_record", endpoint=QUERY, times=None, record=foreign)
    outcome = pay(proxied, NEVER_CODE)
    assert outcome.state is not TxState.PAID
    proxy.clear()
    proxied.recover()
    rec = journal.get(outcome.out_trade_no)
    assert rec is not None and rec.state is TxState.REVERSED
    assert_agrees(gateway, rec)


def test_an_enquiry_with_another_amount_is_not_evidence_and_goes_to_a_manager(
    proxied: PaymentEngine, proxy: HostileProxy, journal: Journal
) -> None:
    """Issue 7 #6: 'txamt=1' was journaled as PAID HKD 5.00; now it proves nothing."""
    proxy.arm("amount", endpoint=QUERY, times=None, txamt=1)
    outcome = pay(proxied, PASSWORD_CODE)
    assert outcome.state is TxState.NEEDS_ATTENTION
    assert any("mismatch" in a for a in answers_of(journal, outcome.out_trade_no))


def test_a_payment_answer_in_another_currency_is_not_evidence(
    proxied: PaymentEngine, proxy: HostileProxy, journal: Journal, gateway: TrainingGateway
) -> None:
    proxy.arm("currency", endpoint=PAYMENT, txcurrcd="USD")
    outcome = pay(proxied)
    rec = journal.get(outcome.out_trade_no)
    assert rec is not None
    assert any("unknown" in a for a in answers_of(journal, rec.out_trade_no))
    assert outcome.state is TxState.PAID  # proven by the enquiry, not by that answer
    assert_agrees(gateway, rec)


def test_an_unsigned_answer_from_a_gateway_that_signs_is_not_evidence(
    proxied: PaymentEngine, proxy: HostileProxy, journal: Journal, gateway: TrainingGateway
) -> None:
    pay(proxied)  # the client learns that this gateway signs its answers
    proxy.arm("unsigned", endpoint=PAYMENT)
    outcome = pay(proxied, PAID_CODE)
    assert any("Signature" in a for a in answers_of(journal, outcome.out_trade_no))
    assert outcome.state is TxState.PAID  # the enquiry proved it
    assert_all_agree(gateway, journal)


# -- #7: a total deadline, a size cap, a cancel that interrupts the wait -------------------


def test_a_dribbled_payment_answer_ends_at_the_deadline_as_unknown(
    proxied: PaymentEngine, proxy: HostileProxy, journal: Journal, gateway: TrainingGateway
) -> None:
    proxy.arm("dribble", endpoint=PAYMENT, chunk=1, interval=0.2)
    outcome = pay(proxied)
    assert any("no complete answer" in a for a in answers_of(journal, outcome.out_trade_no))
    assert outcome.state is TxState.PAID  # the enquiry settles it
    assert_all_agree(gateway, journal)


def test_a_huge_answer_is_refused_by_size_not_read_into_memory(
    proxied: PaymentEngine, proxy: HostileProxy, journal: Journal, gateway: TrainingGateway
) -> None:
    proxy.arm("huge_body", endpoint=PAYMENT, size=8 << 20)
    outcome = pay(proxied)
    assert any("larger than" in a for a in answers_of(journal, outcome.out_trade_no))
    assert outcome.state is TxState.PAID
    assert_all_agree(gateway, journal)


def test_cancel_interrupts_the_wait_for_a_dribbled_answer(
    gateway: TrainingGateway, journal: Journal, make_engine: EngineFactory
) -> None:
    with HostileProxy(gateway.base_url, key=TRAINING_CLIENT_KEY) as proxy:
        client = QFPayClient(TRAINING_CREDENTIALS_, proxy.base_url, timeout=5.0, max_retries=0)
        engine = make_engine(client)
        proxy.arm("dribble", endpoint=PAYMENT, chunk=1, interval=0.5)
        token = CancelToken()
        threading.Timer(0.3, token.cancel).start()
        outcome = pay(engine, NEVER_CODE, cancel=token)
        client.close_client()
    assert any("cancelled while waiting" in a for a in answers_of(journal, outcome.out_trade_no))
    assert outcome.state is TxState.REVERSED
    assert_all_agree(gateway, journal)


# -- #8 and the mchid fault: certain non-events end at once --------------------------------


def test_wrong_key_ends_at_once_as_a_configuration_error(
    gateway: TrainingGateway, journal: Journal, make_engine: EngineFactory
) -> None:
    with QFPayClient(Credentials(TRAINING_APP_CODE, "wrong-key"), gateway.base_url) as client:
        engine = make_engine(client)
        with pytest.raises(NotSentError) as info:
            pay(engine)
    assert info.value.cause == "config"
    rec = journal.get(info.value.out_trade_no or "")
    assert rec is not None and rec.state is TxState.DECLINED and rec.respcd == "1108"
    assert requests_of(journal, rec.out_trade_no) == ["payment CPM"]  # no query, no reversal
    assert gateway.store.all() == []


def test_wrong_mchid_ends_at_once_and_stops_recovery(
    journal: Journal, make_engine: EngineFactory
) -> None:
    with TrainingGateway(mchid="MCH1") as gw:
        creds = Credentials(TRAINING_APP_CODE, TRAINING_CLIENT_KEY, mchid="MCH2")
        with QFPayClient(creds, gw.base_url) as client:
            engine = make_engine(client)
            with pytest.raises(NotSentError) as info:
                pay(engine)
            assert info.value.cause == "config"
            journal.create(
                out_trade_no="TILL7LEFTOVER",
                sale_id="S2",
                mode=TxMode.CPM,
                till_id="till-7",
                cashier="amy",
                txamt=100,
                currency="HKD",
                pay_type=WECHAT_CPM,
            )
            with pytest.raises(NotSentError):  # no 120 s of reversals per row
                engine.recover()
        assert gw.store.all() == []
    rec = journal.get("TILL7LEFTOVER")
    assert rec is not None and rec.state is TxState.CREATED


def test_connection_refused_ends_at_once_as_not_sent(
    journal: Journal, make_engine: EngineFactory
) -> None:
    with TrainingGateway() as gw:
        url = gw.base_url
    with QFPayClient(TRAINING_CREDENTIALS_, url, timeout=1.0) as client:  # nobody listens
        engine = make_engine(client)
        with pytest.raises(NotSentError) as info:
            pay(engine)
    assert info.value.cause == "unreachable"
    rec = journal.get(info.value.out_trade_no or "")
    assert rec is not None and rec.state is TxState.DECLINED
    assert requests_of(journal, rec.out_trade_no) == ["payment CPM"]


def test_a_spent_request_budget_ends_at_once_as_not_sent_and_nothing_leaves(
    gateway: TrainingGateway, journal: Journal, make_engine: EngineFactory
) -> None:
    """The minute's budget (spent by other tills) has no slot before the payment's deadline.

    Before, the deadline ran while the till waited for a slot, and the request was then
    handed to a pool thread *after* the caller had given up: sent, but reported unknown, so
    a reversal could race the very payment it was meant to undo.
    """
    budget = RateLimiter(per_second=100, per_minute=1)
    with QFPayClient(TRAINING_CREDENTIALS_, gateway.base_url, rate_limiter=budget) as client:
        engine = make_engine(client)
        first = pay(engine)
        assert first.state is TxState.PAID
        with pytest.raises(NotSentError) as info:
            pay(engine)
    assert info.value.cause == "busy"
    rec = journal.get(info.value.out_trade_no or "")
    assert rec is not None and rec.state is TxState.DECLINED
    assert requests_of(journal, rec.out_trade_no) == ["payment CPM"]  # no query, no reversal
    assert gateway_order(gateway, rec.out_trade_no) is None
    assert [o.out_trade_no for o in gateway.store.all()] == [first.out_trade_no]


# -- smaller faults ------------------------------------------------------------------------


def test_a_reversed_sale_reports_the_payments_own_answer(
    engine: PaymentEngine, gateway: TrainingGateway
) -> None:
    token = CancelToken()
    token.cancel()
    outcome = pay(engine, NEVER_CODE, cancel=token)
    assert outcome.state is TxState.REVERSED
    order = gateway_order(gateway, outcome.out_trade_no)
    assert order is not None
    assert outcome.respcd == order.respcd != "0000"  # not the reversal's own 0000


def test_a_closed_qr_sale_reports_the_payments_own_answer(
    engine: PaymentEngine, gateway: TrainingGateway
) -> None:
    outcome = engine.start_mpm(txamt=300, currency="HKD", pay_type=WECHAT_MPM, timeout=0.1)
    assert outcome.state is TxState.CLOSED
    order = gateway_order(gateway, outcome.out_trade_no)
    assert order is not None and outcome.respcd == order.respcd != "0000"


@pytest.mark.parametrize("goods", ["tea & cake", "a=b", "100%", "x" * 21])
def test_goods_name_outside_001s_rule_is_refused_before_anything_is_journaled(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway, goods: str
) -> None:
    with pytest.raises(InputRefusedError):
        pay(engine, goods_name=goods)
    assert journal.unfinished() == [] and gateway.store.all() == []


def test_goods_name_the_client_accepts_passes_the_gateways_strict_rule(
    engine: PaymentEngine, gateway: TrainingGateway
) -> None:
    gateway.faults.add("strict_goods_name", endpoint=PAYMENT)
    outcome = pay(engine, goods_name="奶茶 Milk tea 2")
    assert outcome.state is TxState.PAID


# -- #4: no new payment over an unresolved one ---------------------------------------------


def _abandoned_payment(engine: PaymentEngine, journal: Journal, code: str, txamt: int) -> str:
    """A payment a killed process left SENT: journaled, then sent, then nothing."""
    number = "TILL7ABANDONED"
    journal.create(
        out_trade_no=number,
        sale_id="EARLIER",
        mode=TxMode.CPM,
        till_id="till-7",
        cashier="amy",
        txamt=txamt,
        currency="HKD",
        pay_type=WECHAT_CPM,
        deadline=engine.now() - 1,
    )
    journal.transition(number, TxState.SENT)
    engine.client.pay(
        txamt=txamt, txcurrcd="HKD", pay_type=WECHAT_CPM, out_trade_no=number, auth_code=code
    )
    return number


def test_an_earlier_payment_found_paid_for_the_same_amount_is_flagged_before_the_next(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway
) -> None:
    earlier = _abandoned_payment(engine, journal, PAID_CODE, 500)
    with pytest.raises(PossibleDuplicateError) as info:
        pay(engine)
    assert info.value.out_trade_no == earlier
    rec = journal.get(earlier)
    assert rec is not None and rec.state is TxState.PAID
    assert [o.out_trade_no for o in gateway.store.all()] == [earlier]  # nothing new sent
    again = pay(engine)  # the cashier checked: this is a new sale
    assert again.state is TxState.PAID
    assert_all_agree(gateway, journal)


def test_a_new_payment_is_refused_while_an_earlier_one_cannot_be_settled(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway
) -> None:
    earlier = _abandoned_payment(engine, journal, NEVER_CODE, 700)
    gateway.faults.add("drop", endpoint=QUERY, times=None)
    gateway.faults.add("drop", endpoint="/trade/v1/reversal", times=None)
    with pytest.raises(EarlierUnresolvedError) as info:
        pay(engine)
    assert info.value.out_trade_nos == [earlier]
    assert [o.out_trade_no for o in gateway.store.all()] == [earlier]
    gateway.faults.clear()
    outcome = pay(engine)
    assert outcome.state is TxState.PAID
    rec = journal.get(earlier)
    assert rec is not None and rec.state is TxState.REVERSED
    assert_all_agree(gateway, journal)


def test_a_new_payment_after_an_earlier_other_amount_goes_through(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway
) -> None:
    earlier = _abandoned_payment(engine, journal, PAID_CODE, 900)
    outcome = pay(engine)
    assert outcome.state is TxState.PAID
    rec = journal.get(earlier)
    assert rec is not None and rec.state is TxState.PAID
    assert_all_agree(gateway, journal)


def test_sale_locks_are_pruned_after_use(engine: PaymentEngine) -> None:
    """Issue 9: the per-sale locks no longer grow for the life of the till."""
    for _ in range(3):
        pay(engine)
    assert engine._sale_locks == {}


def _paid_later_sale(journal: Journal, created_at: float | None = None) -> None:
    """A later HKD 5.00 sale paid elsewhere (another process), optionally made at ``created_at``."""
    later = journal.create(
        out_trade_no="TILL7LATER",
        sale_id="LATER",
        mode=TxMode.CPM,
        till_id="till-7",
        cashier="amy",
        txamt=500,
        currency="HKD",
        pay_type=WECHAT_CPM,
    )
    if created_at is not None:
        with journal.transaction() as conn:
            conn.execute(
                "UPDATE transactions SET created_at = ? WHERE out_trade_no = ?",
                (created_at, later.out_trade_no),
            )
    journal.transition(later.out_trade_no, TxState.PAID, syssn="X1", respcd="0000")


def test_recovery_flags_an_earlier_sale_found_paid_when_a_later_one_took_the_same_amount(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway
) -> None:
    """Issue 7 #4: the second charge happened elsewhere (another process); flag both."""
    earlier = _abandoned_payment(engine, journal, PAID_CODE, 500)
    _paid_later_sale(journal)
    (item,) = engine.recover().items
    assert item.after is TxState.PAID and "possible duplicate" in item.action
    assert "TILL7LATER" in item.action
    notes = [e.detail for e in journal.events(earlier) if e.kind == "note"]
    assert any("possible duplicate" in n for n in notes)


def test_a_repeat_five_minutes_later_across_local_midnight_is_flagged_too(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway, monkeypatch: Any
) -> None:
    """Review4: the duplicate check looked at the first sale's calendar day only, so a sale
    at 23:58 and the same amount paid again at 00:03 were never flagged."""
    earlier = _abandoned_payment(engine, journal, PAID_CODE, 500)
    first = journal.get(earlier)
    assert first is not None
    # A zone in which the first sale was made at 23:58 local time.
    utc = datetime.fromtimestamp(first.created_at, tz=UTC)
    since_midnight = utc.hour * 60 + utc.minute + utc.second / 60
    east = round(23 * 60 + 58 - since_midnight) % (24 * 60)  # minutes east of UTC
    if east > 12 * 60:
        east -= 24 * 60
    sign = "-" if east >= 0 else "+"  # POSIX TZ offsets count west
    monkeypatch.setenv("TZ", f"XXX{sign}{abs(east) // 60:02d}:{abs(east) % 60:02d}")
    time.tzset()
    try:
        _paid_later_sale(journal, created_at=first.created_at + 300)  # five minutes on
        start = datetime.fromtimestamp(first.created_at)
        assert start.hour == 23 and start.minute >= 57  # about 23:58
        assert datetime.fromtimestamp(first.created_at + 300).date() != start.date()
        (item,) = engine.recover().items
        assert "possible duplicate" in item.action and "TILL7LATER" in item.action
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
