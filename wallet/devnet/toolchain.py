"""Finds the node toolchain the devnet needs (anvil, the Uniswap artifacts) in ``node_modules``.

``npm ci`` at the project root installs it from the pinned ``package.json``; when it is missing the
errors here say exactly that, with the directory to run it in.
"""

from __future__ import annotations

import os
import platform
import sys
from pathlib import Path

from wallet.errors import WalletError
from wallet.paths import PROJECT_ROOT
from wallet.translatable import QT_TRANSLATE_NOOP

# npm's platform packages for the anvil binary, keyed by (sys.platform prefix, machine).
_ANVIL_PACKAGES = {
    ("linux", "x86_64"): "anvil-linux-amd64",
    ("linux", "amd64"): "anvil-linux-amd64",
    ("linux", "aarch64"): "anvil-linux-arm64",
    ("linux", "arm64"): "anvil-linux-arm64",
    ("darwin", "x86_64"): "anvil-darwin-amd64",
    ("darwin", "arm64"): "anvil-darwin-arm64",
    ("win32", "amd64"): "anvil-win32-amd64",
    ("win32", "x86_64"): "anvil-win32-amd64",
}


class ToolchainMissingError(WalletError):
    """The npm packages the devnet needs are not installed."""

    template = QT_TRANSLATE_NOOP(
        "WalletError", "The local chain tools are missing ({missing}). Run `npm ci` in {root}.")


class UnsupportedPlatformError(WalletError):
    template = QT_TRANSLATE_NOOP(
        "WalletError",
        "anvil has no prebuilt binary for {platform}; install Foundry's anvil and set WALLET_ANVIL to it.")


def node_modules_dir() -> Path:
    override = os.environ.get("WALLET_NODE_MODULES")
    return Path(override) if override else PROJECT_ROOT / "node_modules"


def anvil_binary() -> Path:
    """Path of the anvil executable shipped by ``@foundry-rs/anvil``'s platform package."""
    override = os.environ.get("WALLET_ANVIL")
    if override:
        return Path(override)
    system = "win32" if sys.platform.startswith("win") else sys.platform
    system = "linux" if system.startswith("linux") else system
    package = _ANVIL_PACKAGES.get((system, platform.machine().lower()))
    if package is None:
        raise UnsupportedPlatformError(platform=f"{sys.platform}/{platform.machine()}")
    exe = "anvil.exe" if system == "win32" else "anvil"
    binary = node_modules_dir() / "@foundry-rs" / package / "bin" / exe
    if not binary.is_file():
        raise ToolchainMissingError(missing=str(binary), root=str(PROJECT_ROOT))
    return binary


def npm_artifact(relative: str) -> Path:
    """Path of a file inside ``node_modules`` (a contract artifact), or a clear error."""
    path = node_modules_dir() / relative
    if not path.is_file():
        raise ToolchainMissingError(missing=str(path), root=str(PROJECT_ROOT))
    return path
