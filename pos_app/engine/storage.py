"""The journal's disk: damage, disappearance, a full or read-only disk, and backups.

A till must stop rather than take payments on a journal it cannot trust, and must say why:

* **Damage.** ``PRAGMA quick_check`` runs on open (skipped only for a file provably as a
  clean close left it, less than a day after its last check: :mod:`pos_app.engine.verified`)
  and before every backup; anything but "ok" stops the till with the steps to recover
  (:class:`JournalDamagedError`), as does a bad page SQLite reads while the till runs.
* **Disappearance.** Creating a journal leaves a marker beside it (``<journal>.created``).
  A marker without its journal, or with a 0-byte journal, means the journal was lost or
  truncated: that is damage, never a reason to start an empty one silently, because the
  unfinished rows it held would vanish with it.
* **Full or read-only disk.** Checked before the intent is written (nothing is sent then),
  and any storage failure while writing is a :class:`JournalStorageError` naming the cause.
  ``in_flight`` says whether the transaction it hit was already sent: then the outcome is
  unknown (exit 4) and recovery finishes it once the disk has room again.
* **Backups.** :func:`backup_journal` copies the journal with SQLite's online backup API
  (consistent even while other processes write) into ``backups/`` and keeps the newest few.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from pathlib import Path

from pos_app.engine.errors import JournalDamagedError, JournalStorageError
from pos_app.files import private_dir, private_file
from pos_app.i18n import QT_TRANSLATE_NOOP

#: Refuse to start a sale with less free space than this beside the journal.
MIN_FREE_BYTES = 256 * 1024
BACKUP_DIR_NAME = "backups"
BACKUPS_KEPT = 7
#: A journal is backed up at start when its newest backup is older than this.
BACKUP_EVERY_SECONDS = 24 * 3600.0

R_DAMAGED = QT_TRANSLATE_NOOP(
    "engine",
    "The journal {path} is damaged ({detail}). The till stopped so that nothing is lost. "
    "Keep this file for support; do not delete it. To continue: close every till window and "
    "command, copy the newest file from {backups} in its place (after moving the damaged "
    "one aside), start the till and run 'recover'.",
)
R_VANISHED = QT_TRANSLATE_NOOP(
    "engine",
    "The journal {path} has disappeared or was emptied, although the till created it here. "
    "Unfinished sales may be recorded only there. The till will not start a new empty "
    "journal: restore it from {backups} (or from your own backup) and run 'recover'.",
)
R_FULL = QT_TRANSLATE_NOOP(
    "engine", "The disk holding the journal is full ({path}): free some space."
)
R_READ_ONLY = QT_TRANSLATE_NOOP(
    "engine", "The journal's storage is read-only ({path}): it must be writable."
)
R_IO = QT_TRANSLATE_NOOP(
    "engine", "The journal's disk failed to read or write ({path}): check the storage."
)
R_BUSY = QT_TRANSLATE_NOOP(
    "engine", "The journal is held by another till process for too long ({path}); try again."
)
R_NOT_SENT = QT_TRANSLATE_NOOP("engine", "Nothing was sent.")
R_DAMAGED_IN_FLIGHT = QT_TRANSLATE_NOOP(
    "engine",
    "The payment may already be with the gateway: do not take it again. Once the journal is "
    "restored, check it with 'query' or 'recover'.",
)
R_IN_FLIGHT = QT_TRANSLATE_NOOP(
    "engine",
    "The payment may already be with the gateway: do not take it again. Free the space, "
    "then run 'recover' to finish it.",
)


def storage_message(exc: sqlite3.Error, path: Path) -> str | None:
    """The cashier's sentence for a storage failure; None if ``exc`` is not one."""
    text = str(exc).lower()
    if "full" in text:
        return R_FULL.format(path=path.parent)
    if "readonly" in text or "read-only" in text:
        return R_READ_ONLY.format(path=path)
    if "disk i/o" in text:
        return R_IO.format(path=path)
    if "locked" in text or "busy" in text:
        return R_BUSY.format(path=path)
    return None


def check_writable(path: Path) -> None:
    """At open: a journal on read-only storage is refused with that reason, not as damage."""
    try:
        read_only = bool(os.statvfs(path.parent).f_flag & os.ST_RDONLY)
    except OSError:
        return
    if read_only:
        raise JournalStorageError(
            R_READ_ONLY.format(path=path) + " " + R_NOT_SENT, out_trade_no=None, in_flight=False
        )


def check_free_space(path: Path) -> None:
    """Before an intent is written: refuse a disk too full (or read-only) for a sale."""
    directory = path.parent
    try:
        stats = os.statvfs(directory)
    except OSError:
        return
    if stats.f_flag & os.ST_RDONLY:
        raise JournalStorageError(
            R_READ_ONLY.format(path=path) + " " + R_NOT_SENT, out_trade_no=None, in_flight=False
        )
    if stats.f_bavail * stats.f_frsize < MIN_FREE_BYTES:
        raise JournalStorageError(
            R_FULL.format(path=directory) + " " + R_NOT_SENT, out_trade_no=None, in_flight=False
        )


def marker_for(path: Path) -> Path:
    """The file that remembers a journal was created here."""
    return path.with_name(path.name + ".created")


def backups_dir(path: Path) -> Path:
    return path.parent / BACKUP_DIR_NAME


def check_not_vanished(path: Path) -> None:
    """Before opening: a journal created here must still be here, and not emptied."""
    marker = marker_for(path)
    if not marker.exists():
        return
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        size = -1
    if size <= 0:
        raise JournalDamagedError(R_VANISHED.format(path=path, backups=backups_dir(path)))


def remember_created(path: Path) -> None:
    """After a successful open: mark the journal as existing here (idempotent)."""
    with contextlib.suppress(OSError):
        private_file(marker_for(path))


def quick_check(conn: sqlite3.Connection, path: Path) -> None:
    """``PRAGMA quick_check`` on open; anything but "ok" stops the till."""
    try:
        rows = [str(r[0]) for r in conn.execute("PRAGMA quick_check").fetchall()]
    except sqlite3.DatabaseError as exc:
        rows = [str(exc)]
    if rows != ["ok"]:
        raise JournalDamagedError(damaged_message(path, "; ".join(rows[:3])))


def damaged_message(path: Path, detail: str) -> str:
    """The cashier's sentence for a damaged journal, with the steps to recover."""
    return R_DAMAGED.format(path=path, detail=detail, backups=backups_dir(path))


def backup_journal(conn: sqlite3.Connection, path: Path, *, keep: int = BACKUPS_KEPT) -> Path:
    """Copy the journal with SQLite's online backup API and keep the newest ``keep`` copies."""
    directory = private_dir(backups_dir(path))
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = directory / f"{path.stem}.{stamp}.sqlite3"
    counter = 1
    while target.exists():
        target = directory / f"{path.stem}.{stamp}-{counter}.sqlite3"
        counter += 1
    private_file(target)
    copy = sqlite3.connect(str(target))
    try:
        conn.backup(copy)
    finally:
        copy.close()
    copies = sorted(directory.glob(f"{path.stem}.*.sqlite3"), key=lambda p: p.stat().st_mtime)
    for old in copies[:-keep]:
        with contextlib.suppress(OSError):
            old.unlink()
    return target


def newest_backup_age(path: Path) -> float | None:
    """Seconds since the newest backup of this journal was made; None when there is none."""
    directory = backups_dir(path)
    try:
        newest = max(p.stat().st_mtime for p in directory.glob(f"{path.stem}.*.sqlite3"))
    except (ValueError, OSError):
        return None
    return time.time() - newest
