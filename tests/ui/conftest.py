"""Shared fixtures for the till UI tests: a real training gateway over HTTP on 127.0.0.1,
a real SQLite journal in ``tmp_path``, the real engine, and the real main window (offscreen).
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from pos_app.credentials import training_credentials
from pos_app.engine.engine import PaymentEngine
from pos_app.engine.events import EngineConfig, WalletTiming
from pos_app.engine.journal import Journal
from pos_app.qfpay.client import QFPayClient
from pos_app.qfpay.environments import resolve_environment
from pos_app.training import TrainingGateway
from pos_app.ui.services import TillServices

TRAINING_CREDENTIALS = training_credentials()  # the client's view of the training account

MANAGER, PIN = "Mia", "246810"
PAID_CODE = "134567890123450000"
PASSWORD_CODE = "134567890123451143"
DECLINED_CODE = "134567890123451201"
NEVER_CODE = "134567890123459999"


def fast_config() -> EngineConfig:
    """Millisecond polling so every flow finishes quickly but still really polls."""
    timing = WalletTiming(deadline=3.0, intervals=(0.02,))
    return EngineConfig(
        wallet_timings={},
        default_timing=timing,
        mpm_timeout=3.0,
        mpm_intervals=(0.02,),
        cancel_intervals=(0.02,),
        cancel_give_up=2.0,
        refund_timeout=2.0,
        refund_intervals=(0.02,),
        poll_per_minute=100_000,
        poll_per_second=1000,
        backoff_429=0.05,
        backoff_429_max=0.1,
        index_lag=0.2,
    )


@pytest.fixture
def codes():
    """Training payment codes (the last four digits choose the simulated wallet's answer)."""
    from types import SimpleNamespace

    return SimpleNamespace(
        paid=PAID_CODE,
        password=PASSWORD_CODE,
        declined=DECLINED_CODE,
        never=NEVER_CODE,
        manager=MANAGER,
        pin=PIN,
    )


@pytest.fixture
def gateway(tmp_path):
    gw = TrainingGateway(store_path=tmp_path / "gateway.sqlite3", pending_queries=2)
    gw.start()
    yield gw
    gw.stop()


def build_services(tmp_path, gateway, *, config: EngineConfig | None = None) -> TillServices:
    env = resolve_environment("training", "hk", gateway.base_url)
    client = QFPayClient(
        TRAINING_CREDENTIALS, env, timeout=2.0, max_retries=1, backoff_base=0.01, backoff_cap=0.02
    )
    journal = Journal(tmp_path / "journal.sqlite3")
    engine = PaymentEngine(
        client, journal, till_id="T1", cashier="Ann", config=config or fast_config()
    )
    if not engine.managers.count():  # the first manager needs no approval; others do
        engine.managers.add(MANAGER, PIN)
    services = TillServices(
        engine=engine,
        journal=journal,
        managers=engine.managers,
        environment="training",
        base_url=gateway.base_url,
        till_id="T1",
        cashier="Ann",
        currency="HKD",
        training_gateway=gateway,
    )
    services.closers += [journal.close, client.close_client]
    return services


@pytest.fixture
def services(tmp_path, gateway):
    svc = build_services(tmp_path, gateway)
    yield svc
    svc.close()


@pytest.fixture
def make_services(tmp_path, gateway):
    """Services with a custom engine config (same journal file as ``services``)."""
    made = []

    def make(**config_changes):
        import dataclasses

        config = dataclasses.replace(fast_config(), **config_changes)
        svc = build_services(tmp_path, gateway, config=config)
        made.append(svc)
        return svc

    yield make
    for svc in made:
        svc.close()


@pytest.fixture
def make_window(qtbot, services, make_services):
    from pos_app.ui.main_window import CLOSE_NOW, MainWindow

    windows = []

    def make(**kwargs):
        kwargs.setdefault("sounds", False)
        kwargs.setdefault("ping_interval_ms", 60_000)
        kwargs.setdefault("result_hold_ms", 50)
        svc = kwargs.pop("services", services)
        window = MainWindow(svc, **kwargs)
        window.ask_close_while_busy = lambda: CLOSE_NOW
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        for op in window.worker.in_flight():
            if window.controller.running is not None:
                window.controller.running.token.cancel()
            del op
        window.close()
        window.worker.wait_for_done(10_000)
        if window.receipts is not None:
            # A receipt still printing would outlive the window qtbot deletes next.
            window.receipts.wait(10_000)
        window.scan_filter.uninstall()
        window.customer_display.close()


@pytest.fixture
def window(make_window):
    return make_window()
