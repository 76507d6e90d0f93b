"""Receipt and day-close text: content, masking, banners and paper widths."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from pos_app.devices.layout import text_width, wrap
from pos_app.devices.receipt import Receipt, ReceiptCopy, ReceiptKind, render_text

AUTH = "283854702356157409"


def payment(**changes: object) -> Receipt:
    base = Receipt(
        merchant_name="Lucky Tea House",
        till_id="T7QX2A",
        cashier="Alice",
        when=datetime(2026, 11, 22, 18, 5, 9),
        kind=ReceiptKind.PAYMENT,
        txamt=1234,
        currency="HKD",
        wallet="WeChat Pay",
        out_trade_no="T7QX2A-20261122-000042",
        status="PAID",
        syssn="20261122180000020000123456",
        auth_code=AUTH,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize("width", [32, 42])
def test_payment_receipt_has_everything_and_fits(width: int) -> None:
    lines = render_text(payment(), width)
    text = "\n".join(lines)
    assert all(text_width(line) <= width for line in lines)
    for expected in (
        "Lucky Tea House",
        "T7QX2A",
        "Alice",
        "2026-11-22 18:05:09",
        "PAYMENT",
        "HKD 12.34",
        "WeChat Pay",
        "Paid",
        "20261122180000020000123456",
        "T7QX2A-20261122-000042",
        "**************7409",
    ):
        assert expected in text, expected
    assert AUTH not in text
    assert "TRAINING" not in text


def test_auth_code_is_masked_in_the_object_itself() -> None:
    receipt = payment()
    assert receipt.auth_code == "**************7409"
    assert AUTH not in repr(receipt)
    assert payment(auth_code=None).auth_code is None


def test_training_banner_top_and_bottom() -> None:
    lines = render_text(payment(training=True), 42)
    banner_rows = [i for i, line in enumerate(lines) if "TRAINING — NOT A REAL PAYMENT" in line]
    assert banner_rows[0] < 3
    assert banner_rows[-1] > len(lines) - 4
    assert len(banner_rows) == 2


def test_training_banner_wraps_on_narrow_paper() -> None:
    lines = render_text(payment(training=True), 16)
    assert all(text_width(line) <= 16 for line in lines)
    assert any("TRAINING" in line for line in lines)


def test_refund_receipt_names_original_and_manager() -> None:
    refund = payment(
        kind=ReceiptKind.REFUND,
        status="REFUNDED",
        auth_code=None,
        original_syssn="20261121120000020000000001",
        manager="Mr Wong",
        copy=ReceiptCopy.MERCHANT,
    )
    text = "\n".join(render_text(refund, 32))
    assert "REFUND" in text
    assert "Refunded" in text
    assert "20261121120000020000000001" in text
    assert "Mr Wong" in text
    assert "Merchant copy" in text
    assert "Payment code" not in text


def test_long_values_go_under_their_label_right_aligned() -> None:
    lines = render_text(payment(out_trade_no="X" * 30), 32)
    index = next(i for i, line in enumerate(lines) if line.startswith("Order no."))
    assert lines[index] == "Order no."
    assert lines[index + 1] == " " * 2 + "X" * 30


def test_chinese_merchant_name_counts_double_width() -> None:
    lines = render_text(payment(merchant_name="幸運茶餐廳有限公司"), 32)
    name = next(line for line in lines if "幸運" in line)
    assert text_width(name) <= 32
    assert name.startswith(" " * 7)  # 18 columns centred in 32


def test_translation_hook_is_used() -> None:
    lines = render_text(payment(), 42, translate=lambda ctx, text: text.upper())
    assert any(line.startswith("AMOUNT") for line in lines)


def test_bad_width_is_refused() -> None:
    with pytest.raises(ValueError):
        render_text(payment(), 8)


def test_wrap_cuts_words_longer_than_the_line() -> None:
    assert wrap("abcdefghij klm", 4) == ["abcd", "efgh", "ij", "klm"]


def test_shop_address_and_footer_are_printed_on_every_receipt() -> None:
    """Every receipt said only "QFPay" before the shop could be set up."""
    shop = {"shop_address": "12 Tea Lane\nMong Kok", "footer": "Thank you, see you soon"}
    for receipt in (payment(**shop), payment(kind=ReceiptKind.REFUND, **shop)):
        lines = [line.strip() for line in render_text(receipt, 32)]
        assert lines.index("12 Tea Lane") == lines.index("Lucky Tea House") + 1
        assert "Mong Kok" in lines
        assert lines[-1] == "Thank you, see you soon"
    training = [line.strip() for line in render_text(payment(training=True, **shop), 42)]
    assert "Thank you, see you soon" in training
