"""What a mined swap delivered, read from its receipt's logs (JSON-RPC form).

A token arrives as ERC-20 ``Transfer`` events to the recipient (two of them for a split). The coin
arrives as an internal transfer, which leaves no log; but every router gets it by unwrapping, so it
equals the wrapped coin's ``Withdrawal`` events by the router (``unwrapWETH9`` and
``UniswapV2Router02``'s ``...ETH`` functions both withdraw exactly what they then pay out).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from wallet.chains.address import keccak256

TRANSFER_TOPIC = keccak256(b"Transfer(address,address,uint256)")
WITHDRAWAL_TOPIC = keccak256(b"Withdrawal(address,uint256)")


def amount_received(logs: Iterable[Mapping[str, Any]], token: str | None, recipient: str, weth: str,
                    router: str) -> int:
    """The amount of ``token`` (None: the chain's coin) that ``recipient`` received in these logs."""
    if token is None:
        return sum(_amount(log) for log in logs if _is(log, weth, WITHDRAWAL_TOPIC, router, index=1))
    return sum(_amount(log) for log in logs if _is(log, token, TRANSFER_TOPIC, recipient, index=2))


def _is(log: Mapping[str, Any], contract: str, topic: bytes, party: str, index: int) -> bool:
    topics = [bytes.fromhex(str(t).removeprefix("0x")) for t in log.get("topics", [])]
    return (str(log.get("address", "")).lower() == contract.lower() and len(topics) > index
            and topics[0] == topic and topics[index] == bytes(12) + bytes.fromhex(party.removeprefix("0x")))


def _amount(log: Mapping[str, Any]) -> int:
    return int.from_bytes(bytes.fromhex(str(log.get("data", "0x")).removeprefix("0x"))[:32], "big")
