"""Review5 tests (passing): every lie the hostile proxy tells, on the payment, the enquiry
and the reversal, for a code that pays, one that is declined and one that never answers.

Whatever the proxy does, the journal and the gateway must tell the same story in the end
(after one recovery pass with the proxy disarmed), and no answer that is not evidence for
this order may have made the sale final PAID or DECLINED on its own.
"""

from __future__ import annotations

import pytest

from pos_app.engine import Journal, PaymentEngine, TxState
from pos_app.qfpay.client import QFPayClient
from pos_app.training.hostile import HostileProxy
from pos_app.training.server import TrainingGateway

from .conftest import BAD_CODE, NEVER_CODE, PAID_CODE, WECHAT_CPM, EngineFactory, assert_all_agree

MUTATIONS = (
    "foreign_record",
    "other_order",
    "amount",
    "currency",
    "unsigned",
    "bad_signature",
    "html",
    "no_out_trade_no",
)
ENDPOINTS = ("/trade/v1/payment", "/trade/v1/query", "/trade/v1/reversal")


@pytest.fixture
def proxied(proxied_client: QFPayClient, make_engine: EngineFactory) -> PaymentEngine:
    return make_engine(proxied_client)


@pytest.mark.parametrize("code", [PAID_CODE, BAD_CODE, NEVER_CODE])
@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("mutation", MUTATIONS)
def test_a_lie_never_ends_a_sale_against_the_gateway(
    proxied: PaymentEngine,
    proxy: HostileProxy,
    journal: Journal,
    gateway: TrainingGateway,
    mutation: str,
    endpoint: str,
    code: str,
) -> None:
    proxy.arm(mutation, endpoint=endpoint, times=None)
    outcome = proxied.pay_cpm(txamt=1000, currency="HKD", pay_type=WECHAT_CPM, auth_code=code)
    rec = journal.get(outcome.out_trade_no)
    assert rec is not None
    if rec.state.is_final and rec.state is not TxState.NEEDS_ATTENTION:
        order = gateway.store.by_out_trade_no(rec.out_trade_no)
        paid = order is not None and order.respcd == "0000" and order.cancel == 0
        assert (rec.state is TxState.PAID) == paid, (rec.state, rec.reason, order)
    proxy.clear()
    if rec.state is TxState.NEEDS_ATTENTION:
        return  # a manager decides; nothing final was claimed
    proxied.recover()
    assert_all_agree(gateway, journal)
