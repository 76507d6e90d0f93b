"""Qt adapter for keyboard-wedge scanners: catch scans before any widget sees the digits.

API for the UI (kept stable)::

    from pos_app.devices.wedge import ScanRoute, WedgeConfig
    from pos_app.devices.wedge_qt import WedgeScanFilter

    scan_filter = WedgeScanFilter(WedgeConfig(max_gap_ms=40, min_length=8), parent=window)
    scan_filter.install()                 # on QApplication.instance(); uninstall() undoes it
    scan_filter.set_routing(lambda code: ScanRoute.AUTH_CODE if waiting else ScanRoute.IGNORE)
    scan_filter.scanned.connect(...)            # every recognised scan (raw text)
    scan_filter.auth_code_scanned.connect(...)  # routing said AUTH_CODE
    scan_filter.lookup_scanned.connect(...)     # routing said REFUND_LOOKUP
    scan_filter.scan_ignored.connect(...)       # routing said IGNORE (e.g. beep)
    scan_filter.set_enabled(False)              # e.g. while a PIN dialog is open
    scan_filter.set_config(WedgeConfig(...))    # from the settings screen

Signals carry the raw text; validate with ``pos_app.qfpay.authcode.validate_auth_code``.
``ScanRoute.TYPE_IN`` types the scan into the focused widget instead (search fields).
Without a routing function only ``scanned`` fires.  The routing function runs on the GUI
thread at the moment the scan completes, so it can look at the current screen.

How it works: the filter sits on the QApplication and sees every key press addressed to the
focused widget.  Printable keys are held back while they could be the start of a scan; a
recognised scan is swallowed whole (the amount field never sees a digit), anything else is
re-sent to the widget it was meant for, in order, one gap threshold later.  Key releases
that happen while keys are held are held with them, so buttons never see a release before
their press.  If the GUI thread stalls while keys are held, the release waits one more gap
so a scan queued behind the stall is still recognised.  Gaps are measured with the events'
own timestamps when the platform provides them (true typing rhythm even if the GUI thread
was briefly busy), otherwise with a QElapsedTimer.

Build the config from the settings file with
``pos_app.devices.config.wedge_config_from_settings(settings.scanner)``: it also maps the
settings' ``suffix`` (e.g. ``"\r"``) onto the terminator.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

import shiboken6
from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from pos_app.devices.wedge import Action, Decision, ScanRoute, WedgeConfig, WedgeDecoder

log = logging.getLogger(__name__)

Router = Callable[[str], ScanRoute]

_MODIFIER_KEYS = frozenset(
    {
        Qt.Key.Key_Shift,
        Qt.Key.Key_Control,
        Qt.Key.Key_Alt,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_Meta,
        Qt.Key.Key_CapsLock,
        Qt.Key.Key_NumLock,
        Qt.Key.Key_Super_L,
        Qt.Key.Key_Super_R,
    }
)
_COMMAND_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


@dataclass(slots=True)
class _HeldKey:
    """A held key press (and any releases that followed it) and where it was going."""

    receiver: QObject
    events: list[QKeyEvent] = field(default_factory=list)


def _copy(event: QKeyEvent) -> QKeyEvent:
    """A Python-owned copy: the original is destroyed when the filter returns."""
    copy = QKeyEvent(
        event.type(),
        event.key(),
        event.modifiers(),
        event.nativeScanCode(),
        event.nativeVirtualKey(),
        event.nativeModifiers(),
        event.text(),
        event.isAutoRepeat(),
        event.count(),
    )
    copy.setTimestamp(event.timestamp())
    return copy


def key_text(event: QKeyEvent) -> str:
    """What the decoder should see for a key press: its character, "\\r" for Enter, or ""."""
    if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        return "\r"
    if event.isAutoRepeat() or event.modifiers() & _COMMAND_MODIFIERS:
        return ""
    if event.key() == Qt.Key.Key_Tab:
        return "\t"
    return event.text()


class WedgeScanFilter(QObject):
    """Application-wide key filter that turns fast keyboard bursts into ``scanned`` signals."""

    scanned = Signal(str)
    auth_code_scanned = Signal(str)
    lookup_scanned = Signal(str)
    scan_ignored = Signal(str)

    def __init__(self, config: WedgeConfig | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._decoder: WedgeDecoder[_HeldKey] = WedgeDecoder(config)
        self._router: Router | None = None
        self._enabled = True
        self._replaying = False
        self._window_hop = False  # the last key event was at its platform-window hop
        self._installed_on: QApplication | None = None
        self._clock = QElapsedTimer()
        self._clock.start()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_hold_timeout)
        self._armed_at_ms = 0
        self._armed_wait_ms = 0
        self._deferred = False

    # -- public API ------------------------------------------------------------------------

    @property
    def config(self) -> WedgeConfig:
        return self._decoder.config

    def set_config(self, config: WedgeConfig) -> None:
        """Apply new thresholds; keys held under the old ones are released first."""
        self.flush()
        self._decoder.config = config

    def set_routing(self, router: Router | None) -> None:
        self._router = router

    def is_enabled(self) -> bool:
        return self._enabled

    def set_enabled(self, enabled: bool) -> None:
        """Switch scan detection off (keys then pass untouched) or back on."""
        if not enabled:
            self.flush()
        self._enabled = enabled

    def install(self, app: QApplication | None = None) -> None:
        target = app or QApplication.instance()
        if not isinstance(target, QApplication):
            raise RuntimeError("a QApplication must exist before the scan filter is installed")
        if self._installed_on is not None:
            return
        target.installEventFilter(self)
        self._installed_on = target

    def uninstall(self) -> None:
        self.flush()
        if self._installed_on is not None:
            self._installed_on.removeEventFilter(self)
            self._installed_on = None

    def pending(self) -> int:
        """Keys currently held back (for tests and diagnostics)."""
        return self._decoder.pending

    def flush(self) -> None:
        """Stop waiting: held keys are typed now (or completed as a scan without Enter)."""
        self._timer.stop()
        self._apply(self._decoder.flush(), None)

    # -- the filter ------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        etype = event.type()
        if etype not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            return False
        if not isinstance(watched, QWidget):
            # The platform window's hop comes first; Qt hands the event to a widget next.
            self._window_hop = True
            return False
        if self._replaying or not self._enabled or not self._is_first_stop(watched):
            return False
        assert isinstance(event, QKeyEvent)
        if etype == QEvent.Type.KeyRelease:
            return self._on_release(event)
        if event.key() in _MODIFIER_KEYS:
            return False  # scanners press Shift for capitals; it must not break the burst
        held = _HeldKey(watched, [_copy(event)])
        decision = self._decoder.feed(key_text(event), self._timestamp(event), held)
        return self._apply(decision, held)

    def _is_first_stop(self, watched: QObject) -> bool:
        """True for the one delivery of a key event we judge.

        Qt hands a key event to the window, then the focus widget, then each parent that
        did not accept it; the application filter sees every hop.  The focus widget (or a
        window without one) is the first widget hop and the one the cashier typed into.
        """
        after_window_hop, self._window_hop = self._window_hop, False
        focus = QApplication.focusWidget()
        if focus is not None:
            return watched is focus
        if after_window_hop:
            # No focus widget: typical of a kiosk X session without a window manager, where
            # the till window is never activated.  The widget Qt delivers to right after the
            # window's own hop is the one the keys are meant for; judging none would drop
            # every scan on the floor.
            return True
        grabber = QWidget.keyboardGrabber()
        if grabber is not None:
            return watched is grabber
        return isinstance(watched, QWidget) and watched.isWindow()

    def _timestamp(self, event: QKeyEvent) -> float:
        stamp = event.timestamp()
        return float(stamp) if stamp else float(self._clock.elapsed())

    def _on_release(self, event: QKeyEvent) -> bool:
        last = self._decoder.last_token()
        if last is None:
            return False
        last.events.append(_copy(event))
        return True

    def _apply(self, decision: Decision[_HeldKey], current: _HeldKey | None) -> bool:
        """Carry out a decision; returns whether the current event is swallowed."""
        self._replay(decision.released)
        swallow = decision.action in (Action.HOLD, Action.SCAN)
        if decision.code is not None:
            tokens = list(decision.scan_tokens)
            if decision.action is Action.SCAN and current is not None:
                tokens.append(current)
            self._route(decision.code, tokens)
        wait = self._decoder.timeout_ms()
        if wait is None:
            self._timer.stop()
        else:
            self._arm(max(1, round(wait)))
            self._deferred = False
        return swallow and current is not None

    def _arm(self, wait_ms: int) -> None:
        self._armed_at_ms = self._clock.elapsed()
        self._armed_wait_ms = wait_ms
        self._timer.start(wait_ms)

    def _on_hold_timeout(self) -> None:
        """Release held keys, unless the GUI thread was stalled and more keys may be queued.

        A timer that fires much later than asked means the event loop was blocked; the rest
        of a scan may be waiting in the queue behind this timer.  Releasing now would type
        the first digits into the focused field, so wait one more gap (once) and let the
        queued keys reach the decoder first.
        """
        late_by = self._clock.elapsed() - self._armed_at_ms - self._armed_wait_ms
        if late_by > self._armed_wait_ms and not self._deferred:
            self._deferred = True
            self._arm(self._armed_wait_ms)
            return
        self.flush()

    def _route(self, code: str, tokens: list[_HeldKey]) -> None:
        log.info("wedge scan recognised (%d characters)", len(code))
        self.scanned.emit(code)
        if self._router is None:
            return
        try:
            route = self._router(code)
        except Exception:
            # A routing bug must not type a payment code into the focused field.
            log.exception("scan routing failed; scan ignored")
            route = ScanRoute.IGNORE
        if route is ScanRoute.AUTH_CODE:
            self.auth_code_scanned.emit(code)
        elif route is ScanRoute.REFUND_LOOKUP:
            self.lookup_scanned.emit(code)
        elif route is ScanRoute.TYPE_IN:
            self._replay(tokens)
        else:
            self.scan_ignored.emit(code)

    def _replay(self, tokens: list[_HeldKey]) -> None:
        """Type held keys into the widget they were meant for, synchronously and in order."""
        if not tokens:
            return
        self._replaying = True
        try:
            for token in tokens:
                receiver = token.receiver
                if not shiboken6.isValid(receiver):
                    focus = QApplication.focusWidget()
                    if focus is None:
                        continue
                    receiver = focus
                for event in token.events:
                    QApplication.sendEvent(receiver, event)
        finally:
            self._replaying = False
