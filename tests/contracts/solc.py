"""Compiles the test-only contracts in ``tests/contracts/`` with the project's pinned solc-js and the
same settings as ``scripts/compile_contracts.js`` (paris, optimizer 200 runs).

Compiled per test session rather than committed: nothing ships them, so there is no artifact to keep
in step with its source.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from wallet.paths import PROJECT_ROOT

CONTRACTS_DIR = Path(__file__).resolve().parent

_COMPILE_JS = r"""
const fs = require("fs"), path = require("path"), solc = require("solc");
const [file, root] = process.argv.slice(1);
const input = {
  language: "Solidity",
  sources: { [path.basename(file)]: { content: fs.readFileSync(file, "utf8") } },
  settings: {
    evmVersion: "paris",
    optimizer: { enabled: true, runs: 200 },
    outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } },
  },
};
const findImport = (p) => {
  const candidate = path.join(root, "node_modules", p);
  return fs.existsSync(candidate) ? { contents: fs.readFileSync(candidate, "utf8") } : { error: "not found: " + p };
};
const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImport }));
const errors = (output.errors || []).filter((e) => e.severity === "error");
if (errors.length) { console.error(errors.map((e) => e.formattedMessage).join("\n")); process.exit(1); }
process.stdout.write(JSON.stringify(output.contracts[path.basename(file)]));
"""


@dataclass(frozen=True)
class CompiledContract:
    abi: list[dict[str, Any]]
    bytecode: str  # 0x-prefixed creation code


@cache
def compile_test_contracts(file_name: str) -> dict[str, CompiledContract]:
    result = subprocess.run(["node", "-e", _COMPILE_JS, str(CONTRACTS_DIR / file_name), str(PROJECT_ROOT)],
                            cwd=PROJECT_ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return {name: CompiledContract(c["abi"], "0x" + c["evm"]["bytecode"]["object"])
            for name, c in json.loads(result.stdout).items()}
