"""Shared fixtures for the engine tests: a real training gateway over loopback HTTP, a real
client signing real requests, and a real SQLite journal in ``tmp_path``.

Intervals are shrunk to milliseconds so a whole payment, poll and reversal takes a fraction
of a second; the logic under test is the same as at 45 seconds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from pos_app.credentials import training_credentials
from pos_app.engine import (
    CancelToken,
    EngineConfig,
    EngineEvent,
    Journal,
    PaymentEngine,
    TxMode,
    TxRecord,
    TxState,
    WalletTiming,
)
from pos_app.engine.errors import NotSentError
from pos_app.qfpay.client import QFPayClient
from pos_app.qfpay.models import Credentials
from pos_app.qfpay.ratelimit import RateLimiter
from pos_app.training.credentials import TRAINING_APP_CODE, TRAINING_CLIENT_KEY
from pos_app.training.hostile import HostileProxy
from pos_app.training.server import TrainingGateway
from pos_app.training.store import CANCEL_CPM_REVERSED, CANCEL_MPM_CLOSED, Order

#: Auth codes for the simulated wallets (the last four digits choose the behaviour).
PAID_CODE = "134567890123450000"
PASSWORD_CODE = "134567890123451143"
PROCESSING_CODE = "134567890123451145"
POOR_CODE = "134567890123451201"
BAD_CODE = "134567890123451202"
EXPIRED_CODE = "134567890123452005"
NEVER_CODE = "134567890123459999"

WECHAT_CPM = "800208"
ALIPAY_CPM = "800108"
WECHAT_MPM = "800201"
FPS_MPM = "802001"


def fast_config(**overrides: object) -> EngineConfig:
    """Millisecond timings; everything else as in production."""
    timing = WalletTiming(deadline=0.6, intervals=(0.01, 0.02))
    values: dict[str, object] = {
        "wallet_timings": {"wechat": timing, "alipay": timing},
        "default_timing": timing,
        "mpm_timeout": 0.6,
        "mpm_intervals": (0.01, 0.02),
        "cancel_intervals": (0.01, 0.02),
        "cancel_give_up": 1.5,
        "refund_timeout": 0.5,
        "refund_intervals": (0.01, 0.02),
        "poll_per_minute": 100_000,
        "poll_per_second": 10_000,
        "backoff_429": 0.01,
        "backoff_429_max": 0.05,
        "index_lag": 0.05,
    }
    values.update(overrides)
    return EngineConfig(**values)  # type: ignore[arg-type]


@pytest.fixture
def gateway() -> Iterator[TrainingGateway]:
    """A running training gateway on 127.0.0.1 with an in-memory order book."""
    with TrainingGateway(pending_queries=2) as gw:
        yield gw


def make_client(gw: TrainingGateway, **overrides: object) -> QFPayClient:
    """A real client for the gateway: short timeout, quick retries, no shared limiter."""
    options: dict[str, object] = {
        "timeout": httpx.Timeout(0.5, connect=0.5),
        "rate_limiter": RateLimiter(per_second=10_000, per_minute=1_000_000),
        "max_retries": 1,
        "backoff_base": 0.005,
        "backoff_cap": 0.01,
        "retry_after_cap": 0.01,
    }
    options.update(overrides)
    return QFPayClient(training_credentials(), gw.base_url, **options)


@pytest.fixture
def client(gateway: TrainingGateway) -> Iterator[QFPayClient]:
    """A client talking to ``gateway``."""
    with make_client(gateway) as c:
        yield c


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    """A fresh journal file."""
    with Journal(tmp_path / "journal.sqlite3") as j:
        yield j


@pytest.fixture
def events() -> list[EngineEvent]:
    """Collects what the engine reports."""
    return []


@pytest.fixture
def engine(client: QFPayClient, journal: Journal, events: list[EngineEvent]) -> PaymentEngine:
    """An engine on the real client and journal, with fast timings."""
    return PaymentEngine(
        client,
        journal,
        till_id="till-7",
        cashier="amy",
        config=fast_config(),
        on_event=events.append,
    )


EngineFactory = Callable[..., PaymentEngine]


@pytest.fixture
def make_engine(journal: Journal, events: list[EngineEvent]) -> EngineFactory:
    """Build an engine on another client (e.g. a subclass with a test seam)."""

    def build(
        client: object, *, on_event: Callable[[EngineEvent], None] | None = None, **config: object
    ) -> PaymentEngine:
        return PaymentEngine(
            client,  # type: ignore[arg-type]
            journal,
            till_id="till-7",
            cashier="amy",
            config=fast_config(**config),
            on_event=on_event or events.append,
        )

    return build


def gateway_order(gw: TrainingGateway, out_trade_no: str) -> Order | None:
    """What the gateway remembers about an order number."""
    return gw.store.by_out_trade_no(out_trade_no)


def assert_agrees(gw: TrainingGateway, rec: TxRecord) -> None:
    """The invariant: the till's journal and the gateway's book tell the same story."""
    order = gateway_order(gw, rec.out_trade_no)
    if order is not None:
        assert not order.is_in_progress(), f"left pending at the gateway: {order}"
    paid_at_gateway = (
        order is not None
        and order.respcd == "0000"
        and order.cancel not in (CANCEL_CPM_REVERSED, CANCEL_MPM_CLOSED)
    )
    if rec.mode == "REFUND":
        assert (rec.state is TxState.REFUNDED) == paid_at_gateway, (rec, order)
        return
    assert (rec.state is TxState.PAID) == paid_at_gateway, (rec, order)
    if paid_at_gateway:
        assert order is not None and rec.syssn == order.syssn
    assert rec.state.is_final, rec


def assert_all_agree(gw: TrainingGateway, journal: Journal) -> None:
    """Every journal row agrees, and every gateway order is known to the journal."""
    for order in gw.store.all():
        rec = journal.get(order.out_trade_no)
        assert rec is not None, f"the gateway has an order the till never journaled: {order}"
    for order in gw.store.all():
        rec = journal.get(order.out_trade_no)
        assert rec is not None
        assert_agrees(gw, rec)


@pytest.fixture
def proxy(gateway: TrainingGateway) -> Iterator[HostileProxy]:
    """The hostile proxy in front of the training gateway (its answers lie when armed)."""
    with HostileProxy(gateway.base_url, key=TRAINING_CLIENT_KEY) as p:
        yield p


@pytest.fixture
def proxied_client(proxy: HostileProxy) -> Iterator[QFPayClient]:
    """A client that talks to the gateway through ``proxy``: a short deadline, no retries."""
    client = QFPayClient(
        Credentials(TRAINING_APP_CODE, TRAINING_CLIENT_KEY),
        proxy.base_url,
        timeout=1.0,
        max_retries=0,
        deadline=1.5,
        rate_limiter=RateLimiter(per_second=10_000, per_minute=1_000_000),
    )
    yield client
    client.close_client()


def pay_or_refused(engine: PaymentEngine, token: CancelToken | None = None) -> str:
    """Pay HKD 5.00 with a paying code; its order number whether the till sent it or refused
    to (a request held up on the till past its journaled bound is never sent)."""
    try:
        return engine.pay_cpm(
            txamt=500, currency="HKD", pay_type=WECHAT_CPM, auth_code=PAID_CODE, cancel=token
        ).out_trade_no
    except NotSentError as exc:
        assert exc.out_trade_no is not None
        return exc.out_trade_no


def assert_never_arrived_only_if_so(gw: TrainingGateway, journal: Journal, number: str) -> None:
    """The journal agrees with the gateway: a payment the gateway booked is PAID, never
    REVERSED "never arrived" (what a request still in flight once was called)."""
    rec = journal.get(number)
    assert rec is not None
    assert_all_agree(gw, journal)
    booked = gw.store.by_out_trade_no(number)
    if booked is not None:
        assert rec.state is TxState.PAID, (rec, booked)


def fill_journal(journal: Journal, count: int, prefix: str = "T1N") -> None:
    """``count`` plain CPM intents, enough pages for damage tests to hit a row page."""
    for n in range(count):
        journal.create(
            out_trade_no=f"{prefix}{n:05d}",
            sale_id=f"S{prefix}{n}",
            mode=TxMode.CPM,
            till_id="T1",
            cashier="amy " * 8,
            txamt=100 + n,
            currency="HKD",
            pay_type="800208",
        )
