"""The money path reviewer's notes, each against the real training gateway over HTTP.

Every test here failed before its fix (or pins a behaviour the notes asked to verify, which
the docstring says).  The rule they hold the engine to: a final state only on evidence that
does not contradict itself; when two answers about one order disagree, a manager decides.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from pos_app.credentials import training_credentials
from pos_app.engine import Journal, Outcome, PaymentEngine, TxState
from pos_app.engine import reconcile as rc
from pos_app.engine.states import TxMode, can_move
from pos_app.engine.views import Verdict, read_view
from pos_app.qfpay.client import QFPayClient
from pos_app.qfpay.models import TradeRecord, trade_record
from pos_app.training.server import TrainingGateway

from .conftest import (
    NEVER_CODE,
    PAID_CODE,
    POOR_CODE,
    WECHAT_CPM,
    EngineFactory,
    assert_agrees,
    make_client,
)

PAYMENT = "/trade/v1/payment"
QUERY = "/trade/v1/query"
REVERSAL = "/trade/v1/reversal"
REFUND = "/trade/v1/refund"


def _pay(engine: PaymentEngine, code: str, txamt: int = 500) -> Outcome:
    return engine.pay_cpm(txamt=txamt, currency="HKD", pay_type=WECHAT_CPM, auth_code=code)


def _answers(journal: Journal, out_trade_no: str) -> list[str]:
    return [e.detail for e in journal.events(out_trade_no) if e.kind == "answer"]


# -- note 1: 1260 on a reversal while the enquiry shows the order reversed -----------------


def test_1260_on_a_reversal_while_the_enquiry_shows_it_reversed_goes_to_a_manager(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway
) -> None:
    """The reversal is carried out but answered 1260; the enquiry shows the order reversed.

    Before: ``_already_paid`` took the 1260 alone and journaled the sale PAID (with the
    enquiry's syssn) although the gateway had reversed it: goods handed over, no money.
    Two answers that contradict each other settle nothing: a manager checks it.
    """
    gateway.faults.add("respcd", endpoint=REVERSAL, respcd="1260", booked=True, times=1)
    outcome = _pay(engine, NEVER_CODE)
    order = gateway.store.by_out_trade_no(outcome.out_trade_no)
    assert order is not None and order.cancel == 1  # the gateway did reverse it
    assert outcome.state is TxState.NEEDS_ATTENTION
    rec = journal.get(outcome.out_trade_no)
    assert rec is not None and rec.state is not TxState.PAID
    notes = [e.detail for e in journal.events(outcome.out_trade_no) if e.kind == "note"]
    assert any("conflicting evidence" in n for n in notes)


def test_1260_while_the_enquiry_still_shows_the_order_pending_is_asked_again(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway
) -> None:
    """A bare 1260 (nothing done) while the enquiry shows the order still in progress.

    Before: the 1260 alone made the sale PAID with the in-progress answer's syssn, though the
    gateway never took the money.  Now the till keeps asking; the next reversal goes
    through and the journal agrees with the gateway.  (1260 with a *paid* enquiry is still
    PAID: ``test_cpm``.)
    """
    gateway.faults.add("respcd", endpoint=REVERSAL, respcd="1260", booked=False, times=1)
    outcome = _pay(engine, NEVER_CODE)
    assert outcome.state is TxState.REVERSED
    rec = journal.get(outcome.out_trade_no)
    assert rec is not None
    assert_agrees(gateway, rec)


# -- note 5: several records for one order: any pending is pending -------------------------


class _PendingTwinClient(QFPayClient):
    """A real client that puts an in-progress twin of the order's record first in every
    enquiry answer (as a gateway listing an attempt and its retry might)."""

    def query(self, **kwargs: Any) -> list[TradeRecord]:
        records = super().query(**kwargs)
        twins = [
            trade_record({**r.raw, "respcd": "1145", "cancel": "0", "syssn": f"{r.syssn}9"})
            for r in records
            if r.out_trade_no == kwargs.get("out_trade_no")
        ]
        return twins + records


def test_a_failed_record_listed_after_a_pending_one_is_not_a_decline(
    gateway: TrainingGateway, journal: Journal, make_engine: EngineFactory
) -> None:
    """Before: ``read_view`` folded several non-success records by taking the *last*, so a
    failed record after an in-progress one made the sale DECLINED while the gateway still
    said "wait".  Any pending record keeps the order pending."""
    client = _PendingTwinClient(training_credentials(), gateway.base_url, max_retries=0)
    engine = make_engine(client)
    gateway.faults.add("lost_reply", endpoint=PAYMENT, times=1)
    outcome = _pay(engine, POOR_CODE)
    client.close_client()
    queries = [a for a in _answers(journal, outcome.out_trade_no) if a.startswith("query:")]
    assert queries and queries[0].startswith("query: pending"), queries
    assert not any(q.startswith("query: failed") for q in queries), queries
    assert outcome.state is TxState.REVERSED  # reversed at the deadline: nobody charged


class _R:
    """An enquiry record as ``read_view`` reads it (attributes)."""

    def __init__(self, **fields: str) -> None:
        base = {
            "out_trade_no": "T1",
            "order_type": "payment",
            "txamt": "500",
            "txcurrcd": "HKD",
            "cancel": "0",
            "syssn": "S1",
        }
        base.update(fields)
        self.__dict__.update(base)


def test_read_view_any_pending_is_pending_whatever_the_order() -> None:
    """Pins note 5: the fold does not depend on where the gateway lists each record."""
    for records in (
        [_R(respcd="1145"), _R(respcd="1205", syssn="S2")],
        [_R(respcd="1205", syssn="S2"), _R(respcd="1145")],
        [_R(respcd="1263", cancel="1"), _R(respcd="1143", syssn="S2")],
        [_R(respcd="1143", syssn="S2"), _R(respcd="1263", cancel="1")],
    ):
        view = read_view(records, "T1", txamt=500, currency="HKD")
        assert view.verdict is Verdict.PENDING, records


def test_read_view_one_success_of_the_exact_order_wins_over_failures() -> None:
    """Pins note 5: a success settles only when it is this order's amount and currency."""
    paid = _R(respcd="0000", syssn="S9")
    for records in ([paid, _R(respcd="1205")], [_R(respcd="1145"), paid]):
        view = read_view(records, "T1", txamt=500, currency="HKD")
        assert view.verdict is Verdict.PAID and view.syssn == "S9"
    other_amount = _R(respcd="0000", txamt="501")
    view = read_view([other_amount, _R(respcd="1145")], "T1", txamt=500, currency="HKD")
    assert view.verdict is Verdict.MISMATCH
    other_order = _R(respcd="0000", out_trade_no="T2")
    view = read_view([other_order, _R(respcd="1205")], "T1", txamt=500, currency="HKD")
    assert view.verdict is Verdict.FAILED
    undone = _R(respcd="1263", cancel="1")
    view = read_view([_R(respcd="1205"), undone], "T1", txamt=500, currency="HKD")
    assert view.verdict is Verdict.CANCELLED


# -- note 3: the enquiry window at a month's and a year's end ------------------------------

HKT = timezone(timedelta(hours=8))


@pytest.fixture
def hong_kong_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The process runs on Hong Kong time (POSIX TZ form: no tz database needed)."""
    monkeypatch.setenv("TZ", "HKT-8")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


class _WindowRecorder(QFPayClient):
    """A real client that remembers the enquiry windows it sent."""

    windows: list[tuple[Any, Any]]

    def query(self, **kwargs: Any) -> list[TradeRecord]:
        self.windows.append((kwargs.get("start_time"), kwargs.get("end_time")))
        return super().query(**kwargs)


@pytest.mark.parametrize(
    ("made", "expected"),
    [
        (
            datetime(2026, 11, 30, 23, 59, tzinfo=HKT),
            [
                ("2026-11-29 23:59:00", "2026-11-30 23:59:59"),
                ("2026-12-01 00:00:00", "2026-12-01 23:59:00"),
            ],
        ),
        (
            datetime(2026, 12, 31, 23, 59, 30, tzinfo=HKT),
            [
                ("2026-12-30 23:59:30", "2026-12-31 23:59:59"),
                ("2027-01-01 00:00:00", "2027-01-01 23:59:30"),
            ],
        ),
        (
            datetime(2027, 1, 1, 0, 0, 20, tzinfo=HKT),
            [
                ("2027-01-01 00:00:00", "2027-01-02 00:00:20"),
                ("2026-12-31 00:00:20", "2026-12-31 23:59:59"),
            ],
        ),
        (
            datetime(2026, 12, 15, 12, 0, tzinfo=HKT),
            [("2026-12-14 12:00:00", "2026-12-16 12:00:00")],
        ),
    ],
)
def test_enquiry_windows_stay_within_one_calendar_month(
    hong_kong_time: None,
    tmp_path: Path,
    gateway: TrainingGateway,
    made: datetime,
    expected: list[tuple[str, str]],
) -> None:
    """Before: one window of a day either side, which crosses the month (and the year) at
    its end, against 001's "within one calendar month".  Now each window is inside one
    month, the order's own month first; a sale the gateway knows is found in the first.
    """
    moment = made.timestamp()
    number = f"TILL7W{int(moment)}"
    with make_client(gateway) as payer:  # the gateway has the order, paid
        payer.pay(
            out_trade_no=number, txamt=100, txcurrcd="HKD", pay_type=WECHAT_CPM,
            auth_code="134567890123450000",
        )  # fmt: skip
    with Journal(tmp_path / "j.sqlite3", clock=lambda: moment) as journal:
        rec = journal.create(
            out_trade_no=number, sale_id="S", mode=TxMode.CPM, till_id="till-7",
            cashier="amy", txamt=100, currency="HKD", pay_type=WECHAT_CPM,
        )  # fmt: skip
        client = _WindowRecorder(training_credentials(), gateway.base_url, max_retries=0)
        client.windows = []
        engine = PaymentEngine(client, journal, till_id="till-7", cashier="amy")
        assert [
            (f"{a:%Y-%m-%d %H:%M:%S}", f"{b:%Y-%m-%d %H:%M:%S}")
            for a, b in engine.query_windows(rec)
        ] == expected
        view = engine.query_view(rec)
        client.close_client()
    assert view is not None and view.verdict is Verdict.PAID
    ((start, end),) = client.windows  # found in the order's own month: one request
    assert (start.year, start.month) == (end.year, end.month)
    assert start <= datetime.fromtimestamp(moment) <= end


# -- note 2: a refund with a manager can be re-checked -------------------------------------


def _refund_with_a_manager(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway, settles_after: float
) -> tuple[str, str]:
    """A paid sale and a refund of 400 the gateway shows in progress for ``settles_after``
    seconds; recovery hands the refund to a manager meanwhile.  (original syssn, refund no.)"""
    engine.managers.add("Mei", "246813")
    paid = _pay(engine, PAID_CODE, txamt=1000)
    assert paid.state is TxState.PAID and paid.syssn
    gateway.faults.add("async_refund", endpoint=REFUND, respcd="1145", delay=settles_after)
    outcome = engine.refund(orig_syssn=paid.syssn, txamt=400, manager="Mei", pin="246813")
    assert not outcome.state.is_final
    rec = journal.get(outcome.out_trade_no)
    assert rec is not None
    while engine.now() - rec.created_at < engine.config.refund_attention_after:
        engine.wait(None, 0.02)
    (item,) = engine.recover().items
    assert item.after is TxState.NEEDS_ATTENTION
    assert journal.refundable_remaining(paid.syssn, 1000) == 600  # held back meanwhile
    return paid.syssn, outcome.out_trade_no


def _until_the_gateway_settles(client: QFPayClient, number: str) -> None:
    """Wait (bounded) until the gateway's own enquiry shows the refund succeeded."""
    deadline = time.monotonic() + 10
    while not any(r.respcd == "0000" for r in client.query(out_trade_no=number)):
        assert time.monotonic() < deadline, "the gateway never settled the refund"
        time.sleep(0.05)


def test_a_refund_with_a_manager_is_settled_refunded_when_re_checked(
    client: QFPayClient, journal: Journal, gateway: TrainingGateway, make_engine: EngineFactory
) -> None:
    """Before: NEEDS_ATTENTION was final, so a refund the gateway showed only after
    ``refund_attention_after`` stayed "maybe refunded" for ever: ``resolve`` and recovery
    skipped it.  Now a manager's re-check settles it on the enquiry's word."""
    engine = make_engine(client, refund_attention_after=0.2)
    syssn, number = _refund_with_a_manager(engine, journal, gateway, settles_after=2.0)
    outcome = engine.resolve(number)  # still in progress at the gateway: stays
    assert outcome.state is TxState.NEEDS_ATTENTION
    _until_the_gateway_settles(client, number)
    outcome = engine.resolve(number)
    assert outcome.state is TxState.REFUNDED
    rec = journal.get(number)
    assert rec is not None and rec.syssn
    assert journal.refundable_remaining(syssn, 1000) == 600
    assert_agrees(gateway, rec)
    assert engine.recover().items == []  # nothing left for recovery


def test_check_with_qfpay_and_settle_re_checks_a_refund_with_a_manager(
    client: QFPayClient, journal: Journal, gateway: TrainingGateway, make_engine: EngineFactory
) -> None:
    """The existing manager path ("Check with QFPay" / ``reconcile --settle``) reaches it."""
    engine = make_engine(client, refund_attention_after=0.2)
    _syssn, number = _refund_with_a_manager(engine, journal, gateway, settles_after=1.5)
    _until_the_gateway_settles(client, number)
    start, end = rc.day_window(datetime.now().date())
    result = rc.reconcile(journal, client, start, end, till_id="till-7", udid=client.udid)
    assert number in rc.settle(engine, result)
    rec = journal.get(number)
    assert rec is not None and rec.state is TxState.REFUNDED


def test_only_a_refund_re_check_leaves_needs_attention() -> None:
    """Pins the limit: only refunds leave NEEDS_ATTENTION, and only by a re-check."""
    assert not can_move(TxState.NEEDS_ATTENTION, TxState.PAID)
    assert not can_move(TxState.NEEDS_ATTENTION, TxState.REVERSED)
    assert can_move(TxState.NEEDS_ATTENTION, TxState.REFUNDED)
