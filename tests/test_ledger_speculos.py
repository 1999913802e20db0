"""Speculos serves one client at a time: an operation that left its connection open would make the
next one wait for a device that never answers. Every operation here opens the emulator again."""

from __future__ import annotations

from pathlib import Path

import pytest
from eth_account import Account

from tests.emulators import speculos
from wallet.hw.discovery import SPECULOS_ENV, list_devices
from wallet.hw.virtual import VirtualHidBackend
from wallet.hw.virtual.ledger import VirtualLedger
from wallet.keys.mnemonic import generate_mnemonic, mnemonic_to_seed
from wallet.keys.paths import EthPathLayout
from wallet.services.cold_accounts import add_hardware_account, device_accounts
from wallet.services.signers import SignerRouter, closing_signer
from wallet.store.accounts import AccountStore
from wallet.store.db import connect

PHRASE = generate_mnemonic(12)
PATH = EthPathLayout.BIP44.path(0)
Account.enable_unaudited_hdwallet_features()
ADDRESS = Account.from_mnemonic(PHRASE.phrase, account_path=PATH).address
TX = {"to": Account.create().address, "value": 9, "gas": 21_000, "chainId": 1, "maxFeePerGas": 10**9,
      "maxPriorityFeePerGas": 1, "type": 2}


def test_successive_operations_each_reach_speculos(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    other = VirtualLedger(mnemonic_to_seed(generate_mnemonic(12)), serial="OTHER")  # on USB, other keys
    with speculos(VirtualLedger(mnemonic_to_seed(PHRASE))) as endpoint:
        monkeypatch.setenv(SPECULOS_ENV, endpoint)
        (entry,) = [e for e in list_devices(VirtualHidBackend()) if e.label.startswith("Speculos")]
        assert device_accounts(entry.open, EthPathLayout.BIP44, 0, 2)[0] == (PATH, ADDRESS)  # Devices page
        account = add_hardware_account(AccountStore(connect(tmp_path / "w.sqlite3")), "Speculos", PATH, ADDRESS,
                                       "ledger")
        router = SignerRouter(lambda: None, VirtualHidBackend(other), user_timeout_s=5)  # type: ignore[arg-type,return-value]
        for nonce in range(3):  # Send, then again: each finds the emulator free
            signer, path = router.signer_for(account)
            with closing_signer(signer):
                signed = signer.sign_transaction(path, {**TX, "nonce": nonce})
            assert Account.recover_transaction(signed.raw) == ADDRESS
    assert other.open_handles == 0  # the USB device that was not the account's was closed each time
