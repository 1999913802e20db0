"""Native and token balances of many accounts in as few requests as possible, coin balances verified.

The snapshot comes from one node: with Multicall3, one ``eth_blockNumber`` and then one JSON-RPC
batch of ``eth_call``s, one per 500 balances, all at that block (two round trips; a node that refuses
batches gets the calls one by one); without it (a custom chain), one request per balance. When the
chain has two or more nodes, the coin balances are then proven against that block
(``wallet.services.balance_verification``): one header request per node, one batch of proofs. A
node caught lying is distrusted and the snapshot is taken again, at the same block, from the next
node (at most once per node), so what is shown is what the proofs say.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from eth_abi.abi import encode

from wallet.chains.amounts import usd_value
from wallet.chains.multicall import GET_ETH_BALANCE_SELECTOR, Call, aggregate3, decode_hex_data, function_call
from wallet.chains.registry import Chain, TokenInfo
from wallet.chains.rpc import (
    AllEndpointsFailedError,
    ChainClient,
    JsonRpcEndpoint,
    RpcError,
    RpcRemoteError,
    quantity,
)
from wallet.errors import WalletError
from wallet.services.balance_verification import (
    BalanceContradictedError,
    BlockAgreement,
    NotVerifiedError,
    agree_on_block,
    prove_coin_balances,
)
from wallet.services.prices import price_calls, prices_from_results
from wallet.translatable import QT_TRANSLATE_NOOP

BALANCE_OF = "balanceOf(address)"
NATIVE = ""  # the token address that stands for the chain's own coin in ``BalanceSheet.failed``


@dataclass(frozen=True)
class Verification:
    """Whether the sheet's coin balances are proven against a block ``agreeing_nodes`` nodes vouched
    for; if not, ``reason`` says why. Token balances are never proven."""

    verified: bool
    agreeing_nodes: int = 0
    reason: WalletError | None = None


@dataclass(frozen=True)
class BalanceSheet:
    chain_key: str
    block_number: int
    native: dict[str, int]  # owner -> wei
    tokens: dict[tuple[str, str], int]  # (owner, token address) -> raw amount
    # (owner, token address or NATIVE) whose read reverted or came back malformed: unknown, not zero
    failed: set[tuple[str, str]] = field(default_factory=set)
    # USD per whole unit, by token address (NATIVE for the coin), where the chain's DEX knows one
    usd_prices: dict[str, Decimal] = field(default_factory=dict)
    verification: Verification = field(default_factory=lambda: Verification(verified=False))
    # the chain's nodes caught lying so far (this refresh or before): redacted label -> why
    distrusted: dict[str, WalletError] = field(default_factory=dict)

    def token_total(self, token: str) -> int:
        return sum(amount for (_, address), amount in self.tokens.items() if address == token)


@dataclass(frozen=True)
class Holding:
    """One coin or token of one account, with its indicative USD price and what that makes it worth."""

    address: str  # the token's address, NATIVE for the chain's coin
    symbol: str
    name: str
    decimals: int
    amount: int | None  # None: the read failed (unknown, never taken as zero)
    price: Decimal | None  # USD per whole unit; None: the chain's DEX knows no price
    value: Decimal | None  # amount × price; None without a price or an amount

    @property
    def is_coin(self) -> bool:
        return self.address == NATIVE

    @property
    def is_zero(self) -> bool:
        """A known zero balance (one whose read failed is not zero: it is unknown)."""
        return self.amount == 0


@dataclass(frozen=True)
class AccountPortfolio:
    owner: str
    holdings: tuple[Holding, ...]  # by value, largest first (see ``holding_order``)
    # The sum of the holdings' values; None when not one of them has a value (no prices on the chain).
    total_usd: Decimal | None
    unknown: int  # balances whose read failed: the total leaves them out


@dataclass(frozen=True)
class Portfolio:
    """Every account's coins and tokens on one chain at one block, valued in USD where a price is known."""

    chain_key: str
    block_number: int
    accounts: dict[str, AccountPortfolio]  # by owner address
    total_usd: Decimal | None  # the sum of the accounts' totals; None when no account has one


def holding_order(holding: Holding) -> tuple[bool, Decimal, bool, str]:
    """Largest value first; holdings without a value after those with one; the coin first among equals."""
    return holding.value is None, -(holding.value or Decimal(0)), not holding.is_coin, holding.symbol.casefold()


def _sum(values: Sequence[Decimal | None]) -> Decimal | None:
    known = [value for value in values if value is not None]
    return sum(known, Decimal(0)) if known else None


def build_portfolio(sheet: BalanceSheet, chain: Chain, owners: Sequence[str], tokens: Sequence[TokenInfo]) -> Portfolio:
    """The sheet arranged per account, valued and sorted. Pure computation: 10 accounts × 200 tokens
    take a few milliseconds, so a refresh does it in its task, off the GUI thread."""
    coin_price = sheet.usd_prices.get(NATIVE)
    accounts: dict[str, AccountPortfolio] = {}
    for owner in owners:
        wei = sheet.native.get(owner)
        holdings = [Holding(NATIVE, chain.native.symbol, chain.native.name, chain.native.decimals, wei, coin_price,
                            None if wei is None else usd_value(wei, chain.native.decimals, coin_price))]
        for token in tokens:
            amount = sheet.tokens.get((owner, token.address))
            price = sheet.usd_prices.get(token.address)
            holdings.append(Holding(token.address, token.symbol, token.name, token.decimals, amount, price,
                                    None if amount is None else usd_value(amount, token.decimals, price)))
        holdings.sort(key=holding_order)
        accounts[owner] = AccountPortfolio(owner, tuple(holdings), _sum([h.value for h in holdings]),
                                           sum(1 for h in holdings if h.amount is None))
    return Portfolio(sheet.chain_key, sheet.block_number, accounts,
                     _sum([account.total_usd for account in accounts.values()]))


def fetch_balances(client: ChainClient, chain: Chain, owners: Sequence[str],
                   tokens: Sequence[TokenInfo]) -> BalanceSheet:
    """One snapshot of every balance, its coin balances proven when two or more nodes agree on its block.

    Round trips: the snapshot's (above); with two nodes or more, one per node and one more (the proofs);
    each node caught lying costs one snapshot more (it is distrusted, the next node answers). When
    every node fails, the round is retried after a backoff, as ``ChainClient.request`` does.
    """
    refresh = _Refresh(client, chain, owners, tokens)
    for round_index in range(client.rounds):
        if round_index:
            time.sleep(client.backoff_s * 2 ** (round_index - 1))
        for endpoint in _preference_order(client):
            sheet = refresh.attempt(endpoint)
            if sheet is not None:
                return sheet
        if refresh.last is None:
            break  # no node failed to answer; they were all caught lying: asking again will not help
    raise AllEndpointsFailedError(chain=chain.name,
                                  last=refresh.last or QT_TRANSLATE_NOOP("WalletError", "no trusted node is left"))


class _Refresh:
    """One refresh: the block it is pinned to and the nodes' agreement on it, kept across the nodes
    asked in turn, so a node caught lying is replaced by the next at the same block."""

    def __init__(self, client: ChainClient, chain: Chain, owners: Sequence[str], tokens: Sequence[TokenInfo]) -> None:
        self.client, self.chain, self.owners, self.tokens = client, chain, owners, tokens
        self.block: int | None = None
        self.agreement: BlockAgreement | NotVerifiedError | None = None
        self.last: RpcError | None = None

    def attempt(self, endpoint: JsonRpcEndpoint) -> BalanceSheet | None:
        """The sheet from ``endpoint``, verified if possible; None if it failed or was caught lying."""
        client = self.client
        if endpoint not in client.trusted_endpoints():
            return None  # caught lying during this refresh
        try:
            if self.block is None:
                self.block = client.request_on(endpoint, "eth_blockNumber", parse=quantity("eth_blockNumber"))
            sheet = _snapshot(client, endpoint, self.chain, self.owners, self.tokens, self.block)
        except RpcRemoteError:
            raise  # the node refused the request itself: another node would too
        except RpcError as error:
            self.last = error
            return None
        if self.agreement is None:
            self.agreement = agree_on_block(client, self.block)
        if endpoint not in client.trusted_endpoints():
            return None  # its own header was forged
        if isinstance(self.agreement, NotVerifiedError):
            return _with_verification(client, sheet, Verification(verified=False, reason=self.agreement))
        proven = prove_coin_balances(client, self.agreement, endpoint, self.owners)
        if endpoint not in client.trusted_endpoints():
            return None  # its own proof was forged
        if isinstance(proven, NotVerifiedError):
            return _with_verification(client, sheet, Verification(verified=False, reason=proven))
        contradicted = [o for o in self.owners if o in sheet.native and sheet.native[o] != proven[o]]
        if contradicted:
            client.distrust(endpoint, BalanceContradictedError(endpoint=endpoint.label, address=contradicted[0],
                                                               block=self.block))
            return None
        sheet = dataclasses.replace(sheet, native=proven, failed={p for p in sheet.failed if p[1] != NATIVE})
        return _with_verification(client, sheet,
                                  Verification(verified=True, agreeing_nodes=len(self.agreement.nodes)))


def _preference_order(client: ChainClient) -> list[JsonRpcEndpoint]:
    """Trusted nodes, those not on a failure cooldown first (as ``ChainClient.request`` orders them)."""
    healthy = set(client.healthy_endpoints())
    trusted = client.trusted_endpoints()
    return [e for e in trusted if e.label in healthy] + [e for e in trusted if e.label not in healthy]


def _with_verification(client: ChainClient, sheet: BalanceSheet, verification: Verification) -> BalanceSheet:
    return dataclasses.replace(sheet, verification=verification, distrusted=client.distrusted)


def _snapshot(client: ChainClient, endpoint: JsonRpcEndpoint, chain: Chain, owners: Sequence[str],
              tokens: Sequence[TokenInfo], block: int) -> BalanceSheet:
    if chain.multicall3:
        return _with_multicall(client, endpoint, chain, chain.multicall3, owners, tokens, block)
    return _one_by_one(client, endpoint, chain, owners, tokens, block)


def _with_multicall(client: ChainClient, endpoint: JsonRpcEndpoint, chain: Chain, multicall: str,
                    owners: Sequence[str], tokens: Sequence[TokenInfo], block: int) -> BalanceSheet:
    calls = [Call(multicall, GET_ETH_BALANCE_SELECTOR + encode(["address"], [o])) for o in owners]
    pairs = [(owner, token.address) for owner in owners for token in tokens]
    calls += [Call(token, function_call(BALANCE_OF, ["address"], [owner])) for owner, token in pairs]
    pricing = price_calls(chain, tokens)  # riding along in the same aggregate3: no extra round trip
    calls += [call for _, _, call in pricing]
    results = aggregate3(client, multicall, calls, hex(block), endpoint)
    prices = prices_from_results(chain, pricing, results[len(calls) - len(pricing):])
    native: dict[str, int] = {}
    balances: dict[tuple[str, str], int] = {}
    failed: set[tuple[str, str]] = set()
    for owner, result in zip(owners, results, strict=False):
        wei = _uint(result.data) if result.success else None
        if wei is None:
            failed.add((owner, NATIVE))
        else:
            native[owner] = wei
    for pair, result in zip(pairs, results[len(owners):len(owners) + len(pairs)], strict=True):
        amount = _uint(result.data) if result.success else None
        if amount is None:
            failed.add(pair)
        else:
            balances[pair] = amount
    return BalanceSheet(chain.key, block, native, balances, failed, prices)


def _one_by_one(client: ChainClient, endpoint: JsonRpcEndpoint, chain: Chain, owners: Sequence[str],
                tokens: Sequence[TokenInfo], block: int) -> BalanceSheet:
    tag = hex(block)
    native = {o: client.request_on(endpoint, "eth_getBalance", [o, tag], parse=quantity("balance")) for o in owners}
    balances: dict[tuple[str, str], int] = {}
    failed: set[tuple[str, str]] = set()
    for owner in owners:
        for token in tokens:
            pair = (owner, token.address)
            data = "0x" + function_call(BALANCE_OF, ["address"], [owner]).hex()
            try:
                amount = _uint(client.request_on(endpoint, "eth_call", [{"to": token.address, "data": data}, tag],
                                                 parse=decode_hex_data))
            except RpcRemoteError:
                amount = None
            if amount is None:
                failed.add(pair)
            else:
                balances[pair] = amount
    return BalanceSheet(chain.key, block, native, balances, failed)


def _uint(data: bytes) -> int | None:
    """A uint256 return value; anything but exactly 32 bytes is not one (no guessing)."""
    return int.from_bytes(data, "big") if len(data) == 32 else None
