"""Transaction states and modes, and which moves between them are legal.

The state lives in the journal, so it must survive a crash: every state a transaction can be
left in after a power cut must be one that recovery knows how to finish.  A flow commits a
new row's ``CREATED`` and ``SENT`` together with its request note, in one commit before the
request leaves (``EngineCore.open_sent``), so a row is never left ``CREATED`` alone by this
version; ``CREATED`` stays for the rows older journals hold (committed before ``SENT``, so
they never left the till) and as the audit trail's first step.  Recovery still queries any
unfinished row rather than assuming either way.
"""

from __future__ import annotations

from enum import StrEnum


class TxMode(StrEnum):
    """What kind of transaction a journal row is."""

    CPM = "CPM"
    MPM = "MPM"
    REFUND = "REFUND"


class TxState(StrEnum):
    """Life cycle of one attempt (one ``out_trade_no``)."""

    CREATED = "CREATED"
    SENT = "SENT"
    IN_PROGRESS = "IN_PROGRESS"
    UNKNOWN = "UNKNOWN"
    CANCELLING = "CANCELLING"
    PAID = "PAID"
    DECLINED = "DECLINED"
    REVERSED = "REVERSED"
    CLOSED = "CLOSED"
    REFUNDED = "REFUNDED"
    NEEDS_ATTENTION = "NEEDS_ATTENTION"

    @property
    def is_final(self) -> bool:
        """Final states are never left again (but see ``RECHECKABLE``); recovery ignores them."""
        return self in FINAL_STATES


FINAL_STATES: frozenset[TxState] = frozenset(
    {
        TxState.PAID,
        TxState.DECLINED,
        TxState.REVERSED,
        TxState.CLOSED,
        TxState.REFUNDED,
        TxState.NEEDS_ATTENTION,
    }
)

_PENDING = frozenset(
    {TxState.CREATED, TxState.SENT, TxState.IN_PROGRESS, TxState.UNKNOWN, TxState.CANCELLING}
)

#: The one way out of a final state: a refund handed to a manager (NEEDS_ATTENTION: the
#: gateway did not show it for a long time) that a manager has re-checked, and whose enquiry
#: now shows it refunded or failed.  A refund has no cancel call, so the gateway's word is
#: all there is; without this the amount stayed "maybe refunded" for ever.  Only the engine's
#: re-check (``recovery``) takes it, and only for refunds.
RECHECKABLE: frozenset[TxState] = frozenset({TxState.REFUNDED, TxState.DECLINED})

#: Allowed moves.  Any pending state may reach any final state (the gateway can surprise us),
#: but nothing leaves a final state (except ``RECHECKABLE``) and nothing goes back to CREATED.
ALLOWED: dict[TxState, frozenset[TxState]] = {
    TxState.CREATED: frozenset(
        {TxState.SENT, TxState.IN_PROGRESS, TxState.UNKNOWN, TxState.CANCELLING}
    )
    | FINAL_STATES,
    TxState.SENT: frozenset({TxState.IN_PROGRESS, TxState.UNKNOWN, TxState.CANCELLING})
    | FINAL_STATES,
    TxState.IN_PROGRESS: frozenset({TxState.UNKNOWN, TxState.CANCELLING}) | FINAL_STATES,
    TxState.UNKNOWN: frozenset({TxState.IN_PROGRESS, TxState.CANCELLING}) | FINAL_STATES,
    TxState.CANCELLING: frozenset({TxState.UNKNOWN}) | FINAL_STATES,
    TxState.NEEDS_ATTENTION: RECHECKABLE,
}


def can_move(old: TxState, new: TxState) -> bool:
    """Whether ``old -> new`` is legal; staying in a pending state is allowed (a no-op)."""
    if old in _PENDING and old == new:
        return True
    return new in ALLOWED.get(old, frozenset())
