"""One owner per transaction across processes: claims, leases, take-over and fencing.

Each test uses real journal files opened twice (two owners, as two processes would) or a
real child process whose pid is gone; none of it is mocked.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from pos_app.engine import Journal, PaymentEngine, TxMode, TxState
from pos_app.engine.errors import TransitionRefusedError
from pos_app.engine.ownership import Owner, process_start

from .conftest import PAID_CODE, WECHAT_CPM, assert_agrees, fast_config, make_client


def _open_row(journal: Journal, number: str = "T1ABC") -> str:
    """What a flow does: reserve the number, then commit the intent (claim included)."""
    journal.claims.reserve(number)
    journal.create(
        out_trade_no=number,
        sale_id="S1",
        mode=TxMode.CPM,
        till_id="T1",
        cashier="amy",
        txamt=100,
        currency="HKD",
        pay_type=WECHAT_CPM,
        auth_code="****0000",
    )
    journal.transition(number, TxState.SENT)
    return number


def test_a_live_owner_keeps_its_row_until_it_closes(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    first = Journal(path, label="qfpay-pos pay")
    second = Journal(path, label="till window")
    try:
        number = _open_row(first)
        blocker = second.claim(number)
        assert isinstance(blocker, Owner) and blocker.label == "qfpay-pos pay"
        assert "qfpay-pos pay" in second.owner_note(number)
        with pytest.raises(TransitionRefusedError, match="qfpay-pos pay"):
            second.transition(number, TxState.REVERSED)
        assert second.get(number).state is TxState.SENT  # type: ignore[union-attr]
        first.close()
        assert second.claim(number) is None  # a closed owner gave it up
        assert second.transition(number, TxState.REVERSED).state is TxState.REVERSED
    finally:
        first.close()
        second.close()


def test_a_dead_process_gives_its_rows_up(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead_pid = int(child.stdout)
    with Journal(path) as journal:
        number = _open_row(journal)
        with journal.transaction() as conn:
            conn.execute(
                "UPDATE claims SET token = 'gone', pid = ?, started = 1, lease_until = ?",
                (dead_pid, time.time() + 3600),
            )
        assert journal.claim(number) is None
        assert journal.owner(number).pid != dead_pid  # type: ignore[union-attr]


def test_a_recycled_pid_is_not_the_owner(tmp_path: Path) -> None:
    """Same pid, different start time: the owner died and the pid went to someone else."""
    import os

    with Journal(tmp_path / "j.sqlite3") as journal:
        number = _open_row(journal)
        parent = os.getppid()
        with journal.transaction() as conn:
            conn.execute(
                "UPDATE claims SET token = 'old', pid = ?, started = ?, lease_until = ?",
                (parent, process_start(parent) + 1, time.time() + 3600),
            )
        assert journal.claim(number) is None


def test_an_expired_lease_is_taken_over_and_the_old_owner_is_fenced(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    frozen = Journal(path, label="frozen till")
    rescuer = Journal(path)
    try:
        number = _open_row(frozen)
        assert isinstance(rescuer.claim(number), Owner)  # alive and leased: hands off
        with rescuer.transaction() as conn:
            conn.execute("UPDATE claims SET lease_until = ?", (time.time() - 1,))
        assert rescuer.claim(number) is None
        with pytest.raises(TransitionRefusedError, match="took this transaction over"):
            frozen.transition(number, TxState.PAID, syssn="1")
        assert rescuer.get(number).state is TxState.SENT  # type: ignore[union-attr]
    finally:
        frozen.close()
        rescuer.close()


def test_the_lease_is_renewed_while_held(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite3") as journal:
        number = _open_row(journal)
        with journal.transaction() as conn:
            conn.execute("UPDATE claims SET lease_until = 0")
        journal.claims.renew_now()
        assert journal.owner(number).lease_until > time.time()  # type: ignore[union-attr]


def test_moving_to_the_state_a_row_holds_is_a_no_op(journal: Journal) -> None:
    number = _open_row(journal)
    journal.transition(number, TxState.PAID, syssn="20261130000001")
    trail = journal.events(number)
    again = journal.transition(number, TxState.PAID, syssn="20261130000001")
    assert again.state is TxState.PAID and journal.events(number) == trail
    with pytest.raises(TransitionRefusedError):
        journal.transition(number, TxState.REVERSED)
    with pytest.raises(TransitionRefusedError):  # same state, contradicting syssn
        journal.transition(number, TxState.PAID, syssn="20261130000002")


def test_a_final_move_drops_the_claim_in_the_same_commit(journal: Journal) -> None:
    number = _open_row(journal)
    assert journal.owner(number) is not None
    journal.transition(number, TxState.PAID, syssn="1")
    assert journal.owner(number) is None and not journal.claims.holds(number)


def test_recovery_in_another_process_skips_a_sale_being_paid(gateway, tmp_path: Path) -> None:
    """The probe's loss: recovery reversed a sale the other till was still paying.

    The paying engine's payment is held at the gateway (slow link) while a second journal
    (another process's view) runs recovery: the row is left alone and the refusal names the
    paying till; the payment then completes PAID and the gateway agrees.
    """
    import threading

    path = tmp_path / "shared.sqlite3"
    paying_journal = Journal(path, label="qfpay-pos pay")
    other_journal = Journal(path, label="till window")
    gateway.faults.add("latency", endpoint="/trade/v1/payment", delay=1.0, times=1)
    with make_client(gateway, timeout=5.0) as c1, make_client(gateway, timeout=5.0) as c2:
        payer = PaymentEngine(c1, paying_journal, till_id="T1", cashier="a", config=fast_config())
        other = PaymentEngine(c2, other_journal, till_id="T1", cashier="b", config=fast_config())
        result: list[object] = []
        thread = threading.Thread(
            target=lambda: result.append(
                payer.pay_cpm(txamt=5000, currency="HKD", pay_type=WECHAT_CPM, auth_code=PAID_CODE)
            )
        )
        thread.start()
        deadline = time.monotonic() + 10
        while not other_journal.unfinished() and time.monotonic() < deadline:
            time.sleep(0.01)
        report = other.recover()
        thread.join(20)
    try:
        assert [i.action for i in report.items] == ["busy"]
        assert "qfpay-pos pay" in report.items[0].reason
        outcome = result[0]
        assert outcome.state is TxState.PAID  # type: ignore[attr-defined]
        rec = paying_journal.get(outcome.out_trade_no)  # type: ignore[attr-defined]
        assert rec is not None
        assert_agrees(gateway, rec)
    finally:
        paying_journal.close()
        other_journal.close()
