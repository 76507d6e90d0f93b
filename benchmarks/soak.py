"""A longer run of issue 7's model-based test: ``python -m benchmarks soak [examples] [steps]``.

The same hypothesis state machine as ``tests/engine/test_model.py`` (sales, cancels, refunds,
crashes and recoveries against the real loopback gateway, any documented or undocumented
answer or fault at every step), at a size CI cannot afford.  It prints the size, the time
taken and the result; a failure prints hypothesis' shrunk counter-example and exits 1.
"""

from __future__ import annotations

import sys
import time

from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test

DEFAULT_EXAMPLES = 60
DEFAULT_STEPS = 20


def main(argv: list[str] | None = None) -> int:
    """Run the soak; returns 0 when every invariant held."""
    args = list(sys.argv[2:] if argv is None else argv)
    examples = int(args[0]) if args else DEFAULT_EXAMPLES
    steps = int(args[1]) if len(args) > 1 else DEFAULT_STEPS
    from tests.engine.test_model import TillModel

    started = time.perf_counter()
    print(f"soak: {examples} runs of up to {steps} steps against the training gateway")
    try:
        run_state_machine_as_test(
            TillModel,
            settings=settings(
                max_examples=examples,
                stateful_step_count=steps,
                deadline=None,
                suppress_health_check=list(HealthCheck),
                database=None,
            ),
        )
    except AssertionError as exc:
        print(f"soak: FAILED after {time.perf_counter() - started:.0f}s: {exc}")
        return 1
    print(f"soak: every invariant held; {time.perf_counter() - started:.0f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
