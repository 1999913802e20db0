"""The Linux installers, built and run: the .deb, the portable tarball and the AppImage's AppDir.

One PyInstaller build per session (``scripts/build-installer``, from the committed HEAD) feeds all
three packages. Each is unpacked into a temporary root and the bundled app is started offscreen with a
fresh ``WALLET_HOME``, ``--devnet`` and a PATH without the checkout's ``.venv`` or ``node_modules``.
Its self-test (installer/deskwallet.py) watches the running app's own widgets and reports once the
main window is visible and the status bar shows a block height; the report also lists the processes
the app started, which must be the two anvil chains from inside the unpacked package.

Slow (PyInstaller and compressing ~200 MB): runs when ``WALLET_TEST_INSTALLERS=1`` (``.ci/run`` sets
it). The .deb is built with gzip here (xz, for releases, would add ~2 minutes).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUILD_TIMEOUT_S = 1200
RUN_TIMEOUT_S = 180

pytestmark = [
    pytest.mark.skipif(os.environ.get("WALLET_TEST_INSTALLERS") != "1",
                       reason="builds the installers (minutes): set WALLET_TEST_INSTALLERS=1 (.ci/run does)"),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux packages are built on Linux"),
    pytest.mark.timeout(BUILD_TIMEOUT_S + RUN_TIMEOUT_S),
]


def head_commit() -> str:
    return subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True,
                          check=True).stdout.strip()


def project_version() -> str:
    from importlib.metadata import version

    return version("wallet")


@pytest.fixture(scope="module")
def built_commit() -> str:
    return head_commit()


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory, built_commit: str) -> Iterator[Path]:
    """The installers, built once for this module from the commit checked out now."""
    base = tmp_path_factory.mktemp("installers")
    out = base / "dist"
    env = {**os.environ, "WALLET_DEB_COMPRESSION": "gzip"}
    subprocess.run([str(ROOT / "scripts" / "build-installer"), "--out", str(out), "--work", str(base / "work"),
                    "--commit", built_commit], check=True, env=env, timeout=BUILD_TIMEOUT_S, stdin=subprocess.DEVNULL)
    yield out


def clean_env(home: Path, report: Path) -> dict[str, str]:
    """What a user's desktop session gives the app: no developer paths, a fresh wallet home."""
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
        "WALLET_HOME": str(home / "wallet-home"),
        "WALLET_SELFTEST_REPORT": str(report),
        "WALLET_SELFTEST_TIMEOUT_S": "120",
    }
    assert not any(".venv" in part or "node_modules" in part for part in env["PATH"].split(":"))
    return env


def run_selftest(executable: Path, package_root: Path, workdir: Path) -> dict[str, Any]:
    """Starts the packaged app with the playground; returns its self-test report after checking it."""
    home = workdir / "home"
    home.mkdir(parents=True)
    report_path = workdir / "report.json"
    done = subprocess.run([str(executable), "--devnet"], env=clean_env(home, report_path), cwd=workdir,
                          capture_output=True, text=True, timeout=RUN_TIMEOUT_S, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr[-3000:]
    report: dict[str, Any] = json.loads(report_path.read_text(encoding="utf-8"))
    print(json.dumps(report, indent=2))
    assert report["outcome"] == "block-height-shown", report
    # The main window appeared …
    assert report["window_title"] == "DeskWallet"
    assert report["window_shown_s"] is not None
    # … and the status bar shows a live block height of the playground chain (a fresh anvil is at
    # block 0; deploying the contracts mines the blocks counted here).
    assert re.fullmatch(r"Block [\d,]+", report["block_label"]), report["block_label"]
    assert report["height"] > 0
    assert "chain id 31337" in report["chain_label"]
    assert report["icons_loaded"] is True
    # The frozen app from this package, and the two chains are the anvil inside it.
    assert report["frozen"] is True
    assert Path(report["bundle_dir"]).resolve().is_relative_to(package_root.resolve())
    children = [Path(child) for child in report["children"]]
    assert len(children) == 2, children
    for child in children:
        assert child.name == "anvil"
        assert child.resolve().is_relative_to(package_root.resolve()), child
    # A fresh wallet home, used as asked.
    assert (home / "wallet-home" / "data" / "logs" / "wallet.log").is_file()
    return report


def test_sha256sums_list_every_package(dist: Path) -> None:
    listed = {}
    for line in (dist / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split(maxsplit=1)
        listed[name] = digest
    version = project_version()
    assert set(listed) == {f"deskwallet_{version}_amd64.deb", f"deskwallet-{version}-linux-x86_64.tar.gz"}
    for name, digest in listed.items():
        assert hashlib.sha256((dist / name).read_bytes()).hexdigest() == digest


def test_bundle_records_commit_and_version(dist: Path, built_commit: str) -> None:
    recorded = json.loads((dist / "DeskWallet" / "_internal" / "build-info.json").read_text(encoding="utf-8"))
    assert recorded == {"version": project_version(), "commit": built_commit, "dirty": False}


def test_deb_unpacked_runs_the_app_and_playground(dist: Path, tmp_path: Path) -> None:
    deb = dist / f"deskwallet_{project_version()}_amd64.deb"
    fields = subprocess.run(["dpkg-deb", "--field", str(deb)], capture_output=True, text=True, check=True).stdout
    depends = re.search(r"^Depends: (.*)$", fields, re.MULTILINE)
    assert depends is not None
    needed = [line.strip() for line in (ROOT / "installer" / "linux" / "runtime-deps.txt").read_text().splitlines()
              if line.strip() and not line.startswith("#")]
    assert needed and all(package in depends.group(1) for package in needed), depends.group(1)
    control = tmp_path / "control"
    subprocess.run(["dpkg-deb", "--control", str(deb), str(control)], check=True)
    postinst = (control / "postinst").read_text()
    assert "udevadm control --reload-rules" in postinst and "udevadm trigger" in postinst

    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    assert (root / "usr" / "bin" / "deskwallet").readlink() == Path("/opt/deskwallet/deskwallet")
    desktop = (root / "usr" / "share" / "applications" / "deskwallet.desktop").read_text()
    assert "Exec=deskwallet\n" in desktop and "Icon=deskwallet\n" in desktop
    assert (root / "usr" / "share" / "icons" / "hicolor" / "256x256" / "apps" / "deskwallet.png").is_file()
    rules = (root / "usr" / "lib" / "udev" / "rules.d" / "20-deskwallet-hardware-wallets.rules").read_text()
    assert 'ATTRS{idVendor}=="2c97"' in rules and 'ATTR{idVendor}=="1209"' in rules
    run_selftest(root / "opt" / "deskwallet" / "deskwallet", root, tmp_path / "run")


def test_portable_tarball_runs_the_app_and_playground(dist: Path, tmp_path: Path) -> None:
    version = project_version()
    tarball = dist / f"deskwallet-{version}-linux-x86_64.tar.gz"
    with tarfile.open(tarball) as archive:
        members = archive.getmembers()
        assert all(member.uid == 0 and member.gid == 0 for member in members)
        assert len({member.mtime for member in members}) == 1  # SOURCE_DATE_EPOCH everywhere
        archive.extractall(tmp_path / "root", filter="tar")
    unpacked = tmp_path / "root" / f"deskwallet-{version}"
    assert os.access(unpacked / "install-desktop-entry", os.X_OK)
    assert (unpacked / "share" / "udev" / "20-deskwallet-hardware-wallets.rules").is_file()
    run_selftest(unpacked / "deskwallet", unpacked, tmp_path / "run")


def test_appdir_runs_through_apprun(dist: Path, tmp_path: Path) -> None:
    appdir = dist / "DeskWallet.AppDir"
    assert os.access(appdir / "AppRun", os.X_OK)
    assert "Exec=deskwallet\n" in (appdir / "deskwallet.desktop").read_text()
    assert (appdir / ".DirIcon").resolve() == (appdir / "deskwallet.png").resolve()
    assert (appdir / "deskwallet.png").is_file()
    run_selftest(appdir / "AppRun", appdir, tmp_path / "run")
