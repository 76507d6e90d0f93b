"""The Hong Kong Chinese catalogue: complete, built, loadable, and faithful to its sources.

The ``.ts`` is regenerated from the code by ``resources/translations/update.sh``; these tests
read it as XML and load the compiled ``.qm`` the way the till does, so a forgotten
``lrelease``, an unfinished message or a dropped ``{placeholder}`` fails here rather than at
the counter.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from pos_app.ui.i18n import install_translator, translations_dir

LOCALE = "zh_HK"
TS = translations_dir() / f"qfpay_pos_{LOCALE}.ts"
QM = translations_dir() / f"qfpay_pos_{LOCALE}.qm"

#: ``{amount}`` (Python format fields), ``%1``/``%L1`` (QString::arg), ``%n`` (plurals).
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}|%L?\d{1,2}|%n")
#: Shortcut names the cashier reads: ``[Esc]``, ``[Ctrl+Enter]``, ``(Ctrl+H)``, ``(F1…F%1)``.
SHORTCUT = re.compile(r"\[[^\]]+\]|\bCtrl\+[A-Za-z]+\b|\bF\d{1,2}\b|\bEsc\b|\bBackspace\b")
#: A keyboard accelerator: ``&`` before a character, but not the literal ``&&``.
ACCELERATOR = re.compile(r"(?<!&)&(?!&)\S")


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    comment: str
    numerus: bool
    status: str  # "" (finished), "unfinished", "vanished" or "obsolete"
    translations: tuple[str, ...]

    def __str__(self) -> str:
        return f"[{self.context}] {self.source!r}"


def read_ts(path: Path) -> list[Message]:
    messages = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None, f"[{name}] {message.findtext('source')!r}"
            numerus = message.get("numerus") == "yes"
            if numerus:
                forms = tuple(form.text or "" for form in translation.iter("numerusform"))
            else:
                forms = (translation.text or "",)
            messages.append(
                Message(
                    context=name,
                    source=message.findtext("source") or "",
                    comment=message.findtext("comment") or "",
                    numerus=numerus,
                    status=translation.get("type", ""),
                    translations=forms,
                )
            )
    return messages


MESSAGES = read_ts(TS)
#: What the built catalogue contains: lrelease leaves out vanished and obsolete messages.
LIVE = [m for m in MESSAGES if m.status not in ("vanished", "obsolete")]


@pytest.fixture
def translator(qapp):
    """The catalogue installed the way the till installs it for ``language = "zh_HK"``."""
    installed = install_translator(qapp, LOCALE)
    assert installed is not None, f"{QM} did not load for {LOCALE}"
    yield installed
    QCoreApplication.removeTranslator(installed)


def test_catalogue_is_built_and_loads_with_qtranslator(qapp):
    assert QM.is_file(), "run resources/translations/update.sh to build the .qm"
    translator = QTranslator()
    assert translator.load(str(QM))
    assert translator.language() == LOCALE
    assert translator.translate("MainWindow", "Close now") == "立即關閉"
    assert translator.translate("status", "Processing, please wait.") == "處理中，請稍候。"


def test_app_loader_picks_the_zh_hk_catalogue(translator):
    assert Path(translator.filePath()).resolve() == QM.resolve()
    assert translator.language() == LOCALE


def test_ui_strings_translate(translator):
    assert QCoreApplication.translate("RefundDialog", "Manager") == "經理"
    assert QCoreApplication.translate("HistoryDialog", "Refund… [Ctrl+R]") == "退款… [Ctrl+R]"
    assert (
        QCoreApplication.translate("TillStatusBar", "Recovering %n transaction(s)", None, 3)
        == "正在恢復 3 筆交易"
    )


def test_status_code_cashier_message_translates_in_its_context(translator):
    from pos_app.qfpay.status import lookup_status
    from pos_app.ui.i18n import tr_core, tr_message

    insufficient = lookup_status("1201").cashier_message
    assert insufficient == "Not enough balance. Ask for another payment method."
    assert tr_core("status", insufficient) == "餘額不足。請顧客改用其他付款方式。"
    # The UI shows an outcome's message without knowing where it came from.
    assert tr_message(lookup_status("0000").cashier_message) == "付款成功。"
    assert tr_core("engine", "Wrong manager name or PIN.") == "經理名稱或密碼錯誤。"


def test_without_the_translator_english_comes_back(qapp):
    assert QCoreApplication.translate("RefundDialog", "Manager") == "Manager"


def test_no_unfinished_messages():
    assert LIVE, f"{TS} has no messages"
    unfinished = [str(m) for m in LIVE if m.status == "unfinished" or not all(m.translations)]
    assert unfinished == []


def test_numerus_messages_have_the_one_chinese_form():
    for message in LIVE:
        if message.numerus:
            assert len(message.translations) == 1, message
            assert "%n" in message.translations[0], message


@pytest.mark.parametrize("message", LIVE, ids=str)
def test_translation_keeps_placeholders_and_shortcuts(message):
    wanted = sorted(PLACEHOLDER.findall(message.source))
    shortcuts = sorted(SHORTCUT.findall(message.source))
    accelerators = len(ACCELERATOR.findall(message.source))
    for text in message.translations:
        assert sorted(PLACEHOLDER.findall(text)) == wanted, text
        assert sorted(SHORTCUT.findall(text)) == shortcuts, text
        assert len(ACCELERATOR.findall(text)) == accelerators, text
        assert text.count("\n") == message.source.count("\n"), text


def test_built_catalogue_matches_the_ts(qapp):
    """A ``.ts`` edited without re-running ``lrelease`` leaves the till speaking old text."""
    translator = QTranslator()
    assert translator.load(str(QM))
    stale = []
    for message in LIVE:
        # QTranslator returns the form as stored; QCoreApplication.translate fills in %n.
        n = 2 if message.numerus else -1
        got = translator.translate(message.context, message.source, message.comment or None, n)
        expected = message.translations[0]
        if got != expected:
            stale.append(f"{message}: .qm has {got!r}, .ts has {expected!r}")
    assert stale == [], "run resources/translations/update.sh"


def test_a_storage_or_damage_message_with_its_closing_sentence_is_translated(translator):
    """A core message filled in and followed by another core sentence (the journal's damage
    and storage errors end with "Nothing was sent." or what to do about a sale in flight)
    was shown in English in a Chinese window: it matched no template whole."""
    from pathlib import Path

    from pos_app.engine.storage import R_DAMAGED_IN_FLIGHT, R_NOT_SENT, damaged_message
    from pos_app.ui.i18n import tr_message

    damaged = damaged_message(Path("/data/journal.sqlite3"), "database disk image is malformed")
    for tail in (R_NOT_SENT, R_DAMAGED_IN_FLIGHT):
        shown = tr_message(f"{damaged} {tail}")
        assert "The journal" not in shown and "/data/journal.sqlite3" in shown, shown
        assert tr_message(tail) in shown and tr_message(tail) != tail
