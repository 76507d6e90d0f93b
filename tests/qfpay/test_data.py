"""The wire's data tables: currencies, status codes, pay types, auth codes, environments."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from pos_app.qfpay.authcode import mask_auth_code, validate_auth_code
from pos_app.qfpay.currencies import (
    CURRENCIES,
    TXAMT_MAX,
    format_amount,
    from_txamt,
    get_currency,
    to_txamt,
)
from pos_app.qfpay.environments import (
    DOC_004_VARIANTS,
    REGIONS,
    SANDBOX_URL,
    resolve_environment,
)
from pos_app.qfpay.errors import (
    ConfigurationError,
    DeclinedError,
    GatewaySystemError,
    MerchantError,
    QFPayError,
    RequestValidationError,
    gateway_error_for,
)
from pos_app.qfpay.paytypes import PAY_TYPES, PresentMode, get_pay_type, till_pay_types
from pos_app.qfpay.status import STATUS_CODES, StatusClass, lookup_status

# -- currencies ----------------------------------------------------------------------------


def test_thirteen_currencies_with_iso_minor_units() -> None:
    assert set(CURRENCIES) == {
        "AED",
        "AUD",
        "CAD",
        "CNY",
        "EUR",
        "HKD",
        "IDR",
        "JPY",
        "MMK",
        "MYR",
        "SGD",
        "THB",
        "USD",
    }
    assert CURRENCIES["JPY"].minor_units == 0
    assert all(c.minor_units == 2 for code, c in CURRENCIES.items() if code != "JPY")


@pytest.mark.parametrize(
    ("amount", "currency", "txamt"),
    [
        ("12.34", "HKD", 1234),
        ("12.3", "HKD", 1230),
        ("0.01", "usd", 1),
        (Decimal("100"), "EUR", 10000),
        ("500", "JPY", 500),
        ("1000.00", "JPY", 1000),
        (" 7.50 ", "SGD", 750),
        ("999999999.99", "HKD", TXAMT_MAX),
    ],
)
def test_to_txamt(amount: str | Decimal, currency: str, txamt: int) -> None:
    assert to_txamt(amount, currency) == txamt


@pytest.mark.parametrize(
    ("amount", "currency", "message"),
    [
        ("12.345", "HKD", "12.345 has too many decimals for HKD (2)"),
        ("1.5", "JPY", "1.5 has too many decimals for JPY (0)"),
        ("0", "HKD", "not more than zero"),
        ("-3", "HKD", "is not an amount"),
        ("abc", "HKD", "not an amount"),
        ("NaN", "HKD", "not an amount"),
        ("1000000000.00", "HKD", "too large"),
        (1.5, "HKD", "not float"),
        (12, "HKD", "not int"),
        ("1", "XXX", "not a currency"),
    ],
)
def test_to_txamt_rejects(amount: object, currency: str, message: str) -> None:
    with pytest.raises(RequestValidationError, match=re.escape(message)):
        to_txamt(amount, currency)  # type: ignore[arg-type]


def test_from_txamt_and_format() -> None:
    assert from_txamt(1234, "HKD") == Decimal("12.34")
    assert str(from_txamt(5, "HKD")) == "0.05"
    assert from_txamt(500, "JPY") == Decimal(500)
    assert format_amount(1234, "HKD") == "HKD 12.34"
    assert format_amount(500, "JPY") == "JPY 500"
    assert get_currency("hkd") is CURRENCIES["HKD"]
    with pytest.raises(RequestValidationError):
        from_txamt(1.0, "HKD")  # type: ignore[arg-type]


# -- status codes --------------------------------------------------------------------------


# Copied from the reference (001): its "Transaction Status Codes" and "PayType Table".
REFERENCE_STATUS_CODES = frozenset(
    {
        "0000",
        "1100",
        "1101",
        "1102",
        "1103",
        "1104",
        "1105",
        "1106",
        "1107",
        "1108",
        "1125",
        "1136",
        "1142",
        "1143",
        "1145",
        "1147",
        "1150",
        "1155",
        "1181",
        "1201",
        "1202",
        "1203",
        "1204",
        "1205",
        "1212",
        "1241",
        "1242",
        "1243",
        "1250",
        "1251",
        "1252",
        "1254",
        "1260",
        "1261",
        "1262",
        "1263",
        "1264",
        "1265",
        "1266",
        "1267",
        "1268",
        "1269",
        "1270",
        "1271",
        "1272",
        "1294",
        "1295",
        "1296",
        "1297",
        "1298",
        "2005",
        "2011",
    }
)
REFERENCE_PAY_TYPES = frozenset(
    {
        "800008",
        "800101",
        "800107",
        "800108",
        "800201",
        "800207",
        "800208",
        "800210",
        "800213",
        "800701",
        "800708",
        "801008",
        "801010",
        "801110",
        "801112",
        "801114",
        "801208",
        "801301",
        "801408",
        "801501",
        "801510",
        "801512",
        "801701",
        "801801",
        "801808",
        "801810",
        "801814",
        "801908",
        "802001",
        "802201",
        "802301",
        "802901",
        "803001",
        "803008",
        "803101",
        "803108",
        "803208",
        "803214",
        "803301",
        "803308",
        "803314",
        "803701",
        "803712",
        "803801",
        "803808",
        "804001",
        "804008",
        "804014",
        "804101",
        "804108",
        "804114",
        "804201",
        "804208",
        "804214",
        "805208",
        "805401",
        "805601",
        "805612",
    }
)


def test_every_reference_status_code_is_in_the_table() -> None:
    assert len(REFERENCE_STATUS_CODES) == 52
    assert set(STATUS_CODES) >= REFERENCE_STATUS_CODES


@pytest.mark.parametrize(
    ("code", "status_class"),
    [
        ("0000", StatusClass.SUCCESS),
        ("1143", StatusClass.IN_PROGRESS),
        ("1145", StatusClass.IN_PROGRESS),
        ("1295", StatusClass.IN_PROGRESS),
        ("1296", StatusClass.IN_PROGRESS),
        ("1298", StatusClass.IN_PROGRESS),
        ("1201", StatusClass.DECLINED),
        ("1202", StatusClass.DECLINED),
        ("2005", StatusClass.DECLINED),
        ("1108", StatusClass.MERCHANT_ERROR),
        ("1100", StatusClass.SYSTEM_ERROR),
    ],
)
def test_status_classes(code: str, status_class: StatusClass) -> None:
    assert lookup_status(code).status_class is status_class
    assert lookup_status(code).cashier_message


#: Words that tell a cashier what to do next; every failure message must contain one.
_INSTRUCTIONS = (
    "Ask",
    "Call",
    "call support",
    "Check",
    "Try",
    "Start",
    "Enter",
    "Refund",
    "Do not",
    "contact",
    "Contact",
    "must",
    "Waiting",
    "wait",
)


def test_every_failure_tells_the_cashier_what_to_do() -> None:
    for code, status in STATUS_CODES.items():
        if status.status_class is StatusClass.SUCCESS:
            continue
        message = status.cashier_message
        assert any(word in message for word in _INSTRUCTIONS), (code, message)
    assert "smaller amount" in lookup_status("1272").cashier_message
    assert "whole amount" in lookup_status("1270").cashier_message
    assert "whole amount" in lookup_status("1271").cashier_message


def test_numeric_and_unknown_codes() -> None:
    assert lookup_status(0).code == "0000"
    assert lookup_status(1143).status_class is StatusClass.IN_PROGRESS
    unknown = lookup_status("4242")
    assert unknown.status_class is StatusClass.SYSTEM_ERROR
    assert "check the transaction" in unknown.cashier_message
    assert not lookup_status("1145").is_final
    assert lookup_status("1202").is_final


def test_gateway_error_for_picks_the_subclass() -> None:
    assert isinstance(gateway_error_for(lookup_status("1202")), DeclinedError)
    assert isinstance(gateway_error_for(lookup_status("1108")), MerchantError)
    err = gateway_error_for(lookup_status("9876"), endpoint="/x", request_id="r1")
    assert isinstance(err, GatewaySystemError)
    assert err.respcd == "9876" and err.endpoint == "/x" and err.request_id == "r1"
    assert "r1" in str(err)
    with pytest.raises(ValueError):
        gateway_error_for(lookup_status("0000"))


# -- pay types -----------------------------------------------------------------------------


def test_every_reference_pay_type_is_in_the_table() -> None:
    assert len(REFERENCE_PAY_TYPES) == 58
    assert set(PAY_TYPES) >= REFERENCE_PAY_TYPES
    # 002's extras
    assert {"805801", "805808", "801514", "800212", "803714"} <= set(PAY_TYPES)


def test_pay_type_facts() -> None:
    fps = get_pay_type("802001")
    assert fps.wallet == "FPS" and fps.mode is PresentMode.MPM and not fps.refundable
    assert get_pay_type("800208").cancel_endpoint == "reversal"
    assert get_pay_type("800201").cancel_endpoint == "close"
    assert get_pay_type("800108").cancel_endpoint == "reversal"
    assert get_pay_type("805801").wallet == "PayMe"
    assert get_pay_type("803701").wallet == "Octopus"
    assert get_pay_type("800201").supports_expired_time
    assert not get_pay_type("802001").supports_expired_time
    with pytest.raises(RequestValidationError):
        get_pay_type("123456")


def test_till_pay_types_are_counter_flows_only() -> None:
    till = till_pay_types()
    codes = {p.code for p in till}
    assert {"800008", "800108", "800208", "800101", "800201", "802001", "805801"} <= codes
    assert all(p.mode in (PresentMode.CPM, PresentMode.MPM) for p in till)
    assert "800210" not in codes  # in-app
    assert "801801" not in codes  # pre-authorisation


# -- auth codes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "code",
    ["134567890123456789", "281234567890123456", "6212345678901234567", " 1234567890 \n"],
)
def test_valid_auth_codes(code: str) -> None:
    assert validate_auth_code(code) == code.strip()


@pytest.mark.parametrize(
    "code",
    [
        "",
        "123456789",
        "1" * 25,
        "12345abc901234",
        "https://qr.alipay.com/x",
        "１２３４５６７８９０１２",
    ],
)
def test_invalid_auth_codes(code: str) -> None:
    with pytest.raises(RequestValidationError, match="not a payment code"):
        validate_auth_code(code)


def test_mask_auth_code() -> None:
    assert mask_auth_code("134567890123451234") == "**************1234"
    assert mask_auth_code("12") == "**"
    assert mask_auth_code(None) == ""


# -- environments --------------------------------------------------------------------------


def test_every_region_resolves_for_test_and_prod() -> None:
    for region in REGIONS:
        prod = resolve_environment("prod", region)
        assert prod.base_url.startswith("https://") and prod.is_live
        if region == "jp":
            continue  # 001 names no Japanese test host: see the next test
        test = resolve_environment("test", region)
        assert test.base_url.startswith("https://") and not test.is_live
        assert test.base_url != prod.base_url
    assert resolve_environment("prod", "hk").base_url == "https://openapi-hk.qfapi.com"
    assert resolve_environment("test", "hk").base_url == "https://test-openapi-hk.qfapi.com"
    assert resolve_environment("PROD", "EU").base_url == "https://openapi-eur.qfapi.com"
    assert resolve_environment("test", "ae").base_url == "https://test-openapi-db.qfapi.com"
    assert resolve_environment("prod", "cn").base_url == "https://openapi.qfpay.com"
    assert resolve_environment("sandbox", "th").base_url == SANDBOX_URL
    assert DOC_004_VARIANTS[("sandbox", "hk")] == "https://openapi-int.qfapi.com"


def test_japan_has_no_test_host_so_test_never_lands_on_production() -> None:
    assert resolve_environment("prod", "jp").base_url == "https://openapi-jp.qfapi.com"
    with pytest.raises(ConfigurationError, match="no test host for Japan"):
        resolve_environment("test", "jp")
    proxied = resolve_environment("test", "jp", base_url="https://test.example.jp")
    assert proxied.base_url == "https://test.example.jp" and not proxied.is_live


def test_overrides_and_training() -> None:
    env = resolve_environment("prod", "hk", base_url="https://proxy.example.com/qf/")
    assert env.base_url == "https://proxy.example.com/qf" and env.name == "prod"
    assert resolve_environment("training", "hk", "http://127.0.0.1:8123").name == "training"
    with pytest.raises(ConfigurationError, match="needs a base URL"):
        resolve_environment("training", "hk")
    with pytest.raises(ConfigurationError, match="https"):
        resolve_environment("prod", "hk", base_url="http://proxy.example.com")
    with pytest.raises(ConfigurationError, match="unknown environment"):
        resolve_environment("staging", "hk")
    with pytest.raises(ConfigurationError, match="unknown region"):
        resolve_environment("prod", "uk")


def test_error_tree() -> None:
    assert issubclass(RequestValidationError, QFPayError)
    assert issubclass(RequestValidationError, ValueError)


@pytest.mark.parametrize(
    "text", ["1e3", "1E2", "+5", "-1", "1_000", "NaN", "Infinity", "12.", "1,00", ""]
)
def test_only_plain_decimals_are_amounts(text: str) -> None:
    with pytest.raises(RequestValidationError):
        to_txamt(text, "HKD")
