"""The built-in QFPay-compatible training gateway (loopback HTTP), its wallets and faults.

See ARCHITECTURE.md for the contract; ``server.py`` for the gateway, ``wallets.py`` for the
payment codes trainees use, ``faults.py`` for the failure knobs, ``control.py`` for the
``/training/v1/`` endpoints other processes drive it with.
"""

from __future__ import annotations

from pos_app.training.credentials import TRAINING_CREDENTIALS
from pos_app.training.server import TrainingGateway

__all__ = ["TRAINING_CREDENTIALS", "TrainingGateway"]
