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

import pytest
from PySide6.QtCore import QPropertyAnimation, Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QStyle, QWidget
from pytestqt.qtbot import QtBot

from pos_app import credentials
from pos_app.runtime import options
from pos_app.settings import load_settings, resolve_paths
from pos_app.ui.main_window import MainWindow
from pos_app.ui.qtprops import STRONG_FOCUS, set_enum_property, set_focus_policy
from pos_app.ui.sale_screen import ResultPanel
from pos_app.ui.services import TillInfo
from pos_app.ui.status_bar import TillStatusBar
from pos_app.ui.theme import ResultKind, apply_theme

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
#: Also late on every start but the first (which draws a till id with ``secrets``): OpenSSL's
#: digests; the settings name the signature types, only a request is signed.
LATE_ONCE_SET_UP = ("hashlib",)

#: PySide6 classes the first paint must not build.  PySide6 makes all of a class's Python
#: enums on its first use: the ``Qt`` namespace's 93 enums cost ~40 ms (see
#: ``pos_app.ui.qtprops``); a class not yet used is absent from its module's namespace.
UNBUILT = ("PySide6.QtCore.Qt", "PySide6.QtWidgets.QMessageBox")

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
                for name in UNBUILT:
                    module, _, attr = name.rpartition(".")
                    if attr in vars(sys.modules[module]):
                        loaded.append(name)
                print("LOADED", json.dumps(loaded), flush=True)
                os._exit(0)
            return False
    probe = FirstPaint(); app.installEventFilter(probe)
    from pos_app.cli.main import main
    main(["--env", "training", "--data-dir", DATA, "--config-dir", DATA])
    """
)


@pytest.mark.parametrize("first_run", [True, False], ids=["first run", "every day"])
def test_the_first_paint_waits_for_nothing_but_the_sale_screen(
    tmp_path: Path, first_run: bool
) -> None:
    late = LATE
    if not first_run:
        load_settings(resolve_paths(tmp_path, tmp_path))  # the file the first run writes
        late += LATE_ONCE_SET_UP
    code = f"LATE = {late!r}\nUNBUILT = {UNBUILT!r}\nDATA = {str(tmp_path)!r}\n" + _PROBE
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


def test_properties_set_by_key_name_equal_the_enums(qtbot: QtBot) -> None:
    """What the first frame sets through Qt's property system is what the enum would set."""
    button = QPushButton()
    label = QLabel()
    qtbot.addWidget(button)
    qtbot.addWidget(label)
    shortcut = QShortcut(QKeySequence("F12"), button)
    set_focus_policy(button)
    set_focus_policy(label, policy=STRONG_FOCUS)
    set_enum_property(label, "alignment", "AlignRight|AlignVCenter")
    set_enum_property(shortcut, "context", "ApplicationShortcut")
    assert button.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert label.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert label.alignment() == Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    assert shortcut.context() == Qt.ShortcutContext.ApplicationShortcut


def test_an_unknown_key_name_is_an_error_not_qts_default(qtbot: QtBot) -> None:
    button = QPushButton()
    qtbot.addWidget(button)
    with pytest.raises(ValueError, match="focusPolicy"):
        set_focus_policy(button, policy="NoSuchFocus")
    assert button.focusPolicy() == Qt.FocusPolicy.StrongFocus  # untouched


def test_the_first_frame_has_the_look_and_keys_it_had_with_the_enums(qtbot: QtBot) -> None:
    info = TillInfo(environment="training", till_id="T1", cashier="c")
    window = MainWindow(info=info, sounds=False)
    qtbot.addWidget(window)
    screen = window.sale_screen
    amount = screen.amount_label.alignment()
    assert amount == Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    for label in (screen.panel.title, screen.panel.detail, screen.panel.hint):
        assert label.alignment() == Qt.AlignmentFlag.AlignCenter
    assert screen.focusPolicy() == Qt.FocusPolicy.StrongFocus
    buttons = [screen.cpm_button, screen.cancel_button, screen.next_button]
    buttons += list(screen.wallet_buttons.values())
    buttons += [b for b in window.findChildren(QPushButton) if b.objectName() == "toolButton"]
    assert len(buttons) > 8
    assert all(b.focusPolicy() == Qt.FocusPolicy.NoFocus for b in buttons)
    contexts = {s.key().toString(): s.context() for s in window.findChildren(QShortcut)}
    assert contexts["F12"] == Qt.ShortcutContext.ApplicationShortcut  # training: pay the QR
    assert contexts["Ctrl+G"] == Qt.ShortcutContext.WidgetWithChildrenShortcut
    assert window._hide_display.key() == QKeySequence(Qt.Key.Key_Escape)


def _colour_in(widget: QWidget) -> QColor:
    image = widget.grab().toImage()
    return image.pixelColor(image.width() // 2, 2)


def test_a_state_change_repaints_in_the_stylesheets_colour(qtbot: QtBot) -> None:
    """``set_state_property`` re-polishes through the Polish event: the colour follows."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.styleSheet()
    apply_theme(app)
    try:
        bar = TillStatusBar()
        qtbot.addWidget(bar)
        bar.set_environment("live")
        bar.show()
        qtbot.waitExposed(bar)
        assert _colour_in(bar.env_label) == QColor("#1f883d")
        bar.set_environment("training")  # on screen already: only a re-polish changes it
        assert _colour_in(bar.env_label) == QColor("#ff6a00")

        panel = ResultPanel()
        qtbot.addWidget(panel)
        panel.resize(300, 200)
        panel.show()
        qtbot.waitExposed(panel)
        panel.show_outcome(ResultKind.PAID, "", "", "")
        assert panel.testAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        assert panel.grab().toImage().pixelColor(150, 100) == QColor("#1f883d")
        panel.show_outcome(ResultKind.DECLINED, "", "", "")
        assert panel.grab().toImage().pixelColor(150, 100) == QColor("#cf222e")
    finally:
        app.setStyleSheet(before)
