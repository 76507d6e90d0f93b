"""Chain mode under load: 50 simulated tills, one PostgreSQL, one training gateway.

Figures (printed, never asserted):

* **wallet confirms -> till knows**: from the simulated wallet paying an MPM order (and QFPay
  sending its notification, signed per 001, to the back office) to the till's engine
  reporting PAID; with notifications, and with polling only.  Target: median < 100 ms with
  notifications.
* **requests a minute to QFPay** across all tills, counted at the wire (every request every
  client sent), as the largest count in any sliding 60 s window.  Ceiling: 400.
* **sync lag under load**: from a sale's PAID in the till's journal to the row being PAID in
  PostgreSQL.
* **back-office notification throughput**: signed notifications a second, each committed
  before ``SUCCESS``.

Everything is real: initdb'd PostgreSQL, uvicorn back office, HTTP gateway, SQLite journals.
The tills share one Python process (threads), so the figures include GIL contention a real
chain of separate machines would not have.  ``CHAIN_BENCH_SECONDS`` sets each phase's length.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, ClassVar

import httpx

from pos_app.chain.budget import ChainBudget
from pos_app.chain.database import connect
from pos_app.chain.evidence import EvidenceBoard
from pos_app.chain.listener import NotificationListener
from pos_app.chain.schema import migrate
from pos_app.chain.sync import SyncWorker
from pos_app.chain.tempcluster import TempCluster
from pos_app.credentials import training_credentials
from pos_app.engine import EngineConfig, Journal, PaymentEngine, TxState
from pos_app.qfpay.client import QFPayClient
from pos_app.training import TrainingGateway

TILLS = int(os.environ.get("CHAIN_BENCH_TILLS", "50"))
PHASE = float(os.environ.get("CHAIN_BENCH_SECONDS", "40"))
KEY = training_credentials().client_key
WECHAT_MPM = "800201"


class CountingTransport(httpx.HTTPTransport):
    """Every request any till sends to QFPay, timestamped at the wire."""

    sent: ClassVar[list[float]] = []
    lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        with self.lock:
            self.sent.append(time.monotonic())
        return super().handle_request(request)


def _signed(body: dict[str, Any]) -> tuple[bytes, dict[str, str]]:
    raw = json.dumps(body).encode()
    sign = hashlib.md5(raw + KEY.encode(), usedforsecurity=False).hexdigest().upper()
    return raw, {"Content-Type": "application/json", "X-QF-SIGN": sign}


def _note(order: Any) -> dict[str, Any]:
    return {
        "status": "1",
        "pay_type": order.pay_type,
        "txcurrcd": order.txcurrcd,
        "txamt": str(order.txamt),
        "out_trade_no": order.out_trade_no,
        "syssn": order.syssn,
        "txdtm": order.txdtm,
        "sysdtm": order.sysdtm,
        "paydtm": order.paydtm,
        "cancel": "0",
        "respcd": "0000",
        "notify_type": "payment",
    }


class SimTill:
    def __init__(
        self, n: int, folder: Path, dsn: str, gateway: TrainingGateway, notify: bool
    ) -> None:
        self.till_id = f"{'N' if notify else 'P'}{n:03d}"
        self.path = folder / f"{self.till_id}.sqlite3"
        self.journal = Journal(self.path)
        self.budget = ChainBudget(dsn, merchant="BENCH", till_id=self.till_id, expected_tills=TILLS)
        self.client = QFPayClient(
            training_credentials(),
            gateway.base_url,
            rate_limiter=self.budget,  # type: ignore[arg-type]
            transport=CountingTransport(),
        )
        self.engine = PaymentEngine(
            self.client,
            self.journal,
            till_id=self.till_id,
            cashier="bench",
            config=EngineConfig(mpm_timeout=120.0, mpm_intervals=(2.0, 2.0, 3.0)),
        )
        self.sync = SyncWorker(
            self.path, dsn, till_id=self.till_id, environment="training", shop=f"S{n % 20:02d}"
        ).start()
        self.board: EvidenceBoard | None = None
        self.listener: NotificationListener | None = None
        if notify:
            self.board = EvidenceBoard()
            self.engine.evidence = self.board
            self.listener = NotificationListener(dsn, self.journal, self.board).start()

    def close(self) -> None:
        if self.listener:
            self.listener.stop()
        self.sync.stop()
        self.budget.close()
        self.client.close_client()
        self.journal.close()


def _run_phase(
    tills: list[SimTill],
    gateway: TrainingGateway,
    notify_url: str | None,
    seconds: float,
    dsn: str,
) -> tuple[list[float], list[float]]:
    """Each till sells MPM orders back to back; a wallet pays each 0.2-1.5 s after its QR.

    Returns (wallet confirms -> till knows, PAID in journal -> PAID in PostgreSQL)."""
    latencies: list[float] = []
    paid_at: dict[str, float] = {}
    lag: dict[str, float] = {}
    wallets: list[threading.Thread] = []
    lock = threading.Lock()
    end = time.monotonic() + seconds
    http = httpx.Client(timeout=10, limits=httpx.Limits(max_connections=64))
    done = threading.Event()

    def sample_sync() -> None:
        with connect(dsn, autocommit=True) as conn:
            while True:
                with lock:
                    waiting = [o for o in paid_at if o not in lag]
                if done.is_set() and (not waiting or time.monotonic() > end + 60):
                    return
                if waiting:
                    rows = conn.execute(
                        "SELECT out_trade_no FROM sales WHERE state = 'PAID' "
                        "AND out_trade_no = ANY(%s)",
                        (waiting,),
                    ).fetchall()
                    now = time.monotonic()
                    with lock:
                        for (otn,) in rows:
                            lag[otn] = max(0.0, now - paid_at[otn])
                time.sleep(0.02)

    def run(till: SimTill, seed: int) -> None:
        rng = random.Random(seed)
        while time.monotonic() < end:
            confirmed: dict[str, float] = {}

            def on_event(event: Any, confirmed: dict = confirmed) -> None:
                if event.kind == "qrcode":

                    def wallet() -> None:
                        time.sleep(rng.uniform(0.2, 1.5))  # the customer scans and confirms
                        confirmed["t0"] = time.monotonic()
                        order = gateway.simulate_scan(event.out_trade_no)
                        if notify_url:
                            raw, headers = _signed(_note(order))
                            http.post(notify_url, content=raw, headers=headers)

                    thread = threading.Thread(target=wallet, daemon=True)
                    with lock:
                        wallets.append(thread)
                    thread.start()
                elif event.kind == "state" and event.state is TxState.PAID and "t0" in confirmed:
                    now = time.monotonic()
                    with lock:
                        latencies.append(now - confirmed["t0"])
                        paid_at[event.out_trade_no] = now

            till.engine.on_event = on_event
            till.engine.start_mpm(
                txamt=rng.randint(100, 99_900), currency="HKD", pay_type=WECHAT_MPM
            )

    sampler = threading.Thread(target=sample_sync, daemon=True)
    sampler.start()
    threads = [threading.Thread(target=run, args=(t, i)) for i, t in enumerate(tills)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for w in list(wallets):
        w.join()
    done.set()
    sampler.join(90)
    http.close()
    return latencies, list(lag.values())


def _max_per_minute(stamps: list[float]) -> int:
    stamps = sorted(stamps)
    return max((bisect.bisect_left(stamps, s + 60.0) - i for i, s in enumerate(stamps)), default=0)


def _throughput(url: str, count: int = 2000, workers: int = 8) -> float:
    notes = [
        _signed(
            _note(
                type(
                    "O",
                    (),
                    {
                        "pay_type": "800201",
                        "txcurrcd": "HKD",
                        "txamt": 100 + i,
                        "out_trade_no": f"TP{i:06d}",
                        "syssn": f"2026113000000{i:013d}",
                        "txdtm": "2026-11-30 10:00:00",
                        "sysdtm": "2026-11-30 10:00:00",
                        "paydtm": "2026-11-30 10:00:01",
                    },
                )()
            )
        )
        for i in range(count)
    ]
    ok = [0] * workers

    def send(w: int) -> None:
        with httpx.Client(timeout=30) as http:
            for raw, headers in notes[w::workers]:
                if http.post(url, content=raw, headers=headers).text == "SUCCESS":
                    ok[w] += 1

    start = time.perf_counter()
    threads = [threading.Thread(target=send, args=(w,)) for w in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.perf_counter() - start
    assert sum(ok) == count, f"only {sum(ok)} of {count} notifications were accepted"
    return count / took


def _fmt(samples: list[float]) -> str:
    if not samples:
        return "no samples"
    ms = sorted(s * 1000 for s in samples)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    return f"median {statistics.median(ms):7.1f} ms  p95 {p95:7.1f} ms  (n={len(ms)})"


def _start_backoffice(dsn: str) -> tuple[subprocess.Popen[str], str]:
    """The real ``qfpay-pos backoffice serve`` in its own process (its own GIL)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pos_app",
            "--env",
            "training",
            "backoffice",
            "serve",
            "--database",
            dsn,
            "--bind",
            f"127.0.0.1:{port}",
            "--pool",
            "8",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None and "serving" in proc.stdout.readline()
    base = f"http://127.0.0.1:{port}"
    for _ in range(500):
        try:
            if httpx.get(base + "/health").status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.02)
    return proc, base + "/qfpay/notify"


def main() -> None:
    with (
        tempfile.TemporaryDirectory() as tmp,
        TempCluster() as cluster,
        TrainingGateway() as gateway,
    ):
        os.environ["PGPASSWORD"] = cluster.password
        migrate(cluster.dsn)
        proc, url = _start_backoffice(cluster.dsn)
        print(f"{TILLS} tills, one PostgreSQL, one training gateway, {PHASE:.0f} s per phase")
        started = time.monotonic()
        results = {}
        try:
            for label, notify in (("notifications", True), ("polling only", False)):
                folder = Path(tmp) / label.replace(" ", "_")
                folder.mkdir()
                tills = [SimTill(i, folder, cluster.dsn, gateway, notify) for i in range(TILLS)]
                if notify:
                    for t in tills:
                        assert t.listener is not None and t.listener.wait_live(30)
                results[label] = _run_phase(
                    tills, gateway, url if notify else None, PHASE, cluster.dsn
                )
                for t in tills:
                    t.close()
            stamps = CountingTransport.sent
            for label, (latencies, _) in results.items():
                print(f"wallet confirms -> till knows, {label:13}: {_fmt(latencies)}")
            for label, (_, lag) in results.items():
                print(f"sync lag, PAID in journal -> in PostgreSQL, {label:13}: {_fmt(lag)}")
            span = max(stamps) - min(stamps) if stamps else 0.0
            print(
                f"requests to QFPay: {len(stamps)} in {span:.0f} s; "
                f"most in any 60 s window: {_max_per_minute(stamps)} (ceiling 400)"
            )
            rate = _throughput(url)
            print(f"back office: {rate:.0f} notifications/s verified, committed, answered SUCCESS")
            print(f"(total run {time.monotonic() - started:.0f} s)")
        finally:
            proc.send_signal(signal.SIGINT)
            proc.wait(20)


if __name__ == "__main__":
    main()
