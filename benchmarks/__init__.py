"""The till's performance figures; run them all with ``python -m benchmarks``."""
