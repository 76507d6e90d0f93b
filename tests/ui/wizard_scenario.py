"""Walk the setup wizard's pages on a real X server and check each page's layout.

``python tests/ui/wizard_scenario.py OUTDIR LANGUAGE`` (DISPLAY set to an Xvfb screen,
QT_QPA_PLATFORM=xcb) opens the wizard as the till does at first run (the till's theme, its
own catalogue and Qt's), saves ``OUTDIR/wizard-<n>.png`` for each page and writes
``OUTDIR/wizard.json``: the problems ``layout_checks`` found on each page (the wizard taller
than the screen, its buttons off-screen, text cut off).  Used by ``test_wizard_layout.py``.
"""

from __future__ import annotations

import dataclasses
import json
import sys
import tempfile
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parent))

from layout_checks import check_all
from layout_scenario import pump

from pos_app.settings import AppPaths, default_settings
from pos_app.ui.i18n import install_qt_translations, install_translator
from pos_app.ui.theme import apply_theme
from pos_app.ui.wizard import SetupWizard


def main(outdir: Path, language: str) -> int:
    outdir.mkdir(parents=True, exist_ok=True)
    app = QApplication([])
    install_translator(app, language)
    install_qt_translations(app, language)
    apply_theme(app)
    work = Path(tempfile.mkdtemp(prefix="qfpay-wizard-"))
    settings = dataclasses.replace(default_settings(), language=language)
    wizard = SetupWizard(settings, AppPaths(config_dir=work / "c", data_dir=work / "d"))
    wizard.show()
    problems: dict[str, list[str]] = {}
    pages = wizard.pageIds()
    for index, page_id in enumerate(pages):
        if index:
            wizard.next()
        pump(250)
        assert wizard.currentId() == page_id, (index, wizard.currentId())
        state = f"wizard-{index}"
        problems[state] = check_all(state)
        screen = wizard.screen() or QGuiApplication.primaryScreen()
        screen.grabWindow(0).save(str(outdir / f"{state}.png"))
    info = {
        "platform": QGuiApplication.platformName(),
        "screen": list((wizard.screen() or QGuiApplication.primaryScreen()).geometry().getRect()),
        "pages": len(pages),
        "problems": problems,
    }
    (outdir / "wizard.json").write_text(json.dumps(info, indent=1), encoding="utf-8")
    wizard.reject()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]), sys.argv[2]))
