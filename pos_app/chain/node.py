"""A till's membership of the chain: sync worker, notification listener, shared budget.

One object the composition root builds when ``chain.database`` is set, and stops on exit::

    node = ChainNode(dsn, journal, till_id=..., environment=..., merchant=..., shop=...)
    client = QFPayClient(..., rate_limiter=node.budget)   # the merchant-wide budget
    engine = PaymentEngine(client, journal, ...)
    node.attach(engine)                                   # notifications as evidence
    node.start()
    ...
    node.stop()

Everything it starts runs in daemon threads and tolerates head office being away; the till
takes payments exactly as it would alone, only polling faster when notifications are not
flowing.
"""

from __future__ import annotations

import logging
from typing import Any

from pos_app.chain.budget import ChainBudget
from pos_app.chain.evidence import EvidenceBoard
from pos_app.chain.listener import NotificationListener
from pos_app.chain.sync import SyncStatus, SyncWorker
from pos_app.engine.journal import Journal

logger = logging.getLogger("pos_app.chain")


def merchant_key(app_code: str, mchid: str | None) -> str:
    """The budget's row: QFPay counts requests per merchant (app code and sub-merchant)."""
    return f"{app_code}/{mchid or '-'}"


class ChainNode:
    """The till side of chain mode; see the module docstring."""

    def __init__(
        self,
        dsn: str,
        journal: Journal,
        *,
        till_id: str,
        environment: str,
        merchant: str,
        shop: str = "",
        expected_tills: int = 60,
        local_store: Any = None,
    ) -> None:
        self.dsn = dsn
        self.journal = journal
        self.board = EvidenceBoard()
        self.sync = SyncWorker(
            journal.path, dsn, till_id=till_id, environment=environment, shop=shop
        )
        self.listener = NotificationListener(dsn, journal, self.board)
        # local_store: the machine's budget file (engine.machine_budget.SlotStore), so all
        # processes of this till share one local share while head office is unreachable.
        self.budget = ChainBudget(
            dsn,
            merchant=merchant,
            till_id=till_id,
            expected_tills=expected_tills,
            local_store=local_store,
        )
        self._started = False

    def attach(self, engine: Any) -> None:
        """Give the engine the evidence board (the engine's chain-mode hook)."""
        engine.evidence = self.board

    def start(self) -> ChainNode:
        if not self._started:
            self.sync.start()
            self.listener.start()
            self._started = True
        return self

    def status(self) -> SyncStatus:
        return self.sync.status()

    def stop(self, *, flush: bool = True) -> None:
        """Stop the threads; whatever was not shipped goes with the next start.

        ``flush`` first ships what is left if head office is reachable (a one-shot CLI
        payment should reach the books now, not at the next run); it never raises.
        """
        self.listener.stop()
        if flush and self._started and self.sync.status().connected:
            try:
                self.sync.sync_all(limit=50_000)
            except Exception:  # head office went away meanwhile: next start ships it
                logger.info("final sync skipped: head office unreachable", exc_info=True)
        self.sync.stop()
        self.budget.close()
        self._started = False
