"""EIP-681 payment URIs: ``ethereum:<address>[@chain][/transfer]?value=…`` / ``?address=…&uint256=…``.

Parsed for the recipient field (a pasted or scanned request) and built for the Receive page's QR code.
Numbers may use EIP-681's scientific notation (``value=2.014e18``); they must come out as exact
integers or the URI is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from urllib.parse import parse_qs, quote

from wallet.chains.address import AddressError, parse_address
from wallet.errors import WalletError
from wallet.translatable import QT_TRANSLATE_NOOP

_URI_RE = re.compile(r"^ethereum:(?:pay-)?(0x[0-9a-fA-F]{40})(?:@(\d+))?(?:/([A-Za-z_][A-Za-z0-9_]*))?(?:\?(.*))?\Z")


class PaymentUriError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "Not a usable payment request: {reason}")


@dataclass(frozen=True)
class PaymentRequest:
    recipient: str  # who is paid
    chain_id: int | None
    token: str | None  # ERC-20 contract for token payments
    amount: int | None  # raw units (wei for the coin)


def parse_payment_uri(uri: str) -> PaymentRequest:
    match = _URI_RE.match(uri.strip())
    if match is None:
        raise PaymentUriError(reason=QT_TRANSLATE_NOOP("WalletError", "it is not an ethereum: address link"))
    target, chain, function, query = match.groups()
    params = {k: v[0] for k, v in parse_qs(query or "", keep_blank_values=True, strict_parsing=False).items()}
    try:
        target = parse_address(target)
        chain_id = int(chain) if chain else None
        if function is None:
            return PaymentRequest(target, chain_id, None, _number(params["value"]) if "value" in params else None)
        if function != "transfer" or "address" not in params:
            raise PaymentUriError(reason=QT_TRANSLATE_NOOP("WalletError", "only payments and token transfers"))
        amount = _number(params["uint256"]) if "uint256" in params else None
        return PaymentRequest(parse_address(params["address"]), chain_id, target, amount)
    except AddressError:
        raise PaymentUriError(reason=QT_TRANSLATE_NOOP("WalletError", "an address in it is invalid")) from None


def build_payment_uri(recipient: str, chain_id: int, amount: int | None = None, token: str | None = None) -> str:
    recipient = parse_address(recipient)
    if token is None:
        return f"ethereum:{recipient}@{chain_id}" + (f"?value={amount}" if amount else "")
    query = f"address={quote(recipient)}" + (f"&uint256={amount}" if amount else "")
    return f"ethereum:{parse_address(token)}@{chain_id}/transfer?{query}"


def _number(text: str) -> int:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise PaymentUriError(reason=QT_TRANSLATE_NOOP("WalletError", "an amount in it is not a number")) from None
    if value < 0 or value != value.to_integral_value() or value >= 2**256:
        raise PaymentUriError(reason=QT_TRANSLATE_NOOP("WalletError", "an amount in it is not a whole number"))
    return int(value)
