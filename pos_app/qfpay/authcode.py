"""Checking and masking the customer's payment code (``auth_code``) before it is sent.

A scanner is a keyboard: it happily "scans" a product barcode, a loyalty card or a coupon
into the payment field.  Sending such a thing wastes a request and can confuse the customer,
so the till checks the shape of the code first.

What the wallets issue (from the documents and the wallets' own guidance): WeChat Pay 18
digits starting 10..15; Alipay 16..24 digits starting 25..30; UnionPay 19 digits starting
62; PayMe, Octopus and the regional wallets use other numeric codes.  We are *strict* about
what every wallet shares (digits only, 10..24 of them: a 13-digit EAN slips through, but an
ISBN with an X, a URL or a 6-digit coupon do not) and *permissive* about prefixes, because
wallets add prefix ranges without notice and refusing a real customer is worse than one
wasted request that the gateway declines with 1202.

The code is single-use but still a bearer credential until it expires, so logs and storage
only ever hold :func:`mask_auth_code`'s output.
"""

from __future__ import annotations

from pos_app.i18n import QT_TRANSLATE_NOOP
from pos_app.qfpay.errors import RequestValidationError

AUTH_CODE_MIN_LENGTH = 10
AUTH_CODE_MAX_LENGTH = 24

NOT_A_PAYMENT_CODE = QT_TRANSLATE_NOOP("authcode", "That was not a payment code.")


def validate_auth_code(text: str) -> str:
    """Return the code without surrounding whitespace, or refuse it as not a payment code."""
    if not isinstance(text, str):
        raise RequestValidationError(NOT_A_PAYMENT_CODE)
    code = text.strip()
    # isdecimal() alone would accept Arabic-Indic and full-width digits.
    if not (code.isascii() and code.isdigit()):
        raise RequestValidationError(NOT_A_PAYMENT_CODE)
    if not AUTH_CODE_MIN_LENGTH <= len(code) <= AUTH_CODE_MAX_LENGTH:
        raise RequestValidationError(NOT_A_PAYMENT_CODE)
    return code


def mask_auth_code(code: str | None) -> str:
    """Hide all but the last four characters, keeping the length visible (``****...1234``)."""
    if not code:
        return ""
    text = str(code).strip()
    if len(text) <= 4:
        return "*" * len(text)
    return "*" * (len(text) - 4) + text[-4:]
