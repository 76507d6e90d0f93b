"""Receipt printers: ESC/POS bytes from python-escpos's own renderer, files and a pty."""

from __future__ import annotations

import os
import select
import socket
import threading
from datetime import datetime
from pathlib import Path

import pytest
from escpos.constants import PAPER_FULL_CUT
from escpos.printer import Dummy, File

from pos_app.devices.printers import (
    TRAINING_RECEIPTS_FILE,
    EscposPrinter,
    NullPrinter,
    PrinterConfig,
    PrinterError,
    ReceiptPrinter,
    TextFilePrinter,
    code128_payload,
    make_printer,
)
from pos_app.devices.receipt import Receipt, ReceiptKind

SYSSN = "20261122180000020000123456"
AUTH = "283854702356157409"
BOLD_ON = b"\x1bE\x01"
BOLD_OFF = b"\x1bE\x00"
GS_K_CODE128 = b"\x1dkI"  # GS k, m=73: CODE128, function type B
GS_QR = b"\x1d(k"


def receipt(training: bool = False) -> Receipt:
    return Receipt(
        merchant_name="Lucky Tea House",
        till_id="T7QX2A",
        cashier="Alice",
        when=datetime(2026, 11, 22, 18, 5, 9),
        kind=ReceiptKind.PAYMENT,
        txamt=1234,
        currency="HKD",
        wallet="Alipay",
        out_trade_no="T7QX2A-20261122-000042",
        status="PAID",
        syssn=SYSSN,
        auth_code=AUTH,
        training=training,
    )


def test_escpos_output_has_text_bold_title_barcode_and_cut() -> None:
    dummy = Dummy()
    EscposPrinter(lambda: dummy, 42, close_after_job=False).print_receipt(receipt())
    out = dummy.output
    assert b"Lucky Tea House" in out
    title = out.index(b"Lucky Tea House")
    before_title = out[:title]
    assert before_title.rindex(BOLD_ON) > before_title.rindex(BOLD_OFF)
    assert BOLD_OFF in out[title : out.index(b"Till")]
    assert b"HKD 12.34" in out
    assert b"**************7409" in out
    assert AUTH.encode() not in out
    payload = code128_payload(SYSSN).encode()
    assert GS_K_CODE128 + bytes([len(payload)]) + payload in out
    assert out.endswith(PAPER_FULL_CUT)


def test_escpos_qr_option_and_training_banner_in_plain_ascii() -> None:
    dummy = Dummy()
    printer = EscposPrinter(lambda: dummy, 32, code="qr", close_after_job=False)
    printer.print_receipt(receipt(training=True))
    out = dummy.output
    assert GS_QR in out
    assert SYSSN.encode() in out[out.index(GS_QR) :]
    assert out.count(b"TRAINING - NOT A REAL PAYMENT") == 2  # em dash made printable
    assert GS_K_CODE128 not in out


def test_escpos_print_lines_cuts_without_barcode() -> None:
    dummy = Dummy()
    EscposPrinter(lambda: dummy, close_after_job=False).print_lines(["DAY CLOSE", "Net 1"])
    assert b"DAY CLOSE\n" in dummy.output
    assert PAPER_FULL_CUT in dummy.output
    assert GS_K_CODE128 not in dummy.output


def test_code128_packs_digits_in_set_c() -> None:
    assert code128_payload("1234") == "{C" + chr(12) + chr(34)
    assert code128_payload("12345") == "{B1{C" + chr(23) + chr(45)
    assert code128_payload("AB-1") == "{BAB-1"
    with pytest.raises(ValueError):
        code128_payload("")


def test_escpos_file_printer_writes_a_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "lp0"
    config = PrinterConfig(kind="file", target=str(target), width=32)
    printer = make_printer(config, tmp_path)
    printer.print_receipt(receipt())
    data = target.read_bytes()
    assert b"Lucky Tea House" in data
    assert PAPER_FULL_CUT in data


def test_escpos_file_printer_writes_to_a_real_pty(tmp_path: Path) -> None:
    master, slave = os.openpty()
    try:
        printer = EscposPrinter(lambda: _opened_file(os.ttyname(slave)), 42)
        printer.print_lines(["hello printer"])
        received = b""
        while PAPER_FULL_CUT not in received:
            ready, _, _ = select.select([master], [], [], 5)
            assert ready, f"printer output stopped after {received!r}"
            received += os.read(master, 4096)
        assert b"hello printer" in received
    finally:
        os.close(master)
        os.close(slave)


def _opened_file(path: str) -> File:
    device = File(path)
    device.open()
    return device


def test_unreachable_printer_raises_a_cashier_message(tmp_path: Path) -> None:
    config = PrinterConfig(kind="file", target=str(tmp_path / "missing-dir" / "lp0"))
    printer = make_printer(config, tmp_path)
    with pytest.raises(PrinterError) as caught:
        printer.print_receipt(receipt())
    assert "reprint" in str(caught.value)
    assert "missing-dir" in caught.value.detail


def test_text_file_printer_appends_receipts(tmp_path: Path) -> None:
    printer = make_printer(PrinterConfig(kind="text", width=32), tmp_path / "data")
    assert isinstance(printer, TextFilePrinter)
    printer.print_receipt(receipt(training=True))
    printer.print_lines(["second"])
    text = (tmp_path / "data" / "receipts.txt").read_text(encoding="utf-8")
    assert "TRAINING — NOT A REAL PAYMENT" in text
    assert "HKD 12.34" in text
    assert AUTH not in text
    assert text.count(TextFilePrinter.SEPARATOR) == 2
    assert text.index("Lucky Tea House") < text.index("second")


def test_training_till_without_printer_prints_to_the_data_dir(tmp_path: Path) -> None:
    printer = make_printer(PrinterConfig(kind="none"), tmp_path, training=True)
    printer.print_receipt(receipt(training=True))
    text = (tmp_path / TRAINING_RECEIPTS_FILE).read_text(encoding="utf-8")
    assert "TRAINING — NOT A REAL PAYMENT" in text
    assert isinstance(make_printer(PrinterConfig(kind="none"), tmp_path), NullPrinter)


def test_text_file_printer_failure_is_a_printer_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    with pytest.raises(PrinterError):
        TextFilePrinter(blocker / "receipts.txt").print_lines(["x"])


def test_factory_kinds_and_validation(tmp_path: Path) -> None:
    assert isinstance(make_printer(PrinterConfig(), tmp_path), NullPrinter)
    for config in (
        PrinterConfig(kind="network", target="192.0.2.10:9100"),
        PrinterConfig(kind="serial", target="/dev/ttyUSB0", baudrate=38400),
        PrinterConfig(kind="usb", target="04b8:0202"),
    ):
        printer = make_printer(config, tmp_path)
        assert isinstance(printer, EscposPrinter)
        assert isinstance(printer, ReceiptPrinter)
    for bad in (
        {"kind": "usb", "target": "epson"},
        {"kind": "network", "target": "host:notaport"},
        {"kind": "serial", "target": ""},
        {"kind": "text", "width": 100},
    ):
        with pytest.raises(ValueError):
            PrinterConfig(**bad)  # type: ignore[arg-type]


def test_network_printer_over_real_tcp(tmp_path: Path) -> None:
    """A loopback socket stands in for the printer's port 9100."""
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    received = bytearray()

    def accept() -> None:
        conn, _ = server.accept()
        with conn:
            while chunk := conn.recv(4096):
                received.extend(chunk)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        printer = make_printer(
            PrinterConfig(kind="network", target=f"127.0.0.1:{port}", code="qr"), tmp_path
        )
        printer.print_receipt(receipt())
        thread.join(5)
    finally:
        server.close()
    assert not thread.is_alive()  # the printer closed the connection after the job
    assert b"Lucky Tea House" in received
    assert GS_QR in received
    assert bytes(received).endswith(PAPER_FULL_CUT)


def test_network_printer_refused_is_a_printer_error(tmp_path: Path) -> None:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]  # closed again: nothing listens there
    printer = make_printer(PrinterConfig(kind="network", target=f"127.0.0.1:{port}"), tmp_path)
    with pytest.raises(PrinterError):
        printer.print_lines(["x"])


def test_serial_printer_over_a_pty_pair(pair, tmp_path: Path) -> None:
    printer = make_printer(
        PrinterConfig(kind="serial", target=str(pair.till_side), baudrate=9600), tmp_path
    )
    printer.print_lines(["serial receipt"])
    received = pair.receive_until(PAPER_FULL_CUT)
    assert b"serial receipt" in received
