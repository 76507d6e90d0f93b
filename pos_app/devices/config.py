"""Reading device configuration from the till's settings (``pos_app.settings``).

The settings file speaks the shop owner's language (one "suffix" string, one printer
"target"); the drivers want precise parameters.  The translation lives here, in one place,
so the UI and the CLI build identical devices from the same file.
"""

from __future__ import annotations

import stat
from pathlib import Path

from pos_app.devices.printers import PrinterConfig
from pos_app.devices.serial_scanner import SerialScannerConfig
from pos_app.devices.wedge import DEFAULT_TERMINATORS, WedgeConfig
from pos_app.settings import PrinterSettings, ScannerSettings

#: Pause some scanners make before the final Enter, allowed on top of the key gap.
_MIN_TERMINATOR_GAP_MS = 80.0


def wedge_config_from_settings(scanner: ScannerSettings) -> WedgeConfig:
    """Split the settings' suffix into the characters to strip and the terminating key.

    ``suffix="\\r"`` (the default) means "ends with Enter"; ``"#\\r"`` means a ``#`` then
    Enter; a suffix with no line end means the scanner sends no Enter, so a scan ends when
    the keys stop coming.
    """
    suffix = scanner.suffix
    stripped = suffix.rstrip("".join(DEFAULT_TERMINATORS))
    max_gap = float(scanner.wedge_max_interkey_ms)
    return WedgeConfig(
        max_gap_ms=max_gap,
        terminator_gap_ms=max(max_gap, _MIN_TERMINATOR_GAP_MS),
        min_length=scanner.wedge_min_length,
        prefix=scanner.prefix,
        suffix=stripped,
        require_terminator=stripped != suffix,
    )


def serial_config_from_settings(scanner: ScannerSettings) -> SerialScannerConfig | None:
    """The serial scanner, or ``None`` when the till has none configured."""
    if not scanner.serial_port:
        return None
    return SerialScannerConfig(scanner.serial_port, scanner.serial_baud)


def printer_config_from_settings(printer: PrinterSettings) -> PrinterConfig:
    """Map the settings' printer kinds onto the drivers.

    The settings know one ``file`` kind for two different things: a character device (a
    printer's ``/dev/usb/lp0``), which gets raw ESC/POS, and an ordinary file, which gets
    readable text.  Sending ESC/POS escapes into a text file, or plain text to a printer
    without a cut, would both be wrong, so the target decides.
    """
    kind = printer.kind
    if kind == "file":
        return PrinterConfig(
            kind="file" if _is_device(printer.target) else "text",
            target=printer.target,
            width=printer.width_chars,
        )
    if kind in ("serial", "usb", "network"):
        return PrinterConfig(
            kind=kind,  # type: ignore[arg-type]  # narrowed by the tuple check above
            target=printer.target,
            baudrate=printer.baud,
            width=printer.width_chars,
        )
    return PrinterConfig(kind="none", width=printer.width_chars)


def _is_device(target: str) -> bool:
    if not target:
        return False
    path = Path(target)
    try:
        return stat.S_ISCHR(path.stat().st_mode)
    except OSError:
        # Not plugged in right now: a path under /dev is still a device.
        return path.is_absolute() and path.parts[:2] == ("/", "dev")
