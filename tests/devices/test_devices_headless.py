"""The device drivers work without Qt: importing them must not pull PySide6 in."""

from __future__ import annotations

import subprocess
import sys

DRIVERS = (
    "pos_app.devices",
    "pos_app.devices.wedge",
    "pos_app.devices.serial_scanner",
    "pos_app.devices.layout",
    "pos_app.devices.receipt",
    "pos_app.devices.day_report",
    "pos_app.devices.printers",
    "pos_app.devices.config",
)


def test_drivers_import_no_qt() -> None:
    script = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in DRIVERS)
        + "qt = sorted(m for m in sys.modules if m.startswith('PySide6'))\n"
        + "print(qt)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"
