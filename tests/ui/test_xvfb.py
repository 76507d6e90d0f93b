"""The real window on a real X server: what the cashier and the customer actually see.

A subprocess runs ``screenshot_scenario.py`` with ``QT_QPA_PLATFORM=xcb`` against an Xvfb
started here; its captures come from ``QScreen.grabWindow`` (pixels the X server holds), and
``zbarimg`` must read the customer display's QR as exactly the gateway's code.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCENARIO = Path(__file__).with_name("screenshot_scenario.py")


TWO_SCREENS = Path(__file__).with_name("two_screen_scenario.py")


def start_xvfb(*screens: str):
    """Start Xvfb with the given screen sizes on a free display; yield ``":N"``."""
    if shutil.which("Xvfb") is None:
        pytest.fail("Xvfb is required for this test (apt-get install xvfb)")
    read_fd, write_fd = os.pipe()
    args = ["Xvfb", "-displayfd", str(write_fd), "-nolisten", "tcp"]
    for index, size in enumerate(screens):
        args += ["-screen", str(index), size]
    proc = subprocess.Popen(
        args,
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        assert number.isdigit(), "Xvfb did not report a display"
        yield f":{number}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def xvfb_display():
    yield from start_xvfb("1280x900x24")


@pytest.fixture
def xvfb_two_screens():
    # Two X screens, not +xinerama: under Xinerama Qt's xcb plugin reports a single screen.
    yield from start_xvfb("1024x768x24", "800x600x24")


@pytest.mark.xvfb
def test_screens_under_xvfb_show_a_scannable_qr(xvfb_display, tmp_path):
    env = dict(os.environ, DISPLAY=xvfb_display, QT_QPA_PLATFORM="xcb")
    result = subprocess.run(
        [sys.executable, str(SCENARIO), str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    info = json.loads((tmp_path / "result.json").read_text())
    assert info["platform"] == "xcb"
    assert info["outcome"] == "PAID"
    for name in ("sale.png", "waiting.png", "paid.png", "customer_qr.png", "mpm_paid.png"):
        assert (tmp_path / name).stat().st_size > 1000, name
    expected = (tmp_path / "qrcode.txt").read_text()
    assert expected.startswith("http")
    decoded = subprocess.run(
        ["zbarimg", "--raw", "-q", str(tmp_path / "customer_qr.png")],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert decoded.returncode == 0
    assert decoded.stdout.strip() == expected


@pytest.mark.xvfb
def test_customer_display_fills_the_second_screen(xvfb_two_screens, tmp_path):
    env = dict(os.environ, DISPLAY=xvfb_two_screens, QT_QPA_PLATFORM="xcb")
    result = subprocess.run(
        [sys.executable, str(TWO_SCREENS), str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    info = json.loads((tmp_path / "two_screens.json").read_text())
    assert info["platform"] == "xcb"
    assert info["screens"] == [[0, 0, 1024, 768], [0, 0, 800, 600]]
    assert info["main_screen_index"] == info["primary_index"] == 0
    assert info["display_screen_index"] == 1  # the customer's screen, not the till's
    assert info["display_geometry"] == info["screens"][1]  # all of it
    assert info["display_full_screen"] is True
    assert info["focus_stayed_on_till"] is True  # a scan after this still reaches the till
    assert info["outcome"] == "PAID"
    decoded = subprocess.run(
        ["zbarimg", "--raw", "-q", str(tmp_path / "customer_screen.png")],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert decoded.returncode == 0
    assert decoded.stdout.strip() == info["qrcode"]
