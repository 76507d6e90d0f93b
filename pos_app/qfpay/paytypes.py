# ruff: noqa: E501 - the table reads best one pay type per line
"""QFPay pay types (``pay_type``) as data: wallet, presentation mode, and how to undo one.

Sources: the reference's PayType table (001) and the summary's list (002), which adds PayMe,
more Alipay/WeChat/UnionPay/Octopus web flows and card types.  Where 001 lists a code 002
does not, 001's description stands.

*Presentation mode* decides the till flow: CPM ("consumer presents", the cashier scans the
customer's code and sends ``auth_code``) or MPM ("merchant presents", the gateway returns a
``qrcode`` the till shows).  ONLINE types (app, web, WAP, mini-programs) and CARD types are
listed for completeness and reporting but are not offered at the counter.

*Undoing* an unfinished payment uses ``/trade/v1/reversal`` or ``/trade/v1/close``, and the
documents disagree about which applies where; see :data:`CANCEL_ENDPOINT_OVERRIDES`, the one
place that decides.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Literal

from pos_app.i18n import QT_TRANSLATE_NOOP
from pos_app.qfpay.errors import RequestValidationError

CancelEndpoint = Literal["reversal", "close"]


class PresentMode(enum.Enum):
    """Who shows the QR code (or whether it is a non-counter flow)."""

    CPM = "cpm"
    MPM = "mpm"
    ONLINE = "online"
    #: Card-present types from 002 (Visa/Mastercard, UnionPay card, Amex offline): handled by
    #: a card terminal, not by a QR flow, so a till never offers them.
    CARD = "card"


@dataclass(frozen=True, slots=True)
class PayType:
    """One ``pay_type`` code and everything the till needs to know to use it."""

    code: str
    description: str
    wallet: str
    mode: PresentMode
    supports_expired_time: bool
    cancel_endpoint: CancelEndpoint
    refundable: bool


# Which endpoint cancels an unfinished payment.  The documents disagree:
# * 001 "Reversal/ Cancel": Alipay CPM & MPM and WeChat Pay CPM -> /trade/v1/reversal;
#   WeChat Pay MPM and "other qualified wallets" -> /trade/v1/close (shown as GET there,
#   while the code samples on the same page POST to /trade/v1/reversal for everything).
# * 001 Alipay pre-authorisation section: POST /trade/v1/reversal.
# Rule used here: reversal for Alipay (incl. Alipay HK) and WeChat Pay CPM types and the
# multi-wallet CPM code 800008; close for everything else.  Change a code's entry here and
# nothing else.
DEFAULT_CANCEL_ENDPOINT: CancelEndpoint = "close"
CANCEL_ENDPOINT_OVERRIDES: dict[str, CancelEndpoint] = {
    "800008": "reversal",  # multi-wallet CPM (WeChat/Alipay/UnionPay/PayMe): 001 CPM rule
    "800101": "reversal",  # Alipay MPM: 001 "Alipay CPM & MPM"
    "800108": "reversal",  # Alipay CPM
    "801501": "reversal",  # Alipay HK MPM
    "801801": "reversal",  # Alipay pre-auth (001 pre-auth section)
    "801808": "reversal",  # Alipay pre-auth
    "800208": "reversal",  # WeChat Pay CPM: 001 "WeChat Pay CPM"
    "801008": "reversal",  # WeChat Pay HK CPM
    # 800201 WeChat Pay MPM: 001 says close, which is the default.
}

#: Types the reference says do not refund (002: "802001 does not support refunds").
NOT_REFUNDABLE: frozenset[str] = frozenset({"802001"})

#: The MPM/online types whose QR expiry can be set (001's list under ``expired_time``).
EXPIRED_TIME_TYPES: frozenset[str] = frozenset(
    {"800201", "800101", "801512", "801501", "801112", "801114", "801010", "801510"}
)

#: CPM/MPM codes a counter till must not offer even though they are QR flows.
_NOT_AT_TILL: frozenset[str] = frozenset({"801801", "801808"})  # Alipay pre-authorisation

_C, _Q, _O, _K = PresentMode.CPM, PresentMode.MPM, PresentMode.ONLINE, PresentMode.CARD

# (code, wallet display name, mode, description)
# fmt: off
_TABLE: tuple[tuple[str, str, PresentMode, str], ...] = (
    ("800008", "QR wallet", _C, QT_TRANSLATE_NOOP("paytypes", "Customer shows code: WeChat Pay, Alipay, UnionPay or PayMe")),
    ("800101", "Alipay", _Q, QT_TRANSLATE_NOOP("paytypes", "Alipay, till shows QR code (overseas merchant)")),
    ("800107", "Alipay", _O, QT_TRANSLATE_NOOP("paytypes", "Alipay service window H5")),
    ("800108", "Alipay", _C, QT_TRANSLATE_NOOP("paytypes", "Alipay, customer shows code")),
    ("801101", "Alipay", _O, QT_TRANSLATE_NOOP("paytypes", "Alipay web payment (overseas)")),
    ("801107", "Alipay", _O, QT_TRANSLATE_NOOP("paytypes", "Alipay WAP payment (overseas)")),
    ("801110", "Alipay", _O, QT_TRANSLATE_NOOP("paytypes", "Alipay in-app payment (overseas)")),
    ("801112", "Alipay", _O, QT_TRANSLATE_NOOP("paytypes", "Alipay online WAP payment (overseas)")),
    ("801114", "Alipay", _O, QT_TRANSLATE_NOOP("paytypes", "Alipay online QR code payment (overseas)")),
    ("801501", "Alipay HK", _Q, QT_TRANSLATE_NOOP("paytypes", "Alipay HK, till shows QR code")),
    ("801510", "Alipay HK", _O, QT_TRANSLATE_NOOP("paytypes", "Alipay HK in-app payment")),
    ("801512", "Alipay HK", _O, QT_TRANSLATE_NOOP("paytypes", "Alipay HK WAP payment")),
    ("801514", "Alipay HK", _O, QT_TRANSLATE_NOOP("paytypes", "Alipay HK web payment")),
    ("801801", "Alipay", _C, QT_TRANSLATE_NOOP("paytypes", "Alipay pre-authorisation, customer shows code")),
    ("801808", "Alipay", _Q, QT_TRANSLATE_NOOP("paytypes", "Alipay pre-authorisation, till shows QR code")),
    ("801810", "Alipay", _O, QT_TRANSLATE_NOOP("paytypes", "Alipay pre-authorisation in-app")),
    ("801814", "Alipay", _O, QT_TRANSLATE_NOOP("paytypes", "Alipay pre-authorisation online")),
    ("800201", "WeChat Pay", _Q, QT_TRANSLATE_NOOP("paytypes", "WeChat Pay, till shows QR code")),
    ("800207", "WeChat Pay", _O, QT_TRANSLATE_NOOP("paytypes", "WeChat Pay official account (JSAPI)")),
    ("800208", "WeChat Pay", _C, QT_TRANSLATE_NOOP("paytypes", "WeChat Pay, customer shows code")),
    ("800210", "WeChat Pay", _O, QT_TRANSLATE_NOOP("paytypes", "WeChat Pay in-app payment")),
    ("800212", "WeChat Pay", _O, QT_TRANSLATE_NOOP("paytypes", "WeChat Pay H5 payment")),
    ("800213", "WeChat Pay", _O, QT_TRANSLATE_NOOP("paytypes", "WeChat Pay mini-program payment")),
    ("801008", "WeChat Pay HK", _C, QT_TRANSLATE_NOOP("paytypes", "WeChat Pay HK, customer shows code")),
    ("801010", "WeChat Pay HK", _O, QT_TRANSLATE_NOOP("paytypes", "WeChat Pay HK in-app payment")),
    ("800701", "UnionPay", _Q, QT_TRANSLATE_NOOP("paytypes", "UnionPay QuickPass, till shows QR code")),
    ("800708", "UnionPay", _C, QT_TRANSLATE_NOOP("paytypes", "UnionPay QuickPass, customer shows code")),
    ("800712", "UnionPay", _O, QT_TRANSLATE_NOOP("paytypes", "UnionPay WAP payment (HK)")),
    ("800714", "UnionPay", _O, QT_TRANSLATE_NOOP("paytypes", "UnionPay web payment (HK)")),
    ("805801", "PayMe", _Q, QT_TRANSLATE_NOOP("paytypes", "PayMe, till shows QR code")),
    ("805808", "PayMe", _C, QT_TRANSLATE_NOOP("paytypes", "PayMe, customer shows code")),
    ("805812", "PayMe", _O, QT_TRANSLATE_NOOP("paytypes", "PayMe WAP payment")),
    ("805814", "PayMe", _O, QT_TRANSLATE_NOOP("paytypes", "PayMe web payment")),
    ("802001", "FPS", _Q, QT_TRANSLATE_NOOP("paytypes", "FPS, till shows QR code (no refunds)")),
    ("803701", "Octopus", _Q, QT_TRANSLATE_NOOP("paytypes", "Octopus, till shows QR code")),
    ("803712", "Octopus", _O, QT_TRANSLATE_NOOP("paytypes", "Octopus WAP payment")),
    ("803714", "Octopus", _O, QT_TRANSLATE_NOOP("paytypes", "Octopus web payment")),
    ("801208", "LINE Pay", _C, QT_TRANSLATE_NOOP("paytypes", "LINE Pay, customer shows code")),
    ("801301", "LINE Pay", _O, QT_TRANSLATE_NOOP("paytypes", "LINE Pay online payment")),
    ("801408", "AirPay", _C, QT_TRANSLATE_NOOP("paytypes", "AirPay, customer shows code")),
    ("802201", "AirPay", _O, QT_TRANSLATE_NOOP("paytypes", "AirPay online payment")),
    ("801701", "NETSPay", _Q, QT_TRANSLATE_NOOP("paytypes", "NETSPay, till shows QR code")),
    ("801908", "Origami", _C, QT_TRANSLATE_NOOP("paytypes", "Origami, customer shows code")),
    ("802301", "PayNow", _Q, QT_TRANSLATE_NOOP("paytypes", "PayNow, till shows QR code")),
    ("802901", "PromptPay", _Q, QT_TRANSLATE_NOOP("paytypes", "PromptPay, till shows QR code")),
    ("803001", "eWallet", _Q, QT_TRANSLATE_NOOP("paytypes", "eWallet, till shows QR code")),
    ("803008", "eWallet", _C, QT_TRANSLATE_NOOP("paytypes", "eWallet, customer shows code")),
    ("803101", "VIA", _Q, QT_TRANSLATE_NOOP("paytypes", "VIA, till shows QR code")),
    ("803108", "VIA", _C, QT_TRANSLATE_NOOP("paytypes", "VIA, customer shows code")),
    ("803208", "Touch 'n Go", _C, QT_TRANSLATE_NOOP("paytypes", "Touch 'n Go, customer shows code")),
    ("803214", "Touch 'n Go", _O, QT_TRANSLATE_NOOP("paytypes", "Touch 'n Go online payment")),
    ("803301", "Razer", _Q, QT_TRANSLATE_NOOP("paytypes", "Razer, till shows QR code")),
    ("803308", "Razer", _C, QT_TRANSLATE_NOOP("paytypes", "Razer, customer shows code")),
    ("803314", "Razer", _O, QT_TRANSLATE_NOOP("paytypes", "Razer online payment")),
    ("803801", "Dash", _Q, QT_TRANSLATE_NOOP("paytypes", "Dash, till shows QR code")),
    ("803808", "Dash", _C, QT_TRANSLATE_NOOP("paytypes", "Dash, customer shows code")),
    ("804001", "Boost", _Q, QT_TRANSLATE_NOOP("paytypes", "Boost, till shows QR code")),
    ("804008", "Boost", _C, QT_TRANSLATE_NOOP("paytypes", "Boost, customer shows code")),
    ("804014", "Boost", _O, QT_TRANSLATE_NOOP("paytypes", "Boost online payment")),
    ("804101", "Maybank", _Q, QT_TRANSLATE_NOOP("paytypes", "Maybank, till shows QR code")),
    ("804108", "Maybank", _C, QT_TRANSLATE_NOOP("paytypes", "Maybank, customer shows code")),
    ("804114", "Maybank", _O, QT_TRANSLATE_NOOP("paytypes", "Maybank online payment")),
    ("804201", "GrabPay", _Q, QT_TRANSLATE_NOOP("paytypes", "GrabPay, till shows QR code")),
    ("804208", "GrabPay", _C, QT_TRANSLATE_NOOP("paytypes", "GrabPay, customer shows code (Malaysia)")),
    ("804214", "GrabPay", _O, QT_TRANSLATE_NOOP("paytypes", "GrabPay online payment")),
    ("805208", "TrueMoney", _C, QT_TRANSLATE_NOOP("paytypes", "TrueMoney, customer shows code")),
    ("805401", "ThaiQR", _Q, QT_TRANSLATE_NOOP("paytypes", "ThaiQR, till shows QR code (Singapore merchant)")),
    ("805601", "GoPay", _Q, QT_TRANSLATE_NOOP("paytypes", "GoPay, till shows QR code")),
    ("805612", "GoPay", _O, QT_TRANSLATE_NOOP("paytypes", "GoPay WAP payment")),
    ("802801", "Visa / Mastercard", _O, QT_TRANSLATE_NOOP("paytypes", "Visa / Mastercard online")),
    ("802808", "Visa / Mastercard", _K, QT_TRANSLATE_NOOP("paytypes", "Visa / Mastercard card present")),
    ("806527", "Apple Pay", _O, QT_TRANSLATE_NOOP("paytypes", "Apple Pay online")),
    ("806708", "UnionPay card", _K, QT_TRANSLATE_NOOP("paytypes", "UnionPay card present")),
    ("806808", "American Express", _K, QT_TRANSLATE_NOOP("paytypes", "American Express card present")),
)
# fmt: on

PAY_TYPES: dict[str, PayType] = {
    code: PayType(
        code=code,
        description=description,
        wallet=wallet,
        mode=mode,
        supports_expired_time=code in EXPIRED_TIME_TYPES,
        cancel_endpoint=CANCEL_ENDPOINT_OVERRIDES.get(code, DEFAULT_CANCEL_ENDPOINT),
        refundable=code not in NOT_REFUNDABLE,
    )
    for code, wallet, mode, description in _TABLE
}


def get_pay_type(code: str | PayType) -> PayType:
    """Look a pay type up by code; unknown codes are refused before anything is sent."""
    if isinstance(code, PayType):
        return code
    found = PAY_TYPES.get(str(code).strip())
    if found is None:
        raise RequestValidationError(f"{code!r} is not a known QFPay pay type")
    return found


def till_pay_types() -> list[PayType]:
    """The CPM and MPM types a counter till can offer, in table order."""
    return [
        pay_type
        for pay_type in PAY_TYPES.values()
        if pay_type.mode in (PresentMode.CPM, PresentMode.MPM) and pay_type.code not in _NOT_AT_TILL
    ]
