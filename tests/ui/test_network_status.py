"""Issue 8: a proxy or an own CA bundle, when a setting enables them, is always in sight,
and the wizard's Network group saves good values and refuses bad ones with the reason."""

from __future__ import annotations

import dataclasses

from pos_app.settings import load_settings, resolve_paths
from pos_app.ui.status_bar import TillStatusBar

PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"


def test_status_bar_shows_the_network_settings_only_when_enabled(qtbot):
    bar = TillStatusBar()
    qtbot.addWidget(bar)
    bar.show()
    assert bar.network_label.isHidden()
    bar.set_network("http://proxy.example:3128", "/etc/shop/ca.pem")
    assert bar.network_label.isVisible()
    assert "Proxy: http://proxy.example:3128" in bar.network_label.text()
    assert "Own CA bundle" in bar.network_label.text()
    assert bar.network_label.toolTip() == "/etc/shop/ca.pem"
    bar.set_network(None, None)
    assert bar.network_label.isHidden()


def test_the_till_window_shows_the_proxy_it_was_started_with(make_window, services):
    services.proxy = "http://127.0.0.1:3128"
    window = make_window(services=services)
    label = window.status.network_label
    assert label.isVisible() and label.text() == "Proxy: http://127.0.0.1:3128"


def test_the_wizard_network_group_saves_and_refuses(qtbot, tmp_path):
    from pos_app.ui.wizard import SetupWizard

    paths = resolve_paths(tmp_path / "c", tmp_path / "d")
    settings = load_settings(paths)
    wizard = SetupWizard(settings, paths, first_run=False)
    qtbot.addWidget(wizard)
    wizard.show()
    before = paths.settings_file.read_bytes()
    wizard.devices_page.proxy.setText("proxy.example:3128")
    wizard.accept()
    assert wizard.saved is None and "network.proxy" in wizard.problem
    assert paths.settings_file.read_bytes() == before
    pem = tmp_path / "ca.pem"
    pem.write_text(PEM)
    wizard.devices_page.proxy.setText("http://proxy.example:3128")
    wizard.devices_page.ca_bundle.setText(str(pem))
    wizard.accept()
    assert wizard.saved is not None
    assert load_settings(paths).network == dataclasses.replace(
        settings.network, proxy="http://proxy.example:3128", ca_bundle=str(pem)
    )
