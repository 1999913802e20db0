"""BIP-32/44/84 derivation: the official vectors, and Ethereum addresses equal to eth_account's."""

from __future__ import annotations

import pytest
from bip_utils import Bip84, Bip84Coins
from eth_account import Account

from wallet.chains.address import eth_address_from_public_key
from wallet.keys.derivation import BtcNetwork, HdKeychain
from wallet.keys.mnemonic import generate_mnemonic, mnemonic_to_seed, validate_mnemonic
from wallet.keys.paths import EthPathLayout, path_from_indices, path_indices

ABOUT = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"
Account.enable_unaudited_hdwallet_features()


def test_bip32_vector_1() -> None:
    chain = HdKeychain(bytes.fromhex("000102030405060708090a0b0c0d0e0f"))
    assert chain.extended_public_key("m") == (
        "xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet8")
    assert chain.extended_public_key("m/0'") == (
        "xpub68Gmy5EdvgibQVfPdqkBBCHxA5htiqg55crXYuXoQRKfDBFA1WEjWgP6LHhwBZeNK1VTsfTFUHCdrfp1bgwQ9xv5ski8PX9rL2dZXvgGDnw")
    assert chain.extended_public_key("m/0'/1") == (
        "xpub6ASuArnXKPbfEwhqN6e3mwBcDTgzisQN1wXN9BJcM47sSikHjJf3UFHKkNAWbWMiGj7Wf5uMash7SyYq527Hqck2AxYysAA7xmALppuCkwQ")
    assert chain.private_key("m/0'").hex() == "edb2e14f9ee77d26dd93b4ecede8d16ed408ce149b6cd80b0715a2d911a0afea"


def test_bip84_vectors() -> None:
    chain = HdKeychain(mnemonic_to_seed(validate_mnemonic(ABOUT)))
    assert chain.bip84_account_public_key(BtcNetwork.MAINNET) == (
        "zpub6rFR7y4Q2AijBEqTUquhVz398htDFrtymD9xYYfG1m4wAcvPhXNfE3EfH1r1ADqtfSdVCToUG868RvUUkgDKf31mGDtKsAYz2oz2AGutZYs")
    # The spec gives the account zprv; its public half must be our zpub.
    account_zprv = ("zprvAdG4iTXWBoARxkkzNpNh8r6Qag3irQB8PzEMkAFeTRXxHpbF9z4QgEvBRmfvqWvGp42t42nvgGpNgYSJA9iefm1yYNZ"
                    "KEm7z6qUWCroSQnE")
    assert chain.public_key("m/84'/0'/0'/0/0").hex() == (
        "0330d54fd0dd420a6e5f8d3624f5f3482cae350f79d5f0753bf5beef9c2d91af3c")
    spec_account = Bip84.FromExtendedKey(account_zprv, Bip84Coins.BITCOIN)
    assert bytes(spec_account.PrivateKey().Raw().ToBytes()) == chain.private_key("m/84'/0'/0'")
    assert chain.bip84_address(BtcNetwork.MAINNET, 0) == "bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu"
    assert chain.bip84_address(BtcNetwork.MAINNET, 1) == "bc1qnjg0jd8228aq7egyzacy8cys3knf9xvrerkf9g"
    assert chain.bip84_address(BtcNetwork.MAINNET, 0, change=True) == "bc1q8c6fshw2dlwun7ekn9qwf37cu2rn755upcp6el"


def test_bip84_test_networks_use_their_coin_type_and_prefixes() -> None:
    chain = HdKeychain(mnemonic_to_seed(validate_mnemonic(ABOUT)))
    assert chain.bip84_account_public_key(BtcNetwork.TESTNET).startswith("vpub")
    assert chain.bip84_address(BtcNetwork.TESTNET, 0).startswith("tb1q")
    assert chain.bip84_address(BtcNetwork.REGTEST, 0).startswith("bcrt1q")
    # Same key (coin type 1) on testnet and regtest: only the human-readable part differs.
    assert chain.bip84_address(BtcNetwork.TESTNET, 0)[3:-6] == chain.bip84_address(BtcNetwork.REGTEST, 0)[5:-6]


@pytest.mark.parametrize("layout", list(EthPathLayout))
@pytest.mark.parametrize("passphrase", ["", "correct horse"])
def test_eth_addresses_equal_eth_account_for_20_indices(layout: EthPathLayout, passphrase: str) -> None:
    phrase = generate_mnemonic(12)
    chain = HdKeychain(mnemonic_to_seed(phrase, passphrase))
    derived = chain.eth_addresses(layout, 0, 20)
    for index, (path, address) in enumerate(derived):
        assert path == layout.path(index)
        expected = Account.from_mnemonic(phrase.phrase, passphrase=passphrase, account_path=path)
        assert address == expected.address == chain.eth_address(path)
        assert chain.private_key(path) == bytes(expected.key)


def test_layout_paths() -> None:
    assert EthPathLayout.BIP44.path(3) == "m/44'/60'/0'/0/3"
    assert EthPathLayout.LEDGER_LIVE.path(3) == "m/44'/60'/3'/0/0"
    with pytest.raises(ValueError, match="out of range"):
        EthPathLayout.BIP44.path(-1)


def test_path_indices_round_trip_and_reject_out_of_range_components() -> None:
    assert path_indices("m/44'/60'/0'/0/7") == [0x8000002C, 0x8000003C, 0x80000000, 0, 7]
    assert path_from_indices(path_indices("m/44'/60'/5'/0/0")) == "m/44'/60'/5'/0/0"
    with pytest.raises(ValueError, match="out of range"):
        path_indices("m/2147483648'")
    with pytest.raises(ValueError, match="out of range"):
        path_indices("m/44'/2147483648")  # would silently read as hardened 0
    with pytest.raises(ValueError, match="not a BIP-32 path"):
        path_indices("m/44h/60")


def test_address_from_public_key_accepts_both_encodings() -> None:
    chain = HdKeychain(mnemonic_to_seed(validate_mnemonic(ABOUT)))
    compressed = chain.public_key("m/44'/60'/0'/0/0")
    assert eth_address_from_public_key(compressed) == "0x9858EfFD232B4033E47d90003D41EC34EcaEda94"
