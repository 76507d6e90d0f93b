"""Start the PyInstaller-built till and prove it takes a training payment.

    python tests/packaging/smoke_built_app.py dist/qfpay-pos/qfpay-pos

Why a script and not a pytest test: the build takes minutes on two cores, so CI builds
once (``.ci/run``) and runs this against the result; the pytest suite stays fast.  It checks
what only a frozen build can get wrong (a module loaded by name, a data file or a Qt plugin
left out), with the real binary, a real Xvfb server and real keystrokes:

1. the binary's ``pay`` subcommand takes a CPM training sale (engine, HTTP, journal, the
   built-in gateway all inside the bundle);
2. the window opens under Xvfb (``xdotool search --sync``), and a cashier's keystrokes (an
   amount, Enter, then a payment code typed as fast as a keyboard-wedge scanner) make a
   paid sale, read back from the journal file;
3. a fresh installation started without ``--env`` opens the set-up wizard.

Exit status 0 when all of it worked; otherwise the reason and the app's output.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

#: Ends in 0001: the training wallet pays at once (pos_app/training/wallets.py).
PAYS_AT_ONCE = "134567890123450001"
DEADLINE_S = 90.0


class SmokeFailure(Exception):
    """The built app did not do what a till must do."""


@contextlib.contextmanager
def xvfb() -> Iterator[str]:
    """A private X server at 1024x768 (the smallest till screen we support)."""
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-nolisten", "tcp", "-screen", "0", "1024x768x24"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        if not number.isdigit():
            raise SmokeFailure("Xvfb did not start")
        yield f":{number}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def cli_sale(binary: Path, env: dict[str, str]) -> dict[str, object]:
    """A CPM sale through the binary's own command line; returns its final JSON line."""
    sale = ["pay", "--amount", "1.00", "--pay-type", "800008", "--auth-code", PAYS_AT_ONCE]
    done = subprocess.run(
        [str(binary), "--env", "training", "--json", *sale],
        env=env,
        capture_output=True,
        text=True,
        timeout=DEADLINE_S,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    if done.returncode != 0 or not lines:
        raise SmokeFailure(
            f"'pay' exited {done.returncode}\nstdout:\n{done.stdout}\nstderr:\n{done.stderr}"
        )
    result: dict[str, object] = json.loads(lines[-1])
    if result.get("status") != "PAID":
        raise SmokeFailure(f"'pay' did not end paid: {result}")
    return result


def xdotool(display: str, *args: str, timeout: float = 30.0) -> str:
    done = subprocess.run(
        ["xdotool", *args],
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise SmokeFailure(f"xdotool {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout


def paid_sales(journal: Path) -> list[tuple[str, int]]:
    """Paid CPM sales in the journal, read-only, while the till keeps it open."""
    if not journal.exists():
        return []
    uri = f"file:{journal}?mode=ro"
    with contextlib.closing(sqlite3.connect(uri, uri=True, timeout=5)) as db:
        rows = db.execute(
            "SELECT out_trade_no, txamt FROM transactions WHERE state = 'PAID' AND mode = 'CPM'"
        ).fetchall()
    return [(str(a), int(b)) for a, b in rows]


def window_sale(binary: Path, env: dict[str, str], data_dir: Path) -> None:
    """Open the window under Xvfb and take a sale with keystrokes only."""
    journal = data_dir / "journal-training.sqlite3"
    before = len(paid_sales(journal))
    with xvfb() as display:
        app_env = {**env, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        log = data_dir / "window-output.txt"
        with log.open("w") as out:
            app = subprocess.Popen(
                [str(binary), "--env", "training"], env=app_env, stdout=out, stderr=out
            )
        try:
            wid = xdotool(display, "search", "--sync", "--onlyvisible", "--name", "QFPay till")
            window = wid.split()[0]
            print(f"window {window} is on screen")
            xdotool(display, "windowfocus", "--sync", window)
            # The sale screen comes alive once the core is attached (a second or two).
            deadline = time.monotonic() + DEADLINE_S
            while time.monotonic() < deadline:
                xdotool(display, "key", "--window", window, "Delete")
                xdotool(display, "type", "--delay", "40", "2.50")
                xdotool(display, "key", "Return")
                time.sleep(0.5)
                # A wedge scanner types fast and ends with Enter.
                xdotool(display, "type", "--delay", "8", PAYS_AT_ONCE)
                xdotool(display, "key", "Return")
                for _ in range(20):
                    if len(paid_sales(journal)) > before:
                        print(f"window sale paid: {paid_sales(journal)[-1]}")
                        return
                    time.sleep(0.5)
                if app.poll() is not None:
                    break
            raise SmokeFailure("no paid sale in the journal after typing one into the window")
        except SmokeFailure:
            print(log.read_text(errors="replace"), file=sys.stderr)
            raise
        finally:
            app.terminate()
            try:
                app.wait(timeout=20)
            except subprocess.TimeoutExpired:
                app.kill()
                app.wait()


def first_run_wizard(binary: Path, env: dict[str, str], root: Path) -> None:
    """A fresh installation started from the menu (no --env) opens the set-up wizard."""
    fresh = {**env, "QFPAY_POS_CONFIG_DIR": str(root / "fresh-config")}
    fresh["QFPAY_POS_DATA_DIR"] = str(root / "fresh-data")
    with xvfb() as display:
        app_env = {**fresh, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        app = subprocess.Popen(
            [str(binary)], env=app_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            xdotool(display, "search", "--sync", "--onlyvisible", "--name", "Set up the till")
            print("first run: the set-up wizard is on screen")
        finally:
            app.terminate()
            try:
                app.wait(timeout=20)
            except subprocess.TimeoutExpired:
                app.kill()
                app.wait()


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    binary = Path(argv[1]).resolve()
    for tool in ("Xvfb", "xdotool"):
        if shutil.which(tool) is None:
            print(f"{tool} is needed (apt-get install xvfb xdotool)", file=sys.stderr)
            return 2
    with tempfile.TemporaryDirectory(prefix="qfpay-smoke-") as tmp:
        root = Path(tmp)
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("QFPAY_", "PYTHON", "QT_"))
        }
        env.update(
            QFPAY_POS_CONFIG_DIR=str(root / "config"),
            QFPAY_POS_DATA_DIR=str(root / "data"),
            QFPAY_POS_CASHIER="smoke",
        )
        started = time.monotonic()
        try:
            result = cli_sale(binary, env)
            print(f"CLI sale paid: {result.get('out_trade_no')} ({result.get('amount')})")
            window_sale(binary, env, root / "data")
            first_run_wizard(binary, env, root)
        except (SmokeFailure, subprocess.TimeoutExpired) as exc:
            print(f"FAILED: {exc}", file=sys.stderr)
            return 1
        print(f"built app OK in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
