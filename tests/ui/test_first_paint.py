"""What the till loads before its first paint: the sale screen only (issue 9).

The core (httpx, sqlite3, the engine), the customer display, recovery and the managers'
dialogs are built on first use, after the window is on screen.  A fresh interpreter starts
the till through ``qfpay-pos`` and lists, at the first paint, which of them are loaded.
No timing is asserted here; ``python -m benchmarks ui`` prints the figures.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from PySide6.QtCore import QPropertyAnimation
from PySide6.QtWidgets import QApplication, QStyle
from pytestqt.qtbot import QtBot

from pos_app import credentials
from pos_app.runtime import options
from pos_app.ui.main_window import MainWindow
from pos_app.ui.services import TillInfo
from pos_app.ui.theme import apply_theme

REPO_ROOT = Path(__file__).resolve().parents[2]

#: Modules that must wait until the till is on screen.
LATE = (
    "httpx",
    "sqlite3",
    "keyring",
    "pos_app.engine.engine",
    "pos_app.engine.journal",
    "pos_app.qfpay.client",
    "pos_app.credentials",
    "pos_app.ui.customer_display",
    "pos_app.ui.recovery_panel",
    "pos_app.ui.history",
    "pos_app.ui.refund_dialog",
    "pos_app.ui.flows",
    "pos_app.ui.scanning",
    # The commands' modules: opening the window parses the global options alone.
    "pos_app.cli.admin",
    "pos_app.cli.setup",
    "pos_app.cli.manage_args",
    "pos_app.cli.chain",
    "pos_app.cli.sales",
)

_PROBE = textwrap.dedent(
    """
    import json, os, sys
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QMainWindow
    app = QApplication(sys.argv[:1])
    class FirstPaint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and isinstance(obj, QMainWindow):
                loaded = sorted(m for m in LATE if m in sys.modules)
                print("LOADED", json.dumps(loaded), flush=True)
                os._exit(0)
            return False
    probe = FirstPaint(); app.installEventFilter(probe)
    from pos_app.cli.main import main
    main(["--env", "training", "--data-dir", DATA, "--config-dir", DATA])
    """
)


def test_the_first_paint_waits_for_nothing_but_the_sale_screen(tmp_path: Path) -> None:
    code = f"LATE = {LATE!r}\nDATA = {str(tmp_path)!r}\n" + _PROBE
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert "LOADED" in result.stdout, result.stdout + result.stderr
    loaded = result.stdout.split("LOADED", 1)[1].split("\n", 1)[0].strip()
    assert loaded == "[]", loaded


def test_the_root_and_the_credentials_name_the_same_environment_variable() -> None:
    assert options.ENV_ENVIRONMENT == credentials.ENV_ENVIRONMENT


def test_the_main_window_runs_no_layout_animation(qtbot: QtBot) -> None:
    """The central widget is put in place, not animated there (the stylesheet says so).

    QMainWindow animates its central widget's geometry when the style allows; the animation
    timer's first visit to Python then makes PySide6 load every QtWidgets class (~250 enums,
    ~0.1 s before the first paint).  The till has no docks or tool bars to slide.
    """
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.styleSheet()
    apply_theme(app)
    try:
        info = TillInfo(environment="training", till_id="T1", cashier="c")
        window = MainWindow(info=info, sounds=False)
        qtbot.addWidget(window)
        central = window.centralWidget()
        hint = QStyle.StyleHint.SH_Widget_Animation_Duration
        assert window.style().styleHint(hint, None, central) == 0
        window.show()
        qtbot.waitExposed(window)
        assert window.findChildren(QPropertyAnimation) == []
    finally:
        app.setStyleSheet(before)
