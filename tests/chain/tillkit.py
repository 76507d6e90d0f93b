"""A real till for the chain tests: training gateway over HTTP, signed client, SQLite journal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from engine.conftest import PAID_CODE, POOR_CODE, WECHAT_CPM, WECHAT_MPM, fast_config, make_client

from pos_app.engine import Journal, PaymentEngine
from pos_app.qfpay.client import QFPayClient
from pos_app.training.server import TrainingGateway


class Till:
    """One till: its own journal and engine, talking to a shared training gateway."""

    def __init__(
        self, gateway: TrainingGateway, folder: Path, till_id: str = "T1", **engine: Any
    ) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.till_id = till_id
        self.journal_path = folder / f"journal-{till_id}.sqlite3"
        self.journal = Journal(self.journal_path)
        self.client: QFPayClient = make_client(gateway, **engine.pop("client", {}))
        self.engine = PaymentEngine(
            self.client,
            self.journal,
            till_id=till_id,
            cashier=engine.pop("cashier", "amy"),
            config=engine.pop("config", None) or fast_config(),
            **engine,
        )

    def pay(self, cents: int = 1234, code: str = PAID_CODE) -> Any:
        return self.engine.pay_cpm(txamt=cents, currency="HKD", pay_type=WECHAT_CPM, auth_code=code)

    def start_mpm(self, cents: int = 1234, **kw: Any) -> Any:
        return self.engine.start_mpm(txamt=cents, currency="HKD", pay_type=WECHAT_MPM, **kw)

    def decline(self, cents: int = 500) -> Any:
        return self.pay(cents, POOR_CODE)

    def close(self) -> None:
        self.client.close_client()
        self.journal.close()


def journal_counts(journal: Journal) -> tuple[int, int]:
    """(transactions, events) in a journal file, via its own connection."""
    conn = journal._conn
    with journal._lock:
        tx = conn.execute("SELECT COUNT(*) FROM transactions").fetchone()[0]
        ev = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    return int(tx), int(ev)
