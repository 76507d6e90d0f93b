"""A till in its own process, for the restart and shared-budget tests.

    python till_proc.py pay   JOURNAL DSN GATEWAY_URL TILL_ID COUNT   # pay + sync in background
    python till_proc.py sync  JOURNAL DSN TILL_ID                     # ship what is left, exit
    python till_proc.py spend DSN TILL_ID SECONDS GATEWAY_URL         # spend the chain budget

Each prints one line per step so the parent can decide when to kill it.
"""

from __future__ import annotations

import sys
import time

from pos_app.chain.sync import SyncWorker
from pos_app.credentials import training_credentials
from pos_app.engine import Journal, PaymentEngine
from pos_app.qfpay.client import QFPayClient
from pos_app.qfpay.ratelimit import RateLimiter


def pay(journal_path: str, dsn: str, url: str, till_id: str, count: int) -> None:
    from engine.conftest import PAID_CODE, WECHAT_CPM, fast_config

    journal = Journal(journal_path)
    client = QFPayClient(
        training_credentials(), url, rate_limiter=RateLimiter(per_second=10_000, per_minute=10**6)
    )
    engine = PaymentEngine(client, journal, till_id=till_id, cashier="bo", config=fast_config())
    worker = SyncWorker(
        journal_path, dsn, till_id=till_id, environment="training", batch_size=2, interval=0.01
    ).start()
    for i in range(count):
        outcome = engine.pay_cpm(
            txamt=100 + i, currency="HKD", pay_type=WECHAT_CPM, auth_code=PAID_CODE
        )
        worker.poke()
        print("paid", i, outcome.state.value, flush=True)
    worker.stop()


def sync(journal_path: str, dsn: str, till_id: str) -> None:
    with SyncWorker(journal_path, dsn, till_id=till_id, environment="training") as worker:
        print("shipped", worker.sync_all(), flush=True)


def spend(dsn: str, till_id: str, seconds: float, url: str) -> None:
    from pos_app.chain.budget import ChainBudget

    budget = ChainBudget(dsn, merchant="M1", till_id=till_id, expected_tills=4)
    client = QFPayClient(training_credentials(), url, rate_limiter=budget)  # type: ignore[arg-type]
    end = time.monotonic() + seconds
    sent = 0
    first = last = 0.0
    while time.monotonic() < end:
        first = first or time.time()  # before the first slot is taken
        client.query(out_trade_no="NOSUCHORDER")
        last = time.time()
        sent += 1
    print("sent", sent, first, last, budget.spent_local, flush=True)
    budget.close()
    client.close_client()


if __name__ == "__main__":
    command, *rest = sys.argv[1:]
    if command == "pay":
        pay(rest[0], rest[1], rest[2], rest[3], int(rest[4]))
    elif command == "sync":
        sync(rest[0], rest[1], rest[2])
    else:
        spend(rest[0], rest[1], float(rest[2]), rest[3])
