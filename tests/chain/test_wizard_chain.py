"""The wizard's chain page, driven like a shop owner would, against a real PostgreSQL head
office: a wrong address, a wrong password, a dead host and a head office not set up yet each
get one clear sentence; the right one connects, and Finish stores the address and shop in
the settings and the password in the real keyring (never in a file)."""

from __future__ import annotations

import contextlib
import dataclasses
import socket

import psycopg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from pos_app.chain.database import KEYRING_SERVICE, find_password, keyring_user
from pos_app.chain.join import check_head_office
from pos_app.cli.main import main
from pos_app.settings import default_settings, load_settings, resolve_paths, save_settings


@pytest.fixture
def paths(tmp_path):
    p = resolve_paths(tmp_path / "config", tmp_path / "data")
    settings = dataclasses.replace(default_settings(), setup_done=True)
    settings = dataclasses.replace(settings, shop=dataclasses.replace(settings.shop, name="Lucky"))
    save_settings(settings, p)
    return p


@pytest.fixture
def forget_password(headoffice, secret_service):
    yield
    from keyring.errors import PasswordDeleteError

    with contextlib.suppress(PasswordDeleteError):
        secret_service.delete_password(KEYRING_SERVICE, keyring_user(headoffice.dsn))


def open_chain_page(qtbot, paths):
    from pos_app.ui.wizard import SetupWizard

    wizard = SetupWizard(load_settings(paths), paths, first_run=False)
    qtbot.addWidget(wizard)
    wizard.show()
    while wizard.currentPage() is not wizard.chain_page:
        before = wizard.currentPage()
        wizard.next()
        assert wizard.currentPage() is not before, "a page before the chain page refused Next"
    return wizard, wizard.chain_page


def type_into(qtbot, widget, text: str) -> None:
    widget.clear()
    qtbot.keyClicks(widget, text)


def run_test_button(qtbot, page) -> str:
    page.tested_ok = None
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.tested_ok is not None, timeout=20_000)
    return page.result.text()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def finish(wizard) -> None:
    wizard.button(QWizard.WizardButton.FinishButton).click()


@pytest.mark.keyring
def test_joining_a_chain_from_the_wizard(qtbot, paths, headoffice, monkeypatch, forget_password):
    monkeypatch.delenv("PGPASSWORD")  # only what the owner types, then the keyring
    wizard, page = open_chain_page(qtbot, paths)
    assert page.alone.isChecked() and not page.details.isEnabled()
    assert page.till_id.text() == load_settings(paths).till_id  # how head office knows it
    page.join.setChecked(True)
    assert page.details.isEnabled()

    type_into(qtbot, page.database, "mysql://till@head-office/shops")
    finish(wizard)
    assert wizard.saved is None and "postgresql://" in wizard.problem  # nothing stored
    assert page.validatePage() is False and "postgresql://" in page.result.text()
    assert "postgresql://" in run_test_button(qtbot, page) and page.tested_ok is False

    type_into(qtbot, page.database, headoffice.dsn)
    type_into(qtbot, page.password, "not-the-password")
    assert "refused the user name or password" in run_test_button(qtbot, page)

    dead = headoffice.dsn.replace(f":{headoffice.cluster.port}/", f":{closed_port()}/")
    type_into(qtbot, page.database, dead)
    assert "cannot be reached" in run_test_button(qtbot, page)

    type_into(qtbot, page.database, headoffice.dsn.replace(f"/{headoffice.name}", "/postgres"))
    type_into(qtbot, page.password, headoffice.password)
    assert "not set up yet" in run_test_button(qtbot, page)  # no backoffice serve there yet

    type_into(qtbot, page.database, headoffice.dsn)
    with psycopg.connect(headoffice.dsn, password=headoffice.password, autocommit=True) as conn:
        conn.execute("INSERT INTO tills (till_id, environment, shop) VALUES ('T9', 'prod', 'Mk')")
    text = run_test_button(qtbot, page)
    assert page.tested_ok is True and text.startswith("✔") and "Tills it knows so far: 1" in text
    type_into(qtbot, page.shop, "Central")
    finish(wizard)
    assert wizard.saved is not None

    saved = load_settings(paths).chain
    assert (saved.database, saved.shop) == (headoffice.dsn, "Central")
    assert headoffice.password not in (paths.config_dir / "settings.json").read_text()
    assert find_password(headoffice.dsn, environ={}) == headoffice.password  # the keyring
    assert check_head_office(headoffice.dsn).ok  # as the till will connect: from the keyring
    assert page.password.text() == ""

    # The settings dialog later: the page shows the chain; "on its own" leaves it.
    again, page = open_chain_page(qtbot, paths)
    assert page.join.isChecked() and page.database.text() == headoffice.dsn
    assert page.shop.text() == "Central"
    assert page.password.text() == ""  # never shown again
    page.alone.setChecked(True)
    finish(again)
    assert again.saved is not None and load_settings(paths).chain.database is None


def test_chain_check_on_the_command_line_says_the_same(headoffice, capsys):
    base = ["--env", "training", "chain", "check", "--database"]
    assert main([*base, headoffice.dsn]) == 0
    assert "Tills it knows so far: 0" in capsys.readouterr().out
    dead = headoffice.dsn.replace(f":{headoffice.cluster.port}/", f":{closed_port()}/")
    assert main([*base, dead]) == 5
    assert "cannot be reached" in capsys.readouterr().err
