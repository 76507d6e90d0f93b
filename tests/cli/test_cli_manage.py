"""The manager's commands as real subprocesses against the training gateway: history over
dates and searches, X/Z reports, notes, reconciliation and statements."""

from __future__ import annotations

import csv
import dataclasses
import io
import time
import zipfile
from datetime import date, timedelta
from pathlib import Path

from clihelpers import DECLINED_CODE, PAID_CODE, Till

from pos_app.engine.journal import Journal


def test_history_over_dates_with_search_and_csv(till: Till) -> None:
    first = till.pay(PAID_CODE, "10.00").final
    till.pay(PAID_CODE, "2.50")
    till.pay(DECLINED_CODE, "99.00")
    today = date.today()
    week = till.run("history", "--from", (today - timedelta(days=7)).isoformat(),
                    "--to", today.isoformat())  # fmt: skip
    rows = [e for e in week.events if e["event"] == "transaction"]
    assert week.returncode == 0 and len(rows) == 3
    assert rows[0]["amount"] == "10.00" and rows[0]["txamt"] == 1000
    assert rows[0]["currency"] == "HKD" and rows[0]["wallet"] == "WeChat Pay"
    by_id = till.run("history", "--search", first["syssn"])
    assert [e["out_trade_no"] for e in by_id.events if e["event"] == "transaction"] == [
        first["out_trade_no"]
    ]
    by_amount = till.run("history", "--search", "2.50")
    assert by_amount.final["count"] == 1
    by_code = till.run("history", "--search", PAID_CODE[-4:])
    assert by_code.final["count"] == 2
    declined = till.run("history", "--state", "declined")
    assert declined.final["count"] == 1
    text = till.run("history", "--csv", "--sort", "amount", "--desc", json_mode=False)
    table = list(csv.DictReader(io.StringIO(text.stdout)))
    assert [r["amount"] for r in table] == ["99.00", "10.00", "2.50"]
    assert table[0]["wallet"] == "WeChat Pay" and table[0]["auth_code_last4"] == "1201"
    human = till.run("history", json_mode=False)
    assert "HKD 10.00" in human.stdout and "WeChat Pay" in human.stdout
    bad = till.run("history", "--from", today.isoformat(), "--to", "2001-01-01", json_mode=False)
    assert bad.returncode == 2 and "before" in bad.stderr


def test_x_then_z_then_the_next_day(till: Till) -> None:
    till.add_manager("mei", "246810")
    till.pay(PAID_CODE, "10.00")
    x = till.run("report", "--x")
    assert x.returncode == 0 and x.final["report"] == "X" and "number" not in x.final
    human = till.run("report", json_mode=False)
    assert "X REPORT" in human.stdout and "WeChat Pay" in human.stdout
    assert "HKD 10.00" in human.stdout and "800208" not in human.stdout
    wrong = till.run("report", "--z", "--manager", "mei", stdin="0000\n")
    assert wrong.returncode == 2
    z = till.run("report", "--z", "--manager", "mei", stdin="246810\n")
    assert z.returncode == 0, z.stderr
    assert z.final["number"] == 1 and z.final["closed_by"] == "mei"
    assert z.final["net"] == [{"currency": "HKD", "amount": "10.00", "txamt": 1000}]
    till.pay(PAID_CODE, "3.00")
    after = till.run("report")
    assert after.final["net"] == [{"currency": "HKD", "amount": "3.00", "txamt": 300}]
    reprint = till.run("report", "--number", "1")
    assert reprint.final["net"] == z.final["net"] and reprint.final["closed_by"] == "mei"
    assert till.run("report", "--number", "7").returncode == 2
    rows = list(csv.DictReader(io.StringIO(till.run("report", "--number", "1", "--csv",
                                                     json_mode=False).stdout)))  # fmt: skip
    assert rows[0]["net"] == "10.00" and rows[0]["number"] == "1"


def test_z_is_refused_while_a_payment_is_open(till: Till) -> None:
    till.add_manager("mei", "246810")
    till.pay(PAID_CODE, "1.00")
    with Journal(till.journal_path) as journal:
        journal.create(
            out_trade_no="OPENX1", sale_id="S", mode="CPM", till_id="T",  # type: ignore[arg-type]
            cashier="amy", txamt=100, currency="HKD", pay_type="800208",
        )  # fmt: skip
    z = till.run("report", "--z", "--manager", "mei", stdin="246810\n")
    assert z.returncode == 4 and "still open" in z.stderr
    assert till.run("report", "--number", "1").returncode == 2  # nothing was closed


def test_note_goes_to_qfpay_and_the_journal(till: Till) -> None:
    paid = till.pay(PAID_CODE, "10.00").final
    result = till.run("note", "--syssn", paid["syssn"], "--text", "gift wrap", "--manager", "mei")
    assert result.returncode == 0, result.stderr
    order = till.gateway.store.by_syssn(paid["syssn"])
    assert order is not None and order.note == "gift wrap"
    with Journal(till.journal_path) as journal:
        kinds = [(e.kind, e.detail) for e in journal.events(paid["out_trade_no"])]
    assert ("note", "mei: gift wrap") in kinds and ("note_request", "mei: gift wrap") in kinds
    assert till.run("note", "--syssn", paid["syssn"], "--text", "  ").returncode == 2
    assert till.run("note", "--syssn", "123456789", "--text", "x").returncode == 2


def test_reconcile_matches_then_finds_a_planted_difference(till: Till) -> None:
    paid = till.pay(PAID_CODE, "10.00").final
    till.pay(DECLINED_CODE, "5.00")
    ok = till.run("reconcile")
    assert ok.returncode == 0, ok.stderr
    assert (ok.final["matched"], ok.final["differs"]) == (2, 0)
    order = till.gateway.store.by_out_trade_no(paid["out_trade_no"])
    assert order is not None and order.udid  # the till sends its id as udid
    with till.gateway.store.transaction() as store:
        store.update(dataclasses.replace(order, txamt=1001))
    bad = till.run("reconcile", "--date", date.today().isoformat())
    assert bad.returncode == 4
    assert bad.final["differs"] == 1
    [diff] = [e for e in bad.events if e["event"] == "difference"]
    assert diff["out_trade_no"] == paid["out_trade_no"]
    assert (diff["amount"], diff["qfpay_amount"], diff["qfpay_amount_txamt"]) == (
        "10.00", "10.01", 1001,
    )  # fmt: skip
    human = till.run("reconcile", json_mode=False)
    assert "1 differing" in human.stdout and "HKD 10.00" in human.stdout


def test_statement_is_saved_unparsed(till: Till, tmp_path: Path) -> None:
    till.pay(PAID_CODE, "10.00")
    target = tmp_path / "bill.zip"
    result = till.run("statement", "--date", date.today().isoformat(), "--out", str(target))
    assert result.returncode == 0, result.stderr
    assert "only in production" in result.stderr
    assert zipfile.is_zipfile(target) and result.final["bytes"] == target.stat().st_size
    missing = till.run("statement", "--date", "2026-01-01", "--out", str(tmp_path / "no/x.zip"))
    assert missing.returncode == 2


def test_recover_says_what_it_is_checking(till: Till) -> None:
    till.pay(PAID_CODE, "1.00")  # creates the journal and settings
    # A minute-old row from a till before schema step 8 (no in_flight_until): its request
    # can no longer be in flight, so recovery settles it at once.
    with Journal(till.journal_path, clock=lambda: time.time() - 60) as journal:
        journal.create(
            out_trade_no="NEVERSENT1", sale_id="S", mode="CPM", till_id="T",  # type: ignore[arg-type]
            cashier="amy", txamt=250, currency="HKD", pay_type="800208",
        )  # fmt: skip
    live = till.start("recover", "--poll-interval", "0.05")
    first = live.wait_for(lambda e: e["event"] == "checking")
    assert first["out_trade_no"] == "NEVERSENT1" and first["count"] == 1
    assert live.finish() == 0
    kinds = [e["event"] for e in live.events]
    assert kinds[:2] == ["recovering", "checking"] and kinds[-1] == "result"
    assert kinds.index("recovered") < kinds.index("result")
    human = till.run("recover", json_mode=False)
    assert human.returncode == 0 and "Nothing to recover" in human.stdout


def test_json_may_follow_the_command(till: Till) -> None:
    till.pay(PAID_CODE, "1.00")
    result = till.run("reconcile", "--json", json_mode=False)
    assert result.returncode == 0 and '"event": "result"' in result.stdout
