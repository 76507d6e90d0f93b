"""The date-range enquiry as 001 documents it: sysdtm windows within one calendar month,
paging with page/page_size, filters, and udid carried in records (not an enquiry filter)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from pos_app.training import TrainingGateway

from .conftest import Wire


def _at(gateway: TrainingGateway, moment: datetime) -> None:
    gateway.desk.clock = lambda: moment.timestamp()


MARCH = ("2026-03-01 00:00:00", "2026-03-31 23:59:59")


def _month(wire: Wire, **params: object) -> dict[str, object]:
    return wire.query(start_time=MARCH[0], end_time=MARCH[1], **params)


def test_pages_of_100_cover_a_month_exactly_once(wire: Wire, gateway: TrainingGateway) -> None:
    first = datetime(2026, 3, 1, 0, 0, 0)
    booked = []
    for n in range(250):
        _at(gateway, first + timedelta(hours=2 * n))  # 250 sales over 21 days of March
        booked.append(wire.pay(txamt=100 + n)["syssn"])
    _at(gateway, datetime(2026, 4, 1, 0, 0, 0))
    wire.pay()  # April: outside the window
    pages = [_month(wire, page=page, page_size=100) for page in (1, 2, 3, 4)]
    sizes = [len(page["data"]) for page in pages]  # type: ignore[arg-type]
    assert sizes == [100, 100, 50, 0]
    assert all(page["page_size"] == "100" for page in pages)
    assert [page["page"] for page in pages] == ["1", "2", "3", "4"]
    seen = [record["syssn"] for page in pages for record in page["data"]]  # type: ignore[attr-defined]
    assert seen == booked  # oldest first, none twice, none missing
    assert "total" not in pages[0]  # 001 returns no count: page until a short page


def test_default_page_size_is_10(wire: Wire, gateway: TrainingGateway) -> None:
    _at(gateway, datetime(2026, 3, 5, 10, 0, 0))
    for _ in range(12):
        wire.pay()
    answer = _month(wire)
    assert answer["page"] == "1" and answer["page_size"] == "10"
    assert len(answer["data"]) == 10  # type: ignore[arg-type]
    assert len(_month(wire, page=2)["data"]) == 2  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("params", "respcd"),
    [
        ({"page": 0}, "1104"),
        ({"page_size": 0}, "1104"),
        ({"page_size": 101}, "1104"),
        ({"page": 100_000_000}, "1104"),  # Int(8)
        ({"page": 99_999_999}, "0000"),
        ({"page": "1.5"}, "1103"),
        ({"page_size": "-1"}, "1103"),
    ],
)
def test_page_parameters(wire: Wire, params: dict[str, object], respcd: str) -> None:
    assert _month(wire, **params)["respcd"] == respcd


def test_window_is_on_system_time_not_request_time(wire: Wire, gateway: TrainingGateway) -> None:
    _at(gateway, datetime(2026, 4, 1, 0, 0, 5))
    late = wire.pay(txdtm="2026-03-31 23:59:58")  # sent in March, booked in April
    assert _month(wire)["data"] == []
    april = wire.query(start_time="2026-04-01 00:00:00", end_time="2026-04-30 23:59:59")
    assert [r["syssn"] for r in april["data"]] == [late["syssn"]]


def test_defaults_and_calendar_month_rule(wire: Wire, gateway: TrainingGateway) -> None:
    _at(gateway, datetime(2026, 3, 20, 12, 0, 0))
    paid = wire.pay()
    # Only an end: the start defaults to the start of the current month.
    assert [r["syssn"] for r in wire.query(end_time="2026-03-25 00:00:00")["data"]] == [
        paid["syssn"]
    ]
    # Only a start in an earlier month: the default end (end of this month) is a month away.
    assert wire.query(start_time="2026-02-20 00:00:00")["respcd"] == "1104"
    assert wire.query(start_time="2026-03-20 11:00:00")["data"]
    # Numbers make the window irrelevant, even a malformed one.
    assert wire.query(syssn=paid["syssn"], start_time="yesterday")["data"]


def test_filters_combine_with_the_window_and_paging(wire: Wire, gateway: TrainingGateway) -> None:
    _at(gateway, datetime(2026, 3, 3, 9, 0, 0))
    wechat = [wire.pay(pay_type="800208") for _ in range(3)]
    wire.pay(pay_type="800108")
    declined = wire.pay(pay_type="800208", auth_code="134567890123451201")
    got = _month(wire, pay_type="800208", respcd="0000", page_size=2)
    assert [r["syssn"] for r in got["data"]] == [w["syssn"] for w in wechat[:2]]
    got = _month(wire, pay_type="800208", respcd="0000", page_size=2, page=2)
    assert [r["syssn"] for r in got["data"]] == [wechat[2]["syssn"]]
    assert [r["syssn"] for r in _month(wire, respcd="1201")["data"]] == [declined["syssn"]]


def test_refunds_in_a_window_carry_origssn(wire: Wire, gateway: TrainingGateway) -> None:
    _at(gateway, datetime(2026, 3, 8, 15, 0, 0))
    paid = wire.pay(txamt=800)
    refund = wire.refund(paid["syssn"], 300, udid="till-07")
    records = {r["syssn"]: r for r in _month(wire)["data"]}
    assert records[refund["syssn"]]["order_type"] == "refund"
    assert records[refund["syssn"]]["origssn"] == paid["syssn"]
    assert records[refund["syssn"]]["udid"] == "till-07"
    assert records[paid["syssn"]]["cancel"] == "5"


def test_udid_is_carried_but_is_not_a_filter(wire: Wire, gateway: TrainingGateway) -> None:
    _at(gateway, datetime(2026, 3, 12, 10, 0, 0))
    mine = wire.pay(udid="till-01")
    theirs = wire.pay(udid="till-02")
    # 001 documents no udid parameter for the enquiry: the gateway answers every record of
    # the merchant, each with its udid, and the till keeps its own.
    answer = _month(wire, udid="till-01")
    assert answer["respcd"] == "0000"
    udids = {r["syssn"]: r["udid"] for r in answer["data"]}
    assert udids == {mine["syssn"]: "till-01", theirs["syssn"]: "till-02"}
