"""The client against the training gateway over real HTTP on 127.0.0.1: every endpoint and
every fault knob, checking both the client's result and the gateway's own order book."""

from __future__ import annotations

import io
import itertools
import logging
import threading
import time
import zipfile
from collections.abc import Iterator
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pos_app.credentials import training_credentials
from pos_app.engine.gateway import GatewayClient
from pos_app.qfpay.client import QFPayClient
from pos_app.qfpay.environments import resolve_environment
from pos_app.qfpay.errors import (
    ConfigurationError,
    DeclinedError,
    MerchantError,
    OutcomeUnknownError,
    RequestValidationError,
    ResponseError,
    SignatureError,
    TooLateError,
    TransportError,
)
from pos_app.qfpay.models import Credentials, PaymentResult
from pos_app.qfpay.ratelimit import RateLimiter
from pos_app.qfpay.status import StatusClass
from pos_app.training import TrainingGateway
from pos_app.training.store import Order

TRAINING_CREDENTIALS = training_credentials()  # the client's view of the training account

PAID_CODE = "134567890123450007"
PAYMENT = "/trade/v1/payment"
QUERY = "/trade/v1/query"


class Sleeps(list[float]):
    """The client's backoff sleeps, recorded instead of slept so tests stay instant."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def gateway() -> Iterator[TrainingGateway]:
    with TrainingGateway(port=0, pending_queries=2) as gw:
        yield gw


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


def make_client(gw: TrainingGateway, sleeps: Sleeps, **kwargs: object) -> QFPayClient:
    options: dict[str, object] = {
        "rate_limiter": RateLimiter(1000, 1000),
        "timeout": 2.0,
        "sleep": sleeps,
        "backoff_base": 0.01,
        "backoff_cap": 0.04,
        "udid": "till-01",
    }
    options.update(kwargs)
    return QFPayClient(
        TRAINING_CREDENTIALS,
        resolve_environment("training", "hk", gw.base_url),
        **options,  # type: ignore[arg-type]
    )


@pytest.fixture
def client(gateway: TrainingGateway, sleeps: Sleeps) -> Iterator[QFPayClient]:
    with make_client(gateway, sleeps) as c:
        yield c


def stored(gw: TrainingGateway, out_trade_no: str) -> Order:
    """The gateway's own record of an order (it must exist)."""
    order = gw.store.by_out_trade_no(out_trade_no)
    assert order is not None, out_trade_no
    return order


def sid(result: PaymentResult) -> str:
    """The gateway's serial number of a payment (it must have one)."""
    assert result.syssn
    return result.syssn


def cpm(
    client: QFPayClient, out_trade_no: str, code: str = PAID_CODE, txamt: int = 1000
) -> PaymentResult:
    return client.pay(
        out_trade_no=out_trade_no,
        txamt=txamt,
        txcurrcd="HKD",
        pay_type="800208",
        auth_code=code,
        goods_name="Milk tea 奶茶",
    )


# -- endpoints -----------------------------------------------------------------------------


def test_cpm_paid_at_once(client: QFPayClient, gateway: TrainingGateway) -> None:
    result = cpm(client, "T-PAID")
    assert result.status.status_class is StatusClass.SUCCESS
    assert result.txamt == 1000 and result.txcurrcd == "HKD" and result.syssn
    order = gateway.store.by_out_trade_no("T-PAID")
    assert order is not None and order.respcd == "0000" and order.syssn == result.syssn
    assert order.udid == "till-01" and order.goods_name == "Milk tea 奶茶"
    assert order.auth_code_masked.endswith("0007") and PAID_CODE not in order.auth_code_masked


def test_cpm_in_progress_then_paid_by_query(client: QFPayClient, gateway: TrainingGateway) -> None:
    result = cpm(client, "T-PW", "134567890123451143")
    assert result.respcd == "1143" and result.status.status_class is StatusClass.IN_PROGRESS
    seen = [client.query(out_trade_no="T-PW")[0].respcd for _ in range(3)]
    assert seen == ["1143", "1143", "0000"]
    assert stored(gateway, "T-PW").respcd == "0000"


@pytest.mark.parametrize("suffix", ["1201", "1202", "2005"])
def test_declines_raise(client: QFPayClient, gateway: TrainingGateway, suffix: str) -> None:
    with pytest.raises(DeclinedError) as info:
        cpm(client, f"T-D{suffix}", "13456789012345" + suffix)
    assert info.value.respcd == suffix and info.value.request_id
    assert stored(gateway, f"T-D{suffix}").respcd == suffix


def test_mpm_scan_and_expiry(client: QFPayClient, gateway: TrainingGateway) -> None:
    result = client.pay(
        out_trade_no="M-1", txamt=500, txcurrcd="HKD", pay_type="800201", expired_time=10
    )
    assert result.qrcode and result.respcd == "1143"
    assert client.query(syssn=result.syssn)[0].respcd == "1143"
    gateway.simulate_scan("M-1")
    record = client.query(syssn=result.syssn)[0]
    assert record.status.status_class is StatusClass.SUCCESS and record.txamt == 500
    client.pay(out_trade_no="M-2", txamt=500, txcurrcd="HKD", pay_type="802001")
    gateway.expire("M-2")
    expired = client.query(out_trade_no="M-2")[0]
    assert expired.respcd == "1181" and expired.status.status_class is StatusClass.DECLINED


def test_query_several_at_once(client: QFPayClient) -> None:
    a, b = cpm(client, "Q-1"), cpm(client, "Q-2")
    records = client.query(out_trade_no=["Q-1", "Q-2"])
    assert {r.syssn for r in records} == {a.syssn, b.syssn}
    assert {r.syssn for r in client.query(syssn=[sid(a), sid(b)])} == {a.syssn, b.syssn}
    assert client.query(out_trade_no="NOPE") == []
    assert len(client.query(page=1, page_size=1)) == 1


def test_cancel_uses_the_table(client: QFPayClient, gateway: TrainingGateway) -> None:
    busy = cpm(client, "C-1", "134567890123459999")
    assert busy.respcd == "1145"
    reversal = client.cancel("800208", txamt=1000, out_trade_no="C-1")
    assert reversal.endpoint == "reversal" and reversal.orig_syssn == busy.syssn
    assert stored(gateway, "C-1").cancel == 1
    assert client.query(out_trade_no="C-1")[0].respcd == "1263"

    client.pay(out_trade_no="C-2", txamt=300, txcurrcd="HKD", pay_type="800201")
    closed = client.cancel("800201", txamt=300, out_trade_no="C-2")
    assert closed.endpoint == "close" and closed.status.code == "0000"
    assert stored(gateway, "C-2").cancel == 2
    # explicit endpoints too
    client.pay(out_trade_no="C-3", txamt=300, txcurrcd="HKD", pay_type="800101")
    assert client.reverse(txamt=300, out_trade_no="C-3").endpoint == "reversal"
    client.pay(out_trade_no="C-4", txamt=300, txcurrcd="HKD", pay_type="800101")
    assert client.close(txamt=300, out_trade_no="C-4").endpoint == "close"


def test_cancel_of_paid_mpm_says_paid(client: QFPayClient, gateway: TrainingGateway) -> None:
    client.pay(out_trade_no="C-P", txamt=300, txcurrcd="HKD", pay_type="800201")
    gateway.simulate_scan("C-P")
    with pytest.raises(MerchantError) as info:
        client.cancel("800201", txamt=300, out_trade_no="C-P")
    assert info.value.respcd == "1260"
    assert stored(gateway, "C-P").respcd == "0000"


def test_refunds(client: QFPayClient, gateway: TrainingGateway) -> None:
    paid = cpm(client, "R-1", txamt=1000)
    part = client.refund(syssn=sid(paid), out_trade_no="R-1-r1", txamt=400, pay_type="800208")
    assert part.orig_syssn == paid.syssn and part.txamt == 400
    with pytest.raises(DeclinedError) as info:  # a documented refusal of the refund
        client.refund(syssn=sid(paid), out_trade_no="R-1-r2", txamt=700)
    assert info.value.respcd == "1272"
    client.refund(syssn=sid(paid), out_trade_no="R-1-r3", txamt=600)
    assert stored(gateway, "R-1").refunded == 1000
    refund_record = client.query(syssn=part.syssn)[0]
    assert refund_record.order_type == "refund" and refund_record.origssn == paid.syssn
    with pytest.raises(RequestValidationError, match="cannot be refunded"):
        client.refund(syssn=sid(paid), out_trade_no="R-1-r4", txamt=1, pay_type="802001")
    assert not gateway.store.exists("R-1-r4")


def test_add_note_and_statement(client: QFPayClient, gateway: TrainingGateway) -> None:
    paid = cpm(client, "N-1")
    note = client.add_note(syssn=sid(paid), note="table 12 & bar=ok")
    assert note.syssn == paid.syssn and note.status.code == "0000"
    assert stored(gateway, "N-1").note == "table 12 & bar=ok"
    data = client.download_statement(date.today())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        content = b"".join(archive.read(name) for name in archive.namelist())
    assert b"N-1" in content


def test_client_satisfies_the_engine_protocol(client: QFPayClient) -> None:
    # Checked by mypy as much as at run time: the engine's view of the client must fit.
    engine_view: GatewayClient = client
    assert engine_view.query(out_trade_no="none-such") == []


def test_sha256_and_wrong_key(gateway: TrainingGateway, sleeps: Sleeps) -> None:
    with make_client(gateway, sleeps, sign_type="SHA256") as client:
        assert cpm(client, "S-1").respcd == "0000"
    wrong = Credentials(TRAINING_CREDENTIALS.app_code, "WRONGKEY", environment="training")
    # The gateway signs its refusal with the real key, so the wrong key cannot verify it; the
    # refusal is still the 1108 it says (issue 7 #8: a configuration error, nothing processed).
    with (
        QFPayClient(wrong, gateway.base_url, rate_limiter=RateLimiter(1000, 1000)) as bad,
        pytest.raises(MerchantError) as info,
    ):
        cpm(bad, "S-2")
    assert info.value.respcd == "1108"
    assert not gateway.store.exists("S-2")


# -- fault knobs ---------------------------------------------------------------------------


def test_rate_limit_on_query_honours_retry_after(
    client: QFPayClient, gateway: TrainingGateway, sleeps: Sleeps
) -> None:
    cpm(client, "F-1")
    gateway.faults.add("rate_limit", endpoint=QUERY, times=2, retry_after=2)
    assert client.query(out_trade_no="F-1")[0].respcd == "0000"
    assert sleeps == [2.0, 2.0]


def test_rate_limit_on_payment_is_not_resent(
    client: QFPayClient, gateway: TrainingGateway, sleeps: Sleeps
) -> None:
    fault = gateway.faults.add("rate_limit", endpoint=PAYMENT, times=2)
    with pytest.raises(TransportError) as info:
        cpm(client, "F-2")
    assert info.value.http_status == 429 and info.value.retry_after == 1.0
    assert isinstance(info.value, OutcomeUnknownError)
    assert fault.remaining == 1 and sleeps == []  # sent exactly once
    assert not gateway.store.exists("F-2")


def test_5xx_retried_with_capped_jittered_backoff(
    client: QFPayClient, gateway: TrainingGateway, sleeps: Sleeps
) -> None:
    gateway.faults.add("http_error", endpoint=QUERY, times=None, status=502)
    with pytest.raises(TransportError) as info:
        client.query(out_trade_no="X")
    assert info.value.http_status == 502 and info.value.endpoint == QUERY
    assert len(sleeps) == client.max_retries
    assert all(0 < s <= 0.04 for s in sleeps)
    gateway.faults.clear()
    gateway.faults.add("http_error", endpoint=QUERY, times=1)
    assert client.query(out_trade_no="X") == []


def test_payment_5xx_not_resent(client: QFPayClient, gateway: TrainingGateway) -> None:
    fault = gateway.faults.add("http_error", endpoint=PAYMENT, times=2, status=500)
    with pytest.raises(TransportError):
        cpm(client, "F-3")
    assert fault.remaining == 1 and not gateway.store.exists("F-3")


def test_timeout_and_drop(gateway: TrainingGateway, sleeps: Sleeps) -> None:
    with make_client(gateway, sleeps, timeout=0.2) as client:
        gateway.faults.add("timeout", endpoint=PAYMENT, delay=1.0)
        with pytest.raises(TransportError, match="no answer"):
            cpm(client, "F-4")
        gateway.faults.add("drop", endpoint=PAYMENT)
        with pytest.raises(TransportError):
            cpm(client, "F-5")
        assert client.query(out_trade_no=["F-4", "F-5"]) == []
        # a dropped query is simply asked again
        gateway.faults.add("drop", endpoint=QUERY)
        assert client.query(out_trade_no="F-5") == []
        assert len(sleeps) == 1


def test_lost_reply_payment_went_through(client: QFPayClient, gateway: TrainingGateway) -> None:
    gateway.faults.add("lost_reply", endpoint=PAYMENT)
    with pytest.raises(OutcomeUnknownError):
        cpm(client, "F-6")
    # The outcome was unknown to the till, but the money moved: the query finds it.
    assert stored(gateway, "F-6").respcd == "0000"
    assert client.query(out_trade_no="F-6")[0].status.status_class is StatusClass.SUCCESS


def test_non_json_and_bad_signature(client: QFPayClient, gateway: TrainingGateway) -> None:
    gateway.faults.add("non_json", endpoint=PAYMENT)
    with pytest.raises(ResponseError, match="not JSON"):
        cpm(client, "F-7")
    assert not gateway.store.exists("F-7")
    gateway.faults.add("bad_signature", endpoint=PAYMENT)
    with pytest.raises(SignatureError):
        cpm(client, "F-8")
    assert stored(gateway, "F-8").respcd == "0000"


def test_latency_still_answers(client: QFPayClient, gateway: TrainingGateway) -> None:
    gateway.faults.add("latency", endpoint=PAYMENT, delay=0.05)
    assert cpm(client, "F-9").respcd == "0000"


def test_a_request_whose_window_is_over_never_leaves(
    client: QFPayClient, gateway: TrainingGateway
) -> None:
    """``not_after`` (the instant the engine journaled as this request's last): a request
    held up past it is not sent at all, and says so (certain nothing happened)."""
    with pytest.raises(TransportError) as caught:
        client.pay(
            out_trade_no="W-1", txamt=100, txcurrcd="HKD", pay_type="800208",
            auth_code=PAID_CODE, not_after=time.monotonic() - 0.1,
        )  # fmt: skip
    assert isinstance(caught.value, TooLateError) and caught.value.request_sent is False
    assert gateway.store.by_out_trade_no("W-1") is None


def test_not_after_shortens_the_calls_deadline(
    client: QFPayClient, gateway: TrainingGateway
) -> None:
    """The client's own deadline is 4 s; a window with 0.3 s left ends the wait then (sent:
    the outcome is unknown), long before the gateway's 1.5 s booking answers."""
    gateway.faults.add("latency", endpoint=PAYMENT, delay=1.5)
    with pytest.raises(TransportError) as caught:
        client.pay(
            out_trade_no="W-2", txamt=100, txcurrcd="HKD", pay_type="800208",
            auth_code=PAID_CODE, not_after=time.monotonic() + 0.3,
        )  # fmt: skip
    assert caught.value.request_sent is True and "0.3s" in str(caught.value)


@pytest.mark.parametrize("failed_first", [False, True], ids=["only-the-cancel", "after-a-5xx"])
def test_a_cancelled_wait_is_not_a_network_fault_unless_one_was_seen(
    client: QFPayClient, gateway: TrainingGateway, failed_first: bool
) -> None:
    """The cashier's cancel ending the wait says nothing about the network (``cancelled``:
    the screen does not say "cannot reach QFPay"); after an attempt of the same call failed,
    a real fault was seen and it still does."""
    if failed_first:
        gateway.faults.add("http_error", endpoint=QUERY, times=1)
    gateway.faults.add("timeout", endpoint=QUERY, delay=2.0)  # the (next) attempt hangs
    stop = threading.Event()
    threading.Timer(0.3, stop.set).start()
    with pytest.raises(TransportError) as caught:
        client.query(out_trade_no="C-1", cancel=stop)
    assert caught.value.cancelled is not failed_first


def test_statement_retried_after_5xx(
    client: QFPayClient, gateway: TrainingGateway, sleeps: Sleeps
) -> None:
    gateway.faults.add("http_error", endpoint="/download/v1/trade_bill", times=1)
    assert zipfile.is_zipfile(io.BytesIO(client.download_statement("2026-11-21")))
    assert len(sleeps) == 1


# -- secrets -------------------------------------------------------------------------------


def test_key_and_auth_code_never_logged(
    gateway: TrainingGateway, sleeps: Sleeps, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    key = TRAINING_CREDENTIALS.client_key
    code = "134567890123451143"
    with make_client(gateway, sleeps) as client:
        result = cpm(client, "L-1", code)
        client.query(out_trade_no="L-1")
        gateway.faults.add("http_error", endpoint=QUERY, times=1)
        client.query(out_trade_no="L-1")
        client.cancel("800208", txamt=1000, syssn=result.syssn)
        paid = cpm(client, "L-3", code[:-4] + "0042")
        client.refund(syssn=sid(paid), out_trade_no="L-3-r", txamt=10)
        client.add_note(syssn=sid(paid), note="logged")
        client.download_statement(date.today())
        gateway.faults.add("drop", endpoint=PAYMENT)
        with pytest.raises(TransportError) as info:
            cpm(client, "L-2", code)
        texts = [
            caplog.text,
            repr(client),
            repr(TRAINING_CREDENTIALS),
            str(info.value),
            repr(info.value),
        ]
    assert "*1143" in caplog.text and "L-1" in caplog.text  # the log is not empty
    for text in texts:
        assert key not in text
        assert code not in text


def test_connection_refused_is_marked_not_sent(sleeps: Sleeps) -> None:
    gw = TrainingGateway(port=0).start()
    base_url = gw.base_url
    gw.stop()
    with QFPayClient(
        TRAINING_CREDENTIALS, base_url, rate_limiter=RateLimiter(1000, 1000), sleep=sleeps
    ) as client:
        with pytest.raises(TransportError) as info:
            cpm(client, "X-1")
        assert info.value.request_sent is False and sleeps == []
        with pytest.raises(TransportError):
            client.query(out_trade_no="X-1")
        assert len(sleeps) == client.max_retries


def test_training_credentials_never_reach_a_real_host() -> None:
    with pytest.raises(ConfigurationError, match="training"):
        QFPayClient(TRAINING_CREDENTIALS, resolve_environment("prod", "hk"))
    with pytest.raises(ConfigurationError, match="training"):
        QFPayClient(TRAINING_CREDENTIALS, "https://openapi-hk.qfapi.com")


_COUNTER = itertools.count()


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    goods=st.text(alphabet="ab Z9奶茶é", min_size=1, max_size=20).filter(str.strip),
    note=st.text(alphabet="xy &=%+中", min_size=1, max_size=200).filter(str.strip),
)
def test_any_goods_name_and_note_sign_the_same_on_both_sides(
    client: QFPayClient, gateway: TrainingGateway, goods: str, note: str
) -> None:
    out_trade_no = f"H-{next(_COUNTER)}"
    result = client.pay(
        out_trade_no=out_trade_no,
        txamt=100,
        txcurrcd="HKD",
        pay_type="800208",
        auth_code=PAID_CODE,
        goods_name=goods,
    )
    assert result.respcd == "0000"  # the gateway verified our signature
    assert stored(gateway, out_trade_no).goods_name == " ".join(goods.split())
    client.add_note(syssn=sid(result), note=note)
    assert stored(gateway, out_trade_no).note == note.strip()
