"""The one X/Z report renderer: screen/printer text and CSV, from the engine's report."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

import pytest

from pos_app.devices.day_report import render_day_report, report_csv
from pos_app.devices.layout import text_width
from pos_app.engine.day_reports import DayReport, ReportItem, ReportLine


def report(**changes: object) -> DayReport:
    base = DayReport(
        kind="Z",
        number=12,
        till_id="T7QX2A",
        generated_at=1_795_000_000.0,
        opened_at=1_794_950_000.0,
        closed_at=1_795_000_000.0,
        closed_by="Mr Wong",
        tx_count=9,
        lines=(
            ReportLine("WeChat Pay", "HKD", 3, 30000, 1, 5000, 1, 700),
            ReportLine("Alipay", "HKD", 2, 1050),
            ReportLine("WeChat Pay", "CNY", 1, 888),
        ),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize("width", [32, 42])
def test_z_report_totals_per_wallet_and_currency(width: int) -> None:
    lines = render_day_report(report(), width, merchant_name="Lucky Tea House")
    assert all(text_width(line) <= width for line in lines)
    text = "\n".join(lines)
    assert "Z REPORT 12" in text and "Mr Wong" in text
    assert "WeChat Pay" in text and "800208" not in text  # wallet names, not codes
    # HKD: 310.50 taken, 50.00 refunded, net 260.50; CNY kept apart.
    assert "HKD 310.50" in text and "-HKD 50.00" in text and "HKD 260.50" in text
    assert "Reversals (not charged) x1" in text and "HKD 7.00" in text
    assert "CNY 8.88" in text
    assert "HKD 269.38" not in text  # currencies are never added together
    assert text.index("Total CNY") < text.index("Total HKD")


def test_x_report_lists_unsettled_items_before_totals() -> None:
    item = ReportItem("T7QX2A1", "CPM", "UNKNOWN", 500, "HKD", "800208", "amy", 1.0)
    attention = replace(item, out_trade_no="T7QX2A2", state="NEEDS_ATTENTION")
    x = report(kind="X", number=None, closed_at=None, closed_by=None, cashier="amy")
    lines = render_day_report(
        replace(x, open_items=(item,), attention_items=(attention,)), 42, training=True
    )
    text = "\n".join(lines)
    assert "X REPORT" in text and "Cashier" in text
    assert text.index("T7QX2A2") < text.index("T7QX2A1") < text.index("Total")
    assert "NEEDS ATTENTION" in text
    assert text.count("TRAINING") == 2


def test_report_without_rows() -> None:
    assert "No payments" in "\n".join(render_day_report(report(lines=()), 32))


def test_translation_reaches_every_label() -> None:
    lines = render_day_report(report(), 42, translate=lambda ctx, text: "»" + text)
    assert "»Closed by" in "\n".join(lines) and "»Z REPORT 12" in "\n".join(lines)


def test_csv_amounts_are_major_units_with_currency() -> None:
    rows = list(csv.DictReader(io.StringIO(report_csv(report()))))
    first = rows[0]
    assert first["wallet"] == "WeChat Pay" and first["currency"] == "HKD"
    assert (first["sales"], first["refunds"], first["net"]) == ("300.00", "50.00", "250.00")
    assert first["number"] == "12" and first["report"] == "Z"
