"""The one bridge between the till's widgets and the blocking engine.

Every engine call (payment, cancel, refund, recovery, gateway ping) is an *op*: a callable
run on the worker's own ``QThreadPool``, whose ``success``/``failure`` callbacks are delivered
on the GUI thread through a queued signal.  Widgets are never touched from a pool thread, and
the engine never sees a widget.  Engine events (raised on pool threads) are re-emitted as the
``engine_event`` Qt signal, again queued to the GUI thread.

Failures that the caller does not handle land in ``report_error``: the details go to the log
and one ``error`` signal carries a plain message for the cashier, so no exception on a money
path is swallowed silently.
"""

from __future__ import annotations

import itertools
import logging
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6 import QtCore
from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QRunnable,
    QThread,
    QThreadPool,
    Signal,
    Slot,
)

from pos_app.i18n import QT_TRANSLATE_NOOP
from pos_app.ui.i18n import tr_core, tr_message

log = logging.getLogger(__name__)

#: How long a pool thread (or the in-process training gateway) may hold the GIL before the
#: GUI thread gets a turn.  Python's default, 5 ms, let two busy threads keep the GUI waiting
#: 7-11 ms in the MPM flow (measured); at 1 ms the longest stall went from ~7 to ~5 ms.
GUI_SWITCH_INTERVAL_S = 0.001

SuccessFn = Callable[[Any], None]
FailureFn = Callable[[BaseException], None]


def is_gui_thread() -> bool:
    """Whether the caller runs on the thread that owns the QApplication."""
    app = QCoreApplication.instance()
    return app is not None and QThread.currentThread() == app.thread()


def assert_gui_thread() -> None:
    """Fail loudly if slot code that touches widgets runs on a worker thread."""
    assert is_gui_thread(), "widget code called off the GUI thread"


def user_message(exc: BaseException) -> str:
    """A cashier-readable sentence for ``exc`` (core messages are marked for translation)."""
    status = getattr(exc, "status", None)
    cashier = getattr(status, "cashier_message", None)
    if isinstance(cashier, str) and cashier:
        return tr_core("status", cashier)
    message = getattr(exc, "message", None)
    if isinstance(message, str) and message:
        return tr_message(message)
    return tr_core(
        "worker",
        QT_TRANSLATE_NOOP("worker", "Something went wrong. Details were written to the log."),
    )


def _is_journal_damage(exc: BaseException | None) -> bool:
    """A :class:`JournalDamagedError` (looked up, not imported: the first paint loads no
    engine, and an error of a module nobody loaded cannot be the one raised)."""
    errors = sys.modules.get("pos_app.engine.errors")
    return errors is not None and isinstance(exc, errors.JournalDamagedError)


@dataclass
class Op:
    """A running (or finished) background call and what to do when it ends."""

    op_id: int
    label: str
    success: SuccessFn | None
    failure: FailureFn | None
    done: threading.Event = field(default_factory=threading.Event)
    result: Any = None
    error: BaseException | None = None


class _Relay(QObject):
    """What pool threads emit on: a parentless object the running ops keep alive.

    A pool thread must never emit a signal of the ``Worker`` itself: the worker is a child of
    a window, and when that window is deleted while an op (a receipt being printed, say) is
    still running, the thread would emit on a QObject under destruction, a segfault.  Each
    runnable holds a Python reference to the relay, so the object it emits on outlives it;
    the queued connection to the worker is dropped by Qt when the worker goes, so nothing is
    delivered to a deleted worker.
    """

    op_finished = Signal(int, bool)
    engine_event = Signal(object)


class _Runnable(QRunnable):
    """Runs one op on a pool thread; only emits a signal, touches nothing else."""

    def __init__(self, op: Op, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._op = op
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        ok = True
        try:
            self._op.result = self._fn()
        except BaseException as exc:
            ok = False
            self._op.error = exc
        self._relay.op_finished.emit(self._op.op_id, ok)


class Worker(QObject):
    """Runs engine calls off the GUI thread and brings their outcomes back onto it."""

    engine_event = Signal(object)
    error = Signal(str, str)  # (short title, cashier message)
    #: An op found the journal damaged (a bad page read while running): the till must stop.
    journal_damaged = Signal(str)
    busy_changed = Signal(int)

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 4) -> None:
        super().__init__(parent)
        if sys.getswitchinterval() > GUI_SWITCH_INTERVAL_S:
            # Python threads now run beside the GUI: keep the GUI thread's GIL waits short.
            sys.setswitchinterval(GUI_SWITCH_INTERVAL_S)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._ids = itertools.count(1)
        self._ops: dict[int, Op] = {}
        self._lock = threading.Lock()
        self._relay = _Relay()  # no parent: see _Relay
        self._relay_connected = False
        self._connect_lock = threading.Lock()

    def _connected_relay(self) -> _Relay:
        """The relay, connected to this worker (queued) before its first use.

        Naming ``Qt.ConnectionType`` builds the whole ``Qt`` namespace (see
        :mod:`pos_app.ui.qtprops`, ~40 ms): the window makes its worker before the first
        paint and starts its first op after it, so the connections are made then.  Qt's
        ``connect`` is thread-safe (an engine event may come first, from a pool thread); the
        lock makes it happen once.
        """
        if not self._relay_connected:
            with self._connect_lock:
                if not self._relay_connected:
                    queued = QtCore.Qt.ConnectionType.QueuedConnection
                    self._relay.op_finished.connect(self._deliver, queued)
                    self._relay.engine_event.connect(self._relay_event, queued)
                    self._relay_connected = True
        return self._relay

    def run(
        self,
        fn: Callable[[], Any],
        *,
        success: SuccessFn | None = None,
        failure: FailureFn | None = None,
        label: str = "",
    ) -> Op:
        """Start ``fn`` on the pool; callbacks run later on the GUI thread."""
        assert_gui_thread()
        op = Op(next(self._ids), label or getattr(fn, "__name__", "op"), success, failure)
        with self._lock:
            self._ops[op.op_id] = op
        self.busy_changed.emit(len(self._ops))
        self._pool.start(_Runnable(op, fn, self._connected_relay()))
        return op

    def engine_sink(self, event: object) -> None:
        """Engine ``on_event`` callback: safe to call from any thread."""
        self._connected_relay().engine_event.emit(event)

    def in_flight(self) -> list[Op]:
        """Ops started and not yet delivered, e.g. to warn before closing the window."""
        with self._lock:
            return list(self._ops.values())

    def wait_for_done(self, msecs: int = -1) -> bool:
        """Block until the pool is idle (used on shutdown so no transaction is abandoned)."""
        return self._pool.waitForDone(msecs)

    def report_error(self, exc: BaseException, label: str = "") -> None:
        """The one place unhandled failures end: full details to the log, a sentence to the UI."""
        log.error("operation %s failed", label or "?", exc_info=(type(exc), exc, exc.__traceback__))
        self.error.emit(label, user_message(exc))

    @Slot(object)
    def _relay_event(self, event: object) -> None:
        assert_gui_thread()
        self.engine_event.emit(event)

    @Slot(int, bool)
    def _deliver(self, op_id: int, ok: bool) -> None:
        assert_gui_thread()
        with self._lock:
            op = self._ops.pop(op_id, None)
        if op is None:
            return
        self.busy_changed.emit(len(self._ops))
        op.done.set()
        try:
            if ok:
                if op.success is not None:
                    op.success(op.result)
            else:
                assert op.error is not None
                if op.failure is not None:
                    op.failure(op.error)
                else:
                    self.report_error(op.error, op.label)
        except Exception as exc:
            self.report_error(exc, f"{op.label} callback")
        if not ok and _is_journal_damage(op.error):
            self.journal_damaged.emit(user_message(op.error))  # type: ignore[arg-type]
