"""The Atomic swap page on the devnet against a headless counterparty process (the command line with
its own wallet directory): one coin ↔ ERC-20 swap made from the page, resumed by the app started
again over the same wallet, ending completed with the balances moved on chain; a tampered offer
pasted into the page shows its error and locks nothing."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from pytestqt.qtbot import QtBot

from tests.test_atomic_cli import cli, finish, make_wallet, paid, status
from tests.test_atomic_support import (
    CHAIN_A,
    CHAIN_B,
    SWAP_COIN,
    SWAP_TOKENS,
    accept,
    chain_now,
    coin_balance,
    dusd,
    fund,
    increase_time,
    mint,
    new_party,
    nonce_of,
    token_balance,
    w3_of,
)
from wallet.chains.amounts import format_units
from wallet.chains.rpc import ChainClient
from wallet.devnet import Devnet
from wallet.dex.atomic.htlc_calls import decode_call, read_swap
from wallet.dex.atomic.htlc_deployment import HTLC_ADDRESS
from wallet.dex.atomic.htlc_terms import NATIVE_TOKEN, swap_id
from wallet.dex.atomic.swap_offer import parse_offer
from wallet.keys.mnemonic import generate_mnemonic
from wallet.settings import Settings
from wallet.ui.atomic_swap_model import clock_time, step_text
from wallet.ui.context import AppContext
from wallet.ui.i18n import Translations
from wallet.ui.main_window import MainWindow
from wallet.ui.pages.atomic_swap_page import AtomicSwapPage

PASSWORD = "atomic page password 41 otters"  # a throwaway test wallet
SWAP_TIMEOUT_MS = 150_000


@dataclass
class Desk:
    page: AtomicSwapPage
    address: str  # the page's own account
    counterparty_home: Path
    counterparty: str


@pytest.fixture
def desk(qtbot: QtBot, qapp: object, chain_state: Devnet, tmp_path: Path) -> Iterator[Desk]:
    context = AppContext.create(Settings(network=chain_state.chain(CHAIN_A).key))
    context.network.add_chains(chain_state.chains)
    account = context.hot_wallet().create(generate_mnemonic(12), "", PASSWORD, "Main")
    counterparty_home = tmp_path / "counterparty"
    counterparty = make_wallet(counterparty_home)
    for address in (account.address, counterparty):
        for chain_id in (CHAIN_A, CHAIN_B):
            fund(chain_state, chain_id, address)
    page = AtomicSwapPage(context)
    page.timer.setInterval(200)
    qtbot.addWidget(page)
    page.show()
    yield Desk(page, account.address, counterparty_home, counterparty)
    page.timer.stop()
    context.shutdown()


def restarted_window(qtbot: QtBot, qapp: QCoreApplication, devnet: Devnet) -> MainWindow:
    context = AppContext.create(Settings(network=devnet.chain(CHAIN_A).key))
    context.network.add_chains(devnet.chains)
    context.hot_wallet().unlock(PASSWORD)
    translations = Translations(qapp)
    translations.apply("en")
    window = MainWindow(context, translations, poll_interval_ms=600_000)
    qtbot.addWidget(window)
    window.show()
    return window


def test_a_swap_made_from_the_page_completes_against_a_headless_counterparty(
        qtbot: QtBot, qapp: QCoreApplication, desk: Desk, chain_state: Devnet) -> None:
    page, maker, taker, token = desk.page, desk.address, desk.counterparty, dusd(chain_state)
    mint(chain_state, token, taker, SWAP_TOKENS)
    before = {(a, c): coin_balance(chain_state, c, a) for a in (maker, taker) for c in (CHAIN_A, CHAIN_B)}

    page.select(CHAIN_A, NATIVE_TOKEN, CHAIN_B, token)
    page.amount_a_edit.setText("2")  # SWAP_COIN
    page.amount_b_edit.setText("3000")  # SWAP_TOKENS (6 decimals)
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.message_dialog is not None or page.error_label.text() != "", timeout=20_000)
    assert page.error_label.text() == ""
    assert page.message_dialog is not None
    offer = page.message_dialog.text
    assert offer.startswith("dwswap1o:") and page.message_dialog.qr_label.pixmap() is not None

    acceptance = finish(cli(desk.counterparty_home, chain_state, "accept-offer", offer, "--account", taker)).strip()
    taker_run = cli(desk.counterparty_home, chain_state, "run", "--poll", "0.2", "--timeout", "150")
    page.timer.stop()  # the swap starts here; the app "restarted" below steps it
    page.acceptance_edit.setText(acceptance)
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.lock_review is not None, timeout=20_000)
    qtbot.mouseClick(page.confirm_lock_button, Qt.MouseButton.LeftButton)
    # the row read after the approval (before it, the lock waits for review: "reviewing_a")
    qtbot.waitUntil(lambda: page.lock_review is None and len(page.model.rows) == 1
                    and page.model.rows[0].phase == "locking_a", timeout=20_000)
    assert not page.stepping

    # The app starts again over the same wallet: the unfinished swap resumes without opening its page.
    window = restarted_window(qtbot, qapp, chain_state)
    qtbot.waitUntil(lambda: window.pages.built("atomic_swap") is not None, timeout=20_000)
    assert window.current_page_key() == "accounts"
    resumed = window.atomic_swap_page
    resumed.timer.setInterval(200)
    qtbot.waitUntil(lambda: len(resumed.model.rows) == 1 and resumed.model.rows[0].finished, timeout=SWAP_TIMEOUT_MS)
    finish(taker_run)
    window.monitor.stop()
    window.context.shutdown()

    (row,) = resumed.model.rows
    assert (row.role, str(row.phase), row.refusal) == ("initiator", "completed", None)
    assert row.refundable_at is not None and row.claimable_until is not None
    assert row.claimable_until < row.refundable_at  # T_B before T_A
    assert resumed.model.data(resumed.model.index(0, 3)) == step_text("completed")
    assert token_balance(chain_state, token, maker) == SWAP_TOKENS
    assert token_balance(chain_state, token, taker) == 0
    maker_txs = [{"chain_id": t.chain_id, "hash": t.hash}
                 for t in resumed.service().engine.record(row.swap_id).txs]
    taker_swap = status(desk.counterparty_home, chain_state)
    assert taker_swap["outcome"] == "completed"
    taker_txs = taker_swap["transactions"]
    assert isinstance(taker_txs, list)
    for address, txs, coin_delta in ((maker, maker_txs, -SWAP_COIN), (taker, taker_txs, SWAP_COIN)):
        assert coin_balance(chain_state, CHAIN_A, address) == \
            before[address, CHAIN_A] + coin_delta - paid(chain_state, CHAIN_A, txs)
        assert coin_balance(chain_state, CHAIN_B, address) == before[address, CHAIN_B] - paid(chain_state, CHAIN_B, txs)


def tampered(offer: str, at: int, value: int, prefix: str = "dwswap1o:") -> str:
    """The same offer with the byte ``at`` of its packed fields changed to ``value``."""
    body = offer[len(prefix):]
    raw = bytearray(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    raw[at] = value
    return prefix + base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode("ascii")


AMOUNT_A_LAST_BYTE = 8 + 20 + 31  # after chain_a (8 bytes) and token_a (20)
CHAIN_A_LAST_BYTE = 7


def test_a_tampered_offer_shows_its_error_and_nothing_is_locked(
        qtbot: QtBot, desk: Desk, chain_state: Devnet) -> None:
    page, maker = desk.page, desk.counterparty
    offer = finish(cli(desk.counterparty_home, chain_state, "create-offer", "--account", maker, "--chain-a",
                       str(CHAIN_A), "--amount-a", str(SWAP_COIN), "--chain-b", str(CHAIN_B), "--token-b",
                       dusd(chain_state), "--amount-b", str(SWAP_TOKENS))).strip()
    page.offer_edit.setPlainText(tampered(offer, AMOUNT_A_LAST_BYTE, SWAP_COIN % 256 + 1))  # 1 wei more
    qtbot.mouseClick(page.review_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.error_label.text() != "", timeout=20_000)
    assert "altered or forged" in page.error_label.text() and maker in page.error_label.text()
    assert page.review is None and not page.accept_button.isEnabled() and page.review_label.text() == ""

    unknown_chain = tampered(offer, CHAIN_A_LAST_BYTE, 0x39)  # 31337 = 0x7a69 -> 0x7a39 = 31289
    page.offer_edit.setPlainText(unknown_chain)
    qtbot.mouseClick(page.review_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "31289" in page.error_label.text(), timeout=20_000)
    assert "does not know" in page.error_label.text() and not page.accept_button.isEnabled()

    page.offer_edit.setPlainText(offer)  # the genuine offer reviews fine: the refusal was the tampering
    qtbot.mouseClick(page.review_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.review is not None or page.error_label.text() != "", timeout=20_000)
    assert page.error_label.text() == "" and page.accept_button.isEnabled()
    assert "3,000 DUSD" in page.review_label.text() and "2 ETH" in page.review_label.text()

    assert page.service().rows() == []  # no swap started
    for chain_id in (CHAIN_A, CHAIN_B):
        assert nonce_of(chain_state, chain_id, desk.address) == 0  # nothing signed or sent


def test_an_offer_reviewed_and_accepted_on_the_page_completes(qtbot: QtBot, desk: Desk, chain_state: Devnet) -> None:
    page, taker, maker, token = desk.page, desk.address, desk.counterparty, dusd(chain_state)
    mint(chain_state, token, taker, SWAP_TOKENS)
    offer_file = desk.counterparty_home / "offer.txt"
    finish(cli(desk.counterparty_home, chain_state, "create-offer", "--account", maker, "--chain-a", str(CHAIN_A),
               "--amount-a", str(SWAP_COIN), "--chain-b", str(CHAIN_B), "--token-b", token,
               "--amount-b", str(SWAP_TOKENS), "--out", str(offer_file)))
    page.load_offer_file(offer_file)
    qtbot.waitUntil(lambda: page.review is not None or page.error_label.text() != "", timeout=20_000)
    assert page.error_label.text() == ""
    assert page.review is not None
    assert (page.review.maker_gives.amount, page.review.maker_gives.symbol, page.review.maker_gets.amount,
            page.review.maker_gets.symbol, page.review.maker_gets.paid_to) == ("2", "ETH", "3,000", "DUSD", maker)
    assert page.review.timelock_b < page.review.timelock_a
    text = page.review_label.text()  # the taker's lock B, decoded from the calldata the engine will make
    assert f"Contract: {HTLC_ADDRESS}" in text and "Function: lock" in text and f"Recipient: {maker}" in text
    assert f"Token: DUSD ({token})" in text and "Amount: 3,000 DUSD" in text
    assert f"Refundable to you from about: {clock_time(page.review.timelock_b)}" in text
    qtbot.mouseClick(page.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.message_dialog is not None or page.error_label.text() != "", timeout=20_000)
    assert page.error_label.text() == "" and page.message_dialog is not None
    acceptance = page.message_dialog.text
    saved = desk.counterparty_home / "acceptance.txt"
    page.message_dialog.save_to(saved)
    assert saved.read_text(encoding="ascii").strip() == acceptance

    maker_run = cli(desk.counterparty_home, chain_state, "run", "--acceptance", f"@{saved}", "--poll", "0.2",
                    "--timeout", "150")
    qtbot.waitUntil(lambda: len(page.model.rows) == 1 and page.model.rows[0].finished, timeout=SWAP_TIMEOUT_MS)
    finish(maker_run)
    (row,) = page.model.rows
    assert (row.role, str(row.phase)) == ("participant", "completed")
    assert token_balance(chain_state, token, maker) == SWAP_TOKENS
    assert token_balance(chain_state, token, taker) == 0
    assert status(desk.counterparty_home, chain_state)["outcome"] == "completed"


def test_an_expired_offer_is_refused_on_the_page(qtbot: QtBot, desk: Desk, chain_state: Devnet) -> None:
    page, maker = desk.page, desk.counterparty
    offer = finish(cli(desk.counterparty_home, chain_state, "create-offer", "--account", maker, "--chain-a",
                       str(CHAIN_A), "--amount-a", str(SWAP_COIN), "--chain-b", str(CHAIN_B), "--token-b",
                       dusd(chain_state), "--amount-b", str(SWAP_TOKENS), "--expires-in", "600")).strip()
    increase_time(chain_state, 601)
    page.offer_edit.setPlainText(offer)
    qtbot.mouseClick(page.review_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.error_label.text() != "", timeout=20_000)
    assert "expired" in page.error_label.text() and not page.accept_button.isEnabled()
    assert page.service().rows() == []


def test_a_locked_wallet_asks_for_its_password_on_the_page(qtbot: QtBot, desk: Desk, chain_state: Devnet) -> None:
    page = desk.page
    page.context.hot_wallet().lock()
    page.select(CHAIN_A, NATIVE_TOKEN, CHAIN_B, dusd(chain_state))
    page.amount_a_edit.setText("2")
    page.amount_b_edit.setText("3000")
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.error_label.text() != "", timeout=20_000)
    assert "locked" in page.error_label.text() and page.unlock_bar.isVisibleTo(page)
    assert page.message_dialog is None

    qtbot.keyClicks(page.password_edit, "not the password")
    qtbot.mouseClick(page.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "locked" not in page.error_label.text(), timeout=20_000)
    assert page.unlock_bar.isVisibleTo(page) and not page.context.hot_wallet().is_unlocked
    assert page.password_edit.text() == ""

    qtbot.keyClicks(page.password_edit, PASSWORD)
    qtbot.mouseClick(page.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.unlock_bar.isVisibleTo(page), timeout=20_000)
    assert page.error_label.text() == "" and page.context.hot_wallet().is_unlocked
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.message_dialog is not None or page.error_label.text() != "", timeout=20_000)
    assert page.message_dialog is not None and page.message_dialog.text.startswith("dwswap1o:")


def test_the_makers_lock_is_reviewed_decoded_before_it_is_signed(
        qtbot: QtBot, desk: Desk, chain_state: Devnet, tmp_path: Path) -> None:
    page, maker = desk.page, desk.address
    page.timer.stop()
    page.select(CHAIN_A, NATIVE_TOKEN, CHAIN_B, dusd(chain_state))
    page.amount_a_edit.setText("2")  # SWAP_COIN
    page.amount_b_edit.setText("3000")
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.message_dialog is not None or page.error_label.text() != "", timeout=20_000)
    assert page.message_dialog is not None, page.error_label.text()
    offer = parse_offer(page.message_dialog.text, lambda _chain: True, None)
    taker = new_party(chain_state, tmp_path / "taker.db")
    page.acceptance_edit.setText(accept(offer, taker).text())
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.lock_review is not None or page.error_label.text() != "", timeout=20_000)
    review = page.lock_review
    assert review is not None, page.error_label.text()
    call = review.call
    text = page.lock_review_label.text()
    native = chain_state.chain(CHAIN_A).native.symbol
    assert f"Contract: {HTLC_ADDRESS}" in text and "Function: lock" in text
    assert f"Recipient: {taker.address}" in text
    assert f"Amount: {format_units(SWAP_COIN, 18)} {native}" in text
    assert f"Hashlock: 0x{call.hashlock.hex()}" in text and call.hashlock == page.service().engine.record(
        review.swap_id).hashlock
    assert f"Refundable to you from: {clock_time(call.timelock)}" in text
    assert call.timelock > chain_now(chain_state, CHAIN_A) + 3600

    page.step_next()  # held while the review is open: nothing is signed
    qtbot.waitUntil(lambda: not page.stepping, timeout=20_000)
    assert nonce_of(chain_state, CHAIN_A, maker) == 0 and page.service().engine.record(review.swap_id).txs == []

    qtbot.mouseClick(page.confirm_lock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.lock_review is None, timeout=20_000)
    page.timer.start()
    qtbot.waitUntil(lambda: nonce_of(chain_state, CHAIN_A, maker) == 1, timeout=30_000)
    (tx,) = page.service().engine.record(review.swap_id).txs
    signed = w3_of(chain_state, CHAIN_A).eth.get_transaction(tx.hash)  # type: ignore[arg-type]
    assert signed["to"] == HTLC_ADDRESS and decode_call(bytes(signed["input"])) == review.call
    lock = page.service().engine.record(review.swap_id).lock_a
    assert lock is not None and lock.timelock == call.timelock
    assert read_swap(desk_client(desk), HTLC_ADDRESS, swap_id(CHAIN_A, HTLC_ADDRESS, lock)).terms == lock


def desk_client(desk: Desk) -> ChainClient:
    return desk.page.service().client(CHAIN_A)


def test_chain_names_follow_the_language_and_the_offer_starts_on_the_selected_chain(qtbot: QtBot) -> None:
    from wallet.chains.registry import load_registry
    from wallet.settings import Settings
    from wallet.ui.context import AppContext
    from wallet.ui.pages.atomic_swap_page import AtomicSwapPage

    context = AppContext.create(Settings(network="bsc"))
    page = AtomicSwapPage(context)
    qtbot.addWidget(page)
    page.language = "zh_CN"
    page.refresh()
    names = {c.chain_id: c.display_name("zh_CN") for c in load_registry()}
    assert page.chain_a_combo.currentData() == 56 and page.chain_a_combo.currentText() == names[56]
    assert page.chain_b_combo.currentData() not in (None, 56)
    assert page.chain_b_combo.currentText() == names[page.chain_b_combo.currentData()]
    context.shutdown()
