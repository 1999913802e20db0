"""Quote a swap: the best route, or a better two-route split, from one round trip to the node.

``SwapQuoter`` is kept per chain (its ``PoolDirectory`` caches which pools exist). A quote costs one
``eth_call`` once the pair's pools are known, and one more the first time a pair is seen (and an
``eth_gasPrice`` where the node shows the call a base fee of 0: ``default_gas_price``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from wallet.chains.address import parse_address, to_checksum_address
from wallet.chains.registry import Chain
from wallet.chains.rpc import ChainClient, quantity
from wallet.dex.amm.batch import run_batch
from wallet.dex.amm.errors import (
    QUOTER_OUT_OF_GAS,
    NoLiquidityError,
    NoRouteError,
    QuoteFailedError,
    SameTokenError,
    SwapAmountError,
    SwapUnavailableError,
)
from wallet.dex.amm.pools import PoolDirectory
from wallet.dex.amm.quoting import QuoteBatch
from wallet.dex.amm.routes import V3_FEE_TIERS, PoolKey, Protocol, base_tokens, candidate_shapes
from wallet.dex.amm.routing import Trade, choose, split_amounts

DEFAULT_SPLIT_STEP_PERCENT = 5
MAX_AMOUNT = 2**128  # V2 reserves are uint112 and V3 amounts int256: anything this large is a typo
# The eth_call gas we ask for: geth's default RPC gas cap. Quotes for amounts beyond a V3 pool's
# liquidity run its swap loop to the price limit and cost far more than a normal swap, so a batch can
# exceed a 30M block gas limit (anvil's default for eth_call). Nodes cap a larger request to their own
# limit; when even that is too little, the batch is split (``batch.run_batch``).
DEFAULT_CALL_GAS_LIMIT = 50_000_000


@dataclass(frozen=True)
class SwapQuote:
    """The answer to one quote request, read at ``block_number``."""

    chain: Chain
    token_in: str
    token_out: str
    decimals_in: int
    decimals_out: int
    exact_output: bool
    amount: int  # what was specified: the input (exact input) or the output (exact output)
    best: Trade  # a single route or a split, whichever is better net of gas
    singles: tuple[Trade, ...]  # every route that takes the whole amount, best first
    block_number: int
    base_fee_wei: int
    routes_quoted: int

    @property
    def best_single(self) -> Trade:
        return self.singles[0] if self.singles else self.best

    @property
    def price(self) -> Decimal:
        """Whole output tokens per whole input token of the best trade."""
        return self.best.execution_price(self.decimals_in, self.decimals_out)


class SwapQuoter:
    """Quotes swaps on one chain. Thread-safe; keep one per chain so the pool cache is shared."""

    def __init__(self, chain: Chain, split_step_percent: int = DEFAULT_SPLIT_STEP_PERCENT,
                 call_gas_limit: int | None = DEFAULT_CALL_GAS_LIMIT) -> None:
        if chain.multicall3 is None or (chain.uniswap_v2 is None and chain.uniswap_v3 is None):
            raise SwapUnavailableError(chain=chain.name)
        if 100 % split_step_percent or not 0 < split_step_percent <= 50:
            raise ValueError("split_step_percent must divide 100 (5, 10, 20, 25 or 50)")
        self.chain = chain
        self.multicall: str = chain.multicall3
        self.steps = 100 // split_step_percent
        self.call_gas_limit = call_gas_limit
        self.pools = PoolDirectory(chain)

    def quote(self, client: ChainClient, token_in: str, token_out: str, amount: int, *,
              exact_output: bool = False, gas_price_wei: int | None = None) -> SwapQuote:
        """The best way to swap ``amount`` (raw units) of ``token_in`` into ``token_out`` (or, with
        ``exact_output``, to receive ``amount`` of ``token_out``).

        ``gas_price_wei`` is what the swap will pay per gas; by default the block's base fee, or the
        node's ``eth_gasPrice`` where the batch read a base fee of 0 (see ``default_gas_price``).
        """
        token_in, token_out = parse_address(token_in).lower(), parse_address(token_out).lower()
        if token_in == token_out:
            raise SameTokenError()
        if not 0 < amount < MAX_AMOUNT:
            raise SwapAmountError()
        quote_token = token_in if exact_output else token_out
        gas_keys = self._gas_pool_keys(quote_token)
        routes = self.pools.routes(client, candidate_shapes(self.chain, token_in, token_out),
                                   (token_in, token_out), gas_keys)
        if not routes:
            raise NoRouteError(chain=self.chain.name)
        gas_pools = [pool for pool in (self.pools.pool(key) for key in gas_keys) if pool is not None]
        quoter = self.chain.uniswap_v3.quoter_v2 if self.chain.uniswap_v3 else None
        batch = QuoteBatch(self.multicall, quoter, routes, split_amounts(amount, self.steps), exact_output,
                           gas_pools)
        answers = run_batch(client, self.multicall, batch.calls, self.call_gas_limit)
        tables, failures, base_fee = batch.decode(answers)
        gas_price = default_gas_price(client, base_fee) if gas_price_wei is None else gas_price_wei
        wrapped = (self.chain.wrapped_native or "").lower()
        gas_to_quote = batch.gas_price_in(quote_token, wrapped, answers.results) if wrapped else None
        best, singles = choose(tables, amount, self.steps, exact_output, gas_price, gas_to_quote)
        if best is None:
            whole = [f for f in failures if f.amount == amount]
            if whole:
                raise QuoteFailedError(chain=self.chain.name, reason=whole[0].reason or QUOTER_OUT_OF_GAS)
            raise NoLiquidityError(chain=self.chain.name)
        return SwapQuote(self.chain, to_checksum_address(token_in), to_checksum_address(token_out),
                         self._decimals(token_in), self._decimals(token_out), exact_output, amount, best,
                         tuple(singles), answers.block_number, base_fee, len(routes))

    def _gas_pool_keys(self, quote_token: str) -> list[PoolKey]:
        """Pools that price the coin in the token gas is counted in: between the wrapped coin and
        that token, or through a base (the wrapped coin to the USD token to the token, say)."""
        wrapped = (self.chain.wrapped_native or "").lower()
        if not wrapped or wrapped == quote_token:
            return []
        hops = [(wrapped, quote_token)]
        for base in base_tokens(self.chain):
            if base not in (wrapped, quote_token):
                hops += [(wrapped, base), (base, quote_token)]
        keys = [PoolKey.of(Protocol.V2, a, b) for a, b in hops] if self.chain.uniswap_v2 else []
        if self.chain.uniswap_v3:
            keys += [PoolKey.of(Protocol.V3, a, b, fee) for a, b in hops for fee in V3_FEE_TIERS]
        return keys

    def _decimals(self, token: str) -> int:
        decimals = self.pools.decimals(token)
        assert decimals is not None  # PoolDirectory.routes raised TokenNotFoundError otherwise
        return decimals


def default_gas_price(client: ChainClient, base_fee: int) -> int:
    """What a swap pays per gas when the caller did not say: the base fee read in the quote's batch,
    unless that read 0. It does on geth, which runs an ``eth_call`` without a gas price at a base fee
    of 0, and on chains whose base fee is 0 (BNB) or that have none; counting gas as free there
    would drop it from the ranking silently, so the node's ``eth_gasPrice`` is asked instead."""
    if base_fee:
        return base_fee
    return client.request("eth_gasPrice", parse=quantity("eth_gasPrice"))
