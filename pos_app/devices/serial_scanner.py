"""Serial (RS-232 / USB-CDC) barcode scanners, read on their own thread.

A serial scanner sends each code as one line.  Cashiers unplug and re-plug these scanners,
USB hubs reset, and the device node can vanish and reappear; the till must keep working and
pick the scanner up again without anyone restarting it.  So the reader runs on a daemon
thread that owns the port: it opens it, reads and splits lines, and on any error closes the
port, reports the new state and tries again every ``retry_interval_s`` until stopped.

Callbacks (``on_scan``, ``on_state``) run on the reader thread; the Qt adapter in
``serial_qt`` hops them to the GUI thread.  Scanned text is delivered raw (stripped of the
line ending); whether it is a plausible payment code is for
``pos_app.qfpay.authcode.validate_auth_code`` to say.  Codes are never logged.
"""

from __future__ import annotations

import enum
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

import serial
from serial.tools import list_ports as _list_ports

from pos_app.i18n import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

#: A line longer than this is noise (wrong baud rate, a stuck device), not a code.
MAX_LINE_BYTES = 4096


class ScannerState(enum.Enum):
    CONNECTED = "connected"
    DISCONNECTED = "disconnected"
    ERROR = "error"
    STOPPED = "stopped"


#: Cashier-facing words for each state; the UI translates them, ``detail`` stays technical.
STATE_LABELS: dict[ScannerState, str] = {
    ScannerState.CONNECTED: QT_TRANSLATE_NOOP("devices", "Scanner connected"),
    ScannerState.DISCONNECTED: QT_TRANSLATE_NOOP("devices", "Scanner disconnected"),
    ScannerState.ERROR: QT_TRANSLATE_NOOP("devices", "Scanner not available"),
    ScannerState.STOPPED: QT_TRANSLATE_NOOP("devices", "Scanner off"),
}

ScanCallback = Callable[[str], None]
StateCallback = Callable[[ScannerState, str], None]


@dataclass(frozen=True, slots=True)
class SerialScannerConfig:
    """Where the scanner is and how it talks; kept in the till's settings.

    ``terminator`` is the line ending the scanner is programmed with; ``None`` accepts CR,
    LF or CRLF alike (the default, because scanners ship with all three).
    """

    port: str
    baudrate: int = 9600
    terminator: bytes | None = None
    retry_interval_s: float = 2.0
    read_timeout_s: float = 0.2
    encoding: str = "utf-8"

    def __post_init__(self) -> None:
        if not self.port:
            raise ValueError("a serial port is required")
        if self.terminator is not None and self.terminator not in (b"\r", b"\n", b"\r\n"):
            raise ValueError("terminator must be CR, LF, CRLF or None for any")
        if self.retry_interval_s <= 0 or self.read_timeout_s <= 0:
            raise ValueError("intervals must be positive")


@dataclass(frozen=True, slots=True)
class PortInfo:
    """One serial port as the settings screen lists it."""

    device: str
    description: str
    hwid: str


def list_ports() -> list[PortInfo]:
    """The serial ports the operating system reports, sorted by device name."""
    ports = [PortInfo(p.device, p.description or "", p.hwid or "") for p in _list_ports.comports()]
    return sorted(ports, key=lambda p: p.device)


class LineSplitter:
    """Turns a byte stream into lines, tolerant of codes arriving in several reads."""

    def __init__(self, terminator: bytes | None, encoding: str = "utf-8") -> None:
        self._terminator = terminator
        self._encoding = encoding
        self._buffer = bytearray()

    def reset(self) -> None:
        """Forget a partial line, e.g. one cut short by an unplugged cable."""
        self._buffer.clear()

    def feed(self, data: bytes) -> list[str]:
        self._buffer.extend(data)
        if self._terminator is None:
            chunks = self._buffer.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
        else:
            chunks = self._buffer.split(self._terminator)
        self._buffer = bytearray(chunks.pop())
        if len(self._buffer) > MAX_LINE_BYTES:
            log.warning("serial scanner: discarded %d bytes without a line end", len(self._buffer))
            self._buffer.clear()
        lines = []
        for chunk in chunks:
            text = bytes(chunk).decode(self._encoding, errors="replace").strip()
            if text:
                lines.append(text)
        return lines


class SerialScanner:
    """Reads one serial scanner on a daemon thread until :meth:`stop`."""

    def __init__(
        self,
        config: SerialScannerConfig,
        on_scan: ScanCallback,
        on_state: StateCallback | None = None,
    ) -> None:
        self._config = config
        self._on_scan = on_scan
        self._on_state = on_state
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._port: serial.Serial | None = None
        self._thread: threading.Thread | None = None
        self._state = ScannerState.STOPPED
        self._last_report: tuple[ScannerState, str] | None = None

    @property
    def config(self) -> SerialScannerConfig:
        return self._config

    @property
    def state(self) -> ScannerState:
        return self._state

    def is_running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self.is_running():
            return
        self._stop.clear()
        self._last_report = None
        self._thread = threading.Thread(
            target=self._run, name=f"serial-scanner {self._config.port}", daemon=True
        )
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop reading and release the port; safe to call twice or before start."""
        self._stop.set()
        with self._lock:
            port = self._port
        if port is not None:
            try:
                port.cancel_read()  # wake a blocked read; the reader closes its own port
            except (serial.SerialException, OSError, AttributeError):
                log.debug("serial scanner: cancel_read failed", exc_info=True)
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)
        self._close_port()
        self._thread = None
        self._report(ScannerState.STOPPED, "")

    def __enter__(self) -> SerialScanner:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    # -- reader thread ---------------------------------------------------------------------

    def _run(self) -> None:
        splitter = LineSplitter(self._config.terminator, self._config.encoding)
        while not self._stop.is_set():
            try:
                port = self._open()
            except (serial.SerialException, OSError, ValueError) as exc:
                self._report(ScannerState.ERROR, str(exc))
                self._stop.wait(self._config.retry_interval_s)
                continue
            self._report(ScannerState.CONNECTED, self._config.port)
            splitter.reset()
            try:
                self._read_until_failure(port, splitter)
            except (serial.SerialException, OSError, TypeError) as exc:
                # pyserial raises TypeError when the port is closed under a blocked read.
                if not self._stop.is_set():
                    self._report(ScannerState.DISCONNECTED, str(exc))
            finally:
                self._close_port()
            if not self._stop.is_set():
                self._stop.wait(self._config.retry_interval_s)

    def _open(self) -> serial.Serial:
        port = serial.Serial(
            self._config.port,
            self._config.baudrate,
            timeout=self._config.read_timeout_s,
            exclusive=True,
        )
        with self._lock:
            if self._stop.is_set():
                port.close()
                raise serial.SerialException("scanner stopped while opening")
            self._port = port
        return port

    def _read_until_failure(self, port: serial.Serial, splitter: LineSplitter) -> None:
        while not self._stop.is_set():
            data = port.read(max(1, port.in_waiting))
            if not data:
                continue
            for line in splitter.feed(data):
                self._deliver(line)

    def _deliver(self, line: str) -> None:
        log.info("serial scan received (%d characters)", len(line))
        try:
            self._on_scan(line)
        except Exception:
            log.exception("serial scanner: scan callback failed")

    def _close_port(self) -> None:
        with self._lock:
            port, self._port = self._port, None
        if port is not None:
            try:
                port.close()
            except (serial.SerialException, OSError):
                log.debug("serial scanner: error while closing", exc_info=True)

    def _report(self, state: ScannerState, detail: str) -> None:
        """Tell the callback about a change; the same error every retry is said once."""
        self._state = state
        if self._last_report == (state, detail):
            return
        self._last_report = (state, detail)
        if state is ScannerState.CONNECTED:
            log.info("serial scanner connected on %s", self._config.port)
        elif state in (ScannerState.ERROR, ScannerState.DISCONNECTED):
            log.warning("serial scanner %s: %s", state.value, detail)
        if self._on_state is None:
            return
        try:
            self._on_state(state, detail)
        except Exception:
            log.exception("serial scanner: state callback failed")
