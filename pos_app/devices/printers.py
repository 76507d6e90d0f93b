"""Receipt printers: ESC/POS devices (USB, serial, network, device file) and a text file.

Printing is never on the money path: the journal already holds the transaction, so a jammed
or unplugged printer raises :class:`PrinterError` with a cashier-facing message and the UI
offers a reprint from history.  Printing blocks (USB, serial and sockets are slow), so call
these from a worker thread, never from the GUI thread; each printer serialises its own jobs.

The factory :func:`make_printer` builds the right printer from a :class:`PrinterConfig`
(see ``pos_app.devices.config`` for reading one from the till's settings).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol, runtime_checkable

from escpos import printer as escpos_printer
from escpos.exceptions import Error as EscposError

from pos_app.devices.layout import WIDTH_80MM, center, check_width
from pos_app.devices.receipt import TRAINING_BANNER, Receipt, render_text
from pos_app.i18n import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

PrinterKind = Literal["none", "text", "file", "usb", "serial", "network"]
CodeStyle = Literal["code128", "qr", "none"]

PRINT_FAILED = QT_TRANSLATE_NOOP(
    "devices", "The receipt could not be printed. Check the printer, then reprint from history."
)

#: Characters receipt printers' code pages lack, and what to print instead.
_PRINTABLE_SUBSTITUTES = str.maketrans({"—": "-", "–": "-", "…": "...", "‘": "'", "’": "'"})


class PrinterError(Exception):
    """The printer failed; ``str()`` is the cashier-facing message, ``detail`` the cause."""

    def __init__(self, detail: str) -> None:
        super().__init__(PRINT_FAILED)
        self.detail = detail


@runtime_checkable
class ReceiptPrinter(Protocol):
    """What the UI and CLI print through."""

    def print_receipt(self, receipt: Receipt) -> None: ...

    def print_lines(self, lines: Sequence[str]) -> None: ...


class NullPrinter:
    """No printer configured: receipts stay on screen."""

    def print_receipt(self, receipt: Receipt) -> None:
        del receipt

    def print_lines(self, lines: Sequence[str]) -> None:
        del lines


class TextFilePrinter:
    """Appends receipts to a UTF-8 text file: training mode, or a till without a printer."""

    SEPARATOR = "=" * 8 + " end of receipt " + "=" * 8

    def __init__(self, path: Path, width: int = WIDTH_80MM) -> None:
        self.path = Path(path)
        self.width = check_width(width)
        self._lock = threading.Lock()

    def print_receipt(self, receipt: Receipt) -> None:
        self.print_lines(render_text(receipt, self.width))

    def print_lines(self, lines: Sequence[str]) -> None:
        text = "\n".join([*lines, self.SEPARATOR, ""])
        with self._lock:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                with self.path.open("a", encoding="utf-8") as handle:
                    handle.write(text)
                    handle.flush()
                    os.fsync(handle.fileno())
            except OSError as exc:
                raise PrinterError(f"{self.path}: {exc}") from exc


class EscposPrinter:
    """Prints through any python-escpos device object (Usb, Serial, Network, File, Dummy).

    ``device_factory`` is called for each job so a printer that was switched off between
    receipts is simply reopened; pass ``lambda: device`` to reuse one object (tests, Dummy).
    """

    def __init__(
        self,
        device_factory: Callable[[], Any],
        width: int = WIDTH_80MM,
        *,
        code: CodeStyle = "code128",
        close_after_job: bool = True,
    ) -> None:
        self._factory = device_factory
        self.width = check_width(width)
        self.code = code
        self._close_after_job = close_after_job
        self._lock = threading.Lock()

    def print_receipt(self, receipt: Receipt) -> None:
        lines = render_text(receipt, self.width)
        emphasised = set(center(receipt.merchant_name, self.width))
        if receipt.training:
            emphasised.update(center(TRAINING_BANNER, self.width))
        self._job(lambda device: self._receipt_job(device, lines, emphasised, receipt))

    def print_lines(self, lines: Sequence[str]) -> None:
        self._job(lambda device: self._text(device, lines, set()))

    # -- jobs ------------------------------------------------------------------------------

    def _job(self, body: Callable[[Any], None]) -> None:
        with self._lock:
            device = None
            try:
                device = self._factory()
                body(device)
                device.cut()
            except (EscposError, OSError, ValueError, RuntimeError) as exc:
                log.warning("receipt printer failed: %s", exc)
                raise PrinterError(str(exc)) from exc
            finally:
                if device is not None and self._close_after_job:
                    try:
                        device.close()
                    except (EscposError, OSError):
                        log.debug("closing the printer failed", exc_info=True)

    def _receipt_job(
        self, device: Any, lines: list[str], emphasised: set[str], receipt: Receipt
    ) -> None:
        self._text(device, lines, emphasised)
        data = receipt.barcode_data
        if self.code == "qr":
            device.set(align="center")  # qr() cannot centre a native code itself
            device.qr(data, native=True, size=5)
        elif self.code == "code128":
            payload = code128_payload(data)
            # The hardware renderer directly: the public barcode() prints chatter to stdout,
            # which would corrupt the CLI's machine-readable output.
            device._hw_barcode(
                payload, "CODE128", height=64, width=2, function_type="B", check=False
            )
        device.set_with_default()

    def _text(self, device: Any, lines: Sequence[str], emphasised: set[str]) -> None:
        device.set_with_default()
        for line in lines:
            bold = line in emphasised
            if bold:
                device.set(bold=True)
            device.textln(line.translate(_PRINTABLE_SUBSTITUTES))
            if bold:
                device.set(bold=False)


def code128_payload(data: str) -> str:
    """ESC/POS CODE128 data for ``data``: digit pairs in code set C, everything else in B.

    A 26-digit ``syssn`` in code set B is too wide for 80 mm paper; set C packs two digits
    per symbol, halving the width, so long numbers stay scannable on both paper sizes.
    """
    if not data or not data.isascii() or "{" in data:
        raise ValueError(f"cannot encode {data!r} as CODE128")
    if not data.isdigit():
        return "{B" + data
    head = ""
    if len(data) % 2:
        head, data = "{B" + data[0], data[1:]
    pairs = "".join(chr(int(data[i : i + 2])) for i in range(0, len(data), 2))
    return head + "{C" + pairs


@dataclass(frozen=True, slots=True)
class PrinterConfig:
    """Which printer, and how to reach it.

    ``target`` by kind: ``text`` a file path (empty: ``receipts.txt`` in the data dir);
    ``file`` a device path such as ``/dev/usb/lp0``; ``serial`` a port such as
    ``/dev/ttyUSB0``; ``network`` ``host`` or ``host:port`` (port 9100 by default); ``usb``
    ``vendor:product`` in hex, e.g. ``04b8:0202``.
    """

    kind: PrinterKind = "none"
    target: str = ""
    baudrate: int = 19200
    width: int = WIDTH_80MM
    code: CodeStyle = "code128"
    profile: str | None = None

    def __post_init__(self) -> None:
        check_width(self.width)
        if self.kind in ("file", "serial", "network", "usb") and not self.target:
            raise ValueError(f"a {self.kind} printer needs a target")
        if self.kind == "network":
            _host_port(self.target)
        elif self.kind == "usb":
            _usb_ids(self.target)


#: Where a training till without a printer keeps its receipts, inside the data dir.
TRAINING_RECEIPTS_FILE = "training-receipts.txt"


def make_printer(
    config: PrinterConfig, data_dir: Path, *, training: bool = False
) -> ReceiptPrinter:
    """Build the configured printer; nothing is opened until the first receipt.

    A training till with no printer still "prints" to a text file in the data dir, so a
    trainee can see what the customer would be handed.
    """
    if config.kind == "none":
        if training:
            return TextFilePrinter(Path(data_dir) / TRAINING_RECEIPTS_FILE, config.width)
        return NullPrinter()
    if config.kind == "text":
        path = Path(config.target) if config.target else Path(data_dir) / "receipts.txt"
        return TextFilePrinter(path, config.width)
    return EscposPrinter(_device_factory(config), config.width, code=config.code)


def _device_factory(config: PrinterConfig) -> Callable[[], Any]:
    profile: dict[str, Any] = {"profile": config.profile} if config.profile else {}
    if config.kind == "file":
        return lambda: _opened(escpos_printer.File(config.target, **profile))
    if config.kind == "serial":
        return lambda: _opened(
            escpos_printer.Serial(config.target, baudrate=config.baudrate, **profile)
        )
    if config.kind == "network":
        host, port = _host_port(config.target)
        return lambda: _opened(escpos_printer.Network(host, port, timeout=10, **profile))
    vendor, product = _usb_ids(config.target)
    return lambda: _opened(escpos_printer.Usb(vendor, product, **profile))


def _opened(device: Any) -> Any:
    device.open()
    return device


def _host_port(target: str) -> tuple[str, int]:
    host, sep, port = target.rpartition(":")
    if not sep:
        return target, 9100
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"network printer must be host or host:port, not {target!r}")
    return host, int(port)


def _usb_ids(target: str) -> tuple[int, int]:
    try:
        vendor, product = (int(part, 16) for part in target.split(":"))
    except ValueError:
        raise ValueError(f"USB printer id must be vendor:product in hex, not {target!r}") from None
    return vendor, product
