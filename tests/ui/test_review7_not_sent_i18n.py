"""Review7 (fixed): the new "its time ran out before it left" refusal reached a Chinese window
in English.  Now the engine words it itself (``evidence.R_HELD_UP``, translated).

Review6's fix makes ``QFPayClient._send`` refuse a payment or refund whose journaled window
is already over (``within <= 0``): the engine ends the row DECLINED "nothing sent" and
raises ``NotSentError`` whose message is the client's "no answer from the gateway (its time
ran out before it left; the request was not sent)".  The window's ``_failed`` shows that
message under the translated "NOT SENT" title through ``user_message`` ->
``tr_message``, but no catalogue has it (it is not marked for translation, and "no answer
from the gateway" even says the opposite of what happened: nothing was sent, so no answer was
expected).  HELPERS.md: every user-visible string goes through Qt's translation; the brief
for this review asks for the Chinese text of any new user-visible message.

Scenario (real engine, real journal, training gateway over HTTP): the engine's listener is
held 2 s right after the intent's commit (a blocked stdout, a busy disk), longer than the
client's 1.5 s whole-call deadline, so the request is refused before it leaves.  The
refusal, shown as the window shows it with the zh_CN / zh_HK catalogue loaded, must not be
English.
"""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest
from PySide6.QtCore import QCoreApplication

from pos_app.engine import EngineEvent, Journal, PaymentEngine, TxState
from pos_app.engine.errors import NotSentError
from pos_app.engine.evidence import R_HELD_UP
from pos_app.training.server import TrainingGateway
from pos_app.ui.i18n import install_translator
from pos_app.ui.worker import user_message
from tests.engine.conftest import PAID_CODE, WECHAT_CPM, fast_config, make_client


def _time_ran_out(tmp_path: Path) -> NotSentError:
    held: list[bool] = []

    def listener(event: EngineEvent) -> None:
        if event.kind == "state" and event.state is TxState.SENT and not held:
            held.append(True)
            time.sleep(2.0)  # longer than the request's whole window

    with (
        TrainingGateway() as gateway,
        Journal(tmp_path / "journal.sqlite3") as journal,
        make_client(gateway, timeout=httpx.Timeout(1.0, connect=0.5)) as client,
    ):
        engine = PaymentEngine(
            client, journal, till_id="till-7", cashier="amy", config=fast_config(),
            on_event=listener,
        )  # fmt: skip
        with pytest.raises(NotSentError) as caught:
            engine.pay_cpm(txamt=500, currency="HKD", pay_type=WECHAT_CPM, auth_code=PAID_CODE)
        assert gateway.store.all() == []  # nothing left the till: the refusal is right
    assert caught.value.message == R_HELD_UP and caught.value.cause == "held"
    return caught.value


@pytest.mark.parametrize("locale", ["zh_CN", "zh_HK"])
def test_the_time_ran_out_refusal_is_translated(qapp, tmp_path: Path, locale: str) -> None:
    exc = _time_ran_out(tmp_path)
    translator = install_translator(qapp, locale)
    assert translator is not None
    try:
        shown = user_message(exc)
    finally:
        QCoreApplication.removeTranslator(translator)
    # Was: "no answer from the gateway (its time ran out before it left; the request was not
    # sent)", in English, in the Chinese window.
    assert (
        shown != R_HELD_UP
        and "held up" not in shown
        and "沒有扣款" in shown.replace("没有扣款", "沒有扣款")
    ), shown
