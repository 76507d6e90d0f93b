"""Issue 11: cashier PINs set on the wizard's staff page, approved by a manager, stored only
as hashes in the journal; the manager's own PIN follows the store's rule."""

from __future__ import annotations

import json

from pos_app.engine.cashiers import CashierPins
from pos_app.engine.journal import Journal
from pos_app.engine.managers import ManagerStore
from pos_app.settings import load_settings, resolve_paths


def _wizard(qtbot, tmp_path, *, first_run: bool):
    from pos_app.ui.wizard import SetupWizard

    paths = resolve_paths(tmp_path / "c", tmp_path / "d")
    settings = load_settings(paths)
    wizard = SetupWizard(settings, paths, first_run=first_run)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard, paths


def test_the_settings_dialog_sets_a_cashier_pin_approved_by_its_manager(qtbot, tmp_path):
    wizard, paths = _wizard(qtbot, tmp_path, first_run=False)
    journal_path = paths.journal_file_for("training", "hk")
    journal_path.parent.mkdir(parents=True, exist_ok=True)
    with Journal(journal_path) as journal:
        ManagerStore(journal).add("Mei", "246800")
    wizard.approved_by = "Mei"
    staff = wizard.staff_page
    staff.cashiers.setPlainText("Ann\nBen")
    staff.pin_cashier.setCurrentText("Ann")
    staff.cashier_pin.setText("12")
    staff.queue_cashier_pin()
    assert "4 to 8 digits" in staff.cashier_pin_note.text() and staff.pending_pins == {}
    staff.cashier_pin.setText("4321")
    staff.queue_cashier_pin()
    assert staff.pending_pins == {"Ann": "4321"} and staff.cashier_pin.text() == ""
    wizard.accept()
    assert wizard.saved is not None, wizard.problem
    assert load_settings(paths).cashiers == ("Ann", "Ben")
    assert "4321" not in json.dumps(json.loads(paths.settings_file.read_text()))
    with Journal(journal_path) as journal:
        pins = CashierPins(journal)
        assert pins.with_pins() == {"Ann"} and pins.verify("Ann", "4321")
        trail = pins.managers.audit_trail()
        assert (trail[-1].kind, trail[-1].actor) == ("cashier_pin_set", "Mei")


def test_a_cashier_pin_without_any_manager_is_refused_and_nothing_is_saved(qtbot, tmp_path):
    wizard, paths = _wizard(qtbot, tmp_path, first_run=True)
    before = paths.settings_file.read_bytes()
    staff = wizard.staff_page
    staff.cashiers.setPlainText("Ann")
    staff.cashier_pin.setText("4321")
    staff.queue_cashier_pin()
    wizard.accept()
    assert wizard.saved is None and "A manager approves cashier PINs" in wizard.problem
    assert paths.settings_file.read_bytes() == before


def test_the_manager_pin_follows_the_stores_rule(qtbot, tmp_path):
    wizard, _paths = _wizard(qtbot, tmp_path, first_run=True)
    staff = wizard.staff_page
    staff.initializePage()
    staff.manager_name.setText("Mei")
    staff.pin.setText("1234")
    staff.pin_again.setText("1234")
    assert not staff.validatePage() and "6 to 12 digits" in staff.problem.text()
    passphrase = "tea house 2026"
    staff.pin.setText(passphrase)
    staff.pin_again.setText(passphrase)
    assert staff.pin.text() == passphrase  # not cut at 8 characters
    assert staff.validatePage()


def _journal_with_manager(paths, name: str = "Mei", pin: str = "246800"):
    journal_path = paths.journal_file_for("training", "hk")
    journal_path.parent.mkdir(parents=True, exist_ok=True)
    with Journal(journal_path) as journal:
        ManagerStore(journal).add(name, pin)
    return journal_path


def test_the_settings_dialog_adds_another_manager_approved_by_its_manager(qtbot, tmp_path):
    """The bug: settings mode passed no approver to ManagerStore.add, so "add another
    manager" was always refused ("Only a manager can do this")."""
    wizard, paths = _wizard(qtbot, tmp_path, first_run=False)
    journal_path = _journal_with_manager(paths)
    wizard.approved_by = "Mei"  # what the F10 gate sets after checking Mei's PIN
    staff = wizard.staff_page
    staff.initializePage()
    assert "1 manager" in staff.manager_note.text()
    staff.manager_name.setText("Ken")
    staff.pin.setText("135790")
    staff.pin_again.setText("135790")
    assert staff.validatePage()
    wizard.accept()
    assert wizard.saved is not None, wizard.problem
    assert staff.pin.text() == "" and staff.pin_again.text() == ""
    with Journal(journal_path) as journal:
        store = ManagerStore(journal)
        assert [m.name for m in store.list()] == ["Ken", "Mei"]
        assert store.verify("Ken", "135790") == "Ken"
        added = [e for e in store.audit_trail() if e.kind == "manager_added"]
        assert (added[-1].subject, added[-1].actor, added[-1].detail) == (
            "Ken",
            "Mei",
            "added by Mei",
        )


def test_an_approver_who_is_no_manager_of_that_journal_adds_nobody(qtbot, tmp_path):
    """The gate's manager approves only in a journal where they are a manager (the pages
    may point at another environment's journal): refused, nothing saved."""
    wizard, paths = _wizard(qtbot, tmp_path, first_run=False)
    journal_path = _journal_with_manager(paths)
    before = paths.settings_file.read_bytes()
    wizard.approved_by = "Zed"
    staff = wizard.staff_page
    staff.manager_name.setText("Ken")
    staff.pin.setText("135790")
    staff.pin_again.setText("135790")
    wizard.accept()
    assert wizard.saved is None and "Only a manager can do this" in wizard.problem
    assert paths.settings_file.read_bytes() == before
    with Journal(journal_path) as journal:
        assert [m.name for m in ManagerStore(journal).list()] == ["Mei"]
