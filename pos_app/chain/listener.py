"""A till's ear on head office: QFPay notifications for its own orders, as soon as stored.

The back office publishes every stored success on the ``qfpay_orders`` channel.  This
listener LISTENs on it, and for each message:

1. looks the ``out_trade_no`` up in **this till's journal**; an order the till never
   journaled is ignored (the till never trusts what it cannot match);
2. checks the amount, the currency and the kind (payment for CPM/MPM, refund for REFUND)
   against the journaled row; any difference is logged and ignored;
3. ignores orders already final (polling got there first);
4. posts the rest to the :class:`~pos_app.chain.evidence.EvidenceBoard` the engine waits on.

After every (re)connection it also reads the stored notifications of its unfinished orders,
so a message published while the till was cut off is not missed.  Head office down means
``board.live`` is False and the engine polls at its normal pace, nothing more.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from typing import Any

from pos_app.chain.database import connect
from pos_app.chain.evidence import Evidence, EvidenceBoard
from pos_app.chain.notifications import CHANNEL
from pos_app.engine.journal import Journal
from pos_app.engine.states import TxMode

logger = logging.getLogger("pos_app.chain.listener")


class NotificationListener:
    """Background LISTEN loop feeding an EvidenceBoard; ``start()``/``stop()``."""

    def __init__(
        self,
        dsn: str,
        journal: Journal,
        board: EvidenceBoard,
        *,
        password: str | None = None,
        max_backoff: float = 10.0,
    ) -> None:
        self.dsn = dsn
        self.journal = journal
        self.board = board
        self.max_backoff = max_backoff
        self._password = password
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._conn: Any = None
        self.ignored = 0
        self.matched = 0

    # -- matching -------------------------------------------------------------------------

    def consider(self, message: dict[str, Any]) -> Evidence | None:
        """Match one published notification to the journal; post and return it if it fits."""
        try:
            out_trade_no = str(message["out_trade_no"])
            notify_type = str(message["notify_type"])
            txamt = int(message["txamt"])
            currency = str(message["txcurrcd"]).upper()
            syssn = str(message["syssn"])
            respcd = str(message.get("respcd", "0000"))
        except (KeyError, TypeError, ValueError):
            logger.warning("unreadable message on %s ignored", CHANNEL)
            self.ignored += 1
            return None
        rec = self.journal.get(out_trade_no)
        if rec is None:
            self.ignored += 1  # another till's order, or one nobody journaled
            return None
        expected = "refund" if rec.mode is TxMode.REFUND else "payment"
        problem = None
        if respcd != "0000":
            problem = f"respcd {respcd} is not a success"
        elif notify_type != expected:
            problem = f"a {notify_type} notification for a {expected}"
        elif txamt != rec.txamt or currency != rec.currency:
            problem = f"{txamt} {currency} notified, {rec.txamt} {rec.currency} journaled"
        if problem is not None:
            logger.warning("notification for %s ignored: %s", out_trade_no, problem)
            self.ignored += 1
            return None
        if rec.state.is_final:
            return None
        evidence = Evidence(out_trade_no, notify_type, syssn, txamt, currency, time.monotonic())
        self.matched += 1
        self.board.post(evidence)
        return evidence

    def _catch_up(self, conn: Any) -> None:
        """Stored notifications of our unfinished orders (published while we were away)."""
        numbers = [rec.out_trade_no for rec in self.journal.unfinished()]
        if not numbers:
            return
        rows = conn.execute(
            "SELECT notify_type, out_trade_no, syssn, txamt, txcurrcd, respcd "
            "FROM notifications WHERE out_trade_no = ANY(%s) ORDER BY id",
            (numbers,),
        ).fetchall()
        for row in rows:
            self.consider(
                dict(
                    zip(
                        ("notify_type", "out_trade_no", "syssn", "txamt", "txcurrcd", "respcd"),
                        row,
                        strict=True,
                    )
                )
            )

    # -- the loop -------------------------------------------------------------------------

    def start(self) -> NotificationListener:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="chain-listen", daemon=True)
            self._thread.start()
        return self

    def wait_live(self, timeout: float = 10.0) -> bool:
        """Block until listening (tests, benchmarks)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.board.live:
                return True
            time.sleep(0.01)
        return False

    def _run(self) -> None:
        backoff = 0.5
        while not self._stop.is_set():
            try:
                conn = connect(self.dsn, autocommit=True, password=self._password)
            except Exception as exc:
                logger.info("head office unreachable, polling alone: %s", exc)
                self._stop.wait(backoff)
                backoff = min(self.max_backoff, backoff * 2)
                continue
            self._conn = conn
            try:
                conn.execute(f"LISTEN {CHANNEL}")
                self._catch_up(conn)
                self.board.set_live(True)
                backoff = 0.5
                while not self._stop.is_set():
                    for note in conn.notifies(timeout=0.5):
                        try:
                            message = json.loads(note.payload)
                        except ValueError:
                            message = {}
                        self.consider(message if isinstance(message, dict) else {})
            except Exception as exc:
                if not self._stop.is_set():
                    logger.info("lost head office, polling alone until it is back: %s", exc)
            finally:
                self.board.set_live(False)
                self._conn = None
                try:
                    conn.close()
                except Exception:  # already broken
                    logger.debug("closing a broken listener connection failed", exc_info=True)
            self._stop.wait(backoff)

    def stop(self, timeout: float = 5.0) -> None:
        """Stop listening (idempotent)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
