"""Which signer an account gets: decided by the account's kind, nothing else.

Hot accounts sign with the unlocked vault and never touch a device; hardware accounts sign only on
a connected device that proves, by deriving the account's path, that it holds the stored address
(another device or another passphrase gives another address, and is refused); watch-only and
air-gapped accounts have no signer here at all.

A device signer holds its device open: the caller closes it (``closing_signer``), and routing
closes every device it opened that turned out not to be the account's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from wallet.accounts.model import Account, AccountKind
from wallet.accounts.signer import Signer
from wallet.errors import WalletError
from wallet.hw.device_signer import DeviceSigner
from wallet.hw.discovery import device_signers
from wallet.hw.errors import DeviceError, DeviceNotFoundError
from wallet.hw.transport import HidBackend
from wallet.translatable import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from wallet.hw.trezor_prompts import TrezorPrompts
    from wallet.services.hot_wallet import HotWalletService


class WatchOnlyError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "{name} is watch-only: it can prepare transactions, not sign them.")


class AirGappedSigningError(WalletError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "{name} signs on an offline computer: export the request and import the signed result.")


class DeviceAddressMismatchError(DeviceError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "The connected device does not hold {name}: at {path} it has {actual}, not {expected}. "
        "Is it another device, or another passphrase?")


class SignerRouter:
    def __init__(self, hot_wallet: Callable[[], HotWalletService], hid_backend: HidBackend | None = None,
                 user_timeout_s: float | None = None, prompts: TrezorPrompts | None = None,
                 usb_context: Any | None = None) -> None:
        self._hot_wallet = hot_wallet
        self._hid_backend = hid_backend
        self._usb_context = usb_context
        self._user_timeout_s = user_timeout_s
        self._prompts = prompts

    def signer_for(self, account: Account) -> tuple[Signer, str | None]:
        if account.kind.is_hot:
            return self._hot_wallet().signer_for(account)
        if account.kind is AccountKind.HARDWARE:
            return self._device_signer(account), account.derivation_path
        if account.kind is AccountKind.AIRGAPPED:
            raise AirGappedSigningError(name=account.name)
        raise WatchOnlyError(name=account.name)

    def _device_signer(self, account: Account) -> Signer:
        if account.derivation_path is None:
            raise DeviceNotFoundError()
        mismatch: DeviceAddressMismatchError | None = None
        for signer in device_signers(self._hid_backend, self._prompts, self._user_timeout_s,
                                     self._usb_context):
            try:
                actual = signer.address(account.derivation_path)
            except BaseException:
                signer.close()
                raise
            if actual == account.address:
                return signer
            signer.close()
            mismatch = DeviceAddressMismatchError(name=account.name, path=account.derivation_path, actual=actual,
                                                  expected=account.address)
        raise mismatch or DeviceNotFoundError()


@contextmanager
def closing_signer(signer: Signer) -> Iterator[Signer]:
    """Uses ``signer``, then releases its device if it has one (a hot signer stays as it is)."""
    try:
        yield signer
    finally:
        if isinstance(signer, DeviceSigner):
            signer.close()
