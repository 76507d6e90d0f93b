"""Printing for people and for scripts.

Plain mode writes short English lines for a cashier at a terminal.  ``--json`` mode writes
exactly one JSON object per line on stdout (progress events, then one final object), so a
driving program can react to each step, e.g. show the QR code the moment it exists, and
can detect where a run stopped if the process dies.  Errors always go to stderr, in both
modes, so stdout stays machine-readable.
"""

from __future__ import annotations

import json
import sys
import threading
from decimal import Decimal
from typing import Any, TextIO


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "value") and isinstance(value.value, str):  # enums
        return value.value
    return value


class Reporter:
    """One place that knows whether the run speaks JSON or English."""

    def __init__(
        self, json_mode: bool, out: TextIO | None = None, err: TextIO | None = None
    ) -> None:
        self.json_mode = json_mode
        self._out = out or sys.stdout
        self._err = err or sys.stderr
        # Engine callbacks may come from another thread than the main one.  stdout and
        # stderr have a lock each, never held together: a stderr nobody reads must not
        # freeze the progress lines (or the other way round).
        self._lock = threading.Lock()
        self._err_lock = threading.Lock()
        #: The ``exit_code`` of the final answer once it is printed (see :meth:`result`).
        self.final_exit: int | None = None
        self.finished = False

    @property
    def out(self) -> TextIO:
        return self._out

    def event(self, kind: str, text: str | None = None, **fields: Any) -> None:
        """A progress step: a JSON line, or the ``text`` line in plain mode (if any)."""
        with self._lock:
            if self.json_mode:
                record = {"event": kind, **{k: v for k, v in fields.items() if v is not None}}
                self._out.write(json.dumps(_plain(record), sort_keys=False) + "\n")
            elif text:
                self._out.write(text + "\n")
            self._out.flush()

    def result(self, text: str, **fields: Any) -> None:
        """The final answer of a command: the last JSON line, or ``text`` in plain mode."""
        self.event("result", text, **fields)
        code = fields.get("exit_code")
        self.final_exit = int(code) if code is not None else None
        self.finished = True

    def line(self, text: str) -> None:
        """Human-only output (tables, QR drawings); JSON mode leaves it out."""
        if not self.json_mode:
            with self._lock:
                self._out.write(text + "\n")
                self._out.flush()

    def error(self, text: str) -> None:
        """One clear line on stderr; JSON runs also get an ``error`` event on stdout."""
        with self._err_lock:
            self._err.write(f"qfpay-pos: {text}\n")
            self._err.flush()
        if self.json_mode:
            with self._lock:
                self._out.write(json.dumps({"event": "error", "message": text}) + "\n")
                self._out.flush()

    def warn(self, text: str) -> None:
        """A note on stderr that does not change the outcome."""
        with self._err_lock:
            self._err.write(f"qfpay-pos: {text}\n")
            self._err.flush()
