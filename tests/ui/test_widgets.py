"""The till's building blocks on their own: amount rules, keypad focus, QR, worker, sounds."""

from __future__ import annotations

import subprocess
import threading

import pytest
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QPushButton

from pos_app.ui.customer_display import CustomerDisplay
from pos_app.ui.keypad import AmountBuffer, Keypad
from pos_app.ui.qr_widget import QUIET_ZONE, QrWidget, qr_image
from pos_app.ui.sounds import SoundPlayer, write_tone
from pos_app.ui.status_bar import TillStatusBar
from pos_app.ui.theme import ResultKind
from pos_app.ui.worker import Worker, is_gui_thread


def test_amount_buffer_respects_currency_decimals():
    hkd = AmountBuffer(2)
    for key in "12.345":
        hkd.press(key)
    assert hkd.text == "12.34"
    assert hkd.display() == "12.34"
    jpy = AmountBuffer(0)
    assert not jpy.press(".")
    jpy.set_text("500")
    assert jpy.display() == "500"
    hkd.set_text("007")
    assert hkd.display() == "7.00"
    hkd.backspace()
    assert hkd.display() == "0.00"


def test_amount_buffer_caps_length_and_ignores_non_digits():
    buf = AmountBuffer(2)
    buf.set_text("1234567890123")
    assert buf.text == "123456789"
    assert not buf.press("x")
    assert not buf.press("٣")  # non-ASCII digit
    assert not buf.press("00")  # already at the digit cap
    buf.clear()
    assert buf.press("00")
    assert buf.text == "0"


def test_keypad_never_takes_focus(qtbot):
    pad = Keypad()
    qtbot.addWidget(pad)
    keys: list[str] = []
    pad.key_pressed.connect(keys.append)
    buttons = {b.text(): b for b in pad.findChildren(QPushButton)}
    assert len(buttons) == 15
    assert all(b.focusPolicy() == Qt.FocusPolicy.NoFocus for b in buttons.values())
    pad.set_decimals(0)
    assert not buttons["."].isEnabled()
    qtbot.mouseClick(buttons["7"], Qt.MouseButton.LeftButton)
    assert keys == ["7"]


def _zbar_decode(path) -> str:
    result = subprocess.run(
        ["zbarimg", "--raw", "-q", str(path)], capture_output=True, text=True, timeout=20
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_qr_image_has_quiet_zone():
    image = qr_image("https://qr.example/abc")
    # The outer QUIET_ZONE rows and columns are all white.
    for i in range(image.width()):
        for j in range(QUIET_ZONE):
            assert image.pixelColor(i, j).lightness() == 255
            assert image.pixelColor(j, i).lightness() == 255
    assert image.pixelColor(QUIET_ZONE, QUIET_ZONE).lightness() == 0


def test_qr_widget_grab_decodes_exactly(qtbot, tmp_path):
    data = "https://training.qfpay.invalid/qr/Native20261122ABCDEF?x=1&y=2"
    widget = QrWidget()
    qtbot.addWidget(widget)
    widget.resize(400, 400)
    widget.set_data(data)
    widget.show()
    qtbot.waitExposed(widget)
    assert widget.module_pixels() >= 4
    path = tmp_path / "qr.png"
    assert widget.grab().save(str(path))
    assert _zbar_decode(path) == data


def test_customer_display_countdown_and_result(qtbot):
    display = CustomerDisplay(training=True, result_hold_ms=50, tick_ms=20)
    qtbot.addWidget(display)
    simulated: list[bool] = []
    display.simulate_requested.connect(lambda: simulated.append(True))
    display.show_payment("weixin://wxpay/x", "HKD 12.34", "WeChat Pay", seconds_left=0.1)
    assert display.isVisible()
    assert display.simulate_button.isVisible()
    assert "HKD 12.34" in display.amount_label.text()
    qtbot.mouseClick(display.simulate_button, Qt.MouseButton.LeftButton)
    assert simulated == [True]
    with qtbot.waitSignal(display.expired, timeout=2000):
        pass
    display.show_result(ResultKind.PAID, "PAID")
    assert display.result_label.text() == "PAID"
    assert display.qr.data() == ""
    qtbot.waitUntil(lambda: not display.isVisible(), timeout=2000)


def test_worker_runs_off_gui_thread_and_delivers_on_it(qtbot):
    worker = Worker()
    seen: dict[str, object] = {}

    def job() -> int:
        seen["job_on_gui"] = is_gui_thread()
        seen["job_thread"] = threading.get_ident()
        return 42

    def ok(value: int) -> None:
        seen["value"] = value
        seen["callback_on_gui"] = QThread.currentThread() == qtbot_app_thread()

    def qtbot_app_thread():
        from PySide6.QtWidgets import QApplication

        return QApplication.instance().thread()

    with qtbot.waitSignal(worker.busy_changed, check_params_cb=lambda n: n == 0, timeout=3000):
        worker.run(job, success=ok, label="answer")
    assert seen["value"] == 42
    assert seen["job_on_gui"] is False
    assert seen["callback_on_gui"] is True
    assert seen["job_thread"] != threading.get_ident()


def test_worker_unhandled_failure_goes_to_error_signal(qtbot, caplog):
    worker = Worker()

    def boom() -> None:
        raise RuntimeError("secret-internal-detail")

    with qtbot.waitSignal(worker.error, timeout=3000) as blocker:
        worker.run(boom, label="explode")
    title, message = blocker.args
    assert title == "explode"
    assert "secret-internal-detail" not in message
    assert "log" in message
    assert "secret-internal-detail" in caplog.text


def test_worker_relays_engine_events_from_threads(qtbot):
    worker = Worker()
    received: list[object] = []
    worker.engine_event.connect(lambda e: received.append((e, is_gui_thread())))
    thread = threading.Thread(target=worker.engine_sink, args=("evt",))
    with qtbot.waitSignal(worker.engine_event, timeout=3000):
        thread.start()
    thread.join()
    assert received == [("evt", True)]


def test_status_bar_training_is_loud(qtbot):
    bar = TillStatusBar()
    qtbot.addWidget(bar)
    bar.set_environment("training")
    assert "TRAINING" in bar.env_label.text()
    assert bar.env_label.property("training") == "true"
    bar.set_gateway(False)
    assert "NOT REACHABLE" in bar.gateway_label.text()
    bar.set_recovering(2)
    assert "2" in bar.recovering_label.text()


def test_sound_player_records_and_tone_file_is_valid(qtbot, tmp_path):
    import wave

    path = tmp_path / "t.wav"
    write_tone(path, [(440.0, 0.05)])
    with wave.open(str(path)) as wav:
        assert wav.getnframes() == int(22050 * 0.05)
    player = SoundPlayer(enabled=True)
    player.play("paid")
    assert player.played == ["paid"]
    silent = SoundPlayer(enabled=False)
    silent.play("failed")
    assert silent.played == []


@pytest.mark.parametrize("locale", ["zz_ZZ"])
def test_missing_translation_leaves_english(qtbot, locale):
    from PySide6.QtWidgets import QApplication

    from pos_app.ui.i18n import install_translator, tr_core

    assert install_translator(QApplication.instance(), locale) is None
    assert tr_core("status", "Paid") == "Paid"


def test_zh_hk_catalogue_translates_ui_and_core_strings(qtbot):
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from pos_app.ui.history import state_text
    from pos_app.ui.i18n import install_translator, tr_message

    translator = install_translator(QApplication.instance(), "zh_HK")
    assert translator is not None
    try:
        assert QCoreApplication.translate("SaleController", "PAID") == "已付款"
        assert tr_message("That was not a payment code.") == "這不是付款碼。"
        assert state_text("DECLINED") == "被拒絕"
        bar = TillStatusBar()
        qtbot.addWidget(bar)
        bar.set_environment("training")
        assert bar.env_label.text() == "培訓 — 非真實款項"
    finally:
        QCoreApplication.removeTranslator(translator)
    assert state_text("DECLINED") == "Declined"


def test_qt_binding_keeps_singleton_refcounts(qtbot):
    """PySide6 6.12.0 on Python 3.11 drops a reference to None/True on every slot call, which
    aborts the interpreter at exit ("bool_dealloc"); the till needs a binding without it."""
    import sys

    from PySide6.QtCore import QObject, Signal

    class Emitter(QObject):
        ping = Signal(int)

    emitter = Emitter()
    emitter.ping.connect(lambda _n: None)
    button = QPushButton()
    qtbot.addWidget(button)
    button.clicked.connect(lambda: None)
    before = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
    for n in range(2000):
        emitter.ping.emit(n)
        button.click()
    after = (sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False))
    assert all(abs(a - b) < 50 for a, b in zip(after, before, strict=True)), (before, after)
