"""A full or read-only disk under a real CLI process (issue 8).

The data directory sits on a small tmpfs mounted for the test (the tests run as root, here
and in CI); the engine-level test in ``tests/engine/test_storage.py`` injects the same
failure at the SQLite layer where nothing can be mounted.
"""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from clihelpers import CPM, PAID_CODE, Till

from pos_app.engine.states import TxState
from pos_app.training import TrainingGateway


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        pytest.fail(f"these tests need root to mount a tmpfs: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


@pytest.fixture
def disk_till(disk: Path, gateway: TrainingGateway) -> Till:
    return Till(disk / "till", gateway)


def fill(directory: Path, leave: int = 0) -> Path:
    """Write zeros until the disk is full (or only ``leave`` bytes remain)."""
    import os

    filler = directory / "filler"
    with open(filler, "wb") as out:
        chunk = b"\0" * 16384
        with contextlib.suppress(OSError):
            while True:
                stats = os.statvfs(directory)
                free = stats.f_bavail * stats.f_frsize
                if free - len(chunk) < leave:
                    break
                out.write(chunk)
                out.flush()
    return filler


def test_a_full_disk_is_refused_before_anything_is_sent(disk: Path, disk_till: Till) -> None:
    assert disk_till.pay(PAID_CODE, "1.00").returncode == 0
    fill(disk, leave=100_000)
    result = disk_till.pay(PAID_CODE, "2.00")
    assert result.returncode == 5, result.stderr
    assert "full" in result.stderr and "Nothing was sent" in result.stderr
    assert len(disk_till.gateway.store.all()) == 1


def test_a_disk_that_fills_mid_payment_leaves_the_sale_recoverable(
    disk: Path, disk_till: Till
) -> None:
    assert disk_till.pay(PAID_CODE, "1.00").returncode == 0
    disk_till.gateway.faults.add("latency", endpoint="/trade/v1/payment", delay=2.0, times=1)
    live = disk_till.start(
        "pay", "--amount", "50", "--pay-type", CPM, "--auth-code", PAID_CODE,
        "--poll-interval", "0.05", "--http-timeout", "10",
    )  # fmt: skip
    sent = live.wait_for(lambda e: e.get("state") == "SENT", timeout=30)
    filler = fill(disk)
    assert live.finish(timeout=60) == 4
    final = live.events[-1]
    assert final["event"] == "result" and final["status"] == "UNKNOWN"
    assert final["out_trade_no"] == sent["out_trade_no"] and "recover" in final["message"]
    filler.unlink()
    row = next(r for r in disk_till.journal_rows() if r.out_trade_no == sent["out_trade_no"])
    assert row.state is TxState.SENT  # journaled as sent, never as anything it was not
    recovered = disk_till.run("recover", "--poll-interval", "0.05")
    assert recovered.returncode == 0, recovered.stderr
    row = next(r for r in disk_till.journal_rows() if r.out_trade_no == sent["out_trade_no"])
    order = disk_till.gateway.store.by_out_trade_no(row.out_trade_no)
    assert row.state is TxState.PAID and order is not None and row.syssn == order.syssn


def test_read_only_storage_is_a_clean_specific_error(disk: Path, disk_till: Till) -> None:
    assert disk_till.pay(PAID_CODE, "1.00").returncode == 0
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
    result = disk_till.pay(PAID_CODE, "2.00")
    assert result.returncode == 5, result.stderr
    assert "read-only" in result.stderr and "Traceback" not in result.stderr
    assert len(disk_till.gateway.store.all()) == 1


def test_a_damaged_journal_stops_the_cli_before_anything_is_sent(till: Till) -> None:
    assert till.pay(PAID_CODE, "1.00").returncode == 0
    data = bytearray(till.journal_path.read_bytes())
    for number in range(2, len(data) // 4096):
        data[number * 4096 : number * 4096 + 8] = b"\xff" * 8
    till.journal_path.write_bytes(bytes(data))
    result = till.pay(PAID_CODE, "2.00")
    assert result.returncode == 5 and "damaged" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and len(till.gateway.store.all()) == 1
    till.journal_path.unlink()
    gone = till.run("history")
    assert gone.returncode == 5 and "disappeared" in gone.stderr
    assert not till.journal_path.exists()
