"""Deploys the playground on one fresh anvil chain: WETH9, Uniswap V2 and V3, SwapRouter02,
Multicall3, test tokens, and liquidity in V2 pairs and V3 pools.

Transactions come from anvil's first unlocked dev account. Every step checks its receipt, so a
revert names the step that failed instead of surfacing later as a missing pool.

The trading playground (deployed last, so every earlier address is unchanged) gives routing real
choices, at DLNK = 10 DUSD and DUNI = 5 DUSD:

- DLNK -> DUSD: V3 is the better route. The 0.05 % V3 pool is deep (100,000 DLNK), the V2 pair and
  the 0.3 % V3 pool are shallow (1,000 DLNK); 100 DLNK goes all through the 0.05 % pool.
- DUNI -> DUSD: V2 is the better route. The V2 pair is deep (200,000 DUNI), the 1 % and 0.3 % V3
  pools are shallow (2,000 DUNI).
- DLNK -> DUNI: a V2/V3 split beats both. The V2 pair and the 0.3 % V3 pool hold the same
  10,000 DLNK / 20,000 DUNI (a full-range V3 position trades like a V2 pair), so 1,000 DLNK
  (10 % of the depth) gets about 4.7 % more DUNI split half and half than through either alone.
  With the shallow 1 % V3 pool and the routes through DUSD it has 8 candidate routes that exist
  (the quoting benchmark's pair).
- DFOT is a fee-on-transfer token (1 % of every transfer is burnt) with a V2 pair against WETH.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from eth_utils.crypto import keccak
from web3 import Web3
from web3.contract import Contract
from web3.types import TxParams, Wei

from wallet.chains.registry import (
    Chain,
    NativeCurrency,
    TokenInfo,
    UniswapV2Deployment,
    UniswapV3Deployment,
)
from wallet.chains.rpc import JsonRpcEndpoint
from wallet.devnet.artifacts import load_artifact
from wallet.devnet.liquidity import full_range_ticks, sqrt_price_x96
from wallet.dex.v2_pair import sort_tokens, v2_pair_address
from wallet.errors import WalletError
from wallet.translatable import QT_TRANSLATE_NOOP

# Explicit gas skips eth_estimateGas (an extra round trip, and low on anvil for V2: see
# TOOLCHAIN-NOTES); under the 2**24 per-transaction cap of recent forks.
TX_GAS = 12_000_000
NO_DEADLINE = 2**64
RECEIPT_POLL_S = 0.005
RECEIPT_TIMEOUT_S = 30
ZERO_ADDRESS = "0x0000000000000000000000000000000000000000"


@dataclass(frozen=True)
class DevTokenSpec:
    symbol: str
    name: str
    decimals: int


DEV_TOKENS = (
    DevTokenSpec("DUSD", "Devnet USD", 6),
    DevTokenSpec("DDAI", "Devnet Dai", 18),
    DevTokenSpec("DBTC", "Devnet Bitcoin", 8),
)
# (token A, whole units of A, token B, whole units of B): WETH at 2,000 USD, DBTC at 60,000 USD.
V2_SEED = (
    ("WETH", 500, "DUSD", 1_000_000),
    ("WETH", 500, "DDAI", 1_000_000),
    ("DUSD", 1_000_000, "DDAI", 1_000_000),
    ("WETH", 300, "DBTC", 10),
)
# The V3 WETH/DUSD pool is priced slightly apart from V2 so that routing has a real choice to make.
V3_SEED = (
    ("WETH", 500, "DUSD", 1_005_000, 3000),
    ("DUSD", 1_000_000, "DDAI", 1_000_000, 500),
    ("WETH", 300, "DBTC", 10, 3000),
)
# The trading playground (module docstring): tokens, then pools in the same shapes as above.
TRADING_TOKENS = (
    DevTokenSpec("DLNK", "Devnet Link", 18),
    DevTokenSpec("DUNI", "Devnet Uni", 18),
)
FEE_ON_TRANSFER_TOKEN = DevTokenSpec("DFOT", "Devnet Fee-on-Transfer", 18)
FEE_ON_TRANSFER_BPS = 100
V3_POOLS_PER_TX = 2  # about 5.2M gas each (pool creation 4.6M): two fit under TX_GAS
TRADING_V2_SEED = (
    ("DLNK", 1_000, "DUSD", 10_000),
    ("DUNI", 200_000, "DUSD", 1_000_000),
    ("DLNK", 10_000, "DUNI", 20_000),
    ("DFOT", 100_000, "WETH", 50),
)
TRADING_V3_SEED = (
    ("DLNK", 100_000, "DUSD", 1_000_000, 500),
    ("DLNK", 1_000, "DUSD", 10_000, 3000),
    ("DUNI", 2_000, "DUSD", 10_000, 10000),
    ("DUNI", 2_000, "DUSD", 10_000, 3000),
    ("DLNK", 10_000, "DUNI", 20_000, 3000),
    ("DLNK", 100, "DUNI", 200, 10000),
)


class DevnetDeployError(WalletError):
    """A deployment step reverted, or a check of what was deployed failed."""

    template = QT_TRANSLATE_NOOP("WalletError", "Setting up the local devnet failed: {detail}")


class _Deployer:
    """Sends the deployment's transactions from anvil's first unlocked account.

    Transactions are built with web3 (ABI encoding) but sent as plain JSON-RPC with the fee fields
    web3 would fill, taken once: web3 asks the node for the tip, the latest block and the chain id
    before every transaction and polls receipts every 0.1 s, which made up most of the devnet's
    start time. The blocks are the same either way (one transaction each, the same tip and base fee:
    the base fee only falls, since no step fills half a block).
    """

    def __init__(self, w3: Web3, rpc_url: str) -> None:
        self.w3 = w3
        self.endpoint = JsonRpcEndpoint(rpc_url, timeout_s=60)
        self.account = w3.eth.accounts[0]
        tip = w3.eth.max_priority_fee
        base_fee = w3.eth.get_block("latest").get("baseFeePerGas", 0)
        self._fees: TxParams = {"maxPriorityFeePerGas": tip, "maxFeePerGas": Wei(tip + 2 * base_fee),
                                "chainId": w3.eth.chain_id}

    def deploy(self, name: str, *args: Any) -> Contract:
        artifact = load_artifact(name)
        factory = self.w3.eth.contract(abi=artifact.abi, bytecode=artifact.bytecode)
        receipt = self._send(f"deploy {name}", factory.constructor(*args).build_transaction(self._tx()))
        address = receipt.get("contractAddress")
        if not isinstance(address, str):
            raise DevnetDeployError(detail=f"deploy {name}: no contract address in receipt")
        return self.w3.eth.contract(address=Web3.to_checksum_address(address), abi=artifact.abi)

    def call(self, step: str, function: Any, value: int = 0) -> None:
        self._send(step, function.build_transaction(self._tx(value)))

    def _tx(self, value: int = 0) -> TxParams:
        return {"from": self.account, "gas": TX_GAS, "value": Web3.to_wei(value, "wei")} | self._fees

    def _send(self, step: str, tx: TxParams) -> dict[str, Any]:
        fields = {key: Web3.to_hex(value) if isinstance(value, int | bytes) else value for key, value in tx.items()
                  if value != b""}  # web3 gives a deployment "to": b""
        tx_hash = self.endpoint.request("eth_sendTransaction", [fields])
        deadline = time.monotonic() + RECEIPT_TIMEOUT_S
        # anvil answers before it has mined a large transaction: poll briefly.
        while (receipt := self.endpoint.request("eth_getTransactionReceipt", [tx_hash])) is None:
            if time.monotonic() > deadline:
                raise DevnetDeployError(detail=f"{step}: no receipt for tx {tx_hash} within {RECEIPT_TIMEOUT_S} s")
            time.sleep(RECEIPT_POLL_S)
        if not isinstance(receipt, dict) or receipt.get("status") != "0x1":
            raise DevnetDeployError(detail=f"{step} reverted (tx {tx_hash})")
        return receipt


def deploy_playground(rpc_url: str, chain_id: int) -> Chain:
    """Deploy everything on the fresh chain at ``rpc_url`` and describe it as a registry ``Chain``."""
    w3 = Web3(Web3.HTTPProvider(rpc_url, request_kwargs={"timeout": 60}))
    if w3.eth.chain_id != chain_id:
        raise DevnetDeployError(detail=f"{rpc_url} reports chain id {w3.eth.chain_id}, expected {chain_id}")
    d = _Deployer(w3, rpc_url)
    weth = d.deploy("WETH9")
    v2_factory = d.deploy("UniswapV2Factory", d.account)
    v2_router = d.deploy("UniswapV2Router02", v2_factory.address, weth.address)
    v3_factory = d.deploy("UniswapV3Factory")
    swap_router = d.deploy("SwapRouter", v3_factory.address, weth.address)
    quoter = d.deploy("QuoterV2", v3_factory.address, weth.address)
    position_manager = d.deploy("NonfungiblePositionManager", v3_factory.address, weth.address, ZERO_ADDRESS)
    multicall = d.deploy("Multicall3")
    tokens = {spec.symbol: d.deploy("DevToken", spec.name, spec.symbol, spec.decimals) for spec in DEV_TOKENS}
    tokens["WETH"] = weth
    decimals = {spec.symbol: spec.decimals for spec in DEV_TOKENS} | {"WETH": 18}

    def raw(symbol: str, units: int) -> int:
        return int(units * 10 ** decimals[symbol])

    _fund_deployer(d, tokens, raw)
    for spender in (v2_router, position_manager):
        for symbol, token in tokens.items():
            d.call(f"approve {symbol}", token.functions.approve(spender.address, 2**256 - 1))
    for sym_a, units_a, sym_b, units_b in V2_SEED:
        d.call(f"V2 liquidity {sym_a}/{sym_b}", v2_router.functions.addLiquidity(
            tokens[sym_a].address, tokens[sym_b].address, raw(sym_a, units_a), raw(sym_b, units_b),
            0, 0, d.account, NO_DEADLINE))
    for sym_a, units_a, sym_b, units_b, fee in V3_SEED:
        _seed_v3_pool(d, position_manager, fee,
                      (tokens[sym_a].address, raw(sym_a, units_a)), (tokens[sym_b].address, raw(sym_b, units_b)))
    _check_v2_init_code_hash(d.w3, v2_factory, v2_router, tokens["WETH"].address, tokens["DUSD"].address)
    ens_registry = _deploy_ens(d)
    swap_router02 = d.deploy("SwapRouter02", v2_factory.address, v3_factory.address, position_manager.address,
                             weth.address)
    trading_tokens = _seed_trading_playground(d, v2_router, position_manager, weth, tokens["DUSD"])
    _deploy_htlc(d)

    return Chain(
        key=f"devnet-{chain_id}",
        chain_id=chain_id,
        name=f"Devnet {chain_id}",
        localized_names={"zh_CN": f"本地测试链 {chain_id}"},
        native=NativeCurrency("ETH", "Devnet Ether", 18),
        rpc_urls=(rpc_url,),
        multicall3=multicall.address,
        wrapped_native=weth.address,
        uniswap_v2=UniswapV2Deployment("Uniswap V2", v2_factory.address, v2_router.address,
                                       "0x" + keccak(hexstr=load_artifact("UniswapV2Pair").bytecode).hex()),
        uniswap_v3=UniswapV3Deployment("Uniswap V3", v3_factory.address, swap_router.address, "SwapRouter",
                                       quoter.address, position_manager.address, swap_router02.address),
        tokens=(*(TokenInfo(tokens[s.symbol].address, s.symbol, s.name, s.decimals) for s in DEV_TOKENS),
                TokenInfo(weth.address, "WETH", "Wrapped Ether", 18), *trading_tokens),
        ens_registry=ens_registry,
        usd_token=TokenInfo(tokens["DUSD"].address, "DUSD", "Devnet USD", 6),
        testnet=True,
        devnet=True,
    )


def _deploy_htlc(d: _Deployer) -> None:
    """The atomic-swap HTLC through the CREATE2 deployer, last, so no other address moves: it lands at
    ``HTLC_ADDRESS`` as on every other chain."""
    from wallet.dex.atomic.htlc_artifact import htlc_artifact
    from wallet.dex.atomic.htlc_deployment import CREATE2_DEPLOYER, HTLC_SALT

    d._send("deploy AtomicSwapHTLC", {"from": d.account, "to": CREATE2_DEPLOYER, "gas": TX_GAS,
                                      "data": HTLC_SALT + htlc_artifact().init_code} | d._fees)


def _deploy_ens(d: _Deployer) -> str:
    """The real ENS registry and public resolver, with ``alice.eth`` and ``bob.eth`` pointing at dev
    accounts 1 and 2 (the playground's names to send to)."""
    from wallet.chains.ens import namehash

    registry = d.deploy("ENSRegistry")  # the deployer owns the root node
    resolver = d.deploy("PublicResolver", registry.address)
    root = b"\0" * 32
    d.call("ENS: own .eth", registry.functions.setSubnodeOwner(root, keccak(text="eth"), d.account))
    dev_accounts = list(d.w3.eth.accounts)
    for label, account in (("alice", dev_accounts[1]), ("bob", dev_accounts[2])):
        node = namehash(f"{label}.eth")
        d.call(f"ENS: {label}.eth", registry.functions.setSubnodeRecord(
            namehash("eth"), keccak(text=label), d.account, resolver.address, 0))
        d.call(f"ENS: {label}.eth address", resolver.functions.setAddr(node, account))
    return str(registry.address)


def _seed_trading_playground(d: _Deployer, v2_router: Contract, position_manager: Contract, weth: Contract,
                             dusd: Contract) -> list[TokenInfo]:
    """The tokens and pools of the module docstring's trading playground; returns the new tokens."""
    tokens = {spec.symbol: d.deploy("DevToken", spec.name, spec.symbol, spec.decimals) for spec in TRADING_TOKENS}
    fot = FEE_ON_TRANSFER_TOKEN
    tokens[fot.symbol] = d.deploy("FeeOnTransferToken", fot.name, fot.symbol, FEE_ON_TRANSFER_BPS)
    decimals = {spec.symbol: spec.decimals for spec in (*TRADING_TOKENS, fot)} | {"WETH": 18, "DUSD": 6}

    def raw(symbol: str, units: int) -> int:
        return int(units * 10 ** decimals[symbol])

    _fund_deployer(d, tokens | {"WETH": weth, "DUSD": dusd}, raw, TRADING_V2_SEED + TRADING_V3_SEED)
    for symbol, token in tokens.items():  # WETH and DUSD are approved already
        spenders = (v2_router, position_manager) if symbol != fot.symbol else (v2_router,)
        for spender in spenders:
            d.call(f"approve {symbol}", token.functions.approve(spender.address, 2**256 - 1))
    tokens |= {"WETH": weth, "DUSD": dusd}
    for sym_a, units_a, sym_b, units_b in TRADING_V2_SEED:
        d.call(f"V2 liquidity {sym_a}/{sym_b}", v2_router.functions.addLiquidity(
            tokens[sym_a].address, tokens[sym_b].address, raw(sym_a, units_a), raw(sym_b, units_b),
            0, 0, d.account, NO_DEADLINE))
    pools = [(fee, (tokens[a].address, raw(a, units_a)), (tokens[b].address, raw(b, units_b)))
             for a, units_a, b, units_b, fee in TRADING_V3_SEED]
    for first in range(0, len(pools), V3_POOLS_PER_TX):
        _seed_v3_pools(d, position_manager, pools[first:first + V3_POOLS_PER_TX])
    return [TokenInfo(tokens[s.symbol].address, s.symbol, s.name, s.decimals) for s in (*TRADING_TOKENS, fot)]


def _fund_deployer(d: _Deployer, tokens: dict[str, Contract], raw: Callable[[str, int], int],
                   seeds: tuple[tuple[Any, ...], ...] = V2_SEED + V3_SEED) -> None:
    needed: dict[str, int] = {}
    for sym_a, units_a, sym_b, units_b, *_ in seeds:
        needed[sym_a] = needed.get(sym_a, 0) + raw(sym_a, units_a)
        needed[sym_b] = needed.get(sym_b, 0) + raw(sym_b, units_b)
    for symbol, amount in needed.items():
        if symbol == "WETH":
            d.call("wrap ETH", tokens["WETH"].functions.deposit(), value=amount)
        else:
            d.call(f"mint {symbol}", tokens[symbol].functions.mint(d.account, amount))


def _seed_v3_pools(d: _Deployer, position_manager: Contract,
                   pools: Sequence[tuple[int, tuple[str, int], tuple[str, int]]]) -> None:
    """Create, initialise and fill full-range V3 pools in one transaction, through the position
    manager's ``multicall`` (fewer transactions keep the devnet's start quick)."""
    calls, names = [], []
    for fee, side_a, side_b in pools:
        if sort_tokens(side_a[0], side_b[0])[0] != side_a[0]:
            side_a, side_b = side_b, side_a
        (token0, amount0), (token1, amount1) = side_a, side_b
        lower, upper = full_range_ticks(fee)
        calls.append(position_manager.encode_abi("createAndInitializePoolIfNecessary",
                                                 [token0, token1, fee, sqrt_price_x96(amount0, amount1)]))
        calls.append(position_manager.encode_abi("mint", [
            (token0, token1, fee, lower, upper, amount0, amount1, 0, 0, d.account, NO_DEADLINE)]))
        names.append(f"{token0}/{token1} fee {fee}")
    d.call(f"V3 pools {', '.join(names)}", position_manager.functions.multicall(calls))


def _seed_v3_pool(d: _Deployer, position_manager: Contract, fee: int,
                  side_a: tuple[str, int], side_b: tuple[str, int]) -> None:
    if sort_tokens(side_a[0], side_b[0])[0] != side_a[0]:
        side_a, side_b = side_b, side_a
    (token0, amount0), (token1, amount1) = side_a, side_b
    step = f"V3 pool {token0}/{token1} fee {fee}"
    d.call(f"{step}: create", position_manager.functions.createAndInitializePoolIfNecessary(
        token0, token1, fee, sqrt_price_x96(amount0, amount1)))
    lower, upper = full_range_ticks(fee)
    d.call(f"{step}: mint", position_manager.functions.mint(
        (token0, token1, fee, lower, upper, amount0, amount1, 0, 0, d.account, NO_DEADLINE)))


def _check_v2_init_code_hash(w3: Web3, factory: Contract, router: Contract, token_a: str, token_b: str) -> None:
    """Prove that the router finds the pairs the factory creates.

    The router never asks the factory where a pair is: it computes
    CREATE2(factory, keccak(token0 ++ token1), INIT_CODE_HASH) with the hash baked into its bytecode.
    So the keccak of the pair creation code the factory deploys must equal that constant. We check
    the three links: our hash predicts the factory's real pair address, the router's runtime code
    carries that same hash, and a router quote through the pair succeeds.
    """
    token0, token1 = sort_tokens(token_a, token_b)
    init_code_hash = keccak(hexstr=load_artifact("UniswapV2Pair").bytecode)
    predicted = v2_pair_address(factory.address, token0, token1, init_code_hash.hex())
    actual = factory.functions.getPair(token0, token1).call()
    if predicted != actual:
        raise DevnetDeployError(
            detail=f"V2 pair init-code hash mismatch: predicted {predicted}, factory created {actual}")
    if init_code_hash not in bytes(w3.eth.get_code(router.address)):
        raise DevnetDeployError(
            detail=f"UniswapV2Router02 does not carry the pair init-code hash 0x{init_code_hash.hex()}")
    if router.functions.getAmountsOut(10**6, [token0, token1]).call()[-1] <= 0:
        raise DevnetDeployError(detail="UniswapV2Router02.getAmountsOut found no liquidity in a seeded pair")
