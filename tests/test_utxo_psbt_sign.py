"""The offline half of the PSBT air gap, on a real litecoind + ElectrumX: an online wallet watching a
vpub exports a payment; the wallet holding the keys opens it from its Bitcoin & Litecoin page ("Sign a
PSBT…"), shows what it pays (recipient, amount, change, fee, all decoded from the PSBT), signs it and
gives it back as QR parts and a binary file; the online wallet broadcasts it and the node has it.
PSBTs for another network, without their inputs' previous transactions (the only proof of the
amounts: the SegWit fee attack), with an amount that is not the previous transaction's, of another
wallet or that are not PSBTs at all are refused by name, and nothing is signed."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path

import pytest
from embit import bip32, bip39, ec
from embit.networks import NETWORKS
from embit.psbt import PSBT, DerivationPath
from embit.script import Script
from embit.transaction import SIGHASH, TransactionInput, TransactionOutput
from embit.transaction import Transaction as EmbitTransaction
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.test_min_size_fit import clipped, has_cjk_font
from tests.test_utxo_pages import loaded, page  # noqa: F401
from tests.test_utxo_wallet_service import CHAIN, Wallet, fund, make_wallet, synced
from tests.utxo_stack import LtcRegtest, ltc_regtest  # noqa: F401
from wallet.services.airgap import qr_parts
from wallet.ui.errors import error_text
from wallet.ui.i18n import Translations
from wallet.ui.pages.utxo_page import UtxoPage
from wallet.ui.tasks import TaskRunner
from wallet.ui.utxo.psbt_dialog import PSBT_MAGIC, pasted_psbt, psbt_text_of_file
from wallet.ui.utxo.psbt_sign_dialog import PsbtSignDialog
from wallet.utxo import spend
from wallet.utxo.account import LITECOIN, LITECOIN_REGTEST_PARAMS, Bip84Account, account_from_root
from wallet.utxo.psbt_review import (
    NothingToSignError,
    PsbtOtherNetworkError,
    PsbtRefusedError,
    PsbtWithoutPreviousTransactionError,
    UnreadablePsbtError,
    review_psbt,
    sign_psbt,
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
        qtbot: QtBot, page: UtxoPage, online: Wallet, ltc_regtest: LtcRegtest, tmp_path: Path,  # noqa: F811
        qapp: QApplication) -> None:
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
    for scope in PSBT.from_string(unsigned).inputs:  # each input's whole previous transaction, as the node has it
        txid = scope.txid.hex()
        block = ltc_regtest.rpc("getblockhash", state.snapshot.heights[txid])
        assert scope.non_witness_utxo.serialize().hex() == ltc_regtest.rpc("getrawtransaction", txid, False, block)

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

    if has_cjk_font():  # the signed dialog, retranslated, still fits
        translations = Translations(qapp)
        translations.apply("zh_CN")
        try:
            qtbot.waitUntil(lambda: offline.tabs.tabText(0) == "账户", timeout=WAIT_MS)
            qtbot.wait(50)  # the dialog grows once every widget has its new words
            assert not clipped(dialog), [str(c) for c in clipped(dialog)]
        finally:
            translations.apply("en")


def _without_previous_transactions(text: str, witness_utxos: bool = True) -> str:
    """The PSBT as a wallet giving only witness UTXOs writes it (or, without ``witness_utxos``, no
    amounts at all)."""
    psbt = PSBT.from_string(text)
    for scope in psbt.inputs:
        scope.non_witness_utxo = None
        if not witness_utxos:
            scope.witness_utxo = None
    return str(psbt.to_string())


def _understated(text: str) -> str:
    """The PSBT with its first input's witness UTXO stating less than its previous transaction pays."""
    psbt = PSBT.from_string(text)
    psbt.inputs[0].witness_utxo.value -= 1_000_000
    return str(psbt.to_string())


def _other_network(phrase: str) -> str:
    """A real PSBT of the same recovery phrase's Litecoin mainnet account (m/84'/2'/0'), with the
    master key's origin: embit's signer would sign it with that key."""
    root = bip32.HDKey.from_seed(bip39.mnemonic_to_seed(phrase))
    mainnet = account_from_root(root, LITECOIN)
    previous = _previous(mainnet.script(RECEIVE, 0), 1_000_000)
    plan = spend.SendPlan((_coin(previous, RECEIVE, 0),), ((mainnet.script(RECEIVE, 1), 900_000),), None, 100_000,
                          110, previous=(previous.serialize(),))
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
            (_without_previous_transactions(unsigned), PsbtWithoutPreviousTransactionError,
             "Input 1 of this PSBT comes without its previous transaction, so the amount it states cannot be "
             "checked, nor the fee. Nothing was signed"),
            (_without_previous_transactions(unsigned, witness_utxos=False), PsbtWithoutPreviousTransactionError,
             "Input 1 of this PSBT comes without its previous transaction"),
            (_understated(unsigned), PsbtRefusedError,
             "This PSBT is not signed: an input's amount differs from the amount in its previous transaction"),
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

        # A PSBT that is the account's, while the wallet is locked: reviewed, and signing says to unlock.
        offline.hot.lock()
        tasks = TaskRunner()
        dialog = PsbtSignDialog(hot, offline.service, tasks)
        qtbot.addWidget(dialog)
        dialog.psbt_edit.setPlainText(unsigned)
        dialog.show_review()
        assert dialog.review is not None and dialog.sign_button.isEnabled()
        dialog.sign()
        qtbot.waitUntil(lambda: not dialog.signing, timeout=WAIT_MS)
        assert dialog.status.text() == "The wallet is locked. Unlock it to sign."
        assert not dialog.signed_psbt and not dialog.qr.parts and dialog.sign_button.isEnabled()
        tasks.close(10_000)
    finally:
        for made in (offline, stranger):
            made.service.close()
            made.hot.lock()


class _NoTasks:
    """A refused PSBT never reaches signing: any task submitted is a failure of the test."""

    def submit(self, *_: object) -> None:
        raise AssertionError("nothing may be signed")


# --- the review's rules on PSBTs built here (no chain needed) ------------------------------------
def _keys(seed: int) -> tuple[bip32.HDKey, Bip84Account]:
    root = bip32.HDKey.from_seed(bytes([seed]) * 32, version=NETWORKS["regtest"]["xprv"])
    return root, account_from_root(root, LITECOIN_REGTEST_PARAMS)


def _previous(script: bytes, value: int, nonce: int = 0) -> EmbitTransaction:
    """A transaction paying ``value`` to ``script`` (the coin a PSBT's input spends)."""
    return EmbitTransaction(vin=[TransactionInput(bytes([nonce + 1]) * 32, 0)],
                            vout=[TransactionOutput(value, Script(script))])


def _coin(previous: EmbitTransaction, chain: int, index: int) -> Utxo:
    output = previous.vout[0]
    return Utxo(previous.txid().hex(), 0, int(output.value), 1, chain, index, bytes(output.script_pubkey.data))


def _plan(spent: Sequence[tuple[EmbitTransaction, int, int]], outputs: Sequence[tuple[bytes, int]],
          change_index: int | None, fee: int, vsize: int) -> spend.SendPlan:
    """A plan spending output 0 of each ``(previous transaction, chain, index)``."""
    return spend.SendPlan(tuple(_coin(p, chain, index) for p, chain, index in spent), tuple(outputs), change_index,
                          fee, vsize, previous=tuple(p.serialize() for p, _, _ in spent))


def test_only_the_accounts_own_inputs_are_signed_and_claims_are_checked_against_the_keys() -> None:
    root, account = _keys(1)
    _, stranger = _keys(2)
    ours = _previous(account.script(RECEIVE, 3), 700_000)
    theirs = _previous(stranger.script(RECEIVE, 0), 500_000, nonce=1)
    payee = stranger.script(RECEIVE, 5)
    # to_psbt names this account's origin for every input and for the change output: the stranger's
    # coin and the "change" that pays the stranger claim to be ours, and are not.
    plan = _plan([(ours, RECEIVE, 3), (theirs, RECEIVE, 0)],
                 [(payee, 1_000_000), (stranger.script(CHANGE, 0), 150_000)], 0, 50_000, 200)
    text = spend.export_psbt(account, plan)
    review = review_psbt(account, text)
    assert review.own_inputs == ((0, RECEIVE, 3),) and review.foreign_inputs == (1,)
    assert review.fee == 50_000 and review.vsize is None and review.replaceable
    assert [o.own_chain for o in review.outputs] == [None, None]  # the lying change is not change
    assert review.paid_out == 1_150_000 and review.leaving_account == 700_000
    signed = PSBT.from_string(sign_psbt(account, text, root))
    public = ec.PublicKey.parse(account.public_key(RECEIVE, 3))
    assert list(signed.inputs[0].partial_sigs) == [public] and not signed.inputs[1].partial_sigs
    signature = signed.inputs[0].partial_sigs[public]
    assert signature[-1] == SIGHASH.ALL
    assert public.verify(ec.Signature.parse(signature[:-1]), signed.sighash(0, sighash=SIGHASH.ALL))

    # Real change: the account's change key at the claimed path.
    plan = _plan([(ours, RECEIVE, 3)], [(payee, 400_000), (account.script(CHANGE, 7), 290_000)], 7, 10_000, 141)
    review = review_psbt(account, spend.export_psbt(account, plan))
    assert [o.is_change for o in review.outputs] == [False, True] and review.leaving_account == 410_000
    assert review.outputs[1].address == account.address(CHANGE, 7) and review.vsize == 141


def test_an_inputs_previous_transaction_gives_its_amount_once_it_is_the_one_spent() -> None:
    root, account = _keys(3)
    ours = _previous(account.script(CHANGE, 0), 800_000)
    plan = _plan([(ours, CHANGE, 0)], [(account.script(RECEIVE, 9), 790_000)], None, 10_000, 110)
    psbt = spend.to_psbt(account, plan)
    assert psbt.inputs[0].non_witness_utxo.serialize() == ours.serialize()
    psbt.outputs[0].bip32_derivations[ec.PublicKey.parse(account.public_key(RECEIVE, 9))] = DerivationPath(
        *account.derivation(RECEIVE, 9))  # a payment to the account's own receive address
    psbt.inputs[0].witness_utxo = None  # the previous transaction alone is enough
    review = review_psbt(account, psbt.serialize())  # a binary .psbt file's bytes
    assert review_psbt(account, psbt.serialize().hex()).fee == review_psbt(account, psbt.to_string()).fee == 10_000
    assert review.fee == 10_000 and review.outputs[0].own_chain == RECEIVE and review.leaving_account == 10_000
    psbt.inputs[0].non_witness_utxo = _previous(account.script(CHANGE, 0), 8_000_000, nonce=5)
    with pytest.raises(PsbtRefusedError, match="not the one that input spends"):
        sign_psbt(account, psbt.to_string(), root)
    psbt.inputs[0].non_witness_utxo = ours
    psbt.inputs[0].witness_utxo = TransactionOutput(80_000, Script(account.script(CHANGE, 0)))  # a lie
    with pytest.raises(PsbtRefusedError, match="amount differs"):
        review_psbt(account, psbt.to_string())


def test_a_signature_others_could_reuse_for_another_payment_is_refused() -> None:
    root, account = _keys(4)
    ours = _previous(account.script(RECEIVE, 0), 300_000)
    plan = _plan([(ours, RECEIVE, 0)], [(account.script(RECEIVE, 1), 290_000)], None, 10_000, 110)
    psbt = spend.to_psbt(account, plan)
    psbt.inputs[0].sighash_type = SIGHASH.NONE | SIGHASH.ANYONECANPAY
    with pytest.raises(PsbtRefusedError, match="sighash"):
        sign_psbt(account, psbt.to_string(), root)
    psbt.inputs[0].sighash_type = None
    psbt.outputs[0].value = 400_000  # pays more than the input holds
    with pytest.raises(PsbtRefusedError, match="pay more than its inputs hold"):
        review_psbt(account, psbt.to_string())


def test_the_segwit_fee_attack_finds_nothing_to_lie_with() -> None:
    """Two coins of 0.01 each pay 0.005 and 0.005 back as change: the real fee is 0.01. A compromised
    online computer shows the signer a fee of 0.0001 twice, understating a different coin each time;
    BIP-143 signs each input's own amount only, so a signer believing witness UTXOs gives it one valid
    signature per session, and both together are the transaction with the huge fee. Ours wants every
    input's previous transaction, which cannot understate anything, and signs neither session."""
    root, account = _keys(5)
    _, stranger = _keys(6)
    first = _previous(account.script(RECEIVE, 0), 1_000_000)
    second = _previous(account.script(RECEIVE, 1), 1_000_000, nonce=1)
    plan = _plan([(first, RECEIVE, 0), (second, RECEIVE, 1)],
                 [(stranger.script(RECEIVE, 0), 500_000), (account.script(CHANGE, 0), 500_000)], 0, 1_000_000, 208)
    honest = spend.to_psbt(account, plan)
    assert review_psbt(account, honest.to_string()).fee == 1_000_000  # what the signer shows, as it is

    sessions = []
    for lied in (1, 0):  # by hand, as a witness-UTXO-only wallet writes a PSBT, one amount understated
        psbt = PSBT.parse(honest.serialize())
        for scope in psbt.inputs:
            scope.non_witness_utxo = None
        psbt.inputs[lied].witness_utxo.value = 10_000
        assert psbt.fee() == 10_000  # the fee a witness-UTXO signer would show
        sessions.append(psbt)
    # The premise: a plain signer's signature of each session's true input is valid for the real amounts.
    for number, psbt in enumerate(sessions):
        signed = PSBT.parse(psbt.serialize())
        assert signed.sign_with(root) == 2
        public = ec.PublicKey.parse(account.public_key(RECEIVE, number))
        signature = signed.inputs[number].partial_sigs[public]
        assert public.verify(ec.Signature.parse(signature[:-1]), honest.sighash(number, sighash=SIGHASH.ALL))

    for psbt in sessions:
        with pytest.raises(PsbtWithoutPreviousTransactionError, match="Input 1 of this PSBT comes without"):
            sign_psbt(account, psbt.to_string(), root)
        # The real previous transactions given back: the understated witness UTXO is caught.
        for scope, previous in zip(psbt.inputs, (first, second), strict=True):
            scope.non_witness_utxo = previous
        with pytest.raises(PsbtRefusedError, match="amount differs from the amount in its previous transaction"):
            sign_psbt(account, psbt.to_string(), root)
    # A made-up previous transaction that pays the understated amount does not hash to the txid spent.
    forged = PSBT.parse(honest.serialize())
    forged.inputs[1].non_witness_utxo = _previous(account.script(RECEIVE, 1), 10_000, nonce=1)
    forged.inputs[1].witness_utxo.value = 10_000
    with pytest.raises(PsbtRefusedError, match="not the one that input spends"):
        sign_psbt(account, forged.to_string(), root)
