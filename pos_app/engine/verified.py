"""When the journal's full check on open may be skipped, and damage found while running.

``PRAGMA quick_check`` reads every page: on a journal of a million rows it takes two seconds,
and every CLI command and every start of the window opens the journal (issue 12 wants start-up
unaffected by journal size).  The check exists to catch a file changed behind the till's back
(issue 8), so it is skipped only when the file is *provably* as a clean close left it:

* A clean :meth:`Journal.close` that was the file's last connection (SQLite removed the WAL,
  so everything is in the main file) writes ``<journal>.verified``: the file's identity and
  state (device, inode, size, mtime and ctime in ns) and when a full check last passed.  The
  ctime matters: no unprivileged program can set it, so restoring the mtime with ``utime``
  after changing bytes still shows.
* Opening deletes the marker before anything is written, so a crash, a ``kill -9`` or a
  second process still holding the file leaves no valid marker and the next open checks in
  full.  A close that is not the last connection writes none.
* A marker is trusted for 24 hours at most (:data:`MAX_UNCHECKED_SECONDS`): damage that leaves
  the file's metadata alone (a failing disk) is found by the next full check within a day, by
  the check before every backup, or as soon as SQLite reads a bad page (:func:`is_damage`).

Anything unexpected about the marker (missing, unreadable, foreign, from the future) means a
full check, never an error.
"""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

from pos_app.files import atomic_write_text

#: A full check is forced when the last one that passed is older than this.
MAX_UNCHECKED_SECONDS = 24 * 3600.0
_VERSION = 1
_FIELDS = ("dev", "ino", "size", "mtime_ns", "ctime_ns")
#: SQLite's primary result codes that mean the file itself is bad (not the disk's state).
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26
_DAMAGE_TEXT = ("database disk image is malformed", "file is not a database")


def verified_marker(path: Path) -> Path:
    """The file recording a clean close of ``path`` and its last full check."""
    return path.with_name(path.name + ".verified")


def _wal(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def _state(path: Path) -> dict[str, int] | None:
    """The journal's identity and state, with no WAL content outstanding; else None."""
    try:
        wal_size = _wal(path).stat().st_size
    except FileNotFoundError:
        wal_size = 0
    except OSError:
        return None
    if wal_size:
        return None  # rows may live only in the WAL: not the state a clean close leaves
    try:
        st = path.stat()
    except OSError:
        return None
    return {
        "dev": st.st_dev,
        "ino": st.st_ino,
        "size": st.st_size,
        "mtime_ns": st.st_mtime_ns,
        "ctime_ns": st.st_ctime_ns,
    }


def take_verified(path: Path, now: float | None = None) -> float | None:
    """At open: when a full check last passed, if the marker proves the file unchanged since
    a clean close and that check is less than a day old; None means "check in full".

    The marker is deleted either way, before the journal is written: a session that does not
    end in a clean close must leave nothing that lets the next open skip the check.
    """
    marker = verified_marker(path)
    try:
        raw = marker.read_bytes()
    except FileNotFoundError:
        return None
    except OSError:
        raw = b""
    if not drop_verified(path):
        return None  # a marker that cannot be removed could outlive a crash: do not trust it
    now = time.time() if now is None else now
    try:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict) or data.get("version") != _VERSION:
            return None
        recorded = {name: data[name] for name in _FIELDS}
        checked_at = data["checked_at"]
    except (ValueError, KeyError, UnicodeDecodeError):
        return None
    if not all(type(v) is int for v in recorded.values()) or type(checked_at) not in (int, float):
        return None
    if not 0 <= now - checked_at < MAX_UNCHECKED_SECONDS:
        return None  # too old, or from the future (a clock set back): check again
    if _state(path) != recorded:
        return None
    return float(checked_at)


def drop_verified(path: Path) -> bool:
    """Remove the marker; False when it is still there (it could not be removed)."""
    try:
        verified_marker(path).unlink()
    except FileNotFoundError:
        pass
    except OSError:
        return False
    return True


def write_verified(path: Path, checked_at: float) -> None:
    """After a clean close: record the file's state and the last passed full check.

    Written only when no WAL remains (this was the last connection, so every row is in the
    main file); atomically (a private temporary file renamed over the marker).  Best effort:
    a marker that cannot be written only costs the next open a full check.
    """
    state = _state(path)
    if state is None or not _wal_gone(path):
        drop_verified(path)
        return
    body = json.dumps({"version": _VERSION, **state, "checked_at": checked_at})
    try:
        atomic_write_text(verified_marker(path), body)  # a private (0600) temporary file
    except OSError:
        drop_verified(path)


def _wal_gone(path: Path) -> bool:
    """True when SQLite removed the WAL at close: no other connection has the file open."""
    return not _wal(path).exists()


def is_damage(exc: BaseException) -> bool:
    """True when SQLite read a page that is not valid: the file is damaged.

    Only SQLITE_CORRUPT and SQLITE_NOTADB: a full disk, read-only storage or an I/O error is
    a storage problem with its own message (:func:`pos_app.engine.storage.storage_message`).
    """
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
    text = str(exc).lower()
    return any(t in text for t in _DAMAGE_TEXT)
