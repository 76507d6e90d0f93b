"""The till's files are private: the data directory 0700, everything in it 0600.

The journal holds manager PIN hashes and every sale; ``till.log`` holds the story of each
one.  World-readable, a copied journal let every 4-digit PIN be tried offline in minutes.  So
the data directory is created 0700, each file the till creates there is created 0600 (SQLite
gives the WAL and SHM files the journal's own mode), and files left readable by an older
version are tightened when the till starts.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600


def private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) if missing; make the directory itself 0700."""
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        if stat.S_IMODE(path.stat().st_mode) != DIR_MODE:
            path.chmod(DIR_MODE)
    return path


def private_file(path: Path) -> Path:
    """Create ``path`` empty and 0600 if missing, else tighten it to 0600."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        tighten(path)
    else:
        os.close(fd)
    return path


def tighten(path: Path) -> None:
    """Remove group and other access from an existing file (missing files are fine)."""
    with contextlib.suppress(FileNotFoundError, PermissionError):
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            path.chmod(mode & 0o700 & ~0o111 | 0o600)


def tighten_data_dir(data_dir: Path) -> None:
    """At start: the directory 0700 and every regular file directly in it 0600."""
    private_dir(data_dir)
    with contextlib.suppress(OSError):
        for entry in data_dir.iterdir():
            if entry.is_file() and not entry.is_symlink():
                tighten(entry)


def disable_core_dumps() -> None:
    """No core files for the till's processes: a core dump held four copies of the key.

    Best effort (``RLIMIT_CORE`` exists on POSIX only); called first thing by every entry
    point, before any credential is loaded.
    """
    try:
        import resource  # noqa: PLC0415 - POSIX only

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, ValueError, OSError):
        return


def atomic_write_text(path: Path, text: str) -> None:
    """Write via a temporary file and ``os.replace`` so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    import tempfile  # noqa: PLC0415 - only saving needs it

    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    # Make the rename itself durable; not every platform lets a directory be opened.
    with contextlib.suppress(OSError):
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
