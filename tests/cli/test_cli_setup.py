"""``settings show|set`` and ``credentials test`` as real subprocesses."""

from __future__ import annotations

import json

from clihelpers import PAID_CODE, Till

FAIL_KEYRING = "keyring.backends.fail.Keyring"


def test_settings_show_lists_every_key_and_set_changes_one(till: Till) -> None:
    shown = till.run("settings", "show")
    assert shown.returncode == 0
    settings = shown.final["settings"]
    assert settings["sign_type"] == "SHA256" and settings["shop.footer"] == ""
    changed = till.run("settings", "set", "shop.footer", "Thank you, see you soon")
    assert changed.returncode == 0, changed.stderr
    on_disk = json.loads((till.config_dir / "settings.json").read_text())
    assert on_disk["shop"]["footer"] == "Thank you, see you soon"
    assert till.run("settings", "set", "printer.auto_print", "off").returncode == 0
    assert (
        json.loads((till.config_dir / "settings.json").read_text())["printer"]["auto_print"]
        is False
    )


def test_bad_settings_change_nothing(till: Till) -> None:
    till.run("settings", "show")
    before = (till.config_dir / "settings.json").read_bytes()
    for key, value, words in (
        ("printer.kind", "laser", "unknown printer.kind"),
        ("till_id", "T2", "cannot be changed"),
        ("txzone", "0800", "+0800"),
        ("nonsense", "1", "there is no setting"),
        ("max_amount", "-5", "max_amount"),
        ("sounds", "maybe", "true or false"),
    ):
        result = till.run("settings", "set", key, value, json_mode=False)
        assert result.returncode == 2, (key, result.stderr)
        assert words in result.stderr and "nothing was changed" in result.stderr
        assert (till.config_dir / "settings.json").read_bytes() == before


def test_till_name_and_time_zone_reach_the_gateway(till: Till) -> None:
    till_id = till.run("settings", "show").final["settings"]["till_id"]
    assert till.run("settings", "set", "till_name", "Counter 2").returncode == 0
    assert till.pay(PAID_CODE).final["status"] == "PAID"
    (order,) = till.gateway.store.all()
    # The portal shows the shop's name; the id keeps reconciliation and same-named tills apart.
    assert order.udid == f"Counter 2 {till_id}"


def test_credentials_test_in_training_connects(till: Till) -> None:
    result = till.run("credentials", "test")
    assert result.returncode == 0, result.stderr
    assert result.final["ok"] is True and "Nothing was charged" in result.final["message"]


def test_no_keyring_says_what_to_install_and_training_still_works(till: Till) -> None:
    env = till.env(PYTHON_KEYRING_BACKEND=FAIL_KEYRING, DBUS_SESSION_BUS_ADDRESS="unix:path=/x")
    result = till.run("--env", "sandbox", "credentials", "show", env=env, json_mode=False)
    assert result.returncode == 5
    assert "gnome-keyring" in result.stderr and "never stores the key in a file" in result.stderr
    tested = till.run("--env", "sandbox", "credentials", "test", env=env, json_mode=False)
    assert tested.returncode == 5 and "gnome-keyring" in tested.stderr
    paid = till.run(
        "pay", "--amount", "1.00", "--pay-type", "800208", "--auth-code", PAID_CODE, env=env
    )
    assert paid.final["status"] == "PAID"
