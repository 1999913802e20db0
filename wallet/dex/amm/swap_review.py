"""The swap review, read back from the exact ``(to, value, data)`` that will be signed, and the
checks that refuse to sign it.

Nothing here trusts the form or the route that produced the calldata: a bug (or tampering) between
the quote and the transaction shows up as a review that disagrees with the screen, or as a refusal.
Recipients are resolved as the router will resolve them: SwapRouter02 reads ``address(1)`` as the
sender and ``address(2)`` as itself; SwapRouter reads ``address(0)`` as itself. Output held by the
router counts as the user's only if the same transaction pays it out (``unwrapWETH9`` or
``sweepToken``) to the user.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from wallet.chains.address import to_checksum_address
from wallet.chains.registry import Chain
from wallet.dex.amm.router_calls import (
    RouterKind,
    TradeType,
    decode_v3_path,
    selectors,
)
from wallet.errors import WalletError
from wallet.translatable import QT_TRANSLATE_NOOP

ZERO_ADDRESS = "0x" + "00" * 20
MSG_SENDER = "0x" + "00" * 19 + "01"  # SwapRouter02's Constants.MSG_SENDER
ADDRESS_THIS = "0x" + "00" * 19 + "02"  # SwapRouter02's Constants.ADDRESS_THIS
V2_FEE = 3000  # every V2 pair charges 0.3 %, in the V3 fee unit


class UnknownRouterError(WalletError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "Refusing to sign: {address} is not a router this wallet knows on this chain.")


class UnknownRouterFunctionError(WalletError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "Refusing to sign: the call to {router} is not a swap this wallet can read ({detail}).")


class RecipientNotOwnerError(WalletError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "Refusing to sign: this swap pays {recipient}, not your account {owner}.")


class ZeroMinimumOutError(WalletError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "Refusing to sign: this swap accepts receiving nothing (its minimum out is 0).")


class CoinLeftInRouterError(WalletError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "Refusing to sign: this swap sends coin that it neither spends nor refunds; it would be "
                       "left in the router.")


class MissingDeadlineError(WalletError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "Refusing to sign: this swap has no deadline, so it could be mined at any later price.")


@dataclass(frozen=True)
class ReviewLeg:
    """One swap call: its pools (tokens in order, a fee tier per hop) and its amounts."""

    function: str
    protocol: str  # "v2" or "v3"
    tokens: tuple[str, ...]  # lowercase, token in first
    fees: tuple[int, ...]
    trade_type: TradeType
    amount_in: int | None  # exact input
    amount_in_max: int | None  # exact output
    amount_out: int | None  # exact output
    amount_out_min: int | None  # exact input
    recipient: str  # resolved: the address the pool's output goes to
    deadline: int | None = None  # its own, where the router has one per call
    fee_on_transfer: bool = False


@dataclass(frozen=True)
class Payout:
    """The router paying out what it holds: ``unwrapWETH9`` (as the coin) or ``sweepToken``."""

    function: str
    token: str | None  # None: the chain's coin (unwrapped)
    amount_minimum: int
    recipient: str


@dataclass(frozen=True)
class SwapReview:
    router: str
    router_kind: RouterKind
    function: str  # the top-level call
    value: int  # wei sent with the transaction
    legs: tuple[ReviewLeg, ...] = ()
    payouts: tuple[Payout, ...] = ()
    refunds_coin: bool = False
    deadline: int | None = None  # the multicall's, or the earliest of the legs' own
    wrap_amount: int | None = None  # WETH deposit (coin -> wrapped) or withdraw (wrapped -> coin)
    unwrap_amount: int | None = None
    weth: str | None = None  # the chain's wrapped coin, lowercase: what unwrapWETH9 pays out

    @property
    def trade_type(self) -> TradeType:
        return self.legs[0].trade_type if self.legs else TradeType.EXACT_INPUT

    @property
    def token_in(self) -> str | None:
        return self.legs[0].tokens[0] if self.legs else None

    @property
    def token_out(self) -> str | None:
        return self.legs[0].tokens[-1] if self.legs else None

    @property
    def native_out(self) -> bool:
        return any(p.token is None for p in self.payouts) or any(
            leg.function.startswith(("swapExactTokensForETH", "swapTokensForExactETH")) for leg in self.legs)

    @property
    def amount_out_min(self) -> int:
        """The least the user receives, as the contracts will enforce it."""
        if self.payouts:
            return sum(p.amount_minimum for p in self.payouts)
        return sum((leg.amount_out_min if leg.amount_out_min is not None else leg.amount_out or 0)
                   for leg in self.legs)

    @property
    def amount_in_max(self) -> int:
        """The most the user pays, as the contracts will enforce it."""
        return sum((leg.amount_in if leg.amount_in is not None else leg.amount_in_max or 0) for leg in self.legs)

    @property
    def recipients(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys([*(leg.recipient for leg in self.legs), *(p.recipient for p in self.payouts)]))


def known_routers(chain: Chain) -> dict[str, RouterKind]:
    """The routers (and the wrapped coin) this wallet will sign swaps for on ``chain``: lowercase
    address -> kind."""
    routers: dict[str, RouterKind] = {}
    if chain.wrapped_native:
        routers[chain.wrapped_native.lower()] = RouterKind.WETH
    if chain.uniswap_v2:
        routers[chain.uniswap_v2.router.lower()] = RouterKind.V2
    if chain.uniswap_v3:
        v3 = chain.uniswap_v3
        routers[v3.swap_router.lower()] = RouterKind(v3.swap_router_kind)
        if v3.swap_router02:
            routers[v3.swap_router02.lower()] = RouterKind.SWAP_ROUTER02
    return routers


def review_swap(to: str, value: int, data: bytes, sender: str, routers: Mapping[str, RouterKind]) -> SwapReview:
    """Decode the transaction ``sender`` will sign into its review; unknown routers or functions are
    refused."""
    router = to.lower()
    kind = routers.get(router)
    if kind is None:
        raise UnknownRouterError(address=to)
    reader = _Reader(router, kind, sender.lower())
    name, args = reader.decode(data)
    if kind is RouterKind.WETH:
        amount = value if name == "deposit" else int(args[0])
        if name == "deposit" and len(data) != 4:
            raise UnknownRouterFunctionError(router=to, detail=QT_TRANSLATE_NOOP(
                "WalletError", "deposit takes no arguments"))
        return SwapReview(router, kind, name, value, wrap_amount=amount if name == "deposit" else None,
                          unwrap_amount=amount if name == "withdraw" else None, weth=router)
    deadline: int | None = None
    if name.startswith("multicall"):
        if name == "multicall(uint256,bytes[])":
            deadline, inner = int(args[0]), list(args[1])
        else:
            inner = list(args[0])
        for item in inner:
            inner_name, inner_args = reader.decode(bytes(item))
            if inner_name.startswith("multicall"):
                raise UnknownRouterFunctionError(router=to, detail=QT_TRANSLATE_NOOP(
                    "WalletError", "a multicall inside a multicall"))
            reader.add(inner_name, inner_args, value)
    else:
        reader.add(name, args, value)
    if not reader.legs:
        raise UnknownRouterFunctionError(router=to, detail=QT_TRANSLATE_NOOP("WalletError", "no swap in the call"))
    if len({(leg.tokens[0], leg.tokens[-1]) for leg in reader.legs}) != 1:  # one review line: one pair
        raise UnknownRouterFunctionError(router=to, detail=QT_TRANSLATE_NOOP(
            "WalletError", "routes between different tokens"))
    if kind is not RouterKind.SWAP_ROUTER02:  # V2 and SwapRouter: every swap call carries its own
        deadline = min(leg.deadline for leg in reader.legs if leg.deadline is not None)
    weth = next((address for address, k in routers.items() if k is RouterKind.WETH), None)
    return SwapReview(router, kind, name, value, tuple(reader.legs), tuple(reader.payouts), reader.refunds,
                      deadline, weth=weth)


def check_swap(review: SwapReview, owner: str) -> None:
    """Refuse (typed errors) a swap that pays anyone but ``owner``, accepts nothing in return, has
    no deadline, or sends coin it leaves in the router. Wrapping and unwrapping pay the sender."""
    if review.router_kind is RouterKind.WETH:
        return
    owner = owner.lower()
    if review.deadline is None:
        raise MissingDeadlineError()
    if review.value and (review.token_in != review.weth or (
            # UniswapV2Router02 refunds by itself; the V3 routers only through refundETH.
            review.router_kind is not RouterKind.V2 and not review.refunds_coin
            and (review.trade_type is TradeType.EXACT_OUTPUT or review.value != review.amount_in_max))):
        raise CoinLeftInRouterError()
    for payout in review.payouts:
        if payout.recipient != owner:
            raise _not_owner(payout.recipient, owner)
        if payout.amount_minimum <= 0:
            raise ZeroMinimumOutError()
    paid_out = {p.token if p.token is not None else review.weth for p in review.payouts}
    for leg in review.legs:
        # Output left with the router is the user's only if this transaction pays that token out.
        if leg.recipient != owner and not (leg.recipient == review.router and leg.tokens[-1] in paid_out):
            raise _not_owner(leg.recipient, owner)
        least = leg.amount_out_min if leg.trade_type is TradeType.EXACT_INPUT else leg.amount_out
        if not least:
            raise ZeroMinimumOutError()


def _not_owner(recipient: str, owner: str) -> RecipientNotOwnerError:
    return RecipientNotOwnerError(recipient=to_checksum_address(recipient), owner=to_checksum_address(owner))


class _Reader:
    """Decodes one router's calls and collects legs and payouts with resolved recipients."""

    def __init__(self, router: str, kind: RouterKind, sender: str) -> None:
        self.router, self.kind, self.sender = router, kind, sender
        self.table = selectors(kind)
        self.legs: list[ReviewLeg] = []
        self.payouts: list[Payout] = []
        self.refunds = False

    def decode(self, data: bytes) -> tuple[str, tuple[Any, ...]]:
        from eth_abi.abi import decode
        from eth_abi.exceptions import DecodingError

        entry = self.table.get(data[:4])
        if entry is None:
            raise UnknownRouterFunctionError(router=self.router, detail=f"0x{data[:4].hex()}")
        name, types = entry
        try:
            return name, tuple(decode(list(types), data[4:])) if types else ()
        except (DecodingError, ValueError, OverflowError):
            raise UnknownRouterFunctionError(router=self.router, detail=name) from None

    def recipient(self, address: str) -> str:
        address = address.lower()
        if self.kind is RouterKind.SWAP_ROUTER02 and address == MSG_SENDER:
            return self.sender
        if (self.kind is RouterKind.SWAP_ROUTER02 and address == ADDRESS_THIS) or (
                self.kind is RouterKind.SWAP_ROUTER and address == ZERO_ADDRESS):
            return self.router
        return address

    def add(self, name: str, args: tuple[Any, ...], value: int) -> None:
        base = name.split("(")[0]
        if self.kind is RouterKind.V2:
            self.legs.append(self._v2_router_leg(name, args, value))
        elif base in ("swapExactTokensForTokens", "swapTokensForExactTokens"):  # SwapRouter02's V2 legs
            exact_in = base == "swapExactTokensForTokens"
            self.legs.append(ReviewLeg(
                base, "v2", tuple(a.lower() for a in args[2]), (V2_FEE,) * (len(args[2]) - 1),
                TradeType.EXACT_INPUT if exact_in else TradeType.EXACT_OUTPUT,
                amount_in=int(args[0]) if exact_in else None, amount_in_max=None if exact_in else int(args[1]),
                amount_out=None if exact_in else int(args[0]), amount_out_min=int(args[1]) if exact_in else None,
                recipient=self.recipient(args[3]), fee_on_transfer=exact_in))
        elif base.startswith("exact"):
            self.legs.append(self._v3_leg(base, args[0]))
        elif base == "unwrapWETH9":
            to = self.recipient(args[1]) if len(args) > 1 else self.sender
            self.payouts.append(Payout(base, None, int(args[0]), to))
        elif base == "sweepToken":
            to = self.recipient(args[2]) if len(args) > 2 else self.sender
            self.payouts.append(Payout(base, str(args[0]).lower(), int(args[1]), to))
        elif base == "refundETH":
            self.refunds = True
        else:
            raise UnknownRouterFunctionError(router=self.router, detail=name)

    def _v2_router_leg(self, name: str, args: tuple[Any, ...], value: int) -> ReviewLeg:
        eth_in = name.startswith(("swapExactETH", "swapETH"))
        *amounts, path, to, deadline = args
        if eth_in:
            amounts = [value, *amounts]  # the coin sent is the amount in (or the most that may be used)
        first, second = (int(a) for a in amounts)
        exact_in = name.startswith("swapExact")
        return ReviewLeg(
            name, "v2", tuple(a.lower() for a in path), (V2_FEE,) * (len(path) - 1),
            TradeType.EXACT_INPUT if exact_in else TradeType.EXACT_OUTPUT,
            amount_in=first if exact_in else None,
            amount_in_max=None if exact_in else (first if eth_in else second),
            amount_out=None if exact_in else (second if eth_in else first),
            amount_out_min=second if exact_in else None,
            recipient=self.recipient(to), deadline=int(deadline),
            fee_on_transfer=name.endswith("SupportingFeeOnTransferTokens"))

    def _v3_leg(self, name: str, params: tuple[Any, ...]) -> ReviewLeg:
        has_deadline = self.kind is RouterKind.SWAP_ROUTER
        deadline = int(params[4 if name.endswith("Single") else 2]) if has_deadline else None
        rest = list(params)
        if has_deadline:
            del rest[4 if name.endswith("Single") else 2]
        exact_in = name.startswith("exactInput")
        tokens: tuple[str, ...]
        fees: tuple[int, ...]
        if name.endswith("Single"):
            token_a, token_b, fee, to, first, second, _limit = rest
            tokens, fees = (str(token_a).lower(), str(token_b).lower()), (int(fee),)
        else:
            path, to, first, second = rest
            tokens, fees = decode_v3_path(bytes(path))
            if not exact_in:  # exactOutput's path runs from token out to token in
                tokens, fees = tokens[::-1], fees[::-1]
        return ReviewLeg(
            name, "v3", tokens, fees, TradeType.EXACT_INPUT if exact_in else TradeType.EXACT_OUTPUT,
            amount_in=int(first) if exact_in else None, amount_in_max=None if exact_in else int(second),
            amount_out=None if exact_in else int(first), amount_out_min=int(second) if exact_in else None,
            recipient=self.recipient(to), deadline=deadline)
