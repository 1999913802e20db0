"""What this copy of the wallet is: its version and the commit it was built from.

An installed bundle carries ``build-info.json`` (written by ``scripts/build-installer`` next to the
bundled ``resources``); a source checkout asks ``git`` (bounded by a timeout, so call this off the GUI
thread). Either way the answer is best effort: a missing ``git`` or a damaged file gives "unknown",
never an error.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from wallet.paths import PROJECT_ROOT

DISTRIBUTION = "wallet"
BUILD_INFO_FILE = PROJECT_ROOT / "build-info.json"
GIT_TIMEOUT_S = 2.0


@dataclass(frozen=True)
class BuildInfo:
    version: str  # "" when unknown
    commit: str  # full hex commit id, "" when unknown
    dirty: bool  # built or running from a tree with uncommitted changes
    bundled: bool  # an installed bundle (PyInstaller), not a source checkout

    @property
    def short_commit(self) -> str:
        return self.commit[:12]


def is_bundled() -> bool:
    return bool(getattr(sys, "frozen", False))


def package_version() -> str:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return ""


def read_build_info(path: Path | None = None) -> BuildInfo | None:
    """The facts written into a bundle at build time, or None when there is no such file."""
    try:
        raw = json.loads((path or BUILD_INFO_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(raw, dict):
        return None
    version, commit, dirty = raw.get("version"), raw.get("commit"), raw.get("dirty")
    return BuildInfo(version=version if isinstance(version, str) else "",
                     commit=commit if isinstance(commit, str) else "",
                     dirty=dirty is True, bundled=is_bundled())


def git_commit(root: Path = PROJECT_ROOT, timeout_s: float = GIT_TIMEOUT_S) -> tuple[str, bool]:
    """(commit, dirty) of the checkout at ``root``; ("", False) when git or the repository is missing."""
    def git(*args: str) -> str:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                              timeout=timeout_s, check=True, stdin=subprocess.DEVNULL)
        return done.stdout.strip()

    with contextlib.suppress(OSError, subprocess.SubprocessError):
        commit = git("rev-parse", "HEAD")
        dirty = bool(git("status", "--porcelain", "--untracked-files=no"))
        return commit, dirty
    return "", False


def build_info() -> BuildInfo:
    """Version and commit of the running wallet. May run git: call it off the GUI thread."""
    recorded = read_build_info()
    if recorded is not None:
        return recorded
    commit, dirty = ("", False) if is_bundled() else git_commit()
    return BuildInfo(version=package_version(), commit=commit, dirty=dirty, bundled=is_bundled())
