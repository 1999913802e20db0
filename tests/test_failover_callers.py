"""The callers of the RPC client check each node's result inside the failover: a first node that
answers with wrong shapes costs one request, the second node (a real anvil) serves the rest, and the
first is named as the failing node. Each step gets a fresh client, so the hostile node is asked first."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from eth_account import Account
from web3 import Web3

from tests.hostile_rpc import hostile_rpc
from wallet.accounts.hot import HotSigner
from wallet.chains.registry import Chain
from wallet.chains.rpc import ChainClient, redact_url
from wallet.devnet import Devnet
from wallet.devnet.artifacts import load_artifact
from wallet.dex.atomic.htlc_artifact import htlc_artifact
from wallet.dex.atomic.htlc_deployment import HTLC_ADDRESS, deploy_if_missing
from wallet.services.balances import fetch_balances
from wallet.services.send import SendRequest, next_nonce, prepare_send, sign_and_broadcast, wait_for_receipt
from wallet.services.tokens import fetch_token_info
from wallet.store.db import connect
from wallet.store.transactions import TransactionStore


@dataclasses.dataclass
class Env:
    chain: Chain
    w3: Web3
    store: TransactionStore
    signer: HotSigner
    sender: str


@pytest.fixture
def env(chain_state: Devnet, tmp_path: Path) -> Env:
    chain = chain_state.chains[0]
    w3 = Web3(Web3.HTTPProvider(chain.rpc_urls[0]))
    account = Account.create()
    w3.provider.make_request("anvil_setBalance", [account.address, hex(10**20)])  # type: ignore[arg-type]
    return Env(chain, w3, TransactionStore(connect(tmp_path / "db.sqlite3")),
               HotSigner(private_key=bytes(account.key)), account.address)


@dataclasses.dataclass
class Pair:
    """A wrong-shaped node in front of the devnet's anvil, and the methods it was asked."""

    url: str
    asked: list[str]
    chain: Chain

    def client(self) -> ChainClient:
        self.asked.clear()
        return ChainClient(dataclasses.replace(self.chain, rpc_urls=(self.url, self.chain.rpc_urls[0])))

    def failure_of(self, client: ChainClient) -> str:
        (label,) = client.failing_nodes()
        assert label == redact_url(self.url)
        return str(client.failing_nodes()[label])


@pytest.fixture
def pair(env: Env) -> Iterator[Pair]:
    asked: list[str] = []
    # The simulation's eth_call is answered right, so that its estimate is the first wrong answer.
    with hostile_rpc("wrong_shape", requests=asked, chain_id=env.chain.chain_id,
                     answers={"eth_call": "0x"}) as url:
        yield Pair(url, asked, env.chain)


def test_the_nonce_comes_from_the_second_node(env: Env, pair: Pair) -> None:
    deployer = env.w3.eth.accounts[0]  # it deployed the devnet: its nonce is far from 0
    expected = env.w3.eth.get_transaction_count(deployer, "pending")
    client = pair.client()
    assert next_nonce(client, env.store, deployer) == expected > 0
    assert pair.asked == ["eth_chainId", "eth_getTransactionCount"]
    assert pair.failure_of(client) == f"The node at {redact_url(pair.url)} sent an invalid nonce: not a hex quantity"


def test_a_send_is_estimated_priced_signed_and_confirmed_through_the_second_node(env: Env, pair: Pair) -> None:
    recipient = Account.create().address
    request = SendRequest(env.sender, recipient, 10**15)
    honest = prepare_send(ChainClient(env.chain), env.store, request)

    client = pair.client()
    prepared = prepare_send(client, env.store, request)
    assert prepared.tx == honest.tx and prepared.warnings == honest.warnings  # gas, fees and nonce alike
    assert pair.asked == ["eth_chainId", "eth_call", "eth_estimateGas"]
    assert pair.failure_of(client).endswith("sent an invalid eth_estimateGas: not a hex quantity")

    client = pair.client()
    record = sign_and_broadcast(client, env.store, env.signer, None, prepared)
    assert pair.asked == ["eth_chainId", "eth_sendRawTransaction"]  # refused there: it named no hash
    assert pair.failure_of(client).endswith("sent an invalid reply: it reported a different transaction hash")
    assert env.w3.eth.get_balance(recipient) == 10**15  # the second node broadcast it

    client = pair.client()
    receipt = wait_for_receipt(client, bytes.fromhex(record.hash[2:]), timeout_s=10)
    assert receipt["transactionHash"] == record.hash and receipt["status"] == "0x1"
    assert pair.asked == ["eth_chainId", "eth_getTransactionReceipt"]
    assert pair.failure_of(client).endswith("sent an invalid reply: an object or null was expected")


@pytest.mark.parametrize("multicall", [True, False], ids=["aggregate3", "one_by_one"])
def test_a_balance_refresh_is_read_from_the_second_node_at_the_same_block(env: Env, multicall: bool) -> None:
    chain = env.chain if multicall else dataclasses.replace(env.chain, multicall3=None)
    token = chain.tokens[0]
    dusd = env.w3.eth.contract(address=token.address, abi=load_artifact("DevToken").abi)
    minted = dusd.functions.mint(env.sender, 1234).transact({"from": env.w3.eth.accounts[0]})
    env.w3.eth.wait_for_transaction_receipt(minted)
    block = env.w3.eth.block_number
    asked: list[str] = []
    # The first node names the block honestly, then sends a list where the balances belong.
    with hostile_rpc("wrong_shape", requests=asked, chain_id=chain.chain_id,
                     answers={"eth_blockNumber": hex(block)}) as url:
        client = ChainClient(dataclasses.replace(chain, rpc_urls=(url, chain.rpc_urls[0])))
        env.w3.eth.send_transaction({"from": env.w3.eth.accounts[0], "to": env.sender, "value": 1})  # a later block
        sheet = fetch_balances(client, chain, [env.sender], [token])

    assert sheet.block_number == block  # the second node answered at the block the first had named
    assert sheet.native == {env.sender: 10**20} and sheet.tokens == {(env.sender, token.address): 1234}
    assert not sheet.failed
    assert asked == ["eth_chainId", "eth_blockNumber", "eth_call" if multicall else "eth_getBalance"]
    (failure,) = client.failing_nodes().values()
    assert str(failure) == (f"The node at {redact_url(url)} sent an invalid reply: malformed call data" if multicall
                            else f"The node at {redact_url(url)} sent an invalid balance: not a hex quantity")


def test_token_details_come_from_the_second_node(env: Env, pair: Pair) -> None:
    token = env.chain.tokens[0]
    info = fetch_token_info(pair.client(), token.address)
    assert (info.address, info.symbol, info.decimals) == (token.address, token.symbol, token.decimals)
    assert pair.asked == ["eth_chainId", "eth_getCode"]


def test_the_swap_contract_is_checked_on_the_second_node(env: Env, pair: Pair) -> None:
    client = pair.client()
    deployment = deploy_if_missing(client, env.signer, None)
    assert deployment.address == HTLC_ADDRESS
    assert bytes(env.w3.eth.get_code(HTLC_ADDRESS)) == htlc_artifact().runtime_code  # type: ignore[arg-type]
    assert pair.asked == ["eth_chainId", "eth_getCode"]
    assert pair.failure_of(client).endswith("sent an invalid reply: malformed call data")
