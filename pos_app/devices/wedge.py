"""Telling a keyboard-wedge barcode scanner from a person at the keyboard.

A USB "keyboard wedge" scanner is, to the computer, just another keyboard: it types the
payment code digit by digit and finishes with Enter.  If those keys reached the focused
widget, an 18-digit wallet code could end up in the amount field.  The only thing that
separates a scanner from a cashier is *rhythm*: scanners type each key within a few
milliseconds of the previous one, people need 100 ms or more.

The decoder here is pure logic (no Qt, no clock of its own) so it can be tested with exact
timestamps.  It is fed one key at a time and answers with a :class:`Decision`:

* every printable key that might start or continue a scan is **held** (not typed yet);
* when the rhythm breaks (a gap longer than ``max_gap_ms``, a non-text key, a terminator that
  comes too early) the held keys are **released** so the caller can type them as ordinary
  human input, in their original order, before the current key;
* a fast run of at least ``min_length`` characters closed by the terminator is a **scan**:
  the held keys are dropped and the code is reported.

Because the decoder can only recognise a scanner after a few keys, human typing is delayed by
at most one gap threshold: the caller asks :meth:`WedgeDecoder.timeout_ms` how long to wait
after the last key and then calls :meth:`WedgeDecoder.expire` (or :meth:`flush`).

Keys are opaque ``token`` objects chosen by the caller (the Qt adapter stores copies of the
key events in them), so releasing keys never loses what exactly was pressed.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")

#: Characters a scanner sends to end a code; Qt reports both Return and keypad Enter as "\r".
DEFAULT_TERMINATORS: tuple[str, ...] = ("\r", "\n")


class ScanRoute(enum.Enum):
    """What a completed scan means at this moment; decided by the UI, not by the device.

    A wallet code scanned while the till waits for one is a payment; the same gesture at the
    idle screen is more likely a receipt being looked up for a refund; during a dialog it may
    be meaningless.  ``TYPE_IN`` hands the keys back to the focused widget, for search fields
    where the cashier wants the scanned text typed.
    """

    AUTH_CODE = "auth_code"
    REFUND_LOOKUP = "refund_lookup"
    IGNORE = "ignore"
    TYPE_IN = "type_in"


@dataclass(frozen=True, slots=True)
class WedgeConfig:
    """Tuning for one scanner model; defaults suit common 1D/2D USB scanners.

    ``max_gap_ms`` is the longest pause between two keys of one scan; 30-50 ms separates
    scanners (under 10 ms per key) from people (100 ms and more) with a wide margin either
    side.  ``terminator_gap_ms`` allows the short pause some scanners make before Enter.
    ``prefix``/``suffix`` are characters a scanner can be programmed to add around the code;
    a prefix also lets ordinary typing through without any delay, because a key that cannot
    start a scan is never held.
    """

    max_gap_ms: float = 40.0
    terminator_gap_ms: float = 80.0
    min_length: int = 8
    max_length: int = 128
    prefix: str = ""
    suffix: str = ""
    terminators: tuple[str, ...] = DEFAULT_TERMINATORS
    require_terminator: bool = True

    def __post_init__(self) -> None:
        if self.max_gap_ms <= 0 or self.terminator_gap_ms <= 0:
            raise ValueError("gap thresholds must be positive")
        if self.min_length < 1 or self.max_length < self.min_length:
            raise ValueError("need 1 <= min_length <= max_length")
        if self.require_terminator and not self.terminators:
            raise ValueError("a terminator is required but none is configured")


class Action(enum.Enum):
    """What the caller does with the key it just fed."""

    HOLD = "hold"  # keep it back: a scan may be in progress
    DELIVER = "deliver"  # deliver it now (after replaying ``released``)
    SCAN = "scan"  # swallow it: it terminated the scan in ``code``
    NONE = "none"  # nothing to do with a current key (answer to expire/flush)


@dataclass(slots=True)
class Decision(Generic[T]):
    """The decoder's answer.

    ``released`` keys must be replayed before anything else.  ``code`` is set whenever a scan
    completed; with ``Action.SCAN`` the current key was its terminator (swallow it), while a
    terminator-less scan can also complete alongside ``HOLD``/``DELIVER``/``NONE``.
    ``scan_tokens`` are the keys that made up the scan, kept so that a caller that decides
    the scan should be typed after all can replay them.
    """

    action: Action
    released: list[T] = field(default_factory=list)
    code: str | None = None
    scan_tokens: list[T] = field(default_factory=list)


@dataclass(slots=True)
class _Held(Generic[T]):
    text: str
    timestamp_ms: float
    token: T


class WedgeDecoder(Generic[T]):
    """Stateful decoder; feed it every key press in the order they happened.

    Not thread-safe: keyboard events arrive on one thread (the GUI thread) anyway.
    """

    def __init__(self, config: WedgeConfig | None = None) -> None:
        self._config = config or WedgeConfig()
        self._held: list[_Held[T]] = []

    @property
    def config(self) -> WedgeConfig:
        return self._config

    @config.setter
    def config(self, value: WedgeConfig) -> None:
        # A rule change mid-burst would judge old keys by new rules; callers flush first.
        self._config = value

    @property
    def pending(self) -> int:
        """How many keys are being held back right now."""
        return len(self._held)

    def last_token(self) -> T | None:
        """The most recently held key, so a caller can attach its key release to it."""
        return self._held[-1].token if self._held else None

    def feed(self, text: str, timestamp_ms: float, token: T) -> Decision[T]:
        """Judge one key press.

        ``text`` is what the key would type: one printable character, a terminator, or
        ``""`` for keys that type nothing (arrows, Backspace, shortcuts) which always end a
        possible scan.  ``timestamp_ms`` is any monotonic millisecond clock.
        """
        cfg = self._config
        if text in cfg.terminators:
            return self._on_terminator(timestamp_ms, token)
        if len(text) != 1 or not text.isprintable():
            return Decision(Action.DELIVER, self._release_all())

        released: list[T] = []
        if self._held and not self._continues(timestamp_ms, cfg.max_gap_ms):
            # The rhythm broke: what we held was typed by a person (or a scan without its
            # terminator, see require_terminator).
            early = self._expired_decision()
            if early.code is not None:
                # The finished scan and this key: the key starts afresh below.
                return self._after_scan_start(early, text, timestamp_ms, token)
            released = early.released
        if not self._held and not self._may_start(text):
            return Decision(Action.DELIVER, released)
        if len(self._held) >= cfg.max_length:
            released += self._release_all()
            return Decision(Action.DELIVER, released)
        if self._held and not self._prefix_still_possible(text):
            released += self._release_all()
            if not self._may_start(text):
                return Decision(Action.DELIVER, released)
        self._held.append(_Held(text, timestamp_ms, token))
        return Decision(Action.HOLD, released)

    def timeout_ms(self) -> float | None:
        """How long after the last held key the caller should call :meth:`expire`."""
        if not self._held:
            return None
        cfg = self._config
        if len(self._payload()) >= cfg.min_length and cfg.require_terminator:
            return max(cfg.max_gap_ms, cfg.terminator_gap_ms)
        return cfg.max_gap_ms

    def expire(self, now_ms: float) -> Decision[T]:
        """Release (or, without a terminator, complete) held keys once their time is up."""
        if not self._held:
            return Decision(Action.NONE)
        wait = self.timeout_ms()
        if wait is not None and now_ms - self._held[-1].timestamp_ms <= wait:
            return Decision(Action.NONE)
        return self._expired_decision()

    def flush(self) -> Decision[T]:
        """Give up on the current burst now, whatever the clock says."""
        return self._expired_decision()

    # -- internals -------------------------------------------------------------------------

    def _on_terminator(self, timestamp_ms: float, token: T) -> Decision[T]:
        cfg = self._config
        if (
            self._held
            and self._continues(timestamp_ms, max(cfg.max_gap_ms, cfg.terminator_gap_ms))
            and self._is_complete_scan()
        ):
            code = self._payload()
            return Decision(Action.SCAN, code=code, scan_tokens=self._release_all())
        return Decision(Action.DELIVER, self._release_all())

    def _expired_decision(self) -> Decision[T]:
        if not self._config.require_terminator and self._is_complete_scan():
            code = self._payload()
            return Decision(Action.NONE, code=code, scan_tokens=self._release_all())
        return Decision(Action.NONE, self._release_all())

    def _after_scan_start(
        self, scan: Decision[T], text: str, timestamp_ms: float, token: T
    ) -> Decision[T]:
        """A terminator-less scan just ended; the current key is judged on its own."""
        if self._may_start(text):
            self._held.append(_Held(text, timestamp_ms, token))
            return Decision(Action.HOLD, code=scan.code, scan_tokens=scan.scan_tokens)
        return Decision(Action.DELIVER, code=scan.code, scan_tokens=scan.scan_tokens)

    def _continues(self, timestamp_ms: float, limit_ms: float) -> bool:
        gap = timestamp_ms - self._held[-1].timestamp_ms
        # A clock that jumps backwards cannot prove a fast burst.
        return 0 <= gap <= limit_ms

    def _may_start(self, text: str) -> bool:
        prefix = self._config.prefix
        return not prefix or prefix[0] == text

    def _prefix_still_possible(self, text: str) -> bool:
        prefix = self._config.prefix
        index = len(self._held)
        return index >= len(prefix) or prefix[index] == text

    def _raw(self) -> str:
        return "".join(h.text for h in self._held)

    def _payload(self) -> str:
        raw = self._raw()
        cfg = self._config
        if cfg.prefix and raw.startswith(cfg.prefix):
            raw = raw[len(cfg.prefix) :]
        if cfg.suffix and raw.endswith(cfg.suffix):
            raw = raw[: -len(cfg.suffix)]
        return raw

    def _is_complete_scan(self) -> bool:
        cfg = self._config
        raw = self._raw()
        if cfg.prefix and not raw.startswith(cfg.prefix):
            return False
        if cfg.suffix and not raw.endswith(cfg.suffix):
            return False
        return len(self._payload()) >= cfg.min_length

    def _release_all(self) -> list[T]:
        tokens = [h.token for h in self._held]
        self._held.clear()
        return tokens
