"""The offline half of the PSBT air gap, on a real litecoind + ElectrumX: an online wallet watching a
vpub exports a payment; the wallet holding the keys opens it from its Bitcoin & Litecoin page ("Sign a
PSBT…"), shows what it pays (recipient, amount, change, fee, all decoded from the PSBT), signs it and
gives it back as QR parts and a binary file; the online wallet broadcasts it and the node has it.
PSBTs for another network, without input amounts, of another wallet or that are not PSBTs at all
are refused by name, and nothing is signed."""

from __future__ import annotations

import random
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from embit import bip32, bip39
from embit.psbt import PSBT
from pytestqt.qtbot import QtBot

from tests.test_min_size_fit import clipped
from tests.test_utxo_pages import loaded, page  # noqa: F401
from tests.test_utxo_wallet_service import CHAIN, Wallet, fund, make_wallet, synced
from tests.utxo_stack import LtcRegtest, ltc_regtest  # noqa: F401
from wallet.services.airgap import qr_parts
from wallet.ui.errors import error_text
from wallet.ui.pages.utxo_page import UtxoPage
from wallet.ui.utxo.psbt_dialog import PSBT_MAGIC, pasted_psbt, psbt_text_of_file
from wallet.ui.utxo.psbt_sign_dialog import PsbtSignDialog
from wallet.utxo import spend
from wallet.utxo.account import LITECOIN, account_from_root
from wallet.utxo.psbt_review import (
    NothingToSignError,
    PsbtOtherNetworkError,
    PsbtWithoutAmountsError,
    UnreadablePsbtError,
    review_psbt,
)
from wallet.utxo.sync import CHANGE, RECEIVE, Utxo

WAIT_MS = 60_000


@pytest.fixture
def online(tmp_path: Path, ltc_regtest: LtcRegtest) -> Iterator[Wallet]:  # noqa: F811
    made = make_wallet(tmp_path / "online", ltc_regtest, with_seed=False)
    yield made
    made.service.close()


def open_signing(qtbot: QtBot, offline: UtxoPage) -> PsbtSignDialog:
    """The offline wallet's hot account chosen on its Accounts tab, then "Sign a PSBT…"."""
    tab = offline.accounts_tab
    tab.table.selectRow(0)
    assert tab.sign_psbt_button.isEnabled() and tab.sign_psbt_button.text() == "Sign a PSBT…"
    tab.sign_psbt_button.click()
    dialog = offline.psbt_sign_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_a_watch_only_payment_is_reviewed_and_signed_offline_then_broadcast_online(
        qtbot: QtBot, page: UtxoPage, online: Wallet, ltc_regtest: LtcRegtest, tmp_path: Path) -> None:  # noqa: F811
    offline = page
    (hot,) = offline.accounts
    assert hot.hot
    watched = online.service.add_watch_only(CHAIN, "Cold", hot.keys.extended_public_key)
    receive = online.service.sync(watched).receive_address
    for _ in range(2):
        fund(ltc_regtest, receive, "0.2")
    funding = fund(ltc_regtest, receive, "0.2")
    state = synced(online.service, watched, ltc_regtest, funding)
    payee = str(ltc_regtest.rpc("getnewaddress", wallet="miner"))
    plan = online.service.plan_payment(state, payee, 42_345_678, 3.0)  # three coins, and change
    assert len(plan.coins) == 3 and plan.change_index is not None
    unsigned = online.service.export_psbt(watched, plan)

    dialog = open_signing(qtbot, offline)
    parts = qr_parts(unsigned)
    assert len(parts) > 1  # an animated code: scanned in any order, a part seen twice
    scanned = [*parts, parts[0]]
    random.Random(7).shuffle(scanned)
    dialog.psbt_edit.setPlainText("\n".join(scanned))
    dialog.review_button.click()
    review = dialog.review
    assert review is not None, dialog.status.text()
    change = plan.outputs[-1][1]
    assert review.fee == plan.fee and review.paid_out == 42_345_678
    assert [(o.address, o.amount, o.is_change) for o in review.outputs] == [
        (payee, 42_345_678, False), (hot.keys.address(CHANGE, plan.change_index), change, True)]
    summary = dialog.summary.text()
    assert f"Pay 0.42345678 LTC to {payee}" in summary
    assert f"Change {Decimal(change) / 10**8} LTC back to this account" in summary
    assert f"Network fee: {Decimal(plan.fee) / 10**8} LTC" in summary
    assert f"Total leaving this account: {Decimal(42_345_678 + plan.fee) / 10**8} LTC" in summary
    assert "Replaceable (RBF)" in summary and "Warning" not in summary
    assert dialog.sign_button.isEnabled() and not dialog.save_button.isEnabled()

    dialog.sign_button.click()
    qtbot.waitUntil(lambda: bool(dialog.signed_psbt) or not dialog.signing, timeout=WAIT_MS)
    assert dialog.signed_psbt, dialog.status.text()
    assert dialog.status.text().startswith("Signed.") and dialog.qr.parts and dialog.save_button.isEnabled()
    assert not clipped(dialog), [str(c) for c in clipped(dialog)]
    saved = tmp_path / "signed.psbt"
    dialog.save_path(saved)
    assert saved.read_bytes().startswith(PSBT_MAGIC)  # binary, as Sparrow and Core write it

    # Online: the signed PSBT comes back scanned (its parts) or from the file; both are the same.
    from_qr = pasted_psbt("\n".join(reversed(dialog.qr.parts)))
    assert from_qr == psbt_text_of_file(saved.read_bytes())
    txid = online.service.send_signed_psbt(watched, plan, from_qr)
    entry = ltc_regtest.rpc("getmempoolentry", txid)
    assert Decimal(str(entry["fees"]["base"])) * 10**8 == plan.fee
    received = ltc_regtest.rpc("gettransaction", txid, wallet="miner")
    assert Decimal(str(received["amount"])) == Decimal("0.42345678")
    assert synced(online.service, watched, ltc_regtest, txid).balance == 60_000_000 - 42_345_678 - plan.fee


def _without_amounts(text: str) -> str:
    psbt = PSBT.from_string(text)
    psbt.inputs[0].witness_utxo = None
    return str(psbt.to_string())


def _other_network(phrase: str) -> str:
    """A real PSBT of the same recovery phrase's Litecoin mainnet account (m/84'/2'/0'), with the
    master key's origin: embit's signer would sign it with that key."""
    root = bip32.HDKey.from_seed(bip39.mnemonic_to_seed(phrase))
    mainnet = account_from_root(root, LITECOIN)
    coin = Utxo("11" * 32, 0, 1_000_000, 100, RECEIVE, 0, mainnet.script(RECEIVE, 0))
    plan = spend.SendPlan((coin,), ((mainnet.script(RECEIVE, 1), 900_000),), None, 100_000, 110)
    text = spend.export_psbt(mainnet, plan)
    assert PSBT.from_string(text).sign_with(root) == 1  # what a plain "sign every key I derive" would do
    return text


def test_psbts_that_must_not_be_signed_are_refused_by_name(
        qtbot: QtBot, tmp_path: Path, online: Wallet, ltc_regtest: LtcRegtest) -> None:  # noqa: F811
    offline = make_wallet(tmp_path / "offline", ltc_regtest)
    stranger = make_wallet(tmp_path / "stranger", ltc_regtest)
    try:
        (hot,) = offline.service.add_hot_accounts()
        (strangers,) = stranger.service.add_hot_accounts()
        watched = online.service.add_watch_only(CHAIN, "Cold", hot.keys.extended_public_key)
        funding = fund(ltc_regtest, online.service.sync(watched).receive_address, "0.2")
        state = synced(online.service, watched, ltc_regtest, funding)
        payee = str(ltc_regtest.rpc("getnewaddress", wallet="miner"))
        unsigned = online.service.export_psbt(watched, online.service.plan_payment(state, payee, 5_000_000, 2.0))
        assert review_psbt(hot.keys, unsigned).own_inputs  # the control: this one is the account's to sign

        cases = [
            ("garbage", UnreadablePsbtError, "This is not a PSBT that can be read: it is neither base64 text nor a "
                                             "PSBT file. Nothing was signed."),
            ("cHNidP8BAAoCAAAAAAAAAAAAAAAA", UnreadablePsbtError,  # the magic, then a truncated transaction
             "This is not a PSBT that can be read: its contents are damaged. Nothing was signed."),
            (_other_network(offline.phrase), PsbtOtherNetworkError,
             "This PSBT is for Litecoin, not for Litecoin regtest. Nothing was signed."),
            (_without_amounts(unsigned), PsbtWithoutAmountsError,
             "Input 1 of this PSBT does not say how much it spends, so the fee cannot be known. Nothing was signed"),
            (unsigned, NothingToSignError, "None of this PSBT's inputs is spent by this account's keys"),
        ]
        mempool = ltc_regtest.rpc("getrawmempool")
        for text, error, message in cases:
            signer = strangers if error is NothingToSignError else hot
            service = stranger.service if error is NothingToSignError else offline.service
            with pytest.raises(error) as refused:
                service.sign_psbt(signer, text)
            assert str(refused.value).startswith(message), str(refused.value)
            dialog = PsbtSignDialog(signer, service, _NoTasks())
            qtbot.addWidget(dialog)
            dialog.psbt_edit.setPlainText(text)
            dialog.show_review()
            assert dialog.review is None and dialog.status.text() == error_text(refused.value)  # as the UI names it
            assert not dialog.sign_button.isEnabled() and not dialog.qr.parts
            dialog.sign()  # nothing reviewed: nothing happens
            assert not dialog.signing
        assert ltc_regtest.rpc("getrawmempool") == mempool
    finally:
        for made in (offline, stranger):
            made.service.close()
            made.hot.lock()


class _NoTasks:
    """A refused PSBT never reaches signing: any task submitted is a failure of the test."""

    def submit(self, *_: object) -> None:
        raise AssertionError("nothing may be signed")
