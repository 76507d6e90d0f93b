"""Chain mode: many tills of one merchant, one head office in PostgreSQL.

Each till's SQLite journal stays the source of truth for its own money; nothing about a
payment waits for head office.  Around that, this package adds:

* ``sync``       ships journal rows and events to PostgreSQL in the background (cursor in
                 PostgreSQL, committed with the batch; idempotent upserts);
* ``backoffice`` the ASGI service (Starlette on uvicorn) receiving QFPay's notifications,
                 verified per 001, stored once, published with LISTEN/NOTIFY;
* ``listener``   a till's ear on those notifications, matched against its own journal and
                 handed to the engine as evidence of success (``EvidenceBoard``);
* ``budget``     the merchant-wide request budget (a token bucket row leased in small
                 batches), with a conservative local share when head office is unreachable;
* ``reports``    chain-wide totals and reconciliation read from PostgreSQL;
* ``schema``     Alembic migrations; ``database`` addresses and credentials;
* ``tempcluster`` a throw-away PostgreSQL for tests, benchmarks and demos.

Nothing here imports Qt or the UI, and the engine does not import this package: the till
hands the engine an ``EvidenceBoard`` and a budget through their small interfaces.
"""
