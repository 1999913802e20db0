"""BIP-84 accounts (wallet.utxo.account) against published vectors and bip-utils, and their sync
(wallet.utxo.sync) through a real litecoind + ElectrumX: gap-limit discovery, proven history and a
balance that matches the node's own view of the UTXO set."""

from __future__ import annotations

import secrets
import time
from decimal import Decimal
from typing import Any

import pytest
from bip_utils import Bip39SeedGenerator, Bip44Changes, Bip84, Bip84Coins
from embit import bip32
from embit.networks import NETWORKS

from tests.utxo_stack import LtcRegtest, ltc_regtest  # noqa: F401
from wallet.utxo.account import (
    BITCOIN,
    BITCOIN_REGTEST_PARAMS,
    CHANGE,
    LITECOIN,
    LITECOIN_REGTEST_PARAMS,
    RECEIVE,
    Bip84Account,
    InvalidAccountKeyError,
    WrongNetworkAddressError,
    account_from_root,
    address_script,
    payment_uri,
)
from wallet.utxo.electrum_client import ElectrumClient, ElectrumServer
from wallet.utxo.networks import LITECOIN_REGTEST
from wallet.utxo.sync import AccountSync, status_hash
from wallet.utxo.verified import VerifiedElectrum

ABANDON = "abandon " * 11 + "about"
LITOSHI = Decimal(10**8)


def test_bip84_published_vector() -> None:
    """BIP-84's test vector (mnemonic "abandon … about"): account zpub and the first addresses."""
    root = bip32.HDKey.from_seed(Bip39SeedGenerator(ABANDON).Generate())
    account = account_from_root(root, BITCOIN)
    assert account.extended_public_key == ("zpub6rFR7y4Q2AijBEqTUquhVz398htDFrtymD9xYYfG1m4wAcvPhXNfE3EfH1r1ADqtfSdVCT"
                                           "oUG868RvUUkgDKf31mGDtKsAYz2oz2AGutZYs")
    assert account.address(RECEIVE, 0) == "bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu"
    assert account.address(RECEIVE, 1) == "bc1qnjg0jd8228aq7egyzacy8cys3knf9xvrerkf9g"
    assert account.address(CHANGE, 0) == "bc1q8c6fshw2dlwun7ekn9qwf37cu2rn755upcp6el"
    assert account.origin.fingerprint == bytes.fromhex("73c5da0a")


@pytest.mark.parametrize(("coin", "params"), [(Bip84Coins.BITCOIN, BITCOIN), (Bip84Coins.LITECOIN, LITECOIN)])
def test_addresses_match_bip_utils(coin: Any, params: Any) -> None:
    seed = Bip39SeedGenerator(ABANDON).Generate()
    theirs = Bip84.FromSeed(seed, coin).Purpose().Coin().Account(0)
    account = Bip84Account(theirs.PublicKey().ToExtended(), params)
    assert account_from_root(bip32.HDKey.from_seed(seed), params).extended_public_key == account.extended_public_key
    for change, chain in ((Bip44Changes.CHAIN_EXT, RECEIVE), (Bip44Changes.CHAIN_INT, CHANGE)):
        for index in (0, 1, 19, 1000):
            expected = theirs.Change(change).AddressIndex(index).PublicKey().ToAddress()
            assert account.address(chain, index) == expected
            assert address_script(expected, params) == account.script(chain, index)
    assert account.address(RECEIVE, 0).startswith("ltc1q" if params is LITECOIN else "bc1q")


def test_the_keychains_bip84_key_is_the_accounts() -> None:
    """wallet.keys.derivation (bip-utils) and this module (embit) agree on a seed's regtest vpub."""
    from wallet.keys.derivation import BtcNetwork, HdKeychain

    seed = secrets.token_bytes(64)
    vpub = HdKeychain(seed).bip84_account_public_key(BtcNetwork.REGTEST)
    root = bip32.HDKey.from_seed(seed, version=NETWORKS["regtest"]["xprv"])
    assert account_from_root(root, BITCOIN_REGTEST_PARAMS).extended_public_key == vpub
    assert Bip84Account(vpub, BITCOIN_REGTEST_PARAMS).address(CHANGE, 7) == HdKeychain(seed).bip84_address(
        BtcNetwork.REGTEST, 7, change=True)


def test_payment_uris() -> None:
    root = bip32.HDKey.from_seed(Bip39SeedGenerator(ABANDON).Generate())
    address = account_from_root(root, LITECOIN).address(RECEIVE, 0)
    assert payment_uri(address, LITECOIN) == "litecoin:" + address.upper()
    assert payment_uri(address, LITECOIN, 150_000_000, "Tea & cake") == \
        f"litecoin:{address}?amount=1.5&label=Tea%20%26%20cake"
    assert payment_uri(address, LITECOIN, 1) == f"litecoin:{address}?amount=0.00000001"
    with pytest.raises(WrongNetworkAddressError):
        payment_uri(address, BITCOIN)


def test_keys_of_another_network_or_level_are_refused() -> None:
    root = bip32.HDKey.from_seed(Bip39SeedGenerator(ABANDON).Generate())
    zpub = account_from_root(root, BITCOIN).extended_public_key
    with pytest.raises(InvalidAccountKeyError, match="another network"):
        Bip84Account(zpub, LITECOIN_REGTEST_PARAMS)  # a zpub where a vpub belongs
    with pytest.raises(InvalidAccountKeyError, match="private key"):
        Bip84Account(root.derive("m/84h/0h/0h").to_base58(version=bytes.fromhex("04b2430c")), BITCOIN)
    with pytest.raises(InvalidAccountKeyError, match="depth 3"):
        Bip84Account(root.derive("m/84h/0h").to_public().to_base58(version=bytes.fromhex("04b24746")), BITCOIN)
    with pytest.raises(InvalidAccountKeyError, match="cannot be decoded"):
        Bip84Account(zpub[:-1] + ("a" if zpub[-1] != "a" else "b"), BITCOIN)


def test_addresses_of_another_network_are_refused() -> None:
    root = bip32.HDKey.from_seed(Bip39SeedGenerator(ABANDON).Generate())
    bitcoin = account_from_root(root, BITCOIN).address(RECEIVE, 0)
    with pytest.raises(WrongNetworkAddressError):
        address_script(bitcoin, LITECOIN)
    with pytest.raises(WrongNetworkAddressError):
        address_script(bitcoin[:-1] + ("q" if bitcoin[-1] != "q" else "p"), BITCOIN)  # checksum
    with pytest.raises(WrongNetworkAddressError):
        address_script("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", LITECOIN)  # a legacy Bitcoin address
    assert address_script(bitcoin.upper(), BITCOIN) == address_script(bitcoin, BITCOIN)


# --- sync against the regtest stack ----------------------------------------------------------------

def regtest_account() -> tuple[Any, Bip84Account]:
    root = bip32.HDKey.from_seed(secrets.token_bytes(64), version=NETWORKS["regtest"]["xprv"])
    return root, account_from_root(root, LITECOIN_REGTEST_PARAMS)


def verified_electrum(stack: LtcRegtest) -> VerifiedElectrum:
    server = ElectrumServer(stack.electrum_tcp[0], stack.electrum_tcp[1], tls=False)
    return VerifiedElectrum(ElectrumClient(LITECOIN_REGTEST, [server]))


def node_utxo_total(stack: LtcRegtest, addresses: list[str]) -> int:
    """The node's view: its UTXO set scanned for the addresses (confirmed coins only)."""
    found = stack.rpc("scantxoutset", "start", [f"addr({a})" for a in addresses])
    return int(Decimal(str(found["total_amount"])) * LITOSHI)


def pay(stack: LtcRegtest, amounts: dict[str, str]) -> str:
    return str(stack.rpc("sendmany", "", amounts, wallet="miner"))


def test_discovery_past_a_gap_proven_history_and_the_nodes_balance(ltc_regtest: LtcRegtest) -> None:  # noqa: F811
    _, account = regtest_account()
    receive = {i: account.address(RECEIVE, i) for i in (0, 19, 39, 60)}
    pay(ltc_regtest, {receive[0]: "1.5", receive[19]: "0.25"})
    pay(ltc_regtest, {receive[39]: "0.125", account.address(CHANGE, 3): "0.5"})
    pay(ltc_regtest, {receive[60]: "7"})  # 21 past index 39: beyond the gap limit, not found
    ltc_regtest.mine(1)
    pending = pay(ltc_regtest, {receive[19]: "0.01"})
    ltc_regtest.wait_electrum_synced()
    verified = verified_electrum(ltc_regtest)
    snapshot = AccountSync(verified, account).sync()

    used = {(a.chain, a.index) for a in snapshot.addresses if a.used}
    assert used == {(RECEIVE, 0), (RECEIVE, 19), (RECEIVE, 39), (CHANGE, 3)}
    assert max(a.index for a in snapshot.addresses if a.chain == RECEIVE) == 39 + 20
    assert max(a.index for a in snapshot.addresses if a.chain == CHANGE) == 3 + 20
    assert snapshot.first_unused(RECEIVE) == 1 and snapshot.first_unused(CHANGE) == 0
    discovered = [account.address(a.chain, a.index) for a in snapshot.addresses]
    assert snapshot.confirmed == node_utxo_total(ltc_regtest, discovered) == 237_500_000
    assert snapshot.unconfirmed == 1_000_000
    assert sum(u.value for u in snapshot.utxos) == snapshot.confirmed + snapshot.unconfirmed
    assert [(h.height > 0, h.received, h.sent, h.fee) for h in snapshot.history][-1] == (False, 1_000_000, 0, None)
    assert snapshot.history[-1].txid == pending
    assert sorted(h.received for h in snapshot.history[:2]) == [62_500_000, 175_000_000]
    # The subscription status of each address is its history's.
    statuses = verified.client.request_batch([("blockchain.scripthash.subscribe", [scripthash_of(a.script)])
                                              for a in snapshot.addresses])
    assert statuses == [status_hash(a.entries) for a in snapshot.addresses]
    assert sum(s is not None for s in statuses) == 4
    assert AccountSync(verified, account).statuses(snapshot) == []
    pay(ltc_regtest, {receive[0]: "0.02"})
    for _ in range(100):  # the server polls the node's mempool every 0.2 s
        changed = AccountSync(verified, account).statuses(snapshot)
        if changed:
            break
        time.sleep(0.1)
    assert [(a.chain, a.index) for a in changed] == [(RECEIVE, 0)]
    verified.client.close()


def scripthash_of(script: bytes) -> str:
    from wallet.utxo.verified import scripthash

    return scripthash(script)


def test_batched_sync_takes_fewer_round_trips_and_agrees(ltc_regtest: LtcRegtest) -> None:  # noqa: F811
    """The same account synced both ways (a gap limit of 5 keeps the one-by-one side short: ElectrumX
    holds small replies back for up to a second each)."""
    _, account = regtest_account()
    pay(ltc_regtest, {account.address(RECEIVE, i): "0.01" for i in (0, 3, 6)})
    pay(ltc_regtest, {account.address(CHANGE, i): "0.02" for i in range(2)})
    ltc_regtest.mine(1)
    ltc_regtest.wait_electrum_synced()
    batched = AccountSync(verified_electrum(ltc_regtest), account, gap_limit=5).sync()
    single = AccountSync(verified_electrum(ltc_regtest), account, gap_limit=5, batched=False).sync()
    assert (batched.confirmed, batched.utxos, batched.history) == (single.confirmed, single.utxos, single.history)
    assert batched.confirmed == 3 * 1_000_000 + 2 * 2_000_000
    # Discovery: 3 rounds (indices 0-4 on both chains; receive 5-8 and change 5-6; receive 9-11,
    # the 5 after the last used, 6); proofs: 2 transactions in one array. One request per item:
    # one round trip per address and two per transaction.
    addresses = len(batched.addresses)
    assert addresses == 12 + 7
    assert single.round_trips - batched.round_trips == (addresses + 2 * 2) - (3 + 1)


def test_a_server_that_slips_a_foreign_transaction_into_the_history_is_dropped(
        ltc_regtest: LtcRegtest) -> None:  # noqa: F811
    """A real, proven transaction that neither pays nor spends the account, listed in an address's
    history: the lying server is dropped and the honest one's answer is used."""
    from tests.utxo_stack import LyingProxy
    from wallet.utxo.errors import InvalidProofError, ServerCaughtLyingError
    from wallet.utxo.verified import scripthash

    _, account = regtest_account()
    pay(ltc_regtest, {account.address(RECEIVE, 2): "0.3"})
    foreign = pay(ltc_regtest, {ltc_regtest.rpc("getnewaddress", wallet="miner"): "0.1"})
    ltc_regtest.mine(1)
    height = ltc_regtest.wait_electrum_synced()
    target = scripthash(account.script(RECEIVE, 2))

    def rewrite(method: str, params: list[Any], result: Any) -> Any:
        if method == "blockchain.scripthash.get_history" and params == [target]:
            return [*result, {"tx_hash": foreign, "height": height}]
        return result

    proxy = LyingProxy(ltc_regtest.electrum_tcp, rewrite)
    try:
        honest = ElectrumServer(ltc_regtest.electrum_tcp[0], ltc_regtest.electrum_tcp[1], tls=False)
        verified = VerifiedElectrum(ElectrumClient(LITECOIN_REGTEST, [
            ElectrumServer(proxy.address[0], proxy.address[1], tls=False), honest]))
        snapshot = AccountSync(verified, account).sync()
        assert foreign not in snapshot.heights and snapshot.confirmed == 30_000_000
        reason = verified.client.distrusted[f"{proxy.address[0]}:{proxy.address[1]}"]
        assert isinstance(reason, ServerCaughtLyingError)
        assert isinstance(reason.params["reason"], InvalidProofError)
        verified.client.close()
    finally:
        proxy.close()


def test_legacy_addresses_pay_the_scripts_the_node_gives_them(ltc_regtest: LtcRegtest) -> None:  # noqa: F811
    """Base58 addresses (exchanges still hand them out) map to the scripts Litecoin Core itself gives
    them: P2PKH, P2SH-wrapped SegWit ("Q…" on regtest), and the same under Bitcoin's P2SH byte."""
    from embit import base58

    for kind in ("legacy", "p2sh-segwit"):
        address = ltc_regtest.rpc("getnewaddress", "", kind, wallet="miner")
        expected = ltc_regtest.rpc("getaddressinfo", address, wallet="miner")["scriptPubKey"]
        assert address_script(address, LITECOIN_REGTEST_PARAMS).hex() == expected, kind
        payload = base58.decode_check(address)
        if kind == "p2sh-segwit":  # Bitcoin's P2SH byte names the same script on Litecoin
            old_style = base58.encode_check(bytes([0xC4]) + payload[1:])
            assert address_script(old_style, LITECOIN_REGTEST_PARAMS).hex() == expected
    # Mainnet: Bitcoin's genesis coinbase address, a P2SH one, and Litecoin's own bytes.
    assert address_script("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", BITCOIN).hex() == \
        "76a91462e907b15cbf27d5425399ebf6f0fb50ebb88f1888ac"
    assert address_script("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", BITCOIN).hex() == \
        "a914b472a266d0bd89c13706a4132ccfb16f7c3b9fcb87"
    ltc_p2pkh = base58.encode_check(bytes([0x30]) + bytes(20))
    assert address_script(ltc_p2pkh, LITECOIN).hex() == "76a914" + "00" * 20 + "88ac"
    for wrong, params in (("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", LITECOIN),  # a Bitcoin address on Litecoin
                          (ltc_p2pkh, BITCOIN), (ltc_p2pkh, LITECOIN_REGTEST_PARAMS),
                          ("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb", BITCOIN)):  # a typo: checksum
        with pytest.raises(WrongNetworkAddressError):
            address_script(wrong, params)
