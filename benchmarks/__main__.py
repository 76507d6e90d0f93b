"""Run every benchmark and print its figures: ``python -m benchmarks [engine|ui|journal|chain]``.

Benchmarks print measurements (as ratios against a baseline measured in the same run where
possible); they never fail a build on timing, unlike a timed unit test would.
"""

from __future__ import annotations

import importlib
import sys

SUITES = {
    "engine": "benchmarks.engine_bench",
    "ui": "benchmarks.ui_bench",
    "journal": "benchmarks.journal_bench",
    "chain": "benchmarks.chain_bench",
}


def main(argv: list[str]) -> int:
    names = argv or list(SUITES)
    unknown = [n for n in names if n not in SUITES]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; choose from {', '.join(SUITES)}")
        return 2
    for name in names:
        print(f"== {name} ==")
        importlib.import_module(SUITES[name]).main()
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
