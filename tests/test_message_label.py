"""A message on screen is said again in the new language after a live switch."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from wallet.ui.i18n import Translations
from wallet.ui.message_label import MessageLabel
from wallet.ui.theme import Tone, tone_color


def test_a_message_follows_a_live_language_switch(qtbot: QtBot, qapp: QApplication) -> None:
    translations = Translations(qapp)
    translations.apply("en")
    label = MessageLabel()
    qtbot.addWidget(label)
    label.say(lambda: QCoreApplication.translate("SendPage", "Sent. Transaction {hash} is pending; follow it in "
                                                 "History.").format(hash="0xabc"))
    assert label.text().startswith("Sent.")
    try:
        translations.apply("zh_CN")
        qtbot.waitUntil(lambda: "0xabc" in label.text() and "Sent" not in label.text())
        assert "待" in label.text() or "已发送" in label.text()
    finally:
        translations.apply("en")
    qtbot.waitUntil(lambda: label.text().startswith("Sent."))


def test_plain_words_go_at_a_switch_and_tones_colour_the_text(qtbot: QtBot, qapp: QApplication) -> None:
    label = MessageLabel()
    qtbot.addWidget(label)
    label.say("Node at example.org: 429 Too Many Requests", Tone.ERROR)
    assert tone_color(Tone.ERROR) in label.styleSheet()
    translations = Translations(qapp)
    try:
        translations.apply("zh_CN")
        qtbot.waitUntil(lambda: label.text() == "")  # words that cannot be said in another language
        label.say(lambda: "said again")
        label.clear_message()
        translations.apply("en")
        qtbot.wait(50)
        assert label.text() == ""
    finally:
        translations.apply("en")
