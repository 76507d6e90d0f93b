"""Transaction enquiry (filters, windows, pages) and the statement download."""

from __future__ import annotations

import csv
import io
import time
import zipfile
from datetime import datetime

import pytest

from pos_app.qfpay.signing import HEADER_SIGN, verify_body
from pos_app.training import TrainingGateway

from .conftest import KEY, Wire


def _at(gateway: TrainingGateway, moment: datetime) -> None:
    gateway.desk.clock = lambda: moment.timestamp()


def test_query_several_by_comma_separated_numbers(wire: Wire) -> None:
    a, b, c = wire.pay(), wire.pay(), wire.pay()
    found = wire.query(out_trade_no=f"{a['out_trade_no']},{c['out_trade_no']}")["data"]
    assert {r["syssn"] for r in found} == {a["syssn"], c["syssn"]}
    found = wire.query(syssn=f"{b['syssn']},{c['syssn']}")["data"]
    assert {r["out_trade_no"] for r in found} == {b["out_trade_no"], c["out_trade_no"]}
    both = wire.query(syssn=a["syssn"], out_trade_no=a["out_trade_no"])["data"]
    assert [r["syssn"] for r in both] == [a["syssn"]]
    assert wire.query(syssn=a["syssn"], out_trade_no=b["out_trade_no"])["data"] == []


def test_query_record_has_documented_fields(wire: Wire) -> None:
    paid = wire.pay(goods_name="coffee", udid="till-01")
    answer = wire.query(syssn=paid["syssn"])
    assert answer["respcd"] == "0000"
    assert answer["page"] == "1" and answer["page_size"] == "10"
    record = answer["data"][0]
    for name in (
        "syssn",
        "out_trade_no",
        "pay_type",
        "order_type",
        "txdtm",
        "txamt",
        "txcurrcd",
        "sysdtm",
        "paydtm",
        "cancel",
        "respcd",
        "errmsg",
        "goods_name",
        "udid",
    ):
        assert name in record, name
    assert record["order_type"] == "payment"
    assert record["goods_name"] == "coffee" and record["udid"] == "till-01"


def test_unknown_numbers_give_an_empty_list(wire: Wire) -> None:
    answer = wire.query(out_trade_no="never-used")
    assert answer["respcd"] == "0000"
    assert answer["data"] == []


def test_filters_by_pay_type_and_respcd(wire: Wire) -> None:
    wire.pay(pay_type="800008", auth_code="994567890123450000")  # answered as 800008
    wechat = wire.pay(pay_type="800208")
    declined = wire.pay(auth_code="994567890123451201")
    assert [r["syssn"] for r in wire.query(pay_type="800208")["data"]] == [wechat["syssn"]]
    assert len(wire.query(pay_type="800208,800008")["data"]) == 3
    assert [r["syssn"] for r in wire.query(respcd="1201")["data"]] == [declined["syssn"]]


def test_paging(wire: Wire) -> None:
    for _ in range(5):
        wire.pay()
    page1 = wire.query(page_size=2)["data"]
    page3 = wire.query(page_size=2, page=3)["data"]
    assert len(page1) == 2 and len(page3) == 1
    assert wire.query(page_size=100)["respcd"] == "0000"
    assert wire.query(page_size=101)["respcd"] == "1104"
    assert wire.query(page="x")["respcd"] == "1103"


def test_time_window(wire: Wire, gateway: TrainingGateway) -> None:
    _at(gateway, datetime(2026, 3, 10, 12, 0, 0))
    march = wire.pay()
    _at(gateway, datetime(2026, 4, 20, 9, 30, 0))
    april = wire.pay()
    got = wire.query(start_time="2026-03-01 00:00:00", end_time="2026-03-31 23:59:59")["data"]
    assert [r["syssn"] for r in got] == [march["syssn"]]
    got = wire.query(start_time="2026-04-01 00:00:00", end_time="2026-04-30 23:59:59")["data"]
    assert [r["syssn"] for r in got] == [april["syssn"]]
    # Default window: the gateway's current month (April here).
    assert [r["syssn"] for r in wire.query()["data"]] == [april["syssn"]]
    # A number overrides the window.
    assert wire.query(syssn=march["syssn"], start_time="2026-04-01 00:00:00")["data"]


@pytest.mark.parametrize(
    ("start", "end", "respcd"),
    [
        ("2026-03-01 00:00:00", "2026-03-31 23:59:59", "0000"),
        # 001: "within one calendar month"; read strictly, one second into April is out.
        ("2026-03-01 00:00:00", "2026-04-01 00:00:00", "1104"),
        ("2026-03-15 00:00:00", "2026-04-14 00:00:00", "1104"),
        ("2026-03-10 00:00:00", "2026-03-09 00:00:00", "1104"),
        ("2026-03-10", "2026-03-11 00:00:00", "1103"),
    ],
)
def test_window_must_be_within_one_calendar_month(
    wire: Wire, start: str, end: str, respcd: str
) -> None:
    assert wire.query(start_time=start, end_time=end)["respcd"] == respcd


def test_query_over_get_works(wire: Wire) -> None:
    paid = wire.pay()
    answer = wire.call("/trade/v1/query", {"syssn": paid["syssn"]}, method="GET")
    assert answer["data"][0]["syssn"] == paid["syssn"]


def test_statement_is_a_zip_with_the_days_orders(wire: Wire, gateway: TrainingGateway) -> None:
    _at(gateway, datetime(2026, 5, 1, 23, 59, 0))
    may1 = wire.pay(txamt=250)
    refund = wire.refund(may1["syssn"], 50)
    _at(gateway, datetime(2026, 5, 2, 0, 1, 0))
    wire.pay()
    response = wire.send("/download/v1/trade_bill", {"trade_date": "2026-05-01"}, method="GET")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/zip"
    assert verify_body(response.content, KEY, response.headers[HEADER_SIGN], "MD5")
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert archive.namelist() == ["trade_bill_2026-05-01.csv"]
        rows = list(csv.DictReader(io.StringIO(archive.read(archive.namelist()[0]).decode())))
    assert [(r["syssn"], r["order_type"], r["txamt"]) for r in rows] == [
        (may1["syssn"], "payment", "250"),
        (refund["syssn"], "refund", "50"),
    ]
    assert rows[1]["origssn"] == may1["syssn"]


def test_statement_refusals(wire: Wire) -> None:
    bad = wire.send("/download/v1/trade_bill", {"trade_date": "01/05/2026"}, method="GET")
    assert bad.json()["respcd"] == "1103"
    with_mchid = wire.send(
        "/download/v1/trade_bill", {"trade_date": "2026-05-01", "mchid": "M"}, method="GET"
    )
    assert with_mchid.json()["respcd"] == "1104"
    empty = wire.send("/download/v1/trade_bill", {"trade_date": "2001-01-01"}, method="GET")
    with zipfile.ZipFile(io.BytesIO(empty.content)) as archive:
        lines = archive.read("trade_bill_2001-01-01.csv").decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("syssn,")


def test_query_notices_expiry_without_background_thread(
    gateway: TrainingGateway, wire: Wire
) -> None:
    answer = wire.mpm()
    order = gateway.store.by_syssn(answer["syssn"])
    assert order is not None
    order.expires_at = time.time() - 1
    gateway.store.update(order)
    assert wire.record(answer["out_trade_no"])["respcd"] == "1181"
