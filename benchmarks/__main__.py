"""Run the benchmarks and print their figures: ``python -m benchmarks [NAME ...]``.

Names: engine, ui, journal, chain (the quick set run without a name), soak and soak_machine.

``soak [examples] [steps]`` (issue 7's model-based test at a large size) and
``soak_machine --seconds 300`` (issue 8's six processes under one rate limit) take minutes and
run only when named; what follows the name goes to it.

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
    "soak": "benchmarks.soak",
    "soak_machine": "benchmarks.soak_machine",
}
#: Run by default (no names given); the soaks take minutes.
DEFAULT = ("engine", "ui", "journal", "chain")
#: Suites that take their own arguments: ``NAME [args...]`` runs that suite alone.
WITH_ARGS = ("soak", "soak_machine")


def main(argv: list[str]) -> int:
    if argv[:1] and argv[0] in WITH_ARGS:
        return int(importlib.import_module(SUITES[argv[0]]).main(argv[1:]) or 0)
    names = argv or list(DEFAULT)
    unknown = [n for n in names if n not in SUITES]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; choose from {', '.join(SUITES)}")
        return 2
    status = 0
    for name in names:
        print(f"== {name} ==")
        module = importlib.import_module(SUITES[name])
        result = module.main()
        status = status or int(result or 0)
        print()
    return status


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
