"""Real pseudo-terminal pairs standing in for a serial scanner's cable."""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import time
from pathlib import Path

SOCAT = shutil.which("socat") or "/usr/bin/socat"


class SocatPair:
    """Two linked ptys at fixed paths; stopping socat is pulling the scanner's plug."""

    def __init__(self, directory: Path) -> None:
        self.device_side = directory / "scanner-device"  # the scanner writes here
        self.till_side = directory / "scanner-till"  # the till opens this one
        self._process: subprocess.Popen[bytes] | None = None
        self._fd: int | None = None

    def plug_in(self, timeout: float = 5.0) -> None:
        self._process = subprocess.Popen(
            [
                SOCAT,
                f"pty,raw,echo=0,link={self.device_side}",
                f"pty,raw,echo=0,link={self.till_side}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + timeout
        while not (self.device_side.exists() and self.till_side.exists()):
            if time.monotonic() > deadline or self._process.poll() is not None:
                raise RuntimeError("socat did not create the pty links")
            time.sleep(0.005)
        self._fd = os.open(self.device_side, os.O_RDWR | os.O_NOCTTY)

    def send(self, data: bytes) -> None:
        assert self._fd is not None, "plug the scanner in first"
        os.write(self._fd, data)

    def receive_until(self, marker: bytes, timeout: float = 5.0) -> bytes:
        """Read what the till sent to the device side until ``marker`` arrives."""
        assert self._fd is not None, "plug the scanner in first"
        received = b""
        deadline = time.monotonic() + timeout
        while marker not in received:
            remaining = deadline - time.monotonic()
            ready, _, _ = select.select([self._fd], [], [], max(0.0, remaining))
            if not ready:
                raise TimeoutError(f"{marker!r} not received; got {received!r}")
            received += os.read(self._fd, 4096)
        return received

    @property
    def plugged(self) -> bool:
        return self._process is not None

    def unplug(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        if self._process is not None:
            self._process.terminate()
            self._process.wait(5)
            self._process = None
        deadline = time.monotonic() + 5
        while self.till_side.exists() or self.device_side.exists():
            if time.monotonic() > deadline:
                raise RuntimeError("socat left its links behind")
            time.sleep(0.005)
