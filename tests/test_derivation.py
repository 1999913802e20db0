"""BIP-32/44/84 derivation: the official vectors, Ethereum addresses equal to eth_account's, and the
hand-written public derivation (CKDpub) equal to bip-utils' and eth-account's on random keys and indices."""

from __future__ import annotations

import random

import pytest
from bip_utils import Bip32Secp256k1, Bip84, Bip84Coins
from coincurve import PublicKey
from eth_account import Account

from wallet.chains.address import eth_address_from_public_key
from wallet.keys.derivation import BtcNetwork, HdKeychain
from wallet.keys.mnemonic import generate_mnemonic, mnemonic_to_seed, validate_mnemonic
from wallet.keys.paths import HARDENED, EthPathLayout, path_from_indices, path_indices
from wallet.keys.public_derivation import SECP256K1_ORDER, PublicNode, add_tweak, eth_child_addresses

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


# --- public derivation (CKDpub), written by hand for speed: checked against bip-utils and eth-account ----


def test_public_derivation_equals_bip_utils_and_eth_account_on_random_keys_and_indices() -> None:
    rng = random.Random(32)
    for _ in range(25):
        master = Bip32Secp256k1.FromSeed(rng.randbytes(rng.choice([16, 32, 64])))
        parent_path = f"m/44'/60'/{rng.randrange(HARDENED)}'/{rng.randrange(HARDENED)}"
        parent = master.DerivePath(parent_path)
        node = PublicNode(bytes(parent.PublicKey().RawCompressed().ToBytes()), bytes(parent.ChainCode().ToBytes()))
        start = rng.choice([0, rng.randrange(HARDENED - 4)])
        listed = eth_child_addresses(node, start, 4)
        assert [index for index, _ in listed] == list(range(start, start + 4))
        for index, address in listed:
            # Private derivation by bip-utils, address by eth-account: neither shares code with ours.
            private_key = bytes(master.DerivePath(f"{parent_path}/{index}").PrivateKey().Raw().ToBytes())
            assert address == Account.from_key(private_key).address
        public_only = Bip32Secp256k1.FromExtendedKey(str(parent.PublicKey().ToExtended()))
        assert public_only.IsPublicOnly()
        assert [address for _, address in listed] == [
            eth_address_from_public_key(bytes(public_only.ChildKey(index).PublicKey().RawCompressed().ToBytes()))
            for index, _ in listed]


def test_a_long_listing_equals_bip_utils_public_derivation() -> None:
    chain = HdKeychain(mnemonic_to_seed(validate_mnemonic(ABOUT)))
    listed = chain.eth_addresses(EthPathLayout.BIP44, 0, 300)
    parent = Bip32Secp256k1.FromSeed(mnemonic_to_seed(validate_mnemonic(ABOUT))).DerivePath("m/44'/60'/0'/0")
    parent.ConvertToPublic()
    assert listed == [(f"m/44'/60'/0'/0/{i}", eth_address_from_public_key(
        bytes(parent.ChildKey(i).PublicKey().RawCompressed().ToBytes()))) for i in range(300)]
    assert listed[0][1] == "0x9858EfFD232B4033E47d90003D41EC34EcaEda94"  # the well-known "abandon … about" address


def test_listing_stops_at_the_last_non_hardened_index() -> None:
    node = PublicNode(PublicKey.from_secret(b"\x07" * 32).format(), bytes(32))
    assert [index for index, _ in eth_child_addresses(node, HARDENED - 2, 2)] == [HARDENED - 2, HARDENED - 1]
    with pytest.raises(ValueError, match="non-hardened"):
        eth_child_addresses(node, HARDENED - 2, 3)
    with pytest.raises(ValueError, match="non-hardened"):
        eth_child_addresses(node, -1, 1)
    with pytest.raises(ValueError, match="33-byte compressed key"):
        PublicNode(PublicKey.from_secret(b"\x07" * 32).format(compressed=False), bytes(32))


def test_tweaks_that_bip32_calls_invalid_give_no_child() -> None:
    # BIP-32 CKDpub: with IL = the HMAC's left half, the child is K_par + IL·G; it is invalid when
    # IL >= n or when that sum is the point at infinity, and the listing skips to the next index.
    secret = 0x3F1A2B3C4D5E6F708192A3B4C5D6E7F8091A2B3C4D5E6F708192A3B4C5D6E7F8
    parent = PublicKey.from_secret(secret.to_bytes(32, "big"))
    for too_large in (SECP256K1_ORDER, SECP256K1_ORDER + 1, 2**256 - 1):
        assert add_tweak(parent, too_large.to_bytes(32, "big")) is None
    assert add_tweak(parent, (SECP256K1_ORDER - secret).to_bytes(32, "big")) is None  # K_par + (−k)·G = ∞
    # Valid edges: a zero tweak (0·G is the identity) and the largest tweak below n.
    unchanged = add_tweak(parent, bytes(32))
    assert unchanged is not None and unchanged.format() == parent.format()
    below_n = add_tweak(parent, (SECP256K1_ORDER - 1).to_bytes(32, "big"))
    assert below_n is not None and below_n.format() == PublicKey.from_secret((secret - 1).to_bytes(32, "big")).format()
    rng = random.Random(7)
    for _ in range(50):
        tweak = rng.randrange(1, SECP256K1_ORDER)
        child = add_tweak(parent, tweak.to_bytes(32, "big"))
        assert child is not None
        assert child.format() == parent.add(tweak.to_bytes(32, "big")).format()  # libsecp256k1's own tweak-add
        expected = PublicKey.from_secret(((secret + tweak) % SECP256K1_ORDER).to_bytes(32, "big"))
        assert child.format() == expected.format()
