"""``python -m pos_app.training``: run the training gateway on its own.

Useful for a trainer's machine or for driving the CLI against it by hand.  It prints the base
URL and the (public) training credentials, then serves until interrupted.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from types import FrameType

from pos_app.training import wallets
from pos_app.training.credentials import TRAINING_CREDENTIALS
from pos_app.training.server import TrainingGateway


def _parser() -> argparse.ArgumentParser:
    table = "\n".join(
        f"  ...{suffix:<6} {code}  {text}" for suffix, code, text in wallets.suffix_table()
    )
    parser = argparse.ArgumentParser(
        prog="python -m pos_app.training",
        description="Run the QFPay training gateway on loopback.",
        epilog=f"Training payment codes (last four digits):\n{table}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default loopback)")
    parser.add_argument("--port", type=int, default=0, help="port (default: any free port)")
    parser.add_argument("--store", default=None, help="SQLite file that keeps the orders")
    parser.add_argument(
        "--mpm-expiry-seconds",
        type=float,
        default=None,
        help="expire unpaid QR orders after this many seconds instead of expired_time",
    )
    parser.add_argument("--mchid", default=None, help="require this mchid on requests")
    parser.add_argument(
        "--pending-queries",
        type=int,
        default=wallets.DEFAULT_PENDING_QUERIES,
        help="enquiries a ...1143/...1145 payment stays in progress (default %(default)s)",
    )
    parser.add_argument(
        "--rate-limit",
        action="store_true",
        help="answer HTTP 429 past QFPay's 100 requests/s and 400/min, as the real gateway does",
    )
    parser.add_argument(
        "--notify-url",
        default=None,
        help="POST signed asynchronous notifications of successes to this URL",
    )
    parser.add_argument(
        "--notify-time-scale",
        type=float,
        default=1.0,
        help="multiply the notification retry schedule (2m..15h) by this, e.g. 0.001",
    )
    parser.add_argument("--verbose", action="store_true", help="log every request")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Serve until SIGINT/SIGTERM; returns the exit status."""
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(name)s %(levelname)s %(message)s",
    )
    done = threading.Event()

    def _stop(signum: int, frame: FrameType | None) -> None:
        del signum, frame
        done.set()

    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    gateway = TrainingGateway(
        args.host,
        args.port,
        store_path=args.store,
        mpm_expiry_seconds=args.mpm_expiry_seconds,
        mchid=args.mchid,
        pending_queries=args.pending_queries,
        rate_limits=(100, 400) if args.rate_limit else None,
        notify_url=args.notify_url,
        notify_time_scale=args.notify_time_scale,
    )
    with gateway:
        out = sys.stdout
        out.write(f"base_url: {gateway.base_url}\n")
        out.write(f"app_code: {TRAINING_CREDENTIALS.app_code}\n")
        out.write(f"client_key: {TRAINING_CREDENTIALS.client_key}\n")
        out.write(f"mchid: {gateway.mchid or '(none)'}\n")
        out.write("training credentials are public; they work only on this gateway\n")
        out.flush()
        while not done.wait(0.5):
            pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
