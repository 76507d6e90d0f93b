"""The money: journal, payment state machines, recovery, polling budget and managers.

Public API (stable; the UI worker and the CLI code against exactly this)::

    journal = Journal(data_dir / "journal.sqlite3")          # WAL, synchronous=FULL, migrated
    engine = PaymentEngine(client, journal, till_id="T1", cashier="amy",
                           config=EngineConfig(), on_event=callback)

    engine.pay_cpm(txamt=1234, currency="HKD", pay_type="800208", auth_code="134...",
                   sale_id=None, cancel=CancelToken()) -> Outcome
    engine.start_mpm(txamt=1234, currency="HKD", pay_type="800201",
                     sale_id=None, cancel=token, timeout=None) -> Outcome
        # emits EngineEvent(kind="qrcode", qrcode=...) as soon as the code exists
    engine.refund(orig_syssn="2026...", txamt=500, manager="Mei", pin="1234") -> Outcome
    engine.recover() -> RecoveryReport          # at start-up and on demand
    engine.settle_earlier(txamt=, currency=)    # before a new sale (pay_cpm/start_mpm do it)
    engine.find_original(syssn) -> Original     # learn a refund's currency first
    engine.resolve(out_trade_no) -> Outcome     # recover one row now
    engine.managers -> ManagerStore             # add/remove/list/verify
    engine.new_sale_id() -> str                 # group the attempts of one sale

Every flow call blocks until the attempt is final (PAID, DECLINED, REVERSED, CLOSED,
REFUNDED or NEEDS_ATTENTION with a reason).  The one exception: a reversal (or a refund)
the gateway could not confirm before ``EngineConfig.cancel_give_up`` (``refund_timeout``)
comes back non-final with a message; the row stays open and ``recover()`` finishes it.
Run flows off the GUI thread; ``CancelToken.cancel()`` may be called from any thread.
Use one engine per till (it owns the till's polling ``RequestBudget``; pass ``budget=`` to
share one between engines).  ``clock`` (wall-clock epoch seconds) and ``sleep`` may be
injected: with an injected ``sleep`` a whole 45-second schedule runs in microseconds.

Refusals raise (nothing journaled, nothing sent): ``InputRefusedError`` (bad amount,
currency, pay type, auth code or goods name; FPS refund; refund over the remaining amount;
unknown original; ``PossibleDuplicateError``: an earlier payment for the same amount was
just found PAID), ``SaleUnresolvedError`` (an earlier attempt of this sale is still open;
``EarlierUnresolvedError``: an earlier payment of the till could not be settled),
``NotSentError`` (the row is journaled final but the gateway processed nothing: its
``cause`` is ``config``, ``unreachable``, ``busy`` (HTTP 429) or ``input``),
``ManagerAuthError``/``ManagerLockedError`` (refund PIN).  Each has a cashier ``message``
marked for translation.  ``JournalError`` comes from ``Journal(path)`` for a file that is not a
till journal.

Journal queries for the UI/CLI: ``get(out_trade_no)``, ``unfinished()``, ``history(date)``,
``attempts(sale_id)``, ``refunds_of(syssn)``, ``refundable_remaining(syssn)``,
``events(out_trade_no)`` (the audit trail); the X and Z reports are
:mod:`pos_app.engine.day_reports`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the names, for type checkers and readers; loaded lazily at run time
    from pos_app.engine.budget import RequestBudget
    from pos_app.engine.engine import PaymentEngine
    from pos_app.engine.errors import (
        EarlierUnresolvedError,
        EngineError,
        InputRefusedError,
        JournalError,
        ManagerAuthError,
        ManagerLockedError,
        NotSentError,
        PossibleDuplicateError,
        SaleUnresolvedError,
    )
    from pos_app.engine.events import (
        CancelToken,
        EngineConfig,
        EngineEvent,
        EventKind,
        Outcome,
        WalletTiming,
    )
    from pos_app.engine.ids import new_out_trade_no, new_sale_id
    from pos_app.engine.journal import EventRecord, Journal, TxRecord
    from pos_app.engine.managers import ManagerInfo, ManagerStore
    from pos_app.engine.recovery import RecoveryItem, RecoveryReport
    from pos_app.engine.schedule import PollSchedule
    from pos_app.engine.states import FINAL_STATES, TxMode, TxState

#: Public name -> the module that defines it.  Importing ``pos_app.engine.errors`` (the CLI
#: does, for exit codes) must not drag in the flows, httpx and the client: a till that only
#: shows its window first should not pay for them before the first paint.
_SOURCES: dict[str, str] = {
    "FINAL_STATES": "pos_app.engine.states",
    "CancelToken": "pos_app.engine.events",
    "EngineConfig": "pos_app.engine.events",
    "EngineError": "pos_app.engine.errors",
    "EngineEvent": "pos_app.engine.events",
    "EventKind": "pos_app.engine.events",
    "EventRecord": "pos_app.engine.journal",
    "InputRefusedError": "pos_app.engine.errors",
    "Journal": "pos_app.engine.journal",
    "JournalError": "pos_app.engine.errors",
    "ManagerAuthError": "pos_app.engine.errors",
    "ManagerInfo": "pos_app.engine.managers",
    "ManagerLockedError": "pos_app.engine.errors",
    "ManagerStore": "pos_app.engine.managers",
    "NotSentError": "pos_app.engine.errors",
    "EarlierUnresolvedError": "pos_app.engine.errors",
    "PossibleDuplicateError": "pos_app.engine.errors",
    "Outcome": "pos_app.engine.events",
    "PaymentEngine": "pos_app.engine.engine",
    "PollSchedule": "pos_app.engine.schedule",
    "RecoveryItem": "pos_app.engine.recovery",
    "RecoveryReport": "pos_app.engine.recovery",
    "RequestBudget": "pos_app.engine.budget",
    "SaleUnresolvedError": "pos_app.engine.errors",
    "TxMode": "pos_app.engine.states",
    "TxRecord": "pos_app.engine.journal",
    "TxState": "pos_app.engine.states",
    "WalletTiming": "pos_app.engine.events",
    "new_out_trade_no": "pos_app.engine.ids",
    "new_sale_id": "pos_app.engine.ids",
}


def __getattr__(name: str) -> Any:
    source = _SOURCES.get(name)
    if source is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(source), name)
    globals()[name] = value
    return value


__all__ = [
    "FINAL_STATES",
    "CancelToken",
    "EarlierUnresolvedError",
    "EngineConfig",
    "EngineError",
    "EngineEvent",
    "EventKind",
    "EventRecord",
    "InputRefusedError",
    "Journal",
    "JournalError",
    "ManagerAuthError",
    "ManagerInfo",
    "ManagerLockedError",
    "ManagerStore",
    "NotSentError",
    "Outcome",
    "PaymentEngine",
    "PollSchedule",
    "PossibleDuplicateError",
    "RecoveryItem",
    "RecoveryReport",
    "RequestBudget",
    "SaleUnresolvedError",
    "TxMode",
    "TxRecord",
    "TxState",
    "WalletTiming",
    "new_out_trade_no",
    "new_sale_id",
]
