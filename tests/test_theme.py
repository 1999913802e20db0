"""Light and dark follow the system; message tones stay readable in both; icons follow the palette."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from wallet.settings import Settings
from wallet.ui import icons, theme
from wallet.ui.context import AppContext
from wallet.ui.i18n import Translations
from wallet.ui.main_window import MainWindow
from wallet.ui.theme import Tone


def luminance(color: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())


def contrast(a: QColor, b: QColor) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.fixture
def scheme(qapp: QApplication) -> Iterator[None]:
    """Puts the light scheme back after the test."""
    yield
    theme.apply_theme(qapp, Qt.ColorScheme.Light)


@pytest.mark.parametrize("wanted", [Qt.ColorScheme.Light, Qt.ColorScheme.Dark])
def test_the_palette_and_the_tones_follow_the_scheme(qapp: QApplication, scheme: None,
                                                     wanted: Qt.ColorScheme) -> None:
    theme.apply_theme(qapp, wanted)
    palette = qapp.palette()
    window = palette.color(QPalette.ColorRole.Window)
    assert theme.is_dark() == (wanted == Qt.ColorScheme.Dark)
    assert (window.lightness() < 128) == (wanted == Qt.ColorScheme.Dark)
    assert contrast(palette.color(QPalette.ColorRole.WindowText), window) >= 7
    for tone in Tone:  # WCAG AA for normal text
        assert contrast(QColor(theme.tone_color(tone)), window) >= 4.5, tone


def test_a_toned_label_and_icons_follow_a_switch_to_dark(qtbot: QtBot, qapp: QApplication, scheme: None) -> None:
    theme.apply_theme(qapp, Qt.ColorScheme.Light)
    label = QLabel("Cannot reach the node")
    qtbot.addWidget(label)
    theme.set_tone(label, Tone.ERROR)
    button = QPushButton("Send")
    qtbot.addWidget(button)
    icons.set_icon(button, "send")
    icons.load_now()
    assert not button.icon().isNull()
    light_ink = darkest_or_lightest(button.icon().pixmap(32, 32).toImage(), dark=True)
    assert label.styleSheet() == f"color: {theme.tone_color(Tone.ERROR)};"
    light_style = label.styleSheet()

    theme.apply_theme(qapp, Qt.ColorScheme.Dark)
    assert label.styleSheet() != light_style and label.styleSheet() == f"color: {theme.tone_color(Tone.ERROR)};"
    dark_ink = darkest_or_lightest(button.icon().pixmap(32, 32).toImage(), dark=False)
    assert light_ink.lightness() < 100 < dark_ink.lightness()  # dark glyphs on light, light glyphs on dark


def darkest_or_lightest(image: QImage, dark: bool) -> QColor:
    """The icon's ink: its most opaque pixel's colour."""
    best, alpha = QColor(), -1
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y)
            if pixel.alpha() > alpha:
                best, alpha = pixel, pixel.alpha()
    assert alpha > 200, "the icon drew nothing"
    return best


def test_the_window_has_icons_on_every_navigation_entry(qtbot: QtBot, qapp: QApplication) -> None:
    context = AppContext.create(Settings(network="ethereum"))
    window = MainWindow(context, Translations(qapp), poll_interval_ms=600_000)
    qtbot.addWidget(window)
    try:
        window.show()
        qtbot.waitUntil(icons.loaded, timeout=15000)
        QCoreApplication.processEvents()
        for row in range(window.nav.count()):
            assert not window.nav.item(row).icon().isNull(), window.nav.item(row).text()
        assert not window.about_button.icon().isNull()
    finally:
        window.monitor.stop()
        context.shutdown()
