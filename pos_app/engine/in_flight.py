"""Until when a request may still be with the gateway, on clocks a restart can read.

"No such order" proves a payment never arrived only once the request that opened its row can
no longer be on its way to, or being booked by, the gateway (review5: a slow gateway booked
a killed till's payment after recovery had ended it "never arrived").  The sender bounds that
request with its whole-call deadline; the row journals the bound so that whoever settles it
later (the same process after a cancel, or another one after a crash) waits it out.

The bound is kept on two clocks, because each fails somewhere the other does not:

* the **monotonic** clock of the boot that sent it (``ticks``, with the boot's id): immune to
  NTP stepping the wall clock, which once ended a payment "never arrived" at once (a step
  forward) or would hold every sale for an hour (a step back); readable by any process of
  the same boot;
* the **wall** clock (``until``): the only one that still means something after a reboot
  (the monotonic clock restarts), when the sending process is certainly gone.

The sender also stops the request at the journaled bound (the client's ``within``): a till
held between the journal's commit and the send (a stalled stdout, a busy disk) cannot let
the request leave later than the row says.
"""

from __future__ import annotations

import functools
import time
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
    """An id of the running boot (Linux), or None where the system offers none.

    Monotonic times from different boots cannot be compared; without an id, only the wall
    clock is trusted.
    """
    try:
        text = _BOOT_ID.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return text or None


@dataclass(frozen=True, slots=True)
class InFlight:
    """The journaled bound of one request (``TxRecord.in_flight_*``)."""

    until: float
    boot: str | None
    ticks: float


@dataclass(frozen=True, slots=True)
class Clocks:
    """The engine's clocks: ``now`` (wall), ``ticks`` (monotonic) and the boot they run on."""

    now: Callable[[], float]
    ticks: Callable[[], float]
    boot: str | None

    @classmethod
    def of(
        cls, clock: Callable[[], float] | None = None, ticks: Callable[[], float] | None = None
    ) -> Clocks:
        """The machine's clocks; a test may replace the wall ``clock`` (its steps are what
        the monotonic clock is for) or both."""
        return cls(clock or time.time, ticks or time.monotonic, this_boot())

    def stamp(self, deadline: float) -> InFlight:
        """The bound of a request about to leave with this whole-call ``deadline``."""
        return InFlight(self.now() + deadline, self.boot, self.ticks() + deadline)

    def same_boot(self, rec: TxRecord) -> bool:
        return (
            rec.in_flight_ticks is not None
            and rec.in_flight_boot is not None
            and rec.in_flight_boot == self.boot
        )

    def time_left(self, rec: TxRecord) -> float | None:
        """Seconds the request of ``rec`` may still take before it must not leave; None if
        the row was not stamped on this boot (nothing to hold the request to)."""
        if not self.same_boot(rec):
            return None
        assert rec.in_flight_ticks is not None
        return rec.in_flight_ticks - self.ticks()

    def may_be_in_flight(self, rec: TxRecord, *, own_deadline: float, lag: float) -> bool:
        """Whether the request of ``rec`` may still reach, or be booked by, the gateway
        (plus ``lag`` for the gateway to show what it booked)."""
        if self.same_boot(rec):
            assert rec.in_flight_ticks is not None
            return self.ticks() < rec.in_flight_ticks + lag
        until = rec.in_flight_until
        if until is None:  # an older till's row: its deadline was never journaled
            until = rec.created_at + max(own_deadline, OLDER_TILL_DEADLINE)
        return self.now() < until + lag
