"""Colours that follow the system's light or dark scheme.

The platform's own style and palette are used whenever they follow the scheme: macOS, the Windows 11
style, and Linux desktops whose platform theme (GNOME/GTK, KDE Plasma) hands Qt a dark palette. Where
the system says "dark" but the style kept a light palette — the Windows Vista style of Windows 10,
a Linux session without a dark-aware platform theme — :func:`apply_theme` switches to Fusion, Qt's
cross-platform style, with a dark palette; when the system goes back to light, the platform's
style and palette return. ``QStyleHints.colorSchemeChanged`` re-applies it while the app runs.

Message colours (errors, success, warnings) are chosen per scheme, so red text stays readable on a
dark window; everything else comes from the palette. :func:`set_tone` keeps a label's tone right
across scheme changes; :func:`watcher` signals them (icons redraw in the new text colour).
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QStyleFactory


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

# Fusion's dark palette as Qt builds it for a dark system scheme (qfusionstyle / QPlatformTheme):
# (role, active/inactive colour, disabled colour).
_DARK: tuple[tuple[str, str, str], ...] = (  # role names: enum look-ups cost start-up time
    ("Window", "#353535", "#353535"),
    ("WindowText", "#f0f0f0", "#9d9d9d"),
    ("Base", "#2a2a2a", "#303030"),
    ("AlternateBase", "#424242", "#424242"),
    ("ToolTipBase", "#2a2a2a", "#2a2a2a"),
    ("ToolTipText", "#f0f0f0", "#9d9d9d"),
    ("PlaceholderText", "#a0a0a0", "#707070"),
    ("Text", "#f0f0f0", "#9d9d9d"),
    ("Button", "#3c3c3c", "#353535"),
    ("ButtonText", "#f0f0f0", "#9d9d9d"),
    ("BrightText", "#ff6e6e", "#ff6e6e"),
    ("Light", "#505050", "#505050"),
    ("Midlight", "#444444", "#444444"),
    ("Mid", "#2f2f2f", "#2f2f2f"),
    ("Dark", "#232323", "#232323"),
    ("Shadow", "#141414", "#141414"),
    ("Highlight", "#2f65ca", "#505050"),
    ("HighlightedText", "#ffffff", "#9d9d9d"),
    ("Link", "#8ab4f8", "#7aa0d8"),
    ("LinkVisited", "#c58af9", "#a678d0"),
)


class ThemeWatcher(QObject):
    """``changed`` fires after the palette was switched for a new light/dark scheme."""

    changed = Signal()


_watcher: ThemeWatcher | None = None
_following = False  # colorSchemeChanged is connected
_platform: tuple[str, QPalette] | None = None  # the platform style's name and palette, kept while dark is forced


def watcher() -> ThemeWatcher:
    global _watcher
    if _watcher is None:
        _watcher = ThemeWatcher()
    return _watcher


def dark_palette() -> QPalette:
    palette = QPalette()
    for name, normal, disabled in _DARK:
        role = getattr(QPalette.ColorRole, name)
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, role, QColor(normal))
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(disabled))
    return palette


def _palette_is_dark(palette: QPalette) -> bool:
    window, text = palette.color(QPalette.ColorRole.Window), palette.color(QPalette.ColorRole.WindowText)
    return window.lightness() < text.lightness()


def apply_theme(app: QApplication, scheme: Qt.ColorScheme | None = None) -> None:
    """Makes the palette match the light or dark ``scheme`` (default: the system's) and keeps it so.

    The first call also follows ``colorSchemeChanged``. Cheap (no style change) when the platform's
    palette already matches, which is the usual case.
    """
    global _platform, _following
    hints = app.styleHints()
    if not _following:
        _following = True
        hints.colorSchemeChanged.connect(lambda new: apply_theme(app, new))
    wanted = hints.colorScheme() if scheme is None else scheme
    if wanted == Qt.ColorScheme.Dark and _platform is None and not _palette_is_dark(app.palette()):
        # Only now is the style asked for its name: wrapping QStyle costs start-up time (PySide's enums).
        style = app.style()
        _platform = (style.name() if style is not None else "", QPalette(app.palette()))
        fusion = QStyleFactory.create("Fusion")
        # Fusion's own palette follows a dark system scheme where the platform theme reports one (Qt ≥ 6.5,
        # e.g. Windows 10 whose Vista style kept a light palette); ours when it does not (a forced scheme).
        palette = fusion.standardPalette()
        app.setStyle(fusion)
        app.setPalette(palette if _palette_is_dark(palette) else dark_palette())
    elif wanted != Qt.ColorScheme.Dark and _platform is not None:
        platform_style, platform_palette = _platform
        _platform = None
        if platform_style:
            app.setStyle(QStyleFactory.create(platform_style))
        app.setPalette(platform_palette)
    else:
        return
    watcher().changed.emit()


def is_dark() -> bool:
    """Dark when the window colour is darker than its text (works for every platform style, and
    for a scheme changed while the app runs)."""
    return _palette_is_dark(QGuiApplication.palette())


def tone_color(tone: Tone) -> str:
    light, dark = _TONES[tone]
    return dark if is_dark() else light


def tone_style(tone: Tone | None) -> str:
    """A style sheet for a label in ``tone`` (None: the palette's own text colour)."""
    return "" if tone is None else f"color: {tone_color(tone)};"


class _ToneKeeper(QObject):
    """A child of the label: its connection to the watcher ends with the label."""

    def __init__(self, label: QLabel) -> None:
        super().__init__(label)
        self.label = label
        self.tone: Tone | None = None
        watcher().changed.connect(self.apply)

    def apply(self) -> None:
        self.label.setStyleSheet(tone_style(self.tone))


def set_tone(label: QLabel, tone: Tone | None) -> None:
    """Colours ``label`` in ``tone`` now and again after each light/dark switch."""
    keeper = label.findChild(_ToneKeeper, options=Qt.FindChildOption.FindDirectChildrenOnly)
    if keeper is None:
        keeper = _ToneKeeper(label)
    keeper.tone = tone
    keeper.apply()
