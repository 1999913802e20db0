"""The Atomic swap page with a Litecoin leg, as a reviewer tried it (Litecoin regtest + ElectrumX and
the devnet, two wallets): one's own offer pasted back is refused before anything is signed; an offer
taken twice gives the acceptance its swap runs with, and once that swap has ended it is refused; the
maker's row says the lock waits for the user's review; chain names follow the page's language, and a
review names the taker's own Litecoin address; a refund on Litecoin is shown with its
median-time-past delay; a chain without a server and a wallet locked mid-swap are said, and the swap
resumes; an expired offer says when as a clock time; the form refuses amounts no offer may carry; a
hardware account reviewing a Litecoin offer is told before it accepts; an acceptance pasted again, or an
offer pasted for one, is said so, and so is a second taker's acceptance; a taker short of Litecoin is
told so in LTC; a message wrapped over lines is read; a wallet of hardware accounts only can review a Litecoin
offer."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from tests.atomic_utxo_support import LTC_CHAIN, ltc_stack  # noqa: F401
from tests.test_atomic_support import CHAIN_A
from tests.test_atomic_utxo_cli import mining
from tests.test_atomic_utxo_ui import (  # noqa: F401
    PASSWORD,
    SWAP_TIMEOUT_MS,
    Desk,
    desks,
    make_ltc_offer,
    open_desk,
    server,
)
from tests.utxo_stack import LtcRegtest
from wallet.accounts.model import AccountKind
from wallet.devnet import Devnet
from wallet.dex.atomic.swap_offer import parse_offer, sign_offer
from wallet.dex.atomic.utxo_htlc import median_time_lag_s
from wallet.paths import database_path
from wallet.services.utxo_wallet import UtxoWalletService
from wallet.settings import Settings
from wallet.store.db import connect
from wallet.store.utxo_accounts import UtxoAccountStore
from wallet.ui.atomic_message_dialog import AtomicMessageDialog
from wallet.ui.atomic_swap_model import clock_time
from wallet.ui.context import AppContext
from wallet.ui.pages.atomic_swap_page import AtomicSwapPage
from wallet.utxo.registry import UtxoRegistry


def reviewed(qtbot: QtBot, page: AtomicSwapPage, text: str) -> None:
    page.offer_edit.setPlainText(text)
    page.error_label.setText("")
    qtbot.mouseClick(page.review_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.review is not None or page.error_label.text() != "", timeout=20_000)


def accepted(qtbot: QtBot, page: AtomicSwapPage) -> AtomicMessageDialog:
    before = page.message_dialog
    qtbot.mouseClick(page.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.message_dialog is not before or page.error_label.text() != "", timeout=20_000)
    assert page.error_label.text() == "" and page.message_dialog is not None, page.error_label.text()
    return page.message_dialog


def test_own_offer_refused_offer_taken_twice_gives_one_acceptance_and_ended_swap_refused(
        qtbot: QtBot, desks: tuple[Desk, Desk], chain_state: Devnet, ltc_stack: LtcRegtest) -> None:  # noqa: F811
    maker, taker = desks
    offer = make_ltc_offer(qtbot, maker, ltc_first=False)

    reviewed(qtbot, maker.page, offer)  # the maker pastes its own offer
    assert maker.page.review is None and not maker.page.accept_button.isEnabled()
    assert "your own offer" in maker.page.error_label.text()
    assert maker.page.service().rows() == []

    wrapped = "\n".join(offer[i:i + 76] for i in range(0, len(offer), 76))  # as a mail program sends it
    reviewed(qtbot, taker.page, f"  {wrapped}\r\n")
    assert f"Refunded to: {taker.ltc_address}" in taker.page.review_label.text()  # the taker's Litecoin lock
    assert "Started now" in taker.page.review_label.text()  # the maker's lock on the devnet is timed at its start
    first = accepted(qtbot, taker.page).text
    reviewed(qtbot, taker.page, offer)  # again: the review says so, Accept gives the same acceptance
    assert taker.page.review is not None and "accepted this offer already" in taker.page.review_label.text()
    again = accepted(qtbot, taker.page)
    assert again.text == first
    assert any("accepted this offer already" in label.text() for label in again.findChildren(QLabel))
    assert len(taker.page.service().rows()) == 1
    qtbot.waitUntil(lambda: len(taker.page.model.rows) == 1, timeout=20_000)  # what the app does next, not the user
    assert taker.page.model.data(taker.page.model.index(0, 4)) == "This app locks your side once the maker's lock is " \
        "confirmed"

    maker.page.acceptance_edit.setText(first)
    qtbot.mouseClick(maker.page.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: maker.page.lock_review is not None and len(maker.page.model.rows) == 1, timeout=20_000)
    assert str(maker.page.model.rows[0].phase) == "reviewing_a"
    index = maker.page.model.index(0, 4)
    assert "Sign and lock" in maker.page.model.data(index) and "Sign and lock" in maker.page.swap_status_label.text()
    qtbot.mouseClick(maker.page.confirm_lock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: maker.page.lock_review is None, timeout=20_000)
    for pasted, said in ((first, "has started already: it is in the list below"),
                         (offer, "This is an offer, not an acceptance")):
        maker.page.error_label.setText("")
        maker.page.acceptance_edit.setText(pasted)
        qtbot.mouseClick(maker.page.start_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: maker.page.error_label.text() != "", timeout=20_000)
        assert said in maker.page.error_label.text() and maker.page.lock_review is None
    with mining(ltc_stack):
        qtbot.waitUntil(lambda: all(len(d.page.model.rows) == 1 and d.page.model.rows[0].finished for d in desks),
                        timeout=SWAP_TIMEOUT_MS)
    assert [str(d.page.model.rows[0].phase) for d in desks] == ["completed", "completed"]
    # "Refundable at": the taker's Litecoin lock is refunded about median-time-past's lag after its time.
    assert LTC_CHAIN.network is not None
    lag = f"(+about {median_time_lag_s(LTC_CHAIN.network) // 60} min)"
    assert lag in taker.page.model.data(taker.page.model.index(0, 5))
    assert "+about" not in maker.page.model.data(maker.page.model.index(0, 5))  # its lock is on the devnet

    reviewed(qtbot, taker.page, offer)  # the offer is still unexpired, but it was swapped once
    assert taker.page.review is None and "has ended" in taker.page.error_label.text()


def test_chain_names_follow_the_page_language(qtbot: QtBot, desks: tuple[Desk, Desk],  # noqa: F811
                                              chain_state: Devnet) -> None:
    maker, taker = desks
    offer = make_ltc_offer(qtbot, maker)
    taker.page.language = "zh_CN"
    reviewed(qtbot, taker.page, offer)
    review = taker.page.review
    assert review is not None, taker.page.error_label.text()
    assert review.maker_gives.chain == LTC_CHAIN.display_name("zh_CN") != LTC_CHAIN.name
    devnet_a = chain_state.chain(CHAIN_A)
    assert review.maker_gets.chain == devnet_a.display_name("zh_CN") != devnet_a.name
    assert LTC_CHAIN.display_name("zh_CN") in taker.page.review_label.text()
    assert f"You receive it at {taker.ltc_address}, the LTC address" in taker.page.review_label.text()
    # the maker's Litecoin lock's time comes from the offer, not from when the swap starts
    text = taker.page.review_label.text()
    assert f"refundable at {clock_time(review.timelock_a)}" in text
    assert "(set by the offer)" in text and "Started now" not in text


def test_an_offer_on_a_chain_without_a_server_is_named_and_refused(
        qtbot: QtBot, desks: tuple[Desk, Desk], monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    maker, taker = desks
    offer = make_ltc_offer(qtbot, maker)
    monkeypatch.setattr(taker.page.utxo_wallet, "chains", lambda: [])  # the taker's playground is not running
    reviewed(qtbot, taker.page, offer)
    assert taker.page.review is None and not taker.page.accept_button.isEnabled()
    text = taker.page.error_label.text()
    assert f"has a leg on {LTC_CHAIN.name}, and this wallet has no Electrum server for it" in text
    assert taker.page.service().rows() == []


def test_the_playground_stopping_and_a_locked_wallet_mid_swap_are_said_and_the_swap_resumes(
        qtbot: QtBot, desks: tuple[Desk, Desk], chain_state: Devnet, ltc_stack: LtcRegtest,  # noqa: F811
        monkeypatch: pytest.MonkeyPatch) -> None:
    maker, taker = desks
    devnet_a = chain_state.chain(CHAIN_A)
    offer = make_ltc_offer(qtbot, maker)
    reviewed(qtbot, taker.page, offer)
    maker.page.acceptance_edit.setText(accepted(qtbot, taker.page).text)
    qtbot.mouseClick(maker.page.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: maker.page.lock_review is not None, timeout=20_000)
    qtbot.mouseClick(maker.page.confirm_lock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(t.action == "lock_a" for t in maker.page.service().rows()[0].txs), timeout=60_000)

    with monkeypatch.context() as stopped:  # the playground stops: its devnet chains go, its Litecoin has no server
        for desk in desks:
            stopped.setattr(desk.page.utxo_wallet, "chains", lambda: [])
            desk.context.network.remove_devnet_chains()
        for desk in desks:
            qtbot.waitUntil(lambda d=desk: "is not available now" in d.page.model.data(d.page.model.index(0, 4)),
                            timeout=20_000)
            assert "goes on by itself once the chain is back" in desk.page.model.data(desk.page.model.index(0, 4))
            # said under the table too: the column is off screen in a narrow window
            status = desk.page.swap_status_label
            assert status.isVisibleTo(desk.page) and "is not available now" in status.text()
            row = desk.page.model.rows[0]
            assert not row.finished and devnet_a.name in row.gives + row.gets  # still named, not "… @ 31337"
        for desk in desks:
            desk.context.network.add_chains(chain_state.chains)
    taker.page.context.hot_wallet().lock()  # and the taker's wallet is locked meanwhile
    with mining(ltc_stack):
        qtbot.waitUntil(lambda: taker.page.unlock_bar.isVisibleTo(taker.page), timeout=SWAP_TIMEOUT_MS)
        assert not taker.page.model.rows[0].finished
        qtbot.keyClicks(taker.page.password_edit, PASSWORD)
        qtbot.mouseClick(taker.page.unlock_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: all(len(d.page.model.rows) == 1 and d.page.model.rows[0].finished for d in desks),
                        timeout=SWAP_TIMEOUT_MS)
    assert [str(d.page.model.rows[0].phase) for d in desks] == ["completed", "completed"]
    assert not taker.page.unlock_bar.isVisibleTo(taker.page)


def test_an_expired_offer_says_when_as_a_clock_time_and_the_form_refuses_impossible_amounts(
        qtbot: QtBot, desks: tuple[Desk, Desk]) -> None:  # noqa: F811
    maker, taker = desks
    offer = parse_offer(make_ltc_offer(qtbot, maker), lambda _chain: True, None).offer
    expired = replace(offer, expiry=offer.expiry - 2 * 3600)  # an hour ago by the chain's clock
    signer, path = maker.page.service().signer_for(maker.address)
    reviewed(qtbot, taker.page, sign_offer(expired, signer, path).text())
    assert taker.page.review is None
    assert taker.page.error_label.text() == (f"This swap offer expired at {clock_time(expired.expiry)} (by its chain's "
                                             "clock). Nothing was locked.")

    page = maker.page  # the form still gives Litecoin for the coin
    for amount_ltc, amount_coin, said in (
            ("0", "1", "Enter an amount above zero for both legs."),
            ("0.5", "0", "Enter an amount above zero for both legs."),
            ("0.00009999", "1", f"On {LTC_CHAIN.name} the amount must be at least 0.0001 {LTC_CHAIN.symbol}"),
            ("84000000.00000001", "1", f"and at most 84,000,000 {LTC_CHAIN.symbol}, the coin's whole supply.")):
        page.amount_a_edit.setText(amount_ltc)
        page.amount_b_edit.setText(amount_coin)
        page.message_dialog = None
        qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
        assert said in page.error_label.text() and page.message_dialog is None


def test_a_hardware_account_reviewing_a_litecoin_offer_is_told_before_accepting(
        qtbot: QtBot, desks: tuple[Desk, Desk]) -> None:  # noqa: F811
    maker, taker = desks
    offer = make_ltc_offer(qtbot, maker)
    page = taker.page
    ledger = taker.context.accounts.add("Ledger", AccountKind.HARDWARE, "0x" + "11" * 20, "m/44'/60'/0'/0/0")
    page.refresh()
    page.account_combo.setCurrentIndex(page.account_combo.findData(ledger.address))
    reviewed(qtbot, page, offer)
    assert page.review is not None
    said = "Ledger is a hardware or offline account: it cannot sign Bitcoin or Litecoin swaps yet"
    assert page.review_label.text().startswith(said)
    page.account_combo.setCurrentIndex(page.account_combo.findData(taker.address))  # a hot account: said no more
    assert said not in page.review_label.text() and page.review_label.text().startswith("The maker")


def test_a_second_takers_acceptance_is_refused_by_the_maker(
        qtbot: QtBot, desks: tuple[Desk, Desk], chain_state: Devnet, ltc_stack: LtcRegtest,  # noqa: F811
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    maker, taker = desks
    other = open_desk(qtbot, chain_state, ltc_stack, tmp_path / "other-taker", monkeypatch, None)
    try:
        offer = make_ltc_offer(qtbot, maker)
        acceptances = []
        for desk in (taker, other):
            reviewed(qtbot, desk.page, offer)
            acceptances.append(accepted(qtbot, desk.page).text)
        page = maker.page
        page.acceptance_edit.setText(acceptances[0])
        qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.lock_review is not None or page.error_label.text() != "", timeout=20_000)
        page.acceptance_edit.setText(acceptances[1])
        qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.error_label.text() != "", timeout=20_000)
        assert "This acceptance is from another taker" in page.error_label.text()
        review = page.lock_review  # the first taker's: its Litecoin address is paid
        assert review is not None and review.utxo is not None and review.utxo.recipient == taker.ltc_address
    finally:
        other.page.shutdown()
        other.context.shutdown()


def test_a_taker_who_cannot_pay_its_litecoin_lock_is_told_in_litecoin(
        qtbot: QtBot, desks: tuple[Desk, Desk], chain_state: Devnet, ltc_stack: LtcRegtest,  # noqa: F811
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    maker, _taker = desks
    offer = make_ltc_offer(qtbot, maker, ltc_first=False)  # the taker locks 0.5 LTC, after the maker's coin
    poor = open_desk(qtbot, chain_state, ltc_stack, tmp_path / "poor", monkeypatch, None)
    exact = open_desk(qtbot, chain_state, ltc_stack, tmp_path / "exact", monkeypatch, "0.5")  # no fee on top
    try:
        reviewed(qtbot, poor.page, offer)
        qtbot.mouseClick(poor.page.accept_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: poor.page.error_label.text() != "", timeout=20_000)
        assert poor.page.error_label.text() == (
            f"Your {LTC_CHAIN.name} account holds 0 LTC, and this swap locks 0.5 LTC plus the network fee there: pay "
            "coins to it on the Bitcoin & Litecoin page first. Nothing was accepted.")
        assert poor.page.message_dialog is None and poor.page.service().rows() == []

        # Exactly the amount is not enough either: the lock's own fee comes on top.
        reviewed(qtbot, exact.page, offer)
        qtbot.mouseClick(exact.page.accept_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: exact.page.error_label.text() != "", timeout=20_000)
        assert exact.page.error_label.text().startswith(
            f"Your {LTC_CHAIN.name} account holds 0.5 LTC, and this swap locks 0.5 LTC plus the network fee")
        assert exact.page.message_dialog is None and exact.page.service().rows() == []
    finally:
        for desk in (poor, exact):
            desk.page.shutdown()
            desk.context.shutdown()


def test_a_wallet_of_hardware_accounts_only_reviews_a_litecoin_offer(
        qtbot: QtBot, desks: tuple[Desk, Desk], chain_state: Devnet, ltc_stack: LtcRegtest,  # noqa: F811
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    maker, _taker = desks
    offer = make_ltc_offer(qtbot, maker)
    with monkeypatch.context() as env:
        env.setenv("WALLET_HOME", str(tmp_path / "hardware-only"))
        context = AppContext.create(Settings(network=chain_state.chain(CHAIN_A).key))
        context.network.add_chains(chain_state.chains)
        context.accounts.add("Ledger", AccountKind.HARDWARE, "0x" + "22" * 20, "m/44'/60'/0'/0/0")
        utxo_wallet = UtxoWalletService(UtxoAccountStore(connect(database_path())), context.hot_wallet,
                                        servers={LTC_CHAIN.key: [server(ltc_stack)]},
                                        registry=UtxoRegistry([LTC_CHAIN]))
        page = AtomicSwapPage(context, utxo_wallet)
        page.service()
    qtbot.addWidget(page)
    try:
        reviewed(qtbot, page, offer)
        assert page.review is not None, page.error_label.text()  # not "no account Litecoin Regtest"
        assert page.review_label.text().startswith("Ledger is a hardware or offline account")
    finally:
        page.shutdown()
        context.shutdown()
