"""A sentence for a person, kept as a template and its arguments until it is shown.

Why not a formatted string: a message filled in by the core (``"... {host} ..."``) no longer
matches its entry in the translation catalogue, so the cashier always saw English.  The UI
translates :attr:`Message.template` in :attr:`Message.context` and fills it afterwards; the
CLI prints :meth:`Message.text`, the English.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Message:
    """``template`` was marked with ``QT_TRANSLATE_NOOP(context, ...)``; ``args`` fill it."""

    context: str
    template: str
    args: Mapping[str, str] = field(default_factory=dict)

    def text(self, template: str | None = None) -> str:
        """The sentence filled in; pass a translated ``template`` to fill that instead."""
        return (template if template is not None else self.template).format(**self.args)
