"""Swap calldata and its review, without a chain: every encoded shape decodes back to what was
meant, every selector is the deployed contracts' own, and the safety checks refuse what they must.
Also the trading policy tiers and the decoding of router reverts."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest
from eth_abi.abi import encode

from wallet.chains.address import keccak256
from wallet.chains.registry import Chain, NativeCurrency, UniswapV2Deployment, UniswapV3Deployment
from wallet.devnet.artifacts import load_artifact
from wallet.dex.amm.approvals import MAX_UINT256, plan_approvals
from wallet.dex.amm.router_calls import (
    FUNCTIONS_BY_ROUTER,
    RouterCall,
    RouterKind,
    Swap,
    SwapEncodingError,
    SwapLeg,
    TradeType,
    decode_v3_path,
    encode_v3_path,
    reverse_v3_path,
    signature,
    swap_call,
    swap_router02_call,
    swap_router_call,
    unwrap,
    v2_router_call,
    wrap,
)
from wallet.dex.amm.swap_policy import (
    ConfirmationRequiredError,
    DeadlineSettingError,
    Level,
    PriceImpactTooHighError,
    SlippageError,
    check_price_impact,
    deadline_after,
    maximum_in,
    minimum_out,
    price_impact_level,
    slippage_level,
)
from wallet.dex.amm.swap_reverts import (
    ExcessiveInputError,
    FeeOnTransferRequiredError,
    InsufficientLiquidityError,
    SlippageExceededError,
    SwapExpiredError,
    SwapRefusedError,
    TransferFromFailedError,
    swap_revert_error,
)
from wallet.dex.amm.swap_review import (
    MSG_SENDER,
    CoinLeftInRouterError,
    MissingDeadlineError,
    RecipientNotOwnerError,
    SwapReview,
    UnknownRouterError,
    UnknownRouterFunctionError,
    ZeroMinimumOutError,
    check_swap,
    review_swap,
)
from wallet.paths import PROJECT_ROOT

WETH, TOKEN_A, TOKEN_B, TOKEN_C = (f"0x{n:040x}" for n in (0xEE, 0xAA, 0xBB, 0xCC))
V2, SR, SR02 = (f"0x{n:040x}" for n in (0x1002, 0x1003, 0x1032))
OWNER, THIEF = "0x" + "11" * 20, "0x" + "99" * 20
ROUTERS = {V2: RouterKind.V2, SR: RouterKind.SWAP_ROUTER, SR02: RouterKind.SWAP_ROUTER02, WETH: RouterKind.WETH}
DEADLINE = 1_900_000_000
IN, OUT = TradeType.EXACT_INPUT, TradeType.EXACT_OUTPUT
ARTIFACTS = {RouterKind.V2: "UniswapV2Router02", RouterKind.SWAP_ROUTER: "SwapRouter",
             RouterKind.SWAP_ROUTER02: "SwapRouter02", RouterKind.WETH: "WETH9"}


def review(call: RouterCall, sender: str = OWNER) -> SwapReview:
    return review_swap(call.to, call.value, call.data, sender, ROUTERS)


def abi_signatures(artifact: str) -> set[str]:
    def canonical(arg: dict[str, object]) -> str:
        kind = str(arg["type"])
        if kind.startswith("tuple"):
            components = arg["components"]
            assert isinstance(components, list)
            return "(" + ",".join(canonical(c) for c in components) + ")" + kind[5:]
        return kind

    return {f"{f['name']}({','.join(canonical(i) for i in f['inputs'])})"
            for f in load_artifact(artifact).abi if f["type"] == "function"}


@pytest.mark.parametrize("kind", list(RouterKind))
def test_every_function_we_encode_is_in_the_deployed_contracts_abi(kind: RouterKind) -> None:
    deployed = abi_signatures(ARTIFACTS[kind])
    ours = {signature(name, types) for name, types in FUNCTIONS_BY_ROUTER[kind].items()}
    assert ours <= deployed, ours - deployed


def test_importing_the_execution_layer_loads_no_abi_stack() -> None:
    """The Swap page may import these at start-up: eth_abi/eth_utils must wait for the first swap."""
    modules = ", ".join(f"wallet.dex.amm.{m}" for m in (
        "router_calls", "swap_review", "swap_policy", "approvals", "swap_reverts", "fee_on_transfer", "swap_receipt",
        "swap_preparation"))
    code = f"import sys, {modules}; print(sorted(m for m in ('eth_abi', 'eth_utils', 'web3') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=PROJECT_ROOT)
    assert done.stdout.strip() == "[]"


def test_v3_path_round_trips_and_reverses() -> None:
    path = encode_v3_path([TOKEN_A, TOKEN_B, TOKEN_C], [500, 3000])
    assert len(path) == 20 + 23 * 2
    assert decode_v3_path(path) == ((TOKEN_A, TOKEN_B, TOKEN_C), (500, 3000))
    assert decode_v3_path(reverse_v3_path(path)) == ((TOKEN_C, TOKEN_B, TOKEN_A), (3000, 500))
    with pytest.raises(SwapEncodingError):
        decode_v3_path(path[:-1])
    with pytest.raises(SwapEncodingError):
        encode_v3_path([TOKEN_A, TOKEN_B], [])


@pytest.mark.parametrize(("trade", "native_in", "native_out", "fot", "function"), [
    (IN, False, False, False, "swapExactTokensForTokens"),
    (OUT, False, False, False, "swapTokensForExactTokens"),
    (IN, True, False, False, "swapExactETHForTokens"),
    (OUT, True, False, False, "swapETHForExactTokens"),
    (IN, False, True, False, "swapExactTokensForETH"),
    (OUT, False, True, False, "swapTokensForExactETH"),
    (IN, False, False, True, "swapExactTokensForTokensSupportingFeeOnTransferTokens"),
    (IN, True, False, True, "swapExactETHForTokensSupportingFeeOnTransferTokens"),
    (IN, False, True, True, "swapExactTokensForETHSupportingFeeOnTransferTokens"),
])
def test_v2_router_calls_review_as_built(trade: TradeType, native_in: bool, native_out: bool, fot: bool,
                                         function: str) -> None:
    path = (WETH if native_in else TOKEN_A, TOKEN_B, WETH if native_out else TOKEN_C)
    swap = Swap(trade, (SwapLeg(path, 1_000, 900),), OWNER, DEADLINE, native_in, native_out, fot)
    call = v2_router_call(V2, WETH, swap)
    r = review(call)
    (leg,) = r.legs
    assert (r.router_kind, leg.function, leg.tokens, leg.recipient, r.deadline) == (
        RouterKind.V2, function, path, OWNER, DEADLINE)
    assert leg.fee_on_transfer == fot and r.native_out == native_out
    if trade is IN:
        assert (leg.amount_in, leg.amount_out_min, call.value) == (1_000, 900, 1_000 if native_in else 0)
    else:
        assert (leg.amount_out, leg.amount_in_max, call.value) == (1_000, 900, 900 if native_in else 0)
    check_swap(r, OWNER)


@pytest.mark.parametrize("hops", [1, 2])
@pytest.mark.parametrize("trade", [IN, OUT])
@pytest.mark.parametrize(("native_in", "native_out"), [(False, False), (True, False), (False, True)])
def test_v3_calls_through_both_routers_review_as_built(hops: int, trade: TradeType, native_in: bool,
                                                       native_out: bool) -> None:
    full = [WETH if native_in else TOKEN_A, TOKEN_B, WETH if native_out else TOKEN_C]
    tokens = full[:hops + 1] if native_in else full[-hops - 1:]
    fees = [500, 3000][:hops]
    swap = Swap(trade, (SwapLeg(encode_v3_path(tokens, fees), 1_000, 900),), OWNER, DEADLINE, native_in, native_out)
    for router, build in ((SR, swap_router_call), (SR02, swap_router02_call)):
        call = build(router, WETH, swap)
        r = review(call)
        (leg,) = r.legs
        assert (leg.protocol, leg.tokens, leg.fees, r.deadline) == ("v3", tuple(tokens), tuple(fees), DEADLINE)
        single = "Single" if hops == 1 else ""
        assert leg.function == ("exactInput" if trade is IN else "exactOutput") + single
        assert leg.recipient == (router if native_out else OWNER)
        assert [(p.token, p.amount_minimum, p.recipient) for p in r.payouts] == (
            [(None, 900 if trade is IN else 1_000, OWNER)] if native_out else [])
        assert r.refunds_coin == (native_in and trade is OUT)
        assert call.value == ((1_000 if trade is IN else 900) if native_in else 0)
        check_swap(r, OWNER)


def test_swap_router02_split_is_one_multicall_with_the_deadline_outside_the_structs() -> None:
    legs = (SwapLeg((TOKEN_A, TOKEN_B), 600, 500), SwapLeg(encode_v3_path([TOKEN_A, TOKEN_C, TOKEN_B], [500, 100]),
                                                             400, 300))
    call = swap_router02_call(SR02, WETH, Swap(IN, legs, OWNER, DEADLINE))
    r = review(call)
    assert r.function == "multicall(uint256,bytes[])" and r.deadline == DEADLINE
    assert [(leg.protocol, leg.tokens, leg.amount_in, leg.amount_out_min) for leg in r.legs] == [
        ("v2", (TOKEN_A, TOKEN_B), 600, 500), ("v3", (TOKEN_A, TOKEN_C, TOKEN_B), 400, 300)]
    assert r.amount_out_min == 800 and r.amount_in_max == 1_000 and r.recipients == (OWNER,)
    check_swap(r, OWNER)


def test_each_swap_goes_through_the_router_that_fits_it_on_the_chain() -> None:
    v3 = UniswapV3Deployment("Uniswap V3", TOKEN_C, SR, "SwapRouter", TOKEN_C, TOKEN_C, SR02)
    chain = Chain("test", 1, "Test", NativeCurrency("ETH", "Ether", 18), ("http://127.0.0.1:1",),
                  wrapped_native=WETH, uniswap_v2=UniswapV2Deployment("Uniswap V2", TOKEN_C, V2, "0x" + "00" * 32),
                  uniswap_v3=v3)
    v2_leg, v3_leg = SwapLeg((TOKEN_A, TOKEN_B), 10, 9), SwapLeg(encode_v3_path([TOKEN_A, TOKEN_B], [500]), 10, 9)
    assert swap_call(chain, Swap(IN, (v2_leg,), OWNER, DEADLINE)).to == V2
    assert swap_call(chain, Swap(IN, (v3_leg,), OWNER, DEADLINE)).to == SR
    assert swap_call(chain, Swap(IN, (v2_leg, v3_leg), OWNER, DEADLINE)).to == SR02
    only_02 = dataclasses.replace(chain, uniswap_v3=dataclasses.replace(v3, swap_router=SR02,
                                                                         swap_router_kind="SwapRouter02"))
    assert swap_call(only_02, Swap(IN, (v3_leg,), OWNER, DEADLINE)).to == SR02
    without_02 = dataclasses.replace(chain, uniswap_v3=dataclasses.replace(v3, swap_router02=None))
    with pytest.raises(SwapEncodingError):
        swap_call(without_02, Swap(IN, (v2_leg, v3_leg), OWNER, DEADLINE))


def test_wrap_and_unwrap_are_one_to_one_routes() -> None:
    assert review(wrap(WETH, 5)).wrap_amount == 5 and wrap(WETH, 5).value == 5
    assert review(unwrap(WETH, 7)).unwrap_amount == 7
    check_swap(review(unwrap(WETH, 7)), OWNER)


def test_a_swap_paying_someone_else_is_refused_wherever_the_recipient_hides() -> None:
    v2 = v2_router_call(V2, WETH, Swap(IN, (SwapLeg((TOKEN_A, TOKEN_B), 10, 9),), THIEF, DEADLINE))
    v3 = swap_router_call(SR, WETH, Swap(IN, (SwapLeg(encode_v3_path([TOKEN_A, TOKEN_B], [500]), 10, 9),), THIEF,
                                         DEADLINE))
    unwrapped_to_thief = swap_router02_call(SR02, WETH, Swap(
        IN, (SwapLeg((TOKEN_A, WETH), 10, 9),), THIEF, DEADLINE, native_out=True))
    for call in (v2, v3, unwrapped_to_thief):
        with pytest.raises(RecipientNotOwnerError) as error:
            check_swap(review(call), OWNER)
        assert str(error.value.params["recipient"]).lower() == THIEF
    # address(1) means "the sender" to SwapRouter02: the owner when the owner signs, nobody else.
    to_sender = RouterCall(SR02, 0, _sr02_multicall(DEADLINE, [_sr02_v2_leg(10, 9, MSG_SENDER)]))
    check_swap(review(to_sender), OWNER)
    assert review(to_sender, sender=THIEF).legs[0].recipient == THIEF


def test_output_left_in_the_router_without_a_payout_to_the_owner_is_refused() -> None:
    held = RouterCall(SR02, 0, _sr02_multicall(DEADLINE, [_sr02_v2_leg(10, 9, SR02)]))
    with pytest.raises(RecipientNotOwnerError):
        check_swap(review(held), OWNER)
    swept_wrong_token = RouterCall(SR02, 0, _sr02_multicall(DEADLINE, [
        _sr02_v2_leg(10, 9, SR02), _selector("sweepToken(address,uint256,address)")
        + encode(["address", "uint256", "address"], [TOKEN_C, 9, OWNER])]))
    with pytest.raises(RecipientNotOwnerError):
        check_swap(review(swept_wrong_token), OWNER)
    swept = RouterCall(SR02, 0, _sr02_multicall(DEADLINE, [
        _sr02_v2_leg(10, 9, SR02), _selector("sweepToken(address,uint256)") + encode(["address", "uint256"],
                                                                                     [TOKEN_B, 9])]))
    check_swap(review(swept), OWNER)


def test_a_zero_minimum_out_is_refused() -> None:
    zero_min = RouterCall(SR02, 0, _sr02_multicall(DEADLINE, [_sr02_v2_leg(10, 0, OWNER)]))
    with pytest.raises(ZeroMinimumOutError):
        check_swap(review(zero_min), OWNER)
    v2_zero = RouterCall(V2, 0, _selector("swapExactTokensForTokens(uint256,uint256,address[],address,uint256)")
                         + encode(["uint256", "uint256", "address[]", "address", "uint256"],
                                  [10, 0, [TOKEN_A, TOKEN_B], OWNER, DEADLINE]))
    with pytest.raises(ZeroMinimumOutError):
        check_swap(review(v2_zero), OWNER)
    unwrap_zero = RouterCall(SR02, 0, _sr02_multicall(DEADLINE, [
        _sr02_v2_leg(10, 9, SR02, out=WETH), _selector("unwrapWETH9(uint256,address)")
        + encode(["uint256", "address"], [0, OWNER])]))
    with pytest.raises(ZeroMinimumOutError):
        check_swap(review(unwrap_zero), OWNER)
    with pytest.raises(SwapEncodingError):  # and the encoder never builds one
        v2_router_call(V2, WETH, Swap(IN, (SwapLeg((TOKEN_A, TOKEN_B), 10, 0),), OWNER, DEADLINE))


def test_coin_the_swap_would_leave_in_the_router_is_refused() -> None:
    v3 = SwapLeg(encode_v3_path([WETH, TOKEN_B], [500]), 1_000, 900)
    exact_out = swap_router02_call(SR02, WETH, Swap(OUT, (v3,), OWNER, DEADLINE, native_in=True))
    check_swap(review(exact_out), OWNER)
    without_refund = RouterCall(SR02, exact_out.value, _sr02_multicall(DEADLINE, [
        _selector("exactOutputSingle((address,address,uint24,address,uint256,uint256,uint160))")
        + encode(["(address,address,uint24,address,uint256,uint256,uint160)"], [(WETH, TOKEN_B, 500, OWNER, 1_000,
                                                                                  900, 0)])]))
    with pytest.raises(CoinLeftInRouterError):
        check_swap(review(without_refund), OWNER)
    exact_in = swap_router_call(SR, WETH, Swap(IN, (v3,), OWNER, DEADLINE, native_in=True))
    check_swap(review(exact_in), OWNER)
    with pytest.raises(CoinLeftInRouterError):  # more coin than the swap spends
        check_swap(review(dataclasses.replace(exact_in, value=exact_in.value + 1)), OWNER)
    token_in = swap_router_call(SR, WETH, Swap(IN, (SwapLeg(encode_v3_path([TOKEN_A, TOKEN_B], [500]), 10, 9),),
                                               OWNER, DEADLINE))
    with pytest.raises(CoinLeftInRouterError):  # coin sent with a token-to-token swap
        check_swap(review(dataclasses.replace(token_in, value=1)), OWNER)


def test_unknown_routers_functions_and_missing_deadlines_are_refused() -> None:
    call = v2_router_call(V2, WETH, Swap(IN, (SwapLeg((TOKEN_A, TOKEN_B), 10, 9),), OWNER, DEADLINE))
    with pytest.raises(UnknownRouterError):
        review_swap(THIEF, 0, call.data, OWNER, ROUTERS)
    with pytest.raises(UnknownRouterFunctionError):  # a V2 call sent to SwapRouter02 is not one of its functions
        review_swap(SR02, 0, call.data, OWNER, ROUTERS)
    with pytest.raises(UnknownRouterFunctionError):
        review_swap(V2, 0, _selector("transferOwnership(address)") + encode(["address"], [THIEF]), OWNER, ROUTERS)
    with pytest.raises(UnknownRouterFunctionError):
        review_swap(V2, 0, call.data[:40], OWNER, ROUTERS)
    no_deadline = RouterCall(SR02, 0, _selector("multicall(bytes[])") + encode(["bytes[]"], [
        [_sr02_v2_leg(10, 9, OWNER)]]))
    with pytest.raises(MissingDeadlineError):
        check_swap(review(no_deadline), OWNER)
    bare_leg = RouterCall(SR02, 0, _sr02_v2_leg(10, 9, OWNER))
    with pytest.raises(MissingDeadlineError):
        check_swap(review(bare_leg), OWNER)
    mixed_pairs = RouterCall(SR02, 0, _sr02_multicall(DEADLINE, [_sr02_v2_leg(10, 9, OWNER),
                                                                 _sr02_v2_leg(10, 9, OWNER, out=TOKEN_C)]))
    with pytest.raises(UnknownRouterFunctionError):
        review(mixed_pairs)
    nested = RouterCall(SR02, 0, _sr02_multicall(DEADLINE, [_sr02_multicall(DEADLINE, [_sr02_v2_leg(10, 9, OWNER)])]))
    with pytest.raises(UnknownRouterFunctionError):
        review(nested)


def test_the_encoder_refuses_inconsistent_swaps() -> None:
    v3 = SwapLeg(encode_v3_path([TOKEN_A, TOKEN_B], [500]), 10, 9)
    bad = [
        (swap_router_call, Swap(IN, (v3, v3), OWNER, DEADLINE)),  # SwapRouter: one route per transaction
        (swap_router02_call, Swap(IN, (v3, SwapLeg((TOKEN_A, TOKEN_C), 10, 9)), OWNER, DEADLINE)),
        (swap_router02_call, Swap(IN, (v3,), OWNER, DEADLINE, native_in=True)),  # not from WETH
        (swap_router02_call, Swap(IN, (v3,), OWNER, DEADLINE, native_out=True)),
        (v2_router_call, Swap(OUT, (SwapLeg((TOKEN_A, TOKEN_B), 10, 9),), OWNER, DEADLINE, fee_on_transfer=True)),
        (v2_router_call, Swap(IN, (v3,), OWNER, DEADLINE)),
        (swap_router_call, Swap(IN, (), OWNER, DEADLINE)),
    ]
    for build, swap in bad:
        with pytest.raises(SwapEncodingError):
            build(V2, WETH, swap)


def test_slippage_minimum_maximum_and_price_impact_tiers() -> None:
    assert slippage_level(50) is Level.OK and slippage_level(500) is Level.OK and slippage_level(501) is Level.WARNING
    for refused in (0, -1, 5_001):
        for rule in (slippage_level, lambda bps: minimum_out(1_000, bps), lambda bps: maximum_in(1_000, bps)):
            with pytest.raises(SlippageError):
                rule(refused)
    assert minimum_out(1_000_000, 50) == 995_000 and minimum_out(999, 50) == 994  # rounded down
    assert maximum_in(1_000_000, 50) == 1_005_000 and maximum_in(999, 50) == 1_004  # rounded up
    assert [price_impact_level(bps) for bps in (0, 299, 300, 999, 1_000, 1_499)] == [
        Level.OK, Level.OK, Level.WARNING, Level.WARNING, Level.CONFIRM, Level.CONFIRM]
    with pytest.raises(PriceImpactTooHighError):
        price_impact_level(1_500)
    assert price_impact_level(4_000, expert_mode=True) is Level.CONFIRM
    with pytest.raises(ConfirmationRequiredError):
        check_price_impact(1_200)
    assert check_price_impact(1_200, typed_confirmation=" Confirm ") is Level.CONFIRM
    assert deadline_after(1_000) == 2_200
    with pytest.raises(DeadlineSettingError):
        deadline_after(1_000, 10)


def test_approvals_are_exact_unless_asked_and_zero_first_for_usdt_style_tokens() -> None:
    assert plan_approvals(current=100, needed=100, unlimited=False, zero_first=True) == []
    assert plan_approvals(current=0, needed=100, unlimited=False, zero_first=True) == [100]
    assert plan_approvals(current=0, needed=100, unlimited=True, zero_first=False) == [MAX_UINT256]
    assert plan_approvals(current=5, needed=100, unlimited=False, zero_first=True) == [0, 100]
    assert plan_approvals(current=5, needed=100, unlimited=False, zero_first=False) == [100]


def _error_string(message: str) -> bytes:
    return keccak256(b"Error(string)")[:4] + encode(["string"], [message])


@pytest.mark.parametrize(("reason", "error"), [
    ("UniswapV2Router: EXPIRED", SwapExpiredError),
    ("Transaction too old", SwapExpiredError),
    ("UniswapV2Router: INSUFFICIENT_OUTPUT_AMOUNT", SlippageExceededError),
    ("Too little received", SlippageExceededError),
    ("UniswapV2Router: EXCESSIVE_INPUT_AMOUNT", ExcessiveInputError),
    ("Too much requested", ExcessiveInputError),
    ("STF", TransferFromFailedError),
    ("TransferHelper: TRANSFER_FROM_FAILED", TransferFromFailedError),
    ("UniswapV2Library: INSUFFICIENT_LIQUIDITY", InsufficientLiquidityError),
    ("UniswapV2: K", FeeOnTransferRequiredError),
    ("SPL", SwapRefusedError),
])
def test_router_reverts_are_typed_and_keep_the_contracts_words(reason: str, error: type[Exception]) -> None:
    decoded = swap_revert_error(_error_string(reason))
    assert type(decoded) is error and decoded.params["reason"] == reason and reason in str(decoded)


def test_reverts_without_a_reason_string_fall_back_to_the_raw_reason() -> None:
    panic = keccak256(b"Panic(uint256)")[:4] + (0x11).to_bytes(32, "big")
    assert str(swap_revert_error(panic).params["reason"]).startswith("panic 0x11")
    assert swap_revert_error(None).params["reason"] == "no reason given"
    assert swap_revert_error(bytes.fromhex("deadbeef")).params["reason"] == "custom error 0xdeadbeef"
    # UniswapV2Router02 (solc 0.6.6) leaves dirty bytes after the string in some of its reverts.
    dirty = bytearray(_error_string("UniswapV2Router: INSUFFICIENT_OUTPUT_AMOUNT"))
    dirty[-1] = 0x80
    assert isinstance(swap_revert_error(bytes(dirty)), SlippageExceededError)


def _selector(text: str) -> bytes:
    return keccak256(text.encode())[:4]


def _sr02_v2_leg(amount_in: int, minimum: int, to: str, out: str = TOKEN_B) -> bytes:
    return _selector("swapExactTokensForTokens(uint256,uint256,address[],address)") + encode(
        ["uint256", "uint256", "address[]", "address"], [amount_in, minimum, [TOKEN_A, out], to])


def _sr02_multicall(deadline: int, calls: list[bytes]) -> bytes:
    return _selector("multicall(uint256,bytes[])") + encode(["uint256", "bytes[]"], [deadline, calls])

