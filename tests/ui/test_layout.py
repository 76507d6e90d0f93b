"""The till fits every screen it is sold for, in every language: checked on a real X server.

For each screen size (1024x768, the 1280x800 touch panel, 1366x768, 1920x1080) and each
language (English, Chinese), ``layout_scenario.py`` runs the real window under Xvfb through
every state (recovery at start, idle, amount, waiting, waiting with the network down, each
result, the close-while-busy question, the customer window, refund, history, day close) and
checks that every visible widget is on screen and inside its parents, that no label or
button text is cut off, and that no window exceeds the screen's available geometry.

The screenshots stay in ``test-artifacts/screens/<size>-<language>/`` (git-ignored) so a
person can look at what the test looked at.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ui.test_xvfb import start_xvfb

SCENARIO = Path(__file__).with_name("layout_scenario.py")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screens"

SIZES = ["1024x768", "1280x800", "1366x768", "1920x1080"]
LANGUAGES = ["en", "zh_HK"]

STATES = {
    "recovery_checking",
    "recovery_done",
    "idle",
    "entry",
    "ready",
    "waiting",
    "waiting_network_down",
    "result_attention",
    "close_dialog",
    "result_cancelled",
    "result_declined",
    "result_paid",
    "mpm_waiting",
    "mpm_cancelled",
    "refund",
    "history",
    "day_close",
}


@pytest.fixture(params=SIZES)
def screens(request):
    """One X server per language, each with one screen of the given size.

    Separate servers, not two windows on one: a capture is of what the X server shows, and
    another till's window (or its keyboard focus) must not be in the picture.
    """
    size = request.param
    servers = [start_xvfb(f"{size}x24") for _language in LANGUAGES]
    displays = [next(server) for server in servers]
    yield dict(zip(LANGUAGES, displays, strict=True)), size
    for server in servers:
        server.close()  # runs start_xvfb's cleanup (terminates the server)


@pytest.mark.xvfb
def test_every_state_fits_the_screen_in_every_language(screens):
    """The languages run side by side (two processes, two X servers): half the wall time
    on a two-core machine, and nothing shared between them."""
    displays, size = screens
    runs = {}
    for language, display in displays.items():
        outdir = ARTIFACTS / f"{size}-{language}"
        shutil.rmtree(outdir, ignore_errors=True)
        env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
        runs[language] = (
            outdir,
            subprocess.Popen(
                [sys.executable, str(SCENARIO), str(outdir), language],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            ),
        )
    problems: list[str] = []
    for language, (outdir, proc) in runs.items():
        try:
            _out, err = proc.communicate(timeout=300)
        except subprocess.TimeoutExpired:
            proc.kill()
            _out, err = proc.communicate()
        assert proc.returncode == 0, f"{language}: {err[-4000:]}"
        info = json.loads((outdir / "layout.json").read_text(encoding="utf-8"))
        assert info["platform"] == "xcb"
        width, height = (int(n) for n in size.split("x"))
        assert info["screen"][2:] == [width, height]
        assert set(info["problems"]) == STATES
        for state in STATES:
            assert (outdir / f"{state}.png").stat().st_size > 1000, (language, state)
        problems += [line for lines in info["problems"].values() for line in lines]
    assert problems == [], "\n".join(problems)
