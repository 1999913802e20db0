"""How a Trezor PIN travels: the device shows its digits scrambled on a 3×3 grid, the host shows a
blank grid and sends, for each cell clicked, that cell's number on a numeric keypad (7 8 9 on the
top row, 1 2 3 at the bottom). Kept apart from the driver so the UI can use it without trezorlib."""

from __future__ import annotations

from collections.abc import Callable

PIN_KEYPAD = "789456123"  # the keypad number of each cell, row by row from the top left
PinProvider = Callable[[], str | None]  # the PIN as keypad positions, or None when the person cancels
