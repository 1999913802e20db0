"""The committed build of ``AtomicSwapHTLC.sol``: its ABI, creation code and runtime code."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from wallet.paths import RESOURCES_DIR

ARTIFACT_PATH = RESOURCES_DIR / "contracts" / "build" / "AtomicSwapHTLC.json"


@dataclass(frozen=True)
class HtlcArtifact:
    abi: list[dict[str, Any]]
    init_code: bytes  # creation code: what the CREATE2 deployer runs (no constructor arguments)
    runtime_code: bytes  # what ``eth_getCode`` must return at the contract's address


@cache
def htlc_artifact() -> HtlcArtifact:
    data = json.loads(ARTIFACT_PATH.read_text(encoding="utf-8"))
    return HtlcArtifact(abi=data["abi"], init_code=bytes.fromhex(data["bytecode"].removeprefix("0x")),
                        runtime_code=bytes.fromhex(data["deployedBytecode"].removeprefix("0x")))
