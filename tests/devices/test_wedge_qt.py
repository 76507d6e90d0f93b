"""The application-wide scan filter with a real window, line edit and key events."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QVBoxLayout, QWidget

from pos_app.devices.wedge import ScanRoute, WedgeConfig
from pos_app.devices.wedge_qt import WedgeScanFilter

CODE = "134857901234588557"


class Till(QWidget):
    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        self.amount = QLineEdit()
        self.button = QPushButton("Pay")
        layout.addWidget(self.amount)
        layout.addWidget(self.button)
        self.returns = 0
        self.amount.returnPressed.connect(self._on_return)

    def _on_return(self) -> None:
        self.returns += 1


@pytest.fixture
def till(qtbot) -> Till:
    window = Till()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.amount.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.amount)
    return window


@pytest.fixture
def scan_filter(qapp) -> Iterator[WedgeScanFilter]:
    f = WedgeScanFilter(WedgeConfig(max_gap_ms=40, terminator_gap_ms=60, min_length=8))
    f.install()
    yield f
    f.uninstall()
    f.deleteLater()


def qt_key(char: str) -> Qt.Key:
    if char == "\r":
        return Qt.Key.Key_Return
    return Qt.Key(ord(char.upper()))


def send_keys(window: QWidget, text: str, start_ms: int, step_ms: int) -> None:
    """Deliver press/release pairs through the window, as the platform does, with timestamps."""
    handle = window.windowHandle()
    for index, char in enumerate(text):
        stamp = start_ms + index * step_ms
        for etype in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(etype, qt_key(char), Qt.KeyboardModifier.NoModifier, char)
            event.setTimestamp(stamp)
            QApplication.sendEvent(handle, event)


def test_fast_scanner_is_swallowed_and_signalled(qtbot, till, scan_filter) -> None:
    with qtbot.waitSignal(scan_filter.scanned, timeout=1000) as blocker:
        send_keys(till, CODE + "\r", 10_000, 7)
    assert blocker.args == [CODE]
    assert till.amount.text() == ""
    assert till.returns == 0
    assert scan_filter.pending() == 0


def test_slow_human_types_into_the_field(qtbot, till, scan_filter) -> None:
    scans: list[str] = []
    scan_filter.scanned.connect(scans.append)
    send_keys(till, "12345678\r", 20_000, 120)
    assert till.amount.text() == "12345678"
    assert till.returns == 1
    assert scans == []


def test_last_human_key_arrives_after_the_hold_timer(qtbot, till, scan_filter) -> None:
    send_keys(till, "12.5", 30_000, 150)
    # Every key but the last was released by the next slow key; the last waits for the timer.
    assert till.amount.text() == "12."
    assert scan_filter.pending() == 1
    qtbot.waitUntil(lambda: till.amount.text() == "12.5", timeout=1000)
    assert scan_filter.pending() == 0


def test_routing_sends_scans_where_the_ui_wants(qtbot, till, scan_filter) -> None:
    routes = iter([ScanRoute.AUTH_CODE, ScanRoute.REFUND_LOOKUP, ScanRoute.IGNORE])
    scan_filter.set_routing(lambda code: next(routes))
    with qtbot.waitSignal(scan_filter.auth_code_scanned, timeout=1000) as auth:
        send_keys(till, CODE + "\r", 40_000, 5)
    with qtbot.waitSignal(scan_filter.lookup_scanned, timeout=1000) as lookup:
        send_keys(till, "20261122180000012345\r", 41_000, 5)
    with qtbot.waitSignal(scan_filter.scan_ignored, timeout=1000) as ignored:
        send_keys(till, "ABCDEFGHIJ\r", 42_000, 5)
    assert auth.args == [CODE]
    assert lookup.args == ["20261122180000012345"]
    assert ignored.args == ["ABCDEFGHIJ"]
    assert till.amount.text() == ""


def test_type_in_route_types_the_scan(qtbot, till, scan_filter) -> None:
    scan_filter.set_routing(lambda code: ScanRoute.TYPE_IN)
    send_keys(till, CODE + "\r", 50_000, 5)
    assert till.amount.text() == CODE
    assert till.returns == 1


def test_failing_router_never_types_the_code(qtbot, till, scan_filter) -> None:
    def broken(code: str) -> ScanRoute:
        raise RuntimeError("bug in the screen logic")

    scan_filter.set_routing(broken)
    with qtbot.waitSignal(scan_filter.scan_ignored, timeout=1000):
        send_keys(till, CODE + "\r", 60_000, 5)
    assert till.amount.text() == ""


def test_disabled_filter_lets_everything_through(qtbot, till, scan_filter) -> None:
    scan_filter.set_enabled(False)
    send_keys(till, CODE, 70_000, 5)
    assert till.amount.text() == CODE
    assert not scan_filter.is_enabled()


def test_held_space_release_stays_after_its_press(qtbot, till, scan_filter) -> None:
    """A button must see press then release, or it would be stuck down."""
    clicks: list[bool] = []
    till.button.clicked.connect(lambda: clicks.append(True))
    till.button.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is till.button)
    send_keys(till, " ", 80_000, 0)
    assert clicks == []  # still held
    qtbot.waitUntil(lambda: clicks == [True], timeout=1000)
    assert not till.button.isDown()


def test_real_timing_with_qtest(qtbot, till) -> None:
    """Wall-clock pacing through QTest (events without platform timestamps).

    The thresholds are wider than a real till's so a busy test machine cannot split the
    scanner's burst; the human still types far slower than the threshold.
    """
    scan_filter = WedgeScanFilter(WedgeConfig(max_gap_ms=150, terminator_gap_ms=150))
    scan_filter.install()
    try:
        with qtbot.waitSignal(scan_filter.scanned, timeout=2000) as blocker:
            QTest.keyClicks(till.amount, CODE)
            QTest.keyClick(till.amount, Qt.Key.Key_Return)
        assert blocker.args == [CODE]
        assert till.amount.text() == ""

        for char in "42":
            QTest.keyClick(till.amount, qt_key(char), Qt.KeyboardModifier.NoModifier)
            qtbot.wait(400)
        qtbot.waitUntil(lambda: till.amount.text() == "42", timeout=1000)
    finally:
        scan_filter.uninstall()


def test_stalled_gui_thread_waits_once_more_before_typing(qtbot, till, qapp) -> None:
    # Wide gaps: the re-armed hold must not also expire while a loaded CI machine runs the
    # single event-loop pass below, or the test would see the (correct) final typing early.
    scan_filter = WedgeScanFilter(WedgeConfig(max_gap_ms=600, terminator_gap_ms=600))
    scan_filter.install()
    try:
        send_keys(till, "7", 90_000, 0)
        time.sleep(1.5)  # the GUI thread is busy: the hold timer is now badly overdue
        qapp.processEvents()  # the late timer fires and defers instead of typing
        assert scan_filter.pending() == 1
        assert till.amount.text() == ""
        qtbot.waitUntil(lambda: till.amount.text() == "7", timeout=2000)
    finally:
        scan_filter.uninstall()


def test_scan_is_caught_when_no_widget_has_application_focus(qtbot, till, scan_filter) -> None:
    """A kiosk X session without a window manager never activates the till window, so
    QApplication.focusWidget() is None while the keys still reach the window's focus child.
    Reproduced here by activating a window with nothing focusable in it."""
    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    qtbot.waitExposed(other)
    other.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is other)
    till.amount.setFocus()  # remembered as the till window's focus child only
    assert QApplication.focusWidget() is None
    with qtbot.waitSignal(scan_filter.scanned, timeout=1000) as blocker:
        send_keys(till, CODE + "\r", 20_000, 7)
    assert blocker.args == [CODE]
    assert till.amount.text() == ""
