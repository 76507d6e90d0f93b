"""The composition root: one place that turns settings and credentials into a working till.

Both faces of the till use it, in the manner of Electrum's ``simple_config`` / ``daemon``
pair: the window (:mod:`pos_app.ui.app`) and the command line (:mod:`pos_app.cli`) describe
*what* they want in a :class:`RunOptions` and let :class:`TillRuntime` decide the
environment, the journal file, whether to start the training gateway, and how to build the
client, the engine and its plan.  Neither face knows how the other is built, so the window
and ``qfpay-pos recover`` always look at the same journal and gateway.

Import cost matters: the window imports this package on its path to the first paint, so
nothing here loads httpx, sqlite3 or the engine's flows until a resource is asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pos_app.runtime.options import RunOptions, choose_environment, preview_environment
from pos_app.runtime.root import TRAINING, TillRuntime

if TYPE_CHECKING:
    from pos_app.runtime.plan import engine_config


def __getattr__(name: str) -> Any:
    """``engine_config`` is loaded on first use: it needs the engine's types."""
    if name == "engine_config":
        from pos_app.runtime.plan import engine_config  # noqa: PLC0415

        return engine_config
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "TRAINING",
    "RunOptions",
    "TillRuntime",
    "choose_environment",
    "engine_config",
    "preview_environment",
]
