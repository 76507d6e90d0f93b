"""Run the benchmarks and print their figures: ``python -m benchmarks [NAME ...]``.

Names: engine, ui, journal, chain, soak_machine.  Without a name, the quick suites run;
``soak_machine`` takes minutes and runs only when named
(``python -m benchmarks soak_machine --seconds 300``; flags go to it).

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
    "soak_machine": "benchmarks.soak_machine",
}
QUICK = ("engine", "ui", "journal", "chain")


def main(argv: list[str]) -> int:
    names = [a for a in argv if a.isidentifier()]  # suite names; the rest are its flags
    flags = [a for a in argv if a not in names]
    names = names or list(QUICK)
    unknown = [n for n in names if n not in SUITES]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; choose from {', '.join(SUITES)}")
        return 2
    for name in names:
        print(f"== {name} ==")
        module = importlib.import_module(SUITES[name])
        if name == "soak_machine":
            module.main(flags)
        else:
            module.main()
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
