"""Errors about the swap contract's data: calls, logs and records that are not what they claim."""

from __future__ import annotations

from wallet.errors import WalletError
from wallet.translatable import QT_TRANSLATE_NOOP


class HtlcDataError(WalletError, ValueError):
    """Calldata, a log or a record that is malformed or inconsistent. ``reason`` is one of the
    translatable fragments below: a node is hostile until proven otherwise, so this is expected."""

    template = QT_TRANSLATE_NOOP("WalletError", "Unreadable swap contract data: {reason}.")


NOT_AN_HTLC_CALL = QT_TRANSLATE_NOOP("WalletError", "not a call to the swap contract")
MALFORMED_CALL = QT_TRANSLATE_NOOP("WalletError", "malformed call data")
SECRET_NOT_32_BYTES = QT_TRANSLATE_NOOP("WalletError", "the secret is not 32 bytes")
LOG_FROM_ELSEWHERE = QT_TRANSLATE_NOOP("WalletError", "the log is not from the swap contract")
MALFORMED_LOG = QT_TRANSLATE_NOOP("WalletError", "malformed log")
SECRET_DOES_NOT_MATCH = QT_TRANSLATE_NOOP("WalletError", "the revealed secret does not match the hashlock")
ID_DOES_NOT_MATCH = QT_TRANSLATE_NOOP("WalletError", "the lock's id does not match its terms")
MALFORMED_RECORD = QT_TRANSLATE_NOOP("WalletError", "malformed swap record")
