"""The training gateway's published credentials.

Training mode must run with no QFPay account at all, so the stand-in gateway accepts one
fixed app code and key that anyone may read (they are printed by ``python -m
pos_app.training``).  They are tagged with the ``training`` environment so the client refuses
to send them to a real QFPay host, and no real gateway knows them anyway.
"""

from __future__ import annotations

from pos_app.qfpay.models import Credentials

TRAINING_APP_CODE = "TRAINING0APPCODE0000000000000000"
TRAINING_CLIENT_KEY = "TRAINING0CLIENTKEY00000000000000"

TRAINING_CREDENTIALS = Credentials(
    app_code=TRAINING_APP_CODE,
    client_key=TRAINING_CLIENT_KEY,
    mchid=None,
    environment="training",
)
