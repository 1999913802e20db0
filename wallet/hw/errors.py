"""What can go wrong with a hardware wallet, in words a user can act on (one vocabulary for every
vendor, as HWI does: the caller never branches on Ledger or Trezor)."""

from __future__ import annotations

from wallet.errors import WalletError
from wallet.translatable import QT_TRANSLATE_NOOP


class DeviceError(WalletError):
    """Any hardware-wallet failure."""


class DeviceNotFoundError(DeviceError):
    template = QT_TRANSLATE_NOOP("WalletError", "No hardware wallet is connected. Plug it in and unlock it.")


class DevicePermissionError(DeviceError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "The system does not let this app open the device. On Linux, install the udev rules "
        "from installer/linux and plug the device in again.")


class DeviceBusyError(DeviceError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "Another program is using the device. Close Trezor Suite or Trezor Bridge and try again.")


class DeviceLockedError(DeviceError):
    template = QT_TRANSLATE_NOOP("WalletError", "The device is locked. Enter its PIN on the device and try again.")


class PassphraseNeededError(DeviceError):
    template = QT_TRANSLATE_NOOP("WalletError", "The device asks for its passphrase, and none can be entered here.")


class WrongPinError(DeviceError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "The device did not accept the PIN. It waits longer after each wrong try; check the "
        "digits' positions on its screen and try again.")


class WrongAppError(DeviceError):
    template = QT_TRANSLATE_NOOP("WalletError", "Open the {app} app on the device and try again.")


class UserRejectedError(DeviceError):
    template = QT_TRANSLATE_NOOP("WalletError", "You rejected the request on the device. Nothing was signed.")


class BlindSigningDisabledError(DeviceError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "The device refused the data: enable blind signing in the Ethereum app's settings, or "
        "check the transaction.")


class DeviceDisconnectedError(DeviceError):
    template = QT_TRANSLATE_NOOP("WalletError", "The device was disconnected. Reconnect it and try again; nothing "
                                 "was signed.")


class DeviceTimeoutError(DeviceError):
    template = QT_TRANSLATE_NOOP("WalletError", "The device did not answer within {seconds} s.")


class DeviceProtocolError(DeviceError):
    template = QT_TRANSLATE_NOOP("WalletError", "The device sent something unexpected: {reason}")


class DeviceStatusError(DeviceError):
    template = QT_TRANSLATE_NOOP("WalletError", "The device answered with error 0x{status:04x}.")


class PassphraseTooLongError(DeviceError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "The passphrase is longer than the device accepts: at most {limit} bytes (a letter outside "
        "A–Z takes two to four). It was not sent.")


class SessionEndedError(DeviceError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "The device ended this app's session, perhaps because another program used it. Try again "
        "(a passphrase, if the device uses one, is asked again).")


class DeviceNotSetUpError(DeviceError):
    template = QT_TRANSLATE_NOOP("WalletError", "The device holds no wallet yet. Set it up with its maker's app first.")


class DeviceWaitingError(DeviceError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "The device is waiting for something else (a confirmation on its screen, or another "
        "program). Finish or cancel it there, or reconnect the device, and try again.")


class DeviceRefusedDataError(DeviceError):
    template = QT_TRANSLATE_NOOP("WalletError", "The device refused the request as invalid ({detail}). Nothing was "
                                 "signed.")


class DeviceProcessError(DeviceError):
    template = QT_TRANSLATE_NOOP("WalletError", "The device could not complete the request ({detail}). Nothing was "
                                 "signed.")


class DeviceFirmwareError(DeviceError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "The device reported an internal error. Restart it and try again; if it happens again, "
        "update its firmware.")


class DeviceFailureError(DeviceError):
    template = QT_TRANSLATE_NOOP("WalletError", "The device refused the request (error {code}). Nothing was signed.")
