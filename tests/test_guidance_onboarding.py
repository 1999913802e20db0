"""Onboarding says why Next/Finish is disabled, shows the keyring choice disabled with its reason
where there is no keyring, warns that a non-English phrase will not import elsewhere, and names word
lists in the language on screen."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.memory_keyring import MemoryKeyring
from wallet.keys.mnemonic import generate_mnemonic
from wallet.settings import Settings
from wallet.ui.context import AppContext
from wallet.ui.i18n import Translations
from wallet.ui.onboarding.wizard import PAGE_CONFIRM, PAGE_PASSWORD, PAGE_RESTORE, OnboardingWizard
from wallet.ui.pages.accounts_page import AccountsPage

PASSWORD = "amber-lantern-4471"


@pytest.fixture
def wizard(qtbot: QtBot) -> OnboardingWizard:
    wizard = OnboardingWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[Translations]:
    translations = Translations(qapp)
    translations.apply("zh_CN")
    yield translations
    translations.apply("en")


def test_confirm_page_says_which_word_is_wrong_or_out_of_order(qtbot: QtBot, wizard: OnboardingWizard) -> None:
    wizard.next()
    words = [label.text().split(". ", 1)[1] for label in wizard.show_page.word_labels]
    wizard.next()
    assert wizard.currentId() == PAGE_CONFIRM
    page = wizard.confirm_page
    (first, second, third), (edit1, edit2, edit3) = page.positions, page.inputs
    assert page.reason.text() == ""  # nothing typed: nothing to blame
    # The first two asked-for words swapped: the usual slip when copying from paper.
    qtbot.keyClicks(edit1, words[second - 1])
    assert not page.isComplete()
    assert f"#{first}" in page.reason.text() and f"word #{second}" in page.reason.text()
    assert "order" in page.reason.text()
    edit1.clear()
    qtbot.keyClicks(edit1, words[first - 1][:2])  # still typing the right word: no complaint yet
    assert page.reason.text() == ""
    edit1.setText(words[first - 1])
    not_in_phrase = next(w for w in ("zoo", "abandon", "ability") if w not in words)
    qtbot.keyClicks(edit2, not_in_phrase)
    assert page.reason.text() == f"Word #{second} does not match your recovery phrase."
    edit2.setText(words[second - 1])
    edit3.setText(words[third - 1])
    assert page.isComplete() and page.reason.text() == ""


def test_password_page_says_why_finish_is_disabled(qtbot: QtBot, wizard: OnboardingWizard) -> None:
    wizard.restore_page.phrase_edit.setText(generate_mnemonic(12).phrase)
    wizard.intro.restore_radio.setChecked(True)
    wizard.next()
    wizard.next()
    assert wizard.currentId() == PAGE_PASSWORD
    page = wizard.password_page
    qtbot.keyClicks(page.password, PASSWORD)
    assert page.reason.text() == "Repeat the password to continue." and not page.isComplete()
    qtbot.keyClicks(page.confirm, PASSWORD[:5])
    assert page.reason.text() == "The passwords differ so far."
    qtbot.keyClicks(page.confirm, "x")
    assert page.reason.text() == "The two passwords differ." and not page.isComplete()
    page.confirm.setText(PASSWORD)
    assert page.reason.text() == "" and page.isComplete()
    page.use_passphrase.setChecked(True)
    assert "passphrase" in page.reason.text() and not page.isComplete()
    page.passphrase.setText("one")
    page.passphrase_confirm.setText("two")
    assert page.reason.text() == "The two passphrases differ."
    page.passphrase_confirm.setText("one")
    assert page.reason.text() == "" and page.isComplete()


@pytest.mark.parametrize("usable", [False, True])
def test_remember_choice_follows_the_keyring(qtbot: QtBot, usable: bool) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring() if usable else fail.Keyring())
    context = AppContext.create(Settings())
    try:
        page = AccountsPage(context)
        qtbot.addWidget(page)
        page.start_onboarding()
        remember = page.wizard.password_page.remember
        note = page.wizard.password_page.remember_note
        qtbot.waitUntil(lambda: page.wizard.password_page.keyring_available is not None, timeout=5000)
        assert remember.isEnabled() is usable
        if usable:
            assert note.text() == ""
        else:
            assert "no system keyring" in note.text()
            remember.setChecked(True)  # even if ticked by code, a choice that cannot work is not taken
            page.wizard.restore_page.phrase_edit.setText(generate_mnemonic(12).phrase)
            page.wizard.password_page.password.setText(PASSWORD)
            page.wizard.password_page.confirm.setText(PASSWORD)
            page.wizard.intro.restore_radio.setChecked(True)
            page.wizard.next()
            page.wizard.next()
            assert page.wizard.result_data().remember is False
        page.wizard.close()
    finally:
        keyring.set_keyring(previous)
        context.shutdown()


def test_a_non_english_wordlist_is_warned_about(qtbot: QtBot, wizard: OnboardingWizard) -> None:
    wizard.next()
    show = wizard.show_page
    assert show.wordlist_warning.isHidden()
    show.language_combo.setCurrentIndex(show.language_combo.findData("chinese_simplified"))
    assert not show.wordlist_warning.isHidden()
    assert "MetaMask" in show.wordlist_warning.text() and "Ledger" in show.wordlist_warning.text()
    show.language_combo.setCurrentIndex(show.language_combo.findData("english"))
    assert show.wordlist_warning.isHidden()

    restore = wizard.restore_page
    restore.phrase_edit.setText(generate_mnemonic(12, "japanese").phrase)
    assert restore.mnemonic is not None and not restore.wordlist_warning.isHidden()
    assert "MetaMask" in restore.wordlist_warning.text()
    restore.phrase_edit.setText(generate_mnemonic(12).phrase)
    assert restore.wordlist_warning.isHidden()


def test_restore_page_names_the_wordlist_in_the_ui_language(qtbot: QtBot, chinese: Translations) -> None:
    wizard = OnboardingWizard()
    qtbot.addWidget(wizard)
    wizard.setStartId(PAGE_RESTORE)
    wizard.show()
    wizard.restore_page.phrase_edit.setText(generate_mnemonic(12).phrase)
    status = wizard.restore_page.status.text()
    assert "英语" in status and "English" not in status
    combo = wizard.show_page.language_combo
    assert combo.itemText(combo.findData("english")) == "英语"


def test_unlock_bar_remember_choice_says_why_it_is_off(qtbot: QtBot) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    context = AppContext.create(Settings())
    try:
        context.hot_wallet().create(generate_mnemonic(12), "", PASSWORD, "Account 1")
        context.hot_wallet().lock()
        page = AccountsPage(context)
        qtbot.addWidget(page)
        page.show()
        qtbot.waitUntil(lambda: page.keyring_available is False, timeout=5000)
        assert page.unlock_bar.isVisible() and page.remember_check.isVisible()
        assert not page.remember_check.isEnabled() and "no system keyring" in page.remember_check.text()
    finally:
        keyring.set_keyring(previous)
        context.shutdown()
