"""The bundled UTXO chain registry (resources/utxo_chains.json) is complete and consistent with the
code that derives addresses (embit, wallet.utxo.account, bip-utils) and checks headers
(wallet.utxo.networks); malformed entries are refused naming the file, the chain and the field."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from bip_utils import Bip39SeedGenerator, Bip44Changes, Bip84, Bip84Coins
from embit import bech32, bip32, script  # type: ignore[import-untyped]
from embit.networks import NETWORKS  # type: ignore[import-untyped]

from wallet.chains.registry import RegistryError
from wallet.utxo import networks
from wallet.utxo.account import (
    BITCOIN,
    BITCOIN_REGTEST_PARAMS,
    LITECOIN,
    LITECOIN_REGTEST_PARAMS,
    RECEIVE,
    VPUB,
    ZPUB,
    Bip84Account,
    account_from_root,
    address_script,
)
from wallet.utxo.electrum_client import ElectrumServer
from wallet.utxo.registry import (
    BUNDLED_UTXO_REGISTRY,
    UtxoChain,
    load_utxo_registry,
    parse_utxo_chains,
    utxo_chain_to_json,
)

ABANDON = "abandon " * 11 + "about"
KEYS = ["bitcoin", "bitcoin-testnet", "bitcoin-regtest", "litecoin", "litecoin-testnet", "litecoin-regtest"]
# key: (hrp, coin type, kind, coin, zh_CN name)
EXPECTED = {
    "bitcoin": ("bc", 0, "mainnet", "BTC", "比特币"),
    "bitcoin-testnet": ("tb", 1, "testnet", "BTC", "比特币测试网 4"),
    "bitcoin-regtest": ("bcrt", 1, "regtest", "BTC", "比特币回归测试网"),
    "litecoin": ("ltc", 2, "mainnet", "LTC", "莱特币"),
    "litecoin-testnet": ("tltc", 1, "testnet", "LTC", "莱特币测试网"),
    "litecoin-regtest": ("rltc", 1, "regtest", "LTC", "莱特币回归测试网"),
}
ACCOUNT_PARAMS = {"bitcoin": BITCOIN, "bitcoin-regtest": BITCOIN_REGTEST_PARAMS, "litecoin": LITECOIN,
                  "litecoin-regtest": LITECOIN_REGTEST_PARAMS}
# Genesis blocks as Bitcoin Core and Litecoin Core print them (testnet4 of each).
TESTNET_GENESIS = {"bitcoin-testnet": "00000000da84f2bafbbc53dee25a72ae507ff4914b867c565be350b0da8bf043",
                   "litecoin-testnet": "4966625a4b2851d9fdee139e56211a0d88575f59ed816ff5e6a63deb4e3e29a0"}
BIP_UTILS_COINS = {"bitcoin": Bip84Coins.BITCOIN, "bitcoin-testnet": Bip84Coins.BITCOIN_TESTNET,
                   "litecoin": Bip84Coins.LITECOIN, "litecoin-testnet": Bip84Coins.LITECOIN_TESTNET}


def bundled_entries() -> list[dict[str, Any]]:
    return json.loads(BUNDLED_UTXO_REGISTRY.read_text(encoding="utf-8"))["chains"]  # type: ignore[no-any-return]


def test_bundled_registry_has_every_network_with_its_fields() -> None:
    registry = load_utxo_registry()
    assert [chain.key for chain in registry] == KEYS
    for key, (hrp, coin_type, kind, coin, zh_name) in EXPECTED.items():
        chain = registry.get(key)
        assert (chain.bech32_hrp, chain.bip84_coin_type, chain.kind, chain.coin) == (hrp, coin_type, kind, coin)
        assert chain.decimals == 8 and chain.testnet == (kind != "mainnet")
        assert chain.display_name("zh_CN") == zh_name and chain.display_name("en") == chain.name
        assert chain.uri_scheme == {"BTC": "bitcoin", "LTC": "litecoin"}[coin]
        assert chain.public_version == (ZPUB if kind == "mainnet" else VPUB)
        if kind == "regtest":
            assert chain.electrum_servers == () and chain.explorer_tx_url is None and chain.explorer_address_url is None
            continue
        assert len(chain.electrum_servers) >= (3 if kind == "mainnet" else 2)
        assert all(server.tls for server in chain.electrum_servers)
        assert len({server.host for server in chain.electrum_servers}) == len(chain.electrum_servers)
        assert chain.electrum_servers_source
        assert chain.explorer_tx_url and chain.explorer_address_url
    assert registry.get("bitcoin").electrum_servers[0] == ElectrumServer("electrum.blockstream.info", 50002, True)
    assert registry.get("bitcoin").symbol == "BTC" and registry.get("litecoin-testnet").symbol == "tLTC"
    with pytest.raises(KeyError, match="unknown UTXO chain 'dogecoin'"):
        registry.get("dogecoin")


def test_explorer_links() -> None:
    registry = load_utxo_registry()
    txid = "ab" * 32
    assert registry.get("bitcoin").tx_url(txid) == f"https://mempool.space/tx/{txid}"
    assert registry.get("bitcoin-testnet").tx_url(txid.upper()) == f"https://mempool.space/testnet4/tx/{txid}"
    assert registry.get("litecoin").address_url("ltc1qabc") == "https://litecoinspace.org/address/ltc1qabc"
    assert registry.get("litecoin-testnet").tx_url(txid) == f"https://litecoinspace.org/testnet/tx/{txid}"
    assert registry.get("bitcoin").tx_url("ab/../x") is None  # not a txid: no link built from it
    assert registry.get("bitcoin").address_url("bc1q?x=1") is None
    assert registry.get("litecoin-regtest").tx_url(txid) is None


def test_consensus_constants_by_genesis() -> None:
    registry = load_utxo_registry()
    assert registry.get("bitcoin").network is networks.BITCOIN_MAINNET
    assert registry.get("bitcoin-regtest").network is networks.BITCOIN_REGTEST
    assert registry.get("litecoin").network is networks.LITECOIN_MAINNET
    assert registry.get("litecoin-regtest").network is networks.LITECOIN_REGTEST
    for key, genesis in TESTNET_GENESIS.items():
        chain = registry.get(key)
        assert chain.genesis_hash == genesis
        assert chain.network is None or chain.network.genesis_hash == genesis
    for chain in registry:
        if chain.network is not None:
            assert chain.network.genesis_hash == chain.genesis_hash and chain.network.coin == chain.coin
            assert chain.network.no_retargeting == (chain.kind == "regtest")
    # Every network wallet.utxo.networks knows is in the registry.
    constants = [v for v in vars(networks).values() if isinstance(v, networks.UtxoNetwork)]
    assert len(constants) >= 4
    for network in constants:
        found = registry.by_genesis(network.genesis_hash)
        assert found is not None and found.network is network


def test_account_params_and_embit_agree() -> None:
    registry = load_utxo_registry()
    for key, params in ACCOUNT_PARAMS.items():
        assert registry.get(key).coin_params() == params
    testnets = {"bitcoin-testnet": networks.BITCOIN_TESTNET4, "litecoin-testnet": networks.LITECOIN_TESTNET}
    for key, network in testnets.items():
        params = registry.get(key).coin_params()
        assert params is not None and params.network is network and params.coin_type == 1
    for chain in registry:
        if chain.coin == "BTC":
            base = {"mainnet": "main", "testnet": "test", "regtest": "regtest"}[chain.kind]
            assert chain.bech32_hrp == NETWORKS[base]["bech32"] and chain.bip84_coin_type == NETWORKS[base]["bip32"]


@pytest.mark.parametrize("key", KEYS)
def test_derived_addresses_carry_the_chain_prefix(key: str) -> None:
    """An address derived for the chain (m/84'/coin'/0'/0/i from the BIP-39 "abandon … about" seed)
    starts with its bech32 prefix, decodes under it only, and matches bip-utils and account.py."""
    chain = load_utxo_registry().get(key)
    seed = Bip39SeedGenerator(ABANDON).Generate()
    root = bip32.HDKey.from_seed(seed)
    account_key = root.derive([84 + 2**31, chain.bip84_coin_type + 2**31, 2**31]).to_public()
    addresses = []
    for index in (0, 1, 7):
        public = account_key.child(RECEIVE).child(index).key
        address = str(script.p2wpkh(public).address(network=chain.embit_network))
        assert address.startswith(chain.bech32_hrp + "1q")
        assert bech32.decode(chain.bech32_hrp, address) == (0, list(script.p2wpkh(public).data[2:]))
        for other in load_utxo_registry():
            if other.key != key:
                assert not address.startswith(other.bech32_hrp + "1")  # no prefix is another's
        addresses.append(address)
    if key in BIP_UTILS_COINS:
        theirs = Bip84.FromSeed(seed, BIP_UTILS_COINS[key]).Purpose().Coin().Account(0).Change(
            Bip44Changes.CHAIN_EXT)
        assert addresses == [theirs.AddressIndex(i).PublicKey().ToAddress() for i in (0, 1, 7)]
    params = chain.coin_params()
    if params is not None:
        account = account_from_root(root, params)
        assert [account.address(RECEIVE, i) for i in (0, 1, 7)] == addresses
        assert Bip84Account(account.extended_public_key, params).address(RECEIVE, 0) == addresses[0]
        assert address_script(addresses[0], params) == account.script(RECEIVE, 0)
    if key == "bitcoin":
        assert addresses[0] == "bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu"  # BIP-84's published vector


def test_round_trip_through_json() -> None:
    chains = list(load_utxo_registry())
    assert parse_utxo_chains([utxo_chain_to_json(chain) for chain in chains]) == chains


def test_chains_are_frozen() -> None:
    chain: UtxoChain = load_utxo_registry().get("bitcoin")
    with pytest.raises(AttributeError):
        chain.bech32_hrp = "tb"  # type: ignore[misc]
    with pytest.raises(TypeError):
        chain.localized_names["zh_CN"] = "x"  # type: ignore[index]


def broken(mutate: Any) -> list[dict[str, Any]]:
    entries = copy.deepcopy(bundled_entries())
    mutate(entries)
    return entries


SERVER = "ssl://electrum.blockstream.info:50002"


@pytest.mark.parametrize(("mutate", "message"), [
    (lambda e: e[0].update(bech32_hrp="BC"), r"chain 'bitcoin': field 'bech32_hrp' must be lowercase letters"),
    (lambda e: e[0].update(bech32_hrp="b1"), r"chain 'bitcoin': field 'bech32_hrp' must be lowercase letters"),
    (lambda e: e[0].update(bech32_hrp="tb"), r"chain 'bitcoin': field 'bech32_hrp' must be 'bc' \(embit's"),
    (lambda e: e[3].update(bech32_hrp="lt"),
     r"chain 'litecoin': field 'bech32_hrp' must be 'ltc', as wallet.utxo.account derives Litecoin"),
    (lambda e: e[4].update(bech32_hrp="tlt"),
     r"chain 'litecoin-testnet': field 'bech32_hrp' must be 'tltc' \(bip-utils' LTC testnet\)"),
    (lambda e: e[5].update(bech32_hrp="tltc"), r"chain 'litecoin-regtest': field 'bech32_hrp' must be 'rltc'"),
    (lambda e: e[3].update(bip84_coin_type=0), r"chain 'litecoin': field 'bip84_coin_type' must be 2 \(SLIP-44\)"),
    (lambda e: e[4].update(bip84_coin_type=2),
     r"chain 'litecoin-testnet': field 'bip84_coin_type' must be 1 \(SLIP-44\)"),
    (lambda e: e[0].update(bip84_coin_type=-1), r"field 'bip84_coin_type' must be an integer from 0"),
    (lambda e: e[0].update(bip84_coin_type="0"), r"field 'bip84_coin_type' must be an integer"),
    (lambda e: e[0].update(electrum_servers=["tcp://electrum.blockstream.info:50001"]),
     r"chain 'bitcoin': field 'electrum_servers\[0\]' must use TLS"),
    (lambda e: e[0].update(electrum_servers=["ssl://electrum.blockstream.info:0"]),
     r"field 'electrum_servers\[0\]' not an Electrum server address"),
    (lambda e: e[0].update(electrum_servers=[SERVER, "ssl://electrum.blockstream.info:65536"]),
     r"field 'electrum_servers\[1\]' not an Electrum server address"),
    (lambda e: e[0].update(electrum_servers=["electrum.blockstream.info:50002"]),
     r"field 'electrum_servers\[0\]' not an Electrum server address"),
    (lambda e: e[0].update(electrum_servers=["ssl://bad_host.example.com:50002"]),
     r"field 'electrum_servers\[0\]' not an Electrum server address"),
    (lambda e: e[0].update(electrum_servers=["ssl://-bad.example.com:50002"]),
     r"field 'electrum_servers\[0\]' has an invalid host name"),
    (lambda e: e[0].update(electrum_servers=["ssl://localhost:50002"]),
     r"field 'electrum_servers\[0\]' has an invalid host name"),
    (lambda e: e[0].update(electrum_servers=["ssl://Electrum.Blockstream.info:50002"]),
     r"field 'electrum_servers\[0\]' has an invalid host name"),
    (lambda e: e[0].update(electrum_servers=["ssl://example.123:50002"]),
     r"field 'electrum_servers\[0\]' has an invalid host name"),
    (lambda e: e[0].update(electrum_servers=[SERVER, SERVER]), r"field 'electrum_servers\[1\]' repeats"),
    (lambda e: e[0].update(electrum_servers=[50002]), r"field 'electrum_servers\[0\]' must be an ssl://host:port"),
    (lambda e: e[0].update(electrum_servers=SERVER), r"chain 'bitcoin': field 'electrum_servers' must be a list"),
    (lambda e: e[3].update(electrum_servers=[]), r"chain 'litecoin': field 'electrum_servers' must list at least"),
    (lambda e: e[2].update(electrum_servers=[SERVER]),
     r"chain 'bitcoin-regtest': field 'electrum_servers' must be empty on regtest"),
    (lambda e: e[0].pop("electrum_servers_source"), r"field 'electrum_servers_source' must say where"),
    (lambda e: e[0].update(explorer_tx_url="http://mempool.space/tx/{txid}"),
     r"chain 'bitcoin': field 'explorer_tx_url' must be an https URL"),
    (lambda e: e[0].update(explorer_tx_url="https://mempool.space/tx/"), r"field 'explorer_tx_url' must hold \{txid\}"),
    (lambda e: e[0].update(explorer_tx_url="https://mempool.space/{address}/{txid}"),
     r"field 'explorer_tx_url' must hold \{txid\} once and no other"),
    (lambda e: e[3].update(explorer_address_url="https://bad_host/address/{address}"),
     r"chain 'litecoin': field 'explorer_address_url' must be an https URL"),
    (lambda e: e[0].pop("explorer_address_url"), r"field 'explorer_address_url' must be given with the other"),
    (lambda e: e[2].update(explorer_tx_url="https://mempool.space/tx/{txid}",
                           explorer_address_url="https://mempool.space/address/{address}"),
     r"chain 'bitcoin-regtest': field 'explorer_tx_url' must be absent on regtest"),
    (lambda e: e[0].update(genesis_hash=e[0]["genesis_hash"].upper()), r"field 'genesis_hash' must be 64 lowercase"),
    (lambda e: e[0].update(genesis_hash="00" * 31), r"field 'genesis_hash' must be 64 lowercase"),
    (lambda e: e[1].update(genesis_hash=e[0]["genesis_hash"]),  # testnet settings on mainnet's genesis
     r"chain 'bitcoin-testnet': field 'bech32_hrp' must be 'bc', as wallet.utxo.account derives Bitcoin"),
    (lambda e: e.append(copy.deepcopy(e[5]) | {"key": "ltc-regtest-2"}),
     r"UTXO chain 'ltc-regtest-2' has the genesis block of 'litecoin-regtest'"),
    (lambda e: e[0].update(coin="LTC", bip84_coin_type=2), r"chain 'bitcoin': field 'coin' must be BTC"),
    (lambda e: e[0].update(coin="DOGE"), r"chain 'bitcoin': field 'coin' must be one of BTC, LTC"),
    (lambda e: e[5].update(kind="testnet", electrum_servers=[SERVER], electrum_servers_source="x"),
     r"chain 'litecoin-regtest': field 'kind' does not match"),
    (lambda e: e[0].update(kind="signet"), r"chain 'bitcoin': field 'kind' must be 'mainnet', 'testnet'"),
    (lambda e: e[0].update(decimals=18), r"chain 'bitcoin': field 'decimals' must be an integer from 8 to 8"),
    (lambda e: e[0].update(symbol="B T C"), r"field 'symbol' must be 1 to 10 letters"),
    (lambda e: e[0].update(uri_scheme="litecoin"), r"field 'uri_scheme' must be 'bitcoin'"),
    (lambda e: e[0].update(localized_names={"zh-CN": "比特币"}), r"field 'localized_names' must map locale"),
    (lambda e: e[0].update(localized_names={"zh_CN": 5}), r"field 'localized_names' must map locale"),
    (lambda e: e[0].update(name=""), r"chain 'bitcoin': field 'name' must be a non-empty string"),
    (lambda e: e[0].pop("key"), r"chain '#0': field 'key' must be a non-empty string"),
    (lambda e: e[0].update(key="Bitcoin Main"), r"field 'key' must be lowercase"),
    (lambda e: e.append(copy.deepcopy(e[0])), r"UTXO chain 'bitcoin' is defined twice"),
    (lambda e: e.append("bitcoin"), r"chain '#6': must be a JSON object"),
])
def test_malformed_entries_are_refused_by_name(mutate: Any, message: str) -> None:
    with pytest.raises(RegistryError, match=r"^test-file: .*" + message if message.startswith("chain") else message):
        parse_utxo_chains(broken(mutate), source="test-file")


def test_unreadable_files_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(RegistryError, match="does not exist"):
        load_utxo_registry(tmp_path / "missing.json")
    (tmp_path / "bad.json").write_text("{not json")
    with pytest.raises(RegistryError, match="not readable JSON"):
        load_utxo_registry(tmp_path / "bad.json")
    (tmp_path / "deep.json").write_text("[" * 100 + "]" * 100)
    with pytest.raises(RegistryError, match="not readable JSON"):
        load_utxo_registry(tmp_path / "deep.json")
    (tmp_path / "list.json").write_text("[]")
    with pytest.raises(RegistryError, match="must be an object with a 'chains' list"):
        load_utxo_registry(tmp_path / "list.json")
    bad = broken(lambda e: e[3].update(bech32_hrp="LTC"))
    (tmp_path / "chains.json").write_text(json.dumps({"chains": bad}))
    with pytest.raises(RegistryError, match=r"chains\.json: chain 'litecoin': field 'bech32_hrp'"):
        load_utxo_registry(tmp_path / "chains.json")
