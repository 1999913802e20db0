"""The Contacts page and dialog (pytest-qt, offscreen), and the address book on the Send page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from wallet.settings import Settings
from wallet.ui.context import AppContext
from wallet.ui.pages.contacts_page import ContactsPage
from wallet.ui.theme import Tone, tone_color

ALICE = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
BOB = "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"
ALICE_TYPO = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"


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
    page.dialog.address_edit.setText(BOB)
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
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
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
    assert page.message.text().startswith("Nothing was imported. bad.csv, line 2, address: bad EIP-55 checksum")
    assert tone_color(Tone.ERROR) in page.message.styleSheet() and context.contacts.all() == []
    page.import_from(good)
    qtbot.waitUntil(lambda: page.message.text().startswith("Imported 2"))
    assert page.model.rowCount() == 2
    out = tmp_path / "out.json"
    page.export_to(out)
    qtbot.waitUntil(lambda: page.message.text().startswith("Exported 2"))
    assert '"name": "Bob"' in out.read_text("utf-8") and BOB in out.read_text("utf-8")
