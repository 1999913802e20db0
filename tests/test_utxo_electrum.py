"""The Electrum client and its verification against a real litecoind + ElectrumX, and against servers
that lie (a proxy in front of the real one that alters answers) or misbehave on the wire."""

from __future__ import annotations

import hashlib
import json
import ssl
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.utxo_stack import HostileElectrum, LtcRegtest, LyingProxy, Refusal, Rewrite, ltc_regtest  # noqa: F401
from wallet.utxo.electrum_client import (
    CertificatePins,
    ElectrumClient,
    ElectrumConnection,
    ElectrumServer,
)
from wallet.utxo.errors import (
    AllServersFailedError,
    CertificateChangedError,
    ElectrumProtocolError,
    ElectrumRemoteError,
    ElectrumReplyTooLargeError,
    ElectrumSilentError,
    ElectrumTimeoutError,
    ElectrumUnreachableError,
    InvalidHeaderError,
    InvalidProofError,
    ServerCaughtLyingError,
    WrongNetworkError,
)
from wallet.utxo.networks import BITCOIN_REGTEST, LITECOIN_REGTEST
from wallet.utxo.verified import VerifiedElectrum, scripthash

LITOSHI = Decimal(10**8)


def tcp(address: tuple[str, int]) -> ElectrumServer:
    return ElectrumServer(address[0], address[1], tls=False)


@pytest.fixture
def funded(ltc_regtest: LtcRegtest) -> dict[str, Any]:  # noqa: F811
    """A fresh address of the node's wallet paid 1.25 LTC in a mined transaction (the server synced)."""
    address = ltc_regtest.rpc("getnewaddress", wallet="miner")
    script = bytes.fromhex(ltc_regtest.rpc("getaddressinfo", address, wallet="miner")["scriptPubKey"])
    txid = ltc_regtest.rpc("sendtoaddress", address, "1.25", wallet="miner")
    ltc_regtest.mine(1)
    height = ltc_regtest.wait_electrum_synced()
    return {"address": address, "script": script, "txid": txid, "height": height, "value": 125_000_000}


@pytest.fixture
def proxies(ltc_regtest: LtcRegtest) -> Iterator[Any]:  # noqa: F811
    made: list[LyingProxy] = []

    def make(rewrite: Rewrite) -> LyingProxy:
        made.append(LyingProxy(ltc_regtest.electrum_tcp, rewrite))
        return made[-1]

    yield make
    for proxy in made:
        proxy.close()


# --- the real server ---------------------------------------------------------------------------------

def test_handshake_and_batch_on_the_real_server(ltc_regtest: LtcRegtest) -> None:  # noqa: F811
    connection = ElectrumConnection(tcp(ltc_regtest.electrum_tcp))
    try:
        assert connection.request("server.ping", []) is None
        assert connection.server_software is not None and connection.server_software.startswith("ElectrumX")
        before = connection.exchanges
        headers = connection.request_batch([("blockchain.block.header", [h]) for h in range(20)])
        assert connection.exchanges == before + 1  # twenty requests, one write, one exchange
        for height, raw in enumerate(headers):
            assert hashlib.sha256(hashlib.sha256(bytes.fromhex(raw)).digest()).digest()[::-1].hex() \
                == ltc_regtest.rpc("getblockhash", height)
        # A JSON-RPC error is the server's answer to that call, returned in its place.
        mixed = connection.request_batch([("blockchain.transaction.get", ["00" * 32]), ("server.ping", [])])
        assert isinstance(mixed[0], ElectrumRemoteError) and mixed[1] is None
        with pytest.raises(ElectrumRemoteError):
            connection.request("blockchain.transaction.get", ["00" * 32])
        assert connection.request("server.ping", []) is None  # the connection survives a refusal
    finally:
        connection.close()


def test_headers_are_verified_from_genesis_and_follow_new_blocks(ltc_regtest: LtcRegtest) -> None:  # noqa: F811
    verified = VerifiedElectrum(ElectrumClient(LITECOIN_REGTEST, [tcp(ltc_regtest.electrum_tcp)]))
    tip = verified.sync_headers()
    assert tip == ltc_regtest.height()
    for height in (0, 1, tip // 2, tip):
        assert verified.chain.header(height).hash_hex == ltc_regtest.rpc("getblockhash", height)  # type: ignore[union-attr]
    ltc_regtest.mine(3)
    ltc_regtest.wait_electrum_synced()
    assert verified.sync_headers() == tip + 3 == ltc_regtest.height()
    assert verified.chain.header(tip + 3).hash_hex == ltc_regtest.rpc("getbestblockhash")  # type: ignore[union-attr]
    verified.client.close()


def test_headers_follow_a_reorganisation(ltc_regtest: LtcRegtest) -> None:  # noqa: F811
    verified = VerifiedElectrum(ElectrumClient(LITECOIN_REGTEST, [tcp(ltc_regtest.electrum_tcp)]))
    tip = verified.sync_headers()
    old_tip_hash = verified.chain.header(tip).hash_hex  # type: ignore[union-attr]
    ltc_regtest.rpc("invalidateblock", ltc_regtest.rpc("getblockhash", tip - 1))
    # A branch from tip - 2 with more work (tip - 1 … tip + 2), paid elsewhere so that its blocks
    # differ from the invalidated ones even when mined within the same second.
    ltc_regtest.mine(4, ltc_regtest.rpc("getnewaddress", wallet="miner"))
    ltc_regtest.wait_electrum_synced()
    assert verified.sync_headers() == tip + 2
    assert verified.chain.header(tip).hash_hex != old_tip_hash  # type: ignore[union-attr]
    assert verified.chain.header(tip + 2).hash_hex == ltc_regtest.rpc("getbestblockhash")  # type: ignore[union-attr]
    verified.client.close()


def test_a_real_transaction_history_and_balance_are_proven(ltc_regtest: LtcRegtest,  # noqa: F811
                                                           funded: dict[str, Any]) -> None:
    verified = VerifiedElectrum(ElectrumClient(LITECOIN_REGTEST, [tcp(ltc_regtest.electrum_tcp)]))
    (transaction,) = verified.prove([(funded["txid"], funded["height"])])
    assert transaction.txid == funded["txid"]
    assert any(o.script == funded["script"] and o.value == funded["value"] for o in transaction.outputs)
    history = verified.history(funded["script"])
    assert [(e.txid, e.height, e.proven) for e in history] == [(funded["txid"], funded["height"], True)]
    balance = verified.balance(funded["script"])
    assert (balance.confirmed, balance.unconfirmed) == (funded["value"], 0)
    assert balance.coins[0].txid == funded["txid"]
    assert int(Decimal(str(ltc_regtest.rpc("getreceivedbyaddress", funded["address"], wallet="miner"))) * LITOSHI) \
        == balance.confirmed
    # Not yet mined: listed, not proven.
    mempool_txid = ltc_regtest.rpc("sendtoaddress", funded["address"], "0.5", wallet="miner")
    ltc_regtest.wait_electrum_synced()
    for _ in range(50):
        entries = verified.history(funded["script"])
        if len(entries) == 2:
            break
        time.sleep(0.1)
    assert {(e.txid, e.proven) for e in entries} == {(funded["txid"], True), (mempool_txid, False)}
    assert verified.balance(funded["script"]).unconfirmed == 50_000_000
    ltc_regtest.mine(1)
    verified.client.close()


def test_tls_certificate_is_pinned_on_first_use(ltc_regtest: LtcRegtest, tmp_path: Path) -> None:  # noqa: F811
    server = ElectrumServer(*ltc_regtest.electrum_tls, tls=True)
    pins = CertificatePins(tmp_path / "electrum-certificates.json")
    connection = ElectrumConnection(server, pins)
    assert connection.request("server.ping", []) is None
    connection.close()
    expected = hashlib.sha256(ssl.PEM_cert_to_DER_cert(ltc_regtest.certificate.read_text())).hexdigest()
    assert pins.pinned(server.label) == expected
    assert CertificatePins(tmp_path / "electrum-certificates.json").pinned(server.label) == expected  # saved
    (tmp_path / "other.json").write_text(json.dumps({"version": 1, "pins": {server.label: "ab" * 32}}))
    other = ElectrumConnection(server, CertificatePins(tmp_path / "other.json"))
    with pytest.raises(CertificateChangedError) as caught:
        other.request("server.ping", [])
    assert caught.value.params["fingerprint"] == expected
    forgiving = CertificatePins(tmp_path / "other.json")
    forgiving.forget(server.label)
    assert ElectrumConnection(server, forgiving).request("server.ping", []) is None
    assert forgiving.pinned(server.label) == expected


def test_a_server_of_another_network_is_refused(ltc_regtest: LtcRegtest) -> None:  # noqa: F811
    client = ElectrumClient(BITCOIN_REGTEST, [tcp(ltc_regtest.electrum_tcp)])
    with pytest.raises(AllServersFailedError) as caught:
        client.request("server.ping")
    assert isinstance(caught.value.params["last"], WrongNetworkError)
    assert ltc_regtest.electrum_tcp[0] + ":" + str(ltc_regtest.electrum_tcp[1]) in client.distrusted


# --- lying servers -----------------------------------------------------------------------------------

def _honest_after_liar(ltc_regtest: LtcRegtest, proxy: LyingProxy) -> VerifiedElectrum:  # noqa: F811
    return VerifiedElectrum(ElectrumClient(LITECOIN_REGTEST, [tcp(proxy.address), tcp(ltc_regtest.electrum_tcp)]))


def _assert_caught(verified: VerifiedElectrum, proxy: LyingProxy, kind: type[Exception]) -> None:
    label = f"{proxy.address[0]}:{proxy.address[1]}"
    reason = verified.client.distrusted[label]
    assert isinstance(reason, ServerCaughtLyingError)
    assert isinstance(reason.params["reason"], kind)
    assert proxy.rewritten > 0


def test_made_up_transaction_in_history_is_caught(ltc_regtest: LtcRegtest, funded: dict[str, Any],  # noqa: F811
                                                  proxies: Any) -> None:
    made_up = "ab" * 32

    def rewrite(method: str, params: list[Any], result: Any) -> Any:
        if method == "blockchain.scripthash.get_history":
            return [*result, {"tx_hash": made_up, "height": funded["height"]}]
        return result

    proxy = proxies(rewrite)
    verified = _honest_after_liar(ltc_regtest, proxy)
    history = verified.history(funded["script"])  # answered by the honest server
    assert made_up not in {e.txid for e in history} and funded["txid"] in {e.txid for e in history}
    _assert_caught(verified, proxy, InvalidProofError)
    alone = VerifiedElectrum(ElectrumClient(LITECOIN_REGTEST, [tcp(proxy.address)]))
    with pytest.raises(AllServersFailedError) as caught:
        alone.history(funded["script"])
    assert isinstance(caught.value.params["last"], ServerCaughtLyingError)


def test_wrong_merkle_branch_is_caught(ltc_regtest: LtcRegtest, funded: dict[str, Any],  # noqa: F811
                                       proxies: Any) -> None:
    def rewrite(method: str, params: list[Any], result: Any) -> Any:
        if method == "blockchain.transaction.get_merkle" and result["merkle"]:
            return {**result, "merkle": ["cd" * 32, *result["merkle"][1:]]}
        return result

    proxy = proxies(rewrite)
    verified = _honest_after_liar(ltc_regtest, proxy)
    (transaction,) = verified.prove([(funded["txid"], funded["height"])])
    assert transaction.txid == funded["txid"]
    _assert_caught(verified, proxy, InvalidProofError)


def test_made_up_transaction_bytes_are_caught(ltc_regtest: LtcRegtest, funded: dict[str, Any],  # noqa: F811
                                              proxies: Any) -> None:
    def rewrite(method: str, params: list[Any], result: Any) -> Any:
        if method == "blockchain.transaction.get":  # another input: the bytes no longer hash to the id
            raw = bytearray(bytes.fromhex(result))
            raw[20] ^= 1  # in the first input's outpoint (after version, segwit marker and count)
            return raw.hex()
        return result

    proxy = proxies(rewrite)
    verified = _honest_after_liar(ltc_regtest, proxy)
    assert verified.balance(funded["script"]).confirmed == funded["value"]
    _assert_caught(verified, proxy, InvalidProofError)


def test_wrong_balance_is_caught(ltc_regtest: LtcRegtest, funded: dict[str, Any],  # noqa: F811
                                 proxies: Any) -> None:
    def rewrite(method: str, params: list[Any], result: Any) -> Any:
        if method == "blockchain.scripthash.listunspent":
            return [{**coin, "value": coin["value"] * 100} for coin in result]
        if method == "blockchain.scripthash.get_balance":
            return {**result, "confirmed": result["confirmed"] * 100}
        return result

    proxy = proxies(rewrite)
    verified = _honest_after_liar(ltc_regtest, proxy)
    assert verified.balance(funded["script"]).confirmed == funded["value"]
    _assert_caught(verified, proxy, InvalidProofError)


def test_a_coin_paying_someone_else_is_caught(ltc_regtest: LtcRegtest, funded: dict[str, Any],  # noqa: F811
                                              proxies: Any) -> None:
    """A real, proven transaction offered as the address's coin, at an output that is not its."""
    def rewrite(method: str, params: list[Any], result: Any) -> Any:
        if method == "blockchain.scripthash.listunspent":
            return [{**coin, "tx_pos": 1 - coin["tx_pos"]} for coin in result]
        return result

    proxy = proxies(rewrite)
    verified = _honest_after_liar(ltc_regtest, proxy)
    assert verified.balance(funded["script"]).confirmed == funded["value"]
    _assert_caught(verified, proxy, InvalidProofError)


def test_a_header_that_does_not_chain_is_caught(ltc_regtest: LtcRegtest, proxies: Any) -> None:  # noqa: F811
    def rewrite(method: str, params: list[Any], result: Any) -> Any:
        if method == "blockchain.block.headers" and result["count"] > 10:
            raw = bytearray(bytes.fromhex(result["hex"]))
            raw[80 * 10 + 4] ^= 1  # the eleventh header's link to the tenth
            return {**result, "hex": raw.hex()}
        return result

    proxy = proxies(rewrite)
    verified = _honest_after_liar(ltc_regtest, proxy)
    assert verified.sync_headers() == ltc_regtest.height()
    _assert_caught(verified, proxy, InvalidHeaderError)
    assert verified.chain.header(10).hash_hex == ltc_regtest.rpc("getblockhash", 10)  # type: ignore[union-attr]


def test_a_tip_that_is_not_the_served_chain_is_caught(ltc_regtest: LtcRegtest, proxies: Any) -> None:  # noqa: F811
    def rewrite(method: str, params: list[Any], result: Any) -> Any:
        if method == "blockchain.headers.subscribe":
            raw = bytearray(bytes.fromhex(result["hex"]))
            raw[76] ^= 1
            return {**result, "hex": raw.hex()}
        return result

    proxy = proxies(rewrite)
    verified = _honest_after_liar(ltc_regtest, proxy)
    assert verified.sync_headers() == ltc_regtest.height()
    _assert_caught(verified, proxy, InvalidHeaderError)


@pytest.mark.parametrize("answer", ["nonsense", Refusal("database busy")])
def test_malformed_or_refused_reads_fail_over_without_accusing(ltc_regtest: LtcRegtest,  # noqa: F811
                                                               funded: dict[str, Any], proxies: Any,
                                                               answer: Any) -> None:
    def rewrite(method: str, params: list[Any], result: Any) -> Any:
        return answer if method == "blockchain.scripthash.listunspent" else result

    proxy = proxies(rewrite)
    verified = _honest_after_liar(ltc_regtest, proxy)
    assert verified.balance(funded["script"]).confirmed == funded["value"]
    label = f"{proxy.address[0]}:{proxy.address[1]}"
    assert label not in verified.client.distrusted
    assert isinstance(verified.client.failing_servers()[label], ElectrumProtocolError)


# --- servers that misbehave on the wire --------------------------------------------------------------

@pytest.mark.parametrize(("behaviour", "error"), [
    ("silent", ElectrumSilentError),
    ("drip", ElectrumTimeoutError),
    ("huge", ElectrumReplyTooLargeError),
    ("wrong-id", ElectrumProtocolError),
    ("garbage", ElectrumProtocolError),
    ("close", ElectrumUnreachableError),
])
def test_hostile_wire_behaviour_is_a_typed_error(behaviour: str, error: type[Exception]) -> None:
    hostile = HostileElectrum(behaviour)
    try:
        connection = ElectrumConnection(tcp(hostile.address), timeout_s=2.0, first_byte_timeout_s=1.0,
                                        max_line_bytes=1024 * 1024)
        with pytest.raises(error) as caught:
            connection.request("server.ping", [])
        if behaviour == "drip":
            assert not isinstance(caught.value, ElectrumSilentError)  # it did answer, too slowly
    finally:
        hostile.close()


def test_an_unreachable_server_fails_over_to_the_next(ltc_regtest: LtcRegtest) -> None:  # noqa: F811
    hostile = HostileElectrum("silent")
    try:
        client = ElectrumClient(LITECOIN_REGTEST, [tcp(hostile.address), tcp(ltc_regtest.electrum_tcp)],
                                timeout_s=2.0, first_byte_timeout_s=1.0)
        assert client.request("blockchain.headers.subscribe")["height"] == ltc_regtest.height()
        assert isinstance(client.failing_servers()[f"{hostile.address[0]}:{hostile.address[1]}"],
                          ElectrumSilentError)
        assert not client.distrusted  # silent is a failure, not a lie
        client.close()
    finally:
        hostile.close()


def test_scripthash_matches_the_protocol_definition() -> None:
    # The Electrum protocol documentation's example: P2PKH of 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa.
    script = bytes.fromhex("76a91462e907b15cbf27d5425399ebf6f0fb50ebb88f1888ac")
    assert scripthash(script) == "8b01df4e368ea28f8dc0423bcf7a4923e3a12d307c875e47a0cfbf90b5c39161"


def test_server_addresses_are_parsed_strictly() -> None:
    assert ElectrumServer.parse("ssl://electrum.example.org:50002") == ElectrumServer("electrum.example.org", 50002,
                                                                                      tls=True)
    assert ElectrumServer.parse("tcp://127.0.0.1:50001") == ElectrumServer("127.0.0.1", 50001, False)
    assert ElectrumServer.parse("tcp://[::1]:50001").host == "::1"
    for bad in ("electrum.example.org:50002", "http://h:1", "ssl://h:0", "ssl://h:70000", "ssl://:1", "ssl://h h:1",
                "ssl://h:x"):
        with pytest.raises(ValueError):
            ElectrumServer.parse(bad)


def test_pins_live_in_the_data_directory_and_survive_damage(wallet_home: Path) -> None:
    from wallet.utxo.electrum_client import default_certificate_pins

    pins = default_certificate_pins()
    pins.check("h:1", "ab" * 32)
    assert pins.path is not None and pins.path.parent == wallet_home / "data"
    assert oct(pins.path.stat().st_mode & 0o777) == "0o600"
    assert default_certificate_pins().pinned("h:1") == "ab" * 32
    with pytest.raises(CertificateChangedError):
        default_certificate_pins().check("h:1", "cd" * 32)
    pins.path.write_text("[" * 10_000)  # a damaged file is no crash; pinning starts over
    assert default_certificate_pins().pinned("h:1") is None


def test_a_wallet_key_receives_proves_spends_and_broadcasts(ltc_regtest: LtcRegtest) -> None:  # noqa: F811
    """A BIP-84 key of ours (wallet.keys.derivation) is paid by the node; its coin is proven through
    Electrum, spent in a transaction signed with embit, checked with the node's testmempoolaccept
    and broadcast through Electrum, which must report the id we computed."""
    import secrets

    from embit import ec
    from embit import script as scripts
    from embit.networks import NETWORKS
    from embit.transaction import Transaction, TransactionInput, TransactionOutput, Witness

    from wallet.keys.derivation import HdKeychain
    from wallet.utxo.transactions import read_transaction

    key = ec.PrivateKey(HdKeychain(secrets.token_bytes(64)).private_key("m/84'/1'/0'/0/0"))
    public = key.get_public_key()
    ours = scripts.p2wpkh(public)
    address = ours.address(network={**NETWORKS["regtest"], "bech32": "rltc"})
    assert address.startswith("rltc1q")
    ltc_regtest.rpc("sendtoaddress", address, "2.0", wallet="miner")
    ltc_regtest.mine(1)
    ltc_regtest.wait_electrum_synced()
    verified = VerifiedElectrum(ElectrumClient(LITECOIN_REGTEST, [tcp(ltc_regtest.electrum_tcp)]))
    (coin,) = verified.balance(ours.data).coins
    assert coin.value == 200_000_000

    payee = bytes.fromhex(ltc_regtest.rpc("getaddressinfo", ltc_regtest.rpc("getnewaddress", wallet="miner"),
                                          wallet="miner")["scriptPubKey"])
    fee = 20_000
    spend = Transaction(vin=[TransactionInput(bytes.fromhex(coin.txid), coin.index)],
                        vout=[TransactionOutput(150_000_000, scripts.Script(payee)),
                              TransactionOutput(coin.value - 150_000_000 - fee, ours)])
    signature = key.sign(spend.sighash_segwit(0, scripts.p2pkh(public), coin.value))
    spend.vin[0].witness = Witness([signature.serialize() + b"\x01", public.sec()])
    raw = spend.serialize()

    forged = bytearray(raw)
    forged[-40] ^= 1  # inside the signature
    (verdict,) = ltc_regtest.rpc("testmempoolaccept", [bytes(forged).hex()])
    assert verdict["allowed"] is False and verdict["reject-reason"]
    with pytest.raises(ElectrumRemoteError, match="script-verify") as caught:  # the node's reason, believed
        verified.broadcast(bytes(forged))
    assert caught.value.params["method"] == "blockchain.transaction.broadcast"
    assert not verified.client.distrusted and not verified.client.failing_servers()

    (verdict,) = ltc_regtest.rpc("testmempoolaccept", [raw.hex()])
    assert verdict["allowed"] is True, verdict
    txid = verified.broadcast(raw)
    assert txid == read_transaction(raw).txid == ltc_regtest.rpc("decoderawtransaction", raw.hex())["txid"]
    assert txid in ltc_regtest.rpc("getrawmempool")
    ltc_regtest.mine(1)
    ltc_regtest.wait_electrum_synced()
    assert verified.balance(ours.data).confirmed == coin.value - 150_000_000 - fee
    assert [e.txid for e in verified.history(ours.data)] == [coin.txid, txid]
    verified.client.close()


def test_headers_from_a_checkpoint(ltc_regtest: LtcRegtest, funded: dict[str, Any]) -> None:  # noqa: F811
    from wallet.utxo.errors import BeforeCheckpointError
    from wallet.utxo.headers import HeaderChain

    checkpoint = (50, bytes.fromhex(ltc_regtest.rpc("getblockheader", ltc_regtest.rpc("getblockhash", 50), False)))
    verified = VerifiedElectrum(ElectrumClient(LITECOIN_REGTEST, [tcp(ltc_regtest.electrum_tcp)]),
                                HeaderChain(LITECOIN_REGTEST, checkpoint))
    assert verified.sync_headers() == ltc_regtest.height()
    assert verified.chain.header(49) is None
    assert verified.prove([(funded["txid"], funded["height"])])[0].txid == funded["txid"]
    early = ltc_regtest.rpc("getblock", ltc_regtest.rpc("getblockhash", 20))["tx"][0]
    with pytest.raises(BeforeCheckpointError):
        verified.prove([(early, 20)])
    assert not verified.client.distrusted  # not the server's fault
    verified.client.close()


def test_a_transaction_placed_in_another_block_is_caught(ltc_regtest: LtcRegtest,  # noqa: F811
                                                         funded: dict[str, Any], proxies: Any) -> None:
    def rewrite(method: str, params: list[Any], result: Any) -> Any:
        if method == "blockchain.scripthash.get_history":
            return [{**entry, "height": entry["height"] - 1} for entry in result]
        return result

    proxy = proxies(rewrite)
    verified = _honest_after_liar(ltc_regtest, proxy)
    assert [(e.txid, e.height) for e in verified.history(funded["script"])] == [(funded["txid"], funded["height"])]
    _assert_caught(verified, proxy, InvalidProofError)



def test_a_server_on_a_branch_with_no_more_work_is_not_followed_nor_accused(ltc_regtest: LtcRegtest,  # noqa: F811
                                                                            proxies: Any) -> None:
    """ElectrumX does not switch to a rival block at its own height, so the proxy plays a server that
    did: true headers (regtest proof of work), on a branch with no more work than ours."""
    from tests.utxo_stack import mine_regtest_header
    from wallet.utxo.errors import WeakerBranchError

    verified = VerifiedElectrum(ElectrumClient(LITECOIN_REGTEST, [tcp(ltc_regtest.electrum_tcp)]))
    tip = verified.sync_headers()
    ours = verified.chain.header(tip)
    rival = mine_regtest_header(verified.chain.header(tip - 1), 7)  # type: ignore[arg-type]

    def rewrite(method: str, params: list[Any], result: Any) -> Any:
        if method == "blockchain.headers.subscribe":
            return {"height": tip, "hex": rival.hex()}
        if method == "blockchain.block.headers" and params == [tip, 1]:
            return {**result, "hex": rival.hex(), "count": 1}
        return result

    proxy = proxies(rewrite)
    stale = VerifiedElectrum(ElectrumClient(LITECOIN_REGTEST, [tcp(proxy.address)]), verified.chain)
    with pytest.raises(AllServersFailedError) as caught:
        stale.sync_headers()
    last = caught.value.params["last"]
    assert isinstance(last, ElectrumProtocolError) and isinstance(last.params["reason"], WeakerBranchError)
    assert not stale.client.distrusted
    assert verified.chain.header(tip) == ours
    verified.client.close()
