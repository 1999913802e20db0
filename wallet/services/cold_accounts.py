"""Adding accounts whose keys are not on this computer: from a hardware wallet, or watch-only from an
address or an extended public key."""

from __future__ import annotations

from collections.abc import Callable

from wallet.accounts.model import Account, AccountKind
from wallet.chains.address import eth_address_from_public_key, parse_address
from wallet.errors import WalletError
from wallet.hw.device_signer import DeviceSigner
from wallet.keys.paths import EthPathLayout, validate_path
from wallet.store.accounts import AccountStore
from wallet.translatable import QT_TRANSLATE_NOOP

MAX_XPUB_ACCOUNTS = 100


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


