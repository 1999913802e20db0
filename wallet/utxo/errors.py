"""Typed errors of the UTXO side. Every server is named by ``host:port`` (``server``); reasons are
translatable fragments or nested ``WalletError``s."""

from __future__ import annotations

from wallet.errors import WalletError
from wallet.translatable import QT_TRANSLATE_NOOP


class ElectrumError(WalletError):
    """Any failure to get a usable, believable answer from an Electrum server."""


class ElectrumUnreachableError(ElectrumError):
    template = QT_TRANSLATE_NOOP("WalletError", "Cannot reach the Electrum server at {server}: {reason}")


class ElectrumTimeoutError(ElectrumError):
    template = QT_TRANSLATE_NOOP("WalletError", "The Electrum server at {server} did not answer within {seconds} s")


class ElectrumSilentError(ElectrumTimeoutError):
    template = QT_TRANSLATE_NOOP("WalletError",
                                 "The Electrum server at {server} is silent: no reply within {seconds} s")


class ElectrumProtocolError(ElectrumError):
    template = QT_TRANSLATE_NOOP("WalletError", "The Electrum server at {server} sent an invalid reply: {reason}")


class ElectrumReplyTooLargeError(ElectrumProtocolError):
    template = QT_TRANSLATE_NOOP("WalletError", "The Electrum server at {server} sent a reply larger than {limit}")


class ElectrumVersionError(ElectrumError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "The Electrum server at {server} does not speak protocol {wanted} (it offers {offered})")


class ElectrumRemoteError(ElectrumError):
    """The server answered with a JSON-RPC error object: it works, and refused this request (an
    unknown transaction, a broadcast the node rejected). Believed, not failed over."""

    template = QT_TRANSLATE_NOOP("WalletError", "The Electrum server at {server} refused {method}: {message}")


class CertificateChangedError(ElectrumError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "The Electrum server at {server} presented another TLS certificate than the one it "
        "showed the first time (SHA-256 {fingerprint}); it was not used")


class WrongNetworkError(ElectrumError):
    template = QT_TRANSLATE_NOOP(
        "WalletError", "The Electrum server at {server} serves another chain (genesis {actual}), not {network}; "
        "it was not used")


class ServerCaughtLyingError(ElectrumError):
    """What the server said failed a check against proof of work or a Merkle proof: it is dropped."""

    template = QT_TRANSLATE_NOOP("WalletError",
                                 "The Electrum server at {server} was caught lying and dropped: {reason}")


class AllServersFailedError(ElectrumError):
    template = QT_TRANSLATE_NOOP("WalletError", "No Electrum server for {network} could be used. Last error: {last}")


class ProofFailedError(WalletError):
    """What a server said contradicts proof of work or a Merkle proof: the server lied (or is broken
    beyond trust), and ``ElectrumClient.call`` drops it."""


class InvalidHeaderError(ProofFailedError):
    template = QT_TRANSLATE_NOOP("WalletError", "Block header {height} is invalid: {reason}")


class InvalidProofError(ProofFailedError):
    template = QT_TRANSLATE_NOOP("WalletError", "The proof for transaction {txid} is invalid: {reason}")


class BeforeCheckpointError(WalletError):
    """Not the server's fault: the wallet checks headers only from its checkpoint on."""

    template = QT_TRANSLATE_NOOP(
        "WalletError", "Transaction {txid} is in block {height}, before the blocks this wallet checks (from {first})")


class WeakerBranchError(WalletError):
    """Headers that verify but form a branch with no more work than ours: the server follows a
    stale branch (or is behind on another one). Not a lie, and not to be followed."""

    template = QT_TRANSLATE_NOOP(
        "WalletError", "The headers from block {height} on form a branch with less work than the chain already held")
