"""Token amounts: integers on chain, decimal strings for people. Exact (Decimal), never float."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from wallet.errors import WalletError
from wallet.translatable import QT_TRANSLATE_NOOP

_AMOUNT_RE = re.compile(r"^\d+(\.\d*)?\Z|^\.\d+\Z")
MAX_RAW = 2**256 - 1


class AmountError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "Not a valid amount: {reason}")


def parse_units(text: str, decimals: int) -> int:
    """``"1.5"`` with 18 decimals → 1500000000000000000. Refuses signs, exponents and excess digits."""
    cleaned = text.strip().replace(",", "").replace("，", "")
    if not _AMOUNT_RE.match(cleaned):
        raise AmountError(reason=QT_TRANSLATE_NOOP("WalletError", "use digits and one decimal point"))
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise AmountError(reason=QT_TRANSLATE_NOOP("WalletError", "use digits and one decimal point")) from None
    scaled = value.scaleb(decimals)
    if scaled != scaled.to_integral_value():
        raise AmountError(reason=QT_TRANSLATE_NOOP("WalletError", "too many decimal places for this token"))
    raw = int(scaled)
    if raw > MAX_RAW:
        raise AmountError(reason=QT_TRANSLATE_NOOP("WalletError", "too large"))
    return raw


def format_units(raw: int, decimals: int, max_fraction_digits: int | None = None) -> str:
    """1500000000000000000 with 18 decimals → ``"1.5"``; rounds down when ``max_fraction_digits`` is set."""
    whole, fraction = divmod(raw, 10**decimals)
    digits = str(fraction).rjust(decimals, "0") if decimals else ""
    if max_fraction_digits is not None:
        digits = digits[:max_fraction_digits]
    digits = digits.rstrip("0")
    return f"{whole:,}" + (f".{digits}" if digits else "")


def usd_value(raw: int, decimals: int, price: Decimal | None) -> Decimal | None:
    """What ``raw`` units are worth at ``price`` dollars per whole unit (None: no price known)."""
    return None if price is None else Decimal(raw).scaleb(-decimals) * price
