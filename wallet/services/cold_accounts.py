"""Adding accounts whose keys are not on this computer: from a hardware wallet, or watch-only from an
address or an extended public key; and what on this computer keeps a hardware wallet from being found."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from wallet.accounts.model import Account, AccountKind
from wallet.chains.address import eth_address_from_public_key, parse_address
from wallet.errors import WalletError
from wallet.keys.paths import EthPathLayout, validate_path
from wallet.store.accounts import AccountStore
from wallet.translatable import QT_TRANSLATE_NOOP

if TYPE_CHECKING:  # the device stack (rlp, eth_utils) loads with the first device, not with the UI
    from wallet.hw.device_signer import DeviceSigner

MAX_XPUB_ACCOUNTS = 100
# Where udev reads rules from (systemd's search path), and the USB vendor ids of the devices we support.
UDEV_RULES_DIRS = (Path("/etc/udev/rules.d"), Path("/run/udev/rules.d"), Path("/usr/lib/udev/rules.d"),
                   Path("/lib/udev/rules.d"))
WALLET_USB_VENDOR_IDS = ("2c97", "534c", "1209")  # Ledger, Trezor One, Trezor Model T / Safe
UDEV_RULES_FILE = "installer/linux/20-hardware-wallets.rules"


class ExtendedKeyError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "Not a usable extended public key: {reason}")


class DerivationPathError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "“{path}” is not a derivation path like m/44'/60'/0'/0/0.")


def device_accounts(open_device: Callable[[], DeviceSigner], layout: EthPathLayout, start: int,
                    count: int) -> list[tuple[str, str]]:
    """(path, address) pairs read from the device, for the user to pick from; the device is
    opened for this and closed after."""
    with open_device() as signer:
        return [(layout.path(i), signer.address(layout.path(i))) for i in range(start, start + count)]


def add_hardware_account(store: AccountStore, name: str, path: str, address: str, device_kind: str) -> Account:
    """A device account; ``secret_id`` names the kind of device that holds its key."""
    return store.add(name, AccountKind.HARDWARE, parse_address(address), path, device_kind)


def add_offline_signer(store: AccountStore, name: str, address: str, path: str) -> Account:
    """An account whose key lives on an offline computer: requests go out, signed results come back."""
    try:
        path = validate_path(path.strip())
    except ValueError:
        raise DerivationPathError(path=path) from None
    return store.add(name, AccountKind.AIRGAPPED, parse_address(address), path)


def add_watch_address(store: AccountStore, name: str, address: str) -> Account:
    return store.add(name, AccountKind.WATCH, parse_address(address))


def add_watch_xpub(store: AccountStore, name: str, xpub: str, count: int = 5) -> list[Account]:
    """The first ``count`` receiving addresses (``0/i``) below an account-level xpub, watch-only."""
    from bip_utils import Bip32KeyError, Bip32Secp256k1

    if not 1 <= count <= MAX_XPUB_ACCOUNTS:
        raise ValueError(f"count must be 1 to {MAX_XPUB_ACCOUNTS}")
    try:
        node = Bip32Secp256k1.FromExtendedKey(xpub.strip())
    except (Bip32KeyError, ValueError):
        raise ExtendedKeyError(reason=QT_TRANSLATE_NOOP("WalletError", "it does not decode as an xpub")) from None
    if not node.IsPublicOnly():
        # An xprv holds private keys: refuse it rather than keep a secret in a watch-only account.
        raise ExtendedKeyError(reason=QT_TRANSLATE_NOOP("WalletError", "it is a private key (xprv), not an xpub"))
    accounts = []
    for index in range(count):
        child = node.DerivePath(f"0/{index}")
        address = eth_address_from_public_key(bytes(child.PublicKey().RawCompressed().ToBytes()))
        accounts.append(store.add(f"{name} {index + 1}", AccountKind.WATCH, address, None, None, xpub.strip()))
    return accounts




@dataclass(frozen=True)
class UsbAccess:
    """What this computer lacks to reach hardware wallets: the udev rules that let a normal user open
    them (Linux), and libusb, without which WebUSB Trezors (Model T, Safe) cannot be found."""

    udev_rules_missing: bool
    libusb_missing: bool


def usb_access(libusb_present: bool, platform: str = sys.platform,
               rules_dirs: Iterable[Path] = UDEV_RULES_DIRS) -> UsbAccess:
    """Blocking (reads the udev rule files): call it from a task."""
    return UsbAccess(platform.startswith("linux") and not _udev_rules_installed(rules_dirs), not libusb_present)


def libusb_installed() -> bool:
    from wallet.hw.webusb import system_usb_context

    context = system_usb_context()
    if context is None:
        return False
    context.close()
    return True


def _udev_rules_installed(rules_dirs: Iterable[Path]) -> bool:
    """Whether any udev rule names a wallet vendor (ours, or the vendors' own rule files)."""
    for directory in rules_dirs:
        try:
            files = sorted(directory.glob("*.rules"))
        except OSError:
            continue
        for path in files:
            try:
                text = path.read_text(encoding="utf-8", errors="replace").lower()
            except OSError:
                continue
            if any(f'idvendor}}=="{vendor}"' in text for vendor in WALLET_USB_VENDOR_IDS):
                return True
    return False
