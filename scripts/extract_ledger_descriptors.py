#!/usr/bin/env python3
"""Copies Ledger's signed ERC-20 descriptors for the chains in resources/chains.json from the pinned
npm package @ledgerhq/cryptoassets-evm-signatures into resources/ledger/erc20-descriptors.json.

The app reads that committed file, never node_modules: an installed app bundles resources/ and has
no node_modules. Each chain's value is the package's base64 text unchanged (concatenated records,
each a 4-byte big-endian length and one descriptor as INS 0x0A takes it), so the file can be
compared with the package byte for byte; the package version is recorded beside it. Chains the
package has no list for are left out. tests/test_ledger_tokens.py re-extracts and compares.

Usage: .venv/bin/python scripts/extract_ledger_descriptors.py   (after npm ci)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "@ledgerhq/cryptoassets-evm-signatures"
OUTPUT = ROOT / "resources" / "ledger" / "erc20-descriptors.json"


def extract(root: Path = ROOT) -> str:
    """The file's text, from the package under ``root``/node_modules and ``root``/resources/chains.json."""
    package = root / "node_modules" / PACKAGE
    version = json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
    chain_ids = sorted(int(c["chain_id"]) for c in json.loads(
        (root / "resources" / "chains.json").read_text(encoding="utf-8"))["chains"])
    chains = {}
    for chain_id in chain_ids:
        source = package / "src" / "data" / "evm" / str(chain_id) / "erc20-signatures.json"
        if source.exists():
            chains[str(chain_id)] = json.loads(source.read_text(encoding="utf-8"))
    document = {"package": PACKAGE, "version": version, "chains": chains}
    return json.dumps(document, indent=1) + "\n"


def main() -> int:
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(extract(), encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
