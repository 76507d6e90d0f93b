"""Device configuration read from the till's real settings dataclasses."""

from __future__ import annotations

import os
from pathlib import Path

from pos_app.devices.config import (
    printer_config_from_settings,
    serial_config_from_settings,
    wedge_config_from_settings,
)
from pos_app.settings import PrinterSettings, ScannerSettings


def test_default_scanner_settings_end_with_enter() -> None:
    config = wedge_config_from_settings(ScannerSettings())
    assert config.require_terminator
    assert config.suffix == ""
    assert config.max_gap_ms == 50
    assert config.terminator_gap_ms >= config.max_gap_ms
    assert config.min_length == 10


def test_suffix_before_enter_and_no_enter_at_all() -> None:
    with_hash = wedge_config_from_settings(ScannerSettings(prefix="]Q", suffix="#\r\n"))
    assert (with_hash.prefix, with_hash.suffix, with_hash.require_terminator) == ("]Q", "#", True)
    no_enter = wedge_config_from_settings(ScannerSettings(suffix=""))
    assert not no_enter.require_terminator


def test_serial_scanner_only_when_a_port_is_set() -> None:
    assert serial_config_from_settings(ScannerSettings()) is None
    config = serial_config_from_settings(
        ScannerSettings(serial_port="/dev/ttyACM0", serial_baud=115200)
    )
    assert config is not None
    assert (config.port, config.baudrate) == ("/dev/ttyACM0", 115200)


def test_printer_file_kind_splits_devices_from_text_files(tmp_path: Path) -> None:
    text = printer_config_from_settings(
        PrinterSettings(kind="file", target=str(tmp_path / "r.txt"))
    )
    assert text.kind == "text"
    master, slave = os.openpty()
    try:
        device = printer_config_from_settings(
            PrinterSettings(kind="file", target=os.ttyname(slave))
        )
    finally:
        os.close(master)
        os.close(slave)
    assert device.kind == "file"
    unplugged = printer_config_from_settings(PrinterSettings(kind="file", target="/dev/usb/lp9"))
    assert unplugged.kind == "file"
    assert printer_config_from_settings(PrinterSettings(kind="file")).kind == "text"


def test_printer_network_and_none(tmp_path: Path) -> None:
    net = printer_config_from_settings(
        PrinterSettings(kind="network", target="192.0.2.5", width_chars=32, baud=9600)
    )
    assert (net.kind, net.target, net.width) == ("network", "192.0.2.5", 32)
    none = printer_config_from_settings(PrinterSettings())
    assert none.kind == "none"
