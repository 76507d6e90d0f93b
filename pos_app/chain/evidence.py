"""Early evidence for the engine: QFPay notifications matched to this till's journal.

This is the whole interface between chain mode and the money engine, kept small on purpose
so the engine needs no PostgreSQL, no threads of ours and no knowledge of head office:

* the listener (``pos_app.chain.listener``) :meth:`EvidenceBoard.post`\\ s an
  :class:`Evidence` only after matching a notification to a journaled order by
  ``out_trade_no``, amount, currency and kind (payment/refund) - the rules of evidence say
  an answer counts only for the order it names;
* the engine's polling wait calls :meth:`EvidenceBoard.wait` instead of sleeping, and settles
  the order through its usual path with :meth:`Evidence.view` (``Verdict.PAID`` with the
  notification's ``syssn``);
* :attr:`EvidenceBoard.live` says notifications are flowing, so the engine may poll at the
  slower :attr:`EvidenceBoard.poll_stretch` pace; polling never stops, it is the fallback.

A notification is evidence of *success* only (001 sends them for successes alone): nothing
here can make an order declined, reversed or closed.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from pos_app.engine.events import CancelToken
from pos_app.engine.views import Verdict, View
from pos_app.qfpay.status import SUCCESS_CODE as SUCCESS

#: How long unclaimed evidence is kept (a flow that has not started waiting yet, recovery).
KEEP_SECONDS = 15 * 60.0
#: While notifications flow, polling gaps are this many times longer.
POLL_STRETCH = 3.0
_SLICE = 0.05  # how often a wait checks the cashier's cancel


@dataclass(frozen=True, slots=True)
class Evidence:
    """A verified, stored, matched QFPay notification of success for one journaled order."""

    out_trade_no: str
    notify_type: str
    syssn: str
    txamt: int
    currency: str
    received: float

    def view(self) -> View:
        """The enquiry-shaped verdict the engine's ``settle`` understands."""
        return View(Verdict.PAID, syssn=self.syssn, respcd=SUCCESS, message="notification")


class EvidenceBoard:
    """Thread-safe mailbox of evidence per ``out_trade_no``; see the module docstring."""

    def __init__(
        self, *, poll_stretch: float = POLL_STRETCH, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.poll_stretch = poll_stretch
        self._clock = clock
        self._cond = threading.Condition()
        self._found: dict[str, Evidence] = {}
        self._live = False
        self.posted = 0

    @property
    def live(self) -> bool:
        """Whether the listener is connected (so notifications would arrive)."""
        return self._live

    def set_live(self, live: bool) -> None:
        with self._cond:
            self._live = live

    def post(self, evidence: Evidence) -> None:
        """Deliver evidence (the listener calls this after matching it to the journal)."""
        with self._cond:
            self._found.setdefault(evidence.out_trade_no, evidence)
            self.posted += 1
            self._forget_old()
            self._cond.notify_all()

    def _forget_old(self) -> None:
        limit = self._clock() - KEEP_SECONDS
        for key in [k for k, e in self._found.items() if e.received < limit]:
            del self._found[key]

    def peek(self, out_trade_no: str) -> Evidence | None:
        """Evidence for one order, if any arrived (recovery may consult it)."""
        with self._cond:
            return self._found.get(out_trade_no)

    def take(self, out_trade_no: str) -> Evidence | None:
        """Remove and return the evidence for one order."""
        with self._cond:
            return self._found.pop(out_trade_no, None)

    def stretch(self, gap: float) -> float:
        """The polling gap to use now: longer while notifications flow."""
        return gap * self.poll_stretch if self._live else gap

    def wait(
        self, out_trade_no: str, seconds: float, token: CancelToken | None = None
    ) -> Evidence | None:
        """Sleep up to ``seconds``; return at once with evidence, or early on a cancel."""
        end = self._clock() + max(0.0, seconds)
        with self._cond:
            while True:
                found = self._found.pop(out_trade_no, None)
                if found is not None:
                    return found
                left = end - self._clock()
                if left <= 0 or (token is not None and token.cancelled):
                    return None
                self._cond.wait(min(left, _SLICE) if token is not None else left)
