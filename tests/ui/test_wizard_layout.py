"""The setup wizard fits a 1024x768 screen on every page, in English and Chinese.

At first the devices page (scanner, printer, customer screen, network) made the wizard
752 px tall in Chinese with the till's touch-sized buttons, so Back/Next/Finish fell below
the bottom of the screen: a shop owner could not finish setting up on the commonest till
screen.  Checked on a real X server, like the counter's own layout test.
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

SCENARIO = Path(__file__).with_name("wizard_scenario.py")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screens"


@pytest.mark.xvfb
@pytest.mark.parametrize("language", ["en", "zh_HK", "zh_CN"])
def test_every_wizard_page_fits_1024x768(language: str) -> None:
    server = start_xvfb("1024x768x24")
    display = next(server)
    try:
        outdir = ARTIFACTS / f"wizard-1024x768-{language}"
        shutil.rmtree(outdir, ignore_errors=True)
        env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
        run = subprocess.run(
            [sys.executable, str(SCENARIO), str(outdir), language],
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        assert run.returncode == 0, run.stderr[-4000:]
    finally:
        server.close()
    info = json.loads((outdir / "wizard.json").read_text(encoding="utf-8"))
    assert info["platform"] == "xcb" and info["screen"][2:] == [1024, 768]
    assert info["pages"] == 6
    problems = [line for lines in info["problems"].values() for line in lines]
    assert problems == [], "\n".join(problems)
