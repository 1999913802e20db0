"""The Linux installers, built and run: the .deb, the portable tarball and the AppImage's AppDir.

One PyInstaller build per session (``scripts/build-installer``, from the committed HEAD) feeds all
three packages. Each is unpacked into a temporary root and the bundled app is started offscreen with a
fresh ``WALLET_HOME``, ``--devnet`` and a PATH without the checkout's ``.venv`` or ``node_modules``.
Its self-test (installer/deskwallet.py) watches the running app's own widgets and reports once the
main window is visible and the status bar shows a block height; the report also lists the processes
the app started, which must be the two anvil chains from inside the unpacked package.

Slow (PyInstaller and compressing ~200 MB): runs when ``WALLET_TEST_INSTALLERS=1`` (``.ci/run`` sets
it). The .deb is built with gzip here (xz, for releases, would add ~2 minutes). The small tests at the
end (how the app finds the bundled anvil, reproducible archives) always run.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUILD_TIMEOUT_S = 1200
RUN_TIMEOUT_S = 180



def _load_linux_package() -> ModuleType:
    """installer/linux/package.py (a script, not in an importable package)."""
    path = ROOT / "installer" / "linux" / "package.py"
    spec = importlib.util.spec_from_file_location("installer_linux_package", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


linux_package = _load_linux_package()

builds = pytest.mark.skipif(os.environ.get("WALLET_TEST_INSTALLERS") != "1",
                            reason="builds the installers (minutes): set WALLET_TEST_INSTALLERS=1 (.ci/run does)")
on_linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux packages are built on Linux")
slow = pytest.mark.timeout(BUILD_TIMEOUT_S + RUN_TIMEOUT_S)


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


def run_selftest(executable: Path, package_root: Path, workdir: Path, commit: str,
                 block_text: str = "Block") -> dict[str, Any]:
    """Starts the packaged app with the playground; returns its self-test report after checking it.
    ``block_text``: the status bar's word for "Block" in the language the app is started in."""
    home = workdir / "home"
    home.mkdir(parents=True)
    report_path = workdir / "report.json"
    argv = [str(executable), "--devnet"] + ([] if block_text == "Block" else ["--lang", "zh_CN"])
    done = subprocess.run(argv, env=clean_env(home, report_path), cwd=workdir,
                          capture_output=True, text=True, timeout=RUN_TIMEOUT_S, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr[-3000:]
    report: dict[str, Any] = json.loads(report_path.read_text(encoding="utf-8"))
    print(json.dumps(report, indent=2))
    assert report["outcome"] == "block-height-shown", report
    # The main window appeared …
    assert report["window_title"].startswith("DeskWallet")
    assert report["window_shown_s"] is not None
    # … and the status bar shows a live block height of the playground chain (a fresh anvil is at
    # block 0; deploying the contracts mines the blocks counted here).
    assert re.fullmatch(re.escape(block_text) + r" ?[\d,]+", report["block_label"]), report["block_label"]
    assert report["height"] > 0
    assert "31337" in report["chain_label"]
    assert report["icons_loaded"] is True
    # The frozen app from this package, and the two chains are the anvil inside it.
    assert report["frozen"] is True
    assert Path(report["bundle_dir"]).resolve().is_relative_to(package_root.resolve())
    # Python imports only from the bundle: nothing from the checkout or its .venv.
    assert report["sys_path"]
    assert all(Path(entry).resolve().is_relative_to(package_root.resolve()) for entry in report["sys_path"]), \
        report["sys_path"]
    children = [Path(child) for child in report["children"]]
    assert len(children) == 2, children
    for child in children:
        assert child.name == "anvil"
        assert child.resolve().is_relative_to(package_root.resolve()), child
    # Quitting the app stopped its chains (none left running on its own).
    for pid in report["child_pids"]:
        try:
            still = Path(f"/proc/{pid}/exe").readlink()
        except OSError:
            continue  # gone
        assert not still.is_relative_to(package_root.resolve()), f"anvil {pid} outlived the app"
    # What Help → About shows: this build's version and commit, read from the bundle (no git there).
    assert report["build_info"] == {"version": project_version(), "commit": commit, "dirty": False, "bundled": True}
    # A fresh wallet home, used as asked.
    assert (home / "wallet-home" / "data" / "logs" / "wallet.log").is_file()
    return report


@builds
@on_linux
@slow
def test_sha256sums_list_every_package(dist: Path) -> None:
    listed = {}
    for line in (dist / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split(maxsplit=1)
        listed[name] = digest
    version = project_version()
    assert set(listed) == {f"deskwallet_{version}_amd64.deb", f"deskwallet-{version}-linux-x86_64.tar.gz"}
    for name, digest in listed.items():
        assert hashlib.sha256((dist / name).read_bytes()).hexdigest() == digest


@builds
@on_linux
@slow
def test_bundle_records_commit_and_version(dist: Path, built_commit: str) -> None:
    recorded = json.loads((dist / "DeskWallet" / "_internal" / "build-info.json").read_text(encoding="utf-8"))
    assert recorded == {"version": project_version(), "commit": built_commit, "dirty": False}


@builds
@on_linux
@slow
def test_deb_unpacked_runs_the_app_and_playground(dist: Path, tmp_path: Path, built_commit: str) -> None:
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
    run_selftest(root / "opt" / "deskwallet" / "deskwallet", root, tmp_path / "run", built_commit)


@builds
@on_linux
@slow
def test_portable_tarball_runs_the_app_and_playground(dist: Path, tmp_path: Path, built_commit: str) -> None:
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
    run_selftest(unpacked / "deskwallet", unpacked, tmp_path / "run", built_commit)


@builds
@on_linux
@slow
def test_appdir_runs_through_apprun(dist: Path, tmp_path: Path, built_commit: str) -> None:
    appdir = dist / "DeskWallet.AppDir"
    assert os.access(appdir / "AppRun", os.X_OK)
    assert "Exec=deskwallet\n" in (appdir / "deskwallet.desktop").read_text()
    assert (appdir / ".DirIcon").resolve() == (appdir / "deskwallet.png").resolve()
    assert (appdir / "deskwallet.png").is_file()
    run_selftest(appdir / "AppRun", appdir, tmp_path / "run", built_commit)
    # The translations are in the package: the same status bar in Simplified Chinese.
    run_selftest(appdir / "AppRun", appdir, tmp_path / "run-zh", built_commit, block_text="区块")


# --- always: the pieces the packages rely on ------------------------------------------------------------

def test_bundled_anvil_comes_first_then_node_modules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from wallet.devnet import anvil
    from wallet.devnet.toolchain import anvil_binary

    monkeypatch.delenv("WALLET_ANVIL", raising=False)
    assert anvil.bundled_anvil() is None  # a source checkout: no bundle
    assert anvil.find_anvil() == anvil_binary()
    assert "node_modules" in anvil.find_anvil().parts

    bundle = tmp_path / "_internal"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(bundle), raising=False)
    assert anvil.find_anvil() == anvil_binary()  # a bundle without anvil falls back to node_modules
    shipped = bundle / "bin" / "anvil"
    shipped.parent.mkdir(parents=True)
    shipped.write_bytes(b"")
    assert anvil.find_anvil() == shipped
    monkeypatch.setenv("WALLET_ANVIL", "/elsewhere/anvil")
    assert anvil.find_anvil() == Path("/elsewhere/anvil")  # the user's explicit choice wins


def test_tarballs_of_one_tree_are_byte_identical(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    (tree / "sub").mkdir(parents=True)
    (tree / "sub" / "b.txt").write_text("b")
    (tree / "a.txt").write_text("a")
    (tree / "link").symlink_to("a.txt")
    linux_package.normalise_tree(tree, 1_700_000_000)
    first, second = tmp_path / "1.tar.gz", tmp_path / "2.tar.gz"
    linux_package.write_tar_gz(tree, first, "pkg-1", 1_700_000_000)
    (tree / "a.txt").touch()  # a later mtime on disk must not reach the archive
    linux_package.normalise_tree(tree, 1_700_000_000)
    linux_package.write_tar_gz(tree, second, "pkg-1", 1_700_000_000)
    assert first.read_bytes() == second.read_bytes()
    with tarfile.open(first) as archive:
        names = archive.getnames()
        assert names == ["pkg-1", "pkg-1/a.txt", "pkg-1/link", "pkg-1/sub", "pkg-1/sub/b.txt"]
        assert {(m.uid, m.gid, m.mtime) for m in archive.getmembers()} == {(0, 0, 1_700_000_000)}
        assert archive.getmember("pkg-1/link").linkname == "a.txt"


def test_normalised_modes(tmp_path: Path) -> None:
    program = tmp_path / "run.sh"
    program.write_text("#!/bin/sh\n")
    program.chmod(0o775)
    library = tmp_path / "libx.so.1"
    library.write_bytes(b"\x7fELF")
    library.chmod(0o775)
    data = tmp_path / "data.json"
    data.write_text("{}")
    data.chmod(0o600)
    linux_package.normalise_tree(tmp_path, 0)
    assert {p.name: p.stat().st_mode & 0o777 for p in (program, library, data)} == {
        "run.sh": 0o755, "libx.so.1": 0o644, "data.json": 0o644}
