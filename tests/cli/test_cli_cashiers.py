"""Issue 11: ``qfpay-pos cashier add|remove|list|set-pin|clear-pin`` as real subprocesses.

Names go to settings.json, PINs only as scrypt hashes into the journal; every change needs
a manager's PIN; bad input is one clear message and changes nothing.
"""

from __future__ import annotations

import json

from clihelpers import Till


def _settings(till: Till) -> dict:
    shown = till.run("settings", "show")
    assert shown.returncode == 0, shown.stderr
    return json.loads(open(shown.final["file"], encoding="utf-8").read())


def test_cashiers_and_their_pins_from_the_command_line(till: Till) -> None:
    till.add_manager("mei", "246810")
    unapproved = till.run("cashier", "add", "Ann", stdin="")
    assert unapproved.returncode == 2 and "--by" in unapproved.stderr
    wrong = till.run("cashier", "add", "Ann", "--by", "mei", stdin="000000\n")
    assert wrong.returncode == 2 and "Wrong manager name or PIN" in wrong.stderr
    assert _settings(till)["cashiers"] == []
    assert till.run("cashier", "add", "Ann", "--by", "mei", stdin="246810\n").returncode == 0
    assert till.run("cashier", "add", "Ben", "--by", "mei", stdin="246810\n").returncode == 0
    twice = till.run("cashier", "add", "Ann", "--by", "mei", stdin="246810\n")
    assert twice.returncode == 2 and "already a cashier" in twice.stderr
    assert _settings(till)["cashiers"] == ["Ann", "Ben"]

    short = till.run("cashier", "set-pin", "Ann", "--by", "mei", stdin="246810\n12\n12\n")
    assert short.returncode == 2 and "4 to 8 digits" in short.stderr
    differ = till.run("cashier", "set-pin", "Ann", "--by", "mei", stdin="246810\n1234\n4321\n")
    assert differ.returncode == 2 and "differ" in differ.stderr
    nobody = till.run("cashier", "set-pin", "Zed", "--by", "mei", stdin="246810\n1234\n1234\n")
    assert nobody.returncode == 2 and "no cashier called Zed" in nobody.stderr
    ok = till.run("cashier", "set-pin", "Ann", "--by", "mei", stdin="246810\n4321\n4321\n")
    assert ok.returncode == 0, ok.stderr
    listed = till.run("cashier", "list")
    assert [(e["name"], e["pin"]) for e in listed.events if e["event"] == "cashier"] == [
        ("Ann", True),
        ("Ben", False),
    ]
    text = json.dumps(_settings(till))
    assert "scrypt" not in text and "4321" not in text  # no hash in the shared file

    assert till.run("cashier", "clear-pin", "Ann", "--by", "mei", stdin="246810\n").returncode == 0
    assert till.run("cashier", "remove", "Ben", "--by", "mei", stdin="246810\n").returncode == 0
    assert _settings(till)["cashiers"] == ["Ann"]
    audit = till.run("manager", "audit")
    kinds = [e["audit_kind"] for e in audit.events if e["event"] == "audit"]
    assert kinds[-2:] == ["cashier_pin_set", "cashier_pin_cleared"]
