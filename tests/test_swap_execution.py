"""Swaps signed with a hot key and mined on the devnet, through every router and shape: V2 and V3,
exact input and output, coin in and out, a SwapRouter02 split in one transaction; reverts decoded;
approvals (exact, USDT-style zero first, read in one round trip, revoked); fee-on-transfer detection.

Every swap goes through what the wallet does before signing: the review decoded from the exact
calldata, its safety check, and a simulation. Outcomes are read from the chain: balances and the
receipt's Transfer events.
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from eth_abi.abi import decode, encode
from eth_account import Account
from web3 import Web3
from web3.contract import Contract

from wallet.accounts.hot import HotSigner
from wallet.chains.address import keccak256
from wallet.chains.registry import Chain, TokenInfo
from wallet.chains.rpc import ChainClient
from wallet.devnet import Devnet
from wallet.devnet.artifacts import load_artifact
from wallet.dex.amm.approvals import (
    MAX_UINT256,
    approval_calls,
    approve_call,
    read_allowance,
    read_allowances,
    revoke_call,
    router_spenders,
)
from wallet.dex.amm.fee_on_transfer import fee_on_transfer_amount_out, takes_fee_on_transfer, v2_amounts_out
from wallet.dex.amm.router_calls import (
    RouterCall,
    Swap,
    SwapLeg,
    TradeType,
    encode_v3_path,
    swap_call,
    swap_router02_call,
    swap_router_call,
    unwrap,
    v2_router_call,
    wrap,
)
from wallet.dex.amm.swap_policy import maximum_in, minimum_out, swap_deadline
from wallet.dex.amm.swap_preparation import (
    NotEnoughCoinForGasError,
    approvals_needed,
    check_coin_for_gas,
    prepare_swap,
)
from wallet.dex.amm.swap_receipt import amount_received
from wallet.dex.amm.swap_reverts import (
    ExcessiveInputError,
    SlippageExceededError,
    SwapExpiredError,
    TransferFromFailedError,
    mined_revert_error,
    simulate_swap,
)
from wallet.dex.amm.swap_review import RecipientNotOwnerError, check_swap, known_routers, review_swap
from wallet.paths import PROJECT_ROOT

TRANSFER_TOPIC = keccak256(b"Transfer(address,address,uint256)")
SWAP_GAS = 1_500_000
EXACT_IN, EXACT_OUT = TradeType.EXACT_INPUT, TradeType.EXACT_OUTPUT
QUOTER_V2_SINGLE = "quoteExactInputSingle((address,address,uint256,uint24,uint160))"


def contract(w3: Web3, address: str, artifact: str) -> Contract:
    return w3.eth.contract(address=Web3.to_checksum_address(address), abi=load_artifact(artifact).abi)


@dataclasses.dataclass
class Trader:
    chain: Chain
    w3: Web3
    client: ChainClient
    signer: HotSigner
    address: str

    def token(self, symbol: str) -> TokenInfo:
        return next(t for t in self.chain.tokens if t.symbol == symbol)

    @property
    def weth(self) -> str:
        assert self.chain.wrapped_native
        return self.chain.wrapped_native

    @property
    def v2_router(self) -> str:
        assert self.chain.uniswap_v2
        return self.chain.uniswap_v2.router

    @property
    def swap_router(self) -> str:
        assert self.chain.uniswap_v3
        return self.chain.uniswap_v3.swap_router

    @property
    def swap_router02(self) -> str:
        assert self.chain.uniswap_v3 and self.chain.uniswap_v3.swap_router02
        return self.chain.uniswap_v3.swap_router02

    def balance(self, token: str | None, owner: str | None = None) -> int:
        owner = owner or self.address
        if token is None:
            return int(self.w3.eth.get_balance(owner))  # type: ignore[arg-type]
        return int(contract(self.w3, token, "DevToken").functions.balanceOf(owner).call())

    def mint(self, symbol: str, amount: int) -> None:
        erc20 = contract(self.w3, self.token(symbol).address, "DevToken")
        self.w3.eth.wait_for_transaction_receipt(erc20.functions.mint(self.address, amount)
                                                 .transact({"from": self.w3.eth.accounts[0]}))

    def send(self, call: RouterCall, expect_success: bool = True) -> dict[str, Any]:
        """Sign ``call`` with the hot key, broadcast, and return the mined receipt."""
        base_fee = int(self.w3.eth.get_block("latest")["baseFeePerGas"])
        tx = {"type": 2, "chainId": self.chain.chain_id, "nonce": self.w3.eth.get_transaction_count(self.address),  # type: ignore[arg-type]
              "to": call.to, "value": call.value, "data": call.data, "gas": SWAP_GAS,
              "maxFeePerGas": 2 * base_fee + 10**9, "maxPriorityFeePerGas": 10**9}
        signed = self.signer.sign_transaction(None, tx)
        assert signed.sender == self.address
        self.client.request("eth_sendRawTransaction", ["0x" + signed.raw.hex()])
        receipt = dict(self.w3.eth.wait_for_transaction_receipt(signed.hash, timeout=30))  # type: ignore[arg-type]
        assert (receipt["status"] == 1) == expect_success, receipt
        return receipt

    def swap(self, call: RouterCall) -> dict[str, Any]:
        """What the wallet does before signing: review the exact calldata, check it, simulate it."""
        review = review_swap(call.to, call.value, call.data, self.address, known_routers(self.chain))
        check_swap(review, self.address)
        simulate_swap(self.client, self.address, call)
        return self.send(call)

    def approve(self, symbol_or_token: str, spender: str, amount: int) -> None:
        token = self.token(symbol_or_token).address if not symbol_or_token.startswith("0x") else symbol_or_token
        for call in approval_calls(self.client, token, self.address, spender, amount):
            self.send(call)

    def deadline(self) -> int:
        return swap_deadline(self.client)

    def gas_cost(self, receipt: dict[str, Any]) -> int:
        return int(receipt["gasUsed"]) * int(receipt["effectiveGasPrice"])

    def received(self, receipt: dict[str, Any], token: str, recipient: str | None = None) -> list[int]:
        """The amounts of ``token`` the receipt's Transfer events paid to ``recipient``."""
        to = bytes(12) + bytes.fromhex((recipient or self.address)[2:])
        return [int.from_bytes(bytes(log["data"]), "big") for log in receipt["logs"]
                if log["address"].lower() == token.lower() and bytes(log["topics"][0]) == TRANSFER_TOPIC
                and bytes(log["topics"][2]) == to]

    def quote_v3_single(self, token_in: str, token_out: str, fee: int, amount: int) -> int:
        assert self.chain.uniswap_v3
        data = keccak256(QUOTER_V2_SINGLE.encode())[:4] + encode(
            ["(address,address,uint256,uint24,uint160)"], [(token_in, token_out, amount, fee, 0)])
        raw = self.w3.eth.call({"to": self.chain.uniswap_v3.quoter_v2, "data": data})
        return int(decode(["uint256", "uint160", "uint32", "uint256"], raw)[0])


@pytest.fixture
def trader(chain_state: Devnet) -> Iterator[Trader]:
    chain = chain_state.chains[0]
    w3 = Web3(Web3.HTTPProvider(chain.rpc_urls[0]))
    account = Account.create()
    w3.provider.make_request("anvil_setBalance", [account.address, hex(100 * 10**18)])  # type: ignore[arg-type]
    t = Trader(chain, w3, ChainClient(chain), HotSigner(private_key=bytes(account.key)), account.address)
    t.mint("DUSD", 100_000 * 10**6)
    t.mint("DDAI", 100_000 * 10**18)
    t.mint("DLNK", 10_000 * 10**18)
    yield t


def v2_path(t: Trader, *symbols: str) -> tuple[str, ...]:
    return tuple(t.weth if s == "ETH" else t.token(s).address for s in symbols)


def test_v2_exact_input_token_to_token_receives_the_quote(trader: Trader) -> None:
    dusd, ddai = trader.token("DUSD").address, trader.token("DDAI").address
    amount = 1_000 * 10**6
    quoted = v2_amounts_out(trader.client, trader.v2_router, amount, (dusd, ddai))[-1]
    trader.approve("DUSD", trader.v2_router, amount)
    assert read_allowance(trader.client, dusd, trader.address, trader.v2_router) == amount  # exact, not unlimited
    before = trader.balance(ddai), trader.balance(dusd)
    swap = Swap(EXACT_IN, (SwapLeg((dusd, ddai), amount, minimum_out(quoted, 50)),), trader.address, trader.deadline())
    receipt = trader.swap(v2_router_call(trader.v2_router, trader.weth, swap))
    assert trader.received(receipt, ddai) == [quoted]  # nothing traded in between: exactly the quote
    assert (trader.balance(ddai), trader.balance(dusd)) == (before[0] + quoted, before[1] - amount)
    assert read_allowance(trader.client, dusd, trader.address, trader.v2_router) == 0


def test_v2_exact_output_paid_in_coin_refunds_the_rest(trader: Trader) -> None:
    dusd = trader.token("DUSD").address
    want = 2_000 * 10**6
    data = keccak256(b"getAmountsIn(uint256,address[])")[:4] + encode(["uint256", "address[]"],
                                                                        [want, [trader.weth, dusd]])
    cost = int(decode(["uint256[]"], trader.w3.eth.call({"to": trader.v2_router, "data": data}))[0][0])
    limit = maximum_in(cost, 100)
    swap = Swap(EXACT_OUT, (SwapLeg((trader.weth, dusd), want, limit),), trader.address, trader.deadline(),
                native_in=True)
    call = v2_router_call(trader.v2_router, trader.weth, swap)
    assert call.value == limit
    eth_before, dusd_before = trader.balance(None), trader.balance(dusd)
    receipt = trader.swap(call)
    assert trader.balance(dusd) == dusd_before + want
    assert trader.balance(None) == eth_before - cost - trader.gas_cost(receipt)  # the surplus came back


def test_v2_exact_input_to_coin(trader: Trader) -> None:
    dusd = trader.token("DUSD").address
    amount = 3_000 * 10**6
    quoted = v2_amounts_out(trader.client, trader.v2_router, amount, (dusd, trader.weth))[-1]
    trader.approve("DUSD", trader.v2_router, amount)
    eth_before = trader.balance(None)
    swap = Swap(EXACT_IN, (SwapLeg((dusd, trader.weth), amount, minimum_out(quoted, 50)),), trader.address,
                trader.deadline(), native_out=True)
    receipt = trader.swap(v2_router_call(trader.v2_router, trader.weth, swap))
    assert trader.balance(None) == eth_before + quoted - trader.gas_cost(receipt)


def test_swap_router_exact_input_single_and_exact_output_multihop(trader: Trader) -> None:
    dusd, ddai = trader.token("DUSD").address, trader.token("DDAI").address
    amount = 500 * 10**6
    quoted = trader.quote_v3_single(dusd, ddai, 500, amount)
    trader.approve("DUSD", trader.swap_router, amount)
    single = Swap(EXACT_IN, (SwapLeg(encode_v3_path([dusd, ddai], [500]), amount, minimum_out(quoted, 50)),),
                  trader.address, trader.deadline())
    receipt = trader.swap(swap_router_call(trader.swap_router, trader.weth, single))
    assert trader.received(receipt, ddai) == [quoted]

    # Exact output over two pools (DDAI -> DUSD -> WETH): exactOutput's path is reversed by the encoder.
    want = 10**17
    trader.approve("DDAI", trader.swap_router, 1_000 * 10**18)
    weth_before, ddai_before = trader.balance(trader.weth), trader.balance(ddai)
    multihop = Swap(EXACT_OUT, (SwapLeg(encode_v3_path([ddai, dusd, trader.weth], [500, 3000]), want,
                                        1_000 * 10**18),), trader.address, trader.deadline())
    receipt = trader.swap(swap_router_call(trader.swap_router, trader.weth, multihop))
    assert trader.balance(trader.weth) == weth_before + want
    assert trader.received(receipt, trader.weth) == [want]
    assert 190 * 10**18 < ddai_before - trader.balance(ddai) < 215 * 10**18  # ~2,010 DUSD per WETH


def test_swap_router_coin_out_is_unwrapped_to_the_user_and_coin_in_refunded(trader: Trader) -> None:
    dusd = trader.token("DUSD").address
    amount = 4_000 * 10**6
    quoted = trader.quote_v3_single(dusd, trader.weth, 3000, amount)
    trader.approve("DUSD", trader.swap_router, amount)
    eth_before = trader.balance(None)
    coin_out = Swap(EXACT_IN, (SwapLeg(encode_v3_path([dusd, trader.weth], [3000]), amount,
                                       minimum_out(quoted, 50)),), trader.address, trader.deadline(), native_out=True)
    call = swap_router_call(trader.swap_router, trader.weth, coin_out)
    review = review_swap(call.to, call.value, call.data, trader.address, known_routers(trader.chain))
    assert review.function == "multicall" and review.legs[0].recipient == trader.swap_router.lower()
    assert review.payouts[0].recipient == trader.address.lower() and review.amount_out_min == minimum_out(quoted, 50)
    receipt = trader.swap(call)
    assert trader.balance(None) == eth_before + quoted - trader.gas_cost(receipt)
    assert trader.balance(trader.weth, trader.swap_router) == 0  # nothing left behind in the router

    want = 1_000 * 10**6
    coin_in = Swap(EXACT_OUT, (SwapLeg(encode_v3_path([trader.weth, dusd], [3000]), want, 10**18),),
                   trader.address, trader.deadline(), native_in=True)
    call = swap_router_call(trader.swap_router, trader.weth, coin_in)
    assert call.value == 10**18
    eth_before, dusd_before = trader.balance(None), trader.balance(dusd)
    receipt = trader.swap(call)
    assert trader.balance(dusd) == dusd_before + want
    spent = eth_before - trader.balance(None) - trader.gas_cost(receipt)
    assert 4 * 10**17 < spent < 6 * 10**17  # ~0.5 ETH for 1,000 DUSD; the rest of the 1 ETH came back
    assert trader.w3.eth.get_balance(trader.swap_router) == 0  # type: ignore[arg-type]


def test_swap_router02_split_over_v2_and_v3_in_one_transaction(trader: Trader) -> None:
    dlnk, duni = trader.token("DLNK").address, trader.token("DUNI").address
    half = 500 * 10**18
    v2_quote = v2_amounts_out(trader.client, trader.v2_router, half, (dlnk, duni))[-1]
    v3_quote = trader.quote_v3_single(dlnk, duni, 3000, half)
    trader.approve("DLNK", trader.swap_router02, 2 * half)
    swap = Swap(EXACT_IN, (SwapLeg((dlnk, duni), half, minimum_out(v2_quote, 50)),
                           SwapLeg(encode_v3_path([dlnk, duni], [3000]), half, minimum_out(v3_quote, 50))),
                trader.address, trader.deadline())
    call = swap_call(trader.chain, swap)  # a split: SwapRouter02, the registry's
    assert call.to == trader.swap_router02
    review = review_swap(call.to, call.value, call.data, trader.address, known_routers(trader.chain))
    assert review.function == "multicall(uint256,bytes[])" and review.deadline == swap.deadline
    assert [(leg.protocol, leg.fees) for leg in review.legs] == [("v2", (3000,)), ("v3", (3000,))]
    before = trader.balance(dlnk), trader.balance(duni)
    receipt = trader.swap(call)
    assert sorted(trader.received(receipt, duni)) == sorted([v2_quote, v3_quote])  # both legs, one transaction
    assert trader.balance(dlnk) == before[0] - 2 * half
    assert trader.balance(duni) == before[1] + v2_quote + v3_quote
    # The split beats the whole amount through either route alone (the devnet is seeded so).
    whole_v2 = v2_amounts_out(trader.client, trader.v2_router, 2 * half, (dlnk, duni), hex(receipt["blockNumber"] - 1))
    assert v2_quote + v3_quote > whole_v2[-1]


def test_swap_router02_split_to_coin_is_paid_out_once(trader: Trader) -> None:
    dusd = trader.token("DUSD").address
    part = 2_000 * 10**6
    v2_quote = v2_amounts_out(trader.client, trader.v2_router, part, (dusd, trader.weth))[-1]
    v3_quote = trader.quote_v3_single(dusd, trader.weth, 3000, part)
    trader.approve("DUSD", trader.swap_router02, 2 * part)
    swap = Swap(EXACT_IN, (SwapLeg((dusd, trader.weth), part, minimum_out(v2_quote, 50)),
                           SwapLeg(encode_v3_path([dusd, trader.weth], [3000]), part, minimum_out(v3_quote, 50))),
                trader.address, trader.deadline(), native_out=True)
    eth_before = trader.balance(None)
    receipt = trader.swap(swap_router02_call(trader.swap_router02, trader.weth, swap))
    assert trader.balance(None) == eth_before + v2_quote + v3_quote - trader.gas_cost(receipt)
    assert trader.balance(trader.weth, trader.swap_router02) == 0


def test_swap_router02_exact_output_split(trader: Trader) -> None:
    dlnk, duni = trader.token("DLNK").address, trader.token("DUNI").address
    want = 200 * 10**18  # per leg; about 100 DLNK each
    swap = Swap(EXACT_OUT, (SwapLeg((dlnk, duni), want, 120 * 10**18),
                            SwapLeg(encode_v3_path([dlnk, duni], [3000]), want, 120 * 10**18)),
                trader.address, trader.deadline())
    for call in approvals_needed(trader.client, trader.chain, trader.address, swap):
        trader.send(call)
    prepared = prepare_swap(trader.client, trader.chain, trader.address, swap, 50)
    assert [leg.function for leg in prepared.review.legs] == ["swapTokensForExactTokens", "exactOutputSingle"]
    before = trader.balance(dlnk), trader.balance(duni)
    receipt = trader.send(prepared.call)
    received = trader.received(receipt, duni)
    # SwapRouter02's V2 leg pays getAmountsIn's rounded-up input and recomputes the output from it
    # (its _swap measures balances), so that leg may deliver a wei or so more than asked.
    assert len(received) == 2 and all(want <= r <= want + 10 for r in received)
    assert trader.balance(duni) == before[1] + sum(received)
    assert 180 * 10**18 < before[0] - trader.balance(dlnk) <= 240 * 10**18


def test_swap_router02_split_paid_in_coin(trader: Trader) -> None:
    dusd = trader.token("DUSD").address
    part = 10**18
    v2_quote = v2_amounts_out(trader.client, trader.v2_router, part, (trader.weth, dusd))[-1]
    v3_quote = trader.quote_v3_single(trader.weth, dusd, 3000, part)
    swap = Swap(EXACT_IN, (SwapLeg((trader.weth, dusd), part, minimum_out(v2_quote, 50)),
                           SwapLeg(encode_v3_path([trader.weth, dusd], [3000]), part, minimum_out(v3_quote, 50))),
                trader.address, trader.deadline(), native_in=True)
    call = swap_call(trader.chain, swap)
    assert call.value == 2 * part
    eth_before, dusd_before = trader.balance(None), trader.balance(dusd)
    receipt = trader.swap(call)
    assert sorted(trader.received(receipt, dusd)) == sorted([v2_quote, v3_quote])
    assert trader.balance(dusd) == dusd_before + v2_quote + v3_quote
    assert trader.balance(None) == eth_before - 2 * part - trader.gas_cost(receipt)
    assert trader.w3.eth.get_balance(trader.swap_router02) == 0  # type: ignore[arg-type]


def test_swap_router02_exact_output_paid_in_coin_refunds(trader: Trader) -> None:
    dusd = trader.token("DUSD").address
    want = 1_500 * 10**6
    swap = Swap(EXACT_OUT, (SwapLeg(encode_v3_path([trader.weth, dusd], [3000]), want, 10**18),),
                trader.address, trader.deadline(), native_in=True)
    eth_before, dusd_before = trader.balance(None), trader.balance(dusd)
    receipt = trader.swap(swap_router02_call(trader.swap_router02, trader.weth, swap))
    assert trader.balance(dusd) == dusd_before + want
    assert eth_before - trader.balance(None) - trader.gas_cost(receipt) < 10**18
    assert trader.w3.eth.get_balance(trader.swap_router02) == 0  # type: ignore[arg-type]


def test_wrap_and_unwrap_alone(trader: Trader) -> None:
    eth_before = trader.balance(None)
    receipt = trader.swap(wrap(trader.weth, 3 * 10**18))  # WETH9 logs Deposit/Withdrawal, not Transfer
    assert trader.balance(trader.weth) == 3 * 10**18
    assert trader.balance(None) == eth_before - 3 * 10**18 - trader.gas_cost(receipt)
    eth_before = trader.balance(None)
    receipt = trader.swap(unwrap(trader.weth, 10**18))
    assert trader.balance(trader.weth) == 2 * 10**18
    assert trader.balance(None) == eth_before + 10**18 - trader.gas_cost(receipt)


def test_expired_deadline_reverts_with_expired_decoded(trader: Trader) -> None:
    dusd, ddai = trader.token("DUSD").address, trader.token("DDAI").address
    trader.approve("DUSD", trader.v2_router, 10**6)
    trader.approve("DUSD", trader.swap_router, 10**6)
    past = trader.deadline() - 3600
    v2 = v2_router_call(trader.v2_router, trader.weth, Swap(
        EXACT_IN, (SwapLeg((dusd, ddai), 10**6, 1),), trader.address, past))
    v3 = swap_router_call(trader.swap_router, trader.weth, Swap(
        EXACT_IN, (SwapLeg(encode_v3_path([dusd, ddai], [500]), 10**6, 1),), trader.address, past))
    for call, reason in ((v2, "UniswapV2Router: EXPIRED"), (v3, "Transaction too old")):
        with pytest.raises(SwapExpiredError) as simulated:
            simulate_swap(trader.client, trader.address, call)
        assert simulated.value.params["reason"] == reason
        # Sent anyway: mined, failed, and the replay at its block says which check and why.
        receipt = trader.send(call, expect_success=False)
        mined = mined_revert_error(trader.client, trader.address, call, int(receipt["blockNumber"]))
        assert isinstance(mined, SwapExpiredError) and mined.params["reason"] == reason


def test_deadline_counts_from_the_chain_not_the_local_clock(trader: Trader) -> None:
    # The chain runs 30 days ahead of this computer's clock (as when the local clock is wrong).
    trader.w3.provider.make_request("evm_increaseTime", [30 * 24 * 3600])  # type: ignore[arg-type]
    trader.w3.provider.make_request("evm_mine", [])  # type: ignore[arg-type]
    dusd, ddai = trader.token("DUSD").address, trader.token("DDAI").address
    trader.approve("DUSD", trader.v2_router, 2 * 10**6)
    by_local_clock = Swap(EXACT_IN, (SwapLeg((dusd, ddai), 10**6, 1),), trader.address, int(time.time()) + 1200)
    with pytest.raises(SwapExpiredError):
        simulate_swap(trader.client, trader.address, v2_router_call(trader.v2_router, trader.weth, by_local_clock))
    by_chain = dataclasses.replace(by_local_clock, deadline=swap_deadline(trader.client))
    receipt = trader.swap(v2_router_call(trader.v2_router, trader.weth, by_chain))
    assert len(trader.received(receipt, ddai)) == 1


def test_price_moved_by_another_trader_reverts_on_the_minimum_and_costs_only_gas(trader: Trader) -> None:
    dusd, ddai = trader.token("DUSD").address, trader.token("DDAI").address
    amount = 10_000 * 10**6
    quoted = v2_amounts_out(trader.client, trader.v2_router, amount, (dusd, ddai))[-1]
    trader.approve("DUSD", trader.v2_router, amount)
    call = v2_router_call(trader.v2_router, trader.weth, Swap(
        EXACT_IN, (SwapLeg((dusd, ddai), amount, minimum_out(quoted, 50)),), trader.address, trader.deadline()))
    simulate_swap(trader.client, trader.address, call)  # fine at the quoted price
    # Another account buys DDAI with DUSD first, moving the price by more than 0.5 %.
    whale = trader.w3.eth.accounts[0]
    trader.w3.eth.wait_for_transaction_receipt(contract(trader.w3, dusd, "DevToken").functions.mint(
        whale, 50_000 * 10**6).transact({"from": whale}))
    router = contract(trader.w3, trader.v2_router, "UniswapV2Router02")
    trader.w3.eth.wait_for_transaction_receipt(router.functions.swapExactTokensForTokens(
        50_000 * 10**6, 1, [dusd, ddai], whale, 2**64).transact({"from": whale}))
    with pytest.raises(SlippageExceededError) as simulated:
        simulate_swap(trader.client, trader.address, call)
    assert simulated.value.params["reason"] == "UniswapV2Router: INSUFFICIENT_OUTPUT_AMOUNT"
    before = trader.balance(None), trader.balance(dusd), trader.balance(ddai)
    receipt = trader.send(call, expect_success=False)
    assert trader.balance(dusd) == before[1] and trader.balance(ddai) == before[2]  # nothing lost but gas
    assert trader.balance(None) == before[0] - trader.gas_cost(receipt)
    assert isinstance(mined_revert_error(trader.client, trader.address, call, int(receipt["blockNumber"])),
                      SlippageExceededError)


def test_v3_minimum_above_the_pool_reverts_too_little_received(trader: Trader) -> None:
    dusd, ddai = trader.token("DUSD").address, trader.token("DDAI").address
    amount = 100 * 10**6
    quoted = trader.quote_v3_single(dusd, ddai, 500, amount)
    trader.approve("DUSD", trader.swap_router02, amount)
    call = swap_router02_call(trader.swap_router02, trader.weth, Swap(
        EXACT_IN, (SwapLeg(encode_v3_path([dusd, ddai], [500]), amount, quoted + 1),), trader.address,
        trader.deadline()))
    with pytest.raises(SlippageExceededError) as simulated:
        simulate_swap(trader.client, trader.address, call)
    assert simulated.value.params["reason"] == "Too little received"
    exact_out = swap_router_call(trader.swap_router, trader.weth, Swap(
        EXACT_OUT, (SwapLeg(encode_v3_path([dusd, ddai], [500]), 10**18, 10**5),), trader.address,
        trader.deadline()))
    trader.approve("DUSD", trader.swap_router, 10**7)  # the pool is paid before the maximum is checked
    with pytest.raises(ExcessiveInputError) as simulated_in:
        simulate_swap(trader.client, trader.address, exact_out)
    assert simulated_in.value.params["reason"] == "Too much requested"


def test_missing_allowance_is_reported_as_a_transfer_failure(trader: Trader) -> None:
    dusd, ddai = trader.token("DUSD").address, trader.token("DDAI").address
    call = swap_router_call(trader.swap_router, trader.weth, Swap(
        EXACT_IN, (SwapLeg(encode_v3_path([dusd, ddai], [500]), 10**6, 1),), trader.address, trader.deadline()))
    with pytest.raises(TransferFromFailedError) as error:
        simulate_swap(trader.client, trader.address, call)
    assert error.value.params["reason"] == "STF"


def test_calldata_paying_someone_else_is_refused_before_signing(trader: Trader) -> None:
    dusd, ddai = trader.token("DUSD").address, trader.token("DDAI").address
    thief = Account.create().address
    call = swap_router02_call(trader.swap_router02, trader.weth, Swap(
        EXACT_IN, (SwapLeg((dusd, ddai), 10**6, 1),), thief, trader.deadline()))
    with pytest.raises(RecipientNotOwnerError):
        trader.swap(call)
    assert trader.balance(ddai, thief) == 0


@pytest.fixture(scope="session")
def usdt_like_artifact(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """tests/contracts/UsdtLikeToken.sol compiled with the project's pinned solc-js."""
    source = (Path(__file__).parent / "contracts" / "UsdtLikeToken.sol").read_text(encoding="utf-8")
    script = """
const solc = require("solc");
const input = {language: "Solidity", sources: {"T.sol": {content: process.argv[1]}},
  settings: {evmVersion: "paris", outputSelection: {"*": {"*": ["abi", "evm.bytecode.object"]}}}};
const out = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (out.errors || []).filter((e) => e.severity === "error");
if (errors.length) { console.error(JSON.stringify(errors)); process.exit(1); }
const c = out.contracts["T.sol"]["UsdtLikeToken"];
console.log(JSON.stringify({abi: c.abi, bytecode: "0x" + c.evm.bytecode.object}));
"""
    done = subprocess.run(["node", "-e", script, source], cwd=PROJECT_ROOT, capture_output=True, text=True,
                          check=True)
    artifact: dict[str, Any] = json.loads(done.stdout)
    return artifact


def test_usdt_style_token_is_approved_to_zero_first_and_swaps_without_return_values(
        trader: Trader, usdt_like_artifact: dict[str, Any]) -> None:
    w3, dev = trader.w3, trader.w3.eth.accounts[0]
    factory = w3.eth.contract(abi=usdt_like_artifact["abi"], bytecode=usdt_like_artifact["bytecode"])
    token = w3.eth.contract(address=w3.eth.wait_for_transaction_receipt(factory.constructor().transact(
        {"from": dev}))["contractAddress"], abi=usdt_like_artifact["abi"])
    tusd, dusd = str(token.address), trader.token("DUSD").address
    for holder in (dev, trader.address):
        w3.eth.wait_for_transaction_receipt(token.functions.mint(holder, 1_000_000 * 10**6).transact({"from": dev}))
    # A V2 pair for it, so that a real swap moves it with transfers that return nothing.
    router = contract(w3, trader.v2_router, "UniswapV2Router02")
    dusd_token = contract(w3, dusd, "DevToken")
    w3.eth.wait_for_transaction_receipt(dusd_token.functions.mint(dev, 100_000 * 10**6).transact({"from": dev}))
    for erc20 in (token, dusd_token):
        w3.eth.wait_for_transaction_receipt(erc20.functions.approve(trader.v2_router, MAX_UINT256)
                                            .transact({"from": dev}))
    w3.eth.wait_for_transaction_receipt(router.functions.addLiquidity(
        tusd, dusd, 100_000 * 10**6, 100_000 * 10**6, 0, 0, dev, 2**64).transact({"from": dev}))

    trader.send(approve_call(tusd, trader.v2_router, 5 * 10**6))  # a leftover allowance
    trader.send(approve_call(tusd, trader.v2_router, 7 * 10**6), expect_success=False)  # USDT refuses to raise it
    calls = approval_calls(trader.client, tusd, trader.address, trader.v2_router, 1_000 * 10**6)
    assert [c.data[-32:] for c in calls] == [bytes(32), (1_000 * 10**6).to_bytes(32, "big")]
    for call in calls:
        trader.send(call)  # each mined before the next
    assert read_allowance(trader.client, tusd, trader.address, trader.v2_router) == 1_000 * 10**6

    quoted = v2_amounts_out(trader.client, trader.v2_router, 1_000 * 10**6, (tusd, dusd))[-1]
    dusd_before = trader.balance(dusd)
    receipt = trader.swap(v2_router_call(trader.v2_router, trader.weth, Swap(
        EXACT_IN, (SwapLeg((tusd, dusd), 1_000 * 10**6, minimum_out(quoted, 50)),), trader.address,
        trader.deadline())))
    assert trader.balance(dusd) == dusd_before + quoted and trader.received(receipt, dusd) == [quoted]
    assert trader.balance(tusd) == 999_000 * 10**6


def test_allowances_to_every_router_are_read_in_one_round_trip_and_revoked(trader: Trader) -> None:
    dusd, ddai, dlnk = (trader.token(s).address for s in ("DUSD", "DDAI", "DLNK"))
    spenders = router_spenders(trader.chain)
    assert set(spenders) == {trader.v2_router, trader.swap_router, trader.swap_router02}
    trader.send(approve_call(dusd, trader.v2_router, 123))
    trader.send(approve_call(ddai, trader.swap_router02, MAX_UINT256))
    sent = trader.client.requests_sent
    allowances = read_allowances(trader.client, trader.chain, trader.address, [dusd, ddai, dlnk])
    assert trader.client.requests_sent == sent + 1
    assert {(a.token, a.spender): a.amount for a in allowances if a.amount} == {
        (dusd, trader.v2_router): 123, (ddai, trader.swap_router02): MAX_UINT256}
    assert len(allowances) == 9 and all(a.amount is not None for a in allowances)
    for allowance in (a for a in allowances if a.amount):
        trader.send(revoke_call(allowance.token, allowance.spender))
    assert all(a.amount == 0 for a in read_allowances(trader.client, trader.chain, trader.address,
                                                       [dusd, ddai, dlnk]))


def test_fee_on_transfer_token_is_detected_and_traded_with_the_supporting_functions(trader: Trader) -> None:
    dfot = trader.token("DFOT").address
    buy = Swap(EXACT_IN, (SwapLeg((trader.weth, dfot), 10**18, 1),), trader.address, trader.deadline(),
               native_in=True)
    assert takes_fee_on_transfer(trader.client, trader.v2_router, trader.weth, trader.address, buy)
    expected = v2_amounts_out(trader.client, trader.v2_router, 10**18, (trader.weth, dfot))[-1]
    net = fee_on_transfer_amount_out(trader.client, trader.v2_router, trader.weth, trader.address, buy)
    assert expected - expected // 100 - expected // 10_000 <= net <= expected - expected // 100  # 1 % burnt
    receipt = trader.swap(v2_router_call(trader.v2_router, trader.weth, dataclasses.replace(
        buy, legs=(SwapLeg((trader.weth, dfot), 10**18, minimum_out(net, 50)),), fee_on_transfer=True)))
    bought = trader.balance(dfot)
    assert trader.received(receipt, dfot) == [bought] and bought == expected - expected // 100

    sell = Swap(EXACT_IN, (SwapLeg((dfot, trader.weth), bought, 1),), trader.address, trader.deadline(),
                native_out=True)
    trader.approve(dfot, trader.v2_router, bought)
    assert takes_fee_on_transfer(trader.client, trader.v2_router, trader.weth, trader.address, sell)
    net = fee_on_transfer_amount_out(trader.client, trader.v2_router, trader.weth, trader.address, sell)
    eth_before = trader.balance(None)
    receipt = trader.swap(v2_router_call(trader.v2_router, trader.weth, dataclasses.replace(
        sell, legs=(SwapLeg((dfot, trader.weth), bought, minimum_out(net, 50)),), fee_on_transfer=True)))
    assert trader.balance(dfot) == 0
    received = trader.balance(None) - eth_before + trader.gas_cost(receipt)
    assert net <= received <= net + net // 10_000

    dusd, ddai = trader.token("DUSD").address, trader.token("DDAI").address
    trader.approve("DUSD", trader.v2_router, 10**6)
    plain = Swap(EXACT_IN, (SwapLeg((dusd, ddai), 10**6, 1),), trader.address, trader.deadline())
    assert not takes_fee_on_transfer(trader.client, trader.v2_router, trader.weth, trader.address, plain)


def raw_receipt(trader: Trader, receipt: dict[str, Any]) -> dict[str, Any]:
    """The receipt as the wallet's own client reads it (JSON-RPC form, not web3's)."""
    tx_hash = "0x" + bytes(receipt["transactionHash"]).hex()
    raw: dict[str, Any] = trader.client.request("eth_getTransactionReceipt", [tx_hash])
    return raw


def test_prepared_fee_on_transfer_sale_waits_for_its_approval_and_uses_the_supporting_function(
        trader: Trader) -> None:
    dfot = trader.token("DFOT").address
    trader.swap(v2_router_call(trader.v2_router, trader.weth, Swap(
        EXACT_IN, (SwapLeg((trader.weth, dfot), 10**18, 1),), trader.address, trader.deadline(), native_in=True,
        fee_on_transfer=True)))
    held = trader.balance(dfot)
    quoted = v2_amounts_out(trader.client, trader.v2_router, held, (dfot, trader.weth))[-1]
    sale = Swap(EXACT_IN, (SwapLeg((dfot, trader.weth), held, minimum_out(quoted, 50)),), trader.address,
                trader.deadline(), native_out=True)
    approvals = approvals_needed(trader.client, trader.chain, trader.address, sale)
    assert [c.to for c in approvals] == [dfot]
    with pytest.raises(TransferFromFailedError):  # before the approval is mined, the swap cannot be prepared
        prepare_swap(trader.client, trader.chain, trader.address, sale, 50)
    for call in approvals:
        trader.send(call)
    prepared = prepare_swap(trader.client, trader.chain, trader.address, sale, 50)
    assert prepared.swap.fee_on_transfer and prepared.review.legs[0].function == (
        "swapExactTokensForETHSupportingFeeOnTransferTokens")
    assert prepared.review.amount_out_min < minimum_out(quoted, 50)  # from what the route really delivers
    eth_before = trader.balance(None)
    receipt = trader.send(prepared.call)
    got = amount_received(raw_receipt(trader, receipt)["logs"], None, trader.address, trader.weth, trader.v2_router)
    assert got == trader.balance(None) - eth_before + trader.gas_cost(receipt)
    assert got >= prepared.review.amount_out_min


def test_prepared_split_reports_the_amount_received_from_the_receipt(trader: Trader) -> None:
    dlnk, duni = trader.token("DLNK").address, trader.token("DUNI").address
    half = 300 * 10**18
    v2_quote = v2_amounts_out(trader.client, trader.v2_router, half, (dlnk, duni))[-1]
    v3_quote = trader.quote_v3_single(dlnk, duni, 3000, half)
    swap = Swap(EXACT_IN, (SwapLeg((dlnk, duni), half, minimum_out(v2_quote, 50)),
                           SwapLeg(encode_v3_path([dlnk, duni], [3000]), half, minimum_out(v3_quote, 50))),
                trader.address, trader.deadline())
    for call in approvals_needed(trader.client, trader.chain, trader.address, swap):
        trader.send(call)
    assert approvals_needed(trader.client, trader.chain, trader.address, swap) == []
    prepared = prepare_swap(trader.client, trader.chain, trader.address, swap, 50)
    check_coin_for_gas(trader.chain, trader.balance(None), prepared.call, SWAP_GAS, 10**9)
    before = trader.balance(duni)
    receipt = trader.send(prepared.call)
    got = amount_received(raw_receipt(trader, receipt)["logs"], duni, trader.address, trader.weth, prepared.call.to)
    assert got == trader.balance(duni) - before == v2_quote + v3_quote  # nothing traded in between: the quote


def test_an_account_that_cannot_pay_the_fee_is_stopped_before_signing(trader: Trader) -> None:
    call = wrap(trader.weth, 10**18)
    balance = 10**18 + SWAP_GAS * 10**9 - 1
    with pytest.raises(NotEnoughCoinForGasError):
        check_coin_for_gas(trader.chain, balance, call, SWAP_GAS, 10**9)
    check_coin_for_gas(trader.chain, balance + 1, call, SWAP_GAS, 10**9)
