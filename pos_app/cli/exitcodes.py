"""Exit codes: the contract between the till's CLI and the scripts that drive it.

They answer one question for the caller, *was anybody charged?*, so a script can decide
what to tell the customer without parsing text.
"""

from __future__ import annotations

from enum import IntEnum

from pos_app.engine.states import TxState


class Exit(IntEnum):
    """Process exit statuses of ``qfpay-pos``."""

    OK = 0  # paid, refunded, or the command succeeded
    DECLINED = 1  # the wallet or gateway said no; nobody was charged
    USAGE = 2  # bad usage or bad input: nothing was sent, nothing journaled
    CANCELLED = 3  # cancelled, reversed or closed: nobody was charged
    UNKNOWN = 4  # a transaction may be in flight, or needs a manager: run ``recover``
    CONFIG = 5  # settings, credentials, storage (journal, data dir, log) or gateway setup
    NOT_SENT = 6  # the gateway could not be reached or was busy (HTTP 429): nothing was sent


def exit_for_state(state: TxState) -> Exit:
    """Map a transaction's final (or last known) state to the exit status."""
    if state in (TxState.PAID, TxState.REFUNDED):
        return Exit.OK
    if state is TxState.DECLINED:
        return Exit.DECLINED
    if state in (TxState.REVERSED, TxState.CLOSED):
        return Exit.CANCELLED
    return Exit.UNKNOWN
