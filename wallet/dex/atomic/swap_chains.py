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

from wallet.utxo.networks import BITCOIN_MAINNET, LITECOIN_MAINNET, UtxoNetwork
from wallet.utxo.registry import UtxoChain, UtxoRegistry

UTXO_CHAIN_BASE = 1 << 63
_COIN_NUMBER = {"BTC": 0, "LTC": 2}
# Chainparams' MAX_MONEY (21 and 84 million coins, in satoshis): no amount of a leg can be more.
MAX_MONEY = {0: 21_000_000 * 10**8, 2: 84_000_000 * 10**8}
# The least a UTXO leg may carry: its claim (or refund) pays its fee out of the contract, about 180
# vbytes, so below this a claim at a busy day's rate would cost more than it gets.
MIN_UTXO_SWAP_AMOUNT = 10_000
_KIND_NUMBER = {"mainnet": 0, "testnet": 1, "regtest": 2}


def is_utxo_chain(chain_number: int) -> bool:
    return chain_number >= UTXO_CHAIN_BASE


def is_known_utxo_number(chain_number: int) -> bool:
    """Whether a UTXO chain number names a coin and kind this wallet knows (registry entry or not)."""
    coin, kind = divmod(chain_number - UTXO_CHAIN_BASE, 16)
    return is_utxo_chain(chain_number) and coin in MAX_MONEY and kind in _KIND_NUMBER.values()


def utxo_timing(chain_number: int) -> UtxoNetwork | None:
    """The coin's mainnet consensus constants, for its block interval (its testnet and regtest keep
    the same one): what ``utxo_htlc.median_time_lag_s`` needs. None for an unknown coin."""
    coin = (chain_number - UTXO_CHAIN_BASE) // 16
    return {0: BITCOIN_MAINNET, 2: LITECOIN_MAINNET}.get(coin) if is_utxo_chain(chain_number) else None


def utxo_amount_possible(chain_number: int, amount: int) -> bool:
    """Whether ``amount`` (smallest units) can be a UTXO leg's: at least ``MIN_UTXO_SWAP_AMOUNT``, at
    most the coin's whole supply (an unknown coin has none)."""
    coin = (chain_number - UTXO_CHAIN_BASE) // 16
    return coin in MAX_MONEY and MIN_UTXO_SWAP_AMOUNT <= amount <= MAX_MONEY[coin]


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
