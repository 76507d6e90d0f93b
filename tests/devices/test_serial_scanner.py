"""Serial scanners over real pseudo-terminals: reading, splitting, unplug and re-plug."""

from __future__ import annotations

import os
import queue
from pathlib import Path

import pytest
import serial
from pty_cable import SocatPair

from pos_app.devices.serial_scanner import (
    MAX_LINE_BYTES,
    STATE_LABELS,
    LineSplitter,
    PortInfo,
    ScannerState,
    SerialScanner,
    SerialScannerConfig,
    list_ports,
)

CODE = "283854702356157409"
WAIT = 5.0


class Recorder:
    """Collects callbacks from the reader thread into queues the test can wait on."""

    def __init__(self) -> None:
        self.scans: queue.Queue[str] = queue.Queue()
        self.states: queue.Queue[tuple[ScannerState, str]] = queue.Queue()

    def on_scan(self, code: str) -> None:
        self.scans.put(code)

    def on_state(self, state: ScannerState, detail: str) -> None:
        self.states.put((state, detail))

    def wait_state(self, wanted: ScannerState) -> str:
        while True:
            state, detail = self.states.get(timeout=WAIT)
            if state is wanted:
                return detail


def fast_config(port: str | Path, **kwargs: object) -> SerialScannerConfig:
    return SerialScannerConfig(
        str(port),
        115200,
        retry_interval_s=0.05,
        read_timeout_s=0.05,
        **kwargs,  # type: ignore[arg-type]
    )


def test_splitter_accepts_any_line_end_and_split_reads() -> None:
    splitter = LineSplitter(None)
    assert splitter.feed(b"2838547") == []
    assert splitter.feed(b"02356157409\r") == [CODE]
    assert splitter.feed(b"AAA\r\nBBB\nCCC\r") == ["AAA", "BBB", "CCC"]
    assert splitter.feed(b"\n\r\n") == []  # the LF of a split CRLF makes no empty code


def test_splitter_with_fixed_terminator_keeps_other_bytes() -> None:
    splitter = LineSplitter(b"\n")
    assert splitter.feed(b"ab\rcd\n") == ["ab\rcd".strip()]
    splitter = LineSplitter(b"\r\n")
    assert splitter.feed(b"one\ntwo\r\n") == ["one\ntwo"]


def test_splitter_discards_endless_noise() -> None:
    splitter = LineSplitter(None)
    assert splitter.feed(b"x" * (MAX_LINE_BYTES + 1)) == []
    assert splitter.feed(b"ok\r") == ["ok"]


def test_reads_codes_from_an_openpty_pair() -> None:
    master, slave = os.openpty()
    recorder = Recorder()
    scanner = SerialScanner(fast_config(os.ttyname(slave)), recorder.on_scan, recorder.on_state)
    try:
        scanner.start()
        assert recorder.wait_state(ScannerState.CONNECTED) == os.ttyname(slave)
        os.write(master, b"28385470")
        os.write(master, b"2356157409\r")
        os.write(master, b"second-code\n")
        assert recorder.scans.get(timeout=WAIT) == CODE
        assert recorder.scans.get(timeout=WAIT) == "second-code"
    finally:
        scanner.stop()
        os.close(master)
        os.close(slave)
    assert scanner.state is ScannerState.STOPPED
    assert not scanner.is_running()


def test_reconnects_after_unplug_and_replug(pair: SocatPair) -> None:
    recorder = Recorder()
    scanner = SerialScanner(fast_config(pair.till_side), recorder.on_scan, recorder.on_state)
    with scanner:
        recorder.wait_state(ScannerState.CONNECTED)
        pair.send(CODE.encode() + b"\r\n")
        assert recorder.scans.get(timeout=WAIT) == CODE

        pair.unplug()
        assert recorder.wait_state(ScannerState.DISCONNECTED)
        assert scanner.is_running()

        pair.plug_in()
        recorder.wait_state(ScannerState.CONNECTED)
        pair.send(b"after-replug\r")
        assert recorder.scans.get(timeout=WAIT) == "after-replug"
    assert recorder.wait_state(ScannerState.STOPPED) == ""


def test_missing_port_reports_error_once_then_connects_when_it_appears(cable: SocatPair) -> None:
    recorder = Recorder()
    scanner = SerialScanner(fast_config(cable.till_side), recorder.on_scan, recorder.on_state)
    scanner.start()
    try:
        detail = recorder.wait_state(ScannerState.ERROR)
        assert "scanner-till" in detail
        cable.plug_in()
        recorder.wait_state(ScannerState.CONNECTED)
        cable.send(b"hello\r")
        assert recorder.scans.get(timeout=WAIT) == "hello"
        # Many failed retries happened, but the error was reported only once.
        seen = []
        while not recorder.states.empty():
            seen.append(recorder.states.get_nowait()[0])
        assert ScannerState.ERROR not in seen
    finally:
        scanner.stop()


def test_stop_releases_the_port(pair: SocatPair) -> None:
    recorder = Recorder()
    scanner = SerialScanner(fast_config(pair.till_side), recorder.on_scan, recorder.on_state)
    scanner.start()
    recorder.wait_state(ScannerState.CONNECTED)
    scanner.stop()
    scanner.stop()  # idempotent
    assert not scanner.is_running()
    # The port was opened exclusively; after stop someone else may open it.
    with serial.Serial(str(pair.till_side), exclusive=True, timeout=0.1) as port:
        assert port.is_open


def test_callback_failure_does_not_kill_the_reader(pair: SocatPair) -> None:
    received: queue.Queue[str] = queue.Queue()

    def flaky(code: str) -> None:
        received.put(code)
        if code == "boom":
            raise RuntimeError("UI bug")

    recorder = Recorder()
    with SerialScanner(fast_config(pair.till_side), flaky, recorder.on_state):
        recorder.wait_state(ScannerState.CONNECTED)
        pair.send(b"boom\rnext\r")
        assert received.get(timeout=WAIT) == "boom"
        assert received.get(timeout=WAIT) == "next"


def test_config_validation() -> None:
    with pytest.raises(ValueError):
        SerialScannerConfig("")
    with pytest.raises(ValueError):
        SerialScannerConfig("/dev/ttyS0", terminator=b";")
    assert set(STATE_LABELS) == set(ScannerState)


def test_list_ports_returns_sorted_port_infos() -> None:
    ports = list_ports()
    assert all(isinstance(p, PortInfo) and p.device.startswith("/dev/") for p in ports)
    assert [p.device for p in ports] == sorted(p.device for p in ports)
