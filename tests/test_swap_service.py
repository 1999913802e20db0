"""The Swap page's service on the devnet: tokens with balances, a pasted address, quotes (V3, V2 and a
split chosen as the devnet is seeded), bad input refused before anything is sent, approve then swap
recorded for History, and the reverts a user meets (price moved, deadline passed) stopped before
signing with their own message."""

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
from wallet.chains.rpc import ChainClient
from wallet.devnet import Devnet
from wallet.devnet.artifacts import load_artifact
from wallet.dex.amm.errors import SameTokenError, SwapAmountError
from wallet.dex.amm.swap_policy import ConfirmationRequiredError
from wallet.dex.amm.swap_reverts import SlippageExceededError, SwapExpiredError
from wallet.services.swap import (
    AmountAboveBalanceError,
    QuoteNodeError,
    Quoters,
    Step,
    SwapChainChangedError,
    SwapChangedError,
    SwapPlan,
    SwapRequest,
    SwapToken,
    SwapWarning,
    execute,
    lookup_token,
    prepare_plan,
    quote_swap,
    swap_tokens,
    swap_transaction,
)
from wallet.services.tokens import NotAContractError
from wallet.store.db import connect
from wallet.store.tokens import TokenStore
from wallet.store.transactions import TransactionStore

WHOLE = 10**18


@dataclasses.dataclass
class Desk:
    chain: Chain
    w3: Web3
    client: ChainClient
    signer: HotSigner
    owner: str
    tokens: TokenStore
    store: TransactionStore
    quoters: Quoters

    def mint(self, symbol: str, amount: int, to: str | None = None) -> None:
        token = self.w3.eth.contract(address=self.address(symbol), abi=load_artifact("DevToken").abi)  # type: ignore[arg-type]
        self.w3.eth.wait_for_transaction_receipt(token.functions.mint(to or self.owner, amount)
                                                 .transact({"from": self.w3.eth.accounts[0]}))

    def address(self, symbol: str) -> str:
        return next(t.address for t in self.chain.tokens if t.symbol == symbol)

    def balance(self, symbol: str | None) -> int:
        if symbol is None:
            return int(self.w3.eth.get_balance(self.owner))  # type: ignore[arg-type]
        token = self.w3.eth.contract(address=self.address(symbol), abi=load_artifact("DevToken").abi)  # type: ignore[arg-type]
        return int(token.functions.balanceOf(self.owner).call())

    def side(self, symbol: str | None) -> SwapToken:
        listed = swap_tokens(self.client, self.chain, self.tokens, self.owner)
        return next(t for t in listed if (t.address is None if symbol is None else t.symbol == symbol))

    def request(self, sold: str | None, bought: str | None, amount: int, exact_output: bool = False) -> SwapRequest:
        return SwapRequest(self.chain, self.owner, self.side(sold), self.side(bought), amount, exact_output)


@pytest.fixture
def desk(chain_state: Devnet, tmp_path: Path) -> Iterator[Desk]:
    chain = chain_state.chains[0]
    w3 = Web3(Web3.HTTPProvider(chain.rpc_urls[0]))
    account = Account.create()
    w3.provider.make_request("anvil_setBalance", [account.address, hex(100 * WHOLE)])  # type: ignore[arg-type]
    db = connect(tmp_path / "wallet.db")
    d = Desk(chain, w3, ChainClient(chain), HotSigner(private_key=bytes(account.key)), account.address,
             TokenStore(db), TransactionStore(db), Quoters())
    d.mint("DLNK", 1_000 * WHOLE)
    yield d


def test_tokens_come_with_balances_and_a_pasted_address_is_checked_on_chain(desk: Desk) -> None:
    listed = swap_tokens(desk.client, desk.chain, desk.tokens, desk.owner)
    assert listed[0].address is None and listed[0].balance == 100 * WHOLE  # the coin first
    dlnk = next(t for t in listed if t.symbol == "DLNK")
    assert dlnk.balance == 1_000 * WHOLE and dlnk.trusted

    artifact = load_artifact("DevToken")  # a token anyone could deploy, named like the devnet's dollar
    deploy = desk.w3.eth.contract(abi=artifact.abi, bytecode=artifact.bytecode).constructor("Fake", "DUЅD", 6)
    fake = desk.w3.eth.wait_for_transaction_receipt(deploy.transact({"from": desk.w3.eth.accounts[0]}))
    pasted = lookup_token(desk.client, desk.chain, desk.tokens, desk.owner, fake["contractAddress"])
    assert (pasted.symbol, pasted.decimals, pasted.balance, pasted.trusted) == ("DUЅD", 6, 0, False)
    with pytest.raises(NotAContractError):
        lookup_token(desk.client, desk.chain, desk.tokens, desk.owner, Account.create().address)


def test_bad_input_is_refused_before_the_node_is_asked(desk: Desk) -> None:
    with pytest.raises(SameTokenError):
        quote_swap(desk.client, desk.quoters, desk.request("DLNK", "DLNK", WHOLE))
    with pytest.raises(SwapAmountError):
        quote_swap(desk.client, desk.quoters, desk.request("DLNK", "DUSD", 0))
    with pytest.raises(AmountAboveBalanceError, match="holds only 1,000 DLNK"):
        quote_swap(desk.client, desk.quoters, desk.request("DLNK", "DUSD", 1_001 * WHOLE))
    with hostile_rpc("wrong_shape") as url:  # a node that answers its chain id, then nonsense
        broken = ChainClient(dataclasses.replace(desk.chain, rpc_urls=(url,)), rounds=1)
        with pytest.raises(QuoteNodeError):
            quote_swap(broken, Quoters(), desk.request("DLNK", "DUSD", WHOLE))


def test_quotes_pick_v3_v2_or_a_split_as_the_pools_say(desk: Desk) -> None:
    v3 = quote_swap(desk.client, desk.quoters, desk.request("DLNK", "DUSD", 100 * WHOLE))
    assert [(r.protocol, r.fees, r.percent) for r in v3.routes] == [("V3", (500,), 100)]
    assert v3.routes[0].symbols == ("DLNK", "DUSD") and v3.gas_units > 0
    assert v3.gas_cost_usd is not None and v3.gas_cost_usd > 0  # the devnet's pools price its coin
    desk.mint("DUNI", 100 * WHOLE)
    v2 = quote_swap(desk.client, desk.quoters, desk.request("DUNI", "DUSD", 100 * WHOLE))
    assert [r.protocol for r in v2.routes] == ["V2"]
    split = quote_swap(desk.client, desk.quoters, desk.request("DLNK", "DUNI", 1_000 * WHOLE))
    assert sorted(r.protocol for r in split.routes) == ["V2", "V3"] and sum(r.percent for r in split.routes) == 100


def test_approve_then_swap_receives_the_quote_and_both_are_recorded(desk: Desk) -> None:
    request = desk.request("DLNK", "DUSD", 100 * WHOLE)
    plan = prepare_plan(desk.client, desk.quoters, request, 50)
    assert len(plan.approvals) == 1 and not plan.simulated
    assert plan.review.recipients == (desk.owner.lower(),) and plan.limit == plan.quoted.amount_out * 9950 // 10_000
    before = desk.balance("DLNK"), desk.balance("DUSD")
    steps: list[Step] = []
    outcome = execute(desk.client, desk.store, desk.signer, None, plan, progress=steps.append)
    assert steps == [Step.APPROVE, Step.SWAP, Step.CONFIRMING]
    assert outcome.amount_received == plan.quoted.amount_out  # nothing traded in between: exactly the quote
    received = outcome.amount_received
    assert (desk.balance("DLNK"), desk.balance("DUSD")) == (before[0] - 100 * WHOLE, before[1] + received)
    swap, approve = desk.store.history(desk.chain.chain_id)
    assert (approve.kind, approve.status, approve.amount, approve.recipient) == (
        "approve", "confirmed", 100 * WHOLE, Web3.to_checksum_address(plan.call.to))
    assert (swap.kind, swap.status, swap.symbol, swap.amount) == ("swap", "confirmed", "DLNK", 100 * WHOLE)
    assert swap.details is not None and int(swap.details["amount_received"]) == outcome.amount_received
    assert swap.details["symbol_out"] == "DUSD"


def _front_run(desk: Desk, plan: SwapPlan) -> None:
    """Another account sells the same token into the same pools first."""
    other = Account.create()
    desk.w3.provider.make_request("anvil_setBalance", [other.address, hex(10 * WHOLE)])  # type: ignore[arg-type]
    desk.mint("DLNK", 2_000 * WHOLE, other.address)
    rival = Desk(desk.chain, desk.w3, desk.client, HotSigner(private_key=bytes(other.key)), other.address,
                 desk.tokens, desk.store, Quoters())
    rival_plan = prepare_plan(desk.client, rival.quoters, rival.request("DLNK", "DUSD", 2_000 * WHOLE), 5_000)
    execute(desk.client, desk.store, rival.signer, None, rival_plan)
    assert rival_plan.call.to == plan.call.to  # through the same router and pool


def test_a_price_moved_or_a_deadline_passed_stops_before_signing(desk: Desk) -> None:
    desk.w3.provider.make_request("anvil_setBalance", [desk.owner, hex(100 * WHOLE)])  # type: ignore[arg-type]
    plan = prepare_plan(desk.client, desk.quoters, desk.request(None, "DLNK", WHOLE), 50, deadline_s=60)
    assert plan.simulated and not plan.approvals  # coin in: nothing to approve
    desk.w3.provider.make_request("evm_increaseTime", [120])  # type: ignore[arg-type]
    desk.w3.provider.make_request("evm_mine", [])  # type: ignore[arg-type]
    with pytest.raises(SwapExpiredError):
        swap_transaction(desk.client, desk.store, plan)

    plan = prepare_plan(desk.client, desk.quoters, desk.request("DLNK", "DUSD", 100 * WHOLE), 50)
    _front_run(desk, plan)
    dlnk_before = desk.balance("DLNK")
    with pytest.raises(SlippageExceededError):
        execute(desk.client, desk.store, desk.signer, None, plan)
    assert desk.balance("DLNK") == dlnk_before  # approved, simulated, refused: nothing swapped
    assert [r.kind for r in desk.store.history() if r.sender == desk.owner] == ["approve"]


def test_high_slippage_warns_a_big_price_impact_needs_the_typed_word_and_another_chain_is_refused(
        desk: Desk, chain_state: Devnet) -> None:
    plan = prepare_plan(desk.client, desk.quoters, desk.request("DLNK", "DUSD", WHOLE), 600)
    assert SwapWarning.HIGH_SLIPPAGE in plan.warnings and SwapWarning.UNTRUSTED_TOKEN not in plan.warnings
    with pytest.raises(SwapChainChangedError, match="now on"):  # the user switched networks after the review
        swap_transaction(ChainClient(chain_state.chains[1]), desk.store, plan)

    desk.mint("DUNI", 27_000 * WHOLE)  # about 13 % of the deep V2 pair's 200,000 DUNI
    plan = prepare_plan(desk.client, desk.quoters, desk.request("DUNI", "DUSD", 27_000 * WHOLE), 50)
    assert 1_000 <= plan.quoted.price_impact_bps < 1_500  # the tier between "warn" and "refuse"
    assert plan.needs_typed_confirmation
    with pytest.raises(ConfirmationRequiredError):
        execute(desk.client, desk.store, desk.signer, None, plan, typed_confirmation="ok")
    assert desk.store.history() == []  # refused before the approval was signed


def test_wrapping_and_unwrapping_are_a_one_to_one_route(desk: Desk) -> None:
    weth = desk.chain.wrapped_native
    assert weth is not None
    eth_before = desk.balance(None)
    plan = prepare_plan(desk.client, desk.quoters, desk.request(None, "WETH", 2 * WHOLE), 50)
    assert [r.protocol for r in plan.quoted.routes] == ["WETH"] and plan.review.wrap_amount == 2 * WHOLE
    wrapped = execute(desk.client, desk.store, desk.signer, None, plan)
    assert wrapped.amount_received == 2 * WHOLE and desk.balance("WETH") == 2 * WHOLE
    plan = prepare_plan(desk.client, desk.quoters, desk.request("WETH", None, WHOLE), 50)
    assert plan.review.unwrap_amount == WHOLE and not plan.approvals  # the coin's own contract: nothing to approve
    unwrapped = execute(desk.client, desk.store, desk.signer, None, plan)
    assert desk.balance("WETH") == WHOLE
    assert desk.balance(None) == eth_before - WHOLE - wrapped.fee_paid - unwrapped.fee_paid


def test_selling_the_fee_on_transfer_token_asks_for_a_new_review_once_its_approval_is_mined(desk: Desk) -> None:
    desk.mint("DFOT", 100 * WHOLE)
    plan = prepare_plan(desk.client, desk.quoters, desk.request("DFOT", None, 50 * WHOLE), 50)
    assert plan.approvals and not plan.review.legs[0].fee_on_transfer  # cannot be told before the allowance exists
    with pytest.raises(SwapChangedError, match="takes a fee on transfers"):
        execute(desk.client, desk.store, desk.signer, None, plan)
    assert [r.kind for r in desk.store.history()] == ["approve"]  # the unseen swap was not signed

    plan = prepare_plan(desk.client, desk.quoters, desk.request("DFOT", None, 50 * WHOLE), 50)
    assert not plan.approvals and plan.swap is not None and plan.swap.fee_on_transfer
    assert plan.review.function == "swapExactTokensForETHSupportingFeeOnTransferTokens"
    eth_before = desk.balance(None)
    outcome = execute(desk.client, desk.store, desk.signer, None, plan)
    assert plan.limit <= outcome.amount_received < plan.quoted.amount_out  # the token's fee came off
    assert desk.balance(None) == eth_before + outcome.amount_received - outcome.fee_paid
    assert desk.balance("DFOT") == 50 * WHOLE
