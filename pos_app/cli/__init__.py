"""The headless command line over the same engine the window uses (``qfpay-pos``).

Split by concern: :mod:`.parser` (grammar), :mod:`.runtime` (the arguments' face on the
shared composition root, :mod:`pos_app.runtime`), :mod:`.sales` (money commands),
:mod:`.admin` (everything else), :mod:`.output` (plain or JSON lines), :mod:`.exitcodes`
(the contract with scripts).
"""

from __future__ import annotations

from pos_app.cli.main import main

__all__ = ["main"]
