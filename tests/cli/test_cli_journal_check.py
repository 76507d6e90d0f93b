"""A real CLI process on a journal that a clean close vouched for, damaged without its
metadata changing (a failing disk): the first bad page read stops the command with the
steps to recover, exit 5, nothing sent, and the next command checks in full (issues 8, 12)."""

from __future__ import annotations

import json
import sqlite3

from clihelpers import PAID_CODE, Till

from pos_app.engine.verified import verified_marker


def test_a_bad_page_found_by_a_command_stops_it_like_a_failed_check(till: Till) -> None:
    assert till.pay(PAID_CODE, "1.00").returncode == 0
    path = till.journal_path
    marker = verified_marker(path)
    assert marker.exists()  # the command closed the journal cleanly
    conn = sqlite3.connect(path)
    (root,) = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'transactions'"
    ).fetchone()
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with path.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xff" * 16)
    data = json.loads(marker.read_text())  # the damage left the metadata alone
    st = path.stat()
    data.update(size=st.st_size, mtime_ns=st.st_mtime_ns, ctime_ns=st.st_ctime_ns)
    marker.write_text(json.dumps(data))

    result = till.pay(PAID_CODE, "2.00")
    assert result.returncode == 5, result.stderr
    assert "damaged" in result.stderr and "recover" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(till.gateway.store.all()) == 1  # nothing was sent
    assert not marker.exists()

    again = till.pay(PAID_CODE, "2.00")  # checked in full at open now
    assert again.returncode == 5 and "damaged" in again.stderr
    assert len(till.gateway.store.all()) == 1
