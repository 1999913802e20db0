"""The swap code checks each node's answer inside the failover: a first node that answers a quote's
``eth_call``, a deadline's block or a simulation with the wrong shape costs one request, the second
node (the devnet's real anvil) serves the answer, and the first is named as the failing node."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from eth_abi.abi import decode
from web3 import Web3

from tests.hostile_rpc import hostile_rpc
from tests.test_failover_callers import Pair  # a wrong-shaped node in front of anvil
from wallet.chains.registry import Chain
from wallet.chains.rpc import ChainClient, redact_url
from wallet.devnet import Devnet
from wallet.dex.amm.approvals import approve_would_succeed
from wallet.dex.amm.fee_on_transfer import v2_amounts_out
from wallet.dex.amm.quote import SwapQuoter
from wallet.dex.amm.router_calls import Swap, SwapLeg, TradeType, v2_router_call
from wallet.dex.amm.swap_policy import DEFAULT_DEADLINE_S, swap_deadline
from wallet.dex.amm.swap_reverts import simulate_swap

UNIT = 10**18
NOT_HEX = "0xzz"
NOT_AGGREGATE3 = "0x1234"  # hex, but no ABI-encoded aggregate3 result
EMPTY_AGGREGATE3 = "0x" + "20".rjust(64, "0") + "00" * 32  # a well-formed aggregate3 of no results


@pytest.fixture
def hostile(request: pytest.FixtureRequest, devnet: Devnet) -> Iterator[Pair]:
    """``request.param``: the hostile node's answers (method → result) beyond its wrong shapes."""
    asked: list[str] = []
    chain = devnet.chains[0]
    with hostile_rpc("wrong_shape", requests=asked, chain_id=chain.chain_id, answers=request.param) as url:
        yield Pair(url, asked, chain)


def token(chain: Chain, symbol: str) -> str:
    return next(t.address for t in chain.tokens if t.symbol == symbol)


QUOTE_CASES = [({}, "malformed call data"), ({"eth_call": NOT_HEX}, "malformed call data"),
               ({"eth_call": NOT_AGGREGATE3}, "malformed multicall result"),
               ({"eth_call": EMPTY_AGGREGATE3}, "multicall result of the wrong length")]


@pytest.mark.parametrize(("hostile", "reason"), QUOTE_CASES, ids=["list", "not_hex", "not_aggregate3", "short"],
                         indirect=["hostile"])
def test_a_quote_is_read_from_the_second_node(hostile: Pair, reason: str) -> None:
    chain = hostile.chain
    sell, buy = token(chain, "DLNK"), token(chain, "DUNI")
    honest = SwapQuoter(chain).quote(ChainClient(chain), sell, buy, 1_000 * UNIT)

    client = hostile.client()
    quote = SwapQuoter(chain).quote(client, sell, buy, 1_000 * UNIT)
    assert quote.block_number == honest.block_number and quote.best == honest.best
    # The pool lookup failed over; the quote itself went to the healthy node first.
    assert hostile.asked == ["eth_chainId", "eth_call"]
    assert hostile.failure_of(client) == f"The node at {redact_url(hostile.url)} sent an invalid reply: {reason}"


@pytest.mark.parametrize("hostile", [{}, {"eth_getBlockByNumber": None},
                                     {"eth_getBlockByNumber": {"number": "0x1", "timestamp": "soon"}}],
                         ids=["list", "null", "bad_timestamp"], indirect=True)
def test_a_swap_deadline_is_read_from_the_second_node(hostile: Pair) -> None:
    w3 = Web3(Web3.HTTPProvider(hostile.chain.rpc_urls[0]))
    client = hostile.client()
    deadline = swap_deadline(client)
    assert deadline == int(w3.eth.get_block("latest")["timestamp"]) + DEFAULT_DEADLINE_S
    assert hostile.asked == ["eth_chainId", "eth_getBlockByNumber"]
    assert hostile.failure_of(client).startswith(f"The node at {redact_url(hostile.url)} sent an invalid ")


@pytest.mark.parametrize("hostile", [{}, {"eth_call": NOT_HEX}], ids=["list", "not_hex"], indirect=True)
def test_a_swap_simulation_and_an_approval_check_are_read_from_the_second_node(hostile: Pair) -> None:
    chain = hostile.chain
    assert chain.uniswap_v2 is not None and chain.wrapped_native is not None
    router, weth, dusd = chain.uniswap_v2.router, chain.wrapped_native, token(chain, "DUSD")
    w3 = Web3(Web3.HTTPProvider(chain.rpc_urls[0]))
    sender = w3.eth.accounts[0]  # the devnet's funded deployer; eth_call moves nothing
    quoted = v2_amounts_out(ChainClient(chain), router, UNIT, (weth, dusd))

    client = hostile.client()
    swap = Swap(TradeType.EXACT_INPUT, (SwapLeg((weth, dusd), UNIT, 1),), sender, swap_deadline(ChainClient(chain)),
                native_in=True)
    returned = simulate_swap(client, sender, v2_router_call(router, weth, swap))
    assert list(decode(["uint256[]"], returned)[0]) == quoted  # the router's amounts, from the second node
    assert hostile.asked == ["eth_chainId", "eth_call"]
    assert hostile.failure_of(client).endswith("malformed call data")

    client = hostile.client()
    assert approve_would_succeed(client, dusd, sender, router, UNIT)
    assert hostile.asked == ["eth_chainId", "eth_call"]
    assert hostile.failure_of(client).endswith("malformed call data")
