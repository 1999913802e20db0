"""BIP-32 derivation paths as the wallet writes them (``m/44'/60'/0'/0/3``) and as devices read them.

Kept free of the key arithmetic so the UI and the device drivers can name paths without loading
bip-utils.
"""

from __future__ import annotations

import enum
import re

_PATH_RE = re.compile(r"^m(/\d+'?)*\Z")
HARDENED = 0x80000000


class EthPathLayout(enum.Enum):
    """Where account ``i`` lives. BIP-44 counts addresses; Ledger Live counts hardened accounts."""

    BIP44 = "m/44'/60'/0'/0/{index}"
    LEDGER_LIVE = "m/44'/60'/{index}'/0/0"

    def path(self, index: int) -> str:
        if not 0 <= index < HARDENED:
            raise ValueError(f"account index out of range: {index}")
        return self.value.format(index=index)


def validate_path(path: str) -> str:
    if not _PATH_RE.match(path):
        raise ValueError(f"not a BIP-32 path: {path!r}")
    return path


def path_indices(path: str) -> list[int]:
    """The path's components as uint32s, hardened ones with the top bit set."""
    indices = []
    for part in validate_path(path).split("/")[1:]:
        index = int(part.rstrip("'"))
        if index >= HARDENED:
            raise ValueError(f"path component out of range: {path!r}")
        indices.append(index + HARDENED if part.endswith("'") else index)
    return indices


def path_from_indices(indices: list[int]) -> str:
    return "m/" + "/".join(f"{i - HARDENED}'" if i >= HARDENED else str(i) for i in indices)
