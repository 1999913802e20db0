"""BIP-84 (native SegWit, P2WPKH) accounts of Bitcoin and Litecoin, from an account-level extended
public key (zpub on mainnet, vpub on testnet and regtest).

embit does the BIP-32 public derivation, the scripts and the bech32 encoding; the networks are
embit's dicts with each coin's bech32 prefix (Litecoin: ``ltc``, ``tltc``, regtest ``rltc``). An
account holds no private key: a hot wallet signs with its seed (``wallet.utxo.spend``), a watch-only
one exports PSBTs whose BIP-32 derivations name the key's origin (master fingerprint and path), as
descriptors write ``[fingerprint/84h/coin'h/account'h]vpub…``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from embit import base58, bech32, bip32, hashes  # type: ignore[import-untyped]
from embit import script as scripts
from embit.networks import NETWORKS  # type: ignore[import-untyped]

from wallet.errors import WalletError
from wallet.translatable import QT_TRANSLATE_NOOP
from wallet.utxo.networks import BITCOIN_MAINNET, BITCOIN_REGTEST, LITECOIN_MAINNET, LITECOIN_REGTEST, UtxoNetwork

RECEIVE, CHANGE = 0, 1
HARDENED = 0x80000000
ZPUB = bytes.fromhex("04b24746")  # BIP-84 mainnet account key
VPUB = bytes.fromhex("045f1cf6")  # BIP-84 testnet/regtest account key


class InvalidAccountKeyError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "This is not a {network} account key (zpub or vpub): {reason}")


class WrongNetworkAddressError(WalletError):
    template = QT_TRANSLATE_NOOP("WalletError", "{address} is not a {network} address")


@dataclass(frozen=True)
class CoinParams:
    """What derives and encodes a network's addresses: the consensus side (``network``), the BIP-44
    coin type, the bech32 prefix and embit's version bytes."""

    network: UtxoNetwork
    coin_type: int
    hrp: str
    public_version: bytes  # zpub or vpub
    embit_network: dict[str, Any]
    uri_scheme: str  # BIP-21: "bitcoin", "litecoin"

    @property
    def name(self) -> str:
        return self.network.name


def _embit_network(base: str, hrp: str) -> dict[str, Any]:
    return {**NETWORKS[base], "bech32": hrp}


BITCOIN = CoinParams(BITCOIN_MAINNET, 0, "bc", ZPUB, _embit_network("main", "bc"), "bitcoin")
BITCOIN_REGTEST_PARAMS = CoinParams(BITCOIN_REGTEST, 1, "bcrt", VPUB, _embit_network("regtest", "bcrt"), "bitcoin")
LITECOIN = CoinParams(LITECOIN_MAINNET, 2, "ltc", ZPUB, _embit_network("main", "ltc"), "litecoin")
LITECOIN_REGTEST_PARAMS = CoinParams(LITECOIN_REGTEST, 1, "rltc", VPUB, _embit_network("regtest", "rltc"),
                                     "litecoin")


@dataclass(frozen=True)
class KeyOrigin:
    """Where the account key comes from: the master key's fingerprint and the path to the account."""

    fingerprint: bytes
    path: tuple[int, ...]


def account_path(params: CoinParams, account: int = 0) -> tuple[int, ...]:
    return (84 + HARDENED, params.coin_type + HARDENED, account + HARDENED)


def account_from_root(root: Any, params: CoinParams, account: int = 0) -> Bip84Account:
    """The watch-only account ``m/84'/coin'/account'`` of an embit root ``HDKey`` (a signer's)."""
    path = account_path(params, account)
    node = root.derive(list(path)).to_public()
    return Bip84Account(node.to_base58(version=params.public_version), params,
                        KeyOrigin(root.my_fingerprint, path))


class Bip84Account:
    """Receive (chain 0) and change (chain 1) addresses of one BIP-84 account. Thread-safe: it
    caches derived public keys only."""

    def __init__(self, extended_public_key: str, params: CoinParams, origin: KeyOrigin | None = None) -> None:
        self.params = params
        try:
            key = bip32.HDKey.from_string(extended_public_key.strip())
        except Exception:  # embit raises assorted errors on bad base58, checksums and lengths
            raise InvalidAccountKeyError(network=params.name, reason=QT_TRANSLATE_NOOP(
                "WalletError", "it cannot be decoded")) from None
        if key.is_private:
            raise InvalidAccountKeyError(network=params.name, reason=QT_TRANSLATE_NOOP(
                "WalletError", "it is a private key; give the public one"))
        if key.version != params.public_version:
            raise InvalidAccountKeyError(network=params.name, reason=QT_TRANSLATE_NOOP(
                "WalletError", "it is for another network or address type"))
        if key.depth != 3:
            raise InvalidAccountKeyError(network=params.name, reason=QT_TRANSLATE_NOOP(
                "WalletError", "it is not an account-level key (depth 3)"))
        self._key = key
        self.extended_public_key = key.to_base58(version=params.public_version)
        # Without a known origin, PSBTs name the account key itself (its own fingerprint, empty path):
        # a signer holding the account's extended private key can sign them.
        self.origin = origin or KeyOrigin(hashes.hash160(key.key.sec())[:4], ())
        self._chains = [key.child(RECEIVE), key.child(CHANGE)]
        self._keys: dict[tuple[int, int], bytes] = {}

    def public_key(self, chain: int, index: int) -> bytes:
        """The compressed public key at ``chain/index``."""
        if chain not in (RECEIVE, CHANGE) or not 0 <= index < HARDENED:
            raise ValueError("chain is 0 or 1 and index below 2^31")
        cached = self._keys.get((chain, index))
        if cached is None:
            cached = self._keys[(chain, index)] = bytes(self._chains[chain].child(index).key.sec())
        return cached

    def script(self, chain: int, index: int) -> bytes:
        """The P2WPKH output script ``0 <hash160(key)>``."""
        return b"\x00\x14" + bytes(hashes.hash160(self.public_key(chain, index)))

    def address(self, chain: int, index: int) -> str:
        return script_address(self.script(chain, index), self.params)

    def derivation(self, chain: int, index: int) -> tuple[bytes, tuple[int, ...]]:
        """The key's origin for a PSBT: master fingerprint and full path."""
        return self.origin.fingerprint, (*self.origin.path, chain, index)


def script_address(script: bytes, params: CoinParams) -> str:
    return str(scripts.Script(script).address(network=params.embit_network))


def address_script(address: str, params: CoinParams) -> bytes:
    """The output script an address pays to: a SegWit (bech32/bech32m) address of the network, or a
    legacy base58 one (P2PKH, P2SH: exchanges still give them); ``WrongNetworkAddressError`` for
    anything else (another network's prefix or version byte, a typo)."""
    text = address.strip()
    prefix = text.lower().rpartition("1")[0]
    if prefix == params.hrp:
        version, program = bech32.decode(params.hrp, text)
        if version is not None and program is not None:
            return bytes([0x50 + version if version else 0, len(program)]) + bytes(program)
        raise WrongNetworkAddressError(address=text[:100], network=params.name)
    return _legacy_script(text, params)


# Base58 version bytes (chainparams.cpp ``base58Prefixes``): P2PKH, then P2SH. Litecoin also takes
# Bitcoin's P2SH byte ("3…", its SCRIPT_ADDRESS) beside its own ("M…"/"Q…", SCRIPT_ADDRESS2); every
# testnet and regtest shares the testnet bytes.
_BASE58_VERSIONS = {
    ("BTC", True): (0x00, (0x05,)), ("BTC", False): (0x6F, (0xC4,)),
    ("LTC", True): (0x30, (0x32, 0x05)), ("LTC", False): (0x6F, (0x3A, 0xC4)),
}


def _legacy_script(text: str, params: CoinParams) -> bytes:
    try:
        payload = bytes(base58.decode_check(text))
    except Exception:  # embit raises assorted errors on bad base58 and checksums
        payload = b""
    versions = _BASE58_VERSIONS.get((params.network.coin, params.public_version == ZPUB))
    if len(payload) != 21 or versions is None:
        raise WrongNetworkAddressError(address=text[:100], network=params.name)
    pubkey_hash_version, script_hash_versions = versions
    if payload[0] == pubkey_hash_version:  # OP_DUP OP_HASH160 <20> OP_EQUALVERIFY OP_CHECKSIG
        return b"\x76\xa9\x14" + payload[1:] + b"\x88\xac"
    if payload[0] in script_hash_versions:  # OP_HASH160 <20> OP_EQUAL
        return b"\xa9\x14" + payload[1:] + b"\x87"
    raise WrongNetworkAddressError(address=text[:100], network=params.name)


def payment_uri(address: str, params: CoinParams, amount: int | None = None, label: str | None = None) -> str:
    """A BIP-21 URI for a Receive QR code: ``litecoin:ltc1…?amount=0.5&label=…``. The address is
    checked against the network; ``amount`` is in the smallest unit and written in whole coins
    without exponent or trailing zeros; the address is upper-cased (BIP-173: a QR code's
    alphanumeric mode) only when nothing follows it."""
    address_script(address, params)
    query = []
    if amount is not None:
        if amount <= 0:
            raise ValueError("a requested amount is positive")
        query.append("amount=" + format((Decimal(amount) / 10**8).normalize(), "f"))
    if label:
        query.append("label=" + quote(label, safe=""))
    if not query:
        return f"{params.uri_scheme}:{address.upper()}"
    return f"{params.uri_scheme}:{address}?" + "&".join(query)
