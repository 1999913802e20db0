"""The Atomic swap page with a Litecoin leg (regtest node + ElectrumX against the EVM devnet): two
wallets, each with its own page, swap LTC and the coin of chain 31337, either one offered — the offer
made and the maker's lock reviewed and approved on one page (a Litecoin lock as the P2WSH it pays),
the offer reviewed and accepted on the other — and both swaps complete with the balances moved on
both chains. An offer whose hashlock was changed is
refused on the page, and nothing is locked."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.atomic_utxo_support import LTC, LTC_CHAIN, LTC_FUNDING, align_clocks, ltc_stack  # noqa: F401
from tests.test_atomic_support import CHAIN_A, coin_balance, fund, nonce_of
from tests.test_atomic_utxo_cli import mining
from tests.utxo_stack import LtcRegtest
from wallet.accounts.model import AccountKind
from wallet.devnet import Devnet
from wallet.dex.atomic.htlc_terms import NATIVE_TOKEN, HtlcTerms
from wallet.dex.atomic.swap_offer import parse_offer
from wallet.dex.atomic.utxo_htlc import htlc_address, median_time_lag_s
from wallet.dex.atomic.utxo_leg import contract_of
from wallet.keys.mnemonic import generate_mnemonic
from wallet.paths import database_path
from wallet.services.utxo_wallet import UtxoWalletService
from wallet.settings import Settings
from wallet.store.db import connect
from wallet.store.utxo_accounts import UtxoAccountStore
from wallet.ui.atomic_swap_model import clock_time
from wallet.ui.context import AppContext
from wallet.ui.pages.atomic_swap_page import AtomicSwapPage
from wallet.utxo.electrum_client import ElectrumClient, ElectrumServer
from wallet.utxo.registry import UtxoRegistry
from wallet.utxo.sync import AccountSync
from wallet.utxo.verified import VerifiedElectrum

PASSWORD = "atomic litecoin page 17 herons"  # a throwaway test wallet
SWAP_TIMEOUT_MS = 180_000
LITOSHI = 10**8
SWAP_LTC = LITOSHI // 2  # "0.5"
SWAP_ETH = 10**18  # "1"
MAX_UTXO_FEE = 10_000
MAX_GAS_COST = 10**16
HASHLOCK_OFFSET = 8 + 20 + 32 + 20 + 8 + 20 + 32 + 20 + 8 + 32  # a v2 offer's packed fields before it


@dataclass
class Desk:
    context: AppContext
    page: AtomicSwapPage
    address: str  # the wallet's EVM account
    ltc_address: str  # its Litecoin swap address

    def ltc_balance(self, stack: LtcRegtest) -> int:
        """The whole BIP-84 account (change included), read over a connection of the test's own."""
        verified = VerifiedElectrum(ElectrumClient(LTC_CHAIN.network, [server(stack)]))  # type: ignore[arg-type]
        try:
            snapshot = AccountSync(verified, self.page.service().utxo(LTC).account).sync()
        finally:
            verified.client.close()
        return snapshot.confirmed + snapshot.unconfirmed


def server(stack: LtcRegtest) -> ElectrumServer:
    return ElectrumServer(*stack.electrum_tcp, tls=False)


def open_desk(qtbot: QtBot, devnet: Devnet, stack: LtcRegtest, home: Path | None,
              monkeypatch: pytest.MonkeyPatch, ltc: str | None) -> Desk:
    """A wallet (in ``home``, or the test's own) with its Atomic swap page, whose Litecoin chain is the
    test's regtest stack; its EVM account funded on the devnet, its swap address paid ``ltc``."""
    with monkeypatch.context() as env:
        if home is not None:
            env.setenv("WALLET_HOME", str(home))
        context = AppContext.create(Settings(network=devnet.chain(CHAIN_A).key))
        context.network.add_chains(devnet.chains)
        account = context.hot_wallet().create(generate_mnemonic(12), "", PASSWORD, "Main")
        utxo_wallet = UtxoWalletService(UtxoAccountStore(connect(database_path())), context.hot_wallet,
                                        servers={LTC_CHAIN.key: [server(stack)]},
                                        registry=UtxoRegistry([LTC_CHAIN]))
        page = AtomicSwapPage(context, utxo_wallet)
        service = page.service()  # built now: its swaps and offers are kept in this wallet's home
    page.timer.setInterval(200)
    qtbot.addWidget(page)
    page.show()
    fund(devnet, CHAIN_A, account.address)
    ltc_address = service.swap_address(LTC)
    if ltc is not None:
        stack.rpc("sendtoaddress", ltc_address, ltc, wallet="miner")
        stack.mine(1)
        stack.wait_electrum_synced()
    return Desk(context, page, account.address, ltc_address)


@pytest.fixture
def desks(qtbot: QtBot, qapp: object, chain_state: Devnet, ltc_stack: LtcRegtest,  # noqa: F811
          tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Desk, Desk]]:
    align_clocks(chain_state, ltc_stack)
    maker = open_desk(qtbot, chain_state, ltc_stack, None, monkeypatch, LTC_FUNDING)
    taker = open_desk(qtbot, chain_state, ltc_stack, tmp_path / "taker-home", monkeypatch, LTC_FUNDING)
    yield maker, taker
    for desk in (maker, taker):
        desk.page.shutdown()
        desk.context.shutdown()


def make_ltc_offer(qtbot: QtBot, desk: Desk, ltc_first: bool = True) -> str:
    page = desk.page
    if ltc_first:
        page.select(LTC_CHAIN.key, NATIVE_TOKEN, CHAIN_A, NATIVE_TOKEN)
    else:
        page.select(CHAIN_A, NATIVE_TOKEN, LTC_CHAIN.key, NATIVE_TOKEN)
    utxo_assets = page.asset_a_combo if ltc_first else page.asset_b_combo
    assert [utxo_assets.itemText(i) for i in range(utxo_assets.count())] == [LTC_CHAIN.symbol]
    qtbot.waitUntil(lambda: desk.ltc_address in page.utxo_note.text().replace("\u200b", ""), timeout=20_000)
    page.amount_a_edit.setText("0.5" if ltc_first else "1")  # SWAP_LTC, SWAP_ETH
    page.amount_b_edit.setText("1" if ltc_first else "0.5")
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.message_dialog is not None or page.error_label.text() != "", timeout=20_000)
    assert page.error_label.text() == "" and page.message_dialog is not None
    return page.message_dialog.text


@pytest.mark.parametrize("ltc_first", [True, False], ids=["maker-gives-ltc", "maker-gets-ltc"])
def test_litecoin_and_the_coin_swapped_between_two_pages(
        qtbot: QtBot, desks: tuple[Desk, Desk], chain_state: Devnet, ltc_stack: LtcRegtest,  # noqa: F811
        ltc_first: bool) -> None:
    maker, taker = desks
    ltc_before = {id(d): d.ltc_balance(ltc_stack) for d in desks}
    eth_before = {id(d): coin_balance(chain_state, CHAIN_A, d.address) for d in desks}

    offer_text = make_ltc_offer(qtbot, maker, ltc_first)
    assert offer_text.startswith("dwswap2o:")
    offer = parse_offer(offer_text, lambda _chain: True, None).offer
    legs = ((LTC, SWAP_LTC), (CHAIN_A, SWAP_ETH))
    assert ((offer.chain_a, offer.amount_a), (offer.chain_b, offer.amount_b)) == (legs if ltc_first else legs[::-1])
    if not ltc_first:
        swapped_ltc_for_coin(qtbot, maker, taker, offer_text, chain_state, ltc_stack, ltc_before, eth_before)
        return

    # The taker reviews the offer on its page: the maker's Litecoin address, the amounts, its own lock.
    taker.page.offer_edit.setPlainText(offer_text)
    qtbot.mouseClick(taker.page.review_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: taker.page.review is not None or taker.page.error_label.text() != "", timeout=20_000)
    review = taker.page.review
    assert review is not None, taker.page.error_label.text()
    assert (review.maker_gives.chain, review.maker_gives.symbol, review.maker_gives.amount,
            review.maker_gives.locked_by) == (LTC_CHAIN.name, LTC_CHAIN.symbol, "0.5", maker.ltc_address)
    assert (review.maker_gets.amount, review.maker_gets.paid_to) == ("1", maker.address)
    text = taker.page.review_label.text()
    assert f"{maker.ltc_address} locks 0.5 {LTC_CHAIN.symbol} on {LTC_CHAIN.name}" in text
    assert f"Recipient: {maker.address}" in text
    qtbot.mouseClick(taker.page.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: taker.page.message_dialog is not None or taker.page.error_label.text() != "",
                    timeout=20_000)
    assert taker.page.error_label.text() == "" and taker.page.message_dialog is not None
    acceptance = taker.page.message_dialog.text

    # The maker starts the swap: its Litecoin lock is reviewed as the script it will pay.
    maker.page.acceptance_edit.setText(acceptance)
    qtbot.mouseClick(maker.page.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: maker.page.lock_review is not None or maker.page.error_label.text() != "",
                    timeout=20_000)
    lock = maker.page.lock_review
    assert lock is not None and lock.utxo is not None, maker.page.error_label.text()
    call = lock.call
    script = contract_of(HtlcTerms(offer.maker_a, call.recipient, NATIVE_TOKEN, SWAP_LTC, call.hashlock,
                                   call.timelock)).script
    assert LTC_CHAIN.network is not None
    p2wsh = htlc_address(script, LTC_CHAIN.network)
    assert call.hashlock == offer.hashlock and lock.contract == p2wsh
    assert (lock.utxo.recipient, lock.utxo.refund_to) == (taker.ltc_address, maker.ltc_address)
    text = maker.page.lock_review_label.text()
    assert f"{p2wsh} (P2WSH)" in text and f"Amount: 0.5 {LTC_CHAIN.symbol}" in text
    assert clock_time(call.timelock) in text and f"about {median_time_lag_s(LTC_CHAIN.network) // 60} min" in text
    qtbot.mouseClick(maker.page.confirm_lock_button, Qt.MouseButton.LeftButton)

    with mining(ltc_stack):
        qtbot.waitUntil(lambda: all(len(d.page.model.rows) == 1 and d.page.model.rows[0].finished for d in desks),
                        timeout=SWAP_TIMEOUT_MS)
    for desk in desks:
        desk.page.timer.stop()
    ltc_stack.wait_electrum_synced()

    (maker_row,), (taker_row,) = maker.page.model.rows, taker.page.model.rows
    assert (maker_row.role, str(maker_row.phase)) == ("initiator", "completed")
    assert (taker_row.role, str(taker_row.phase)) == ("participant", "completed")
    devnet_a = chain_state.chain(CHAIN_A).name
    assert [(t.action, t.chain) for t in maker_row.txs] == [("lock_a", LTC_CHAIN.name), ("claim_b", devnet_a)]
    assert [(t.action, t.chain) for t in taker_row.txs] == [("lock_b", devnet_a), ("claim_a", LTC_CHAIN.name)]
    assert all(t.url is None for t in maker_row.txs)  # no explorer for regtest or the devnet
    maker.page.table.selectRow(0)
    shown = maker.page.transactions_label.text()
    assert maker.page.transactions_label.isVisibleTo(maker.page)
    assert f"Lock on {LTC_CHAIN.name}" in shown and maker_row.txs[0].txid[:10] in shown

    paid_ltc = ltc_before[id(maker)] - maker.ltc_balance(ltc_stack)
    got_ltc = taker.ltc_balance(ltc_stack) - ltc_before[id(taker)]
    assert SWAP_LTC < paid_ltc < SWAP_LTC + MAX_UTXO_FEE and SWAP_LTC - MAX_UTXO_FEE < got_ltc < SWAP_LTC
    gained = coin_balance(chain_state, CHAIN_A, maker.address) - eth_before[id(maker)]
    paid = eth_before[id(taker)] - coin_balance(chain_state, CHAIN_A, taker.address)
    assert SWAP_ETH - MAX_GAS_COST < gained < SWAP_ETH < paid < SWAP_ETH + MAX_GAS_COST


def tampered_hashlock(offer: str) -> str:
    body = offer[len("dwswap2o:"):]
    raw = bytearray(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    raw[HASHLOCK_OFFSET] ^= 0x01
    return "dwswap2o:" + base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode("ascii")


def test_an_offer_with_a_changed_hashlock_is_refused_and_nothing_is_locked(
        qtbot: QtBot, desks: tuple[Desk, Desk], chain_state: Devnet, ltc_stack: LtcRegtest) -> None:  # noqa: F811
    maker, taker = desks
    offer_text = make_ltc_offer(qtbot, maker)
    ltc_before = [d.ltc_balance(ltc_stack) for d in desks]
    page = taker.page
    page.offer_edit.setPlainText(tampered_hashlock(offer_text))
    qtbot.mouseClick(page.review_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.error_label.text() != "", timeout=20_000)
    assert "altered or forged" in page.error_label.text() and maker.address in page.error_label.text()
    assert page.review is None and not page.accept_button.isEnabled() and page.review_label.text() == ""
    assert page.service().rows() == [] and maker.page.service().rows() == []
    assert nonce_of(chain_state, CHAIN_A, taker.address) == 0
    assert [d.ltc_balance(ltc_stack) for d in desks] == ltc_before  # no Litecoin moved either


def test_a_hardware_account_is_told_it_cannot_swap_litecoin(
        qtbot: QtBot, desks: tuple[Desk, Desk], chain_state: Devnet) -> None:
    maker, _taker = desks
    page = maker.page
    ledger = maker.context.accounts.add("Ledger", AccountKind.HARDWARE, "0x" + "11" * 20, "m/44'/60'/0'/0/0")
    page.refresh()
    page.account_combo.setCurrentIndex(page.account_combo.findData(ledger.address))
    page.select(CHAIN_A, NATIVE_TOKEN, LTC_CHAIN.key, NATIVE_TOKEN)
    note = page.utxo_note.text()
    assert page.utxo_note.isVisibleTo(page) and "hardware or offline account" in note and "Ledger" in note
    page.amount_a_edit.setText("1")
    page.amount_b_edit.setText("0.5")
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.error_label.text() != "", timeout=20_000)
    assert "cannot sign Bitcoin or Litecoin yet" in page.error_label.text() and page.message_dialog is None


def swapped_ltc_for_coin(qtbot: QtBot, maker: Desk, taker: Desk, offer_text: str, chain_state: Devnet,
                         stack: LtcRegtest, ltc_before: dict[int, int], eth_before: dict[int, int]) -> None:
    """The maker locks the coin; the taker's Litecoin lock is reviewed with the offer and made by its page."""
    page = taker.page
    page.offer_edit.setPlainText(offer_text)
    qtbot.mouseClick(page.review_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.review is not None or page.error_label.text() != "", timeout=20_000)
    review = page.review
    assert review is not None and review.utxo_b is not None and review.lock_b is None, page.error_label.text()
    assert (review.maker_gets.symbol, review.maker_gets.amount, review.maker_gets.paid_to) == (
        LTC_CHAIN.symbol, "0.5", maker.ltc_address)
    assert review.timelock_b == review.utxo_b.locktime < review.timelock_a
    text = page.review_label.text()
    assert f"pays {maker.ltc_address} with the secret" in text and f"Amount: 0.5 {LTC_CHAIN.symbol}" in text
    assert clock_time(review.timelock_b) in text
    qtbot.mouseClick(page.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.message_dialog is not None or page.error_label.text() != "", timeout=20_000)
    assert page.error_label.text() == "" and page.message_dialog is not None
    maker.page.acceptance_edit.setText(page.message_dialog.text)
    qtbot.mouseClick(maker.page.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: maker.page.lock_review is not None or maker.page.error_label.text() != "",
                    timeout=20_000)
    lock = maker.page.lock_review
    assert lock is not None and lock.utxo is None, maker.page.error_label.text()
    assert "Function: lock" in maker.page.lock_review_label.text()
    qtbot.mouseClick(maker.page.confirm_lock_button, Qt.MouseButton.LeftButton)

    with mining(stack):
        qtbot.waitUntil(lambda: all(len(d.page.model.rows) == 1 and d.page.model.rows[0].finished
                                    for d in (maker, taker)), timeout=SWAP_TIMEOUT_MS)
    for desk in (maker, taker):
        desk.page.timer.stop()
    stack.wait_electrum_synced()
    assert [str(d.page.model.rows[0].phase) for d in (maker, taker)] == ["completed", "completed"]
    devnet_a = chain_state.chain(CHAIN_A).name
    assert [(t.action, t.chain) for t in taker.page.model.rows[0].txs] == [("lock_b", LTC_CHAIN.name),
                                                                             ("claim_a", devnet_a)]
    paid_ltc = ltc_before[id(taker)] - taker.ltc_balance(stack)
    got_ltc = maker.ltc_balance(stack) - ltc_before[id(maker)]
    assert SWAP_LTC < paid_ltc < SWAP_LTC + MAX_UTXO_FEE and SWAP_LTC - MAX_UTXO_FEE < got_ltc < SWAP_LTC
    gained = coin_balance(chain_state, CHAIN_A, taker.address) - eth_before[id(taker)]
    paid = eth_before[id(maker)] - coin_balance(chain_state, CHAIN_A, maker.address)
    assert SWAP_ETH - MAX_GAS_COST < gained < SWAP_ETH < paid < SWAP_ETH + MAX_GAS_COST


def test_a_locked_wallet_shows_its_litecoin_address_once_unlocked(
        qtbot: QtBot, desks: tuple[Desk, Desk]) -> None:
    maker, _taker = desks
    page = maker.page
    page.context.hot_wallet().lock()
    page.select(LTC_CHAIN.key, NATIVE_TOKEN, CHAIN_A, NATIVE_TOKEN)
    qtbot.waitUntil(lambda: not page._reading_address, timeout=20_000)
    assert "shown once the wallet is unlocked" in page.utxo_note.text()
    page.amount_a_edit.setText("0.5")
    page.amount_b_edit.setText("1")
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.error_label.text() != "", timeout=20_000)
    assert "locked" in page.error_label.text() and page.unlock_bar.isVisibleTo(page) and page.message_dialog is None

    qtbot.keyClicks(page.password_edit, PASSWORD)
    qtbot.mouseClick(page.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: maker.ltc_address in page.utxo_note.text().replace("\u200b", ""), timeout=20_000)
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.message_dialog is not None, timeout=20_000)
    assert page.message_dialog is not None and page.message_dialog.text.startswith("dwswap2o:")
