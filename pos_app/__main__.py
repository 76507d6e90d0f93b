"""Allows ``python -m pos_app`` to behave exactly like the ``qfpay-pos`` console script."""

from pos_app.cli import main

raise SystemExit(main())
