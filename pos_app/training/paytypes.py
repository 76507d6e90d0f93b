"""The pay types the training gateway accepts, from 001's PayType table (l. 257-316).

Kept apart from the client's table on purpose (see ``signing.py``): what the gateway
believes about a code comes from the reference, so a wrong entry on the client's side shows
up as a refusal in training instead of hiding.  For each code the gateway needs only how it
is presented:

* ``CPM``: the customer shows a code; the request must carry ``auth_code``;
* ``MPM``: the till shows the gateway's QR code; ``auth_code`` must not be sent;
* ``ONLINE``: app, web, WAP, JSAPI and mini-program flows; served like MPM (a training
  ``qrcode`` URL), since the gateway cannot tell where the customer pays;
* ``CARD``: card-present types (002 only: card "offline"); refused, a QR gateway cannot
  read a card.

The mode is read from 001's descriptions ("Consumer Present(ed)" / "(CPM)", "Merchant
Present(ed)" / "(MPM)"), not from the code's last digits: 001 marks 801801 CPM and 801808
MPM, the other way round from the usual pattern.  002's summary adds codes 001 does not list
(PayMe, more web/WAP flows, cards); they are accepted too, marked "002" below.
"""

from __future__ import annotations

from typing import Literal

Mode = Literal["CPM", "MPM", "ONLINE", "CARD"]

# fmt: off
PAY_TYPES: dict[str, Mode] = {
    # 001's PayType table, in its order.
    "800008": "CPM",     # WeChat, Alipay, UnionPay Quick Pass: customer presents
    "800101": "MPM",     # Alipay, merchant presents (overseas merchant)
    "800107": "ONLINE",  # Alipay service window H5
    "800108": "CPM",     # Alipay, customer presents
    "800201": "MPM",     # WeChat, merchant presents
    "800207": "ONLINE",  # WeChat JSAPI (official account)
    "800208": "CPM",     # WeChat, customer presents
    "800210": "ONLINE",  # WeChat in-app
    "800213": "ONLINE",  # WeChat mini-program
    "800701": "MPM",     # UnionPay Quick Pass, merchant presents
    "800708": "CPM",     # UnionPay Quick Pass, customer presents
    "801008": "CPM",     # WeChat Pay HK, customer presents
    "801010": "ONLINE",  # WeChat Pay HK in-app
    "801114": "ONLINE",  # Alipay online QR code (overseas)
    "801112": "ONLINE",  # Alipay online WAP (overseas)
    "801110": "ONLINE",  # Alipay in-app (overseas)
    "801208": "CPM",     # LINE Pay, customer presents
    "801301": "ONLINE",  # LINE Pay online
    "801408": "CPM",     # AirPay, customer presents
    "801501": "MPM",     # Alipay HK, merchant presents
    "801510": "ONLINE",  # Alipay HK in-app
    "801512": "ONLINE",  # Alipay HK WAP
    "801701": "MPM",     # NETSPay, merchant presents
    "801801": "CPM",     # Alipay pre-authorisation, consumer present mode (001's label)
    "801808": "MPM",     # Alipay pre-authorisation, merchant present mode (001's label)
    "801810": "ONLINE",  # Alipay pre-authorisation in-app
    "801814": "ONLINE",  # Alipay pre-authorisation online
    "801908": "CPM",     # Origami, customer presents
    "802001": "MPM",     # HK FPS, merchant presents
    "802201": "ONLINE",  # AirPay online
    "802301": "MPM",     # PayNow, merchant presents
    "802901": "MPM",     # PromptPay, merchant presents
    "803001": "MPM",     # eWallet, merchant presents
    "803008": "CPM",     # eWallet, customer presents
    "803101": "MPM",     # VIA, merchant presents
    "803108": "CPM",     # VIA, customer presents
    "803208": "CPM",     # Touch 'n Go, customer presents
    "803214": "ONLINE",  # Touch 'n Go online
    "803301": "MPM",     # Razer, merchant presents
    "803308": "CPM",     # Razer, customer presents
    "803314": "ONLINE",  # Razer online
    "803701": "MPM",     # Octopus, merchant presents (HK)
    "803712": "ONLINE",  # Octopus WAP (HK)
    "803801": "MPM",     # Dash, merchant presents
    "803808": "CPM",     # Dash, customer presents
    "804001": "MPM",     # Boost, merchant presents
    "804008": "CPM",     # Boost, customer presents
    "804014": "ONLINE",  # Boost online
    "804101": "MPM",     # Maybank, merchant presents
    "804108": "CPM",     # Maybank, customer presents
    "804114": "ONLINE",  # Maybank online
    "804201": "MPM",     # GrabPay, merchant presents
    "804208": "CPM",     # GrabPay, customer presents (Malaysia)
    "804214": "ONLINE",  # GrabPay online
    "805208": "CPM",     # TrueMoney, customer presents
    "805401": "MPM",     # ThaiQR, merchant presents (Singapore)
    "805601": "MPM",     # GoPay, merchant presents
    "805612": "ONLINE",  # GoPay WAP
    # 002's summary only (l. 151-187).
    "801101": "ONLINE",  # Alipay web (overseas)
    "801107": "ONLINE",  # Alipay WAP (overseas)
    "801514": "ONLINE",  # Alipay HK web
    "800212": "ONLINE",  # WeChat H5
    "805801": "MPM",     # PayMe, merchant presents (HK)
    "805808": "CPM",     # PayMe, customer presents (HK)
    "805812": "ONLINE",  # PayMe WAP
    "805814": "ONLINE",  # PayMe web
    "800712": "ONLINE",  # UnionPay WAP (HK)
    "800714": "ONLINE",  # UnionPay PC web (HK)
    "803714": "ONLINE",  # Octopus PC web (HK)
    "802801": "ONLINE",  # Visa / Mastercard online (a web checkout, not a card terminal)
    "802808": "CARD",    # Visa / Mastercard offline
    "806527": "ONLINE",  # Apple Pay online
    "806708": "CARD",    # UnionPay card offline
    "806808": "CARD",    # American Express card offline
}
# fmt: on

#: Types whose MPM QR lifetime may be set with ``expired_time`` (001 l. 598-608).
EXPIRED_TIME_TYPES = frozenset(
    {"800201", "800101", "801512", "801501", "801112", "801114", "801010", "801510"}
)
#: Types that cannot be refunded (002 l. 190 and 281: FPS); 001 names none.
NOT_REFUNDABLE = frozenset({"802001"})


def mode_of(code: str) -> Mode | None:
    """How a pay type is presented, or None if the gateway does not know the code."""
    return PAY_TYPES.get(code)
