"""Every user-visible string is translated in every shipped language, and stays so.

The code is the source of truth: ``pyside6-lupdate`` is run on ``pos_app`` into a scratch
file, and each shipped catalogue must hold every string it finds, translated, with the same
placeholders.  A string another engineer adds without translating it fails here, naming the
string; ``resources/translations/update.sh`` (and ``fill_ts.py``) is the fix.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from pos_app.settings import LANGUAGES
from pos_app.ui.i18n import install_translator, tr_message, translations_dir

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = [code for code in LANGUAGES if code != "en"]
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}|%L?\d{1,2}|%n")


def read_ts(path: Path) -> dict[tuple[str, str], list[str] | None]:
    """(context, source) -> translated forms, or None when unfinished or empty."""
    found: dict[tuple[str, str], list[str] | None] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            if translation.get("type") in ("vanished", "obsolete"):
                continue
            forms = [f.text or "" for f in translation.iter("numerusform")] or [
                translation.text or ""
            ]
            done = translation.get("type") != "unfinished" and all(forms)
            found[(name, message.findtext("source") or "")] = forms if done else None
    return found


def lupdate() -> Path:
    exe = Path(sys.executable).with_name("pyside6-lupdate")
    return exe if exe.exists() else Path(shutil.which("pyside6-lupdate") or "pyside6-lupdate")


@pytest.fixture(scope="module")
def strings_in_code(tmp_path_factory) -> set[tuple[str, str]]:
    scratch = tmp_path_factory.mktemp("lupdate") / "code.ts"
    files = sorted(str(p) for p in (ROOT / "pos_app").rglob("*.py"))
    subprocess.run(
        [str(lupdate()), "-silent", "-locations", "none", *files, "-ts", str(scratch)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    found = set(read_ts(scratch))
    assert len(found) > 300, "lupdate found too few strings: is it reading pos_app?"
    return found


@pytest.mark.parametrize("locale", SHIPPED)
def test_every_string_in_the_code_is_translated(locale, strings_in_code) -> None:
    catalogue = read_ts(translations_dir() / f"qfpay_pos_{locale}.ts")
    missing = sorted(f"[{c}] {s!r}" for c, s in strings_in_code if catalogue.get((c, s)) is None)
    assert missing == [], (
        f"{len(missing)} string(s) have no {locale} translation: translate them, then run "
        "sh resources/translations/update.sh\n" + "\n".join(missing[:40])
    )


@pytest.mark.parametrize("locale", SHIPPED)
def test_translations_keep_their_placeholders(locale) -> None:
    wrong = []
    for (context, source), forms in read_ts(translations_dir() / f"qfpay_pos_{locale}.ts").items():
        wanted = sorted(PLACEHOLDER.findall(source))
        for text in forms or []:
            if sorted(PLACEHOLDER.findall(text)) != wanted:
                wrong.append(f"[{context}] {source!r} -> {text!r}")
    assert wrong == []


@pytest.mark.parametrize("locale", SHIPPED)
def test_built_catalogue_is_current(qapp, locale) -> None:
    """A .ts changed without lrelease would leave the till speaking old text."""
    translator = QTranslator()
    assert translator.load(str(translations_dir() / f"qfpay_pos_{locale}.qm"))
    assert translator.language() == locale
    stale = [
        f"[{c}] {s!r}"
        for (c, s), forms in read_ts(translations_dir() / f"qfpay_pos_{locale}.ts").items()
        if forms and "%n" not in s and translator.translate(c, s) != forms[0]
    ]
    assert stale == [], "run sh resources/translations/update.sh"


@pytest.mark.parametrize(
    ("locale", "words"),
    [("zh_HK", "可能重複收款"), ("zh_CN", "可能重复收款")],
)
def test_a_filled_in_core_message_is_translated_with_its_values(qapp, locale, words) -> None:
    """The "possible double charge" warning reached the UI already formatted, so it never
    matched its catalogue entry and always showed in English."""
    from pos_app.engine.core import R_DOUBLE

    filled = R_DOUBLE.format(count=2, syssns="20261130000001, 20261130000002")
    translator = install_translator(qapp, locale)
    assert translator is not None
    try:
        shown = tr_message(filled)
    finally:
        QCoreApplication.removeTranslator(translator)
    assert words in shown, shown
    assert "20261130000001, 20261130000002" in shown and "2" in shown
    assert tr_message(filled) == filled  # English again without the catalogue


def test_the_language_setting_picks_each_catalogue(qapp) -> None:
    for locale, expected in (("zh_HK", "設定收銀機"), ("zh_CN", "设置收银机")):
        translator = install_translator(qapp, locale)
        assert translator is not None, locale
        try:
            assert QCoreApplication.translate("SetupWizard", "Set up the till") == expected
        finally:
            QCoreApplication.removeTranslator(translator)
