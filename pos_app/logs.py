"""The till's log file: what support reads after an incident at the counter.

The journal is the record of money; this log is the record of everything around it (HTTP
retries, scanner reconnects, worker errors).  It rotates in the data directory so a till
that runs for years never fills its disk.

Code already masks payment codes and never logs the client key.  The filter here is the
second line of defence for the one place every message passes: it blanks any configured
secret and masks any run of digits shaped like a wallet payment code, whoever logged it.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Any

from pos_app.files import private_file, tighten_data_dir

LOG_FILE_NAME = "till.log"
MAX_BYTES = 2_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"

# Payment codes are 16-24 digits (Alipay 16-24, WeChat 18, UnionPay 19).  QFPay's syssn is
# 26 digits and order numbers mix letters into their digits, so only a free-standing run of
# 16-24 digits (no letter or digit touching it) is masked.
_AUTH_CODE_RUN = re.compile(r"(?<![0-9A-Za-z])\d{12,20}(\d{4})(?![0-9A-Za-z])")


def mask_digit_runs(text: str) -> str:
    """Mask every digit run that could be a payment code down to its last four digits."""
    return _AUTH_CODE_RUN.sub(lambda m: "*" * (len(m.group(0)) - 4) + m.group(1), text)


class RedactingFilter(logging.Filter):
    """Rewrites each record's final message with secrets blanked and payment codes masked."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self._secrets = [s for s in secrets if s and len(s) >= 6]

    def add_secret(self, secret: str | None) -> None:
        """Blank this value from now on (e.g. once credentials are loaded)."""
        if secret and len(secret) >= 6 and secret not in self._secrets:
            self._secrets.append(secret)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        for secret in self._secrets:
            message = message.replace(secret, "[secret]")
        message = mask_digit_runs(message)
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            text = record.exc_text
            for secret in self._secrets:
                text = text.replace(secret, "[secret]")
            record.exc_text = mask_digit_runs(text)
        record.msg, record.args = message, None
        return True


class _PrivateRotatingFileHandler(RotatingFileHandler):
    """Every file it opens (the log and each new one after a rotation) is 0600."""

    def _open(self) -> Any:
        private_file(Path(self.baseFilename))
        return super()._open()


def setup_file_logging(
    data_dir: Path, *, level: int = logging.INFO, secrets: Iterable[str] = ()
) -> RedactingFilter:
    """Send the till's logs to a rotating file in ``data_dir``; returns the filter so the
    caller can register secrets learnt later.

    Safe to call more than once: the handler already writing to this data dir's log is
    reused.  A till handler left by a run on *another* data dir (a test, a wizard that moved
    the data dir) is closed and replaced, so this run's log never lands in someone else's
    directory: one process, one till log, the latest run's.
    """
    root = logging.getLogger()
    wanted = os.path.abspath(data_dir / LOG_FILE_NAME)
    for handler in root.handlers[:]:
        if not getattr(handler, "_qfpay_till", False):
            continue
        stale = [f for f in handler.filters if isinstance(f, RedactingFilter)]
        if getattr(handler, "baseFilename", None) == wanted and stale:
            for secret in secrets:
                stale[0].add_secret(secret)
            return stale[0]
        root.removeHandler(handler)
        handler.close()
        for other in root.handlers:  # the stale redactor goes with it; the new one replaces it
            for f in stale:
                other.removeFilter(f)
    tighten_data_dir(data_dir)  # 0700 directory, 0600 files (issue 8)
    private_file(data_dir / LOG_FILE_NAME)
    handler = _PrivateRotatingFileHandler(
        data_dir / LOG_FILE_NAME, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
    )
    handler._qfpay_till = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter(FORMAT))
    redactor = RedactingFilter(secrets)
    handler.addFilter(redactor)
    handler.setLevel(level)
    root.addHandler(handler)
    for existing in root.handlers:
        if existing is not handler and not any(
            isinstance(f, RedactingFilter) for f in existing.filters
        ):
            existing.addFilter(redactor)
    if root.level == logging.NOTSET or root.level > level:
        # Opening the root up for the file must not make the console chattier.
        for existing in root.handlers:
            if existing is not handler and existing.level == logging.NOTSET:
                existing.setLevel(root.getEffectiveLevel())
        root.setLevel(level)
    return redactor
