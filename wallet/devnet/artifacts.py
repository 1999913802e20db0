"""Contract artifacts the devnet deploys: Uniswap's from npm (bytecode untouched) and our own."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from wallet.devnet.toolchain import npm_artifact
from wallet.paths import RESOURCES_DIR

_V3_CORE = "@uniswap/v3-core/artifacts/contracts"
_V3_PERIPHERY = "@uniswap/v3-periphery/artifacts/contracts"
NPM_ARTIFACTS = {
    "WETH9": "@uniswap/v2-periphery/build/WETH9.json",
    "UniswapV2Factory": "@uniswap/v2-core/build/UniswapV2Factory.json",
    "UniswapV2Pair": "@uniswap/v2-core/build/UniswapV2Pair.json",
    "UniswapV2Router02": "@uniswap/v2-periphery/build/UniswapV2Router02.json",
    "UniswapV3Factory": f"{_V3_CORE}/UniswapV3Factory.sol/UniswapV3Factory.json",
    "UniswapV3Pool": f"{_V3_CORE}/UniswapV3Pool.sol/UniswapV3Pool.json",
    "SwapRouter": f"{_V3_PERIPHERY}/SwapRouter.sol/SwapRouter.json",
    "QuoterV2": f"{_V3_PERIPHERY}/lens/QuoterV2.sol/QuoterV2.json",
    "NonfungiblePositionManager": f"{_V3_PERIPHERY}/NonfungiblePositionManager.sol/NonfungiblePositionManager.json",
    "SwapRouter02": "@uniswap/swap-router-contracts/artifacts/contracts/SwapRouter02.sol/SwapRouter02.json",
    "ENSRegistry": "@ensdomains/ens/build/contracts/ENSRegistry.json",
    "PublicResolver": "@ensdomains/resolver/build/contracts/PublicResolver.json",
}
OWN_ARTIFACTS_DIR = RESOURCES_DIR / "contracts" / "build"


@dataclass(frozen=True)
class Artifact:
    name: str
    abi: list[dict[str, Any]]
    bytecode: str  # 0x-prefixed creation code


@cache
def load_artifact(name: str) -> Artifact:
    """A Uniswap artifact from ``node_modules`` or one of ours from ``resources/contracts/build``."""
    path = npm_artifact(NPM_ARTIFACTS[name]) if name in NPM_ARTIFACTS else OWN_ARTIFACTS_DIR / f"{name}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    bytecode = data["bytecode"]
    bytecode = bytecode if bytecode.startswith("0x") else "0x" + bytecode
    return Artifact(name=name, abi=data["abi"], bytecode=bytecode)
