"""Sending on real chains: simulation, fees, nonces, warnings, tracking, speed-up, cancel, drops."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from eth_abi.abi import encode
from eth_account import Account
from web3 import Web3
from web3.exceptions import TransactionNotFound

from wallet.accounts.hot import HotSigner
from wallet.chains.registry import Chain
from wallet.chains.revert import ERROR_SELECTOR, PANIC_SELECTOR, revert_reason
from wallet.chains.rpc import ChainClient
from wallet.devnet import Devnet
from wallet.devnet.artifacts import load_artifact
from wallet.services.send import (
    InsufficientFundsError,
    SendRequest,
    SendWarning,
    SimulationRevertedError,
    decode_transaction,
    prepare_send,
    replace,
    sign_and_broadcast,
)
from wallet.services.tracker import track_pending
from wallet.store.db import connect
from wallet.store.transactions import TransactionStore


@dataclasses.dataclass
class Env:
    chain: Chain
    w3: Web3
    client: ChainClient
    store: TransactionStore
    signer: HotSigner
    sender: str

    def balance_of(self, token: str, owner: str) -> int:
        return int(self.w3.eth.contract(address=token, abi=load_artifact("DevToken").abi)
                   .functions.balanceOf(owner).call())

    def mine(self) -> None:
        self.w3.provider.make_request("evm_mine", [])  # type: ignore[arg-type]

    def automine(self, on: bool) -> None:
        self.w3.provider.make_request("evm_setAutomine", [on])  # type: ignore[arg-type]


@pytest.fixture
def env(chain_state: Devnet, tmp_path: Path) -> Iterator[Env]:
    chain = chain_state.chains[0]
    w3 = Web3(Web3.HTTPProvider(chain.rpc_urls[0]))
    account = Account.create()
    w3.provider.make_request("anvil_setBalance", [account.address, hex(10**20)])  # type: ignore[arg-type]
    dusd = w3.eth.contract(address=chain.tokens[0].address, abi=load_artifact("DevToken").abi)
    w3.eth.wait_for_transaction_receipt(dusd.functions.mint(account.address, 5_000 * 10**6)
                                        .transact({"from": w3.eth.accounts[0]}))
    environment = Env(chain, w3, ChainClient(chain), TransactionStore(connect(tmp_path / "db.sqlite3")),
                      HotSigner(private_key=bytes(account.key)), account.address)
    yield environment
    environment.automine(True)


def send(env: Env, request: SendRequest, **kwargs: object) -> int:
    prepared = prepare_send(env.client, env.store, request, **kwargs)  # type: ignore[arg-type]
    return sign_and_broadcast(env.client, env.store, env.signer, None, prepared).id


def test_token_transfer_is_decoded_sent_and_tracked(env: Env) -> None:
    dusd = env.chain.tokens[0]
    recipient = Account.create().address
    prepared = prepare_send(env.client, env.store, SendRequest(env.sender, recipient, 1_234_500_000, dusd))
    decoded = prepared.decoded
    assert (decoded.action, decoded.to, decoded.recipient, decoded.amount, decoded.token) == (
        "token_transfer", dusd.address, recipient, 1_234_500_000, dusd)
    assert decoded.value == 0 and decoded.selector == "0xa9059cbb" and prepared.warnings == ()
    assert decoded.max_fee_cost == prepared.tx["gas"] * prepared.tx["maxFeePerGas"]

    record = sign_and_broadcast(env.client, env.store, env.signer, None, prepared)
    (tracked,) = track_pending(env.client, env.store)

    assert tracked.id == record.id and tracked.status == "confirmed" and tracked.fee_paid
    assert env.balance_of(dusd.address, recipient) == 1_234_500_000
    assert (tracked.symbol, tracked.decimals, tracked.recipient) == ("DUSD", 6, recipient)


def test_revert_reason_and_missing_funds_stop_the_send(env: Env) -> None:
    dusd = env.chain.tokens[0]
    with pytest.raises(SimulationRevertedError, match="custom error 0xe450d38c") as raised:
        prepare_send(env.client, env.store, SendRequest(env.sender, Account.create().address, 10**15, dusd))
    assert "Nothing was sent" in str(raised.value)
    with pytest.raises(InsufficientFundsError, match="not hold enough ETH"):
        prepare_send(env.client, env.store, SendRequest(env.sender, Account.create().address, 10**30))
    assert env.store.history() == []


def test_warnings(env: Env) -> None:
    dusd = env.chain.tokens[0]
    to_token = prepare_send(env.client, env.store, SendRequest(env.sender, dusd.address, 1, dusd))
    assert to_token.warnings == (SendWarning.RECIPIENT_IS_TOKEN,)
    assert env.chain.multicall3 is not None
    to_contract = prepare_send(env.client, env.store, SendRequest(env.sender, env.chain.multicall3, 10**6, dusd))
    assert to_contract.warnings == (SendWarning.RECIPIENT_IS_CONTRACT,)
    with pytest.raises(SimulationRevertedError):  # Multicall3 has no receive(): the simulation says so
        prepare_send(env.client, env.store, SendRequest(env.sender, env.chain.multicall3, 10**15))
    recipient = Account.create().address
    lookalike = recipient[:6] + ("0" if recipient[6] != "0" else "1") * 30 + recipient[-4:]
    poisoned = prepare_send(env.client, env.store, SendRequest(env.sender, recipient, 1), known_addresses=(lookalike,))
    assert poisoned.warnings == (SendWarning.LOOKS_LIKE_KNOWN,)
    too_much = prepare_send(env.client, env.store, SendRequest(env.sender, recipient, 10**20 - 10**12))
    assert SendWarning.EXCEEDS_BALANCE in too_much.warnings


def test_several_pending_transactions_get_consecutive_nonces(env: Env) -> None:
    env.automine(False)
    recipients = [Account.create().address for _ in range(3)]
    ids = [send(env, SendRequest(env.sender, r, 10**15 * (i + 1))) for i, r in enumerate(recipients)]
    assert [env.store.get(i).nonce for i in ids] == [0, 1, 2]
    assert track_pending(env.client, env.store) == []  # nothing mined yet
    env.mine()
    assert [r.status for r in track_pending(env.client, env.store)] == ["confirmed"] * 3
    assert [env.w3.eth.get_balance(r) for r in recipients] == [10**15, 2 * 10**15, 3 * 10**15]


def test_speed_up_replaces_the_pending_transaction(env: Env) -> None:
    env.automine(False)
    recipient = Account.create().address
    original = env.store.get(send(env, SendRequest(env.sender, recipient, 10**16)))
    faster = replace(env.client, env.store, env.signer, None, original, cancel=False)
    assert faster.nonce == original.nonce and faster.replaces == original.id and faster.kind == "speedup"
    assert faster.tx["maxFeePerGas"] > original.tx["maxFeePerGas"] * 1.1
    assert faster.tx["maxPriorityFeePerGas"] > original.tx["maxPriorityFeePerGas"] * 1.1
    env.mine()
    statuses = {r.id: r.status for r in track_pending(env.client, env.store)}
    assert statuses == {original.id: "replaced", faster.id: "confirmed"}
    assert env.w3.eth.get_balance(recipient) == 10**16
    assert env.w3.eth.get_transaction_receipt(faster.hash)["status"] == 1


def test_cancel_sends_nothing_to_the_recipient(env: Env) -> None:
    env.automine(False)
    recipient = Account.create().address
    original = env.store.get(send(env, SendRequest(env.sender, recipient, 10**16)))
    cancel = replace(env.client, env.store, env.signer, None, original, cancel=True)
    assert (cancel.recipient, cancel.amount, cancel.kind) == (env.sender, 0, "cancel")
    env.mine()
    statuses = {r.id: r.status for r in track_pending(env.client, env.store)}
    assert statuses == {original.id: "replaced", cancel.id: "confirmed"}
    assert env.w3.eth.get_balance(recipient) == 0


def test_a_nonce_used_elsewhere_marks_the_transaction_dropped(env: Env) -> None:
    env.automine(False)
    record = env.store.get(send(env, SendRequest(env.sender, Account.create().address, 10**15)))
    outside = env.signer.sign_transaction(None, {**record.tx, "to": env.sender, "value": 0, "data": b"",
                                                 "maxFeePerGas": record.tx["maxFeePerGas"] * 2,
                                                 "maxPriorityFeePerGas": record.tx["maxPriorityFeePerGas"] * 2})
    env.w3.eth.send_raw_transaction(outside.raw)  # the same key used by another wallet
    env.mine()
    (dropped,) = track_pending(env.client, env.store)
    assert dropped.status == "dropped"


def test_a_transaction_the_node_forgot_is_broadcast_again(env: Env) -> None:
    env.automine(False)
    record = env.store.get(send(env, SendRequest(env.sender, Account.create().address, 10**15)))
    env.w3.provider.make_request("anvil_dropTransaction", [record.hash])  # type: ignore[arg-type]
    with pytest.raises(TransactionNotFound):
        env.w3.eth.get_transaction(record.hash)
    assert track_pending(env.client, env.store) == []
    env.mine()
    (confirmed,) = track_pending(env.client, env.store)
    assert confirmed.id == record.id and confirmed.status == "confirmed"


def test_legacy_fee_chains_get_a_gas_price(env: Env) -> None:
    legacy = dataclasses.replace(env.chain, eip1559=False)
    env.client = ChainClient(legacy)
    prepared = prepare_send(env.client, env.store, SendRequest(env.sender, Account.create().address, 5))
    assert "gasPrice" in prepared.tx and "maxFeePerGas" not in prepared.tx
    record = sign_and_broadcast(env.client, env.store, env.signer, None, prepared)
    assert env.w3.eth.get_transaction_receipt(record.hash)["type"] == 0


def test_decoding_approvals_and_unknown_calls(env: Env) -> None:
    dusd = env.chain.tokens[0]
    spender = Account.create().address
    approve = bytes.fromhex("095ea7b3") + encode(["address", "uint256"], [spender, 2**256 - 1])
    base = {"chainId": 31337, "nonce": 3, "gas": 60_000, "maxFeePerGas": 10, "value": 0}
    decoded = decode_transaction({**base, "to": dusd.address, "data": approve}, env.chain, env.sender, [])
    assert (decoded.action, decoded.recipient, decoded.amount, decoded.token) == ("approve", spender, 2**256 - 1, dusd)
    unknown = decode_transaction({**base, "to": spender, "data": b"\x12\x34\x56\x78"}, env.chain, env.sender, [])
    assert (unknown.action, unknown.selector) == ("contract_call", "0x12345678")


def test_revert_reasons() -> None:
    assert revert_reason(ERROR_SELECTOR + encode(["string"], ["STF"])) == "STF"
    assert revert_reason(PANIC_SELECTOR + encode(["uint256"], [0x11])) == "panic 0x11: arithmetic overflow or underflow"
    assert revert_reason(b"") == "no reason given"
    assert revert_reason(ERROR_SELECTOR + b"\x00" * 3).startswith("malformed revert data")


def test_balances_and_sends_work_with_the_first_node_dead(env: Env) -> None:
    from wallet.devnet.anvil import free_loopback_port
    from wallet.services.balances import fetch_balances

    dead_first = dataclasses.replace(env.chain, rpc_urls=(f"http://127.0.0.1:{free_loopback_port()}",
                                                          env.chain.rpc_urls[0]))
    client = ChainClient(dead_first)
    sheet = fetch_balances(client, dead_first, [env.sender], dead_first.tokens)
    assert sheet.tokens[(env.sender, dead_first.tokens[0].address)] == 5_000 * 10**6
    recipient = Account.create().address
    prepared = prepare_send(client, env.store, SendRequest(env.sender, recipient, 10**15))
    sign_and_broadcast(client, env.store, env.signer, None, prepared)
    assert env.w3.eth.get_balance(recipient) == 10**15


def test_pending_transactions_survive_a_restart(env: Env, tmp_path: Path) -> None:
    env.automine(False)
    record = env.store.get(send(env, SendRequest(env.sender, Account.create().address, 10**15)))
    restarted = TransactionStore(connect(tmp_path / "db.sqlite3"))  # a new app run over the same file
    assert [r.hash for r in restarted.pending(31337)] == [record.hash]
    env.mine()
    (confirmed,) = track_pending(ChainClient(env.chain), restarted)
    assert confirmed.status == "confirmed"
