"""Errors the engine raises *instead of* moving money.

Every one of these means nothing was sent for the request that raised it (except
:class:`SaleUnresolvedError`, which says an earlier attempt is still open).  Their
``message`` is the cashier-facing English text, marked for translation; the UI shows it.
Outcomes of money movements are never exceptions: they come back as an ``Outcome``.
"""

from __future__ import annotations

from typing import Any

from pos_app.i18n import QT_TRANSLATE_NOOP


class EngineError(Exception):
    """Base of the engine's refusals; ``message`` is safe to show the cashier."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class JournalError(EngineError):
    """The journal file cannot be used (not SQLite, damaged, or from a newer till)."""


class JournalDamagedError(JournalError):
    """The journal failed its check or vanished: the till must not run on it.

    Found while running (SQLite read a bad page), it may hit a transaction already sent:
    then ``in_flight`` is True and ``out_trade_no`` names it (outcome unknown, exit 4).
    """

    def __init__(
        self, message: str, *, out_trade_no: str | None = None, in_flight: bool = False
    ) -> None:
        super().__init__(message)
        self.out_trade_no = out_trade_no
        self.in_flight = in_flight


class JournalStorageError(JournalError):
    """Writing the journal failed for a storage reason (full, read-only, I/O, locked).

    ``in_flight`` is True when the transaction it hit had already been sent (outcome
    unknown, exit 4); otherwise nothing was sent (exit 5).
    """

    def __init__(self, message: str, *, out_trade_no: str | None, in_flight: bool) -> None:
        super().__init__(message)
        self.out_trade_no = out_trade_no
        self.in_flight = in_flight


class TransitionRefusedError(EngineError, ValueError):
    """The journal refused a state change (illegal move, or another process owns the row).

    The row keeps the state it has on disk, which is recoverable or already final; the flow
    that hit this reports the outcome as unknown (exit 4) and names ``out_trade_no``.
    """

    def __init__(self, message: str, out_trade_no: str) -> None:
        super().__init__(message)
        self.out_trade_no = out_trade_no


class InputRefusedError(EngineError):
    """The request was refused before anything was journaled or sent."""


class SaleUnresolvedError(EngineError):
    """A previous attempt of this sale is not final; paying again could charge twice."""

    def __init__(self, out_trade_no: str) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "engine",
                "The previous attempt of this sale is still being checked; "
                "wait for it before taking another payment.",
            )
        )
        self.out_trade_no = out_trade_no


class NotSentError(EngineError):
    """Certain that nothing was processed: the row (if any) is final and nothing moved.

    ``cause`` says why, so the CLI can choose its exit status without guessing: ``"config"``
    (the till's app code, key, mchid or device is wrong: a person must fix the settings),
    ``"unreachable"`` (nothing left the machine: DNS, connection refused, TLS),
    ``"busy"`` (the gateway answered HTTP 429 and processed nothing, or the merchant's
    request budget had no slot before the deadline and the till held the request back),
    ``"held"`` (this till was held up past the request's journaled bound, so it was not
    sent) or ``"input"``.

    ``in_flight``: the refusal came *after* a transaction's request had left (an enquiry or a
    reversal refused for the till's configuration).  Nothing more can be done until a person
    fixes the settings, but that transaction is still open and may be charged: the caller must
    not report it as a non-event (the CLI exits 4, not 5).
    """

    def __init__(
        self,
        message: str,
        *,
        cause: str,
        out_trade_no: str | None = None,
        in_flight: bool = False,
    ) -> None:
        super().__init__(message)
        self.cause = cause
        self.out_trade_no = out_trade_no
        self.in_flight = in_flight


class EarlierUnresolvedError(SaleUnresolvedError):
    """An earlier payment of this till is still open after recovery: a new sale could be a
    second charge for a customer who has already paid, so nothing is sent."""

    def __init__(self, out_trade_nos: list[str]) -> None:
        super().__init__(out_trade_nos[0])
        self.message = QT_TRANSLATE_NOOP(
            "engine",
            "An earlier payment is still not settled; the till cannot take a new payment "
            "until it is. Run recovery (or wait), then try again.",
        )
        self.args = (self.message,)
        self.out_trade_nos = out_trade_nos
        #: The ``RecoveryReport`` of the settling run that failed (set by the engine).
        self.report: Any = None


class PossibleDuplicateError(InputRefusedError):
    """Recovery just found an earlier payment for the same amount PAID: the customer may
    have paid already.  Nothing was sent; asking again sends the new sale."""

    def __init__(self, out_trade_no: str, syssn: str | None) -> None:
        super().__init__(
            QT_TRANSLATE_NOOP(
                "engine",
                "An earlier payment for the same amount was just found PAID: the customer "
                "may have paid already. Check before charging again; nothing was sent.",
            )
        )
        self.out_trade_no = out_trade_no
        self.syssn = syssn
        #: The ``RecoveryReport`` of the settling run that found it (set by the engine).
        self.report: Any = None


class ManagerAuthError(EngineError):
    """Unknown manager or wrong PIN; ``tries_left`` before the lockout."""

    def __init__(self, message: str, tries_left: int) -> None:
        super().__init__(message)
        self.tries_left = tries_left


class ManagerLockedError(EngineError):
    """Too many wrong PINs; ``locked_until`` is a wall-clock epoch time."""

    def __init__(self, message: str, locked_until: float) -> None:
        super().__init__(message)
        self.locked_until = locked_until
