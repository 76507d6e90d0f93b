"""The small parts: states, order numbers, schedules, the request budget, enquiry verdicts,
and the engine on an injected clock with production timings."""

from __future__ import annotations

import threading

import pytest

from pos_app.engine import (
    FINAL_STATES,
    EngineConfig,
    EngineEvent,
    Journal,
    PaymentEngine,
    PollSchedule,
    RequestBudget,
    TxState,
    new_out_trade_no,
)
from pos_app.engine.states import RECHECKABLE, can_move
from pos_app.engine.views import Verdict, read_view
from pos_app.qfpay.client import QFPayClient
from pos_app.qfpay.models import trade_record
from pos_app.training.server import TrainingGateway

from .conftest import NEVER_CODE, PAID_CODE, WECHAT_CPM, assert_agrees, gateway_order


class FakeTime:
    """A clock whose sleep advances it: hours of schedule in microseconds."""

    def __init__(self, start: float = 1_800_000_000.0) -> None:
        self.now = start
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_final_states_are_never_left() -> None:
    for final in FINAL_STATES:
        assert final.is_final
        # The one way out: a re-checked refund with a manager (``states.RECHECKABLE``).
        way_out = RECHECKABLE if final is TxState.NEEDS_ATTENTION else frozenset()
        assert {other for other in TxState if can_move(final, other)} == way_out
    assert can_move(TxState.CREATED, TxState.SENT)
    assert not can_move(TxState.SENT, TxState.CREATED)
    assert can_move(TxState.UNKNOWN, TxState.UNKNOWN)


def test_out_trade_numbers_are_unique_alphanumeric_and_carry_the_till() -> None:
    numbers = {new_out_trade_no("till-7/front") for _ in range(2000)}
    assert len(numbers) == 2000
    for number in numbers:
        assert number.isalnum() and len(number) <= 128 and number.startswith("TILL7FRONT")
    with pytest.raises(ValueError):
        new_out_trade_no("---")


def test_schedule_is_fast_then_slow_and_stops_at_the_deadline() -> None:
    fake = FakeTime(0.0)
    schedule = PollSchedule((1, 2, 5), deadline=20.0, clock=fake.clock)
    gaps = []
    for gap in schedule.gaps():
        gaps.append(gap)
        fake.sleep(gap)
    assert gaps == [1, 2, 5, 5, 5, 2]
    assert schedule.expired() and schedule.seconds_left() == 0
    with pytest.raises(ValueError):
        PollSchedule((), 1.0, fake.clock)


def test_budget_limits_per_second_and_minute_and_backs_off_on_429() -> None:
    fake = FakeTime(0.0)
    budget = RequestBudget(
        per_minute=5, per_second=2, backoff=1.0, backoff_max=3.0, clock=fake.clock
    )
    assert budget.try_acquire() == 0 and budget.try_acquire() == 0
    assert budget.try_acquire() > 0  # third in the same second waits
    fake.now += 1.0
    assert budget.try_acquire() == 0 and budget.try_acquire() == 0
    fake.now += 1.0
    assert budget.try_acquire() == 0
    fake.now += 1.0
    assert budget.try_acquire() >= 5.0  # the minute's five are spent
    assert budget.spent == 5
    fake.now += 60
    assert budget.too_many_requests() == 1.0
    assert budget.try_acquire() == pytest.approx(1.0)
    assert budget.too_many_requests() == 2.0
    assert budget.too_many_requests() == 3.0  # capped
    budget.ok()
    assert budget.too_many_requests() == 1.0
    assert budget.too_many_requests(retry_after=2.5) == 2.5  # the gateway asked for longer
    assert budget.too_many_requests(retry_after=60) == 3.0  # but never past the cap
    cancelled = threading.Event()
    cancelled.set()
    assert budget.acquire(lambda s: True) is False


def test_budget_is_shared_safely_between_threads() -> None:
    budget = RequestBudget(per_minute=50, per_second=1000, clock=lambda: 0.0)
    taken: list[float] = []

    def grab() -> None:
        for _ in range(20):
            taken.append(budget.try_acquire())

    threads = [threading.Thread(target=grab) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(1 for d in taken if d == 0) == 50 == budget.spent


def test_wallet_timings_match_pay_type_wallet_names() -> None:
    config = EngineConfig()
    assert config.timing_for("WeChat Pay").deadline == 45
    assert config.timing_for("WeChat Pay HK").deadline == 45
    assert config.timing_for("Alipay HK").deadline == 60
    assert config.timing_for("QR wallet").deadline == 45
    assert config.timing_for("Octopus") is config.default_timing


def test_enquiry_verdicts() -> None:
    def rec(**fields: str) -> object:
        base = {"out_trade_no": "A1", "order_type": "payment", "syssn": "S1", "cancel": "0"}
        base.update(fields)
        return trade_record(base)

    assert read_view([], "A1").verdict is Verdict.NOT_FOUND
    assert read_view([rec(respcd="0000", out_trade_no="B2")], "A1").verdict is Verdict.NOT_FOUND
    assert read_view([rec(respcd="0000")], "A1").verdict is Verdict.PAID
    assert read_view([rec(respcd="0000", cancel="3")], "A1").verdict is Verdict.PAID
    reversed_paid = read_view([rec(respcd="0000", cancel="1")], "A1")
    assert reversed_paid.verdict is Verdict.CANCELLED and reversed_paid.respcd == "0000"
    assert read_view([rec(respcd="1263", cancel="1")], "A1").verdict is Verdict.CANCELLED
    assert read_view([rec(respcd="1143")], "A1").verdict is Verdict.PENDING
    failed = read_view([rec(respcd="1201")], "A1")
    assert failed.verdict is Verdict.FAILED and failed.message
    double = read_view([rec(respcd="0000"), rec(respcd="0000", syssn="S2")], "A1")
    assert double.verdict is Verdict.DOUBLE and double.count == 2 and "S2" in double.message
    assert read_view([rec(respcd="0000")], "A1", refund=True).verdict is Verdict.NOT_FOUND


def test_production_timings_on_an_injected_clock(
    client: QFPayClient, journal: Journal, gateway: TrainingGateway
) -> None:
    """WeChat's 45 s, polled 1,1,2,2,3,5,5... seconds apart, then reversed."""
    fake = FakeTime()
    engine = PaymentEngine(
        client,
        journal,
        till_id="t",
        cashier="c",
        config=EngineConfig(),
        clock=fake.clock,
        sleep=fake.sleep,
    )
    outcome = engine.pay_cpm(txamt=100, currency="HKD", pay_type=WECHAT_CPM, auth_code=NEVER_CODE)
    assert outcome.state is TxState.REVERSED
    rec = journal.get(outcome.out_trade_no)
    assert rec is not None and rec.deadline == pytest.approx(1_800_000_045.0)
    assert fake.slept[:6] == [1.0, 1.0, 2.0, 2.0, 3.0, 5.0]
    assert sum(fake.slept) == pytest.approx(45.0)
    assert_agrees(gateway, rec)


def test_a_broken_listener_does_not_break_the_payment(
    client: QFPayClient, journal: Journal, gateway: TrainingGateway
) -> None:
    def explode(event: EngineEvent) -> None:
        raise RuntimeError("listener bug")

    engine = PaymentEngine(client, journal, till_id="t", cashier="c", on_event=explode)
    outcome = engine.pay_cpm(txamt=100, currency="HKD", pay_type=WECHAT_CPM, auth_code=PAID_CODE)
    assert outcome.state is TxState.PAID
    assert gateway_order(gateway, outcome.out_trade_no) is not None


def test_recovery_skips_a_row_a_flow_is_working_on(
    engine: PaymentEngine, journal: Journal, gateway: TrainingGateway
) -> None:
    from pos_app.engine import CancelToken

    token = CancelToken()
    done: list[object] = []
    worker = threading.Thread(
        target=lambda: done.append(
            engine.pay_cpm(
                txamt=100, currency="HKD", pay_type=WECHAT_CPM, auth_code=NEVER_CODE, cancel=token
            )
        )
    )
    worker.start()
    while not journal.unfinished():
        threading.Event().wait(0.002)
    report = engine.recover()
    token.cancel()
    worker.join(5)
    assert [i.action for i in report.items] == ["busy"]
    assert done and journal.unfinished() == []
