"""Managing accounts from the Accounts page: show the recovery phrase again (password first), rename
and remove accounts. Real vault (scrypt, AES-GCM), real database; the outcome is read back from disk."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from wallet.accounts.model import Account, AccountKind
from wallet.keys.mnemonic import ValidMnemonic, generate_mnemonic
from wallet.keys.vault import Vault, WrongPasswordError
from wallet.services.cold_accounts import add_watch_address
from wallet.settings import Settings
from wallet.store.accounts import AccountStore, DuplicateAccountNameError, EmptyAccountNameError
from wallet.store.db import connect
from wallet.ui.account_management import RecoveryPhraseDialog
from wallet.ui.context import AppContext
from wallet.ui.errors import error_text
from wallet.ui.i18n import Translations
from wallet.ui.pages.accounts_page import AccountsPage, account_label

PASSWORD = "copper-meadow-3390"
IMPORTED_KEY = "0x" + "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"
WATCHED = "0x00000000219ab540356cBB839Cbe05303d7705Fa"


@pytest.fixture
def wallet(qtbot: QtBot, qapp: QApplication) -> Iterator[tuple[AccountsPage, ValidMnemonic]]:
    context = AppContext.create(Settings(network="ethereum"))
    mnemonic = generate_mnemonic(12)
    context.hot_wallet().create(mnemonic, "", PASSWORD, "Account 1")
    page = AccountsPage(context)
    qtbot.addWidget(page)
    page.show()
    page.password_edit.setText(PASSWORD)
    page.unlock()
    qtbot.waitUntil(lambda: page.unlocked and not page.busy, timeout=15000)
    yield page, mnemonic
    context.shutdown()


def select(page: AccountsPage, account: Account) -> None:
    page.table.selectRow(page.shown_account_ids().index(account.id))
    assert page.selected_account() == account


def shown_names(page: AccountsPage) -> list[str]:
    return [page.accounts_model.index(row, 0).data() for row in range(page.accounts_model.rowCount())]


def test_recovery_phrase_needs_the_password_and_goes_on_lock(
        qtbot: QtBot, wallet: tuple[AccountsPage, ValidMnemonic]) -> None:
    page, mnemonic = wallet
    page.open_recovery_phrase()
    dialog = page.recovery_dialog
    assert dialog is not None
    assert "anyone who sees these words can take your funds" in dialog.warning.text().lower()

    dialog.password.setText("not-the-password-123")
    dialog.show_button.click()
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=15000)
    assert dialog.error.text() == error_text(WrongPasswordError())
    assert dialog.word_labels == []
    assert dialog.show_button.isEnabled()

    dialog.password.setText(PASSWORD)
    dialog.show_button.click()
    qtbot.waitUntil(lambda: bool(dialog.word_labels), timeout=15000)
    words = mnemonic.phrase.split()
    assert [label.text() for label in dialog.word_labels] == [f"{i + 1}. {w}" for i, w in enumerate(words)]
    assert dialog.password.text() == ""  # the password does not stay in the field

    page.lock()
    assert dialog.word_labels == []  # at once, before the lock task has even run
    qtbot.waitUntil(lambda: not page.unlocked, timeout=15000)
    assert page.recovery_dialog is None
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert page.findChildren(RecoveryPhraseDialog) == []  # closed and gone, words and all


def test_renamed_account_persists_and_bad_names_change_nothing(
        qtbot: QtBot, wallet: tuple[AccountsPage, ValidMnemonic]) -> None:
    page, _ = wallet
    first = page.context.accounts.all()[0]
    select(page, first)
    page.open_rename_account()
    assert page.rename_dialog is not None
    page.rename_dialog.name.setText("  Savings   box ")
    page.rename_dialog.accept()
    qtbot.waitUntil(lambda: not page.busy, timeout=15000)
    assert shown_names(page) == ["Savings box"]

    reopened = AccountStore(connect(page.context.vault_path.parent / "wallet.sqlite3"))
    assert [a.name for a in reopened.all()] == ["Savings box"]

    page.add_account()
    qtbot.waitUntil(lambda: len(page.context.accounts.all()) == 2 and not page.busy, timeout=15000)
    second = page.context.accounts.all()[1]
    bad_names = (("   ", EmptyAccountNameError()), ("SAVINGS BOX", DuplicateAccountNameError(name="SAVINGS BOX")))
    for bad, error in bad_names:
        page.rename_account(second, bad)
        qtbot.waitUntil(lambda: not page.busy, timeout=15000)
        assert page.message.text() == error_text(error)
        assert reopened.get(second.id).name == "Account 2"
    assert shown_names(page) == ["Savings box", account_label(second)]


def confirm_removal(qtbot: QtBot, page: AccountsPage, account: Account) -> None:
    select(page, account)
    page.open_remove_account()
    box = page.remove_dialog
    assert box is not None
    assert account.address in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: not page.busy and account.id not in page.shown_account_ids(), timeout=15000)


def test_removed_seed_account_comes_back_with_add_account(
        qtbot: QtBot, wallet: tuple[AccountsPage, ValidMnemonic]) -> None:
    page, _ = wallet
    page.add_account()
    qtbot.waitUntil(lambda: len(page.context.accounts.all()) == 2 and not page.busy, timeout=15000)
    second = page.context.accounts.all()[1]

    select(page, second)
    page.open_remove_account()
    assert page.remove_dialog is not None
    page.remove_dialog.button(QMessageBox.StandardButton.Cancel).click()
    QApplication.processEvents()
    assert second in page.context.accounts.all()  # cancelled: nothing removed

    confirm_removal(qtbot, page, second)
    assert [a.address for a in page.context.accounts.all()] == [page.context.accounts.all()[0].address]

    page.add_account()
    qtbot.waitUntil(lambda: len(page.context.accounts.all()) == 2 and not page.busy, timeout=15000)
    again = page.context.accounts.all()[1]
    assert (again.address, again.derivation_path) == (second.address, second.derivation_path)


def test_removed_imported_key_leaves_the_vault_and_watch_only_just_the_list(
        qtbot: QtBot, wallet: tuple[AccountsPage, ValidMnemonic]) -> None:
    page, _ = wallet
    page.import_private_key(IMPORTED_KEY, "Imported")
    qtbot.waitUntil(lambda: len(page.context.accounts.all()) == 2 and not page.busy, timeout=15000)
    imported = page.context.accounts.all()[1]
    assert imported.kind is AccountKind.HOT_KEY
    watched = add_watch_address(page.context.accounts, "Watched", WATCHED)
    page.refresh()

    confirm_removal(qtbot, page, imported)
    confirm_removal(qtbot, page, watched)
    assert [a.kind for a in page.context.accounts.all()] == [AccountKind.HOT_HD]

    page.lock()
    qtbot.waitUntil(lambda: not page.unlocked and not page.busy, timeout=15000)
    page.password_edit.setText(PASSWORD)
    page.unlock()
    qtbot.waitUntil(lambda: page.unlocked and not page.busy, timeout=15000)
    assert imported.address not in [a.address for a in page.context.accounts.all()]
    vault = Vault.open(page.context.vault_path, PASSWORD)
    try:
        assert vault.contents.keys == []
        assert len(vault.contents.hd) == 1
    finally:
        vault.close()
    key_digits = IMPORTED_KEY.removeprefix("0x")
    assert key_digits not in page.context.vault_path.read_text()


def test_names_on_a_chinese_screen_stay_unique_and_an_unchanged_default_stays_the_apps(
        qtbot: QtBot, qapp: QApplication, wallet: tuple[AccountsPage, ValidMnemonic]) -> None:
    page, _ = wallet
    translations = Translations(qapp)  # type: ignore[arg-type]
    translations.apply("zh_CN")
    try:
        page.add_account()
        qtbot.waitUntil(lambda: len(page.context.accounts.all()) == 2 and not page.busy, timeout=15000)
        first, second = page.context.accounts.all()
        assert account_label(second) == "账户 2"

        select(page, first)
        page.open_rename_account()
        assert page.rename_dialog is not None and page.rename_dialog.name.text() == "账户 1"
        page.rename_dialog.accept()  # unchanged: still the app's name, shown in each language
        qtbot.waitUntil(lambda: not page.busy, timeout=15000)
        assert page.context.accounts.get(first.id).name == "Account 1"

        page.rename_account(first, " 账户 2 ")
        assert page.message.text() == error_text(DuplicateAccountNameError(name="账户 2"))
        assert page.context.accounts.get(first.id).name == "Account 1"

        page.rename_account(first, "储蓄")
        qtbot.waitUntil(lambda: not page.busy and page.context.accounts.get(first.id).name == "储蓄", timeout=15000)
        translations.apply("en")
        qtbot.waitUntil(lambda: shown_names(page)[1] == "Account 2", timeout=5000)
        assert shown_names(page) == ["储蓄", "Account 2"]  # the user's name as given, in any language
    finally:
        translations.apply("en")


def test_watch_only_wallet_renames_and_removes_from_the_row_menu(qtbot: QtBot) -> None:
    context = AppContext.create(Settings(network="ethereum"))
    try:
        watched = add_watch_address(context.accounts, "Watched", WATCHED)
        page = AccountsPage(context)
        qtbot.addWidget(page)
        page.show()
        assert not context.has_hot_wallet() and not page.manage_button.isVisible()

        row = page.table.visualRect(page.accounts_model.index(0, 0)).center()
        page.table.customContextMenuRequested.emit(row)
        menu = page.table_menu
        assert menu is not None
        qtbot.waitUntil(menu.isVisible, timeout=5000)
        menu.hide()
        page.rename_action.trigger()
        assert page.rename_dialog is not None
        page.rename_dialog.name.setText("Cold storage")
        page.rename_dialog.accept()
        qtbot.waitUntil(lambda: not page.busy and shown_names(page) == ["Cold storage"], timeout=15000)
        assert context.accounts.get(watched.id).name == "Cold storage"

        page.remove_action.trigger()
        assert page.remove_dialog is not None
        page.remove_dialog.button(QMessageBox.StandardButton.Yes).click()
        qtbot.waitUntil(lambda: not page.busy and context.accounts.all() == [], timeout=15000)
    finally:
        context.shutdown()
