"""Run the benchmarks and print their figures: ``python -m benchmarks [name ...]``.

Names: engine, ui, journal, chain (the default set) and soak.

``soak [examples] [steps]`` (issue 7's model-based test at a large size) runs only when named.

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
}
#: Run by default (no names given); the soak takes minutes.
DEFAULT = ("engine", "ui", "journal", "chain")


def main(argv: list[str]) -> int:
    if argv[:1] == ["soak"]:  # ``soak [examples] [steps]``
        return int(importlib.import_module(SUITES["soak"]).main(argv[1:]))
    names = argv or list(DEFAULT)
    unknown = [n for n in names if n not in SUITES]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; choose from {', '.join(SUITES)}")
        return 2
    status = 0
    for name in names:
        print(f"== {name} ==")
        module = importlib.import_module(SUITES[name])
        result = module.main([]) if name == "soak" else module.main()
        status = status or int(result or 0)
        print()
    return status


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
