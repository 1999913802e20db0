"""Calldata for Uniswap's routers, from a route given as primitives.

A V2 route is a tuple of token addresses; a V3 route is the standard packed path (token, uint24 fee,
token, ...) from token in to token out; a swap is one or more such legs with their amounts. The
functions return the exact ``(to, value, data)`` to sign. Signatures are those of the deployed
contracts (``UniswapV2Router02``, v3-periphery ``SwapRouter``, swap-router-contracts
``SwapRouter02``); a test checks every selector against the npm artifacts' ABIs.

Router differences that shape the encoding:

- ``UniswapV2Router02``: one path per call, the deadline is an argument, native coin in or out
  through its ``...ETH...`` functions (WETH at the path's end), fee-on-transfer tokens through the
  ``...SupportingFeeOnTransferTokens`` variants (exact input only).
- ``SwapRouter``: the deadline is in the params struct; native out is ``multicall([swap to the
  router, unwrapWETH9(min, recipient)])``; native in is ``msg.value`` (plus ``refundETH`` for exact
  output, which may use less than sent).
- ``SwapRouter02``: its structs have no deadline, so every swap goes through
  ``multicall(uint256 deadline, bytes[])``; V2 legs are ``swapExactTokensForTokens(amountIn,
  amountOutMin, path, to)``, so a V2/V3 split is one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from wallet.chains.address import keccak256
from wallet.chains.registry import Chain
from wallet.errors import WalletError
from wallet.translatable import QT_TRANSLATE_NOOP

V3_FEE_BYTES = 3
ADDRESS_BYTES = 20


class RouterKind(StrEnum):
    V2 = "UniswapV2Router02"
    SWAP_ROUTER = "SwapRouter"
    SWAP_ROUTER02 = "SwapRouter02"
    WETH = "WETH9"  # wrap and unwrap: a 1:1 "route" through the wrapped coin itself


class TradeType(StrEnum):
    EXACT_INPUT = "exact_input"
    EXACT_OUTPUT = "exact_output"


class SwapEncodingError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "This swap cannot be built: {reason}.")


# Every function this module encodes and ``swap_review`` decodes: name -> ABI argument types.
V2_FUNCTIONS: dict[str, tuple[str, ...]] = {
    "swapExactTokensForTokens": ("uint256", "uint256", "address[]", "address", "uint256"),
    "swapTokensForExactTokens": ("uint256", "uint256", "address[]", "address", "uint256"),
    "swapExactETHForTokens": ("uint256", "address[]", "address", "uint256"),
    "swapETHForExactTokens": ("uint256", "address[]", "address", "uint256"),
    "swapExactTokensForETH": ("uint256", "uint256", "address[]", "address", "uint256"),
    "swapTokensForExactETH": ("uint256", "uint256", "address[]", "address", "uint256"),
    "swapExactTokensForTokensSupportingFeeOnTransferTokens": (
        "uint256", "uint256", "address[]", "address", "uint256"),
    "swapExactETHForTokensSupportingFeeOnTransferTokens": ("uint256", "address[]", "address", "uint256"),
    "swapExactTokensForETHSupportingFeeOnTransferTokens": (
        "uint256", "uint256", "address[]", "address", "uint256"),
}
_V3_SINGLE = "(address,address,uint24,address,uint256,uint256,uint256,uint160)"
_V3_PATH = "(bytes,address,uint256,uint256,uint256)"
SWAP_ROUTER_FUNCTIONS: dict[str, tuple[str, ...]] = {
    "exactInputSingle": (_V3_SINGLE,),
    "exactInput": (_V3_PATH,),
    "exactOutputSingle": (_V3_SINGLE,),
    "exactOutput": (_V3_PATH,),
    "multicall": ("bytes[]",),
    "unwrapWETH9": ("uint256", "address"),
    "sweepToken": ("address", "uint256", "address"),
    "refundETH": (),
}
_V3_02_SINGLE = "(address,address,uint24,address,uint256,uint256,uint160)"
_V3_02_PATH = "(bytes,address,uint256,uint256)"
# SwapRouter02 overloads ``multicall``, ``unwrapWETH9`` and ``sweepToken``: keyed by full signature.
SWAP_ROUTER02_FUNCTIONS: dict[str, tuple[str, ...]] = {
    "exactInputSingle": (_V3_02_SINGLE,),
    "exactInput": (_V3_02_PATH,),
    "exactOutputSingle": (_V3_02_SINGLE,),
    "exactOutput": (_V3_02_PATH,),
    "swapExactTokensForTokens": ("uint256", "uint256", "address[]", "address"),
    "swapTokensForExactTokens": ("uint256", "uint256", "address[]", "address"),
    "multicall(uint256,bytes[])": ("uint256", "bytes[]"),
    "multicall(bytes[])": ("bytes[]",),
    "unwrapWETH9(uint256,address)": ("uint256", "address"),
    "unwrapWETH9(uint256)": ("uint256",),
    "sweepToken(address,uint256,address)": ("address", "uint256", "address"),
    "sweepToken(address,uint256)": ("address", "uint256"),
    "refundETH": (),
}
WETH_FUNCTIONS: dict[str, tuple[str, ...]] = {"deposit": (), "withdraw": ("uint256",)}
FUNCTIONS_BY_ROUTER = {
    RouterKind.V2: V2_FUNCTIONS,
    RouterKind.SWAP_ROUTER: SWAP_ROUTER_FUNCTIONS,
    RouterKind.SWAP_ROUTER02: SWAP_ROUTER02_FUNCTIONS,
    RouterKind.WETH: WETH_FUNCTIONS,
}


def signature(name: str, types: Sequence[str]) -> str:
    return name if "(" in name else f"{name}({','.join(types)})"


def selectors(kind: RouterKind) -> dict[bytes, tuple[str, tuple[str, ...]]]:
    """4-byte selector -> (function name as keyed above, argument types), for one router."""
    return {keccak256(signature(name, types).encode())[:4]: (name, types)
            for name, types in FUNCTIONS_BY_ROUTER[kind].items()}


def _call(kind: RouterKind, name: str, *args: object) -> bytes:
    from eth_abi.abi import encode  # the ABI stack loads with the first swap, never with the window

    types = FUNCTIONS_BY_ROUTER[kind][name]
    return keccak256(signature(name, types).encode())[:4] + (encode(list(types), list(args)) if types else b"")


@dataclass(frozen=True)
class RouterCall:
    """The exact transaction body to sign: ``to``, ``value`` (wei) and ``data``."""

    to: str
    value: int
    data: bytes


@dataclass(frozen=True)
class SwapLeg:
    """One route of a swap and its amounts.

    ``path``: a tuple of token addresses (V2) or packed V3 path bytes, token in first either way
    (the encoder reverses a V3 path for exact output, as the router wants). ``amount`` is the exact
    amount in (exact input) or out (exact output); ``limit`` the minimum out or the maximum in.
    """

    path: tuple[str, ...] | bytes
    amount: int
    limit: int

    @property
    def is_v2(self) -> bool:
        return isinstance(self.path, tuple)

    @property
    def token_in(self) -> str:
        return self.path[0] if isinstance(self.path, tuple) else decode_v3_path(self.path)[0][0]

    @property
    def token_out(self) -> str:
        return self.path[-1] if isinstance(self.path, tuple) else decode_v3_path(self.path)[0][-1]


@dataclass(frozen=True)
class Swap:
    """A whole swap: its legs (one route, or a split), the recipient and the deadline (unix seconds).

    ``native_in``/``native_out``: the user pays or receives the chain's coin; the legs' paths then
    start or end at the wrapped coin. ``fee_on_transfer`` selects V2's ``...Supporting...``
    functions (exact input only).
    """

    trade_type: TradeType
    legs: tuple[SwapLeg, ...]
    recipient: str
    deadline: int
    native_in: bool = False
    native_out: bool = False
    fee_on_transfer: bool = False

    @property
    def token_in(self) -> str:
        return self.legs[0].token_in

    @property
    def token_out(self) -> str:
        return self.legs[0].token_out

    @property
    def total_amount(self) -> int:
        return sum(leg.amount for leg in self.legs)

    @property
    def total_limit(self) -> int:
        return sum(leg.limit for leg in self.legs)

    @property
    def exact_input(self) -> bool:
        return self.trade_type is TradeType.EXACT_INPUT

    def total_out_minimum(self) -> int:
        """The least the recipient gets: the legs' minimums, or their exact outputs."""
        return self.total_limit if self.exact_input else self.total_amount


def encode_v3_path(tokens: Sequence[str], fees: Sequence[int]) -> bytes:
    """The packed path: token, uint24 fee, token, ... (``abi.encodePacked``)."""
    if len(tokens) != len(fees) + 1 or not fees:
        raise SwapEncodingError(reason=QT_TRANSLATE_NOOP(
            "WalletError", "a V3 path needs one fee tier between every two tokens"))
    out = bytes.fromhex(tokens[0].removeprefix("0x"))
    for fee, token in zip(fees, tokens[1:], strict=True):
        out += fee.to_bytes(V3_FEE_BYTES, "big") + bytes.fromhex(token.removeprefix("0x"))
    return out


def decode_v3_path(path: bytes) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """(tokens, fees) of a packed path; lowercase addresses."""
    hop = ADDRESS_BYTES + V3_FEE_BYTES
    if len(path) < ADDRESS_BYTES + hop or (len(path) - ADDRESS_BYTES) % hop:
        raise SwapEncodingError(reason=QT_TRANSLATE_NOOP("WalletError", "the V3 path is malformed"))
    tokens = tuple("0x" + path[i:i + ADDRESS_BYTES].hex() for i in range(0, len(path), hop))
    fees = tuple(int.from_bytes(path[i + ADDRESS_BYTES:i + hop], "big") for i in range(0, len(path) - hop + 1, hop))
    return tokens, fees


def reverse_v3_path(path: bytes) -> bytes:
    tokens, fees = decode_v3_path(path)
    return encode_v3_path(tokens[::-1], fees[::-1])


def wrap(weth: str, amount: int) -> RouterCall:
    """Coin -> wrapped coin, 1:1: ``WETH.deposit()`` with the amount as value."""
    return RouterCall(weth, amount, _call(RouterKind.WETH, "deposit"))


def unwrap(weth: str, amount: int) -> RouterCall:
    """Wrapped coin -> coin, 1:1: ``WETH.withdraw(amount)``."""
    return RouterCall(weth, 0, _call(RouterKind.WETH, "withdraw", amount))


def _check(swap: Swap, weth: str, *, one_leg: bool) -> None:
    if not swap.legs:
        raise SwapEncodingError(reason=QT_TRANSLATE_NOOP("WalletError", "no route"))
    if one_leg and len(swap.legs) != 1:
        raise SwapEncodingError(reason=QT_TRANSLATE_NOOP("WalletError", "this router takes one route per transaction"))
    if any(leg.amount <= 0 or leg.limit <= 0 for leg in swap.legs):
        raise SwapEncodingError(reason=QT_TRANSLATE_NOOP("WalletError", "every amount and limit must be above zero"))
    ends = {(leg.token_in.lower(), leg.token_out.lower()) for leg in swap.legs}
    if len(ends) != 1:
        raise SwapEncodingError(reason=QT_TRANSLATE_NOOP(
            "WalletError", "the routes of a split must join the same two tokens"))
    if swap.native_in and swap.token_in.lower() != weth.lower():
        raise SwapEncodingError(reason=QT_TRANSLATE_NOOP(
            "WalletError", "paying with the coin needs a route from the wrapped coin"))
    if swap.native_out and swap.token_out.lower() != weth.lower():
        raise SwapEncodingError(reason=QT_TRANSLATE_NOOP(
            "WalletError", "receiving the coin needs a route to the wrapped coin"))
    if swap.fee_on_transfer and not swap.exact_input:
        raise SwapEncodingError(reason=QT_TRANSLATE_NOOP(
            "WalletError", "fee-on-transfer tokens can only be swapped for an exact input"))


def v2_router_call(router: str, weth: str, swap: Swap) -> RouterCall:
    """One V2 route through ``UniswapV2Router02``."""
    _check(swap, weth, one_leg=True)
    (leg,) = swap.legs
    if not isinstance(leg.path, tuple) or len(leg.path) < 2:
        raise SwapEncodingError(reason=QT_TRANSLATE_NOOP(
            "WalletError", "UniswapV2Router02 takes a V2 path of two or more tokens"))
    path, to, deadline = list(leg.path), swap.recipient, swap.deadline
    fot = "SupportingFeeOnTransferTokens" if swap.fee_on_transfer else ""
    if swap.exact_input:
        if swap.native_in:
            return RouterCall(router, leg.amount, _call(
                RouterKind.V2, f"swapExactETHForTokens{fot}", leg.limit, path, to, deadline))
        name = f"swapExactTokensForETH{fot}" if swap.native_out else f"swapExactTokensForTokens{fot}"
        return RouterCall(router, 0, _call(RouterKind.V2, name, leg.amount, leg.limit, path, to, deadline))
    if swap.native_in:  # the router refunds what the swap did not use
        return RouterCall(router, leg.limit, _call(RouterKind.V2, "swapETHForExactTokens", leg.amount, path, to,
                                                   deadline))
    name = "swapTokensForExactETH" if swap.native_out else "swapTokensForExactTokens"
    return RouterCall(router, 0, _call(RouterKind.V2, name, leg.amount, leg.limit, path, to, deadline))


def swap_router_call(router: str, weth: str, swap: Swap) -> RouterCall:
    """One V3 route through v3-periphery's ``SwapRouter`` (deadline in the params struct)."""
    _check(swap, weth, one_leg=True)
    (leg,) = swap.legs
    if not isinstance(leg.path, bytes):
        raise SwapEncodingError(reason=QT_TRANSLATE_NOOP("WalletError", "SwapRouter takes a V3 path"))
    tokens, fees = decode_v3_path(leg.path)
    # Coin out: the pool pays the router, which unwraps and pays the user in the same transaction.
    to = router if swap.native_out else swap.recipient
    kind = RouterKind.SWAP_ROUTER
    if swap.exact_input:
        if len(fees) == 1:
            swap_data = _call(kind, "exactInputSingle", (tokens[0], tokens[1], fees[0], to, swap.deadline,
                                                         leg.amount, leg.limit, 0))
        else:
            swap_data = _call(kind, "exactInput", (leg.path, to, swap.deadline, leg.amount, leg.limit))
    elif len(fees) == 1:
        swap_data = _call(kind, "exactOutputSingle", (tokens[0], tokens[1], fees[0], to, swap.deadline,
                                                      leg.amount, leg.limit, 0))
    else:
        swap_data = _call(kind, "exactOutput", (reverse_v3_path(leg.path), to, swap.deadline, leg.amount,
                                                leg.limit))
    value = (leg.amount if swap.exact_input else leg.limit) if swap.native_in else 0
    calls = [swap_data]
    if swap.native_out:
        calls.append(_call(kind, "unwrapWETH9", swap.total_out_minimum(), swap.recipient))
    if swap.native_in and not swap.exact_input:
        calls.append(_call(kind, "refundETH"))
    if len(calls) == 1:
        return RouterCall(router, value, swap_data)
    return RouterCall(router, value, _call(kind, "multicall", calls))


def swap_router02_call(router: str, weth: str, swap: Swap) -> RouterCall:
    """Any route or split (V2 and V3 legs) through ``SwapRouter02``, as one
    ``multicall(deadline, [leg, ..., unwrap or sweep, refund])``."""
    _check(swap, weth, one_leg=False)
    kind = RouterKind.SWAP_ROUTER02
    # With more than one leg, or coin out, the router collects the output and pays it out once, so
    # the minimum is checked on the total rather than per leg.
    collect = swap.native_out
    to = router if collect else swap.recipient
    calls = []
    for leg in swap.legs:
        if isinstance(leg.path, tuple):
            name = "swapExactTokensForTokens" if swap.exact_input else "swapTokensForExactTokens"
            calls.append(_call(kind, name, leg.amount, leg.limit, list(leg.path), to))
            continue
        tokens, fees = decode_v3_path(leg.path)
        if swap.exact_input and len(fees) == 1:
            calls.append(_call(kind, "exactInputSingle", (tokens[0], tokens[1], fees[0], to, leg.amount, leg.limit,
                                                          0)))
        elif swap.exact_input:
            calls.append(_call(kind, "exactInput", (leg.path, to, leg.amount, leg.limit)))
        elif len(fees) == 1:
            calls.append(_call(kind, "exactOutputSingle", (tokens[0], tokens[1], fees[0], to, leg.amount,
                                                           leg.limit, 0)))
        else:
            calls.append(_call(kind, "exactOutput", (reverse_v3_path(leg.path), to, leg.amount, leg.limit)))
    if collect:
        calls.append(_call(kind, "unwrapWETH9(uint256,address)", swap.total_out_minimum(), swap.recipient))
    if swap.native_in and not swap.exact_input:
        calls.append(_call(kind, "refundETH"))
    value = (swap.total_amount if swap.exact_input else swap.total_limit) if swap.native_in else 0
    return RouterCall(router, value, _call(kind, "multicall(uint256,bytes[])", swap.deadline, calls))


def swap_call(chain: Chain, swap: Swap) -> RouterCall:
    """``swap`` through the router that fits it on ``chain``: one V2 route through
    ``UniswapV2Router02`` (which also has the fee-on-transfer functions), one V3 route through
    ``SwapRouter`` (or ``SwapRouter02`` where that is the chain's only V3 router), and a split
    through ``SwapRouter02``'s multicall, in one transaction."""
    if chain.wrapped_native is None:
        raise SwapEncodingError(reason=QT_TRANSLATE_NOOP("WalletError", "this chain has no wrapped coin"))
    weth, v2, v3 = chain.wrapped_native, chain.uniswap_v2, chain.uniswap_v3
    if len(swap.legs) == 1 and swap.legs[0].is_v2 and v2 is not None:
        return v2_router_call(v2.router, weth, swap)
    if len(swap.legs) == 1 and not swap.legs[0].is_v2 and v3 is not None and v3.swap_router_kind == "SwapRouter":
        return swap_router_call(v3.swap_router, weth, swap)
    if v3 is None or v3.swap_router02 is None:
        raise SwapEncodingError(reason=QT_TRANSLATE_NOOP("WalletError", "this chain has no router for this route"))
    return swap_router02_call(v3.swap_router02, weth, swap)
