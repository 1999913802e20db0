"""Chain numbers of swap offers for Bitcoin-family chains, which have no EIP-155 chain id.

An offer names each leg's chain by a 64-bit number. For an EVM chain it is the chain id; for a
UTXO chain it is ``2⁶³ + 16 × coin + kind`` (coin: SLIP-44's number of the coin — 0 Bitcoin,
2 Litecoin; kind: 0 mainnet, 1 testnet, 2 regtest). EIP-2294 bounds EVM chain ids below
2⁶³ / 2 − 36, so the two ranges never meet, and an offer's bytes say which kind of leg it is.

On a UTXO leg the offer's 20-byte "address" fields hold HASH160 of a public key: the key that
claims or refunds the leg's contract, which is also the witness program of that key's P2WPKH
address (the claim and the refund pay there).
"""

from __future__ import annotations

from embit import bech32  # type: ignore[import-untyped, unused-ignore]

from wallet.utxo.registry import UtxoChain, UtxoRegistry

UTXO_CHAIN_BASE = 1 << 63
_COIN_NUMBER = {"BTC": 0, "LTC": 2}
_KIND_NUMBER = {"mainnet": 0, "testnet": 1, "regtest": 2}


def is_utxo_chain(chain_number: int) -> bool:
    return chain_number >= UTXO_CHAIN_BASE


def utxo_chain_number(chain: UtxoChain) -> int:
    return UTXO_CHAIN_BASE + 16 * _COIN_NUMBER[chain.coin] + _KIND_NUMBER[chain.kind]


def utxo_chain_by_number(registry: UtxoRegistry, chain_number: int) -> UtxoChain | None:
    known = (chain for chain in registry if chain.coin in _COIN_NUMBER)
    return next((chain for chain in known if utxo_chain_number(chain) == chain_number), None)


def pkh_field(pkh: bytes) -> str:
    """A public key hash in an offer's address field (``0x`` + 40 hex digits)."""
    if len(pkh) != 20:
        raise ValueError("a public key hash is 20 bytes")
    return "0x" + pkh.hex()


def field_pkh(field: str) -> bytes:
    return bytes.fromhex(field[2:])


def pkh_address(field: str, chain: UtxoChain) -> str:
    """The P2WPKH address an offer's field names on ``chain`` (what a person compares)."""
    return str(bech32.encode(chain.bech32_hrp, 0, field_pkh(field)))
