"""Swaps, as the Swap page calls them: the tokens to pick from, a quote, the plan to review, and its
execution (approvals mined first, then the swap) through any signer. Blocking: call from a task.

The review comes from ``dex.amm.swap_review``: the calldata that will be signed, decoded. The swap
reviewed is the swap signed: its minimum (or maximum) comes from the quote taken when the plan was
made, and its deadline from the latest block then. When approvals are needed the swap cannot be
simulated before they are mined (the router could not take the tokens yet): it is simulated after
them, and if the wallet would have to build a different transaction by then (a fee-on-transfer
token found once the allowance exists), it stops and asks for a new review rather than sign
something unseen.

Records: every approval and the swap go to the transaction store as they are broadcast (kinds
``approve`` and ``swap``), so History and the tracker follow them; the swap's record gets the amount
received, read from its receipt's logs.
"""

from __future__ import annotations

import threading
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from wallet.accounts.signer import SignedTransaction, TxFields
from wallet.chains.address import keccak256, parse_address, to_checksum_address
from wallet.chains.amounts import format_units
from wallet.chains.fees import Fee, FeeTier, suggest_fees
from wallet.chains.registry import Chain, TokenInfo
from wallet.chains.rpc import (
    ChainClient,
    RpcError,
    RpcProtocolError,
    RpcRemoteError,
    optional_object,
    parse_quantity,
    quantity,
    transaction_hash,
)
from wallet.dex.amm.errors import SameTokenError, SwapAmountError
from wallet.dex.amm.router_calls import RouterCall, Swap, SwapLeg, TradeType, encode_v3_path, swap_call, unwrap, wrap
from wallet.dex.amm.routes import Protocol
from wallet.dex.amm.swap_policy import (
    DEFAULT_DEADLINE_S,
    Level,
    check_price_impact,
    maximum_in,
    minimum_out,
    price_impact_level,
    slippage_level,
    swap_deadline,
)
from wallet.errors import WalletError
from wallet.store.tokens import TokenStore
from wallet.store.transactions import TransactionStore, TxRecord
from wallet.translatable import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from wallet.accounts.signer import Signer
    from wallet.dex.amm.quote import SwapQuote, SwapQuoter
    from wallet.dex.amm.swap_review import SwapReview

BPS = 10_000
GAS_MARGIN_NUM, GAS_MARGIN_DEN = 6, 5  # +20 %, as Send: estimates on a moving chain run short
TX_BASE_GAS = 21_000  # what every transaction pays before its call; the quote's gas counts the swap alone
WRAP_GAS = 60_000  # WETH9 deposit/withdraw, with room (about 28k-45k)
RECEIPT_POLL_S = 0.2
RECEIPT_TIMEOUT_S = 120.0
USD_PRICE_TTL_S = 60.0
# Letters from other scripts drawn like Latin ones: what a fake "USDC" is spelled with.
_HOMOGLYPHS = str.maketrans("асеіјорѕхуАВСЕНІЈКМНОРЅТХУαβεικνορτυχΑΒΕΗΙΚΜΝΟΡΤΥΧΖ0",
                            "aceijopsxyABCEHIJKMHOPSTXYabeikvoptuxABEHIKMNOPTYXZO")


class AmountAboveBalanceError(WalletError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "This swap sells {amount} {symbol}, but the account holds only {balance} {symbol}.")


class BalanceUnknownError(WalletError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "The balance of {symbol} could not be read, so the swap cannot be checked against it.")


class QuoteNodeError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "Quoting the swap failed: the node did not answer properly ({reason}).")


class SwapChainChangedError(WalletError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "This swap was prepared for {quoted}, but the wallet is now on {selected}. Nothing was sent; "
                       "get a new quote.")


class SwapChangedError(WalletError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "The approval is confirmed, but the swap now needs a different transaction than the one you "
                       "reviewed ({reason}). Nothing else was sent: review the swap again.")


class SwapReceiptTimeoutError(WalletError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "Transaction {tx_hash} is not confirmed after {seconds} s; follow it in History.")


class SwapWarning(StrEnum):
    PRICE_IMPACT = "price_impact"  # at 3 %
    PRICE_IMPACT_CONFIRM = "price_impact_confirm"  # at 10 %: the user types the confirmation word
    UNTRUSTED_TOKEN = "untrusted_token"  # noqa: S105 - not in the registry or a list the user imported
    LOOKALIKE_TOKEN = "lookalike_token"  # noqa: S105 - its symbol imitates a trusted token's
    HIGH_SLIPPAGE = "high_slippage"  # above 5 %


@dataclass(frozen=True)
class SwapToken:
    """One side of a swap as the pickers show it."""

    address: str | None  # None: the chain's coin
    symbol: str
    name: str
    decimals: int
    balance: int | None  # None: unknown (the token did not answer)
    trusted: bool

    @property
    def key(self) -> str:
        return self.address or ""


@dataclass(frozen=True)
class SwapRequest:
    chain: Chain
    owner: str
    token_in: SwapToken
    token_out: SwapToken
    amount: int  # raw units of token in (exact input) or of token out (exact output)
    exact_output: bool = False

    @property
    def key(self) -> tuple[str, str, str, str, int, bool]:
        """What a quote answers: answers for another key are stale."""
        return (self.chain.key, self.owner, self.token_in.key, self.token_out.key, self.amount, self.exact_output)


@dataclass(frozen=True)
class RouteView:
    """One route of a quote, for display."""

    protocol: str  # "V2", "V3" or "WETH" (wrap/unwrap)
    symbols: tuple[str, ...]
    fees: tuple[int, ...]  # hundredths of a basis point per hop
    percent: int
    amount_in: int
    amount_out: int


@dataclass(frozen=True)
class QuotedSwap:
    request: SwapRequest
    quote: SwapQuote | None  # None: wrapping or unwrapping (1:1)
    amount_in: int
    amount_out: int
    price_impact_bps: int
    gas_units: int
    gas_price_wei: int
    usd_per_coin: Decimal | None
    routes: tuple[RouteView, ...]
    block_number: int

    @property
    def gas_cost_wei(self) -> int:
        return self.gas_units * self.gas_price_wei

    @property
    def gas_cost_usd(self) -> Decimal | None:
        if self.usd_per_coin is None:
            return None
        return Decimal(self.gas_cost_wei).scaleb(-self.request.chain.native.decimals) * self.usd_per_coin

    @property
    def price(self) -> Decimal:
        """Whole tokens out per whole token in."""
        r = self.request
        return (Decimal(self.amount_out).scaleb(-r.token_out.decimals)
                / Decimal(self.amount_in).scaleb(-r.token_in.decimals))


@dataclass(frozen=True)
class SwapPlan:
    """What the review shows and what execution signs."""

    quoted: QuotedSwap
    slippage_bps: int
    swap: Swap | None  # None: wrapping or unwrapping
    call: RouterCall
    review: SwapReview
    approvals: tuple[RouterCall, ...]
    warnings: tuple[SwapWarning, ...]
    limit: int  # minimum received (exact input) or maximum sold (exact output), as the calldata enforces it
    gas_limit: int  # the swap's, estimated (or, before its approvals, from the quote)
    fee: Fee
    simulated: bool  # False while approvals are needed: the router cannot take the tokens yet
    expert_mode: bool = False

    @property
    def request(self) -> SwapRequest:
        return self.quoted.request

    @property
    def needs_typed_confirmation(self) -> bool:
        return SwapWarning.PRICE_IMPACT_CONFIRM in self.warnings

    @property
    def max_fee_cost(self) -> int:
        return self.gas_limit * self.fee.worst_case_per_gas

    @property
    def unlimited_approval(self) -> bool:
        """Whether an approval to be signed lets the router take every token (read from its calldata)."""
        return any(is_unlimited(_approval_target_of(call.data)[1]) for call in self.approvals)


@dataclass(frozen=True)
class SwapOutcome:
    record: TxRecord
    amount_received: int
    fee_paid: int


@dataclass
class Quoters:
    """One ``SwapQuoter`` per chain (it caches which pools exist) and the coin's USD price for a
    minute (only for showing gas in dollars). Thread-safe: quotes run in tasks."""

    _quoters: dict[str, SwapQuoter] = field(default_factory=dict)
    _prices: dict[str, tuple[float, Decimal | None]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def quoter(self, chain: Chain) -> SwapQuoter:
        from wallet.dex.amm.quote import SwapQuoter

        with self._lock:
            quoter = self._quoters.get(chain.key)
            if quoter is None or quoter.chain != chain:
                quoter = self._quoters[chain.key] = SwapQuoter(chain)
            return quoter

    def usd_per_coin(self, client: ChainClient) -> Decimal | None:
        from wallet.services.prices import native_usd_price

        key = client.chain.key
        with self._lock:
            cached = self._prices.get(key)
        if cached is not None and time.monotonic() - cached[0] < USD_PRICE_TTL_S:
            return cached[1]
        try:
            price = native_usd_price(client, client.chain)
        except RpcError:
            price = None  # only a display nicety: never fail a quote for it
        with self._lock:
            self._prices[key] = (time.monotonic(), price)
        return price


# --- tokens ---------------------------------------------------------------------------------------
def trusted_tokens(chain: Chain) -> list[TokenInfo]:
    """The tokens the wallet vouches for: the registry's (the chain's USD token included)."""
    return [*chain.tokens, *([chain.usd_token] if chain.usd_token else [])]


def swap_tokens(client: ChainClient, chain: Chain, store: TokenStore, owner: str) -> list[SwapToken]:
    """The coin, then every token tracked on ``chain``, with ``owner``'s balances (one snapshot)."""
    from wallet.services.balances import fetch_balances

    tokens = store.tracked(chain)
    sheet = fetch_balances(client, chain, [owner], tokens)
    trusted = {t.address.lower() for t in trusted_tokens(chain)}
    coin = SwapToken(None, chain.native.symbol, chain.native.name, chain.native.decimals, sheet.native.get(owner),
                     True)
    return [coin, *(SwapToken(t.address, t.symbol, t.name, t.decimals, sheet.tokens.get((owner, t.address)),
                              t.address.lower() in trusted) for t in tokens)]


def lookup_token(client: ChainClient, chain: Chain, store: TokenStore, owner: str, text: str) -> SwapToken:
    """A pasted address: a tracked token as it is, anything else checked on chain (code, ``decimals``,
    ``symbol``) and untrusted. Raises ``AddressError``, ``NotAContractError`` or ``NotATokenError``."""
    from wallet.services.balances import fetch_balances
    from wallet.services.tokens import fetch_token_info

    address = parse_address(text.strip())
    known = next((t for t in store.tracked(chain) if t.address.lower() == address.lower()), None)
    token = known or fetch_token_info(client, address)
    trusted = any(t.address.lower() == address.lower() for t in trusted_tokens(chain))
    balance = fetch_balances(client, chain, [owner], [token]).tokens.get((owner, token.address))
    return SwapToken(token.address, token.symbol, token.name, token.decimals, balance, trusted)


def _symbol_shape(symbol: str) -> str:
    folded = unicodedata.normalize("NFKC", symbol).translate(_HOMOGLYPHS).casefold()
    return "".join(c for c in folded if c.isalnum())


def token_warnings(chain: Chain, token: SwapToken) -> tuple[SwapWarning, ...]:
    """Untrusted tokens warn; one whose symbol reads like a trusted token's (or the coin's) warns louder."""
    if token.address is None or token.trusted:
        return ()
    shape = _symbol_shape(token.symbol)
    lookalike = shape == _symbol_shape(chain.native.symbol) or any(
        _symbol_shape(t.symbol) == shape and t.address.lower() != token.address.lower() for t in trusted_tokens(chain))
    return (SwapWarning.UNTRUSTED_TOKEN, SwapWarning.LOOKALIKE_TOKEN) if lookalike else (SwapWarning.UNTRUSTED_TOKEN,)


# --- quoting --------------------------------------------------------------------------------------
def check_request(request: SwapRequest) -> None:
    """Bad input, before anything is asked of the node: one token on both sides, no amount, or
    selling more than the balance."""
    if request.token_in.key == request.token_out.key:
        raise SameTokenError()
    if request.amount <= 0:
        raise SwapAmountError()
    if not request.exact_output:
        check_balance(request.token_in, request.amount)


def check_balance(token: SwapToken, amount: int) -> None:
    if token.balance is None:
        raise BalanceUnknownError(symbol=token.symbol)
    if amount > token.balance:
        raise AmountAboveBalanceError(amount=format_units(amount, token.decimals), symbol=token.symbol,
                                      balance=format_units(token.balance, token.decimals))


def _onchain(chain: Chain, token: SwapToken) -> str:
    """The token address a pool holds: the wrapped coin stands for the coin."""
    if token.address is not None:
        return token.address
    if chain.wrapped_native is None:
        from wallet.dex.amm.errors import SwapUnavailableError

        raise SwapUnavailableError(chain=chain.name)
    return chain.wrapped_native


def is_wrap(request: SwapRequest) -> bool:
    """Coin to wrapped coin or back: a 1:1 "route" through the wrapped coin's contract."""
    chain = request.chain
    sides = {request.token_in.address, request.token_out.address}
    return None in sides and chain.wrapped_native is not None and any(
        a is not None and a.lower() == chain.wrapped_native.lower() for a in sides)


def quote_swap(client: ChainClient, quoters: Quoters, request: SwapRequest) -> QuotedSwap:
    """The best trade for ``request`` (one round trip to the node once the pair's pools are known).

    A node that fails or answers nonsense is ``QuoteNodeError``; "no route", "no liquidity" and
    "quote failed" (the quoter itself) keep their own errors."""
    check_request(request)
    chain = request.chain
    try:
        if is_wrap(request):
            price = suggest_fees(client, chain).next_base_fee or 0
            route = RouteView("WETH", (request.token_in.symbol, request.token_out.symbol), (), 100, request.amount,
                              request.amount)
            block = client.request("eth_blockNumber", parse=quantity("eth_blockNumber"))
            return QuotedSwap(request, None, request.amount, request.amount, 0, WRAP_GAS, price,
                              quoters.usd_per_coin(client), (route,), block)
        quote = quoters.quoter(chain).quote(client, _onchain(chain, request.token_in),
                                            _onchain(chain, request.token_out), request.amount,
                                            exact_output=request.exact_output)
    except RpcRemoteError:
        raise
    except RpcError as error:
        raise QuoteNodeError(reason=error) from None
    trade = quote.best
    symbols = _symbols(chain, request)
    total = trade.amount_out if request.exact_output else trade.amount_in
    routes = tuple(RouteView(
        "V2" if leg.route.protocol is Protocol.V2 else "V3",
        tuple(symbols.get(t.lower(), t[:8] + "…") for t in leg.route.path), leg.route.fees,
        round(100 * (leg.amount_out if request.exact_output else leg.amount_in) / total), leg.amount_in,
        leg.amount_out) for leg in trade.legs)
    return QuotedSwap(request, quote, trade.amount_in, trade.amount_out, int(trade.price_impact * BPS),
                      trade.gas_units, trade.gas_price_wei, quoters.usd_per_coin(client), routes, quote.block_number)


def _symbols(chain: Chain, request: SwapRequest) -> dict[str, str]:
    symbols = {t.address.lower(): t.symbol for t in trusted_tokens(chain)}
    for token in (request.token_in, request.token_out):
        if token.address is not None:
            symbols[token.address.lower()] = token.symbol
    if chain.wrapped_native:
        symbols.setdefault(chain.wrapped_native.lower(), "W" + chain.native.symbol)
    return symbols


# --- the plan -------------------------------------------------------------------------------------
def build_swap(quoted: QuotedSwap, slippage_bps: int, deadline: int) -> Swap:
    """The router-level swap for the quoted trade: each leg's limit from the quote and the tolerance."""
    assert quoted.quote is not None
    request = quoted.request
    exact_output = request.exact_output
    legs = []
    for leg in quoted.quote.best.legs:
        route = leg.route
        path: tuple[str, ...] | bytes = (tuple(parse_address(t) for t in route.path)
                                         if route.protocol is Protocol.V2 else encode_v3_path(route.path, route.fees))
        if exact_output:
            legs.append(SwapLeg(path, leg.amount_out, maximum_in(leg.amount_in, slippage_bps)))
        else:
            legs.append(SwapLeg(path, leg.amount_in, minimum_out(leg.amount_out, slippage_bps)))
    return Swap(TradeType.EXACT_OUTPUT if exact_output else TradeType.EXACT_INPUT, tuple(legs), request.owner,
                deadline, native_in=request.token_in.address is None, native_out=request.token_out.address is None)


def prepare_plan(client: ChainClient, quoters: Quoters, request: SwapRequest, slippage_bps: int,
                 deadline_s: int = DEFAULT_DEADLINE_S, expert_mode: bool = False,
                 unlimited_approval: bool = False) -> SwapPlan:
    """A fresh quote, the swap built from it (minimum from that quote, deadline from the latest block),
    the approvals it needs, its review decoded from the calldata and checked, and its warnings.
    Without approvals the swap is also simulated and its gas estimated here."""
    from wallet.dex.amm.swap_preparation import approvals_needed, check_coin_for_gas, prepare_swap
    from wallet.dex.amm.swap_review import check_swap, known_routers, review_swap

    slippage = slippage_level(slippage_bps)
    quoted = quote_swap(client, quoters, request)
    chain, owner = request.chain, request.owner
    warnings = [*token_warnings(chain, request.token_in), *token_warnings(chain, request.token_out)]
    if slippage is Level.WARNING:
        warnings.append(SwapWarning.HIGH_SLIPPAGE)
    impact = price_impact_level(quoted.price_impact_bps, expert_mode)
    if impact is Level.CONFIRM:
        warnings.append(SwapWarning.PRICE_IMPACT_CONFIRM)
    elif impact is Level.WARNING:
        warnings.append(SwapWarning.PRICE_IMPACT)
    fee = suggest_fees(client, chain).tiers[FeeTier.NORMAL]
    swap: Swap | None = None
    approvals: list[RouterCall] = []
    if is_wrap(request):
        from wallet.dex.amm.swap_reverts import simulate_swap

        weth = _onchain(chain, request.token_in if request.token_out.address is None else request.token_out)
        call = wrap(weth, request.amount) if request.token_in.address is None else unwrap(weth, request.amount)
        review = review_swap(call.to, call.value, call.data, owner, known_routers(chain))
        check_balance(request.token_in, request.amount)
        simulate_swap(client, owner, call)
        limit = request.amount
    else:
        swap = build_swap(quoted, slippage_bps, swap_deadline(client, deadline_s))
        approvals = approvals_needed(client, chain, owner, swap, unlimited_approval)
        if approvals:
            call = swap_call(chain, swap)
            review = review_swap(call.to, call.value, call.data, owner, known_routers(chain))
            check_swap(review, owner)
        else:
            prepared = prepare_swap(client, chain, owner, swap, slippage_bps)
            swap, call, review = prepared.swap, prepared.call, prepared.review
        if request.exact_output:
            check_balance(request.token_in, review.amount_in_max)
        limit = review.amount_in_max if request.exact_output else review.amount_out_min
    if approvals:  # the swap cannot be estimated before they are mined: the quote's gas, with margin
        gas = (TX_BASE_GAS + quoted.gas_units) * GAS_MARGIN_NUM // GAS_MARGIN_DEN
    else:
        gas = estimate_gas(client, owner, call)
        check_coin_for_gas(chain, coin_balance(client, owner), call, gas, fee.worst_case_per_gas)
    return SwapPlan(quoted, slippage_bps, swap, call, review, tuple(approvals), tuple(warnings), limit, gas, fee,
                    not approvals, expert_mode)


# --- transactions ---------------------------------------------------------------------------------
def estimate_gas(client: ChainClient, sender: str, call: RouterCall) -> int:
    from wallet.dex.amm.swap_reverts import call_params

    estimate = client.request("eth_estimateGas", [call_params(sender, call), "pending"],
                              parse=quantity("eth_estimateGas"))
    return estimate * GAS_MARGIN_NUM // GAS_MARGIN_DEN


def coin_balance(client: ChainClient, owner: str) -> int:
    return client.request("eth_getBalance", [owner, "pending"], parse=quantity("balance"))


def transaction(client: ChainClient, store: TransactionStore, sender: str, call: RouterCall, gas: int,
                fee: Fee) -> TxFields:
    from wallet.services.send import next_nonce

    return {"chainId": client.chain.chain_id, "nonce": next_nonce(client, store, sender),
            "to": to_checksum_address(call.to), "value": call.value, "data": call.data, "gas": gas, **fee.tx_fields()}


def approval_transaction(client: ChainClient, store: TransactionStore, plan: SwapPlan, index: int) -> TxFields:
    """The ``index``-th approval, ready to sign (the ones before it must be mined)."""
    check_chain(client, plan)
    call = plan.approvals[index]
    return transaction(client, store, plan.request.owner, call, estimate_gas(client, plan.request.owner, call),
                       plan.fee)


def swap_transaction(client: ChainClient, store: TransactionStore, plan: SwapPlan,
                     typed_confirmation: str = "") -> TxFields:
    """The reviewed swap, ready to sign: the typed confirmation checked at 10 % impact, simulated on
    the pending state (its approvals mined), its gas estimated and covered by the coin balance."""
    from wallet.dex.amm.swap_preparation import check_coin_for_gas, prepare_swap
    from wallet.dex.amm.swap_reverts import simulate_swap

    check_chain(client, plan)
    check_price_impact(plan.quoted.price_impact_bps, typed_confirmation, plan.expert_mode)
    owner = plan.request.owner
    if plan.swap is not None and not plan.simulated:  # its approvals are mined now
        prepared = prepare_swap(client, plan.request.chain, owner, plan.swap, plan.slippage_bps)
        if prepared.call != plan.call:
            raise SwapChangedError(reason=QT_TRANSLATE_NOOP("WalletError", "the token takes a fee on transfers")
                                   if prepared.swap.fee_on_transfer else
                                   QT_TRANSLATE_NOOP("WalletError", "the route changed"))
    else:  # again: the price or the clock may have moved while the review was open
        simulate_swap(client, owner, plan.call)
    gas = estimate_gas(client, owner, plan.call)
    check_coin_for_gas(plan.request.chain, coin_balance(client, owner), plan.call, gas, plan.fee.worst_case_per_gas)
    return transaction(client, store, owner, plan.call, gas, plan.fee)


def check_chain(client: ChainClient, plan: SwapPlan) -> None:
    if client.chain.chain_id != plan.request.chain.chain_id:
        raise SwapChainChangedError(quoted=plan.request.chain.name, selected=client.chain.name)


def broadcast(client: ChainClient, store: TransactionStore, plan: SwapPlan, tx: TxFields, raw: bytes,
              kind: str) -> TxRecord:
    """Send a signed approval or swap and record it in the same step (``kind``: "approve" or "swap")."""
    request, chain = plan.request, plan.request.chain
    token_in = request.token_in
    if kind == "approve":
        assert token_in.address is not None  # the coin is never approved
        return broadcast_approval(client, store, request.owner, TokenInfo(token_in.address, token_in.symbol,
                                                                          token_in.name, token_in.decimals), tx, raw)
    signed = send_raw(client, raw, request.owner)
    token_out = request.token_out
    sold = plan.limit if request.exact_output else plan.quoted.amount_in
    details = {"token_out": token_out.address, "symbol_out": token_out.symbol, "decimals_out": token_out.decimals,
               "amount_out": str(request.amount if request.exact_output else plan.quoted.amount_out),
               "amount_out_min": str(request.amount if request.exact_output else plan.limit)}
    return store.add(chain.chain_id, "0x" + signed.hash.hex(), signed.sender, int(tx["nonce"]), str(tx["to"]),
                     token_in.address, token_in.symbol, token_in.decimals, sold, kind, tx, "0x" + raw.hex(),
                     details=details)


def send_raw(client: ChainClient, raw: bytes, sender: str) -> SignedTransaction:
    """Broadcast ``raw``; a node that names another hash than ours has failed (the next is asked)."""
    signed = SignedTransaction(raw=raw, hash=keccak256(raw), sender=sender)
    client.request("eth_sendRawTransaction", ["0x" + raw.hex()], parse=transaction_hash("0x" + signed.hash.hex()))
    return signed


def broadcast_approval(client: ChainClient, store: TransactionStore, owner: str, token: TokenInfo, tx: TxFields,
                       raw: bytes) -> TxRecord:
    """Send a signed ``approve`` (a swap's or a revocation) and record it (kind "approve", its amount)."""
    signed = send_raw(client, raw, owner)
    spender, amount = _approval_target(tx)
    return store.add(client.chain.chain_id, "0x" + signed.hash.hex(), signed.sender, int(tx["nonce"]), spender,
                     token.address, token.symbol, token.decimals, amount, "approve", tx, "0x" + raw.hex())


def _approval_target(tx: TxFields) -> tuple[str, int]:
    return _approval_target_of(bytes(tx["data"]))


def _approval_target_of(data: bytes) -> tuple[str, int]:
    """``approve(spender, amount)``'s arguments."""
    return parse_address("0x" + data[16:36].hex()), int.from_bytes(data[36:68], "big")


@dataclass(frozen=True)
class MinedReceipt:
    ok: bool
    block_number: int
    fee_wei: int
    logs: tuple[dict[str, Any], ...]


def parse_receipt(value: Any, endpoint: str) -> MinedReceipt | None:
    """A receipt checked field by field against the node that sent it (None: not mined yet)."""
    receipt = optional_object(value, endpoint)
    if receipt is None:
        return None
    logs = receipt.get("logs", [])
    if not isinstance(logs, list) or not all(isinstance(log, dict) for log in logs):
        raise RpcProtocolError(endpoint=endpoint,
                               reason=QT_TRANSLATE_NOOP("WalletError", "the receipt's logs are not a list of objects"))
    fee = (parse_quantity(receipt.get("gasUsed"), "gasUsed", endpoint)
           * parse_quantity(receipt.get("effectiveGasPrice"), "effectiveGasPrice", endpoint))
    return MinedReceipt(parse_quantity(receipt.get("status"), "status", endpoint) == 1,
                        parse_quantity(receipt.get("blockNumber"), "blockNumber", endpoint), fee, tuple(logs))


def wait_for_receipt(client: ChainClient, tx_hash: str, timeout_s: float = RECEIPT_TIMEOUT_S) -> MinedReceipt:
    """The receipt, whatever its status (a failed swap is explained from it)."""
    deadline = time.monotonic() + timeout_s
    while True:
        receipt = client.request("eth_getTransactionReceipt", [tx_hash], parse=parse_receipt)
        if receipt is not None:
            return receipt
        if time.monotonic() > deadline:
            raise SwapReceiptTimeoutError(tx_hash=tx_hash, seconds=f"{timeout_s:g}")
        time.sleep(RECEIPT_POLL_S)


def finish_approval(client: ChainClient, store: TransactionStore, record: TxRecord) -> None:
    """Waits for an approval's receipt: the swap is only simulated and signed once it is mined."""
    from wallet.services.send import TransactionFailedError

    receipt = wait_for_receipt(client, record.hash)
    store.set_status(record.id, "confirmed" if receipt.ok else "failed", receipt.block_number, receipt.fee_wei)
    if not receipt.ok:
        raise TransactionFailedError(tx_hash=record.hash)


def finish_swap(client: ChainClient, store: TransactionStore, plan: SwapPlan, record: TxRecord) -> SwapOutcome:
    """Waits for the swap's receipt; a revert is replayed at its block and raised as what it was
    (slippage, expired, ...); otherwise the amount received, from the receipt's logs, is recorded."""
    from wallet.dex.amm.swap_receipt import amount_received
    from wallet.dex.amm.swap_reverts import mined_revert_error

    receipt = wait_for_receipt(client, record.hash)
    store.set_status(record.id, "confirmed" if receipt.ok else "failed", receipt.block_number, receipt.fee_wei)
    owner, chain = plan.request.owner, plan.request.chain
    if not receipt.ok:
        raise mined_revert_error(client, owner, plan.call, receipt.block_number)
    token_out = plan.request.token_out
    if plan.swap is None:  # wrapping: 1:1, no router involved
        received = plan.quoted.amount_out
    else:
        received = amount_received(receipt.logs, token_out.address, owner, chain.wrapped_native or "",
                                   plan.call.to)
    store.set_details(record.id, {**(record.details or {}), "amount_received": str(received)})
    return SwapOutcome(store.get(record.id), received, receipt.fee_wei)


class Step(StrEnum):
    APPROVE = "approve"
    SWAP = "swap"
    CONFIRMING = "confirming"


def execute(client: ChainClient, store: TransactionStore, signer: Signer, path: str | None, plan: SwapPlan,
            typed_confirmation: str = "", progress: Callable[[Step], None] | None = None) -> SwapOutcome:
    """Approvals (each signed, sent, mined), then the swap, signed by ``signer`` (hot or device)."""
    report = progress or (lambda _step: None)
    if plan.needs_typed_confirmation:  # before any approval is signed, not only before the swap
        check_price_impact(plan.quoted.price_impact_bps, typed_confirmation, plan.expert_mode)
    for index in range(len(plan.approvals)):
        report(Step.APPROVE)
        tx = approval_transaction(client, store, plan, index)
        record = broadcast(client, store, plan, tx, signer.sign_transaction(path, tx).raw, "approve")
        finish_approval(client, store, record)
    report(Step.SWAP)
    tx = swap_transaction(client, store, plan, typed_confirmation)
    record = broadcast(client, store, plan, tx, signer.sign_transaction(path, tx).raw, "swap")
    report(Step.CONFIRMING)
    return finish_swap(client, store, plan, record)


# --- allowances to the routers --------------------------------------------------------------------
# Tokens that spend an unlimited allowance without decrementing it keep 2**256-1; others count it
# down from there: anything this large is "unlimited" to a user.
UNLIMITED_FROM = 2**255


def is_unlimited(amount: int) -> bool:
    return amount >= UNLIMITED_FROM


@dataclass(frozen=True)
class RouterAllowance:
    """A non-zero allowance of one of the account's tokens to one of the chain's routers."""

    token: TokenInfo
    spender: str
    router: str  # the router's name, e.g. "Uniswap V2 router"
    amount: int

    @property
    def unlimited(self) -> bool:
        return is_unlimited(self.amount)


def router_names(chain: Chain) -> dict[str, str]:
    """Each router of the registry (lower-case address) with a name a user recognises."""
    names: dict[str, str] = {}
    if chain.uniswap_v2:
        names[chain.uniswap_v2.router.lower()] = f"{chain.uniswap_v2.name} router"
    if chain.uniswap_v3:
        v3 = chain.uniswap_v3
        names.setdefault(v3.swap_router.lower(), f"{v3.name} {v3.swap_router_kind}")
        if v3.swap_router02:
            names.setdefault(v3.swap_router02.lower(), f"{v3.name} SwapRouter02")
    return names


def router_allowances(client: ChainClient, chain: Chain, store: TokenStore, owner: str) -> list[RouterAllowance]:
    """Every non-zero allowance of the tokens tracked on ``chain`` from ``owner`` to each router, read
    in one ``aggregate3`` round trip (a token that does not answer is left out)."""
    from wallet.dex.amm.approvals import read_allowances, router_spenders

    tokens = {t.address.lower(): t for t in store.tracked(chain)}
    if not tokens:
        return []
    names = router_names(chain)
    found = read_allowances(client, chain, owner, [t.address for t in tokens.values()], router_spenders(chain))
    return [RouterAllowance(tokens[a.token.lower()], a.spender, names.get(a.spender.lower(), a.spender), a.amount)
            for a in found if a.amount]


def revoke_transaction(client: ChainClient, store: TransactionStore, owner: str,
                       allowance: RouterAllowance) -> TxFields:
    """``approve(router, 0)`` for ``allowance``, ready to sign: estimated, priced, its gas covered."""
    from wallet.dex.amm.approvals import revoke_call
    from wallet.dex.amm.swap_preparation import check_coin_for_gas

    call = revoke_call(allowance.token.address, allowance.spender)
    gas = estimate_gas(client, owner, call)
    fee = suggest_fees(client, client.chain).tiers[FeeTier.NORMAL]
    check_coin_for_gas(client.chain, coin_balance(client, owner), call, gas, fee.worst_case_per_gas)
    return transaction(client, store, owner, call, gas, fee)


def revoke(client: ChainClient, store: TransactionStore, signer: Signer, path: str | None, owner: str,
           allowance: RouterAllowance) -> TxRecord:
    """Signs, sends and waits for the revocation of ``allowance`` (recorded in History as an approval of 0)."""
    tx = revoke_transaction(client, store, owner, allowance)
    record = broadcast_approval(client, store, owner, allowance.token, tx, signer.sign_transaction(path, tx).raw)
    finish_approval(client, store, record)
    return store.get(record.id)
