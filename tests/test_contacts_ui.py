"""The Contacts page and dialog (pytest-qt, offscreen), and the address book on the Send page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from eth_account import Account
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot
from web3 import Web3

from wallet.devnet import Devnet
from wallet.keys.mnemonic import generate_mnemonic
from wallet.settings import Settings
from wallet.ui.context import AppContext
from wallet.ui.i18n import Translations
from wallet.ui.main_window import MainWindow
from wallet.ui.pages.contacts_page import ContactsPage
from wallet.ui.pages.send_page import ADDRESS_ROLE, SendPage
from wallet.ui.theme import Tone, tone_color

ALICE = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
BOB = "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"
ALICE_TYPO = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"
ALICE_TWIN = "0x5aae" + "0" * 32 + "eaed"  # same first and last four digits: address poisoning


@pytest.fixture
def context(qapp: object) -> Iterator[AppContext]:
    context = AppContext.create(Settings())
    yield context
    context.shutdown()


@pytest.fixture
def page(qtbot: QtBot, context: AppContext) -> ContactsPage:
    page = ContactsPage(context)
    qtbot.addWidget(page)
    page.show()
    return page


def ok_button(page: ContactsPage) -> object:
    assert page.dialog is not None
    return page.dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_empty_page_says_what_the_address_book_is_for(page: ContactsPage) -> None:
    assert page.empty_label.isVisible() and "address book is empty" in page.empty_label.text()
    assert not page.table.isVisible() and not page.edit_button.isEnabled() and not page.export_button.isEnabled()


def test_a_bad_checksum_is_shown_and_nothing_is_saved(qtbot: QtBot, page: ContactsPage, context: AppContext) -> None:
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    assert not ok_button(page).isEnabled()  # type: ignore[attr-defined]
    dialog.name_edit.setText("张三")
    dialog.address_edit.setText(ALICE_TYPO)
    assert "bad EIP-55 checksum" in dialog.status.text()
    assert tone_color(Tone.ERROR) in dialog.status.styleSheet()
    assert not ok_button(page).isEnabled()  # type: ignore[attr-defined]
    dialog.accept()  # even forced, nothing is saved
    assert context.contacts.all() == [] and dialog.isVisible()
    dialog.reject()
    assert page.model.rowCount() == 0


def test_add_edit_copy_search_and_remove(qtbot: QtBot, page: ContactsPage, context: AppContext) -> None:
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog is not None
    dialog.name_edit.setText("张三")
    dialog.address_edit.setText(ALICE.lower())
    dialog.note_edit.setText("landlord")
    assert ok_button(page).isEnabled()  # type: ignore[attr-defined]
    qtbot.mouseClick(ok_button(page), Qt.MouseButton.LeftButton)  # type: ignore[arg-type]
    assert [(c.name, c.address, c.note) for c in context.contacts.all()] == [("张三", ALICE, "landlord")]
    assert page.table.isVisible() and not page.empty_label.isVisible()
    assert page.selected_contact() is not None and page.message.text() == "Saved 张三."

    page.open_add()  # a duplicate address is refused by name, live
    assert page.dialog is not None
    page.dialog.name_edit.setText("Other")
    page.dialog.address_edit.setText(ALICE)
    assert page.dialog.status.text() == f"{ALICE} is already in the address book as 张三."
    assert not ok_button(page).isEnabled()  # type: ignore[attr-defined]
    page.dialog.address_edit.setText(ALICE_TWIN)  # allowed, but said loudly
    assert page.dialog.status.text().startswith(f"This address starts and ends like the one of 张三 ({ALICE})")
    assert tone_color(Tone.WARNING) in page.dialog.status.styleSheet() and ok_button(page).isEnabled()  # type: ignore[attr-defined]
    page.dialog.address_edit.setText(f"ethereum:{BOB.lower()}@1?value=1e18")  # a payment link gives its address
    assert page.dialog.address_edit.text() == BOB
    assert page.dialog.status.text() == "Ready to save."
    page.dialog.accept()
    assert [c.name for c in context.contacts.all()] == ["Other", "张三"]

    page.search_edit.setText("landl")  # the note matches
    assert page.proxy.rowCount() == 1
    page.table.selectRow(0)
    assert page.selected_contact() is not None and page.selected_contact().name == "张三"  # type: ignore[union-attr]
    qtbot.mouseClick(page.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == ALICE
    page.search_edit.setText("nobody")
    assert page.proxy.rowCount() == 0 and "No contact matches" in page.empty_label.text()
    page.search_edit.clear()

    page.select(context.contacts.by_name("张三").id)  # type: ignore[union-attr]
    dialog = page.open_edit()
    assert dialog is not None and dialog.name_edit.text() == "张三"
    dialog.name_edit.setText("Zhang San")
    dialog.accept()
    assert context.contacts.by_address(ALICE).name == "Zhang San"  # type: ignore[union-attr]
    assert page.message.text() == "Updated Zhang San."

    page.select(context.contacts.by_address(BOB).id)  # type: ignore[union-attr]
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)  # the Delete key asks too
    box = page.remove_dialog
    assert box is not None and BOB in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert len(context.contacts.all()) == 2  # cancelling keeps it
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert page.remove_dialog is not None
    page.remove_dialog.button(QMessageBox.StandardButton.Yes).click()
    assert [c.name for c in context.contacts.all()] == ["Zhang San"] and page.model.rowCount() == 1


def test_send_to_emits_the_address(qtbot: QtBot, page: ContactsPage, context: AppContext) -> None:
    contact = context.contacts.add("Bob", BOB)
    page.refresh(select_id=contact.id)
    with qtbot.waitSignal(page.send_requested) as signal:
        qtbot.mouseClick(page.send_button, Qt.MouseButton.LeftButton)
    assert signal.args == [BOB]


def test_import_and_export_from_the_page(qtbot: QtBot, page: ContactsPage, context: AppContext,
                                         tmp_path: Path) -> None:
    good = tmp_path / "book.csv"
    good.write_text(f"name,address,note\nAlice,{ALICE},\nBob,{BOB},friend\n", "utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text(f"name,address\nCarol,{ALICE_TYPO}\n", "utf-8")
    page.import_from(bad)
    qtbot.waitUntil(lambda: "line 2" in page.message.text())
    assert page.message.text().startswith("Nothing was imported. bad.csv, line 2, column address: bad EIP-55 checksum")
    assert tone_color(Tone.ERROR) in page.message.styleSheet() and context.contacts.all() == []
    page.import_from(good)
    qtbot.waitUntil(lambda: page.message.text().startswith("Imported 2"))
    assert page.model.rowCount() == 2
    out = tmp_path / "out.json"
    page.export_to(out)
    qtbot.waitUntil(lambda: page.message.text().startswith("Exported 2"))
    assert '"name": "Bob"' in out.read_text("utf-8") and BOB in out.read_text("utf-8")


@pytest.fixture
def send_page(qtbot: QtBot, context: AppContext) -> SendPage:
    page = SendPage(context)
    qtbot.addWidget(page)
    page.show()
    return page


def test_send_offers_contacts_and_names_the_recipient(qtbot: QtBot, send_page: SendPage,
                                                      context: AppContext) -> None:
    context.contacts.add("张三", ALICE, "landlord")
    context.contacts.add("Bobby", "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb")
    send_page.refresh()
    send_page.recipient_edit.setFocus()
    qtbot.keyClicks(send_page.recipient_edit, "bob")  # (QTest types Latin-1 only)
    popup = send_page.recipient_completer.popup()
    qtbot.waitUntil(popup.isVisible)
    assert send_page.recipient_completer.completionCount() == 1  # only the name typed matches
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert send_page.recipient_edit.text() == "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"  # the address, not the name
    assert send_page.recipient_note.text() == "Contact: Bobby"

    send_page.recipient_edit.clear()
    qtbot.keyClicks(send_page.recipient_edit, "6053f3")  # part of an address matches too
    qtbot.waitUntil(popup.isVisible)
    assert send_page.recipient_completer.completionCount() == 1
    assert popup.model().index(0, 0).data().startswith("张三 — 0x5aAeb6")
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert send_page.recipient_edit.text() == ALICE
    assert send_page.recipient_note.text() == "Contact: 张三"
    assert not send_page.save_contact_button.isVisible()

    send_page.recipient_edit.setText(ALICE.lower())  # any spelling of the address is the contact's
    assert send_page.recipient_note.text() == "Contact: 张三"
    send_page.recipient_edit.setText(ALICE_TYPO)
    assert "bad EIP-55 checksum" in send_page.recipient_note.text()
    assert tone_color(Tone.ERROR) in send_page.recipient_note.styleSheet()

    send_page.recipient_edit.setText(ALICE_TWIN)  # a look-alike of a contact's address is called out
    assert send_page.recipient_note.text().startswith(f"Not your contact 张三: this address only starts and ends "
                                                      f"like theirs ({ALICE})")
    assert tone_color(Tone.WARNING) in send_page.recipient_note.styleSheet()
    assert not send_page.save_contact_button.isVisible()  # and not offered for saving

    send_page.recipient_edit.setText(BOB)  # a new address can be saved from here
    assert send_page.recipient_note.text() == "Not in your address book."
    assert send_page.save_contact_button.isVisible()
    qtbot.mouseClick(send_page.save_contact_button, Qt.MouseButton.LeftButton)
    dialog = send_page.contact_dialog
    assert dialog is not None and dialog.address_edit.text() == BOB
    dialog.name_edit.setText("Bob")
    with qtbot.waitSignal(send_page.contacts_changed):
        dialog.accept()
    assert send_page.recipient_note.text() == "Contact: Bob" and not send_page.save_contact_button.isVisible()
    entries = send_page.recipient_completer.entries
    assert any(entries.index(row, 0).data(ADDRESS_ROLE) == BOB for row in range(entries.rowCount()))


@pytest.fixture
def window(qtbot: QtBot, qapp: object, chain_state: Devnet) -> Iterator[MainWindow]:
    chain = chain_state.chains[0]
    context = AppContext.create(Settings(network=chain.key))
    context.network.add_chains(chain_state.chains)
    account = context.hot_wallet().create(generate_mnemonic(12), "", "copper-meadow-3390", "Main")
    w3 = Web3(Web3.HTTPProvider(chain.rpc_urls[0]))
    w3.provider.make_request("anvil_setBalance", [account.address, hex(10 * 10**18)])  # type: ignore[arg-type]
    main = MainWindow(context, Translations(qapp), poll_interval_ms=600_000)  # type: ignore[arg-type]
    qtbot.addWidget(main)
    main.show()
    yield main
    main.monitor.stop()
    context.shutdown()


def review_and_send(qtbot: QtBot, page: SendPage, amount: str) -> None:
    page.amount_edit.setText(amount)
    qtbot.mouseClick(page.review_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.review_group.isVisible() or "rror" in page.message.text(), timeout=10000)
    assert page.review_group.isVisible(), page.message.text()


def test_send_to_a_contact_on_the_devnet_then_save_a_new_recipient(qtbot: QtBot, window: MainWindow,
                                                                     chain_state: Devnet) -> None:
    w3 = Web3(Web3.HTTPProvider(chain_state.chains[0].rpc_urls[0]))
    carol = Account.create().address
    window.context.contacts.add("Carol <b>", carol)
    window.select_page("contacts")
    contacts = window.contacts_page
    assert window.pages.currentWidget() is contacts and contacts.model.rowCount() == 1
    contacts.select(window.context.contacts.by_address(carol).id)  # type: ignore[union-attr]
    qtbot.mouseClick(contacts.send_button, Qt.MouseButton.LeftButton)
    page = window.send_page
    assert window.pages.currentWidget() is page and page.recipient_edit.text() == carol
    assert page.recipient_note.text() == "Contact: Carol <b>"
    review_and_send(qtbot, page, "0.5")
    assert f"{carol} (contact Carol &lt;b&gt;)" in page.review_text.text()  # the name is text, not markup
    assert page.warnings_label.text() == ""
    qtbot.mouseClick(page.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.message.text().startswith("Sent."), timeout=10000)
    assert w3.eth.get_balance(carol) == 5 * 10**17
    assert not page.save_sent_button.isVisible()  # a contact already

    page.recipient_edit.setText("carol <B>")  # a contact's exact name stands for its address
    assert page.recipient_note.text() == f"Contact: Carol <b> ({carol})"
    review_and_send(qtbot, page, "0.125")
    assert f"{carol} (contact Carol &lt;b&gt;)" in page.review_text.text()
    assert page.fill_recipient(BOB)  # Send to from the address book leaves the open review for the form
    assert not page.review_group.isVisible() and page.prepared is None and page.form_group.isEnabled()
    assert page.recipient_edit.text() == BOB

    dave = Account.create().address.lower()
    page.recipient_edit.setText(dave)
    review_and_send(qtbot, page, "0.25")
    qtbot.mouseClick(page.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.message.text().startswith("Sent."), timeout=10000)
    assert w3.eth.get_balance(Web3.to_checksum_address(dave)) == 25 * 10**16
    assert page.save_sent_button.isVisible()  # a new address: offered for the address book
    qtbot.mouseClick(page.save_sent_button, Qt.MouseButton.LeftButton)
    assert page.contact_dialog is not None
    assert page.contact_dialog.address_edit.text() == Web3.to_checksum_address(dave)
    page.contact_dialog.name_edit.setText("Dave")
    page.contact_dialog.accept()
    assert window.context.contacts.by_name("Dave").address == Web3.to_checksum_address(dave)  # type: ignore[union-attr]
    assert not page.save_sent_button.isVisible()

    page.recipient_edit.setText("alice.eth")  # an ENS name: the contact keeps the address, the name in its note
    review_and_send(qtbot, page, "0.01")
    qtbot.mouseClick(page.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.message.text().startswith("Sent."), timeout=10000)
    qtbot.mouseClick(page.save_sent_button, Qt.MouseButton.LeftButton)
    assert page.contact_dialog is not None
    assert page.contact_dialog.address_edit.text() == w3.eth.accounts[1]
    assert page.contact_dialog.note_edit.text() == "alice.eth"
    page.contact_dialog.reject()


def test_send_page_offers_thousands_of_contacts(send_page: SendPage, context: AppContext) -> None:
    """One model reset, not a Qt call per contact: PySide6 6.12 (abi3) on Python 3.11 drops a reference
    to None on every void call, and a call per entry aborted the process at this size."""
    from wallet.store.contacts import NewContact

    context.contacts.add_many([NewContact(f"Contact {i}", "0x" + f"{i:040x}") for i in range(1, 8001)])
    for _ in range(3):
        send_page.refresh()
    assert send_page.recipient_completer.entries.rowCount() == 8000
    send_page.recipient_edit.setText("0x" + f"{4321:040x}")
    assert send_page.recipient_note.text() == "Contact: Contact 4321"


def test_a_long_name_never_pushes_the_address_off_the_table(qtbot: QtBot, page: ContactsPage,
                                                            context: AppContext) -> None:
    """Review: a 58-character name filled the table at 860×560 and the address showed as "0x52"."""
    address = "0x52908400098527886E0F7030069857D2E4169EE7"
    context.contacts.add("A very long contact name that goes on and on and on and on", address)
    page.resize(650, 400)
    page.show()
    page.refresh()
    qtbot.waitExposed(page)
    table = page.table
    address_column = table.columnViewportPosition(1) + table.columnWidth(1)
    assert address_column <= table.viewport().width()
    assert table.columnWidth(1) >= table.sizeHintForColumn(1)  # the address whole, in its fixed-width font
