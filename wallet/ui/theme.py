"""Colours that follow the system's light or dark scheme.

Message colours (errors, success, warnings) are chosen per scheme, so that red text stays readable
on a dark window; everything else comes from the platform's palette.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtGui import QGuiApplication, QPalette


class Tone(Enum):
    ERROR = "error"
    OK = "ok"
    WARNING = "warning"
    MUTED = "muted"


# (light scheme, dark scheme): Material's error/success/warning tones, which keep a 4.5:1 contrast
# against the default window colour of each scheme.
_TONES: dict[Tone, tuple[str, str]] = {
    Tone.ERROR: ("#b3261e", "#f2b8b5"),
    Tone.OK: ("#1e7d32", "#81c995"),
    Tone.WARNING: ("#8a5300", "#fdd663"),
    Tone.MUTED: ("#5f6368", "#9aa0a6"),
}


def is_dark() -> bool:
    """Dark when the window colour is darker than its text (works for every platform style, and
    for a scheme changed while the app runs)."""
    palette = QGuiApplication.palette()
    window, text = palette.color(QPalette.ColorRole.Window), palette.color(QPalette.ColorRole.WindowText)
    return window.lightness() < text.lightness()


def tone_color(tone: Tone) -> str:
    light, dark = _TONES[tone]
    return dark if is_dark() else light


def tone_style(tone: Tone | None) -> str:
    """A style sheet for a label in ``tone`` (None: the palette's own text colour)."""
    return "" if tone is None else f"color: {tone_color(tone)};"
