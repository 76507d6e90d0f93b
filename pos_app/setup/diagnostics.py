"""Export diagnostics: one zip a shop can e-mail to support, with no secret in it.

What goes in: the till's logs (already redacted when written, redacted again here), the
settings (which never hold secrets), where the credentials come from (never the key),
journal statistics (counts per state and mode, schema version, size; no rows), versions of
Python, Qt and the libraries, and the last errors from the logs.

What never goes in: the client key, a manager's PIN hash, an unmasked payment code.  The
journal files themselves are not copied (they hold PIN hashes and the trade history); and
before the zip is written every member is checked against the secrets the till knows of
(keyring and ``QFPAY_KEY`` keys, PIN hashes) and for payment-code-shaped digit runs: a
match stops the export instead of leaking.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import platform
import re
import sqlite3
import sys
import time
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from pos_app.credentials import CredentialStore
from pos_app.logs import LOG_FILE_NAME, mask_digit_runs
from pos_app.settings import AppPaths, Settings

#: Distributions whose versions support asks for first.
LIBRARIES = (
    "qfpay-pos",
    "PySide6-Essentials",
    "shiboken6",
    "httpx",
    "keyring",
    "SecretStorage",
    "segno",
    "python-escpos",
    "python-barcode",
    "pyserial",
    "pyusb",
    "platformdirs",
)
LAST_ERRORS = 200
_ERROR_LINE = re.compile(r"\b(ERROR|CRITICAL|WARNING)\b|Traceback|Error:")
_UNMASKED_CODE = re.compile(r"(?<![0-9A-Za-z])\d{16,24}(?![0-9A-Za-z])")


class DiagnosticsError(Exception):
    """The export was stopped (it would have contained a secret, or cannot be written)."""


@dataclass(frozen=True)
class Export:
    path: Path
    members: tuple[str, ...]
    size: int


def _versions(qt_version: str | None) -> dict[str, Any]:
    libraries: dict[str, str | None] = {}
    for name in LIBRARIES:
        try:
            libraries[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            libraries[name] = None
    return {
        "python": sys.version,
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "frozen": bool(getattr(sys, "frozen", False)),
        "qt": qt_version,
        "libraries": libraries,
    }


def _journal_stats(path: Path) -> dict[str, Any]:
    """Counts only, read-only: no rows, no names, no PIN hashes leave the file."""
    stats: dict[str, Any] = {"file": path.name, "size_bytes": path.stat().st_size}
    try:
        with contextlib.closing(
            sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        ) as conn:
            stats["schema_version"] = int(conn.execute("PRAGMA user_version").fetchone()[0])
            stats["states"] = dict(
                conn.execute("SELECT state, COUNT(*) FROM transactions GROUP BY state").fetchall()
            )
            stats["modes"] = dict(
                conn.execute("SELECT mode, COUNT(*) FROM transactions GROUP BY mode").fetchall()
            )
            first, last = conn.execute(
                "SELECT MIN(created_at), MAX(created_at) FROM transactions"
            ).fetchone()
            stats["first"] = (
                time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(first)) if first else None
            )
            stats["last"] = (
                time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(last)) if last else None
            )
            stats["managers"] = int(conn.execute("SELECT COUNT(*) FROM managers").fetchone()[0])
            stats["integrity"] = conn.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.Error as exc:
        stats["error"] = f"{type(exc).__name__}: {exc}"
    return stats


def _pin_hashes(paths: Iterable[Path]) -> list[str]:
    hashes: list[str] = []
    for path in paths:
        with (
            contextlib.suppress(sqlite3.Error),
            contextlib.closing(
                sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
            ) as conn,
        ):
            hashes += [str(row[0]) for row in conn.execute("SELECT pin_hash FROM managers")]
    return hashes


def _credentials(settings: Settings, store: CredentialStore) -> tuple[dict[str, Any], list[str]]:
    """Where the credentials come from (never the key), and the keys to scrub for."""
    info: dict[str, Any] = {"environment": settings.environment, "region": settings.region}
    keys: list[str] = []
    try:
        summary = store.summary(settings.environment, settings.region)
        info.update(source=summary.source, app_code=summary.app_code, mchid=summary.mchid)
        info["client_key"] = "(set)" if summary.has_key else "(missing)"
        if summary.source not in ("none", "training"):
            keys.append(store.load(settings.environment, settings.region).client_key)
    except Exception as exc:  # a broken keyring is itself worth reporting
        info["problem"] = str(getattr(exc, "message", None) or exc)
    return info, keys


def _redact(text: str, secrets: Iterable[str]) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, "[secret]")
    return mask_digit_runs(text)


def export_diagnostics(
    paths: AppPaths,
    settings: Settings,
    destination: Path,
    *,
    store: CredentialStore | None = None,
    environ: Mapping[str, str] | None = None,
    qt_version: str | None = None,
) -> Export:
    """Write the zip to ``destination`` (a file, or a folder to put a dated name in)."""
    env = os.environ if environ is None else environ
    store = store or CredentialStore(environ=env)
    if destination.is_dir():
        stamp = time.strftime("%Y%m%d-%H%M%S")
        destination = destination / f"qfpay-pos-diagnostics-{settings.till_id}-{stamp}.zip"
    journals = sorted(paths.data_dir.glob("journal-*.sqlite3"))
    credentials, keys = _credentials(settings, store)
    secrets = [*keys, *(v for k, v in env.items() if k == "QFPAY_KEY" and v)]
    pin_hashes = _pin_hashes(journals)

    members: dict[str, str] = {}
    members["settings.json"] = json.dumps(settings.to_json_dict(), indent=2, sort_keys=True)
    members["credentials.json"] = json.dumps(credentials, indent=2, sort_keys=True)
    members["journal.json"] = json.dumps([_journal_stats(p) for p in journals], indent=2)
    members["versions.json"] = json.dumps(_versions(qt_version), indent=2, sort_keys=True)
    errors: list[str] = []
    for log in sorted(paths.data_dir.glob(f"{LOG_FILE_NAME}*"), reverse=True):
        text = _redact(log.read_text(encoding="utf-8", errors="replace"), secrets + pin_hashes)
        members[f"logs/{log.name}"] = text
        errors += [line for line in text.splitlines() if _ERROR_LINE.search(line)]
    members["last-errors.txt"] = "\n".join(errors[-LAST_ERRORS:]) + "\n"
    members["README.txt"] = (
        "qfpay-pos diagnostics\n"
        f"till {settings.till_id}, made {time.strftime('%Y-%m-%d %H:%M:%S %z')}\n\n"
        "Contains: logs (redacted), settings, where credentials come from (never the key),\n"
        "journal statistics (no transactions), versions, the last errors.\n"
        "Never contains: the client key, PIN hashes, unmasked payment codes.\n"
    )
    _refuse_secrets(members, [*secrets, *pin_hashes])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(buffer.getvalue())
    except OSError as exc:
        raise DiagnosticsError(f"{destination} cannot be written ({exc.strerror})") from None
    return Export(destination, tuple(members), len(buffer.getvalue()))


def _refuse_secrets(members: Mapping[str, str], secrets: Iterable[str]) -> None:
    """The last check before anything is written: a secret found means no zip at all."""
    wanted = [s for s in secrets if s and len(s) >= 6]
    for name, text in members.items():
        if any(secret in text for secret in wanted):
            raise DiagnosticsError(f"{name} would contain a secret: export stopped")
        if _UNMASKED_CODE.search(text):
            raise DiagnosticsError(f"{name} would contain a payment code: export stopped")
