"""Optional success/failure sounds.

A cashier often looks at the customer, not the screen, so a short distinct tone for "paid"
and another for "not paid" helps.  PySide6-Essentials ships without QtMultimedia; then the
till falls back to the system beep (failures only, to keep the two distinguishable).  The
tones are plain WAV files generated with the standard library, so no binary assets need
hand-editing: ``python -m pos_app.ui.sounds`` rewrites them.
"""

from __future__ import annotations

import importlib
import logging
import math
import struct
import wave
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QUrl
from PySide6.QtWidgets import QApplication

from pos_app.ui.i18n import resources_dir

log = logging.getLogger(__name__)

SOUNDS_DIR = resources_dir() / "sounds"
RATE = 22050
TONES: dict[str, list[tuple[float, float]]] = {
    "paid": [(880.0, 0.09), (1320.0, 0.14)],
    "failed": [(330.0, 0.18), (220.0, 0.26)],
}


def write_tone(path: Path, notes: list[tuple[float, float]], volume: float = 0.4) -> None:
    """Write a mono 16-bit WAV of the given (frequency, seconds) notes with soft edges."""
    frames = bytearray()
    for freq, seconds in notes:
        count = int(RATE * seconds)
        fade = max(1, int(RATE * 0.01))
        for i in range(count):
            envelope = min(1.0, i / fade, (count - i) / fade)
            sample = volume * envelope * math.sin(2 * math.pi * freq * i / RATE)
            frames += struct.pack("<h", int(sample * 32767))
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(bytes(frames))


def ensure_sound_files(directory: Path = SOUNDS_DIR) -> dict[str, Path]:
    """Create any missing tone files; return them by name."""
    paths = {}
    for name, notes in TONES.items():
        path = directory / f"{name}.wav"
        if not path.exists():
            try:
                write_tone(path, notes)
            except OSError:
                log.warning("cannot write %s; sounds fall back to the beep", path)
        paths[name] = path
    return paths


class SoundPlayer(QObject):
    """Plays the tones if QtMultimedia exists, else beeps on failure; can be switched off."""

    def __init__(self, parent: QObject | None = None, *, enabled: bool = True) -> None:
        super().__init__(parent)
        self.enabled = enabled
        self.played: list[str] = []
        self._effects: dict[str, Any] = {}
        if not enabled:
            return
        try:
            multimedia = importlib.import_module("PySide6.QtMultimedia")
        except ImportError:
            return
        for name, path in ensure_sound_files().items():
            effect = multimedia.QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(path)))
            self._effects[name] = effect

    def play(self, name: str) -> None:
        """``name`` is ``paid`` or ``failed``; silently nothing when disabled."""
        if not self.enabled:
            return
        self.played.append(name)
        effect = self._effects.get(name)
        if effect is not None:
            effect.play()
        elif name != "paid":
            QApplication.beep()


if __name__ == "__main__":
    for _name, _path in ensure_sound_files().items():
        print(_path)
