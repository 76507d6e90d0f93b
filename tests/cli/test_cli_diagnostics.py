"""``qfpay-pos diagnostics``: one zip with logs, settings, journal statistics and versions,
proven free of the client key, PIN hashes and unmasked payment codes."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from clihelpers import PAID_CODE, Till

KEY = "K3Y-diag-0123456789ABCDEF"


def read_zip(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist()}


@pytest.mark.keyring
def test_diagnostics_zip_has_what_support_needs_and_no_secret(till: Till, secret_service) -> None:
    assert till.pay(PAID_CODE).final["status"] == "PAID"
    till.add_manager("mei", "246810")
    stored = till.run("--env", "sandbox", "credentials", "set", stdin=f"APPDIAG\n{KEY}\nMCH9\n")
    assert stored.returncode == 0, stored.stderr
    assert till.run("settings", "set", "environment", "sandbox").returncode == 0
    # A careless component that logged the key and a whole payment code: the export must
    # still not carry them.
    log = till.data_dir / "till.log"
    with log.open("a", encoding="utf-8") as handle:
        handle.write(f"2026-11-30 08:00:00 ERROR x leak: key={KEY} code={PAID_CODE}\n")
    with sqlite3.connect(till.journal_path) as conn:
        (pin_hash,) = conn.execute("SELECT pin_hash FROM managers").fetchone()

    out = till.root / "support"
    out.mkdir()
    result = till.run("--env", "training", "diagnostics", "--output", str(out))
    assert result.returncode == 0, result.stderr
    (zip_path,) = out.glob("qfpay-pos-diagnostics-*.zip")
    assert result.final["path"] == str(zip_path)
    members = read_zip(zip_path)
    assert {"settings.json", "credentials.json", "journal.json", "versions.json"} <= set(members)
    assert "logs/till.log" in members and "last-errors.txt" in members

    everything = "\n".join(members.values())
    assert KEY not in everything
    assert pin_hash not in everything and "scrypt" not in everything
    assert PAID_CODE not in everything
    assert "leak: key=[secret]" in members["last-errors.txt"]

    credentials = json.loads(members["credentials.json"])
    assert credentials["source"] == "keyring" and credentials["client_key"] == "(set)"
    (training,) = json.loads(members["journal.json"])
    assert training["file"] == "journal-training.sqlite3"
    assert training["states"] == {"PAID": 1} and training["managers"] == 1
    assert training["schema_version"] >= 1 and training["integrity"] == "ok"
    versions = json.loads(members["versions.json"])
    assert versions["python"] and versions["libraries"]["httpx"]
    assert json.loads(members["settings.json"])["environment"] == "sandbox"


def test_diagnostics_to_an_unwritable_place_says_so(till: Till) -> None:
    till.run("settings", "show")
    blocker = till.root / "file"
    blocker.write_text("x")
    result = till.run("diagnostics", "--output", str(blocker / "sub" / "d.zip"), json_mode=False)
    assert result.returncode == 5 and "cannot be written" in result.stderr
