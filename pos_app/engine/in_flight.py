"""Until when a request may still be with the gateway, on clocks a restart can read.

"No such order" proves a payment never arrived only once the request that opened its row can
no longer be on its way to, or being booked by, the gateway, and only from a cancel round that
began after that (``EngineCore._cancel_once``).  Review5: a slow gateway booked a killed
till's payment after recovery had ended it "never arrived".  The sender bounds that
request with its whole-call deadline; the row journals the bound so that whoever settles it
later (the same process after a cancel, or another one after a crash) waits it out.

The bound is kept on two clocks, because each fails somewhere the other does not:

* the **monotonic** clock of the boot that sent it (``ticks``, with the boot's id): immune to
  NTP stepping the wall clock, which once ended a payment "never arrived" at once (a step
  forward) or would hold every sale for an hour (a step back); readable by any process of
  the same boot (where the system names no boot, by the sending process itself);
* the **wall** clock (``until``): the only one that still means something after a reboot
  (the monotonic clock restarts), when the sending process is certainly gone.

The sender also stops the request at the journaled bound (the client's ``not_after``): a
till held between the journal's commit and the send (a stalled stdout, a busy disk, a frozen
process) cannot let the request leave later than the row says.
"""

from __future__ import annotations

import functools
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pos_app.engine.journal import TxRecord

#: The whole-call deadline of a till from before the bound was journaled (schema step 8):
#: its default HTTP timeout, 15 s to connect plus 15 s to read.  A row such a till left open
#: is given at least this, however short the recovering client's own deadline.
OLDER_TILL_DEADLINE = 30.0

_BOOT_ID = Path("/proc/sys/kernel/random/boot_id")


@functools.cache
def this_boot() -> str | None:
    """An id of the running boot (Linux), or None where the system offers none."""
    try:
        text = _BOOT_ID.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return text or None


#: Where the system names no boot (Windows, macOS), the monotonic readings of this process
#: are still comparable with each other: rows it stamps are judged on them while it runs,
#: and on the wall clock by any other process.
_THIS_PROCESS = f"process:{uuid.uuid4().hex}"


def clock_identity() -> str:
    """Whose monotonic clock a stamp's ``ticks`` are on: the boot's, or else this process's.

    Monotonic readings of different boots (or, lacking a boot id, processes) are never
    compared: then only the wall clock is trusted.
    """
    return this_boot() or _THIS_PROCESS


@dataclass(frozen=True, slots=True)
class InFlight:
    """The journaled bound of one request (``TxRecord.in_flight_*``)."""

    until: float
    boot: str | None
    ticks: float


@dataclass(frozen=True, slots=True)
class Clocks:
    """The engine's clocks: ``now`` (wall, a test may replace it), the machine's monotonic
    clock (what the client's deadlines run on) and whose monotonic clock that is."""

    now: Callable[[], float]
    boot: str

    @classmethod
    def of(cls, clock: Callable[[], float] | None = None) -> Clocks:
        return cls(clock or time.time, clock_identity())

    def stamp(self, deadline: float) -> InFlight:
        """The bound of a request about to leave with this whole-call ``deadline``."""
        return InFlight(self.now() + deadline, self.boot, time.monotonic() + deadline)

    def _ticks_of(self, rec: TxRecord) -> float | None:
        """The row's monotonic bound, if it is on this clock (else None)."""
        return rec.in_flight_ticks if rec.in_flight_boot == self.boot else None

    def send_by(self, rec: TxRecord) -> float | None:
        """The ``time.monotonic()`` instant after which the request of ``rec`` must not
        leave (the client's ``not_after``); None if the row was not stamped on this clock.

        An instant, not a duration: a till held up anywhere before the send (a frozen
        process, a stalled log line) must not carry a fresh window with it.
        """
        return self._ticks_of(rec)

    def in_flight_for(self, rec: TxRecord, *, own_deadline: float, lag: float) -> float:
        """Seconds the request of ``rec`` may still reach, or be booked by, the gateway
        (plus ``lag`` for the gateway to show what it booked); 0 once it cannot."""
        ticks = self._ticks_of(rec)
        if ticks is not None:
            return max(0.0, ticks + lag - time.monotonic())
        until = rec.in_flight_until
        if until is None:  # an older till's row: its deadline was never journaled
            until = rec.created_at + max(own_deadline, OLDER_TILL_DEADLINE)
        return max(0.0, until + lag - self.now())
