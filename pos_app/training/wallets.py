"""Simulated customer wallets for the training gateway.

In training mode no real wallet is involved, so the customer's *payment code* decides what
the simulated wallet does.  Only the **last four digits** matter; the rest may be anything
that looks like a real code (10 to 24 digits, e.g. ``134567890123451143``; anything
else is declined with ``1202``).  Every behaviour
is deterministic, so a trainee (or a test) can rehearse each situation on purpose.

==========  ==================================================================================
Ends with   What the simulated wallet does
==========  ==================================================================================
``1143``    The customer is asked for the wallet password.  The payment answers ``1143``
            and the next *N* enquiries (default 3) still say ``1143``; the enquiry after
            that finds the order paid (``0000``).
``1145``    The wallet is busy processing.  Like ``1143`` but answering ``1145``.
``1201``    Insufficient balance: declined at once with ``1201``.
``1202``    Incorrect or expired payment code: declined at once with ``1202``.
``2005``    The customer's code has expired: declined at once with ``2005``.
``9999``    The wallet never answers: ``1145`` for ever, until the till reverses or closes
            the order (or the trainer expires it).
any other   Paid at once (``0000``).
==========  ==================================================================================

Merchant-presented (MPM) payments carry no payment code: the gateway returns a training QR
code URL and the order waits (``1143``, "waiting for the customer") until the trainer
"scans" it (the training control panel, ``TrainingGateway.simulate_scan`` or
``POST /training/v1/scan``), or it expires after ``expired_time`` minutes (``1181``).

Training payment codes may be used more than once, so a trainee can type the same
rehearsal code again; a real wallet code is single-use.

A *generic* CPM pay type (``800008``, 001: "CPM for WeChat, Alipay, UNIONPAY Quick Pass")
does not say which wallet the customer holds; the real gateway's answer (and its enquiry
record) names the wallet-specific pay type instead.  001 does not document which codes
belong to which wallet, so the training gateway uses the wallets' customary leading digits,
and every answer and enquiry record of the order names that pay type:

================  ==========================================================================
Code begins with  Pay type in the answer
================  ==========================================================================
``10`` to ``15``  ``800208`` (WeChat Pay, customer presents)
``25`` to ``30``  ``800108`` (Alipay, customer presents)
``62``            ``800708`` (UnionPay Quick Pass, customer presents)
anything else     ``800008`` as sent: the wallet stays unnamed, so a till's fallback shows
================  ==========================================================================

A wallet-specific pay type is answered as sent, whatever the code begins with.
"""

from __future__ import annotations

from dataclasses import dataclass

from pos_app.i18n import QT_TRANSLATE_NOOP

#: How many enquiries a password-entry or processing payment stays in progress by default.
DEFAULT_PENDING_QUERIES = 3


@dataclass(frozen=True)
class WalletBehaviour:
    """What one simulated wallet does with a payment request."""

    name: str
    #: respcd of the payment answer.
    first_respcd: str
    #: respcd the order reaches once the pending enquiries are used up ("" = never).
    final_respcd: str
    #: whether the enquiry counter applies (False: stays in progress until cancelled).
    counts_queries: bool
    description: str


PAID = WalletBehaviour(
    "paid", "0000", "0000", False, QT_TRANSLATE_NOOP("TrainingWallet", "paid at once")
)
PASSWORD = WalletBehaviour(
    "password",
    "1143",
    "0000",
    True,
    QT_TRANSLATE_NOOP("TrainingWallet", "customer enters the password"),
)
PROCESSING = WalletBehaviour(
    "processing", "1145", "0000", True, QT_TRANSLATE_NOOP("TrainingWallet", "wallet is processing")
)
INSUFFICIENT = WalletBehaviour(
    "insufficient",
    "1201",
    "1201",
    False,
    QT_TRANSLATE_NOOP("TrainingWallet", "insufficient balance"),
)
BAD_CODE = WalletBehaviour(
    "bad_code",
    "1202",
    "1202",
    False,
    QT_TRANSLATE_NOOP("TrainingWallet", "incorrect or expired code"),
)
EXPIRED_CODE = WalletBehaviour(
    "expired_code",
    "2005",
    "2005",
    False,
    QT_TRANSLATE_NOOP("TrainingWallet", "payment code expired"),
)
BUSY_FOREVER = WalletBehaviour(
    "busy_forever", "1145", "", False, QT_TRANSLATE_NOOP("TrainingWallet", "never answers")
)
#: MPM orders wait for a simulated scan rather than for enquiries.
MPM_WAITING = WalletBehaviour(
    "mpm",
    "1143",
    "",
    False,
    QT_TRANSLATE_NOOP("TrainingWallet", "waiting for the customer to scan"),
)

_BY_SUFFIX: dict[str, WalletBehaviour] = {
    "1143": PASSWORD,
    "1145": PROCESSING,
    "1201": INSUFFICIENT,
    "1202": BAD_CODE,
    "2005": EXPIRED_CODE,
    "9999": BUSY_FOREVER,
}

_BY_NAME: dict[str, WalletBehaviour] = {
    behaviour.name: behaviour for behaviour in (*_BY_SUFFIX.values(), PAID, MPM_WAITING)
}


def behaviour_for(auth_code: str) -> WalletBehaviour:
    """The simulated wallet behind a payment code (by its last four digits)."""
    return _BY_SUFFIX.get(auth_code[-4:], PAID)


def behaviour_named(name: str) -> WalletBehaviour:
    """Look a behaviour up by the name stored with an order."""
    return _BY_NAME.get(name, PAID)


#: The shape every simulated wallet's code has: ASCII digits, 10 to 24 of them (the range
#: the real wallets' codes fall in: WeChat 18, Alipay 16-24, UnionPay 19 digits).
AUTH_CODE_MIN_LENGTH = 10
AUTH_CODE_MAX_LENGTH = 24


def is_plausible_auth_code(auth_code: str) -> bool:
    """Whether a simulated wallet recognises the code at all (else it declines with 1202).

    Surrounding whitespace is not trimmed: a wallet would not recognise it either, and a
    till that sends a scanner's trailing newline should learn so in training.
    """
    return (
        auth_code.isascii()
        and auth_code.isdigit()
        and AUTH_CODE_MIN_LENGTH <= len(auth_code) <= AUTH_CODE_MAX_LENGTH
    )


def mask_auth_code(code: str) -> str:
    """All but the last four characters hidden: the gateway stores no more than the till."""
    if len(code) <= 4:
        return "*" * len(code)
    return "*" * (len(code) - 4) + code[-4:]


def suffix_table() -> list[tuple[str, str, str]]:
    """(suffix, first answer, description) rows, for the training UI and ``--help`` text."""
    rows = [(suffix, b.first_respcd, b.description) for suffix, b in _BY_SUFFIX.items()]
    rows.append(("other", PAID.first_respcd, PAID.description))
    return rows


#: Pay types that take every wallet's code (001's PayType table).
GENERIC_CPM_TYPES = frozenset({"800008"})

#: The pay type a generic CPM order is answered with, by the code's first two digits (see the
#: module docstring).
_PAY_TYPE_BY_PREFIX: dict[str, str] = {
    **{str(prefix): "800208" for prefix in range(10, 16)},
    **{str(prefix): "800108" for prefix in range(25, 31)},
    "62": "800708",
}


def actual_pay_type(pay_type: str, auth_code: str) -> str:
    """The pay type the gateway's answer names for a CPM order (see the module docstring)."""
    if pay_type not in GENERIC_CPM_TYPES:
        return pay_type
    return _PAY_TYPE_BY_PREFIX.get(auth_code[:2], pay_type)


def prefix_table() -> list[tuple[str, str, str]]:
    """(first prefix, last prefix, pay type) rows of the table above, for the training UI.

    Neighbouring prefixes answered with the same pay type make one row (``10`` to ``15``);
    a code beginning otherwise is answered with the generic pay type it was sent with.  Built
    from the table the gateway uses, so what the trainee reads cannot drift from it.
    """
    rows: list[tuple[str, str, str]] = []
    for prefix in sorted(_PAY_TYPE_BY_PREFIX, key=int):
        pay_type = _PAY_TYPE_BY_PREFIX[prefix]
        if rows and rows[-1][2] == pay_type and int(rows[-1][1]) + 1 == int(prefix):
            rows[-1] = (rows[-1][0], prefix, pay_type)
        else:
            rows.append((prefix, prefix, pay_type))
    return rows
