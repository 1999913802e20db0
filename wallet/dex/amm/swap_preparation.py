"""The steps between a chosen route and the transaction to sign, in the order they must happen.

1. ``approvals_needed``: the ``approve`` transactions (exact amount unless asked; zero first for
   USDT-style tokens). Each is signed, sent and *mined* before the next step: a swap estimated or
   simulated against the old allowance fails, and must never be dropped silently for it.
2. ``prepare_swap``, once they are mined: a single V2 route is checked for fee-on-transfer tokens
   (and then uses the ``...Supporting...`` function, with its minimum from what the route really
   delivers); the calldata is built for the registry's router, read back into the review, checked
   (recipient, minimum, deadline, coin left behind) and simulated on the pending state. A revert
   stops here with its typed reason.
3. ``check_coin_for_gas`` with the fee the caller priced: nothing is signed that cannot be paid.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from wallet.chains.registry import Chain
from wallet.chains.rpc import ChainClient
from wallet.dex.amm.approvals import approval_calls
from wallet.dex.amm.fee_on_transfer import fee_on_transfer_amount_out, takes_fee_on_transfer
from wallet.dex.amm.router_calls import RouterCall, Swap, swap_call
from wallet.dex.amm.swap_policy import minimum_out
from wallet.dex.amm.swap_reverts import simulate_swap
from wallet.dex.amm.swap_review import SwapReview, check_swap, known_routers, review_swap
from wallet.errors import WalletError
from wallet.translatable import QT_TRANSLATE_NOOP


class NotEnoughCoinForGasError(WalletError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "The account does not hold enough {symbol} to pay for this swap and its network fee.")


@dataclass(frozen=True)
class PreparedSwap:
    swap: Swap  # as finally built (``fee_on_transfer`` set when the route needs it)
    call: RouterCall  # what to sign
    review: SwapReview  # decoded from ``call``: what the review screen shows


def approvals_needed(client: ChainClient, chain: Chain, owner: str, swap: Swap,
                     unlimited: bool = False) -> list[RouterCall]:
    """The approvals to sign, send and wait for, in order, before ``prepare_swap``."""
    if swap.native_in:
        return []
    spender = swap_call(chain, swap).to
    most = swap.total_amount if swap.exact_input else swap.total_limit
    return approval_calls(client, swap.token_in, owner, spender, most, unlimited)


def prepare_swap(client: ChainClient, chain: Chain, owner: str, swap: Swap, slippage_bps: int) -> PreparedSwap:
    """Build, review, check and simulate ``swap`` for ``owner``; its approvals must be mined."""
    leg = swap.legs[0]
    if (len(swap.legs) == 1 and leg.is_v2 and swap.exact_input and not swap.fee_on_transfer
            and chain.uniswap_v2 is not None and chain.wrapped_native is not None):
        router, weth = chain.uniswap_v2.router, chain.wrapped_native
        if takes_fee_on_transfer(client, router, weth, owner, swap):
            net = fee_on_transfer_amount_out(client, router, weth, owner, swap)
            swap = replace(swap, fee_on_transfer=True, legs=(replace(leg, limit=minimum_out(net, slippage_bps)),))
    call = swap_call(chain, swap)
    review = review_swap(call.to, call.value, call.data, owner, known_routers(chain))
    check_swap(review, owner)
    simulate_swap(client, owner, call)
    return PreparedSwap(swap, call, review)


def check_coin_for_gas(chain: Chain, balance_wei: int, call: RouterCall, gas_limit: int, max_fee_per_gas: int) -> None:
    """Refuse before signing when the coin balance cannot cover the value sent plus the most the
    fee can cost."""
    if balance_wei < call.value + gas_limit * max_fee_per_gas:
        raise NotEnoughCoinForGasError(symbol=chain.native.symbol)
