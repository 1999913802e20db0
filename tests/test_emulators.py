"""The same drivers against emulator transports: Speculos's APDU socket and the Trezor UDP emulator,
chosen by environment variables, as Ledger Live and Trezor Suite developers use them."""

from __future__ import annotations

import pytest
from eth_account import Account

from tests.emulators import speculos, trezor_udp_emulator
from wallet.hw.discovery import SPECULOS_ENV, TREZOR_EMULATOR_ENV, device_signers, parse_endpoint
from wallet.hw.errors import DeviceNotFoundError
from wallet.hw.ledger_signer import LedgerSigner
from wallet.hw.trezor_prompts import TrezorPrompts
from wallet.hw.trezor_signer import TrezorSigner
from wallet.hw.virtual import VirtualHidBackend
from wallet.hw.virtual.ledger import VirtualLedger
from wallet.hw.virtual.trezor import VirtualTrezor
from wallet.keys.mnemonic import generate_mnemonic, mnemonic_to_seed
from wallet.keys.paths import EthPathLayout
from wallet.services.cold_accounts import add_hardware_account
from wallet.services.signers import SignerRouter
from wallet.store.accounts import AccountStore
from wallet.store.db import connect

PHRASE = generate_mnemonic(12)
PATH = EthPathLayout.BIP44.path(1)
Account.enable_unaudited_hdwallet_features()
ADDRESS = Account.from_mnemonic(PHRASE.phrase, account_path=PATH).address
TX = {"nonce": 4, "to": Account.create().address, "value": 9, "gas": 21_000, "chainId": 888,
      "maxFeePerGas": 10**9, "maxPriorityFeePerGas": 1, "type": 2, "data": bytes(700)}


def test_speculos_socket(monkeypatch: pytest.MonkeyPatch) -> None:
    with speculos(VirtualLedger(mnemonic_to_seed(PHRASE))) as endpoint:
        monkeypatch.setenv(SPECULOS_ENV, endpoint)
        (signer,) = list(device_signers(VirtualHidBackend()))
        assert isinstance(signer, LedgerSigner)
        assert signer.address(PATH) == ADDRESS
        assert Account.recover_transaction(signer.sign_transaction(PATH, TX).raw) == ADDRESS


def test_trezor_udp_emulator(monkeypatch: pytest.MonkeyPatch) -> None:
    with trezor_udp_emulator(VirtualTrezor(mnemonic_to_seed(PHRASE))) as endpoint:
        monkeypatch.setenv(TREZOR_EMULATOR_ENV, endpoint)
        (signer,) = list(device_signers(VirtualHidBackend()))
        assert isinstance(signer, TrezorSigner)
        assert Account.recover_transaction(signer.sign_transaction(PATH, TX).raw) == ADDRESS


def test_each_connection_through_discovery_resumes_the_emulators_session(monkeypatch: pytest.MonkeyPatch) -> None:
    device = VirtualTrezor(mnemonic_to_seed(PHRASE), serial="VTREZOR-UDP", passphrase_mnemonic=PHRASE.phrase)
    hidden = Account.from_mnemonic(PHRASE.phrase, passphrase="tr0ub4dor", account_path=PATH).address
    asked: list[str] = []

    def passphrase() -> str:
        asked.append("tr0ub4dor")
        return asked[-1]

    with trezor_udp_emulator(device) as endpoint:
        monkeypatch.setenv(TREZOR_EMULATOR_ENV, endpoint)
        for _ in range(3):  # the app connects anew for each operation
            (signer,) = list(device_signers(VirtualHidBackend(), TrezorPrompts(passphrase=passphrase)))
            assert Account.recover_transaction(signer.sign_transaction(PATH, TX).raw) == hidden
    assert len(asked) == device.passphrases_asked == 1


def test_router_reaches_an_account_on_an_emulator(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    store = AccountStore(connect(tmp_path / "w.sqlite3"))  # type: ignore[operator]
    account = add_hardware_account(store, "Emulated", PATH, ADDRESS, "trezor")
    router = SignerRouter(lambda: None, VirtualHidBackend())  # type: ignore[arg-type,return-value]
    monkeypatch.setenv(TREZOR_EMULATOR_ENV, "127.0.0.1:9")  # configured, nothing listening
    with pytest.raises(DeviceNotFoundError):
        router.signer_for(account)
    with trezor_udp_emulator(VirtualTrezor(mnemonic_to_seed(PHRASE))) as endpoint:
        monkeypatch.setenv(TREZOR_EMULATOR_ENV, endpoint)
        signer, path = router.signer_for(account)
        assert signer.address(path) == ADDRESS


def test_endpoint_parsing() -> None:
    assert parse_endpoint("127.0.0.1:21324") == ("127.0.0.1", 21324)
    for bad in ("21324", "host:", "host:99999", "host:port"):
        with pytest.raises(ValueError, match="host:port"):
            parse_endpoint(bad)
