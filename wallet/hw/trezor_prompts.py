"""What a Trezor may ask the person in the middle of an operation, and how the answers travel.

PIN: the device shows its digits scrambled on a 3×3 grid, the host shows a blank grid and sends, for
each cell clicked, that cell's number on a numeric keypad (7 8 9 on the top row, 1 2 3 at the
bottom). Passphrase: typed on the host and sent as is (an empty one opens the standard wallet).
Kept apart from the driver so the UI can use it without loading trezorlib.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

PIN_KEYPAD = "789456123"  # the keypad number of each cell, row by row from the top left
MAX_PIN_DIGITS = 50  # the bound trezorlib checks before it sends a PIN
MAX_PASSPHRASE_BYTES = 50  # UTF-8 bytes after NFKD: the firmware's PassphraseAck holds no more
PinProvider = Callable[[], str | None]  # the PIN as keypad positions, or None when the person cancels
PassphraseProvider = Callable[[], str | None]  # the passphrase, or None when the person cancels


@dataclass(frozen=True)
class TrezorPrompts:
    pin: PinProvider | None = None
    passphrase: PassphraseProvider | None = None
