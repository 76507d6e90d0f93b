"""The engine's plan for this till: the engine's defaults with the settings' and the run's
timing overrides applied (tests and scripts shrink everything to milliseconds)."""

from __future__ import annotations

import dataclasses
from typing import Any

from pos_app.engine.events import EngineConfig, WalletTiming
from pos_app.settings import Settings


def engine_config(
    settings: Settings, *, poll_interval: float | None = None, timeout: float | None = None
) -> EngineConfig:
    """``poll_interval`` and ``timeout`` (a run's options) win over the settings' timing."""
    config = EngineConfig()
    timing = settings.timing
    interval = poll_interval or timing.poll_interval_s
    deadline = timeout or timing.cpm_timeout_s
    changes: dict[str, Any] = {"mpm_timeout": timeout or timing.mpm_timeout_s}
    if interval is not None or deadline is not None:

        def adjust(plan: WalletTiming) -> WalletTiming:
            return dataclasses.replace(
                plan,
                deadline=deadline if deadline is not None else plan.deadline,
                intervals=(interval,) if interval is not None else plan.intervals,
            )

        changes["wallet_timings"] = {k: adjust(v) for k, v in config.wallet_timings.items()}
        changes["default_timing"] = adjust(config.default_timing)
    if interval is not None:
        changes["mpm_intervals"] = (interval,)
        changes["refund_intervals"] = (interval,)
        changes["cancel_intervals"] = (interval,)
    if timeout is not None:
        changes["refund_timeout"] = timeout
        changes["cancel_give_up"] = max(timeout, 1.0)
        # A run told to finish within ``timeout`` cannot wait out the default index lag;
        # it still never takes "not found" at once (a quarter of its time, at most 10 s).
        changes["index_lag"] = min(config.index_lag, timeout / 4)
    return dataclasses.replace(config, **changes)
