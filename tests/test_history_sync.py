"""History sync against the real devnet: incoming token and coin transfers found, stored once, resumed
from the stored position; a revert forgets what the chain no longer has; hostile nodes and explorer
APIs are refused with typed errors and change nothing."""

from __future__ import annotations

import dataclasses
import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from eth_account import Account as EthAccount
from web3 import Web3

from wallet.chains.registry import Chain, TokenInfo
from wallet.chains.rpc import AllEndpointsFailedError, ChainClient, RpcProtocolError
from wallet.devnet import Devnet
from wallet.devnet.artifacts import load_artifact
from wallet.errors import WalletError
from wallet.services.history_sync import (
    SOURCE_BLOCKS,
    SOURCE_EXPLORER,
    SOURCE_LOGS,
    TRANSFER_TOPIC,
    ExplorerError,
    ExplorerReplyError,
    HistorySyncCancelled,
    sync_history,
)
from wallet.services.network import genesis_hash
from wallet.store.db import connect
from wallet.store.transfers import COIN_TRANSFER, TransferStore


@pytest.fixture(autouse=True)
def explorer_passes_forgotten() -> Iterator[None]:
    """Each test's explorer is asked afresh (a chain's explorer is asked at most once a minute)."""
    from wallet.services import history_sync

    history_sync._explorer_passes.clear()
    yield
    history_sync._explorer_passes.clear()


@dataclasses.dataclass
class Desk:
    chain: Chain
    w3: Web3
    client: ChainClient
    store: TransferStore
    genesis: str
    ours: str
    friend: str


@pytest.fixture
def desk(chain_state: Devnet, tmp_path: Path) -> Desk:
    chain = chain_state.chains[0]
    w3 = Web3(Web3.HTTPProvider(chain.rpc_urls[0]))
    client = ChainClient(chain)
    return Desk(chain, w3, client, TransferStore(connect(tmp_path / "db.sqlite3")), genesis_hash(client),
                EthAccount.create().address, w3.eth.accounts[1])


def pay_coin(desk: Desk, wei: int) -> str:
    tx = desk.w3.eth.send_transaction({"from": desk.friend, "to": desk.ours, "value": wei})
    assert desk.w3.eth.wait_for_transaction_receipt(tx)["status"] == 1
    return "0x" + tx.hex().removeprefix("0x")


def pay_token(desk: Desk, token: TokenInfo, amount: int) -> str:
    contract = desk.w3.eth.contract(address=token.address, abi=load_artifact("DevToken").abi)  # type: ignore[arg-type]
    minted = contract.functions.mint(desk.friend, amount).transact({"from": desk.friend})
    desk.w3.eth.wait_for_transaction_receipt(minted)
    tx = contract.functions.transfer(desk.ours, amount).transact({"from": desk.friend})
    assert desk.w3.eth.wait_for_transaction_receipt(tx)["status"] == 1
    return "0x" + tx.hex().removeprefix("0x")


def sync(desk: Desk, **kwargs: Any) -> Any:
    return sync_history(desk.client, desk.store, desk.genesis, [desk.ours], desk.chain.tokens, **kwargs)


def test_incoming_token_and_coin_are_found_then_a_second_pass_reads_only_new_blocks(desk: Desk) -> None:
    dusd = desk.chain.tokens[0]
    coin_hash = pay_coin(desk, 15 * 10**17)
    token_hash = pay_token(desk, dusd, 12_500_000)
    head = desk.w3.eth.block_number

    result = sync(desk)
    assert result.head == head and result.new_transfers == 2 and result.coin_source == SOURCE_BLOCKS
    assert result.tokens_from == 0 and result.coin_from == 0
    token, coin = desk.store.for_chain(desk.chain.chain_id, desk.genesis)  # newest first
    assert (coin.tx_hash, coin.log_index, coin.sender, coin.recipient, coin.token, coin.amount) == (
        coin_hash, COIN_TRANSFER, desk.friend, desk.ours, None, 15 * 10**17)
    assert (token.tx_hash, token.sender, token.recipient, token.token, token.symbol, token.decimals, token.amount) == (
        token_hash, desk.friend, desk.ours, dusd.address, "DUSD", 6, 12_500_000)
    for found in (coin, token):
        assert found.timestamp == desk.w3.eth.get_block(found.block_number)["timestamp"]  # type: ignore[index]
    for source in (SOURCE_LOGS, SOURCE_BLOCKS):
        assert desk.store.next_block(desk.chain.chain_id, desk.genesis, desk.ours, source) == head + 1

    again = sync(desk)  # nothing new on the chain: nothing new stored, nothing twice
    assert again.new_transfers == 0 and len(desk.store.for_chain(desk.chain.chain_id, desk.genesis)) == 2

    later_hash = pay_coin(desk, 10**15)
    sent_before = desk.client.requests_sent
    third = sync(desk)
    assert third.new_transfers == 1 and third.head == head + 1
    # From the stored position (less the re-read margin): a handful of requests, not a rescan from 0.
    assert desk.client.requests_sent - sent_before <= 6
    stored = desk.store.for_chain(desk.chain.chain_id, desk.genesis)
    assert [t.tx_hash for t in stored] == [later_hash, token_hash, coin_hash]
    assert desk.store.next_block(desk.chain.chain_id, desk.genesis, desk.ours, SOURCE_BLOCKS) == head + 2


def test_an_unknown_token_is_kept_without_a_symbol_and_another_chain_identity_sees_nothing(desk: Desk) -> None:
    dusd = desk.chain.tokens[0]
    pay_token(desk, dusd, 3 * 10**5)
    sync_history(desk.client, desk.store, desk.genesis, [desk.ours], [])  # DUSD is not a tracked token here
    (found,) = desk.store.for_chain(desk.chain.chain_id, desk.genesis)
    assert (found.token, found.symbol, found.decimals, found.amount) == (dusd.address, None, None, 3 * 10**5)
    assert desk.store.for_chain(desk.chain.chain_id, "0x" + "11" * 32) == []  # an earlier playground's id


def test_a_reverted_chain_forgets_the_transfer_it_no_longer_has(desk: Desk) -> None:
    before = desk.w3.provider.make_request("evm_snapshot", [])["result"]  # type: ignore[arg-type]
    pay_coin(desk, 10**17)
    pay_token(desk, desk.chain.tokens[0], 5)
    assert sync(desk).new_transfers == 2
    assert desk.w3.provider.make_request("evm_revert", [before])["result"] is True  # type: ignore[arg-type]
    sync(desk)
    assert desk.store.for_chain(desk.chain.chain_id, desk.genesis) == []
    head = desk.w3.eth.block_number
    assert desk.store.next_block(desk.chain.chain_id, desk.genesis, desk.ours, SOURCE_LOGS) == head + 1


def test_a_cancelled_scan_keeps_what_it_read_and_the_next_one_finishes(desk: Desk) -> None:
    pay_coin(desk, 10**16)
    cancel = threading.Event()
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        cancel.set()  # after the first range

    with pytest.raises(HistorySyncCancelled):
        sync(desk, progress=progress, cancel=cancel)
    assert seen and seen[0][0] <= seen[0][1]
    stopped_at = desk.store.next_block(desk.chain.chain_id, desk.genesis, desk.ours, SOURCE_LOGS)
    assert stopped_at is not None and stopped_at > 0
    result = sync(desk)
    assert result.new_transfers == 1
    assert desk.store.next_block(desk.chain.chain_id, desk.genesis, desk.ours, SOURCE_BLOCKS) == result.head + 1


# --- hostile nodes --------------------------------------------------------------------------

@contextmanager
def scripted_node(answer: Callable[[str, list[Any]], Any], chain_id: int = 31337) -> Iterator[str]:
    """A loopback JSON-RPC node (single calls and batches) answering ``answer(method, params)``."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_POST(self) -> None:
            request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))

            def one(call: dict[str, Any]) -> dict[str, Any]:
                result = hex(chain_id) if call["method"] == "eth_chainId" else answer(call["method"], call["params"])
                return {"jsonrpc": "2.0", "id": call["id"], "result": result}

            body = json.dumps([one(c) for c in request] if isinstance(request, list) else one(request)).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


OURS = "0x" + "ab" * 20


def padded(address: str) -> str:
    return "0x" + "00" * 12 + address[2:].lower()


def a_log(**changes: Any) -> dict[str, Any]:
    log = {"address": "0x" + "cd" * 20, "topics": [TRANSFER_TOPIC, padded("0x" + "12" * 20), padded(OURS)],
           "data": "0x" + f"{7:064x}", "blockNumber": "0x5", "transactionHash": "0x" + "ee" * 32,
           "logIndex": "0x0", "removed": False}
    log.update(changes)
    return log


def node_with_logs(logs: list[Any]) -> Callable[[str, list[Any]], Any]:
    def answer(method: str, params: list[Any]) -> Any:
        if method == "eth_blockNumber":
            return "0x9"
        if method == "eth_getLogs":
            return logs if params[0]["topics"][2:] else []  # as received
        if method == "eth_getBlockByNumber":
            return {"number": params[0], "timestamp": "0x64", "transactions": []}
        raise AssertionError(method)
    return answer


def public_chain(url: str, **changes: Any) -> Chain:
    from wallet.chains.registry import NativeCurrency

    return Chain(key="hostile", chain_id=31337, name="Hostile", native=NativeCurrency("ETH", "Ether", 18),
                 rpc_urls=(url,), **changes)


@pytest.mark.parametrize("bad", [
    {"data": "0xzz"},  # not hex
    {"topics": [TRANSFER_TOPIC, "0x12", padded(OURS)]},  # a topic that is not 32 bytes
    {"topics": "not a list"},
    {"transactionHash": "0x" + "ee" * 31},
    {"blockNumber": "0x99"},  # outside the range asked for
    {"blockNumber": 5},  # not a quantity
    {"topics": [TRANSFER_TOPIC, padded("0x" + "12" * 20), padded("0x" + "34" * 20)]},  # not ours: not our filter
    {"topics": ["0x" + "00" * 32, padded("0x" + "12" * 20), padded(OURS)]},  # another event
    {"removed": True},
    # A "$" in a pattern also matches before a final newline: every field is matched whole.
    {"transactionHash": "0x" + "ee" * 32 + "\n"},
    {"address": "0x" + "cd" * 20 + "\n"},
    {"data": "0x" + f"{7:064x}" + "\n"},
    {"topics": [TRANSFER_TOPIC, padded("0x" + "12" * 20) + "\n", padded(OURS)]},
    {"blockNumber": "0x5\n"},
])
def test_a_malformed_log_is_the_nodes_failure_and_nothing_is_stored(tmp_path: Path, bad: dict[str, Any]) -> None:
    store = TransferStore(connect(tmp_path / "db.sqlite3"))
    with scripted_node(node_with_logs([a_log(), a_log(logIndex="0x1", **bad)])) as url:
        client = ChainClient(public_chain(url), rounds=1)
        with pytest.raises(AllEndpointsFailedError) as refused:
            sync_history(client, store, "0x" + "aa" * 32, [OURS], [])
    assert isinstance(refused.value.params["last"], RpcProtocolError)
    assert store.count(31337, "0x" + "aa" * 32) == 0
    assert store.next_block(31337, "0x" + "aa" * 32, Web3.to_checksum_address(OURS), SOURCE_LOGS) is None


def test_what_any_contract_may_emit_is_skipped_not_an_error(tmp_path: Path) -> None:
    """An NFT's four-topic Transfer, data longer than one word, a non-address topic, a zero amount:
    a contract can emit all of these, so they must not stop the scan (or every node would fail)."""
    store = TransferStore(connect(tmp_path / "db.sqlite3"))
    odd = [a_log(logIndex="0x1", topics=[*a_log()["topics"], "0x" + "00" * 31 + "01"], data="0x"),
           a_log(logIndex="0x2", data="0x" + "00" * 64),
           a_log(logIndex="0x3", topics=[TRANSFER_TOPIC, "0x" + "ff" * 32, padded(OURS)]),
           a_log(logIndex="0x4", data="0x" + "00" * 32)]
    with scripted_node(node_with_logs([a_log(), *odd])) as url:
        result = sync_history(ChainClient(public_chain(url)), store, "0x" + "aa" * 32, [OURS], [])
    (kept,) = store.for_chain(31337, "0x" + "aa" * 32)
    assert (kept.log_index, kept.amount, kept.symbol, kept.timestamp, result.new_transfers) == (0, 7, None, 100, 1)
    assert result.coin_source is None  # a public chain without an explorer: coins received are not found


def test_a_node_refusing_a_wide_range_is_asked_halves(tmp_path: Path) -> None:
    asked: list[tuple[int, int]] = []

    class _RefusalError(Exception):
        pass

    def answer(method: str, params: list[Any]) -> Any:
        if method == "eth_blockNumber":
            return hex(4_999)
        first, last = int(params[0]["fromBlock"], 16), int(params[0]["toBlock"], 16)
        asked.append((first, last))
        if last - first >= 1_000:
            raise _RefusalError()
        return []

    store = TransferStore(connect(tmp_path / "db.sqlite3"))
    with refusing_node(answer) as url:
        result = sync_history(ChainClient(public_chain(url)), store, "0x" + "aa" * 32, [OURS], [], window_blocks=4_000)
    assert result.tokens_from == 999
    assert all(last - first < 2_000 for first, last in asked)
    assert any(last - first < 1_000 for first, last in asked)
    assert store.next_block(31337, "0x" + "aa" * 32, Web3.to_checksum_address(OURS), SOURCE_LOGS) == 5_000


@contextmanager
def refusing_node(answer: Callable[[str, list[Any]], Any]) -> Iterator[str]:
    """Like ``scripted_node``, but an exception from ``answer`` is a JSON-RPC error ("range too large")."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_POST(self) -> None:
            request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))

            def one(call: dict[str, Any]) -> dict[str, Any]:
                if call["method"] == "eth_chainId":
                    return {"jsonrpc": "2.0", "id": call["id"], "result": hex(31337)}
                try:
                    return {"jsonrpc": "2.0", "id": call["id"], "result": answer(call["method"], call["params"])}
                except Exception:
                    return {"jsonrpc": "2.0", "id": call["id"],
                            "error": {"code": -32005, "message": "query exceeds max block range 1000"}}

            body = json.dumps([one(c) for c in request] if isinstance(request, list) else one(request)).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


# --- explorer API ---------------------------------------------------------------------------

@contextmanager
def explorer(reply: Callable[[dict[str, str]], Any], seen: list[dict[str, str]]) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            query = {k: v[0] for k, v in parse_qs(urlparse(self.path).query).items()}
            seen.append(query)
            body = json.dumps(reply(query)).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v2/api?chainid=31337"
    finally:
        server.shutdown()
        server.server_close()


def entry(**changes: str) -> dict[str, str]:
    row = {"blockNumber": "3", "timeStamp": "1700000000", "hash": "0x" + "aa" * 32, "from": "0x" + "12" * 20,
           "to": OURS, "value": "250", "isError": "0", "txreceipt_status": "1"}
    row.update(changes)
    return row


def test_coins_received_come_from_the_explorer_api_with_the_key(tmp_path: Path) -> None:
    seen: list[dict[str, str]] = []

    def reply(query: dict[str, str]) -> Any:
        if query["action"] == "txlistinternal":
            return {"status": "0", "message": "No transactions found", "result": []}
        return {"status": "1", "message": "OK", "result": [
            entry(), entry(hash="0x" + "bb" * 32, value="0"), entry(hash="0x" + "cc" * 32, isError="1"),
            entry(hash="0x" + "dd" * 32, to="0x" + "34" * 20), entry(hash="0x" + "ee" * 32, to="")]}

    store = TransferStore(connect(tmp_path / "db.sqlite3"))
    with scripted_node(node_with_logs([])) as url, explorer(reply, seen) as api:
        chain = public_chain(url, explorer_api_url=api)
        result = sync_history(ChainClient(chain), store, "0x" + "aa" * 32, [OURS], [], explorer_api_key="K3Y")
    (kept,) = store.for_chain(31337, "0x" + "aa" * 32)
    assert (kept.tx_hash, kept.amount, kept.log_index, kept.timestamp, kept.block_number) == (
        "0x" + "aa" * 32, 250, COIN_TRANSFER, 1_700_000_000, 3)
    assert result.coin_source == SOURCE_EXPLORER
    assert {q["action"] for q in seen} == {"txlist", "txlistinternal"}
    assert all(q["apikey"] == "K3Y" and q["chainid"] == "31337" and q["address"] == Web3.to_checksum_address(OURS)
               for q in seen)
    assert store.next_block(31337, "0x" + "aa" * 32, Web3.to_checksum_address(OURS), SOURCE_EXPLORER) == 10

    with scripted_node(node_with_logs([])) as url, explorer(reply, seen) as api:  # within the minute
        chain = public_chain(url, explorer_api_url=api)
        sync_history(ChainClient(chain), store, "0x" + "aa" * 32, [OURS], [], explorer_api_key="K3Y")
    assert len(seen) == 2  # the explorer was not asked again (its free plan counts calls)


@pytest.mark.parametrize(("reply", "error"), [
    ({"status": "0", "message": "NOTOK", "result": "Invalid API Key"}, ExplorerError),
    ({"status": "1", "message": "OK", "result": [entry(value="12x")]}, ExplorerReplyError),
    ({"status": "1", "message": "OK", "result": [entry(blockNumber="99")]}, ExplorerReplyError),  # beyond the head
    ([1, 2, 3], ExplorerReplyError),
])
def test_an_explorer_refusal_or_a_malformed_reply_is_a_typed_error_without_the_key(
        tmp_path: Path, reply: Any, error: type[WalletError]) -> None:
    store = TransferStore(connect(tmp_path / "db.sqlite3"))
    with scripted_node(node_with_logs([])) as url, explorer(lambda _: reply, []) as api:
        chain = public_chain(url, explorer_api_url=api)
        with pytest.raises(error) as refused:
            sync_history(ChainClient(chain), store, "0x" + "aa" * 32, [OURS], [], explorer_api_key="S3CRETKEY")
    assert "S3CRETKEY" not in str(refused.value) and "S3CRETKEY" not in repr(refused.value.params)
    assert store.count(31337, "0x" + "aa" * 32) == 0


# --- ENS primary names ----------------------------------------------------------------------

def set_primary_names(w3: Web3, ens_registry: str, names: dict[str, str]) -> None:
    """Reverse records (``<address>.addr.reverse`` → name) on the playground's ENS, whose root the
    deployer (dev account 0) owns; the public resolver that serves alice.eth holds them."""
    from eth_utils import keccak

    from wallet.chains.ens import namehash

    registry_abi = [
        {"type": "function", "name": "setSubnodeOwner", "stateMutability": "nonpayable", "outputs": [
            {"type": "bytes32"}], "inputs": [{"type": "bytes32"}, {"type": "bytes32"}, {"type": "address"}]},
        {"type": "function", "name": "setSubnodeRecord", "stateMutability": "nonpayable", "outputs": [], "inputs": [
            {"type": "bytes32"}, {"type": "bytes32"}, {"type": "address"}, {"type": "address"}, {"type": "uint64"}]},
        {"type": "function", "name": "resolver", "stateMutability": "view", "outputs": [{"type": "address"}],
         "inputs": [{"type": "bytes32"}]}]
    resolver_abi = [{"type": "function", "name": "setName", "stateMutability": "nonpayable", "outputs": [],
                     "inputs": [{"type": "bytes32"}, {"type": "string"}]}]
    owner = w3.eth.accounts[0]
    registry = w3.eth.contract(address=ens_registry, abi=registry_abi)  # type: ignore[arg-type]
    resolver_address = registry.functions.resolver(namehash("alice.eth")).call()
    resolver = w3.eth.contract(address=resolver_address, abi=resolver_abi)

    def send(call: Any) -> None:
        assert w3.eth.wait_for_transaction_receipt(call.transact({"from": owner}))["status"] == 1

    send(registry.functions.setSubnodeOwner(b"\0" * 32, keccak(text="reverse"), owner))
    send(registry.functions.setSubnodeOwner(namehash("reverse"), keccak(text="addr"), owner))
    for account, name in names.items():
        label = account[2:].lower()
        send(registry.functions.setSubnodeRecord(namehash("addr.reverse"), keccak(text=label), owner,
                                                 resolver_address, 0))
        send(resolver.functions.setName(namehash(f"{label}.addr.reverse"), name))


def test_an_ens_primary_name_counts_only_when_it_resolves_back(desk: Desk) -> None:
    from wallet.services.history_sync import reverse_ens_name

    alice, liar = desk.w3.eth.accounts[1], desk.w3.eth.accounts[3]
    assert desk.chain.ens_registry is not None
    set_primary_names(desk.w3, desk.chain.ens_registry, {alice: "alice.eth", liar: "alice.eth"})
    assert reverse_ens_name(desk.client, alice) == "alice.eth"
    assert reverse_ens_name(desk.client, liar) is None  # alice.eth resolves to someone else
    assert reverse_ens_name(desk.client, desk.ours) is None  # no reverse record at all


@pytest.mark.parametrize("block", [
    {"number": "0x3", "timestamp": "0x64", "transactions": "none"},
    {"number": "0x3", "timestamp": "0x64",
     "transactions": [{"hash": "0x12", "from": OURS, "to": OURS, "value": "0x1"}]},
    {"number": "0x3", "timestamp": "0x64", "transactions": [{"hash": "0x" + "11" * 32, "from": OURS, "to": "0x12",
                                                               "value": "0x1"}]},
    {"number": "0x4", "timestamp": "0x64", "transactions": []},  # another block than the one asked for
    {"number": "0x3", "timestamp": hex(2**40), "transactions": []},  # a time no block can have (year 36812)
    None,
])
def test_a_malformed_playground_block_is_the_nodes_failure(tmp_path: Path, block: Any) -> None:
    def answer(method: str, params: list[Any]) -> Any:
        if method == "eth_blockNumber":
            return "0x3"
        if method == "eth_getLogs":
            return []
        return block if params[0] == "0x3" else {"number": params[0], "timestamp": "0x64", "transactions": []}

    store = TransferStore(connect(tmp_path / "db.sqlite3"))
    with scripted_node(answer) as url:
        client = ChainClient(public_chain(url, devnet=True), rounds=1)
        with pytest.raises(AllEndpointsFailedError) as refused:
            sync_history(client, store, "0x" + "aa" * 32, [OURS], [])
    assert isinstance(refused.value.params["last"], RpcProtocolError)
    assert store.next_block(31337, "0x" + "aa" * 32, Web3.to_checksum_address(OURS), SOURCE_BLOCKS) is None


def test_a_failed_payment_moved_nothing_and_is_not_kept(desk: Desk) -> None:
    payer = desk.w3.eth.accounts[6]
    desk = dataclasses.replace(desk, ours=payer)
    # A token contract has no payable fallback: the value transfer reverts, and the receipt says so.
    failed = desk.w3.eth.send_transaction({"from": payer, "to": desk.chain.tokens[0].address, "value": 10**15,
                                           "gas": 100_000})
    assert desk.w3.eth.wait_for_transaction_receipt(failed)["status"] == 0
    paid = desk.w3.eth.send_transaction({"from": payer, "to": desk.friend, "value": 10**15})
    desk.w3.eth.wait_for_transaction_receipt(paid)
    sync(desk)
    hashes = {t.tx_hash for t in desk.store.for_chain(desk.chain.chain_id, desk.genesis)}
    assert "0x" + paid.hex().removeprefix("0x") in hashes  # sent by us: found too
    assert "0x" + failed.hex().removeprefix("0x") not in hashes


# --- rows and CSV (no chain needed) ---------------------------------------------------------

def test_rows_merge_once_per_movement_and_export_as_csv(tmp_path: Path) -> None:
    import csv as csv_module
    import io

    from wallet.services.history_export import history_csv, merge_history
    from wallet.store.transactions import TransactionStore
    from wallet.store.transfers import Transfer

    db = connect(tmp_path / "db.sqlite3")
    records = TransactionStore(db)
    me, other_me, them = (Web3.to_checksum_address("0x" + c * 40) for c in "abc")
    token = Web3.to_checksum_address("0x" + "d" * 40)
    send = records.add(1, "0x" + "01" * 32, me, 0, them, None, "ETH", 18, 25 * 10**16, "send", {}, "0x")
    approve = records.add(1, "0x" + "02" * 32, me, 1, them, token, "DUSD", 6, 10**9, "approve", {}, "0x")
    own = records.add(1, "0x" + "03" * 32, me, 2, other_me, None, "ETH", 18, 10**18, "send", {}, "0x")
    records.set_status(send.id, "confirmed", 7, 21_000 * 10**9)
    g = "0x" + "aa" * 32
    found = [Transfer(1, g, send.hash, -1, 7, 100, me, them, None, None, None, 25 * 10**16),  # our own send again
             Transfer(1, g, "0x" + "04" * 32, 3, 6, 90, them, me, token, "DUSD", 6, 1_234_500),
             Transfer(1, g, "0x" + "05" * 32, 0, 5, 80, them, me, them, None, None, 5)]  # an unknown token
    rows = merge_history(records.history(1), found, [me, other_me])
    assert [r.tx_hash for r in rows].count(send.hash) == 1 and len(rows) == 4  # the unknown token is hidden
    assert len(merge_history(records.history(1), found, [me, other_me], show_unknown_tokens=True)) == 5
    by_hash = {r.tx_hash: r for r in rows}
    assert (by_hash[own.hash].direction, by_hash["0x" + "04" * 32].direction) == ("own", "received")

    text = history_csv(rows, "ETH", 18, head=10, labels={them.lower(): "=HYPERLINK(\"x\")"},
                       statuses={r.key: "Done" for r in rows})
    exported = {r["transaction_hash"]: r for r in csv_module.DictReader(io.StringIO(text))}
    assert (exported[send.hash]["value"], exported[send.hash]["fee"], exported[send.hash]["confirmations"]) == (
        "-0.25", "0.000021", "4")
    assert exported[send.hash]["label"] == "'=HYPERLINK(\"x\")"  # a spreadsheet shows it, never runs it
    assert (exported[approve.hash]["value"], exported[approve.hash]["asset"]) == ("0", "DUSD")  # moved nothing
    assert (exported["0x" + "04" * 32]["value"], exported["0x" + "04" * 32]["timestamp"]) == (
        "1.2345", "1970-01-01T00:01:30Z")
    assert exported[own.hash]["value"] == "1" and exported[own.hash]["direction"] == "own"
