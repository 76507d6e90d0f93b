"""Review 2: the chain's shared budget never holds a payment longer than a moment.

The client bounds its wait for a rate-limit slot by the call's deadline, but a limiter's own
``try_acquire`` is one step of that wait: a lease stuck behind a row lock at head office (an
administrator's open transaction, a stalled migration) held the payment, every other request
of the till (its budget lock is held meanwhile) and the cashier's cancel, for as long as the
lock lasted.  "A till that cannot reach head office never waits for it" must cover a head
office that answers the connection but not the statement.
"""

from __future__ import annotations

import threading
import time

from pos_app.chain.budget import ChainBudget
from pos_app.chain.database import connect


def test_a_lease_stuck_behind_a_row_lock_falls_back_to_the_local_share(headoffice):
    budget = ChainBudget(headoffice.dsn, merchant="M1", till_id="T1")
    try:
        deadline = time.monotonic() + 10
        while budget.source != "shared" and time.monotonic() < deadline:
            time.sleep(0.01)
        assert budget.source == "shared"
        waits: list[float] = []
        with connect(headoffice.dsn) as holder:  # a transaction holding the bucket's row
            holder.execute("SELECT 1 FROM rate_budget WHERE merchant = 'M1' FOR UPDATE")
            taker = threading.Thread(target=lambda: waits.append(budget.try_acquire()))
            taker.daemon = True
            taker.start()
            taker.join(8.0)
            stuck = taker.is_alive()
            holder.rollback()  # let a stuck lease go, whatever happened
        taker.join(10.0)
    finally:
        budget.close()
    assert not stuck, "the lease waited on head office's row lock"
    assert waits == [0.0]  # a slot from the local share, at once
    assert budget.spent_local == 1 and budget.source == "local"
