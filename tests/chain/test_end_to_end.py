"""The whole path with the training gateway's own notifier (001's body, signature, retries):
wallet pays -> gateway notifies the back office -> stored, published -> the till settles."""

from __future__ import annotations

import pytest

from pos_app.chain.database import connect
from pos_app.chain.evidence import EvidenceBoard
from pos_app.chain.listener import NotificationListener
from pos_app.engine import TxState

from .notify_kit import RunningBackOffice
from .tcpcut import CuttableRelay
from .test_listener import SLOW, mpm_in_background, trail
from .tillkit import Till


@pytest.fixture
def chain(gateway, tmp_path, headoffice):
    relay = CuttableRelay(headoffice.cluster.port)
    relay.plug()
    with RunningBackOffice(relay.dsn_for(headoffice.dsn)) as bo:
        gateway.notifications.configure(url=bo.url, time_scale=0.001)
        till = Till(gateway, tmp_path, config=SLOW)
        board = EvidenceBoard()
        till.engine.evidence = board
        listener = NotificationListener(headoffice.dsn, till.journal, board).start()
        assert listener.wait_live()
        yield till, relay
        listener.stop()
        till.close()
    relay.close()


def test_the_gateways_notification_settles_the_till(chain, gateway, headoffice):
    till, _ = chain
    result, thread = mpm_in_background(till, 1800)
    order = gateway.simulate_scan(result["otn"])
    thread.join(10)
    assert result["outcome"].state is TxState.PAID
    assert result["outcome"].syssn == order.syssn
    assert any("notification: success" in s for s in trail(till, result["otn"]))
    (delivery,) = gateway.notifications.deliveries()
    assert delivery.state == "delivered"


def test_qfpays_retry_is_what_lands_when_head_office_was_down(chain, gateway, headoffice):
    till, relay = chain
    relay.cut()  # the back office runs, its database does not answer
    result, thread = mpm_in_background(till, 2200)
    gateway.simulate_scan(result["otn"])
    assert gateway.notifications.wait_until(lambda ds: ds and len(ds[0].attempts) >= 1, timeout=10)
    assert gateway.notifications.deliveries()[0].attempts[0].status == 503
    relay.plug()
    assert gateway.notifications.wait_until(lambda ds: ds[0].state == "delivered", timeout=30)
    thread.join(10)
    assert result["outcome"].state is TxState.PAID
    with connect(headoffice.dsn) as conn:
        rows = conn.execute("SELECT out_trade_no, deliveries FROM notifications").fetchall()
    assert rows == [(result["otn"], 1)]  # stored once: the refused tries left nothing
