"""Serving a loopback HTTP server on a daemon thread: the gateway's and the hostile proxy's.

Both stand-ins (:class:`~pos_app.training.server.TrainingGateway` and
:class:`~pos_app.training.hostile.HostileProxy`) are started by tests and by
``python -m pos_app.training``, used as context managers, and stopped from another thread;
the thread handling lives here once.  (The training package stays independent of
``pos_app.qfpay``, so this is its own.)
"""

from __future__ import annotations

import threading
from http.server import ThreadingHTTPServer
from types import TracebackType
from typing import Self

#: How often ``serve_forever`` looks for a shutdown request (seconds): stop() is prompt.
POLL_INTERVAL = 0.05
#: How long stop() waits for the serving thread to end (seconds).
JOIN_TIMEOUT = 5.0


class ServedOnThread:
    """Start/stop on a daemon thread, and the context manager; subclasses bind and clean up."""

    _thread: threading.Thread | None = None

    def start(self) -> Self:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    def _serve(self, server: ThreadingHTTPServer, name: str) -> None:
        """Serve *server* on a daemon thread named *name* (a dead test never hangs on it)."""
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": POLL_INTERVAL},
            name=name,
            daemon=True,
        )
        self._thread.start()

    def _join(self) -> None:
        """Wait for the serving thread to end (after ``server.shutdown()``)."""
        if self._thread is not None:
            self._thread.join(timeout=JOIN_TIMEOUT)
            self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
