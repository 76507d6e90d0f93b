"""The manager's views with pytest-qt on the real engine, journal and training gateway:
the lazy history (pages, search, sort, audit trail, notes, CSV), the X/Z reports, and
"check with QFPay" with a difference planted at the gateway."""

from __future__ import annotations

import csv
import dataclasses
import time

from PySide6.QtCore import Qt

from pos_app.engine.day_reports import last_z_number
from pos_app.engine.states import TxMode, TxState
from pos_app.ui.history import HistoryDialog, audit_text
from pos_app.ui.history_model import HistoryModel
from pos_app.ui.reconcile_view import ReconcileDialog
from pos_app.ui.report_view import ReportDialog
from pos_app.ui.worker import Worker

PAID_CODE = "134567890123450000"


def _fill(journal, n: int, *, at: float | None = None) -> None:
    """``n`` paid rows, written straight into the journal file (fast)."""
    now = at or time.time()
    with journal.transaction() as conn:
        conn.executemany(
            "INSERT INTO transactions (out_trade_no, sale_id, mode, till_id, cashier, txamt, "
            "currency, pay_type, state, syssn, created_at, updated_at, local_day) "
            "VALUES (?, 'S', 'CPM', 'T1', ?, ?, 'HKD', '800208', 'PAID', ?, ?, ?, '2026-01-01')",
            [(f"F{i:08d}", f"c{i % 3}", 100 + i, f"9{i:08d}", now - i, now - i) for i in range(n)],
        )


def _pay(services, txamt: int):
    return services.engine.pay_cpm(
        txamt=txamt, currency="HKD", pay_type="800208", auth_code=PAID_CODE
    )


def test_model_fetches_pages_lazily_and_sorts(qtbot, services):
    _fill(services.journal, 450)
    worker = Worker()
    model = HistoryModel(services.journal, worker, page_size=100)
    from pos_app.engine.history import HistoryFilter

    with qtbot.waitSignal(model.reset_done, timeout=5000):
        model.set_filter(HistoryFilter(descending=True))
    assert model.rowCount() == 100 and model.canFetchMore()
    assert model.index(0, 7).data() == "F00000000"  # newest first
    model.fetchMore()
    qtbot.waitUntil(lambda: model.rowCount() == 200, timeout=5000)
    while model.canFetchMore() or model.loading:
        if model.canFetchMore():
            model.fetchMore()
        qtbot.wait(10)
    assert model.rowCount() == 450
    assert len({r.out_trade_no for r in model.rows}) == 450  # no page twice
    with qtbot.waitSignal(model.reset_done, timeout=5000):
        model.sort(3, Qt.SortOrder.DescendingOrder)  # amount
    assert model.index(0, 3).data() == "HKD 5.49"
    assert model.headerData(3, Qt.Orientation.Horizontal) == "Amount"


def test_history_dialog_search_trail_note_and_export(qtbot, services, tmp_path):
    worker = Worker()
    first = _pay(services, 420)
    _pay(services, 999)
    dialog = HistoryDialog(services.journal, worker, lambda rec: None, services=services)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=5000)
    assert dialog.model.index(0, 3).data() == "HKD 9.99"  # newest first
    assert dialog.model.filter.descending and dialog.model.filter.sort == "time"
    dialog.search_edit.setText(first.syssn)
    dialog.apply_filter()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=5000)
    assert dialog.model.index(0, 3).data() == "HKD 4.20"
    assert dialog.model.index(0, 2).data() == "WeChat Pay"
    qtbot.waitUntil(lambda: "created" in dialog.trail.toPlainText(), timeout=5000)
    assert "PAID" in dialog.trail.toPlainText() or "Paid" in dialog.trail.toPlainText()
    rec = dialog.selected()
    assert rec is not None and rec.syssn == first.syssn
    dialog.add_note(rec, "customer kept the receipt")
    qtbot.waitUntil(lambda: "customer kept the receipt" in dialog.trail.toPlainText(), timeout=5000)
    order = services.training_gateway.store.by_syssn(first.syssn)
    assert order.note == "customer kept the receipt"
    dialog.search_edit.setText("")
    dialog.apply_filter()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=5000)
    target = tmp_path / "view.csv"
    dialog.export_csv(str(target))
    qtbot.waitUntil(lambda: "exported" in dialog.status.text(), timeout=5000)
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert sorted(r["amount"] for r in rows) == ["4.20", "9.99"]


def test_audit_trail_text_names_who_approved(services):
    services.engine.managers.add("Mei", "135790", by="Mia", by_pin="246810")
    paid = _pay(services, 1000)
    services.engine.refund(orig_syssn=paid.syssn, txamt=100, manager="Mei", pin="135790")
    (refund,) = services.journal.refunds_of(paid.syssn)
    assert "authorised by manager Mei" in audit_text(services.journal.events(refund.out_trade_no))


def test_x_then_z_on_screen(qtbot, services):
    worker = Worker()
    _pay(services, 1000)
    _pay(services, 250)
    dialog = ReportDialog(services.journal, worker, services=services)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.current is not None, timeout=5000)
    text = dialog.report.toPlainText()
    assert "X REPORT" in text and "WeChat Pay" in text and "HKD 12.50" in text
    assert dialog.z_button.isEnabled()
    dialog.manager_edit.setText("Mia")
    dialog.pin_edit.setText("0000")
    dialog.close_the_day()
    qtbot.waitUntil(lambda: "Wrong" in dialog.status.text(), timeout=5000)
    assert last_z_number(services.journal) is None
    dialog.pin_edit.setText("246810")
    dialog.close_the_day()
    qtbot.waitUntil(lambda: dialog.current.kind == "Z", timeout=5000)
    assert "Z REPORT 1" in dialog.report.toPlainText()
    assert dialog.current.closed_by == "Mia" and not dialog.z_button.isEnabled()
    dialog.show_x()
    qtbot.waitUntil(lambda: dialog.current.kind == "X", timeout=5000)
    assert "No payments" in dialog.report.toPlainText()  # sales after a Z: the next day


def test_open_transactions_stop_the_z_button(qtbot, services):
    services.journal.create(
        out_trade_no="OPENUI1", sale_id="S", mode=TxMode.CPM, till_id="T1", cashier="Ann",
        txamt=500, currency="HKD", pay_type="800208",
    )  # fmt: skip
    dialog = ReportDialog(services.journal, Worker(), services=services)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.current is not None, timeout=5000)
    assert "OPENUI1" in dialog.report.toPlainText()
    assert "not settled" in dialog.summary.text() and not dialog.z_button.isEnabled()


def test_check_with_qfpay_marks_a_planted_difference_and_settles(qtbot, services, tmp_path):
    gateway = services.training_gateway
    good = _pay(services, 1000)
    bent = _pay(services, 2000)
    order = gateway.store.by_out_trade_no(bent.out_trade_no)
    with gateway.store.transaction() as store:
        store.update(dataclasses.replace(order, txamt=1))
    services.engine.client.pay(
        out_trade_no="T1OPEN000001", txamt=300, txcurrcd="HKD", pay_type="800208",
        auth_code=PAID_CODE,
    )  # fmt: skip
    services.journal.create(
        out_trade_no="T1OPEN000001", sale_id="S9", mode=TxMode.CPM, till_id="T1",
        cashier="Ann", txamt=300, currency="HKD", pay_type="800208",
    )  # fmt: skip
    services.journal.transition("T1OPEN000001", TxState.UNKNOWN)
    dialog = ReconcileDialog(services, Worker())
    qtbot.addWidget(dialog)
    dialog.check()
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=10000)
    numbers = {dialog.table.item(r, 1).text() for r in range(dialog.table.rowCount())}
    assert numbers == {bent.out_trade_no, "T1OPEN000001"}
    assert good.out_trade_no not in numbers
    assert "differing 2" in dialog.summary.text()
    assert dialog.settle_button.isEnabled()
    first = dialog.outcome
    dialog.settle()
    qtbot.waitUntil(lambda: dialog.outcome is not first, timeout=10000)
    assert services.journal.get("T1OPEN000001").state is TxState.PAID
    assert "differing 1" in dialog.summary.text()  # the planted amount stays for a manager
    target = tmp_path / "check.csv"
    dialog.export_csv(str(target))
    qtbot.waitUntil(lambda: "exported" in dialog.summary.text(), timeout=5000)
    rows = {r["out_trade_no"]: r for r in csv.DictReader(target.open(encoding="utf-8"))}
    assert rows[bent.out_trade_no]["finding"] == "differs"
    assert (rows[bent.out_trade_no]["amount"], rows[bent.out_trade_no]["qfpay_amount"]) == (
        "20.00", "0.01",
    )  # fmt: skip
    assert rows[good.out_trade_no]["finding"] == "matched"
