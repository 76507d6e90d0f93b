"""Marking user-visible text in the Qt-free core for translation.

The core may not import Qt, yet its cashier messages (status codes, engine reasons, CLI
errors) must reach translators.  ``pyside6-lupdate`` extracts calls named
``QT_TRANSLATE_NOOP(context, text)`` from any Python file, so the core marks its strings with
this look-alike; the UI then shows them through ``QCoreApplication.translate(context, text)``
(see ``pos_app.ui.i18n.tr_core``).  The CLI prints the English source text.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Return ``text`` unchanged; its only job is to be found by ``lupdate``."""
    del context
    return text
