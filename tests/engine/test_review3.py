"""Review 3: the one way out of NEEDS_ATTENTION must stay the manager's re-check of a refund.

``states.RECHECKABLE`` lets a row leave NEEDS_ATTENTION (to REFUNDED or DECLINED) so that a
manager's re-check can settle a refund the gateway now shows.  The journal is the fence every
process goes through, so it, not each caller, must keep that door for the re-check alone:

* a *payment* with a manager (a 1260 contradicted by the enquiry, a double charge) never
  leaves it: the customer may have paid, and DECLINED would say they did not;
* a process whose lease ran out (frozen, suspended laptop) wakes after another process took
  the row over and handed it to a manager; the claim was dropped with that final move, so
  the ownership fence sees nobody in the way, and the stale flow's late verdict must not
  overwrite the manager's row (a refund released while the gateway may have paid it out).

Real journal files opened twice (two owners, as two processes would), as in test_ownership.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from pos_app.engine import Journal, TxMode, TxState
from pos_app.engine.errors import TransitionRefusedError

from .conftest import WECHAT_CPM


def _open_row(journal: Journal, number: str, mode: TxMode = TxMode.CPM) -> str:
    """What a flow does: reserve the number, then commit the intent as SENT (claim included)."""
    journal.claims.reserve(number)
    journal.create(
        out_trade_no=number,
        sale_id="S1",
        mode=mode,
        till_id="T1",
        cashier="amy",
        txamt=100,
        currency="HKD",
        pay_type=WECHAT_CPM,
        auth_code="****0000" if mode is TxMode.CPM else None,
        orig_syssn="20261130000001" if mode is TxMode.REFUND else None,
        manager="boss" if mode is TxMode.REFUND else None,
        sent=True,
    )
    return number


def _take_over_and_hand_to_manager(frozen: Journal, rescuer: Journal, number: str) -> None:
    """The frozen owner's lease runs out; the rescuer takes the row and gives it a manager."""
    with rescuer.transaction() as conn:
        conn.execute("UPDATE claims SET lease_until = ?", (time.time() - 1,))
    assert rescuer.claim(number) is None
    rescuer.transition(number, TxState.NEEDS_ATTENTION, reason="conflicting evidence")
    assert rescuer.owner(number) is None  # the final move dropped the claim


def test_a_payment_with_a_manager_never_leaves_it(tmp_path: Path) -> None:
    with Journal(tmp_path / "j.sqlite3") as journal:
        number = _open_row(journal, "T1PAY")
        journal.transition(number, TxState.NEEDS_ATTENTION, reason="1260 vs enquiry")
        assert journal.claim(number) is None  # even holding the row, as recovery would
        for target in (TxState.DECLINED, TxState.REFUNDED):
            with pytest.raises(TransitionRefusedError):
                journal.transition(number, target)
        assert journal.get(number).state is TxState.NEEDS_ATTENTION  # type: ignore[union-attr]


def test_a_frozen_payment_flow_cannot_decline_a_row_a_manager_holds(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    frozen = Journal(path, label="frozen till")
    rescuer = Journal(path)
    try:
        number = _open_row(frozen, "T1FROZEN")
        _take_over_and_hand_to_manager(frozen, rescuer, number)
        with pytest.raises(TransitionRefusedError):
            frozen.transition(number, TxState.DECLINED, reason="nothing was sent")
        assert rescuer.get(number).state is TxState.NEEDS_ATTENTION  # type: ignore[union-attr]
    finally:
        frozen.close()
        rescuer.close()


def test_a_frozen_refund_flow_cannot_release_a_refund_a_manager_holds(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    frozen = Journal(path, label="frozen till")
    rescuer = Journal(path)
    try:
        number = _open_row(frozen, "T1REFUND", TxMode.REFUND)
        _take_over_and_hand_to_manager(frozen, rescuer, number)
        with pytest.raises(TransitionRefusedError):
            frozen.transition(number, TxState.DECLINED, reason="late decline")
        assert rescuer.get(number).state is TxState.NEEDS_ATTENTION  # type: ignore[union-attr]
        # The re-check (recovery holds the row's claim) is still the way out.
        assert rescuer.claim(number) is None
        settled = rescuer.transition(number, TxState.REFUNDED, syssn="20261130000009")
        assert settled.state is TxState.REFUNDED
    finally:
        frozen.close()
        rescuer.close()


def test_a_frozen_flow_cannot_overwrite_a_row_the_rescuer_left_open(tmp_path: Path) -> None:
    """ownership's contract: an owner that froze past its lease and woke up cannot overwrite
    what the new owner found.  The rescuer's reversal is unconfirmed (CANCELLING) and its
    recovery pass released the row; the frozen pay flow's late "not sent" must not make it
    DECLINED (the customer may have paid)."""
    path = tmp_path / "j.sqlite3"
    frozen = Journal(path, label="frozen till")
    rescuer = Journal(path)
    try:
        number = _open_row(frozen, "T1LEFTOPEN")
        with rescuer.transaction() as conn:
            conn.execute("UPDATE claims SET lease_until = ?", (time.time() - 1,))
        assert rescuer.claim(number) is None
        rescuer.transition(number, TxState.CANCELLING, reason="recovery: unknown outcome")
        rescuer.release(number)  # recovery's finally: the row stays open for the next pass
        assert rescuer.owner(number) is None
        with pytest.raises(TransitionRefusedError):
            frozen.transition(number, TxState.DECLINED, reason="nothing was sent")
        assert rescuer.get(number).state is TxState.CANCELLING  # type: ignore[union-attr]
    finally:
        frozen.close()
        rescuer.close()
