"""The committed contract artifacts are exactly what the pinned solc makes from the committed sources."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from wallet.paths import PROJECT_ROOT

BUILD_DIR = PROJECT_ROOT / "resources" / "contracts" / "build"


def test_artifacts_match_a_fresh_compile(tmp_path: Path) -> None:
    subprocess.run(["node", str(PROJECT_ROOT / "scripts" / "compile_contracts.js"), str(tmp_path)],
                   check=True, capture_output=True)
    fresh = sorted(p.name for p in tmp_path.glob("*.json"))
    assert fresh == sorted(p.name for p in BUILD_DIR.glob("*.json"))
    assert {"DevToken.json", "FeeOnTransferToken.json", "Multicall3.json"} <= set(fresh)
    for name in fresh:
        assert json.loads((tmp_path / name).read_text()) == json.loads((BUILD_DIR / name).read_text()), (
            f"{name} is stale: run `npm run compile-contracts`")


def test_artifacts_target_the_oldest_fork_we_deploy_to() -> None:
    for path in BUILD_DIR.glob("*.json"):
        artifact = json.loads(path.read_text())
        assert artifact["evmVersion"] == "paris"
        assert "5f" not in _opcodes(artifact["deployedBytecode"]), f"{path.name} uses PUSH0"


def _opcodes(bytecode: str) -> list[str]:
    """Opcode bytes only (PUSH data skipped), stopping at the CBOR metadata trailer."""
    code = bytes.fromhex(bytecode.removeprefix("0x"))
    code = code[: len(code) - 2 - int.from_bytes(code[-2:], "big")]
    ops, i = [], 0
    while i < len(code):
        op = code[i]
        ops.append(f"{op:02x}")
        i += 1 + (op - 0x5F if 0x60 <= op <= 0x7F else 0)
    return ops
