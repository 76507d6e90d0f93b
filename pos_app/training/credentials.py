"""The training gateway's published credentials.

Training mode must run with no QFPay account at all, so the stand-in gateway accepts one
fixed app code and key that anyone may read (they are printed by ``python -m
pos_app.training``).  No real gateway knows them.

This is the *gateway's* record of its one merchant, kept in its own small type so the
gateway imports nothing of the client.  The client's ``Credentials`` object for training
mode is built from the same two strings by ``pos_app.credentials.training_credentials()``,
tagged with the ``training`` environment so the client refuses to send them to a real host.
"""

from __future__ import annotations

from dataclasses import dataclass, field

TRAINING_APP_CODE = "TRAINING0APPCODE0000000000000000"
TRAINING_CLIENT_KEY = "TRAINING0CLIENTKEY00000000000000"


@dataclass(frozen=True)
class GatewayCredentials:
    """The merchant account a gateway serves; the key never shows in ``repr``."""

    app_code: str
    client_key: str = field(repr=False)
    mchid: str | None = None
    environment: str = "training"


TRAINING_CREDENTIALS = GatewayCredentials(
    app_code=TRAINING_APP_CODE, client_key=TRAINING_CLIENT_KEY
)
