"""Manager notes on a transaction: sent to QFPay (``/trade/v1/add_note``) and kept in the
journal's audit trail.

The request is journaled before it leaves, like every request of the till, and the answer
after it, so the trail shows a note that was attempted even if the answer never came.
Notes are for this till's own transactions: a note on a number the journal does not know
could not be kept here, so it is refused before anything is sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pos_app.engine.errors import InputRefusedError
from pos_app.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from pos_app.engine.journal import EventRecord, Journal
    from pos_app.qfpay.client import QFPayClient

MAX_NOTE = 200  # characters; the client refuses longer notes too
NOTE_REQUEST, NOTE = "note_request", "note"


@dataclass(frozen=True, slots=True)
class NoteAdded:
    """Which journal row the note went to, and QFPay's answer code."""

    out_trade_no: str
    syssn: str
    respcd: str


def check_note(text: str) -> str:
    """The note as it will be sent, or a refusal (nothing journaled, nothing sent)."""
    cleaned = " ".join(text.split())
    if not cleaned:
        raise InputRefusedError(QT_TRANSLATE_NOOP("engine", "The note is empty."))
    if len(cleaned) > MAX_NOTE:
        raise InputRefusedError(
            QT_TRANSLATE_NOOP("engine", "A note may be at most 200 characters long.")
        )
    return cleaned


def row_for_syssn(journal: Journal, syssn: str) -> str | None:
    """The journal row (payment or refund) carrying this QFPay number."""
    rows = journal.read(
        "SELECT out_trade_no FROM transactions WHERE syssn = ? ORDER BY created_at", (syssn,)
    )
    return str(rows[0][0]) if rows else None


def add_note(
    journal: Journal, client: QFPayClient, *, syssn: str, text: str, author: str
) -> NoteAdded:
    """Journal the note, send it, journal QFPay's acceptance.  Gateway errors propagate."""
    note = check_note(text)
    out_trade_no = row_for_syssn(journal, syssn.strip())
    if out_trade_no is None:
        raise InputRefusedError(
            QT_TRANSLATE_NOOP("engine", "This till has no transaction with that QFPay number.")
        )
    who = author.strip() or "manager"
    journal.record(out_trade_no, NOTE_REQUEST, f"{who}: {note}")
    result = client.add_note(syssn=syssn.strip(), note=note)
    journal.record(out_trade_no, NOTE, f"{who}: {note}", respcd=result.respcd)
    return NoteAdded(out_trade_no, syssn.strip(), result.respcd)


def notes_of(events: list[EventRecord]) -> list[EventRecord]:
    """The accepted notes in an audit trail."""
    return [event for event in events if event.kind == NOTE]
