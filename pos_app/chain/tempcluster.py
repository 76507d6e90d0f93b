"""A throw-away PostgreSQL cluster in a temporary directory, for tests, benchmarks and demos.

Why a real server and not a mock: the chain's guarantees (idempotent upserts, an atomic token
bucket, LISTEN/NOTIFY delivered only on commit) are properties of PostgreSQL itself, so only
PostgreSQL can prove them.  ``initdb`` and ``pg_ctl`` come from the Debian ``postgresql``
package; PostgreSQL refuses to run as root, so as root they run as the ``postgres`` user
(``runuser -u postgres --``) in a directory handed to that user.

The cluster listens on 127.0.0.1 only, on a free port, and uses password authentication
(SCRAM) so the code under test goes through the same credential path as a real head office.
"""

from __future__ import annotations

import contextlib
import glob
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

_SEARCH = ("/usr/lib/postgresql/*/bin", "/usr/local/pgsql/bin", "/usr/pgsql-*/bin")


class ClusterUnavailableError(RuntimeError):
    """PostgreSQL's server programs are missing or the cluster would not start."""


def find_bindir() -> Path:
    """The directory holding ``initdb`` and ``pg_ctl`` (newest version first)."""
    override = os.environ.get("QFPAY_PG_BINDIR")
    candidates = [override] if override else []
    for pattern in _SEARCH:
        candidates += sorted(glob.glob(pattern), reverse=True)
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(str(Path(on_path).parent))
    for folder in candidates:
        if folder and (Path(folder) / "initdb").is_file() and (Path(folder) / "pg_ctl").is_file():
            return Path(folder)
    raise ClusterUnavailableError(
        "PostgreSQL server programs (initdb, pg_ctl) were not found: install the Debian "
        "package 'postgresql' (./run-tests.sh does) or set QFPAY_PG_BINDIR"
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class TempCluster:
    """``start()`` a private cluster, ``dsn`` to reach it, ``stop()`` removes everything."""

    def __init__(self, *, user: str = "qfpay", database: str = "headoffice") -> None:
        self.user = user
        self.database = database
        self.password = secrets.token_urlsafe(18)
        self.port = 0
        self._root: Path | None = None
        self._bindir: Path | None = None

    @property
    def dsn(self) -> str:
        """The address tills and the back office are given: no password in it, on purpose."""
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{self.database}"

    @property
    def data_dir(self) -> Path:
        assert self._root is not None
        return self._root / "data"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        command = list(args)
        if os.geteuid() == 0:
            runuser = shutil.which("runuser")
            if runuser is None:
                raise ClusterUnavailableError("running as root needs 'runuser' to drop to postgres")
            command = [runuser, "-u", "postgres", "--", *command]
        result = subprocess.run(  # noqa: S603 - fixed programs, our own arguments
            command, capture_output=True, text=True, timeout=120, check=False
        )
        if check and result.returncode != 0:
            raise ClusterUnavailableError(
                f"{Path(args[0]).name} failed ({result.returncode}): "
                f"{(result.stderr or result.stdout).strip()[-800:]}"
            )
        return result

    def start(self) -> TempCluster:
        """initdb, start, create the database; raises ClusterUnavailableError with the reason."""
        self._bindir = find_bindir()
        self._root = Path(tempfile.mkdtemp(prefix="qfpay-pg-"))
        if os.geteuid() == 0:
            shutil.chown(self._root, "postgres", "postgres")
        pwfile = self._root / "pw"
        pwfile.write_text(self.password + "\n", encoding="utf-8")
        if os.geteuid() == 0:
            shutil.chown(pwfile, "postgres", "postgres")
        pwfile.chmod(0o600)
        self._run(
            str(self._bindir / "initdb"),
            "-D",
            str(self.data_dir),
            "-U",
            self.user,
            "--auth=scram-sha-256",
            f"--pwfile={pwfile}",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )
        pwfile.unlink()
        self.port = _free_port()
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port} "
            f"-c unix_socket_directories={self._root} -c fsync=off "
            "-c max_connections=300 -c shared_buffers=32MB"
        )
        self._run(
            str(self._bindir / "pg_ctl"),
            "-D",
            str(self.data_dir),
            "-o",
            options,
            "-l",
            str(self._root / "server.log"),
            "-w",
            "-t",
            "60",
            "start",
        )
        self._create_database()
        return self

    def _create_database(self) -> None:
        import psycopg  # noqa: PLC0415

        deadline = time.monotonic() + 30
        while True:
            try:
                with psycopg.connect(
                    f"postgresql://{self.user}@127.0.0.1:{self.port}/postgres",
                    password=self.password,
                    autocommit=True,
                ) as conn:
                    conn.execute(f'CREATE DATABASE "{self.database}"')
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def stop(self) -> None:
        """Stop the server (fast shutdown) and delete its directory; idempotent."""
        if self._root is None:
            return
        if self._bindir is not None and (self.data_dir / "postmaster.pid").exists():
            self._run(
                str(self._bindir / "pg_ctl"),
                "-D",
                str(self.data_dir),
                "-m",
                "fast",
                "-w",
                "stop",
                check=False,
            )
        with contextlib.suppress(OSError):
            shutil.rmtree(self._root)
        self._root = None

    def __enter__(self) -> TempCluster:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
