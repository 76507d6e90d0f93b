"""Translation plumbing for the till UI.

Widgets translate their own text with ``self.tr``; text that comes from the Qt-free core was
only *marked* there (``pos_app.i18n.QT_TRANSLATE_NOOP``), so it must be looked up here, at the
moment it is shown, with the same context the core used.  Translations are optional: a missing
``.qm`` leaves English, which is always complete.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

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


def tr_message(text: str) -> str:
    """Translate a core message of unknown context: the first context that knows it wins."""
    for context in CORE_CONTEXTS:
        translated = QCoreApplication.translate(context, text)
        if translated != text:
            return translated
    return text


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
