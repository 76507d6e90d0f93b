"""Review6 (fixed, low severity): a row from before schema step 8 (``in_flight_until`` NULL)
is given the *recovering* client's deadline, which reopened review5's hole for it.

A till on the previous release (journal schema 7) is killed while its payment request is with
a slow gateway; its own request deadline was the settings' (``http_timeout_s`` 15 s: 30 s in
all).  The till is upgraded and the first run after it is ``recover --http-timeout 0.5`` (or
the window with a shorter timeout): ``_absence_proves_after`` falls back to
``created_at + this client's deadline + index_lag``, i.e. the shorter deadline, exactly the
assumption review5 showed to be wrong ("whatever the recovering process's own deadline").
The reversal is refused 1136, the enquiry shows nothing, and the row is journaled REVERSED
"never reached the gateway; nothing was charged" while the old till's request is still being
booked.  The gateway then books it: the customer is charged, the journal says not.

Scaled: the old till's request waits up to 30 s (here its client has 15 s + 15 s), the
gateway books it after 2.5 s; the recovering client's deadline is 1 s, ``index_lag`` 0.3 s.
A row whose sender's deadline is unknown needs a conservative bound (e.g. the longest
deadline the settings allow, or at least the default), not the recovering process's own.
"""

from __future__ import annotations

import contextlib
import threading
import time

import httpx

from pos_app.engine import Journal, TxState
from pos_app.qfpay.errors import QFPayError
from pos_app.training.server import TrainingGateway

from .conftest import PAID_CODE, EngineFactory, assert_all_agree, make_client
from .test_recovery import row, send


def test_an_old_rows_slow_payment_is_not_never_arrived_for_a_shorter_deadline(
    gateway: TrainingGateway, journal: Journal, make_engine: EngineFactory
) -> None:
    number = row(journal, state=TxState.SENT, in_flight=None)  # a schema-7 till's row
    assert journal.get(number).in_flight_until is None  # type: ignore[union-attr]
    gateway.faults.add("latency", endpoint="/trade/v1/payment", delay=2.5)

    def old_till_request() -> None:  # the killed till's request, still with the gateway
        with (
            make_client(gateway, timeout=httpx.Timeout(15.0, connect=15.0)) as old,
            contextlib.suppress(QFPayError),
        ):
            send(old, number, PAID_CODE)

    sender = threading.Thread(target=old_till_request, daemon=True)
    sender.start()
    time.sleep(0.3)  # the request is with the gateway; the old till is gone

    with make_client(gateway) as client:  # the upgraded till: a 1 s deadline
        assert client.deadline == 1.0
        engine = make_engine(client, index_lag=0.3, cancel_give_up=2.0)
        engine.recover()
        sender.join(timeout=10)  # the gateway has booked it by now
        booked = gateway.store.by_out_trade_no(number)
        assert booked is not None and booked.respcd == "0000", booked  # the customer paid
        engine.recover()  # whatever was left open is settled now
    rec = journal.get(number)
    assert rec is not None
    assert_all_agree(gateway, journal)  # was: REVERSED "never arrived", paid at the gateway
    assert rec.state is TxState.PAID, rec
