"""Helpers for running ``qfpay-pos`` as a real subprocess against a training gateway.

The gateway runs in the test process (so tests can arm faults, scan MPM codes and inspect
its order store), and the CLI reaches it with ``--env training --base-url``.  Each test has
its own config and data directories; the CLI's journal is opened read-side by the test to
check what was (or was not) recorded.
"""

from __future__ import annotations

import json
import os
import selectors
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from pos_app.engine.journal import Journal, TxRecord
from pos_app.training import TrainingGateway

PAID_CODE = "134567890123450001"
DECLINED_CODE = "134567890123451201"
PASSWORD_CODE = "134567890123451143"
NEVER_CODE = "134567890123459999"
CPM = "800208"  # WeChat Pay, customer shows code (reversal)
MPM = "800201"  # WeChat Pay, till shows code (close)


@dataclass
class CliResult:
    returncode: int
    stdout: str
    stderr: str
    events: list[dict[str, Any]] = field(default_factory=list)

    @property
    def final(self) -> dict[str, Any]:
        assert self.events, f"no JSON output; stderr={self.stderr!r}"
        return self.events[-1]


def parse_events(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]


@dataclass
class Till:
    """One till's directories plus the gateway it talks to."""

    root: Path
    gateway: TrainingGateway

    @property
    def config_dir(self) -> Path:
        return self.root / "config"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def journal_path(self) -> Path:
        return self.data_dir / "journal-training.sqlite3"

    def argv(self, *args: str, json_mode: bool = True, gateway: bool = True) -> list[str]:
        base = [sys.executable, "-m", "pos_app", "--env", "training"]
        if gateway:
            base += ["--base-url", self.gateway.base_url]
        base += ["--config-dir", str(self.config_dir), "--data-dir", str(self.data_dir)]
        if json_mode:
            base.append("--json")
        return [*base, *args]

    def env(self, **extra: str) -> dict[str, str]:
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("QFPAY_APPCODE", "QFPAY_KEY", "QFPAY_MCHID", "QFPAY_ENV"))
        }
        env["PYTHONUNBUFFERED"] = "1"
        env.update(extra)
        return env

    def run(
        self,
        *args: str,
        stdin: str = "",
        json_mode: bool = True,
        timeout: float = 60,
        env: dict[str, str] | None = None,
        gateway: bool = True,
    ) -> CliResult:
        proc = subprocess.run(
            self.argv(*args, json_mode=json_mode, gateway=gateway),
            input=stdin,
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env or self.env(),
            check=False,
        )
        events = parse_events(proc.stdout) if json_mode else []
        return CliResult(proc.returncode, proc.stdout, proc.stderr, events)

    def start(self, *args: str, stdin: str | None = None) -> LiveCli:
        proc = subprocess.Popen(
            self.argv(*args),
            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=self.env(),
        )
        if stdin is not None:
            assert proc.stdin is not None
            proc.stdin.write(stdin)
            proc.stdin.close()
        return LiveCli(proc)

    def journal_rows(self) -> list[TxRecord]:
        if not self.journal_path.exists():
            return []
        journal = Journal(self.journal_path)
        try:
            with journal.transaction() as conn:
                keys = [r[0] for r in conn.execute("SELECT out_trade_no FROM transactions")]
            return [rec for rec in (journal.get(k) for k in keys) if rec is not None]
        finally:
            journal.close()

    def pay(self, code: str = PAID_CODE, amount: str = "10.00", *extra: str) -> CliResult:
        return self.run(
            "pay", "--amount", amount, "--pay-type", CPM, "--auth-code", code,
            "--poll-interval", "0.05", *extra,
        )  # fmt: skip

    def add_manager(self, name: str = "mei", pin: str = "246810") -> None:
        result = self.run("manager", "add", name, stdin=f"{pin}\n{pin}\n")
        assert result.returncode == 0, result.stderr


class LiveCli:
    """A running CLI whose JSON lines are read as they come, to catch it at a step."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.proc = proc
        self.events: list[dict[str, Any]] = []
        self._buffer = ""
        self._selector = selectors.DefaultSelector()
        assert proc.stdout is not None
        os.set_blocking(proc.stdout.fileno(), False)
        self._selector.register(proc.stdout, selectors.EVENT_READ)

    def wait_for(
        self, predicate: Callable[[dict[str, Any]], bool], timeout: float = 20
    ) -> dict[str, Any]:
        """Read events until one matches; fail with everything seen if it never comes."""
        deadline = time.monotonic() + timeout
        seen = 0
        while True:
            for event in self.events[seen:]:
                if predicate(event):
                    return event
            seen = len(self.events)
            left = deadline - time.monotonic()
            if left <= 0 or (self.proc.poll() is not None and not self._pump(0)):
                err = self.proc.stderr.read() if self.proc.poll() is not None else ""  # type: ignore[union-attr]
                pytest.fail(f"step never reached; events={self.events} stderr={err!r}")
            self._pump(min(left, 0.5))

    def _pump(self, timeout: float) -> bool:
        got = False
        for _key, _mask in self._selector.select(timeout):
            assert self.proc.stdout is not None
            chunk = self.proc.stdout.read()
            if not chunk:
                continue
            got = True
            self._buffer += chunk
            *lines, self._buffer = self._buffer.split("\n")
            self.events.extend(json.loads(line) for line in lines if line.startswith("{"))
        return got

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait(timeout=10)
        self.close()

    def finish(self, timeout: float = 30) -> int:
        """Wait for the exit while draining stdout, so a chatty CLI never blocks on a pipe."""
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None:
            if time.monotonic() > deadline:
                self.proc.kill()
                pytest.fail(f"CLI did not finish; events={self.events[-5:]}")
            self._pump(0.1)
        while self._pump(0):
            pass
        code = self.proc.returncode
        self.close()
        return code

    def close(self) -> None:
        self._selector.close()
        for stream in (self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()
