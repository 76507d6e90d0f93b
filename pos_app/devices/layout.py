"""Fixed-width text layout for receipt paper (58 mm = 32 columns, 80 mm = 42 columns).

Receipt printers print in character cells, and Chinese characters take two cells: a Hong
Kong merchant name would push every right-aligned amount out of line if we counted Python
characters.  These helpers count display cells instead and never produce a line wider than
the paper, because a printer silently wraps over-long lines and the receipt becomes
unreadable.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

#: Paper widths the settings screen offers, in columns of the printer's standard font.
WIDTH_58MM = 32
WIDTH_80MM = 42
MIN_WIDTH = 16
MAX_WIDTH = 80

#: ``translate(context, text)``: QCoreApplication.translate in the UI, identity elsewhere.
Translate = Callable[[str, str], str]


def no_translation(context: str, text: str) -> str:
    """The English source text, for the CLI, tests and text-file receipts."""
    del context
    return text


def check_width(width: int) -> int:
    if not MIN_WIDTH <= width <= MAX_WIDTH:
        raise ValueError(f"paper width must be {MIN_WIDTH}..{MAX_WIDTH} columns, not {width}")
    return width


def cell_width(char: str) -> int:
    """Columns one character takes: two for wide East Asian characters, none for combiners."""
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def text_width(text: str) -> int:
    return sum(cell_width(c) for c in text)


def wrap(text: str, width: int) -> list[str]:
    """Break text into lines of at most ``width`` columns, at spaces where possible."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        current = ""
        for word in paragraph.split(" "):
            candidate = f"{current} {word}" if current else word
            if text_width(candidate) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            current = ""
            for char in word:  # a word wider than the paper is cut anywhere
                if text_width(current + char) > width:
                    lines.append(current)
                    current = ""
                current += char
        lines.append(current)
    return lines


def center(text: str, width: int) -> list[str]:
    return [_pad_left(line, (width - text_width(line)) // 2) for line in wrap(text, width)]


def right(text: str, width: int) -> list[str]:
    return [_pad_left(line, width - text_width(line)) for line in wrap(text, width)]


def pair(label: str, value: str, width: int) -> list[str]:
    """``label ........ value`` on one line if it fits, else the value right-aligned below."""
    gap = width - text_width(label) - text_width(value)
    if gap >= 1:
        return [label + " " * gap + value]
    return [*wrap(label, width), *right(value, width)]


def rule(width: int, char: str = "-") -> str:
    return char * width


def _pad_left(text: str, spaces: int) -> str:
    return " " * max(0, spaces) + text
