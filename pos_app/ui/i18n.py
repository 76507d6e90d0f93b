"""Translation plumbing for the till UI.

Widgets translate their own text with ``self.tr``; text that comes from the Qt-free core was
only *marked* there (``pos_app.i18n.QT_TRANSLATE_NOOP``), so it must be looked up here, at the
moment it is shown, with the same context the core used.  Translations are optional: a missing
``.qm`` leaves English, which is always complete.
"""

from __future__ import annotations

import functools
import importlib
import logging
import re
import string
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

#: Base name of the compiled catalogues: ``resources/translations/qfpay_pos_<locale>.qm``.
CATALOGUE = "qfpay_pos"


def resources_dir() -> Path:
    """Locate ``resources/`` beside the package (editable install and source checkout)."""
    return Path(__file__).resolve().parents[2] / "resources"


def translations_dir() -> Path:
    """Where the ``.ts`` sources and built ``.qm`` catalogues live."""
    return resources_dir() / "translations"


def tr_core(context: str, text: str) -> str:
    """Show a core string marked with ``QT_TRANSLATE_NOOP(context, text)`` in the UI language."""
    return QCoreApplication.translate(context, text)


#: Contexts the core uses for cashier messages whose origin the UI cannot know in advance
#: (an outcome's ``message`` may come from the engine or from the status table).
CORE_CONTEXTS = ("engine", "status", "authcode", "errors", "states", "paytypes", "devices")


#: Core modules whose message constants are *templates* filled with ``.format()`` before
#: they reach the UI (often through the journal's ``reason`` column, as plain text).
TEMPLATE_MODULES = {
    "engine": (
        "pos_app.engine.core",
        "pos_app.engine.engine",
        "pos_app.engine.refunds",
        "pos_app.engine.cashiers",
        "pos_app.engine.storage",
    ),
}


def _pattern(template: str) -> re.Pattern[str] | None:
    """A regex matching ``template`` filled in, capturing each ``{field}``; None if no field."""
    parts: list[str] = []
    fields = 0
    for literal, name, _spec, _conv in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if name is not None:
            group = name if name.isidentifier() and f"(?P<{name}>" not in "".join(parts) else None
            parts.append(f"(?P<{group}>.+?)" if group else "(?:.+?)")
            fields += 1
    return re.compile("".join(parts), re.DOTALL) if fields else None


@functools.cache
def _templates() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    """Every ``{field}`` template the core modules above define, with its matcher."""
    found: list[tuple[str, str, re.Pattern[str]]] = []
    for context, modules in TEMPLATE_MODULES.items():
        for name in modules:
            module = importlib.import_module(name)
            for value in vars(module).values():
                if isinstance(value, str) and "{" in value:
                    pattern = _pattern(value)
                    if pattern is not None:
                        found.append((context, value, pattern))
    return tuple(found)


def tr_template(context: str, template: str, **args: object) -> str:
    """Translate ``template`` first, then fill it: the only order in which both work."""
    return QCoreApplication.translate(context, template).format(**args)


def tr_message(text: str) -> str:
    """Translate a core message of unknown context: the first context that knows it wins.

    A message the core already filled in (``"... shows 2 payments (A, B) ..."``) matches no
    catalogue entry, so it is matched against the core's templates, and the translated
    template is filled with the same values.  A filled template followed by another core
    sentence (a storage or damage message ends with "Nothing was sent." or with what to do
    about the sale in flight) is translated sentence by sentence.
    """
    whole = _translated(text)
    if whole is not None:
        return whole
    for _context, template, pattern in _templates():
        if template.rstrip().endswith("}"):
            continue  # a field at the end: where it stops is not known
        match = pattern.match(text)
        if match is None or text[match.end() : match.end() + 1] != " ":
            continue
        head = _translated(text[: match.end()])
        if head is not None:
            return f"{head} {tr_message(text[match.end() + 1 :])}"
    return text


def _translated(text: str) -> str | None:
    """``text`` translated as one core message or one filled template; None if unknown."""
    for context in CORE_CONTEXTS:
        translated = QCoreApplication.translate(context, text)
        if translated != text:
            return translated
    for context, template, pattern in _templates():
        match = pattern.fullmatch(text)
        if match is None:
            continue
        translated = QCoreApplication.translate(context, template)
        if translated == template:
            return None
        try:
            return translated.format(**match.groupdict())
        except (KeyError, IndexError, ValueError):
            return None
    return None


def install_translator(
    app: QCoreApplication, locale: QLocale | str | None = None
) -> QTranslator | None:
    """Load the catalogue for ``locale`` (default: the system's) if one was built.

    The translator is parented to ``app`` so it lives exactly as long as the application.
    """
    if locale is None:
        locale = QLocale.system()
    elif isinstance(locale, str):
        locale = QLocale(locale)
    translator = QTranslator(app)
    if translator.load(locale, CATALOGUE, "_", str(translations_dir())):
        QCoreApplication.installTranslator(translator)
        log.info("loaded translation %s", locale.name())
        return translator
    translator.deleteLater()
    return None


#: Qt ships its own dialog strings (Back, Next, Cancel, Yes, No) per language; Hong Kong
#: uses the Traditional Chinese catalogue Qt names after Taiwan.
QT_CATALOGUE_FOR = {"zh_HK": "zh_TW", "zh_CN": "zh_CN"}


def install_qt_translations(app: QCoreApplication, language: str) -> QTranslator | None:
    """Qt's own button texts in the till's language (``qtbase_<locale>.qm`` from Qt)."""
    name = QT_CATALOGUE_FOR.get(language)
    if name is None:
        return None
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{name}", folder):
        QCoreApplication.installTranslator(translator)
        return translator
    translator.deleteLater()
    return None
