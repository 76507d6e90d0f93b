"""Issue 11: a cashier with a PIN types it at shift start; wrong tries lock the name."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from pos_app.engine.cashiers import CashierPins
from pos_app.engine.journal import Journal
from pos_app.engine.managers import ManagerStore
from pos_app.runtime.options import RunOptions
from pos_app.settings import default_settings, resolve_paths
from pos_app.ui.wizard.cashier import CashierPicker, open_cashier_pins


def _pins(tmp_path) -> CashierPins:
    journal = Journal(tmp_path / "j.sqlite3")
    ManagerStore(journal, scrypt_n=2**10).add("Mei", "246800")
    pins = CashierPins(journal, scrypt_n=2**10)
    pins.set_pin("Ann", "4321", by="Mei", by_pin="246800")
    return pins


def test_a_cashier_with_a_pin_must_type_it(qtbot, tmp_path):
    pins = _pins(tmp_path)
    try:
        picker = CashierPicker(["Ann", "Ben"], pins=pins)
        qtbot.addWidget(picker)
        picker.show()
        assert picker.pin.isVisible()
        picker.accept()
        assert picker.result() != QDialog.DialogCode.Accepted
        assert "Type your PIN" in picker.message.text()
        picker.pin.setText("1111")
        picker.accept()
        assert picker.isVisible() and "Wrong PIN for Ann" in picker.message.text()
        assert picker.pin.text() == ""
        picker.pin.setText("4321")
        picker.accept()
        assert picker.result() == QDialog.DialogCode.Accepted and picker.chosen() == "Ann"
    finally:
        pins.close()


def test_a_cashier_without_a_pin_is_not_asked(qtbot, tmp_path):
    pins = _pins(tmp_path)
    try:
        picker = CashierPicker(["Ann", "Ben"], pins=pins)
        qtbot.addWidget(picker)
        picker.show()
        picker.names.setCurrentRow(1)
        assert not picker.pin.isVisible()
        picker.accept()
        assert picker.result() == QDialog.DialogCode.Accepted and picker.chosen() == "Ben"
    finally:
        pins.close()


def test_repeated_wrong_pins_lock_the_name(qtbot, tmp_path):
    pins = _pins(tmp_path)
    try:
        picker = CashierPicker(["Ann"], pins=pins)
        qtbot.addWidget(picker)
        picker.show()
        for _ in range(5):
            picker.pin.setText("0000")
            picker.accept()
        assert "locked" in picker.message.text() and "manager" in picker.message.text()
        picker.pin.setText("4321")
        picker.accept()  # even the right PIN waits out the lockout
        assert picker.isVisible() and picker.result() != QDialog.DialogCode.Accepted
    finally:
        pins.close()


def test_the_shift_start_reads_the_journal_of_this_run(tmp_path):
    settings = default_settings("T1")
    options = RunOptions(
        env="training", config_dir=str(tmp_path / "c"), data_dir=str(tmp_path / "d")
    )
    assert open_cashier_pins(settings, options) is None  # no journal yet: nobody has a PIN
    path = resolve_paths(tmp_path / "c", tmp_path / "d").journal_file_for("training", "hk")
    path.parent.mkdir(parents=True)
    with Journal(path) as journal:
        ManagerStore(journal, scrypt_n=2**10).add("Mei", "246800")
        CashierPins(journal, scrypt_n=2**10).set_pin("Ann", "4321", by="Mei", by_pin="246800")
    pins = open_cashier_pins(settings, options)
    assert pins is not None
    try:
        assert pins.with_pins() == {"Ann"}
    finally:
        pins.close()
